package app

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
)

// overlapFixture opens a database in a temporary directory with the sample
// team and builds the Overlap tab in a test window, viewed from Lisbon on
// Wednesday 2026-06-10.
func overlapFixture(t *testing.T) (*overlapTab, *session, *store.DB) {
	t.Helper()
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	team, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), team); err != nil {
		t.Fatal(err)
	}
	lisbon, _ := timezone.LoadZone("Europe/Lisbon")
	w := test.NewTempWindow(t, nil)
	s := &session{db: db, win: w, viewer: lisbon, done: make(chan struct{}),
		now: func() time.Time { return time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) }}
	registerSession(s)
	t.Cleanup(s.close)
	tab := newOverlapPlanner(s)
	w.SetContent(tab.body)
	w.Resize(fyne.NewSize(1180, 760))
	return tab, s, db
}

func overlapRetype(e textField, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestOverlapTabShowsTheSampleTeam(t *testing.T) {
	tab, _, _ := overlapFixture(t)
	if got := tab.list.Length(); got != 9 {
		t.Fatalf("%d bands; want 9 (every member by default)", got)
	}
	if tab.membersBtn.Text != "Members: 9 of 9" {
		t.Errorf("members button %q", tab.membersBtn.Text)
	}
	if tab.date.Text != "2026-06-10" || tab.zone.Text != "Europe/Lisbon" {
		t.Errorf("date %q zone %q; want today and the viewer's zone", tab.date.Text, tab.zone.Text)
	}
	// New York to Auckland: nobody overlaps with everyone.
	if !strings.Contains(tab.summary.Text, "No time on Wednesday 2026-06-10 when all 9") || !strings.Contains(tab.windows.Text, "missing:") {
		t.Errorf("summary %q\nwindows %q", tab.summary.Text, tab.windows.Text)
	}
	var sum int
	for _, s := range tab.count.coverage {
		sum += int(s.Duration() / time.Minute)
	}
	if sum != 24*60 {
		t.Errorf("the count band covers %d minutes; want the whole day", sum)
	}
}

func TestOverlapTabSelectMembersAndChangeDate(t *testing.T) {
	tab, _, _ := overlapFixture(t)
	test.Tap(tab.membersBtn)
	if tab.picker.list.Length() != 9 {
		t.Fatalf("member chooser shows %d checks; want 9", tab.picker.list.Length())
	}
	keep := map[string]bool{"Ana": true, "Greta": true, "Priya": true}
	for _, m := range tab.members {
		if !keep[m.Name] {
			tapMember(t, tab, m.Name)
		}
	}
	if tab.list.Length() != 3 || tab.membersBtn.Text != "Members: 3 of 9" {
		t.Fatalf("%d bands, button %q; want 3", tab.list.Length(), tab.membersBtn.Text)
	}
	// Ana 09:00-17:00 WEST, Greta 08:00-16:30 CEST = 07:00-15:30 Lisbon,
	// Priya 10:00-18:30 IST = 05:30-14:00 Lisbon: everyone 09:00-14:00.
	if !strings.Contains(tab.summary.Text, "All 3 chosen members are working for 5h") {
		t.Errorf("summary %q", tab.summary.Text)
	}
	if !strings.Contains(tab.windows.Text, "Wed 09:00 – 14:00 Lisbon (5h)") || !strings.Contains(tab.windows.Text, "Priya: Wed 13:30 – 18:30 Kolkata") {
		t.Errorf("windows:\n%s", tab.windows.Text)
	}
	// The calendar button opens a month to pick from.
	test.Tap(tab.pick)
	if tab.calendar == nil || !tab.calendar.Visible() {
		t.Fatal("the calendar did not open")
	}
	tab.calendar.Hide()
	// Saturday: nobody works.
	overlapRetype(tab.date, "2026-06-13")
	if !strings.Contains(tab.summary.Text, "No time on Saturday 2026-06-13") {
		t.Errorf("after changing the date: %q", tab.summary.Text)
	}
	// The week view from Monday has five windows.
	overlapRetype(tab.date, "2026-06-08")
	tab.span.SetSelected("Week")
	if got := len(tab.view.windows); got != 5 {
		t.Errorf("week view has %d windows; want 5", got)
	}
}

func TestOverlapTabViewerZone(t *testing.T) {
	tab, _, _ := overlapFixture(t)
	overlapRetype(tab.zone, "kolkata")
	if len(tab.zone.matches) == 0 || tab.zone.matches[0] != "Asia/Kolkata" {
		t.Errorf("searching zones offers %v", tab.zone.matches)
	}
	overlapRetype(tab.zone, "Asia/Kolkata")
	if tab.viewer.String() != "Asia/Kolkata" || !tab.view.win.Start.Equal(time.Date(2026, 6, 9, 18, 30, 0, 0, time.UTC)) {
		t.Errorf("viewer %s, day starts %s; want Kolkata midnight", tab.viewer, tab.view.win.Start.UTC())
	}
	// Clock labels sit on whole Kolkata hours, which are half past in UTC.
	if len(tab.view.ticks) != 8 || tab.view.ticks[1].UTC().Format("15:04") != "21:30" {
		t.Errorf("ticks %v; want every 3 hours from Kolkata midnight", tab.view.ticks)
	}
	overlapRetype(tab.zone, "Asia/Kathmandu")
	if len(tab.view.ticks) != 8 || tab.view.ticks[0].In(tab.viewer).Format("15:04") != "00:00" {
		t.Errorf("Kathmandu ticks %v", tab.view.ticks)
	}
}

func TestOverlapTabSuggestConvertRotate(t *testing.T) {
	tab, _, db := overlapFixture(t)
	test.Tap(tab.membersBtn)
	for _, m := range tab.members {
		if m.Name == "Mere" || m.Name == "Jack" {
			tapMember(t, tab, m.Name) // leave the Pacific out
		}
	}
	tab.suggest.duration.SetSelected("45 min")
	test.Tap(tab.suggest.run)
	if len(tab.suggest.results) == 0 {
		t.Fatal("Suggest gave nothing")
	}
	best := tab.suggest.results[0]
	if best.Duration() != 45*time.Minute || len(best.People) != 7 {
		t.Errorf("best suggestion %v with %d people", best.Interval, len(best.People))
	}
	if !strings.Contains(tab.suggest.detail.Text, "Dana") || !strings.Contains(tab.suggest.detail.Text, "Sagar") {
		t.Errorf("suggestion detail lacks members' local times:\n%s", tab.suggest.detail.Text)
	}
	if tab.view.mark != best.Interval {
		t.Errorf("the picked suggestion is not marked on the bands")
	}
	test.Tap(tab.suggest.save)
	if all, _ := db.MeetingSeries(context.Background()); len(all) != 1 || !all[0].Occurrences[0].Start.Equal(best.Start) {
		t.Errorf("saved meetings %+v; want the chosen suggestion", all)
	}

	overlapRetype(tab.convert.at, "15:00")
	test.Tap(tab.convert.run)
	out := tab.convert.out.Text
	for _, want := range []string{"Wed 10 Jun 2026 15:00 Lisbon", "14:00 UTC", "Ana          Wed 15:00     in hours   Lisbon",
		"Priya        Wed 19:30     acceptable Kolkata", "Sagar        Wed 19:45     acceptable Kathmandu", "Dana         Wed 10:00     in hours   New York"} {
		if !strings.Contains(out, want) {
			t.Errorf("conversion lacks %q:\n%s", want, out)
		}
	}
	overlapRetype(tab.convert.at, "2026-06-10 23:30")
	test.Tap(tab.convert.run)
	if !strings.Contains(tab.convert.out.Text, "Priya        Thu 04:00 +1") {
		t.Errorf("a late time should be +1 in Kolkata:\n%s", tab.convert.out.Text)
	}

	overlapRetype(tab.rotation.count, "4")
	tab.rotation.title.SetText("Weekly sync")
	test.Tap(tab.rotation.run)
	if len(tab.rotation.plan.Occurrences) != 4 || !tab.rotation.totalsHead.Visible() {
		t.Fatalf("rotation plan:\n%s", tab.rotation.out.Text)
	}
	test.Tap(tab.rotation.save)
	all, err := db.MeetingSeries(context.Background())
	if err != nil || len(all) != 2 {
		t.Fatalf("saved %d series (%v); want 2", len(all), err)
	}
	var series team.MeetingSeries
	for _, s := range all {
		if s.Title == "Weekly sync" {
			series = s
		}
	}
	if len(series.Occurrences) != 4 || series.Zone != "Europe/Lisbon" || len(series.Members) != 7 {
		t.Fatalf("saved series %+v", series)
	}
	if len(tab.saved.series) != 2 || tab.saved.export.Disabled() == false {
		t.Fatalf("saved panel lists %d series; want 2, nothing selected", len(tab.saved.series))
	}
	tab.saved.list.Select(1)
	if tab.saved.export.Disabled() || !strings.HasPrefix(tab.saved.rowText(1), "Weekly sync · 4 meetings from Wed 10 Jun") {
		t.Errorf("saved row %q, export disabled %v", tab.saved.rowText(1), tab.saved.export.Disabled())
	}
	var buf bytes.Buffer
	if err := writeMeetingICS(&buf, series, db, time.Now); err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if evs := cal.Events(); len(evs) != 4 {
		t.Errorf("exported %d events; want 4", len(evs))
	} else if start, err := evs[0].DateTimeStart(time.UTC); err != nil || !start.Equal(series.Occurrences[0].Start) {
		t.Errorf("first event starts %v (%v); want %v", start, err, series.Occurrences[0].Start)
	}
}

func TestOverlapTabReloadsWhenTeamChanges(t *testing.T) {
	tab, s, db := overlapFixture(t)
	if _, err := db.SaveMember(context.Background(), roster.Member{Name: "Zed", Zone: "Pacific/Chatham"}); err != nil {
		t.Fatal(err)
	}
	s.teamChanged()
	if tab.list.Length() != 10 || tab.membersBtn.Text != "Members: 10 of 10" {
		t.Errorf("after adding a member: %d bands, %q", tab.list.Length(), tab.membersBtn.Text)
	}
}

func TestOverlapTabManyMembers(t *testing.T) {
	tab, s, db := overlapFixture(t)
	zones := timezone.Zones()
	hours, _ := timezone.ParseDayHours("09:00-17:00")
	for i := 0; i < 40; i++ {
		m := roster.Member{Name: fmt.Sprintf("Person %02d", i), Zone: zones[(i*37)%len(zones)]}
		m.Hours[time.Wednesday] = hours
		if _, err := db.SaveMember(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	s.teamChanged()
	if tab.list.Length() != 49 {
		t.Fatalf("%d bands; want 49", tab.list.Length())
	}
	img := s.win.Canvas().Capture()
	if img.Bounds().Dx() < 1000 {
		t.Errorf("capture is %v", img.Bounds())
	}
}

// TestOverlapTabRender compares the tab, five members of the sample team on
// one day, with a reviewed rendering: the bands, the outlined window, the
// count band and the Windows panel.
func TestOverlapTabRender(t *testing.T) {
	tab, s, _ := overlapFixture(t)
	test.Tap(tab.membersBtn)
	keep := map[string]bool{"Ana": true, "Dana": true, "Greta": true, "Liam": true, "Lucas": true}
	for _, m := range tab.members {
		if !keep[m.Name] {
			tapMember(t, tab, m.Name)
		}
	}
	s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
	test.AssertImageMatches(t, "overlap_tab_five_members.png", s.win.Canvas().Capture())
}

func TestOverlapTabEmptyTeam(t *testing.T) {
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := test.NewTempWindow(t, nil)
	s := &session{db: db, win: w, viewer: time.UTC, now: time.Now}
	tab := newOverlapPlanner(s)
	w.SetContent(tab.body)
	if len(tab.body.Objects) != 1 || tab.body.Objects[0] != tab.empty {
		t.Fatalf("an empty team should show the empty state")
	}
	team, _ := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if _, err := db.ImportTeam(context.Background(), team); err != nil {
		t.Fatal(err)
	}
	s.teamChanged()
	if tab.body.Objects[0] != tab.main || tab.list.Length() != 9 {
		t.Errorf("after loading the sample team: %d bands", tab.list.Length())
	}
}

func TestOverlapTabIsBuiltWhenShown(t *testing.T) {
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := test.NewTempWindow(t, nil)
	s := &session{db: db, win: w, viewer: time.UTC, now: time.Now}
	built := 0
	lazy := newLazyTab(func() fyne.CanvasObject { built++; return widget.NewLabel("planner") })
	tabs := container.NewAppTabs(container.NewTabItem("Team", widget.NewLabel("team")), container.NewTabItem("Overlap", lazy))
	w.SetContent(tabs)
	w.Resize(fyne.NewSize(800, 600))
	tabs.Refresh()
	if built != 0 {
		t.Fatalf("a hidden tab was built %d times", built)
	}
	tabs.SelectIndex(1)
	if built != 1 || lazy.content == nil {
		t.Fatalf("showing the tab built it %d times", built)
	}
	tabs.SelectIndex(0)
	tabs.SelectIndex(1)
	if built != 1 {
		t.Errorf("the tab was built again: %d", built)
	}
	// The real tab: built on demand from the session.
	item := newOverlapTab(s)
	if _, ok := item.Content.(*lazyTab); !ok {
		t.Errorf("the Overlap tab content is %T; want a lazy tab", item.Content)
	}
}

// tapMember finds a member in the open member chooser by typing their name
// into its filter, and taps their check.
func tapMember(t *testing.T, tab *overlapTab, name string) {
	t.Helper()
	p := tab.picker
	p.filter.SetText("")
	test.Type(p.filter, name)
	c := p.check(name)
	if c == nil {
		t.Fatalf("the member chooser shows no %s for %q", name, p.filter.Text)
	}
	test.Tap(c)
	p.filter.SetText("")
}

// The member chooser filters by name or city, and All and None apply to
// the members it shows, in one go.
func TestMemberChooserFiltersAndSetsWhatItShows(t *testing.T) {
	tab, _, _ := overlapFixture(t)
	test.Tap(tab.membersBtn)
	p := tab.picker
	test.Type(p.filter, "lisbon")
	if p.list.Length() != 1 || p.shown[0].Name != "Ana" {
		t.Fatalf("filter lisbon shows %d members; want Ana", p.list.Length())
	}
	p.filter.SetText("")
	test.Tap(searchButton(t, "None", p.content))
	if len(tab.people) != 0 || tab.membersBtn.Text != "Members: 0 of 9" {
		t.Fatalf("after None: %d people, button %q", len(tab.people), tab.membersBtn.Text)
	}
	test.Type(p.filter, "europe") // the members in European zones
	matched := p.list.Length()
	test.Tap(searchButton(t, "All", p.content))
	if len(tab.people) != matched || matched == 0 || matched == 9 {
		t.Fatalf("All over %d shown members put %d in", matched, len(tab.people))
	}
	if !strings.Contains(p.count.Text, "in · ") {
		t.Errorf("the chooser's count says %q", p.count.Text)
	}
}
