package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// dryRunView answers "if we paged at this instant, who would be contacted?".
type dryRunView struct {
	t       *oncallTab
	at      *keyEntry
	err     *widget.Label
	result  *fyne.Container
	content fyne.CanvasObject
	// last is the escalation of the last run, for tests.
	last oncall.Escalation
}

func newDryRunView(t *oncallTab) *dryRunView {
	v := &dryRunView{t: t, at: newEntry(), err: errorLabel(), result: container.NewVBox()}
	v.at.SetPlaceHolder("e.g. 2026-03-10 03:00")
	v.at.OnSubmitted = func(string) { v.run() }
	runB := widget.NewButton("Dry run", v.run)
	runB.Importance = widget.HighImportance
	nowB := widget.NewButton("Now", func() {
		v.at.SetText(fieldTime(v.t.s.now(), v.t.s.viewer))
		v.run()
	})
	bar := container.NewBorder(nil, nil, widget.NewLabel("Page at"), container.NewHBox(nowB, runB), v.at)
	note := widget.NewLabel("A date and time in " + zoneTitle(t.s.viewer) + ", or RFC 3339 with an offset.")
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(container.NewVBox(bar, note, v.err), nil, nil, nil, container.NewVScroll(scrollInset(container.NewPadded(v.result))))
	return v
}

func (v *dryRunView) refresh() {
	if v.at.Text == "" {
		v.at.SetText(fieldTime(v.t.s.now(), v.t.s.viewer))
	}
	v.run()
}

func (v *dryRunView) run() {
	t := v.t
	at, err := parseLocalInstant("instant", v.at.Text, t.s.viewer)
	if err != nil {
		v.err.SetText(err.Error())
		v.err.Show()
		return
	}
	v.err.Hide()
	v.last = oncall.Resolve(t.policy, t.rotations, t.known, at)
	head := heading("Paging at " + showTime(at, t.s.viewer, formFull))
	head.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{head}
	for _, st := range oncall.Now(t.rotations, at) {
		who := "nobody on call"
		if st.OnCall {
			who = st.Current.Member + " until " + showTime(st.Until(), t.s.viewer, formDayTime)
		}
		l := wrapped(st.Rotation + ": " + who)
		if !st.OnCall {
			l.Importance = widget.WarningImportance
		}
		objs = append(objs, l)
	}
	objs = append(objs, widget.NewSeparator())
	if len(v.last.Levels) == 0 {
		objs = append(objs, widget.NewLabel("No escalation policy: nobody would be paged."))
	} else {
		objs = append(objs, escalationLevels(t, v.last, false))
	}
	v.result.Objects = objs
	v.result.Refresh()
}

// warningsView lists gaps in coverage and shifts that fall on time off in
// the coming weeks.
type warningsView struct {
	t       *oncallTab
	weeks   *widget.Select
	list    *fyne.Container
	content fyne.CanvasObject
	count   int // warnings shown, for tests
}

const maxWarnings = 300

func newWarningsView(t *oncallTab) *warningsView {
	v := &warningsView{t: t, list: container.NewVBox()}
	v.weeks = widget.NewSelect([]string{"2 weeks", "4 weeks", "8 weeks", "13 weeks", "26 weeks"}, func(string) { v.refresh() })
	v.weeks.Selected = "4 weeks"
	bar := container.NewHBox(widget.NewLabel("Look ahead"), v.weeks)
	v.content = container.NewBorder(bar, nil, nil, nil, container.NewVScroll(scrollInset(container.NewPadded(v.list))))
	return v
}

func (v *warningsView) refresh() {
	t := v.t
	var weeks int
	fmt.Sscanf(v.weeks.Selected, "%d", &weeks)
	from := t.s.now().UTC().Truncate(time.Minute)
	to := from.Add(time.Duration(weeks) * 7 * 24 * time.Hour)
	objs := []fyne.CanvasObject{}
	warn := func(text string) {
		v.count++
		if v.count <= maxWarnings {
			l := widget.NewLabel(text)
			l.Importance = widget.DangerImportance
			l.Wrapping = fyne.TextWrapWord
			objs = append(objs, l)
		}
	}
	v.count = 0
	none := func() { objs = append(objs, widget.NewLabel("None.")) }
	objs = append(objs, bold("Nobody on call in any rotation"))
	gaps := oncall.TeamGaps(t.rotations, from, to)
	for _, g := range gaps {
		warn(fmt.Sprintf("⚠ %s (%s)", showSpan(g.Start, g.End, t.s.viewer, formDayTime), spanText(g.End.Sub(g.Start))))
	}
	if len(gaps) == 0 {
		none()
	}
	objs = append(objs, bold("On call during time off"))
	conflicts := oncall.TimeOffConflicts(t.rotations, t.members, from, to)
	if len(conflicts) == 0 {
		none()
	}
	for _, c := range conflicts {
		what := c.TimeOff.Summary
		if what == "" {
			what = "time off"
		}
		warn(fmt.Sprintf("⚠ %s is on call in %s but away (%s) %s", c.Shift.Member, c.Shift.Rotation, what,
			showSpan(c.Overlap.Start, c.Overlap.End, t.s.viewer, formDayTime)))
	}
	objs = append(objs, bold("Gaps per rotation (expected outside a coverage window)"))
	for _, r := range t.rotations {
		gaps := oncall.RotationGaps(r, from, to)
		var total time.Duration
		for _, g := range gaps {
			total += g.End.Sub(g.Start)
		}
		l := wrapped(fmt.Sprintf("%s: %s, %s in all", r.Name, plural(len(gaps), "gap", "gaps"), spanText(total)))
		if r.Coverage != nil && len(gaps) > 0 {
			l.SetText(fmt.Sprintf("%s: %s, %s in all, outside its coverage window %s", r.Name,
				plural(len(gaps), "gap", "gaps"), spanText(total), r.Coverage))
		}
		if len(gaps) == 0 {
			l.SetText(r.Name + ": covered throughout")
		}
		objs = append(objs, l)
	}
	if v.count > maxWarnings {
		objs = append(objs, widget.NewLabel("… and "+plural(v.count-maxWarnings, "more warning", "more warnings")+"."))
	}
	if v.count == 0 {
		ok := widget.NewLabel("No warnings: somebody is on call throughout, and nobody on call is away.")
		ok.Importance = widget.SuccessImportance
		objs = append([]fyne.CanvasObject{ok}, objs...)
	}
	v.list.Objects = objs
	v.list.Refresh()
}

// fairnessView reports each member's on-call hours over a date range.
type fairnessView struct {
	t        *oncallTab
	from, to *keyEntry
	err      *widget.Label
	table    *widget.Table
	rows     []oncall.Share
	content  fyne.CanvasObject
}

var fairnessHeads = []string{"Member", "On call (h)", "Outside hours (h)", "Weekend (h)", "Shifts"}

func newFairnessView(t *oncallTab) *fairnessView {
	v := &fairnessView{t: t, from: newEntry(), to: newEntry(), err: errorLabel()}
	v.from.SetPlaceHolder("e.g. 2026-03-01")
	v.to.SetPlaceHolder("e.g. 2026-06-01")
	v.table = widget.NewTable(func() (int, int) { return len(v.rows) + 1, len(fairnessHeads) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Outside hours (h)")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			if id.Row == 0 {
				l.SetText(fairnessHeads[id.Col])
				return
			}
			s := v.rows[id.Row-1]
			l.SetText([]string{s.Member, hoursFigure(s.OnCall), hoursFigure(s.OutsideHours), hoursFigure(s.Weekend), fmt.Sprint(s.Shifts)}[id.Col])
		})
	for i, w := range []float32{140, 110, 150, 120, 80} {
		v.table.SetColumnWidth(i, w)
	}
	run := widget.NewButton("Compute", v.compute)
	run.Importance = widget.HighImportance
	bar := container.NewHBox(widget.NewLabel("From"), container.NewGridWrap(fyne.NewSize(130, v.from.MinSize().Height), v.from),
		widget.NewLabel("to"), container.NewGridWrap(fyne.NewSize(130, v.to.MinSize().Height), v.to), run)
	note := widget.NewLabel("Hours on call between two dates in " + zoneTitle(t.s.viewer) + " (the end date excluded). " +
		"Outside hours counts hours outside the member's own working hours, weekends included; " +
		"Weekend counts the days they have no working hours, in their zone.")
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(container.NewVBox(bar, note, v.err), nil, nil, nil, v.table)
	return v
}

func (v *fairnessView) refresh() {
	if v.from.Text == "" {
		today := timezone.DateOf(v.t.s.now().In(v.t.s.viewer))
		v.from.SetText(today.String())
		v.to.SetText(today.AddDays(12 * 7).String())
	}
	v.compute()
}

func (v *fairnessView) compute() {
	t := v.t
	from, err := parseLocalInstant("from", v.from.Text, t.s.viewer)
	var to time.Time
	if err == nil {
		to, err = parseLocalInstant("to", v.to.Text, t.s.viewer)
	}
	if err == nil && !from.Before(to) {
		err = fmt.Errorf("the end date must be after the start date: %s is not after %s", v.to.Text, v.from.Text)
	}
	if err != nil {
		v.err.SetText(err.Error())
		v.err.Show()
		return
	}
	v.err.Hide()
	v.rows = oncall.Fairness(t.rotations, t.members, from, to)
	v.table.Refresh()
}
