package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// overlapStore is what the Overlap tab needs from storage.
type overlapStore interface {
	Members(ctx context.Context) ([]roster.Member, error)
	MeetingSeries(ctx context.Context) ([]team.MeetingSeries, error)
	SaveMeetingSeries(ctx context.Context, s team.MeetingSeries) (team.MeetingSeries, error)
	DeleteMeetingSeries(ctx context.Context, id int64) error
	calendar.Sequencer
}

// overlapTab is the time-zone overlap planner: one band per member in the
// viewer's time, the bottom count band, and beside them the windows,
// suggestions, conversion and fair rotation.
type overlapTab struct {
	s     *session
	store overlapStore

	members  []roster.Member
	excluded map[string]bool // lower-cased names left out; new members are in
	chosen   []roster.Member
	people   []timezone.Person
	viewer   *time.Location
	day      timezone.Date
	week     bool

	view     bandView
	bands    []timezone.Band
	coverage []timezone.Slot

	date       *widget.Entry
	pick       *widget.Button
	calendar   *widget.PopUp
	span       *widget.RadioGroup
	zone       *zonePicker
	membersBtn *widget.Button
	picker     *memberPicker // the member chooser open last
	axis       *bandAxis
	list       *widget.List
	count      *countBand
	summary    *widget.Label
	windows    *lineList
	body       *fyne.Container
	empty      fyne.CanvasObject
	main       fyne.CanvasObject

	side     *container.AppTabs
	suggest  *suggestPanel
	convert  *convertPanel
	rotation *rotationPanel
	saved    *savedPanel
}

// newOverlapTab builds the time-zone overlap planner tab; its widgets and
// data are made when the tab is first shown.
func newOverlapTab(s *session) *container.TabItem {
	return container.NewTabItemWithIcon("Overlap", theme.GridIcon(),
		newLazyTab(func() fyne.CanvasObject { return newOverlapPlanner(s).body }))
}

// newOverlapPlanner builds the tab's widgets and loads the team.
func newOverlapPlanner(s *session) *overlapTab {
	t := &overlapTab{s: s, store: s.db, excluded: map[string]bool{}, viewer: s.viewer,
		day: timezone.DateOf(s.now().In(s.viewer))}
	s.overlap = t
	if loc, err := timezone.LoadZone(timezone.Name(s.viewer)); err == nil {
		t.viewer = loc // the computer's zone by its name, so saved meetings carry a real TZID
	}
	if loc, ok := s.myZone(); ok {
		t.viewer = loc // my zone, once I said who I am
	}
	t.view.viewer = t.viewer

	t.date = widget.NewEntry()
	t.date.SetText(t.day.String())
	t.date.Validator = func(s string) error { _, err := timezone.ParseDate(s); return err }
	t.date.OnChanged = t.onDateText
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { t.shiftDay(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { t.shiftDay(1) })
	today := widget.NewButton("Today", func() { t.setDay(timezone.DateOf(t.s.now().In(t.viewer))) })
	t.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), t.onPickDate)
	t.span = widget.NewRadioGroup([]string{"Day", "Week"}, func(v string) { t.week = v == "Week"; t.recompute() })
	t.span.Horizontal = true
	t.span.Required = true
	t.span.SetSelected("Day")

	t.zone = newZonePicker(zoneName(t.viewer), "Viewer zone: type a city, e.g. new york")
	t.zone.onChange = t.onZoneText
	t.zone.onPick = t.onZoneText
	t.membersBtn = widget.NewButtonWithIcon("Members", theme.AccountIcon(), t.onPickMembers)

	t.axis = newBandAxis(&t.view)
	t.list = widget.NewList(func() int { return len(t.bands) },
		func() fyne.CanvasObject { return newBandRow(&t.view) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.bands) {
				r := o.(*bandRow)
				r.band = t.bands[id]
				r.Refresh()
			}
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.list.Unselect(id) } // bands are for looking, not choosing
	t.count = newCountBand(&t.view)
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.windows = newLineList()

	t.suggest = newSuggestPanel(t)
	t.convert = newConvertPanel(t)
	t.rotation = newRotationPanel(t)
	t.saved = newSavedPanel(t)
	t.side = container.NewAppTabs(
		container.NewTabItem("Windows", container.NewBorder(t.summary, nil, nil, nil, t.windows)),
		container.NewTabItem("Suggest", t.suggest.content),
		container.NewTabItem("Convert", t.convert.content),
		container.NewTabItem("Rotation", t.rotation.content),
		container.NewTabItem("Saved", t.saved.content),
	)

	dateRow := container.NewHBox(prev, container.NewGridWrap(fyne.NewSize(120, t.date.MinSize().Height), t.date), t.pick, next, today, t.span)
	toolbar := container.NewBorder(nil, nil, dateRow, t.membersBtn, t.zone)
	bands := container.NewBorder(t.axis, container.NewVBox(widget.NewSeparator(), t.count, bandLegend()), nil, nil, t.list)
	split := container.NewHSplit(bands, container.NewPadded(t.side))
	split.Offset = 0.6
	t.main = container.NewBorder(toolbar, nil, nil, nil, split)
	empty := widget.NewLabel("No team yet: add members or load the sample team on the Team tab.")
	empty.Alignment = fyne.TextAlignCenter
	t.empty = container.NewCenter(empty)
	t.body = container.NewStack()
	t.reload()
	s.listenTeam(t.reload)
	s.onTab(tabOverlap, tabActions{
		// Ctrl+F searches the zones for the viewer's zone.
		search: func() { s.win.Canvas().Focus(t.zone) },
		// Ctrl+N suggests a new meeting in the shown day.
		newItem: func() {
			t.side.SelectIndex(1)
			t.suggest.onSuggest()
		},
	})
	return t
}

// bandLegend explains the band colours.
func bandLegend() fyne.CanvasObject {
	item := func(c fyne.CanvasObject, text string) fyne.CanvasObject {
		return container.NewHBox(container.NewCenter(c), widget.NewLabel(text))
	}
	// Two short rows, so the legend never makes the window wider.
	return container.NewVBox(
		container.NewHBox(
			item(legendSwatch(colWorking, false), "working"),
			item(legendSwatch(colAcceptable, false), "acceptable"),
			item(legendSwatch(colAway, false), "time off")),
		container.NewHBox(
			item(legendSwatch(colWindow, true), "everyone working"),
			item(legendSwatch(colMark, true), "suggested")),
	)
}

// legendSwatch is a small colour sample for the legend.
func legendSwatch(c color.Color, outlined bool) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(18, 12))
	if outlined {
		r.FillColor, r.StrokeColor, r.StrokeWidth = color.Transparent, c, 2
		if c == color.Color(colWindow) {
			r.FillColor = colWindowFill
		}
	}
	return r
}

// reload reads the members and redraws everything.
func (t *overlapTab) reload() {
	ms, err := t.store.Members(context.Background())
	if err != nil {
		t.s.showError(err)
		return
	}
	t.members = ms
	if len(ms) == 0 {
		t.body.Objects = []fyne.CanvasObject{t.empty}
	} else {
		t.body.Objects = []fyne.CanvasObject{t.main}
	}
	t.body.Refresh()
	t.recompute()
	t.saved.reload()
}

// recompute rebuilds the people, bands, windows and coverage for the chosen
// day or week, members and viewer zone. It takes a few milliseconds even for
// a large team, so it runs on the UI goroutine.
func (t *overlapTab) recompute() {
	if t.list == nil {
		return // still building the tab
	}
	t.chosen = t.chosen[:0]
	for _, m := range t.members {
		if !t.excluded[strings.ToLower(m.Name)] {
			t.chosen = append(t.chosen, m)
		}
	}
	people, err := roster.People(t.chosen)
	if err != nil {
		t.s.showError(err)
		return
	}
	t.people = people
	if t.week {
		t.view.win = timezone.WeekWindow(t.day, t.viewer)
	} else {
		t.view.win = timezone.DayWindow(t.day, t.viewer)
	}
	t.view.viewer = t.viewer
	t.view.ticks = t.view.computeTicks()
	t.view.windows = nil
	t.view.mark = timezone.Interval{} // a suggestion of another day or team is stale
	t.suggest.clear()
	if len(people) > 0 {
		t.view.windows = timezone.Windows(people, t.view.win)
	}
	t.bands = timezone.Bands(people, t.view.win)
	t.coverage = timezone.Coverage(people, t.view.win)
	t.count.coverage, t.count.total = t.coverage, len(people)
	t.membersBtn.SetText(fmt.Sprintf("Members: %d of %d", len(t.chosen), len(t.members)))
	t.axis.Refresh()
	t.list.Refresh()
	t.count.Refresh()
	t.showWindows()
	t.convert.refresh()
}

// showWindows fills the Windows panel: full-overlap windows in viewer time
// and in each member's time, or the best partial windows and who is missing.
func (t *overlapTab) showWindows() {
	win, loc := t.view.win, t.viewer
	what := t.day.Weekday().String() + " " + t.day.String()
	if t.week {
		what = "the week from " + what
	}
	var b strings.Builder
	switch {
	case len(t.people) == 0:
		t.summary.SetText("Choose at least one member.")
		t.windows.SetText("")
		return
	case len(t.view.windows) > 0:
		total := time.Duration(0)
		for _, iv := range t.view.windows {
			total += iv.Duration()
		}
		all := fmt.Sprintf("All %d chosen members are", len(t.people))
		if len(t.people) == 1 {
			all = "The chosen member is"
		}
		t.summary.SetText(fmt.Sprintf("%s working for %s on %s; times in %s.", all, lengthText(total), what, zoneTitle(loc)))
		for _, iv := range t.view.windows {
			fmt.Fprintf(&b, "%s\n", windowText(iv, loc, win))
			for _, p := range t.people {
				fmt.Fprintf(&b, "    %s: %s\n", p.Name, memberSpan(iv, p.Loc, loc))
			}
			b.WriteString("\n")
		}
	default:
		t.summary.SetText(fmt.Sprintf("No time on %s when all %d chosen members are working. Best partial windows:", what, len(t.people)))
		for _, s := range timezone.BestPartial(t.people, win, 5) {
			fmt.Fprintf(&b, "%s · %d of %d\n    missing: %s\n", windowText(s.Interval, loc, win), s.Count(), len(t.people), namesUpTo(s.Missing(), 8))
			for _, p := range t.people {
				if s.Available(p.Name) {
					fmt.Fprintf(&b, "    %s: %s\n", p.Name, memberSpan(s.Interval, p.Loc, loc))
				}
			}
			b.WriteString("\n")
		}
	}
	t.windows.SetText(strings.TrimRight(b.String(), "\n"))
}

// namesUpTo joins up to n names and says how many more there are.
func namesUpTo(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// shortName cuts s to n runes with an ellipsis.
func shortName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// windowText formats an interval in the viewer's zone, with the weekday and
// its length.
func windowText(iv timezone.Interval, loc *time.Location, _ timezone.Interval) string {
	return fmt.Sprintf("%s (%s)", showSpan(iv.Start, iv.End, loc, formDayClock), lengthText(iv.Duration()))
}

// memberSpan formats an interval in a member's zone, with a day offset
// against the viewer's date when it is another day for them.
func memberSpan(iv timezone.Interval, loc, viewer *time.Location) string {
	vd := timezone.DateOf(iv.Start.In(viewer))
	return showSpan(iv.Start, iv.End, loc, formDayClock) + dayOffsetMark(vd, iv.Start.In(loc))
}

func dayOffsetMark(viewerDate timezone.Date, t time.Time) string {
	if off := viewerDate.DaysUntil(timezone.DateOf(t)); off != 0 {
		return " (" + timezone.DayOffsetLabel(off) + ")"
	}
	return ""
}

func lengthText(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	if m%60 == 0 {
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}

func (t *overlapTab) onDateText(s string) {
	d, err := timezone.ParseDate(strings.TrimSpace(s))
	if err != nil || d == t.day {
		return
	}
	t.day = d
	t.recompute()
}

// onPickDate shows a month calendar under the date; a tap picks the day.
func (t *overlapTab) onPickDate() {
	at := time.Date(t.day.Year, t.day.Month, t.day.Day, 12, 0, 0, 0, time.UTC)
	cal := widget.NewCalendar(at, func(d time.Time) {
		t.calendar.Hide()
		t.setDay(timezone.DateOf(d))
	})
	t.calendar = widget.NewPopUp(cal, t.s.win.Canvas())
	t.calendar.ShowAtRelativePosition(fyne.NewPos(0, t.pick.Size().Height), t.pick)
}

func (t *overlapTab) shiftDay(n int) {
	step := n
	if t.week {
		step = 7 * n
	}
	t.setDay(t.day.AddDays(step))
}

func (t *overlapTab) setDay(d timezone.Date) {
	t.day = d
	t.date.SetText(d.String()) // OnChanged sees the same day and does nothing
	t.recompute()
}

// onZoneText makes the typed or picked zone the viewer's, as soon as the
// text names exactly one zone.
func (t *overlapTab) onZoneText(string) {
	name, err := t.zone.zone()
	if err != nil {
		return
	}
	loc, err := timezone.LoadZone(name)
	if err != nil || zoneName(loc) == zoneName(t.viewer) {
		return
	}
	t.viewer = loc
	t.recompute()
}

// onPickMembers opens the member chooser; changes apply at once.
func (t *overlapTab) onPickMembers() {
	t.picker = newMemberPicker(t)
	d := dialog.NewCustom("Members in the overlap", "Done", t.picker.content, t.s.win)
	d.Resize(t.s.dialogSize(420, 520))
	t.s.show(d, d.Dismiss)
}
