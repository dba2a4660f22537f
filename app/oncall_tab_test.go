package app

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
)

// oncallFixture opens a fresh database and builds the On-call tab in a test
// window, at a fixed "now", viewed in UTC.
func oncallFixture(t *testing.T, now time.Time) (*oncallTab, *store.DB, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := &session{db: db, win: w, now: func() time.Time { return now }, viewer: time.UTC, done: make(chan struct{})}
	registerSession(s)
	t.Cleanup(s.close)
	tab := newOncallTab(s, db)
	s.listenTeam(tab.reload)
	w.SetContent(tab.views)
	w.Resize(fyne.NewSize(1180, 760))
	return tab, db, w
}

// textField is an entry of any kind.
type textField interface {
	fyne.Focusable
	SetText(string)
}

func retype(e textField, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestOncallTabCreateRotationOverrideAndNow(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	tab, db, _ := oncallFixture(t, now)
	ctx := context.Background()
	for i, name := range []string{"Ana", "Bo"} {
		if _, err := db.SaveMember(ctx, roster.Member{Name: name, Zone: "Europe/Lisbon", Phone: fmt.Sprintf("+351 000 00%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	tab.s.teamChanged()
	tab.views.SelectIndex(2)

	test.Tap(tab.rots.newB)
	f := tab.rots.lastForm
	retype(f.name, "Primary")
	retype(f.shift, "1d")
	retype(f.handoff, "25:00")
	f.zone.SetText("")
	test.Type(f.zone, "Europe/Lisbon")
	retype(f.start, "2026-03-09")
	f.addMember.SetSelected("Ana")
	f.addMember.SetSelected("Bo")
	test.Tap(f.save)
	if !f.errs.label("handoff").Visible() || !strings.Contains(f.errs.label("handoff").Text, "25:00") {
		t.Fatalf("handoff 25:00: error %q (visible %v); want it shown beside the field", f.errs.label("handoff").Text, f.errs.label("handoff").Visible())
	}
	if rs, _ := db.Rotations(ctx); len(rs) != 0 {
		t.Fatalf("an invalid form saved %d rotations", len(rs))
	}
	retype(f.handoff, "09:00")
	test.Tap(f.save)
	rs, err := db.Rotations(ctx)
	if err != nil || len(rs) != 1 || strings.Join(rs[0].Members, ",") != "Ana,Bo" || rs[0].Shift.String() != "1d" {
		t.Fatalf("saved rotations = %+v, %v; want Primary with Ana, Bo daily", rs, err)
	}
	// Day 2 of the rotation (2026-03-10 09:00 Lisbon = 09:00Z) is Bo's.
	tab.views.SelectIndex(0)
	if got := tab.now.onCall["Primary"]; got != "Bo" {
		t.Errorf("on call now = %q; want Bo", got)
	}

	// Ana covers 10:00-14:00 today.
	tab.views.SelectIndex(2)
	r := tab.rots
	if r.selected != "Primary" || r.ovMember == nil {
		t.Fatalf("rotation not selected after save: %q", r.selected)
	}
	r.ovMember.SetSelected("Ana")
	test.Type(r.ovFrom, "2026-03-10 10:00")
	test.Type(r.ovTo, "2026-03-10 14:00")
	test.Tap(r.ovAdd)
	tab.views.SelectIndex(0)
	if got := tab.now.onCall["Primary"]; got != "Ana" {
		t.Errorf("on call during the override = %q; want Ana", got)
	}
	rs, _ = db.Rotations(ctx)
	if len(rs[0].Overrides) != 1 || !rs[0].Overrides[0].Start.Equal(time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("overrides = %+v; want one from 10:00Z", rs[0].Overrides)
	}

	// An overlapping override is refused with a clear message, nothing saved.
	tab.views.SelectIndex(2)
	r.ovMember.SetSelected("Bo")
	test.Type(r.ovFrom, "2026-03-10 13:00")
	test.Type(r.ovTo, "2026-03-10 15:00")
	test.Tap(r.ovAdd)
	if !r.ovErr.Visible() || !strings.Contains(r.ovErr.Text, "overlaps") {
		t.Errorf("overlapping override: message %q (visible %v); want it refused", r.ovErr.Text, r.ovErr.Visible())
	}
	if rs, _ = db.Rotations(ctx); len(rs[0].Overrides) != 1 {
		t.Errorf("overlapping override was saved: %+v", rs[0].Overrides)
	}

	// Escalation: one level paging the rotation; the dry run names Ana now
	// and Bo at 16:00.
	tab.views.SelectIndex(3)
	pv := tab.esc
	test.Tap(findButton(t, pv.content, "Add level"))
	retype(pv.levels[0].targets, "rotation:Primary")
	test.Tap(pv.save)
	if p, _ := db.Policy(ctx); len(p.Levels) != 1 || p.Levels[0].Targets[0].Name != "Primary" {
		t.Fatalf("saved policy = %+v", p)
	}
	tab.views.SelectIndex(4)
	dr := tab.dryRun
	retype(dr.at, "2026-03-10 16:00")
	dr.run()
	if len(dr.last.Levels) != 1 || strings.Join(dr.last.Levels[0].Members, ",") != "Bo" {
		t.Errorf("dry run at 16:00 = %+v; want level 1 paging Bo", dr.last.Levels)
	}
	retype(dr.at, "2026-03-01 16:00")
	dr.run()
	if len(dr.last.Levels) != 1 || !dr.last.Levels[0].Empty() {
		t.Errorf("dry run before the rotation starts = %+v; want an empty level", dr.last.Levels)
	}
}

func TestOncallTabPolicyErrorsBesideFields(t *testing.T) {
	tab, db, _ := oncallFixture(t, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
	tab.views.SelectIndex(3)
	pv := tab.esc
	test.Tap(findButton(t, pv.content, "Add level"))
	retype(pv.levels[0].targets, "member:Nobody")
	retype(pv.repeat, "99")
	test.Tap(pv.save)
	if !pv.levels[0].err.Visible() || !strings.Contains(pv.levels[0].err.Text, "Nobody") || !pv.repErr.Visible() {
		t.Errorf("errors: level %q, repeat %q; want both shown", pv.levels[0].err.Text, pv.repErr.Text)
	}
	if p, _ := db.Policy(context.Background()); len(p.Levels) != 0 {
		t.Errorf("invalid policy saved: %+v", p)
	}
}

func TestOncallTabSampleTeam(t *testing.T) {
	now := time.Date(2026, 3, 10, 22, 0, 0, 0, time.UTC)
	tab, db, w := oncallFixture(t, now)
	team, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), team); err != nil {
		t.Fatal(err)
	}
	tab.s.teamChanged()
	if got := tab.now.onCall; got["Primary"] != "Greta" || got["APAC"] != "Jack" {
		t.Errorf("on call = %v; want Primary Greta, APAC Jack", got)
	}
	tab.views.SelectIndex(5)
	if tab.warnings.count != 0 {
		t.Errorf("%d warnings; Primary covers around the clock and nobody is away", tab.warnings.count)
	}
	greta, err := db.Member(context.Background(), "Greta")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddTimeOff(context.Background(), greta.ID, roster.TimeOff{Start: now.Add(24 * time.Hour), End: now.Add(48 * time.Hour), Summary: "flu"}); err != nil {
		t.Fatal(err)
	}
	tab.s.teamChanged()
	if tab.warnings.count != 1 {
		t.Errorf("%d warnings; want Greta on call while away", tab.warnings.count)
	}
	tab.views.SelectIndex(6)
	if len(tab.fairness.rows) != len(team.Members) {
		t.Errorf("fairness rows = %d; want one per member (%d)", len(tab.fairness.rows), len(team.Members))
	}
	cal, err := tab.rots.exportCalendar("Primary", "")
	if err != nil || len(cal.Events) < 52 || !cal.Events[0].Transparent {
		t.Errorf("export Primary: %d events, %v", len(cal.Events), err)
	}
	// ONCALL_SCREENSHOT=dir writes a PNG of every view, to look at the tab.
	if dir := os.Getenv("ONCALL_SCREENSHOT"); dir != "" {
		w.Resize(fyne.NewSize(1180, 760))
		for i, item := range tab.views.Items {
			tab.views.SelectIndex(i)
			f, err := os.Create(filepath.Join(dir, strings.ToLower(strings.ReplaceAll(item.Text, " ", "-"))+".png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, w.Canvas().Capture()); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		tab.views.SelectIndex(2)
		test.Tap(tab.rots.editB)
		f, err := os.Create(filepath.Join(dir, "rotation-form.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParseLocalInstant(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2026-03-10 09:00", "2026-03-10T13:00:00Z", true},
		{"2026-03-10T09:00", "2026-03-10T13:00:00Z", true},
		{"2026-03-10", "2026-03-10T04:00:00Z", true},
		{"2026-03-08 02:30", "2026-03-08T07:30:00Z", true}, // DST gap moves forward
		{"2026-11-01 01:30", "2026-11-01T05:30:00Z", true}, // ambiguous: first
		{"2026-03-10T09:00:00+05:30", "2026-03-10T03:30:00Z", true},
		{"2026-02-30 09:00", "", false},
		{"2026-03-10 25:00", "", false},
		{"tomorrow", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := parseLocalInstant("from", tt.in, ny)
		if (err == nil) != tt.ok || (tt.ok && got.Format(time.RFC3339) != tt.want) {
			t.Errorf("parseLocalInstant(%q) = %v, %v; want %s ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseLocalInstant(f *testing.F) {
	for _, s := range []string{"2026-03-10 09:00", "2026-03-10", "2026-03-10T09:00:00Z", "0000-01-01 24:00", "2026-13-01"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Pacific/Chatham")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseLocalInstant("x", s, loc)
		if err == nil && got.Location() != time.UTC {
			t.Errorf("parseLocalInstant(%q) = %v not in UTC", s, got)
		}
	})
}

func TestOncallTabPolicyShowsEveryProblemOfALevel(t *testing.T) {
	tab, _, _ := oncallFixture(t, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
	tab.views.SelectIndex(3)
	pv := tab.esc
	test.Tap(findButton(t, pv.content, "Add level"))
	test.Tap(findButton(t, pv.content, "Add level"))
	retype(pv.levels[0].minutes, "30")
	retype(pv.levels[0].targets, "member:Nobody")
	retype(pv.levels[1].minutes, "10")
	retype(pv.levels[1].targets, "member:Ghost, rotation:Nope")
	test.Tap(pv.save)
	first, second := pv.levels[0].err.Text, pv.levels[1].err.Text
	if !strings.Contains(first, "Nobody") {
		t.Errorf("level 1 error %q; want it to name Nobody", first)
	}
	for _, want := range []string{"after_minutes 10", "Ghost", "Nope"} {
		if !strings.Contains(second, want) {
			t.Errorf("level 2 error %q; want it to name %s", second, want)
		}
	}
}

// The Now view builds a handful of rotation cards at once, in one scroll
// with the escalation chain; with many rotations the cards go in a
// virtualised grid that builds only those on screen.
func TestNowViewVirtualisesManyRotations(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	tab, db, _ := oncallFixture(t, now)
	ctx := context.Background()
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
	shift, _ := oncall.ParseShiftLength("1d")
	handoff, _ := timezone.ParseClock("09:00")
	start, _ := timezone.ParseDate("2026-03-01")
	add := func(from, to int) {
		for i := from; i < to; i++ {
			r := oncall.Rotation{Name: fmt.Sprintf("R%03d", i), Members: []string{"Ana"}, Shift: shift, Handoff: handoff, Zone: "UTC", Start: start}
			if _, err := db.SaveRotation(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		tab.s.teamChanged()
		tab.views.SelectIndex(0)
		tab.now.refresh()
	}
	add(0, 2)
	if tab.now.content.Objects[0] != tab.now.few || len(tab.now.fewCards.Objects) != 2 {
		t.Fatalf("2 rotations: want two plain cards in one scroll; got %d cards", len(tab.now.fewCards.Objects))
	}
	add(2, 100)
	if tab.now.content.Objects[0] != tab.now.split || len(tab.now.fewCards.Objects) != 0 {
		t.Fatalf("100 rotations: want the virtualised grid; %d plain cards built", len(tab.now.fewCards.Objects))
	}
	if len(tab.now.cards.statuses) != 100 || tab.now.onCall["R099"] != "Ana" {
		t.Errorf("the grid holds %d rotations, R099's on call %q; want 100 and Ana", len(tab.now.cards.statuses), tab.now.onCall["R099"])
	}
}
