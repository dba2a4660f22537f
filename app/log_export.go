package app

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/worklog"
)

// onExportMarkdown asks what to export (everyone or one member, an optional
// date range) and where to, then writes the Markdown.
func (t *logTab) onExportMarkdown() {
	member := widget.NewSelect(append([]string{everyone}, t.memberNames()...), nil)
	member.SetSelected(everyone)
	from, to := newEntry(), newEntry()
	from.SetPlaceHolder("YYYY-MM-DD (optional)")
	to.SetPlaceHolder("YYYY-MM-DD (optional, inclusive)")
	form := widget.NewForm(widget.NewFormItem("Member", member), widget.NewFormItem("From", from), widget.NewFormItem("To", to))
	hint := widget.NewLabel("Dates are days in " + zoneTitle(t.s.viewer) + ".")
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	f := newFormDialog(t.s, "Export to Markdown", "Choose file…", container.NewVBox(form, hint), fyne.NewSize(520, 320), func() error {
		scope := worklog.Scope{}
		if member.Selected != everyone {
			scope.Member = member.Selected
		}
		var err error
		if scope.From, err = parseDay("from", from.Text, t.s.viewer, 0); err != nil {
			return err
		}
		if scope.To, err = parseDay("to", to.Text, t.s.viewer, 1); err != nil {
			return err
		}
		name := "log"
		if scope.Member != "" {
			name = "log-" + scope.Member
		}
		t.s.saveFileCtx(name, ".md", func(ctx context.Context, w io.Writer) error {
			l, err := t.store.WholeLog(ctx)
			if err != nil {
				return err
			}
			return worklog.WriteMarkdown(w, l, scope, t.s.viewer)
		})
		return nil
	}, nil)
	f.show()
}

// onExportICS writes every member's 1:1 cadence as a recurring event.
func (t *logTab) onExportICS() {
	ss, err := t.store.OneOnOneSchedules(context.Background())
	if err != nil {
		t.showError(err)
		return
	}
	now := t.s.now()
	cal := calfeed.OneOnOneCalendar(ss, now, now.AddDate(1, 0, 0), now)
	if len(cal.Events) == 0 {
		t.s.info("No 1:1 cadence", "Set a cadence for a member (1:1s view) to export their 1:1s as a recurring event.")
		return
	}
	t.s.saveFileCtx("one-on-ones", ".ics", func(ctx context.Context, w io.Writer) error {
		return calendar.Publish(ctx, w, cal, t.store, now)
	})
}
