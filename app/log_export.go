package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder("YYYY-MM-DD (optional)")
	to.SetPlaceHolder("YYYY-MM-DD (optional, inclusive)")
	form := widget.NewForm(widget.NewFormItem("Member", member), widget.NewFormItem("From", from), widget.NewFormItem("To", to))
	var f *formDialog
	f = newFormDialog(t.s.win, "Export to Markdown", "Choose file…", form, fyne.NewSize(520, 300), func() error {
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
		l, err := t.store.WholeLog(context.Background())
		if err != nil {
			return err
		}
		t.saveFile("log.md", func(w fyne.URIWriteCloser) error { return worklog.WriteMarkdown(w, l, scope, t.s.viewer) })
		return nil
	}, nil)
	f.dlg.Show()
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
		dialog.ShowInformation("No 1:1 cadence", "Set a cadence for a member (1:1s view) to export their 1:1s as a recurring event.", t.s.win)
		return
	}
	t.saveFile("one-on-ones.ics", func(w fyne.URIWriteCloser) error {
		return calendar.Publish(context.Background(), w, cal, t.store, now)
	})
}

// saveFile asks where to save and writes the file with write.
func (t *logTab) saveFile(name string, write func(w fyne.URIWriteCloser) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			t.showError(err)
			return
		}
		if w == nil {
			return
		}
		if err := write(w); err != nil {
			w.Close()
			t.showError(fmt.Errorf("write %s: %w", w.URI().Name(), err))
			return
		}
		if err := w.Close(); err != nil {
			t.showError(err)
		}
	}, t.s.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
