package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// timeOffStore is what the time-off editor needs from storage.
type timeOffStore interface {
	Members(ctx context.Context) ([]roster.Member, error)
	AddTimeOff(ctx context.Context, memberID int64, t roster.TimeOff) (roster.TimeOff, error)
	DeleteTimeOff(ctx context.Context, id int64) error
	ClearTimeOffSource(ctx context.Context, member, source string) (int, error)
}

// timeOffEditor lists a member's coming time off, deletes entries and adds
// new ones by hand; dates and times are in the member's zone.
type timeOffEditor struct {
	s     *session
	store timeOffStore
	m     roster.Member
	loc   *time.Location
	done  func()
	shown []roster.TimeOff

	list                       *widget.List
	empty                      *widget.Label
	from, to, fromTime, toTime *widget.Entry
	allDay                     *widget.Check
	summary                    *widget.Entry
	errLabel                   *widget.Label
	add, importB               *widget.Button
	// sources picks an imported calendar file; clearB removes all it brought.
	sources *widget.Select
	clearB  *widget.Button
	dlg     dialog.Dialog
}

// showTimeOffEditor opens the time off of m; done runs after every change.
func showTimeOffEditor(s *session, m roster.Member, done func()) *timeOffEditor {
	loc, err := m.Location()
	if err != nil {
		dialog.ShowError(fmt.Errorf("member %q: zone %w", m.Name, err), s.win)
		return nil
	}
	e := &timeOffEditor{s: s, store: s.db, m: m, loc: loc, done: done}
	e.list = widget.NewList(func() int { return len(e.shown) }, e.newRow, e.updateRow)
	e.empty = widget.NewLabel("No time off ahead.")
	today := timezone.DateOf(s.now().In(loc))
	e.from = dateEntry(today.String())
	e.to = dateEntry(today.String())
	e.fromTime = clockEntry("09:00")
	e.toTime = clockEntry("17:00")
	e.allDay = widget.NewCheck("All day", func(on bool) {
		if on {
			e.fromTime.Disable()
			e.toTime.Disable()
		} else {
			e.fromTime.Enable()
			e.toTime.Enable()
		}
	})
	e.allDay.SetChecked(true)
	e.summary = widget.NewEntry()
	e.summary.SetPlaceHolder("Holiday, conference, doctor…")
	e.errLabel = widget.NewLabel("")
	e.errLabel.Importance = widget.DangerImportance
	e.errLabel.Wrapping = fyne.TextWrapWord
	e.errLabel.Hide()
	e.add = widget.NewButtonWithIcon("Add time off", theme.ContentAddIcon(), e.onAdd)
	e.add.Importance = widget.HighImportance
	e.importB = widget.NewButtonWithIcon("Import calendar…", theme.FolderOpenIcon(), func() {
		showTimeOffImport(s, e.m, e.changed)
	})
	e.sources = widget.NewSelect(nil, func(string) { e.clearB.Enable() })
	e.sources.PlaceHolder = "Imported from…"
	e.clearB = widget.NewButtonWithIcon("Remove all from it", theme.DeleteIcon(), e.onClearSource)
	e.clearB.Disable()
	e.refresh()

	heading := widget.NewLabelWithStyle("Coming time off — times in "+m.Zone, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	listArea := container.NewStack(e.list, container.NewCenter(e.empty))
	form := widget.NewForm(
		widget.NewFormItem("From", container.NewGridWithColumns(2, e.from, e.fromTime)),
		widget.NewFormItem("To", container.NewGridWithColumns(2, e.to, e.toTime)),
		widget.NewFormItem("", e.allDay),
		widget.NewFormItem("What", e.summary),
	)
	addBox := container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle("Add time off", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, e.errLabel, container.NewHBox(e.sources, e.clearB, layout.NewSpacer(), e.importB, e.add))
	content := container.NewBorder(heading, addBox, nil, nil, listArea)
	e.dlg = dialog.NewCustom("Time off of "+m.Name, "Close", content, s.win)
	e.dlg.Resize(fyne.NewSize(760, 620))
	e.dlg.Show()
	return e
}

func dateEntry(text string) *widget.Entry {
	w := widget.NewEntry()
	w.SetPlaceHolder("YYYY-MM-DD")
	w.SetText(text)
	return w
}

func clockEntry(text string) *widget.Entry {
	w := widget.NewEntry()
	w.SetPlaceHolder("HH:MM")
	w.SetText(text)
	return w
}

func (e *timeOffEditor) newRow() fyne.CanvasObject {
	when := widget.NewLabel("Mon 30 Nov 2026 09:00 – Mon 30 Nov 2026 17:00")
	what := widget.NewLabel("Summary")
	what.Truncation = fyne.TextTruncateEllipsis
	src := widget.NewLabelWithStyle("source", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	return container.NewBorder(nil, nil, when, container.NewHBox(src, del), what)
}

func (e *timeOffEditor) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(e.shown) {
		return
	}
	t := e.shown[id]
	c := o.(*fyne.Container) // a border: center (what), left (when), right
	c.Objects[0].(*widget.Label).SetText(t.Summary)
	c.Objects[1].(*widget.Label).SetText(e.span(t))
	right := c.Objects[2].(*fyne.Container).Objects
	right[0].(*widget.Label).SetText(t.Source)
	right[1].(*widget.Button).OnTapped = func() { e.onDelete(t) }
}

// span formats a time off in the member's zone.
func (e *timeOffEditor) span(t roster.TimeOff) string { return timeOffSpan(t, e.loc) }

// timeOffSpan formats a time off in zone loc: whole days as dates, other
// spans with their times.
func timeOffSpan(t roster.TimeOff, loc *time.Location) string {
	s, end := t.Start.In(loc), t.End.In(loc)
	if t.AllDay {
		last := end.Add(-time.Nanosecond)
		if timezone.DateOf(s) == timezone.DateOf(last) {
			return s.Format("Mon 2 Jan 2006") + " · all day"
		}
		return s.Format("Mon 2 Jan") + " – " + last.Format("Mon 2 Jan 2006") + " · all day"
	}
	if timezone.DateOf(s) == timezone.DateOf(end) {
		return s.Format("Mon 2 Jan 2006 15:04") + " – " + end.Format("15:04")
	}
	return s.Format("Mon 2 Jan 15:04") + " – " + end.Format("Mon 2 Jan 2006 15:04")
}

// refresh reloads the member's time off from the database.
func (e *timeOffEditor) refresh() {
	ms, err := e.store.Members(context.Background())
	if err != nil {
		dialog.ShowError(err, e.s.win)
		return
	}
	for _, m := range ms {
		if m.ID == e.m.ID {
			e.m = m
		}
	}
	now := e.s.now()
	e.shown = e.shown[:0]
	for _, t := range e.m.TimeOff {
		if t.End.After(now) {
			e.shown = append(e.shown, t)
		}
	}
	e.sources.SetOptions(importedSources(e.m.TimeOff))
	if len(e.shown) == 0 {
		e.empty.Show()
	} else {
		e.empty.Hide()
	}
	e.list.Refresh()
}

func (e *timeOffEditor) changed() {
	e.refresh()
	if e.done != nil {
		e.done()
	}
}

// errBadInput reports what the user typed wrong in the add form.
var errBadInput = errors.New("check the dates and times")

// parse reads the add form into a time off in the member's zone.
func (e *timeOffEditor) parse() (roster.TimeOff, error) {
	from, err := timezone.ParseDate(strings.TrimSpace(e.from.Text))
	if err != nil {
		return roster.TimeOff{}, fmt.Errorf("from date %q: give YYYY-MM-DD: %w", e.from.Text, errBadInput)
	}
	to, err := timezone.ParseDate(strings.TrimSpace(e.to.Text))
	if err != nil {
		return roster.TimeOff{}, fmt.Errorf("to date %q: give YYYY-MM-DD: %w", e.to.Text, errBadInput)
	}
	t := roster.TimeOff{Summary: strings.TrimSpace(e.summary.Text), AllDay: e.allDay.Checked}
	if t.Summary == "" {
		t.Summary = "Time off"
	}
	if t.AllDay {
		if to.Before(from) {
			return t, fmt.Errorf("to date %s is before from date %s: %w", to, from, errBadInput)
		}
		t.Start, t.End = from.Midnight(e.loc), to.AddDays(1).Midnight(e.loc)
		return t, nil
	}
	fc, err := timezone.ParseClock(e.fromTime.Text)
	if err != nil {
		return t, fmt.Errorf("from time %q: give HH:MM: %w", e.fromTime.Text, errBadInput)
	}
	tc, err := timezone.ParseClock(e.toTime.Text)
	if err != nil {
		return t, fmt.Errorf("to time %q: give HH:MM: %w", e.toTime.Text, errBadInput)
	}
	t.Start, t.End = timezone.ResolveLocal(from, fc, e.loc), timezone.ResolveLocal(to, tc, e.loc)
	if !t.End.After(t.Start) {
		return t, fmt.Errorf("end %s %s is not after start %s %s: %w", to, tc, from, fc, errBadInput)
	}
	return t, nil
}

func (e *timeOffEditor) onAdd() {
	t, err := e.parse()
	if err == nil {
		_, err = e.store.AddTimeOff(context.Background(), e.m.ID, t)
	}
	if err != nil {
		e.errLabel.SetText(err.Error())
		e.errLabel.Show()
		return
	}
	e.errLabel.Hide()
	e.summary.SetText("")
	e.changed()
}

func (e *timeOffEditor) onDelete(t roster.TimeOff) {
	dialog.ShowConfirm("Delete time off?", e.span(t)+"\n"+t.Summary, func(ok bool) {
		if !ok {
			return
		}
		if err := e.store.DeleteTimeOff(context.Background(), t.ID); err != nil {
			dialog.ShowError(err, e.s.win)
			return
		}
		e.changed()
	}, e.s.win)
}

// importedSources lists the calendar files the time off came from, sorted;
// hand-entered time off and the team file's are not imports.
func importedSources(offs []roster.TimeOff) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range offs {
		if t.Source == "" || t.Source == "manual" || t.Source == "team file" || seen[t.Source] {
			continue
		}
		seen[t.Source] = true
		out = append(out, t.Source)
	}
	sort.Strings(out)
	return out
}

// onClearSource asks, then removes every span the chosen file brought.
func (e *timeOffEditor) onClearSource() {
	src := e.sources.Selected
	if src == "" {
		return
	}
	dialog.ShowConfirm("Remove imported time off", fmt.Sprintf("Remove all time off of %s imported from %s?", e.m.Name, src), func(ok bool) {
		if !ok {
			return
		}
		if _, err := e.store.ClearTimeOffSource(context.Background(), e.m.Name, src); err != nil {
			dialog.ShowError(err, e.s.win)
			return
		}
		e.sources.ClearSelected()
		e.clearB.Disable()
		e.changed()
	}, e.s.win)
}
