package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

func newMonoLabel() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle.Monospace = true
	return l
}

// suggestPanel ranks meeting slots of a chosen length in the shown day or week.
type suggestPanel struct {
	t        *overlapTab
	duration *widget.Select
	run      *widget.Button
	list     *widget.List
	results  []timezone.Suggestion
	picked   int
	detail   *widget.Label
	title    *widget.Entry
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
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rowText(id)) })
	p.list.OnSelected = func(id widget.ListItemID) { p.picked = id; p.showDetail() }
	p.detail = newMonoLabel()
	p.title = widget.NewEntry()
	p.title.SetText("Team meeting")
	p.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { p.t.saveMeeting(p.title.Text, p.chosen(), nil) })
	p.export = widget.NewButtonWithIcon("Export .ics…", theme.MailSendIcon(), func() { p.t.exportMeeting(p.title.Text, p.chosen()) })
	p.save.Disable()
	p.export.Disable()
	top := container.NewBorder(nil, nil, widget.NewLabel("Length"), p.run, p.duration)
	bottom := container.NewBorder(nil, nil, widget.NewLabel("Title"), container.NewHBox(p.save, p.export), p.title)
	split := container.NewVSplit(p.list, container.NewVScroll(p.detail))
	split.Offset = 0.4
	p.content = container.NewBorder(top, bottom, nil, nil, split)
	return p
}

func (p *suggestPanel) rowText(id int) string {
	if id >= len(p.results) {
		return ""
	}
	s := p.results[id]
	a, b := s.Start.In(p.t.viewer), s.End.In(p.t.viewer)
	return fmt.Sprintf("%d. %s–%s · %d/%d in hours · burden %d", id+1, a.Format("Mon 15:04"), b.Format("15:04"),
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
	p.results = timezone.Suggest(p.t.people, p.t.view.win, d, p.t.viewer, 8)
	p.picked = -1
	p.list.UnselectAll()
	p.list.Refresh()
	if len(p.results) == 0 {
		p.detail.SetText("No slot of that length fits in the shown day.")
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
	for _, a := range s.People {
		fmt.Fprintf(&b, "%-12s %s–%s%s  %s\n", shortName(a.Name, 12), a.Time.Format("Mon 15:04"),
			a.End.Format("15:04"), offsetSuffix(a.DayOffset), burdenText(a.Cost))
	}
	p.detail.SetText(strings.TrimRight(b.String(), "\n"))
	p.save.Enable()
	p.export.Enable()
}

func offsetSuffix(n int) string {
	if n == 0 {
		return "   "
	}
	return " " + timezone.DayOffsetLabel(n)
}

func burdenText(c timezone.Cost) string {
	switch {
	case c.Away:
		return "away"
	case c.InHours:
		return "in hours"
	case c.Early > 0 && c.Late > 0:
		return fmt.Sprintf("%d min early/late", c.Outside)
	case c.Early > 0:
		return fmt.Sprintf("%d min early", c.Early)
	}
	return fmt.Sprintf("%d min late", c.Late)
}

// convertPanel shows an instant in every chosen member's local time.
type convertPanel struct {
	t       *overlapTab
	at      *widget.Entry
	run     *widget.Button
	out     *widget.Label
	content fyne.CanvasObject
}

func newConvertPanel(t *overlapTab) *convertPanel {
	p := &convertPanel{t: t}
	p.at = widget.NewEntry()
	p.at.SetPlaceHolder("15:30 on the shown day, or 2026-06-10 15:30")
	p.at.SetText(fmt.Sprintf("%02d:00", t.s.now().In(t.viewer).Hour()))
	p.at.OnSubmitted = func(string) { p.onConvert() }
	p.run = widget.NewButtonWithIcon("Convert", theme.ViewRefreshIcon(), p.onConvert)
	p.run.Importance = widget.HighImportance
	p.out = newMonoLabel()
	hint := widget.NewLabel("A time in the viewer's zone; each member's local time, +1/-1 for another day.")
	hint.Wrapping = fyne.TextWrapWord
	p.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, p.run, p.at), hint), nil, nil, nil,
		container.NewVScroll(p.out))
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
		dialog.ShowError(err, p.t.s.win)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s in %s\n%s UTC\n\n", at.In(p.t.viewer).Format("Mon 2 Jan 2006 15:04 MST"), timezone.Name(p.t.viewer), at.UTC().Format("15:04"))
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
		fmt.Fprintf(&b, "%-12s %s%s  %-10s %s\n", shortName(lt.Name, 12), lt.Time.Format("Mon 15:04"), offsetSuffix(lt.DayOffset), state, lt.Time.Format("MST"))
	}
	p.out.SetText(strings.TrimRight(b.String(), "\n"))
}

// rotationPanel plans a weekly meeting whose time rotates to spread the
// early and late burden, and saves or exports it as a series.
type rotationPanel struct {
	t        *overlapTab
	count    *widget.Entry
	duration *widget.Select
	title    *widget.Entry
	run      *widget.Button
	out      *widget.Label
	save     *widget.Button
	export   *widget.Button
	plan     timezone.RotationPlan
	content  fyne.CanvasObject
}

func newRotationPanel(t *overlapTab) *rotationPanel {
	p := &rotationPanel{t: t}
	p.count = widget.NewEntry()
	p.count.SetText("6")
	p.duration = widget.NewSelect(durationChoices, nil)
	p.duration.SetSelected("1 h")
	p.title = widget.NewEntry()
	p.title.SetText("Team sync")
	p.run = widget.NewButtonWithIcon("Plan", theme.ViewRefreshIcon(), p.onPlan)
	p.run.Importance = widget.HighImportance
	p.out = newMonoLabel()
	p.save = widget.NewButtonWithIcon("Save series", theme.DocumentSaveIcon(), func() { p.t.saveMeeting(p.title.Text, p.occurrences(), nil) })
	p.export = widget.NewButtonWithIcon("Export .ics…", theme.MailSendIcon(), func() { p.t.exportMeeting(p.title.Text, p.occurrences()) })
	p.save.Disable()
	p.export.Disable()
	form := container.NewGridWithColumns(2,
		widget.NewLabel("Weekly, occurrences"), p.count,
		widget.NewLabel("Length"), p.duration,
		widget.NewLabel("Title"), p.title)
	hint := widget.NewLabel("Weekly on the weekday of the shown date; the time moves so that no one carries most of the early or late meetings.")
	hint.Wrapping = fyne.TextWrapWord
	p.content = container.NewBorder(container.NewVBox(form, hint, p.run), container.NewHBox(p.save, p.export), nil, nil,
		container.NewScroll(p.out))
	return p
}

var errBadCount = errors.New("give a whole number of occurrences")

func (p *rotationPanel) onPlan() {
	n, err := strconv.Atoi(strings.TrimSpace(p.count.Text))
	if err != nil {
		dialog.ShowError(fmt.Errorf("occurrences %q: %w", p.count.Text, errBadCount), p.t.s.win)
		return
	}
	plan, err := timezone.FairRotation(p.t.people, p.t.day, p.t.viewer, n, parseDurationChoice(p.duration.Selected))
	if err != nil {
		dialog.ShowError(err, p.t.s.win)
		return
	}
	p.plan = plan
	var b strings.Builder
	for i, o := range plan.Occurrences {
		fmt.Fprintf(&b, "%2d. %s %s\n", i+1, o.Start.In(p.t.viewer).Format("Mon 2 Jan 15:04"), o.Start.In(p.t.viewer).Format("MST"))
		var outside []string
		for j, c := range o.Costs {
			if !c.InHours {
				outside = append(outside, fmt.Sprintf("%s %s %s", p.t.people[j].Name, o.Start.In(p.t.people[j].Loc).Format("15:04"), burdenText(c)))
			}
		}
		if len(outside) == 0 {
			b.WriteString("    everyone in hours\n")
		}
		for _, s := range outside {
			fmt.Fprintf(&b, "    %s\n", s)
		}
	}
	fmt.Fprintf(&b, "\nCumulative burden (weighted minutes outside hours)\n%-12s %7s %6s %6s %5s\n", "", "burden", "early", "late", "times")
	for _, tot := range plan.Totals {
		fmt.Fprintf(&b, "%-12s %7d %6d %6d %5d\n", shortName(tot.Name, 12), tot.Burden, tot.Early, tot.Late, tot.OutsideCount)
	}
	p.out.SetText(strings.TrimRight(b.String(), "\n"))
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
