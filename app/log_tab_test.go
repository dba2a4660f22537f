package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/worklog"
)

// showLogTab opens the tab on a database holding the sample team.
func showLogTab(t testing.TB, s *session) *logTab {
	team, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ImportTeam(context.Background(), team); err != nil {
		t.Fatal(err)
	}
	tab := buildLogTab(s)
	s.win.SetContent(tab.item.Content)
	s.win.Resize(fyne.NewSize(1180, 760))
	return tab
}

func selectMember(t *testing.T, tab *logTab, name string) {
	t.Helper()
	for i, s := range tab.people.scheds {
		if s.Member == name {
			tab.people.list.Select(i)
			return
		}
	}
	t.Fatalf("member %s is not listed", name)
}

func TestWriteOneOnOneThroughTheUIAndFindItBySearch(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	selectMember(t, tab, "Ana")
	if tab.people.title.Text != "Ana" {
		t.Fatalf("detail title %q; want Ana", tab.people.title.Text)
	}
	test.Tap(tab.people.newB)
	f := tab.oneForm
	if f == nil {
		t.Fatal("New 1:1 opened no form")
	}
	notes := "## Launch 🚀\n\nTalked about the café budget and *growth*."
	f.when.SetText("2026-11-20 10:00")
	test.Type(f.notes, notes)
	test.Tap(f.addB)
	row := f.rows[len(f.rows)-1]
	test.Type(row.text, "Book the offsite venue")
	test.Type(row.due, "2026-02-30")
	test.Tap(f.save)
	if tab.oneForm == nil || !f.errL.Visible() || !strings.Contains(f.errL.Text, "2026-02-30") {
		t.Fatalf("a bad due date: form open %v, error %q; want the form kept open with the error", tab.oneForm != nil, f.errL.Text)
	}
	if f.notes.Text != notes || row.text.Text != "Book the offsite venue" {
		t.Errorf("typed text lost after the error: notes %q, item %q", f.notes.Text, row.text.Text)
	}
	row.due.SetText("2026-11-27")
	test.Tap(f.save)
	if tab.oneForm != nil {
		t.Fatalf("form still open after a valid save: %q", f.errL.Text)
	}
	if len(tab.people.history) != 1 || tab.people.history[0].Notes != notes {
		t.Fatalf("history = %+v; want the new 1:1 with its notes exactly", tab.people.history)
	}
	if got := tab.people.history[0].At; !got.Equal(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("1:1 at %s; want 10:00 in Lisbon (UTC in November)", got)
	}

	test.Type(tab.search, "offsite")
	if tab.views.Selected() != tab.resultsTab {
		t.Error("typing in the search box does not show the results")
	}
	hits := tab.results.hits
	if len(hits) != 1 || hits[0].Source != worklog.SourceAction || hits[0].Member != "Ana" {
		t.Fatalf("search offsite: %+v; want Ana's action item", hits)
	}
	tab.search.SetText("")
	test.Type(tab.search, "cafe budg")
	if len(tab.results.hits) != 1 || tab.results.hits[0].Source != worklog.SourceNotes {
		t.Fatalf("search 'cafe budg': %+v; want the notes", tab.results.hits)
	}
	// The visible row shows the matches highlighted.
	rowObj := tab.results.list.CreateItem()
	tab.results.updateRow(0, rowObj)
	rt := rowObj.(*fyne.Container).Objects[1].(*widget.RichText)
	var bold []string
	for _, seg := range rt.Segments {
		if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
			bold = append(bold, strings.TrimSpace(ts.Text))
		}
	}
	if strings.Join(bold, ",") != "café,budget" {
		t.Errorf("highlighted %v; want [café budget]", bold)
	}

	// The next 1:1 lists the open item, carried forward; tick it done.
	test.Tap(tab.people.newB)
	f = tab.oneForm
	if len(f.rows) != 1 || f.rows[0].id == 0 || f.rows[0].text.Text != "Book the offsite venue" {
		t.Fatalf("second form rows: %d; want the open item carried forward", len(f.rows))
	}
	f.when.SetText("2026-11-23 09:00")
	test.Type(f.notes, "Follow-up")
	test.Tap(f.rows[0].done)
	test.Tap(f.save)
	if len(tab.people.history) != 2 || len(tab.people.history[0].Actions) != 1 || !tab.people.history[0].Actions[0].Done {
		t.Errorf("after the second 1:1: %+v; want the item moved to it and done", tab.people.history)
	}
	if len(tab.actions.items) != 0 {
		t.Errorf("open action items: %d; want 0", len(tab.actions.items))
	}
}

func TestUpdateFormFeedAndDecisions(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	test.Tap(tab.newUpdateB)
	f := tab.updForm
	if f == nil {
		t.Fatal("New update opened no form")
	}
	text := "We pick **Postgres** for the ledger 🐘"
	test.Type(f.text, text)
	f.kind.SetSelected("decision")
	test.Type(f.tags, "infra, db")
	test.Tap(f.save)
	if tab.updForm == nil || !strings.Contains(f.errL.Text, "author") {
		t.Fatalf("no author: error %q; want the form kept open asking for the author", f.errL.Text)
	}
	f.author.SetSelected("Priya")
	test.Tap(f.save)
	if tab.updForm != nil {
		t.Fatalf("form still open: %q", f.errL.Text)
	}
	if len(tab.decisions.items) != 1 || tab.decisions.items[0].Text != text || tab.decisions.items[0].AuthorZone != "Asia/Kolkata" {
		t.Fatalf("decision log = %+v; want Priya's decision with its text exactly", tab.decisions.items)
	}
	if h := updateHeading(tab.decisions.items[0], time.UTC); !strings.Contains(h, "Mon 17:30 Kolkata for Priya") || !strings.Contains(h, "#infra #db") {
		t.Errorf("heading %q; want the author's local time and the tags", h)
	}
	if _, err := tab.store.AddUpdate(context.Background(), worklog.Update{Author: "Jack", Kind: "blocker", At: fixedNow.Add(-48 * time.Hour), Text: "CI down"}); err != nil {
		t.Fatal(err)
	}
	tab.reload()
	if len(tab.feed.items) != 2 || tab.feed.items[0].Author != "Priya" {
		t.Fatalf("feed = %+v; want two updates, newest first", tab.feed.items)
	}
	test.Type(tab.feed.tag, "infra")
	if len(tab.feed.items) != 1 {
		t.Errorf("tag filter infra: %d updates; want 1", len(tab.feed.items))
	}
	tab.feed.tag.SetText("")
	tab.feed.kind.SetSelected("blocker")
	if len(tab.feed.items) != 1 || tab.feed.items[0].Author != "Jack" {
		t.Errorf("kind filter blocker: %+v; want Jack's", tab.feed.items)
	}
	tab.feed.kind.SetSelected(allKinds)
	test.Type(tab.feed.from, "2026-11-2x")
	if tab.feed.status.Importance != widget.DangerImportance || tab.feed.from.Text != "2026-11-2x" {
		t.Errorf("a bad date: status %q; want an error and the text kept", tab.feed.status.Text)
	}
	tab.feed.from.SetText("2026-11-22")
	if len(tab.feed.items) != 1 || tab.feed.items[0].Author != "Priya" {
		t.Errorf("from 2026-11-22: %+v; want Priya's only", tab.feed.items)
	}
}

func TestMembersOverdueFirst(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	ctx := context.Background()
	st := tab.store
	if err := st.SetCadence(ctx, "Sagar", worklog.CadenceWeekly, worklog.DefaultMeetAt, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Sagar", At: fixedNow.AddDate(0, 0, -10), Notes: "n"}); err != nil {
		t.Fatal(err)
	}
	tab.reload()
	if tab.people.scheds[0].Member != "Sagar" {
		t.Fatalf("first member %s; want Sagar, whose 1:1 is overdue", tab.people.scheds[0].Member)
	}
	row := tab.people.list.CreateItem()
	tab.people.updateRow(0, row)
	next := row.(*fyne.Container).Objects[3].(*widget.Label)
	if next.Importance != widget.WarningImportance || !strings.Contains(next.Text, "overdue") {
		t.Errorf("next due cell %q (importance %v); want overdue in the warning colour", next.Text, next.Importance)
	}
}

// BenchmarkOpenLogTab10k measures building the tab (reading everything it
// shows) over a log of 10,000 entries.
func BenchmarkOpenLogTab10k(b *testing.B) {
	test.NewTempApp(b)
	db := openBenchDB(b)
	s := &session{db: db, win: test.NewTempWindow(b, nil), now: func() time.Time { return fixedNow }, viewer: time.UTC}
	team, _ := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if _, err := db.ImportTeam(context.Background(), team); err != nil {
		b.Fatal(err)
	}
	seedLog(b, db, 10000)
	b.ResetTimer()
	for b.Loop() {
		tab := buildLogTab(s)
		if len(tab.feed.items) == 0 {
			b.Fatal("no updates loaded")
		}
	}
}

func TestFeedReadsPages(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	for i := 0; i < feedPage+30; i++ {
		if _, err := tab.store.AddUpdate(context.Background(), worklog.Update{Author: "Ana", Kind: "status", At: fixedNow.Add(-time.Duration(i) * time.Hour), Text: "u"}); err != nil {
			t.Fatal(err)
		}
	}
	tab.reload()
	if len(tab.feed.items) != feedPage || tab.feed.total != feedPage+30 || tab.feed.status.Text != "230 updates" {
		t.Fatalf("first page: %d of %d (%q); want %d of 230", len(tab.feed.items), tab.feed.total, tab.feed.status.Text, feedPage)
	}
	tab.feed.loadMore()
	if len(tab.feed.items) != feedPage+30 || !tab.feed.items[len(tab.feed.items)-1].At.Equal(fixedNow.Add(-229*time.Hour)) {
		t.Errorf("after the next page: %d items; want all 230, oldest last", len(tab.feed.items))
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	u, err := tab.store.AddUpdate(context.Background(), worklog.Update{Author: "Ana", Kind: "win", At: fixedNow, Text: "shipped"})
	if err != nil {
		t.Fatal(err)
	}
	tab.reload()
	for _, answer := range []string{"No", "Delete"} {
		tab.showUpdate(u)
		test.Tap(findButton(t, s.win.Canvas().Overlays().Top(), "Delete…"))
		confirm := findButton(t, s.win.Canvas().Overlays().Top(), answer)
		if n, _ := tab.store.CountUpdates(context.Background(), worklog.UpdateFilter{}); n != 1 {
			t.Fatalf("%d updates before answering; want 1 (nothing deleted yet)", n)
		}
		test.Tap(confirm)
		for s.win.Canvas().Overlays().Top() != nil {
			s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
		}
	}
	if n, _ := tab.store.CountUpdates(context.Background(), worklog.UpdateFilter{}); n != 0 || len(tab.feed.items) != 0 {
		t.Errorf("after No then Yes: %d updates, %d in the feed; want 0 and 0", n, len(tab.feed.items))
	}
}

func TestEditOneOnOneKeepsTextOnError(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	o, err := tab.store.WriteOneOnOne(context.Background(), worklog.OneOnOne{Member: "Mere", At: fixedNow.Add(-time.Hour), Notes: "tpyo"})
	if err != nil {
		t.Fatal(err)
	}
	tab.reload()
	tab.showOneOnOne(o)
	test.Tap(findButton(t, s.win.Canvas().Overlays().Top(), "Edit…"))
	f := tab.oneForm
	if f == nil || f.notes.Text != "tpyo" || f.id != o.ID {
		t.Fatal("Edit… did not open the form on the 1:1")
	}
	f.notes.SetText("")
	test.Type(f.notes, "typo fixed ✓")
	f.when.SetText("2026-11-31 10:00")
	test.Tap(f.save)
	if tab.oneForm == nil || f.notes.Text != "typo fixed ✓" || !strings.Contains(f.errL.Text, "2026-11-31") {
		t.Fatalf("a bad date: form open %v, notes %q, error %q; want the form kept with the text", tab.oneForm != nil, f.notes.Text, f.errL.Text)
	}
	f.when.SetText("2026-11-24 07:00")
	test.Tap(f.save)
	hist, _ := tab.store.OneOnOnes(context.Background(), "Mere")
	if len(hist) != 1 || hist[0].Notes != "typo fixed ✓" || !hist[0].At.Equal(time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)) {
		t.Errorf("after the edit: %+v; want the new notes at 07:00 in Auckland (18:00 UTC the day before)", hist)
	}
}
