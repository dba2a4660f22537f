package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
)

// durations offered for meetings.
var durationChoices = []string{"15 min", "30 min", "45 min", "1 h", "1 h 30", "2 h"}

func parseDurationChoice(s string) time.Duration {
	switch s {
	case "15 min":
		return 15 * time.Minute
	case "30 min":
		return 30 * time.Minute
	case "1 h":
		return time.Hour
	case "1 h 30":
		return 90 * time.Minute
	case "2 h":
		return 2 * time.Hour
	}
	return 45 * time.Minute
}

// suggestPanel ranks meeting slots of a chosen length in the shown day or week.
type suggestPanel struct {
	t        *overlapTab
	duration *widget.Select
	run      *widget.Button
	list     *widget.List
	results  []timezone.Suggestion
	picked   int
	detail   *lineList
	title    *keyEntry
	save     *widget.Button
	export   *widget.Button
	content  fyne.CanvasObject
}

func newSuggestPanel(t *overlapTab) *suggestPanel {
	p := &suggestPanel{t: t, picked: -1}
	p.duration = widget.NewSelect(durationChoices, nil)
	p.duration.SetSelected("45 min")
	p.run = widget.NewButtonWithIcon("Suggest", theme.SearchIcon(), p.onSuggest)
	p.run.Importance = widget.HighImportance
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rowText(id)) })
	p.list.OnSelected = func(id widget.ListItemID) { p.picked = id; p.showDetail() }
	p.detail = newLineList()
	p.title = newEntry()
	p.title.SetText("Team meeting")
	p.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { p.t.saveMeeting(p.title.Text, p.chosen(), nil) })
	p.export = widget.NewButtonWithIcon("Export .ics…", theme.MailSendIcon(), func() { p.t.exportMeeting(p.title.Text, p.chosen()) })
	p.save.Disable()
	p.export.Disable()
	top := container.NewBorder(nil, nil, widget.NewLabel("Length"), p.run, p.duration)
	bottom := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Title"), nil, p.title),
		container.NewHBox(p.save, p.export))
	split := container.NewVSplit(p.list, p.detail)
	split.Offset = 0.4
	p.content = container.NewBorder(top, bottom, nil, nil, split)
	return p
}

func (p *suggestPanel) rowText(id int) string {
	if id >= len(p.results) {
		return ""
	}
	s := p.results[id]
	return fmt.Sprintf("%d. %s · %d/%d in hours · burden %d", id+1, showSpan(s.Start, s.End, p.t.viewer, formDayClock),
		s.InHours, len(s.People), s.Burden)
}

func (p *suggestPanel) onSuggest() {
	d := parseDurationChoice(p.duration.Selected)
	if len(p.t.people) == 0 {
		p.results = nil
		p.list.Refresh()
		p.detail.SetText("Choose at least one member.")
		return
	}
	// Only slots still to come: the window starts at the next quarter hour
	// from now when the shown day has begun.
	win := p.t.view.win
	if next := nextQuarterHour(p.t.s.now()); next.After(win.Start) {
		win.Start = next
	}
	p.results = nil
	if win.Duration() >= d {
		p.results = timezone.Suggest(p.t.people, win, d, p.t.viewer, 8)
	}
	p.picked = -1
	p.list.UnselectAll()
	p.list.Refresh()
	if len(p.results) == 0 {
		what := "day"
		if p.t.week {
			what = "week"
		}
		if !win.Start.Equal(p.t.view.win.Start) {
			p.detail.SetText("No slot of that length is left in the shown " + what + ": it is " +
				showTime(p.t.s.now(), p.t.viewer, formDayClock) + ". Step to a later day.")
		} else {
			p.detail.SetText("No slot of that length fits in the shown " + what + ".")
		}
		p.save.Disable()
		p.export.Disable()
		return
	}
	p.list.Select(0)
	p.list.ScrollToTop()
}

// clear forgets the suggestions, which no longer match what is shown.
func (p *suggestPanel) clear() {
	if len(p.results) == 0 {
		return
	}
	p.results, p.picked = nil, -1
	p.list.UnselectAll()
	p.list.Refresh()
	p.detail.SetText("")
	p.save.Disable()
	p.export.Disable()
}

// chosen is the selected suggestion as a meeting occurrence.
func (p *suggestPanel) chosen() []timezone.Interval {
	if p.picked < 0 || p.picked >= len(p.results) {
		return nil
	}
	return []timezone.Interval{p.results[p.picked].Interval}
}

func (p *suggestPanel) showDetail() {
	if p.picked < 0 || p.picked >= len(p.results) {
		return
	}
	s := p.results[p.picked]
	p.t.view.mark = s.Interval
	p.t.list.Refresh()
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", windowText(s.Interval, p.t.viewer, p.t.view.win))
	for i, a := range s.People {
		fmt.Fprintf(&b, "%s: %s%s, %s\n", a.Name, showSpan(s.Start, s.End, a.Time.Location(), formDayClock),
			dayMark(a.DayOffset), burdenText(p.t.people[i], s.Interval, a.Cost))
	}
	p.detail.SetText(strings.TrimRight(b.String(), "\n"))
	p.save.Enable()
	p.export.Enable()
}

// tableCell is one cell of a small table, cut short when narrow.
func tableCell(text string, head bool) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	l.TextStyle.Bold = head
	return l
}

// dayMark is " (+1)" or " (-1)" for another day, "" for the same.
func dayMark(n int) string {
	if n == 0 {
		return ""
	}
	return " (" + timezone.DayOffsetLabel(n) + ")"
}

func offsetSuffix(n int) string {
	if n == 0 {
		return "   "
	}
	return " " + timezone.DayOffsetLabel(n)
}

// nextQuarterHour is the first start on the 15-minute grid at or after t
// (every zone in use is a whole number of quarter hours from UTC).
func nextQuarterHour(t time.Time) time.Time {
	q := t.Truncate(timezone.SuggestGrid)
	if q.Before(t) {
		q = q.Add(timezone.SuggestGrid)
	}
	return q
}

// burdenText says what a meeting over iv asks of p: "in hours", "away", "on
// their day off", "starts 6 h before their day" (a 03:00 meeting for someone
// who starts at 09:00), "ends 30 min after their day", or how long it falls
// outside their hours when it sits between two stretches of work.
func burdenText(p timezone.Person, iv timezone.Interval, c timezone.Cost) string {
	switch {
	case c.Away:
		return "away"
	case c.InHours:
		return "in hours"
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	day := timezone.DayWindow(timezone.DateOf(iv.Start.In(loc)), loc)
	hours := timezone.MergeIntervals(p.Hours.Intervals(loc, day.Start, day.End))
	if len(hours) == 0 {
		return "on their day off"
	}
	first, last := hours[0], hours[len(hours)-1]
	switch {
	case iv.Start.Before(first.Start) && !iv.End.After(first.End):
		return "starts " + durationWords(first.Start.Sub(iv.Start)) + " before their day"
	case iv.End.After(last.End) && !iv.Start.Before(last.Start):
		return "ends " + durationWords(iv.End.Sub(last.End)) + " after their day"
	}
	return durationWords(time.Duration(c.Outside)*time.Minute) + " outside their hours"
}

// durationWords is "45 min", "6 h", "1 h 30".
func durationWords(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}

// convertPanel shows an instant in every chosen member's local time.
type convertPanel struct {
	t       *overlapTab
	at      *keyEntry
	run     *widget.Button
	out     *lineList
	content fyne.CanvasObject
	// shown is the text converted last; "" when nothing is shown.
	shown string
}

func newConvertPanel(t *overlapTab) *convertPanel {
	p := &convertPanel{t: t}
	p.at = newEntry()
	p.at.SetPlaceHolder("15:30 on the shown day, or 2026-06-10 15:30")
	p.at.SetText(fmt.Sprintf("%02d:00", t.s.now().In(t.viewer).Hour()))
	p.at.OnSubmitted = func(string) { p.onConvert() }
	p.run = widget.NewButtonWithIcon("Convert", theme.ViewRefreshIcon(), p.onConvert)
	p.run.Importance = widget.HighImportance
	p.out = newLineList()
	hint := widget.NewLabel("A time in the viewer's zone; each member's local time, +1/-1 for another day.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	p.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, p.run, p.at), hint), nil, nil, nil,
		p.out)
	return p
}

// parseAt reads "HH:MM" on the shown day or "YYYY-MM-DD HH:MM", in the
// viewer's zone.
func (p *convertPanel) parseAt(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	day := p.t.day
	if ds, cs, ok := strings.Cut(s, " "); ok {
		d, err := timezone.ParseDate(ds)
		if err != nil {
			return time.Time{}, fmt.Errorf("time %q: %w", s, err)
		}
		day, s = d, strings.TrimSpace(cs)
	}
	c, err := timezone.ParseTimeOfDay(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %w", err)
	}
	return timezone.ResolveLocal(day, c, p.t.viewer), nil
}

func (p *convertPanel) onConvert() {
	at, err := p.parseAt(p.at.Text)
	if err != nil {
		p.t.s.showError(err)
		return
	}
	p.convert(at)
}

// refresh converts again after the viewer's zone, the day or the members
// changed, so the result never speaks of the old ones; what no longer
// reads as a time is cleared.
func (p *convertPanel) refresh() {
	if p.shown == "" {
		return
	}
	at, err := p.parseAt(p.shown)
	if err != nil {
		p.shown = ""
		p.out.SetText("")
		return
	}
	p.convert(at)
}

func (p *convertPanel) convert(at time.Time) {
	p.shown = p.at.Text
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", showTime(at, p.t.viewer, formFull), showTime(at, time.UTC, formClock))
	for _, lt := range timezone.Convert(at, p.t.viewer, p.t.people) {
		state := "off hours"
		switch {
		case lt.Away:
			state = "away"
		case lt.InHours:
			state = "in hours"
		case lt.Acceptable:
			state = "acceptable"
		}
		loc := lt.Time.Location()
		fmt.Fprintf(&b, "%-12s %s%s  %-10s %s\n", shortName(lt.Name, 12), axisLabel(at, loc, formDayClock), offsetSuffix(lt.DayOffset), state, zoneLabel(loc, at))
	}
	p.out.SetText(strings.TrimRight(b.String(), "\n"))
}

// rotationPanel plans a weekly meeting whose time rotates to spread the
// early and late burden, and saves or exports it as a series.
type rotationPanel struct {
	t        *overlapTab
	count    *keyEntry
	duration *widget.Select
	title    *keyEntry
	run      *widget.Button
	out      *lineList
	save     *widget.Button
	export   *widget.Button
	plan     timezone.RotationPlan
	content  fyne.CanvasObject
	// legend explains the burden table.
	legend *widget.Button
	// totals is the burden table under the plan, a row per member
	// (virtualised: a 2,000-member plan builds only the rows on screen);
	// colWidths are its columns' widths, fitted to the header and values.
	totals     *widget.Table
	totalsHead *widget.Label
	colWidths  [5]float32
}

// burdenColumns are the burden table's headers.
var burdenColumns = [5]string{"", "burden", "early", "late", "outside"}

func newRotationPanel(t *overlapTab) *rotationPanel {
	p := &rotationPanel{t: t}
	p.count = newEntry()
	p.count.SetText("6")
	p.duration = widget.NewSelect(durationChoices, nil)
	p.duration.SetSelected("1 h")
	p.title = newEntry()
	p.title.SetText("Team sync")
	p.run = widget.NewButtonWithIcon("Plan", theme.ViewRefreshIcon(), p.onPlan)
	p.run.Importance = widget.HighImportance
	p.out = newLineList()
	p.totals = widget.NewTable(func() (int, int) { return len(p.plan.Totals), len(burdenColumns) },
		func() fyne.CanvasObject { return tableCell("", false) },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.totalCell(id)) })
	p.totals.ShowHeaderRow = true
	p.totals.CreateHeader = func() fyne.CanvasObject { return tableCell("", true) }
	p.totals.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(burdenColumns) {
			o.(*widget.Label).SetText(burdenColumns[id.Col])
		}
	}
	p.totalsHead = boldLabel("Cumulative burden per member")
	p.totalsHead.Hide()
	p.totals.Hide()
	p.save = widget.NewButtonWithIcon("Save series", theme.DocumentSaveIcon(), func() { p.t.saveMeeting(p.title.Text, p.occurrences(), nil) })
	p.export = widget.NewButtonWithIcon("Export .ics…", theme.MailSendIcon(), func() { p.t.exportMeeting(p.title.Text, p.occurrences()) })
	p.save.Disable()
	p.export.Disable()
	form := container.NewGridWithColumns(2,
		widget.NewLabel("Weekly, occurrences"), p.count,
		widget.NewLabel("Length"), p.duration,
		widget.NewLabel("Title"), p.title)
	p.legend = widget.NewButtonWithIcon("", theme.HelpIcon(), func() {
		t.s.info("The fair rotation", "Weekly on the shown weekday; the time moves to share out early and late meetings.\n\n"+
			"Burden: the minutes outside a member's working hours, weighted by the hour: "+
			"1 in their acceptable hours or between 08:00 and 18:00, 2 from 07:00 and until 20:00, 3 from 06:00 and until 22:00, 4 at night.\n\n"+
			"Early and late: minutes outside their hours before and after noon, their time.\n\n"+
			"Outside: how many of the meetings fell outside their hours.")
	})
	p.legend.Importance = widget.LowImportance
	results := container.NewVSplit(p.out, container.NewBorder(p.totalsHead, nil, nil, nil, p.totals))
	results.Offset = 0.4 // the table needs its header and a few rows at 800x600
	p.content = container.NewBorder(container.NewVBox(form, p.run), container.NewHBox(p.save, p.export, p.legend), nil, nil,
		results)
	return p
}

// totalCell is the text of a cell of the burden table.
func (p *rotationPanel) totalCell(id widget.TableCellID) string {
	if id.Row < 0 || id.Row >= len(p.plan.Totals) {
		return ""
	}
	tot := p.plan.Totals[id.Row]
	switch id.Col {
	case 0:
		return tot.Name
	case 1:
		return fmt.Sprint(tot.Burden)
	case 2:
		return fmt.Sprint(tot.Early)
	case 3:
		return fmt.Sprint(tot.Late)
	case 4:
		return times(tot.OutsideCount)
	}
	return ""
}

// fitColumns sizes the burden table's columns to their header and the
// widest value among the first rows.
func (p *rotationPanel) fitColumns() {
	pad := 2 * theme.InnerPadding()
	for col, h := range burdenColumns {
		w := fyne.MeasureText(h, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		for row := range min(len(p.plan.Totals), 200) {
			w = max(w, fyne.MeasureText(p.totalCell(widget.TableCellID{Row: row, Col: col}), theme.TextSize(), fyne.TextStyle{}).Width)
		}
		p.colWidths[col] = w + pad + theme.Padding()
		p.totals.SetColumnWidth(col, p.colWidths[col])
	}
}

var errBadCount = errors.New("give a whole number of occurrences")

func (p *rotationPanel) onPlan() {
	n, err := strconv.Atoi(strings.TrimSpace(p.count.Text))
	if err != nil {
		p.t.s.showError(fmt.Errorf("occurrences %q: %w", p.count.Text, errBadCount))
		return
	}
	plan, err := timezone.FairRotation(p.t.people, p.t.day, p.t.viewer, n, parseDurationChoice(p.duration.Selected))
	if err != nil {
		p.t.s.showError(err)
		return
	}
	p.plan = plan
	var b strings.Builder
	for i, o := range plan.Occurrences {
		fmt.Fprintf(&b, "%d. %s\n", i+1, showTime(o.Start, p.t.viewer, formDayTime))
		vd := timezone.DateOf(o.Start.In(p.t.viewer))
		var outside []string
		for j, c := range o.Costs {
			if !c.InHours {
				person := p.t.people[j]
				outside = append(outside, fmt.Sprintf("%s %s%s: %s", person.Name, showTime(o.Start, person.Loc, formClock),
					dayOffsetMark(vd, o.Start.In(person.Loc)), burdenText(person, o.Interval, c)))
			}
		}
		if len(outside) == 0 {
			b.WriteString("    everyone in hours\n")
		}
		for _, s := range outside {
			fmt.Fprintf(&b, "    %s\n", s)
		}
	}
	p.out.SetText(strings.TrimRight(b.String(), "\n"))
	// The burden per member, as a table: a header and one row each.
	p.fitColumns()
	p.totals.Show()
	p.totals.Refresh()
	p.totals.ScrollToTop()
	p.totalsHead.Show()
	p.save.Enable()
	p.export.Enable()
}

func (p *rotationPanel) occurrences() []timezone.Interval {
	out := make([]timezone.Interval, len(p.plan.Occurrences))
	for i, o := range p.plan.Occurrences {
		out[i] = o.Interval
	}
	return out
}
