package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// The columns of the member list: Member, Last 1:1, Cadence, Next due; the
// last 1:1 is left out of a narrow list (the panel beside it says it).
var (
	peopleColumns = []float32{2.2, 1.8, 2.6, 3.2}
	peopleDrop    = []float32{0, 440, 0, 0}
)

// peopleView lists the members with their last 1:1, cadence and next due
// (overdue on top, in the warning colour), and one member's 1:1 history.
type peopleView struct {
	t        *logTab
	scheds   []worklog.Schedule
	selected string // member name
	history  []worklog.OneOnOne
	// selecting is set while the list's selection is moved by code.
	selecting bool
	// highlight is the row the list shows selected, -1 for none.
	highlight int

	list     *widget.List
	due      *widget.Label // my 1:1s due today or overdue
	histList *widget.List
	title    *widget.Label
	summary  *widget.Label
	cadence  *widget.Select
	meetAt   *keyEntry
	cadenceB *widget.Button
	// meetAtNote names the member's zone beside the agreed time.
	meetAtNote *widget.Label
	newB       *widget.Button
	detail     *fyne.Container
	hint       fyne.CanvasObject
	right      *fyne.Container
	content    fyne.CanvasObject
}

func newPeopleView(t *logTab) *peopleView {
	v := &peopleView{t: t, highlight: -1}
	v.list = widget.NewList(func() int { return len(v.scheds) }, newPeopleRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		v.highlight = id
		if !v.selecting && id >= 0 && id < len(v.scheds) {
			v.open(v.scheds[id].Member)
		}
	}
	v.list.OnUnselected = func(widget.ListItemID) { v.highlight = -1 }
	head := newDroppingColumns(peopleColumns, peopleDrop, columnHeader("Member"), columnHeader("Last 1:1"), columnHeader("Cadence"), columnHeader("Next due"))
	v.due = widget.NewLabel("")
	v.due.Wrapping = fyne.TextWrapWord
	v.due.Hide()
	left := container.NewBorder(container.NewVBox(v.due, head), nil, nil, nil, v.list)

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.summary = widget.NewLabel("")
	var labels []string
	for _, c := range worklog.Cadences {
		labels = append(labels, c.Label())
	}
	v.cadence = widget.NewSelect(labels, nil)
	v.meetAt = newEntry()
	v.meetAt.SetPlaceHolder("10:00")
	v.meetAt.OnSubmitted = func(string) { v.onSetCadence() }
	v.cadenceB = widget.NewButton("Set", v.onSetCadence)
	v.newB = widget.NewButtonWithIcon("New 1:1…", theme.ContentAddIcon(), func() { t.showOneOnOneForm(v.selected) })
	v.newB.Importance = widget.HighImportance
	v.histList = widget.NewList(func() int { return len(v.history) }, newHistoryRow, v.updateHistoryRow)
	v.histList.OnSelected = func(id widget.ListItemID) {
		v.histList.Unselect(id)
		if id >= 0 && id < len(v.history) {
			t.showOneOnOne(v.history[id])
		}
	}
	v.meetAtNote = widget.NewLabel("their time")
	v.meetAtNote.Importance = widget.LowImportance
	cadenceRow := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Cadence"), nil, v.cadence),
		container.NewHBox(widget.NewLabel("at"), container.NewGridWrap(fyne.NewSize(80, v.meetAt.MinSize().Height), v.meetAt),
			v.meetAtNote, v.cadenceB))
	v.summary.Wrapping = fyne.TextWrapWord
	v.title.Truncation = fyne.TextTruncateEllipsis
	histHead := boldLabel("History, newest first")
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, v.newB, v.title),
		v.summary,
		cadenceRow,
		widget.NewSeparator(),
		histHead,
	)
	v.detail = container.NewBorder(top, nil, nil, nil, v.histList)
	hint := widget.NewLabel("Select a member to see their 1:1s.")
	hint.Alignment = fyne.TextAlignCenter
	hint.Truncation = fyne.TextTruncateEllipsis
	v.hint = container.NewVBox(layout.NewSpacer(), hint, layout.NewSpacer())
	v.right = container.NewStack(v.hint)
	split := container.NewHSplit(left, container.NewPadded(v.right))
	split.Offset = 0.55
	v.content = split
	return v
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func newPeopleRow() fyne.CanvasObject {
	name := boldLabel("Name")
	name.Truncation = fyne.TextTruncateEllipsis
	last := widget.NewLabel("2026-01-01")
	last.Truncation = fyne.TextTruncateEllipsis
	cad := widget.NewLabel("every 2 weeks")
	cad.Truncation = fyne.TextTruncateEllipsis
	next := widget.NewLabel("overdue since 2026-01-01")
	next.Truncation = fyne.TextTruncateEllipsis
	return newDroppingColumns(peopleColumns, peopleDrop, name, last, cad, next)
}

func (v *peopleView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.scheds) {
		return
	}
	s := v.scheds[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(s.Member)
	today := timezone.DateOf(v.t.s.now().In(s.Location()))
	last := "never"
	if !s.Last.IsZero() {
		last = shortDate(timezone.DateOf(s.Last.In(s.Location())), today)
	}
	cells[1].(*widget.Label).SetText(last)
	cells[2].(*widget.Label).SetText(s.Cadence.Label())
	text, imp := dueText(s.DueAt(v.t.s.now()), today)
	next := cells[3].(*widget.Label)
	next.Importance = imp
	next.SetText(text)
}

// dueText describes when the next 1:1 is due and picks its colour.
func dueText(d worklog.Due, today timezone.Date) (string, widget.Importance) {
	switch {
	case d.Next.IsZero():
		return "—", widget.LowImportance
	case d.Overdue:
		if d.DaysLate == 1 {
			return "overdue by 1 day", widget.WarningImportance
		}
		return fmt.Sprintf("overdue by %d days", d.DaysLate), widget.WarningImportance
	}
	return shortDate(d.Next, today), widget.MediumImportance
}

// reload reads the schedules and the open member's history.
func (v *peopleView) reload() {
	ss, err := v.t.store.OneOnOneSchedules(context.Background())
	if err != nil {
		v.t.showError(err)
		return
	}
	v.apply(ss)
}

// apply shows the schedules ss, by due date, and the open member's history.
func (v *peopleView) apply(ss []worklog.Schedule) {
	worklog.SortByDue(ss, v.t.s.now())
	v.scheds = ss
	if due := v.t.s.yourOneOnOnesDue(ss, v.t.s.now()); len(due) > 0 {
		v.due.SetText("Yours: " + strings.Join(due, " · "))
		v.due.Show()
	} else {
		v.due.Hide()
	}
	v.list.Refresh()
	v.syncSelection()
	if v.selected != "" {
		v.open(v.selected)
	}
}

// syncSelection keeps the list's highlight on the member shown, wherever
// the sort by due date moved them.
func (v *peopleView) syncSelection() {
	v.selecting = true
	defer func() { v.selecting = false }()
	for i, s := range v.scheds {
		if v.selected != "" && strings.EqualFold(s.Member, v.selected) {
			v.list.Select(i)
			return
		}
	}
	v.list.UnselectAll()
}

func (v *peopleView) schedule(name string) (worklog.Schedule, bool) {
	for _, s := range v.scheds {
		if strings.EqualFold(s.Member, name) {
			return s, true
		}
	}
	return worklog.Schedule{}, false
}

// open shows a member's rhythm and 1:1 history.
func (v *peopleView) open(name string) {
	s, ok := v.schedule(name)
	right := v.right
	if !ok {
		v.selected = ""
		right.Objects = []fyne.CanvasObject{v.hint}
		right.Refresh()
		return
	}
	v.selected = s.Member
	hist, err := v.t.store.OneOnOnes(context.Background(), s.Member)
	if err != nil {
		v.t.showError(err)
		return
	}
	v.history = hist
	v.title.SetText(s.Member)
	due, _ := dueText(s.DueAt(v.t.s.now()), timezone.DateOf(v.t.s.now().In(s.Location())))
	count := plural(s.Count, "1:1", "1:1s")
	if s.Count == 0 {
		count = "No 1:1s yet"
	}
	v.summary.SetText(fmt.Sprintf("%s · %s · next due %s", count, zoneTitle(s.Location()), due))
	v.cadence.SetSelected(s.Cadence.Label())
	v.meetAt.SetText(s.MeetAt.String())
	v.meetAtNote.SetText("in " + timezone.City(s.Zone))
	v.histList.Refresh()
	right.Objects = []fyne.CanvasObject{v.detail}
	right.Refresh()
}

func (v *peopleView) onSetCadence() {
	var c worklog.Cadence
	for _, k := range worklog.Cadences {
		if k.Label() == v.cadence.Selected {
			c = k
		}
	}
	at, err := timezone.ParseTimeOfDay(v.meetAt.Text)
	if err != nil {
		v.t.showError(fmt.Errorf("agreed time %q: give a time of day such as 10:00", v.meetAt.Text))
		return
	}
	minutes := worklog.DefaultMinutes
	if s, ok := v.schedule(v.selected); ok {
		minutes = s.Minutes
	}
	if err := v.t.store.SetCadence(context.Background(), v.selected, c, at, minutes); err != nil {
		v.t.showError(err)
		return
	}
	v.t.changed()
}

func newHistoryRow() fyne.CanvasObject {
	return twoLineRow("Mon 2 Jan 2006 15:04 Lisbon · 3 action items, 1 open", widget.NewLabel("notes"))
}

func (v *peopleView) updateHistoryRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.history) {
		return
	}
	h := v.history[id]
	box := o.(*fyne.Container)
	head := showTime(h.At, v.t.zoneOf(h.Member), formFull)
	if n := len(h.Actions); n > 0 {
		head += "  ·  " + plural(n, "action item", "action items") + ", " + fmt.Sprintf("%d open", h.OpenCount())
	}
	box.Objects[0].(*widget.Label).SetText(head)
	box.Objects[1].(*widget.Label).SetText(markdownLine(h.Notes))
}

// oneLine folds text onto one line for a list row.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// markdownLine is Markdown text as a row of a list shows it: the words
// without the marks (**, #, list bullets), on one line.
func markdownLine(s string) string {
	var b strings.Builder
	var walk func(segs []widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, seg := range segs {
			if c, ok := seg.(interface {
				Segments() []widget.RichTextSegment
			}); ok {
				walk(c.Segments())
			} else {
				b.WriteString(seg.Textual())
			}
			if !seg.Inline() {
				b.WriteString(" ")
			}
		}
	}
	walk(widget.NewRichTextFromMarkdown(s).Segments)
	return oneLine(b.String())
}

// showOneOnOne shows a whole 1:1: notes rendered from their Markdown, and
// its action items, which can be ticked done here; it can be edited, or
// deleted (with Undo).
func (t *logTab) showOneOnOne(o worklog.OneOnOne) {
	notes := markdown(o.Notes)
	items := container.NewVBox()
	if len(o.Actions) == 0 {
		none := widget.NewLabel("No action items.")
		none.Importance = widget.LowImportance
		items.Add(none)
	}
	for _, a := range o.Actions {
		a := a
		check := widget.NewCheck(actionLabel(a), nil)
		check.SetChecked(a.Done)
		check.OnChanged = func(done bool) {
			if err := t.store.SetActionDone(context.Background(), a.ID, done); err != nil {
				t.showError(err)
				return
			}
			t.changed()
		}
		items.Add(check)
	}
	when := showTime(o.At, t.zoneOf(o.Member), formFull)
	var d *dialog.CustomDialog
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() {
		t.s.confirm("Delete this 1:1?", "This removes the 1:1 with "+o.Member+" on "+when+
			" and the action items listed under it.", "Delete", func() {
			if err := t.store.DeleteOneOnOne(context.Background(), o.ID); err != nil {
				t.showError(err)
				return
			}
			d.Hide()
			t.changed()
			t.s.undoable("Deleted the 1:1 with "+o.Member+" on "+when, func() error {
				again := o
				again.ID = 0
				again.Actions = append([]worklog.ActionItem(nil), o.Actions...)
				for i := range again.Actions {
					again.Actions[i].ID, again.Actions[i].OneOnOneID = 0, 0
				}
				if _, err := t.store.WriteOneOnOne(context.Background(), again); err != nil {
					return err
				}
				t.changed()
				return nil
			})
		})
	})
	del.Importance = widget.DangerImportance
	closeB := widget.NewButton("Close", func() { d.Hide() })
	edit := widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
		d.Hide()
		t.editOneOnOne(o)
	})
	body := container.NewVBox(notes, widget.NewSeparator(), boldLabel("Action items"), items)
	d = dialog.NewCustomWithoutButtons("1:1 with "+o.Member+", "+when, container.NewVScroll(scrollInset(body)), t.s.win)
	d.SetButtons([]fyne.CanvasObject{del, edit, closeB})
	d.Resize(t.s.dialogSize(720, 520))
	t.s.show(d, d.Hide)
}

// markdown renders text written in Markdown (notes, updates), wrapped.
func markdown(text string) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(text)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// actionLabel describes an action item on one line.
func actionLabel(a worklog.ActionItem) string {
	s := oneLine(a.Text) + " — " + a.Owner
	if !a.Due.IsZero() {
		s += ", due " + a.Due.String()
	}
	return s
}
