package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
)

// 8. Timeline: month labels collided below ~1180 px; short blocks had no
// name; a click on a block did nothing. (Coverage windows drawn neutral:
// TestShiftTimelineDrawsShiftsOverridesAndGaps.)
func TestTimelineLabelsBlocksAndClicks(t *testing.T) {
	start := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) // three days before a new month
	r := oncall.Rotation{Name: "Follow", Members: []string{"Ana", "Bo"}, Shift: oncall.ShiftLength{N: 12, Unit: oncall.Hours},
		Handoff: timezone.MustClock("08:00"), Zone: "UTC", Start: timezone.DateOf(start),
		Overrides: []oncall.Override{{Member: "Bo", Start: start.Add(50 * time.Hour), End: start.Add(52 * time.Hour)}}}
	tab, _, w := oncallFixture(t, start)
	v := tab.timeline
	l := v.line
	l.rotations, l.members, l.start, l.days, l.now = []oncall.Rotation{r}, []string{"Ana", "Bo"}, start, 56, start
	w.SetContent(l)
	for _, width := range []float32{800, 1000, 1180, 1920} {
		w.Resize(fyne.NewSize(width, 300))
		l.days = 56
		l.Refresh()
		var texts []*canvas.Text
		named := 0
		for _, o := range test.WidgetRenderer(l).Objects() {
			if txt, ok := o.(*canvas.Text); ok {
				if txt.Position().Y < timelineHeader {
					texts = append(texts, txt)
				}
			}
		}
		for i, a := range texts {
			for _, b := range texts[i+1:] {
				if a.Position().Y == b.Position().Y && a.Position().X < b.Position().X+b.MinSize().Width && b.Position().X < a.Position().X+a.MinSize().Width {
					t.Errorf("at %.0f px the labels %q and %q overlap", width, a.Text, b.Text)
				}
			}
		}
		// Two weeks of 12 h shifts: each block carries a name, initials or
		// an initial.
		l.days = 14
		l.Refresh()
		for _, o := range test.WidgetRenderer(l).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Position().Y > timelineHeader && txt.Position().Y < timelineHeader+timelineRow &&
				txt.Position().X > timelineLabelWidth {
				named++
			}
		}
		wide := 0 // blocks of 16 px or more, room for one letter
		span := timezone.Interval{Start: start, End: start.Add(14 * 24 * time.Hour)}
		for _, sh := range oncall.Shifts(r, span.Start, span.End) {
			if float32(sh.Interval().Intersect(span).Duration().Hours())*(width-timelineLabelWidth)/(14*24) >= 16 {
				wide++
			}
		}
		if named < wide {
			t.Errorf("at %.0f px %d of the %d shift blocks of two weeks carry a name or initials", width, named, wide)
		}
	}
	// A click on a block shows the shift: member, times, contact.
	w.Resize(fyne.NewSize(1000, 300))
	l.days = 7
	l.Refresh()
	var clicked oncall.Shift
	l.onShift = func(sh oncall.Shift) { clicked = sh; v.showShift(sh) }
	x := timelineLabelWidth + (1000-timelineLabelWidth)*float32(10)/float32(7*24) // 10:00 on the first day
	test.TapAt(l, fyne.NewPos(x, timelineHeader+timelineRow/2))
	if clicked.Member != "Ana" || v.details == nil {
		t.Fatalf("a click at 10:00 on day 1 gave %+v; want Ana's shift and its details", clicked)
	}
	if tab.s.topDialog() == nil {
		t.Error("no dialog with the shift's details")
	}
}

// 9. Wording.
func TestWording(t *testing.T) {
	lisbon, _ := timezone.LoadZone("Europe/Lisbon")
	hours, _ := timezone.ParseDayHours("09:00-17:00")
	p := timezone.Person{Name: "Ana", Loc: lisbon}
	for d := time.Monday; d <= time.Friday; d++ {
		p.Hours[d] = hours
	}
	at := func(h, m int) timezone.Interval {
		s := time.Date(2026, 6, 10, h, m, 0, 0, lisbon)
		return timezone.Interval{Start: s, End: s.Add(time.Hour)}
	}
	for _, tc := range []struct {
		iv   timezone.Interval
		want string
	}{
		{at(3, 0), "starts 6 h before their day"},
		{at(8, 30), "starts 30 min before their day"},
		{at(16, 30), "ends 30 min after their day"},
		{at(21, 0), "ends 5 h after their day"},
	} {
		if got := burdenText(p, tc.iv, timezone.MeetingCost(p, tc.iv)); got != tc.want {
			t.Errorf("a meeting at %s: %q; want %q", tc.iv.Start.In(lisbon).Format("15:04"), got, tc.want)
		}
	}
	sat := timezone.Interval{Start: time.Date(2026, 6, 13, 10, 0, 0, 0, lisbon), End: time.Date(2026, 6, 13, 11, 0, 0, 0, lisbon)}
	if got := burdenText(p, sat, timezone.MeetingCost(p, sat)); got != "on their day off" {
		t.Errorf("Saturday: %q", got)
	}

	// Rotation rows mark another day; the burden table's header is whole.
	tab, _, _ := overlapFixture(t)
	overlapRetype(tab.rotation.count, "4")
	test.Tap(tab.rotation.run)
	out := tab.rotation.out.Text
	if !strings.Contains(out, "(+1)") && !strings.Contains(out, "(-1)") {
		t.Errorf("the rotation plan marks no other day:\n%s", out)
	}
	tab.s.win.Resize(fyne.NewSize(800, 600))
	for i, want := range []string{"", "burden", "early", "late", "outside"} {
		need := fyne.MeasureText(want, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
		if got := burdenColumns[i]; got != want || tab.rotation.colWidths[i] < need {
			t.Errorf("burden table header %d: %q in %.0f px (needs %.0f); want %q whole", i, got, tab.rotation.colWidths[i], need, want)
		}
	}
	if rows, cols := tab.rotation.totals.Length(); rows != len(tab.people) || cols != 5 {
		t.Errorf("the burden table has %d rows of %d; want one per member (%d) of 5", rows, cols, len(tab.people))
	}

	// One plural helper.
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "no matches"}, {1, "1 match"}, {2, "2 matches"}} {
		if got := plural(tc.n, "match", "matches"); got != tc.want {
			t.Errorf("plural(%d) = %q", tc.n, got)
		}
	}
	if times(1) != "once" || times(3) != "3 times" {
		t.Errorf("times: %q, %q", times(1), times(3))
	}

	// A reversed override says so, in words.
	oc, db, _ := oncallFixture(t, fixedNow)
	importSample(t, db)
	oc.s.teamChanged()
	oc.views.SelectIndex(2)
	rv := oc.rots
	rv.ovMember.SetSelected("Ana")
	retype(rv.ovFrom, "2026-12-10 12:00")
	retype(rv.ovTo, "2026-12-10 09:00")
	test.Tap(rv.ovAdd)
	if !strings.Contains(rv.ovErr.Text, "end must be after the start") || strings.Contains(rv.ovErr.Text, "name a member") ||
		strings.Contains(rv.ovErr.Text, "T12:00:00Z") {
		t.Errorf("a reversed override says %q", rv.ovErr.Text)
	}

	// An empty zone asks for one.
	s, team := showTeamTab(t)
	_ = s
	test.Tap(team.add)
	f := team.form
	test.Type(f.name, "Zoe")
	test.Tap(f.save)
	if l := f.errs.label("zone"); !l.Visible() || l.Text != "choose a time zone" {
		t.Errorf("an empty zone says %q", l.Text)
	}
}

// 9. Delete said "cannot be undone" and only after Yes "still in use": now
// a member in use is refused at once, and a deletion can be undone.
func TestDeleteChecksUseFirst(t *testing.T) {
	mw := sampleWindow(t)
	tab := mw.s.team
	ana, _ := findMember(tab.members, "Ana")
	tab.onDelete(ana)
	top := mw.s.topDialog()
	if top == nil {
		t.Fatal("no answer to Delete")
	}
	if _, ok := top.d.(interface{ Confirm() }); ok {
		t.Fatal("a member in use gets a confirmation; want a refusal first")
	}
	if searchLabel(t, mw.win.Canvas().Overlays().Top(), "rotation Primary") == nil {
		t.Error("the refusal does not say where Ana is used")
	}
	mw.s.escape()
	sagar, _ := findMember(tab.members, "Sagar")
	tab.onDelete(sagar)
	if searchLabel(t, mw.win.Canvas().Overlays().Top(), "cannot be undone") != nil {
		t.Error("the confirmation still says it cannot be undone")
	}
	mw.s.escape()
}

func findMember(ms []roster.Member, name string) (roster.Member, bool) {
	return roster.FindMember(ms, name)
}

// 12. Secondary text, hints, counters and checkboxes reach 4.5:1 on the
// background in both variants; lines and borders 3:1.
func TestThemeContrast(t *testing.T) {
	for _, choice := range []string{themeLight, themeDark} {
		th := newAppTheme(choice)
		v := th.forced
		bg := th.Color(theme.ColorNameBackground, v)
		input := th.Color(theme.ColorNameInputBackground, v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNameSuccess,
			theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary} {
			if c := contrast(th.Color(n, v), bg); c < 4.5 {
				t.Errorf("%s: %s on the background is %.1f:1; want 4.5:1", choice, n, c)
			}
		}
		if c := contrast(th.Color(theme.ColorNameForegroundOnPrimary, v), th.Color(theme.ColorNamePrimary, v)); c < 4.5 {
			t.Errorf("%s: text on a primary button is %.1f:1; want 4.5:1", choice, c)
		}
		if c := contrast(th.Color(theme.ColorNamePlaceHolder, v), input); c < 4.5 {
			t.Errorf("%s: placeholder on an entry is %.1f:1; want 4.5:1", choice, c)
		}
		if c := contrast(th.Color(theme.ColorNameInputBorder, v), bg); c < 3 {
			t.Errorf("%s: checkbox and entry borders are %.1f:1; want 3:1", choice, c)
		}
	}
}

// 12. Delete and the trash icons were cut at the right edge: they stay
// inside the pane, clear of the scroll bar.
func TestButtonsStayInsideTheirPane(t *testing.T) {
	mw := sampleWindow(t)
	for _, size := range []fyne.Size{fyne.NewSize(800, 600), fyne.NewSize(1000, 700)} {
		mw.win.Resize(size)
		tab := mw.s.team
		tab.showDetail()
		d := fyne.CurrentApp().Driver()
		right := d.AbsolutePositionForObject(tab.detail).X + tab.detail.Size().Width
		del := tab.delete
		if x := d.AbsolutePositionForObject(del).X + del.Size().Width; x > right-theme.ScrollBarSize()+0.5 {
			t.Errorf("at %.0f px Delete ends at %.0f, under the scroll bar of a pane ending at %.0f", size.Width, x, right)
		}
	}
}

// 13. Convert kept the old zone's result; a Team filter matching nobody
// still said "10 members" and showed the hidden member.
func TestViewsDoNotGoStale(t *testing.T) {
	tab, _, _ := overlapFixture(t)
	overlapRetype(tab.convert.at, "15:00")
	test.Tap(tab.convert.run)
	overlapRetype(tab.zone, "Asia/Kolkata")
	if !strings.HasPrefix(tab.convert.out.Text, "Wed 10 Jun 2026 15:00 Kolkata") {
		t.Errorf("after the zone changed, Convert shows:\n%s", tab.convert.out.Text)
	}

	_, team := showTeamTab(t)
	test.Tap(team.sampleB)
	team.s.escape()
	test.Type(team.filter, "nobody by that name")
	if team.count.Text != "0 of 9 members" {
		t.Errorf("count %q; want 0 of 9 members", team.count.Text)
	}
	if _, ok := team.selectedMember(); ok || searchLabel(t, team.detail, "No member matches") == nil {
		t.Error("a filter matching nobody still shows a member's details")
	}
	team.filter.SetText("kolkata")
	if team.count.Text != "1 of 9 members" || len(team.shown) != 1 || team.shown[0].Name != "Priya" {
		t.Errorf("filter kolkata: %q, %d shown", team.count.Text, len(team.shown))
	}
}

// The On-call marker: who is on call now, in which rotation, beside each
// member on the Team tab.
func TestTeamShowsWhoIsOnCall(t *testing.T) {
	mw := sampleWindow(t)
	tab := mw.s.team
	st := oncall.Now(mw.s.oncallRotations(t), fixedNow)
	want := map[string]string{}
	for _, s := range st {
		if s.OnCall {
			want[s.Current.Member] = s.Rotation
		}
	}
	if len(want) == 0 {
		t.Fatal("nobody on call in the sample team at fixedNow")
	}
	for i, m := range tab.shown {
		row := tab.list.CreateItem()
		tab.updateRow(i, row)
		if got := row.(*fyne.Container).Objects[5].(*widget.Label).Text; got != want[m.Name] {
			t.Errorf("%s: on-call cell %q; want %q", m.Name, got, want[m.Name])
		}
	}
}

// importSample imports the sample team into db.
func importSample(t *testing.T, db *store.DB) {
	t.Helper()
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), tm); err != nil {
		t.Fatal(err)
	}
}

// oncallRotations reads the rotations (for tests).
func (s *session) oncallRotations(t *testing.T) []oncall.Rotation {
	t.Helper()
	rs, err := s.db.Rotations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}
