package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

var ctx = context.Background()

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// openLog returns a fresh database file with members Ana (Lisbon), Bo (New
// York) and Chen (Auckland), for the log's tests.
func openLog(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "log.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, m := range []roster.Member{{Name: "Ana", Zone: "Europe/Lisbon"}, {Name: "Bo", Zone: "America/New_York"}, {Name: "Chen", Zone: "Pacific/Auckland"}} {
		if _, err := db.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestFTS5IsCompiledIn(t *testing.T) {
	db := openLog(t)
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM log_search WHERE log_search MATCH 'x'`).Scan(&n); err != nil {
		t.Fatalf("FTS5 query failed: %v", err)
	}
	var opt int
	if err := db.sql.QueryRowContext(ctx, `SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&opt); err != nil || opt != 1 {
		t.Errorf("ENABLE_FTS5 = %d, %v; want 1", opt, err)
	}
}

func TestUpdateRoundTripKeepsTextExactly(t *testing.T) {
	db := openLog(t)
	text := "## Decision 🎯\n\nWe use **Postgres** — naïve café, 日本語, emoji 👩🏽‍💻\n\n```\ncode  kept\n```\n" + strings.Repeat("long text ", 5000)
	saved, err := db.AddUpdate(ctx, worklog.Update{Author: "ana", Kind: worklog.KindDecision, At: utc("2026-03-12T08:00:00Z"), Text: text, Tags: []string{"Infra", "db"}})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Author != "Ana" || saved.ID == 0 {
		t.Errorf("AddUpdate = author %q id %d; want the member's spelling Ana and an id", saved.Author, saved.ID)
	}
	got, err := db.Updates(ctx, worklog.UpdateFilter{})
	if err != nil || len(got) != 1 {
		t.Fatalf("Updates = %d, %v; want 1", len(got), err)
	}
	if got[0].Text != text || !reflect.DeepEqual(got[0].Tags, []string{"infra", "db"}) || got[0].AuthorZone != "Europe/Lisbon" || !got[0].At.Equal(utc("2026-03-12T08:00:00Z")) {
		t.Errorf("round trip changed the update: tags %v zone %q at %s, text equal %v", got[0].Tags, got[0].AuthorZone, got[0].At, got[0].Text == text)
	}
}

func TestAddUpdateRefusesBadInput(t *testing.T) {
	db := openLog(t)
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Nobody", Kind: "win", At: utc("2026-03-12T08:00:00Z"), Text: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown author: error %v; want ErrNotFound", err)
	}
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Ana", Kind: "gossip", At: utc("2026-03-12T08:00:00Z"), Text: "x"}); !errors.Is(err, worklog.ErrBadKind) {
		t.Errorf("bad kind: error %v; want ErrBadKind", err)
	}
	var n int
	db.sql.QueryRow(`SELECT (SELECT count(*) FROM updates) + (SELECT count(*) FROM log_search)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows written by refused updates; want 0", n)
	}
}

func TestUpdateFilters(t *testing.T) {
	db := openLog(t)
	add := func(author string, kind worklog.Kind, at, text string, tags ...string) {
		if _, err := db.AddUpdate(ctx, worklog.Update{Author: author, Kind: kind, At: utc(at), Text: text, Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	add("Ana", worklog.KindDecision, "2026-03-01T10:00:00Z", "d1", "infra")
	add("Bo", worklog.KindBlocker, "2026-03-02T10:00:00Z", "b1", "infra", "ci")
	add("Bo", worklog.KindDecision, "2026-03-03T10:00:00Z", "d2")
	add("Chen", worklog.KindWin, "2026-03-04T10:00:00Z", "w1", "ci")
	texts := func(f worklog.UpdateFilter) string {
		us, err := db.Updates(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range us {
			out = append(out, u.Text)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		f    worklog.UpdateFilter
		want string
	}{
		{worklog.UpdateFilter{}, "w1 d2 b1 d1"},
		{worklog.UpdateFilter{Kind: worklog.KindDecision}, "d2 d1"},
		{worklog.UpdateFilter{Author: "bo"}, "d2 b1"},
		{worklog.UpdateFilter{Tag: "#CI"}, "w1 b1"},
		{worklog.UpdateFilter{From: utc("2026-03-02T10:00:00Z"), To: utc("2026-03-04T10:00:00Z")}, "d2 b1"},
		{worklog.UpdateFilter{Kind: worklog.KindDecision, Author: "Bo", Tag: "infra"}, ""},
		{worklog.UpdateFilter{Limit: 1}, "w1"},
		{worklog.UpdateFilter{Limit: 2, Offset: 1}, "d2 b1"},
		{worklog.UpdateFilter{Offset: 3}, "d1"},
	} {
		if got := texts(c.f); got != c.want {
			t.Errorf("Updates(%+v) = %q; want %q", c.f, got, c.want)
		}
	}
	if n, err := db.CountUpdates(ctx, worklog.UpdateFilter{Tag: "ci", Limit: 1}); n != 2 || err != nil {
		t.Errorf("CountUpdates(tag ci) = %d, %v; want 2", n, err)
	}
	tags, _ := db.UpdateTags(ctx)
	if !reflect.DeepEqual(tags, []string{"ci", "infra"}) {
		t.Errorf("Tags = %v; want [ci infra]", tags)
	}
}

func TestCarryForwardMovesOpenItems(t *testing.T) {
	db := openLog(t)
	first, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "first",
		Actions: []worklog.ActionItem{{Text: "open one"}, {Text: "done one", Done: true}, {Text: "CTO task", Owner: "CTO", Due: date("2026-03-20")}}})
	if err != nil {
		t.Fatal(err)
	}
	if first.Actions[0].Owner != "Ana" || first.Actions[0].Raised != date("2026-03-02") {
		t.Errorf("first item = %+v; want owner Ana, raised 2026-03-02", first.Actions[0])
	}
	// Bo's items never move to Ana's 1:1s.
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Bo", At: utc("2026-03-03T09:00:00Z"), Notes: "bo", Actions: []worklog.ActionItem{{Text: "bo's"}}}); err != nil {
		t.Fatal(err)
	}
	// The form showed the CTO task and the user ticked it.
	ticked := first.Actions[2]
	ticked.Done = true
	second, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-16T09:00:00Z"), Notes: "second",
		Actions: []worklog.ActionItem{ticked, {Text: "new one"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range second.Actions {
		got = append(got, a.Text+"/"+a.Raised.String()+"/"+map[bool]string{true: "done", false: "open"}[a.Done])
	}
	want := []string{"CTO task/2026-03-02/done", "open one/2026-03-02/open", "new one/2026-03-16/open"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("second 1:1 items = %v; want %v", got, want)
	}
	hist, err := db.OneOnOnes(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Notes != "second" || len(hist[0].Actions) != 3 || len(hist[1].Actions) != 1 || hist[1].Actions[0].Text != "done one" {
		t.Errorf("history = %+v; want newest first, the open items moved, the done one left in the first 1:1", hist)
	}
	open, _ := db.OpenActions(ctx, "")
	if len(open) != 3 || open[0].Member == "" {
		t.Errorf("open items across the team = %+v; want 3 (Ana's two, Bo's one) with their member", open)
	}
	if err := db.SetActionDone(ctx, second.Actions[1].ID, true); err != nil {
		t.Fatal(err)
	}
	if open, _ := db.OpenActions(ctx, "Ana"); len(open) != 1 || open[0].Text != "new one" {
		t.Errorf("Ana's open items after marking one done = %+v; want [new one]", open)
	}
	if err := db.SetActionDone(ctx, 9999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetActionDone(9999) error = %v; want ErrNotFound", err)
	}
}

func TestWriteOneOnOneRefusesAnotherMembersItem(t *testing.T) {
	db := openLog(t)
	bo, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Bo", At: utc("2026-03-03T09:00:00Z"), Notes: "bo", Actions: []worklog.ActionItem{{Text: "bo's"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-04T09:00:00Z"), Notes: "steal", Actions: bo.Actions})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("taking Bo's item into Ana's 1:1: error %v; want ErrNotFound", err)
	}
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM one_on_ones`).Scan(&n)
	if n != 1 {
		t.Errorf("%d 1:1s after a refused write; want 1 (nothing half-written)", n)
	}
}

func TestSchedules(t *testing.T) {
	db := openLog(t)
	if err := db.SetCadence(ctx, "chen", worklog.CadenceFortnightly, timezone.MustClock("08:30"), 45); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCadence(ctx, "Bo", worklog.CadenceWeekly, worklog.DefaultMeetAt, 30); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCadence(ctx, "Bo", worklog.CadenceNone, 0, 30); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCadence(ctx, "Nobody", worklog.CadenceWeekly, 0, 30); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetCadence(Nobody) error = %v; want ErrNotFound", err)
	}
	if err := db.SetCadence(ctx, "Ana", worklog.Cadence(3), 0, 30); !errors.Is(err, worklog.ErrBadCadence) {
		t.Errorf("SetCadence(3 weeks) error = %v; want ErrBadCadence", err)
	}
	for _, at := range []string{"2026-03-02T20:00:00Z", "2026-03-16T20:00:00Z"} {
		if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Chen", At: utc(at), Notes: "n"}); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := db.OneOnOneSchedules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 3 {
		t.Fatalf("Schedules = %+v; want 3 members", ss)
	}
	chen := ss[2]
	if chen.Member != "Chen" || chen.Cadence != worklog.CadenceFortnightly || chen.MeetAt != timezone.MustClock("08:30") ||
		chen.Minutes != 45 || chen.Count != 2 || !chen.Last.Equal(utc("2026-03-16T20:00:00Z")) {
		t.Errorf("Chen's schedule = %+v; want 2w at 08:30 for 45 min, 2 1:1s, last 2026-03-16T20:00Z", chen)
	}
	// 20:00Z on 16 March is 17 March in Auckland: due 31 March there.
	if d := chen.DueAt(utc("2026-03-31T12:00:00Z")); d.Next.String() != "2026-03-31" || !d.Overdue {
		t.Errorf("Chen due = %+v; want 2026-03-31, overdue at 01:00 on 1 April in Auckland", d)
	}
	if ss[1].Cadence != worklog.CadenceNone {
		t.Errorf("Bo's cadence = %v after removing it; want none", ss[1].Cadence)
	}
}

func TestDeleteMemberWithLogIsRefused(t *testing.T) {
	db := openLog(t)
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "n"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Bo", Kind: "win", At: utc("2026-03-02T09:00:00Z"), Text: "w"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCadence(ctx, "Chen", worklog.CadenceWeekly, worklog.DefaultMeetAt, 30); err != nil {
		t.Fatal(err)
	}
	ms, _ := db.Members(ctx)
	for _, m := range ms[:2] {
		err := db.DeleteMember(ctx, m.ID)
		if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "1:1 and update log") {
			t.Errorf("DeleteMember(%s) error = %v; want ErrInUse naming the log", m.Name, err)
		}
	}
	// A cadence alone does not keep a member.
	if err := db.DeleteMember(ctx, ms[2].ID); err != nil {
		t.Errorf("DeleteMember(Chen with only a cadence) = %v; want it deleted", err)
	}
}

func TestDeleteKeepsIndexInStep(t *testing.T) {
	db := openLog(t)
	o, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "zebra notes", Actions: []worklog.ActionItem{{Text: "zebra action"}}})
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.AddUpdate(ctx, worklog.Update{Author: "Bo", Kind: "win", At: utc("2026-03-02T09:00:00Z"), Text: "zebra win", Tags: []string{"zoo"}})
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := db.SearchLog(ctx, "zebra", 10); len(hits) != 3 {
		t.Fatalf("Search(zebra) = %d hits; want 3", len(hits))
	}
	if hits, _ := db.SearchLog(ctx, "zoo", 10); len(hits) != 1 || hits[0].ID != u.ID {
		t.Errorf("Search(zoo) = %+v; want the update found by its tag", hits)
	}
	if err := db.DeleteOneOnOne(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteUpdate(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM log_search`).Scan(&n)
	if hits, _ := db.SearchLog(ctx, "zebra", 10); len(hits) != 0 || n != 0 {
		t.Errorf("after deleting: %d hits, %d index rows; want 0 and 0", len(hits), n)
	}
	if err := db.DeleteUpdate(ctx, u.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v; want ErrNotFound", err)
	}
}

func date(s string) timezone.Date {
	d, err := timezone.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func timeHours(i int) time.Duration { return time.Duration(i) * 3 * time.Hour }

func TestUpdateOneOnOne(t *testing.T) {
	db := openLog(t)
	o, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "tpyo here",
		Actions: []worklog.ActionItem{{Text: "first"}}})
	if err != nil {
		t.Fatal(err)
	}
	o.Notes = "typo fixed 👍"
	o.At = utc("2026-03-02T10:00:00Z")
	o.Actions[0].Done = true
	o.Actions = append(o.Actions, worklog.ActionItem{Text: "second", Due: date("2026-03-09")})
	got, err := db.UpdateOneOnOne(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	hist, _ := db.OneOnOnes(ctx, "Ana")
	if len(hist) != 1 || hist[0].Notes != "typo fixed 👍" || !hist[0].At.Equal(o.At) || len(hist[0].Actions) != 2 ||
		!hist[0].Actions[0].Done || hist[0].Actions[1].ID != got.Actions[1].ID || hist[0].Actions[1].Raised != date("2026-03-02") {
		t.Errorf("after the edit: %+v", hist)
	}
	if hits, _ := db.SearchLog(ctx, "tpyo", 5); len(hits) != 0 {
		t.Errorf("the old text is still found: %+v", hits)
	}
	if hits, _ := db.SearchLog(ctx, "typo", 5); len(hits) != 1 {
		t.Errorf("the new text is not found: %+v", hits)
	}
	o.ID = 999
	if _, err := db.UpdateOneOnOne(ctx, o); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateOneOnOne(999) error = %v; want ErrNotFound", err)
	}
	hist[0].Member = "Bo" // moving a 1:1 to another member is refused
	if _, err := db.UpdateOneOnOne(ctx, hist[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateOneOnOne with another member: error %v; want ErrNotFound", err)
	}
}

// TestBadStoredZoneIsAnError checks that a member whose stored zone does not
// load (written by another program) makes a log write fail with a message
// naming the member and the zone, instead of reading their times in UTC.
func TestBadStoredZoneIsAnError(t *testing.T) {
	db := openLog(t)
	o, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.ExecContext(ctx, `UPDATE members SET zone = 'Mars/Olympus' WHERE name = 'Ana'`); err != nil {
		t.Fatal(err)
	}
	for what, err := range map[string]error{
		"WriteOneOnOne": func() error {
			_, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "ana", At: utc("2026-03-09T09:00:00Z"), Notes: "n"})
			return err
		}(),
		"UpdateOneOnOne": func() error { _, err := db.UpdateOneOnOne(ctx, o); return err }(),
		"AddUpdate": func() error {
			_, err := db.AddUpdate(ctx, worklog.Update{Author: "Ana", Kind: "win", At: utc("2026-03-02T09:00:00Z"), Text: "w"})
			return err
		}(),
	} {
		if !errors.Is(err, timezone.ErrUnknownZone) || !strings.Contains(err.Error(), `"Ana"`) || !strings.Contains(err.Error(), `"Mars/Olympus"`) {
			t.Errorf("%s with a bad stored zone: error %v; want ErrUnknownZone naming Ana and Mars/Olympus", what, err)
		}
	}
	if hist, _ := db.OneOnOnes(ctx, "Ana"); len(hist) != 1 {
		t.Errorf("%d 1:1s after refused writes; want 1", len(hist))
	}
}

// TestFindMemberByName checks the one lookup of a member by name: spaces
// around it ignored, any case, beyond ASCII too.
func TestFindMemberByName(t *testing.T) {
	db := openLog(t)
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Élodie", Zone: "Europe/Paris"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ana", " ana ", "ANA", "élodie", "ÉLODIE"} {
		want := "Ana"
		if strings.Contains(strings.ToLower(name), "é") {
			want = "Élodie"
		}
		m, err := db.Member(ctx, name)
		if err != nil || m.Name != want {
			t.Errorf("Member(%q) = %q, %v; want %s", name, m.Name, err, want)
		}
		if err := db.SetCadence(ctx, name, worklog.CadenceWeekly, worklog.DefaultMeetAt, 30); err != nil {
			t.Errorf("SetCadence(%q) = %v; want the member found", name, err)
		}
	}
	if _, err := db.Member(ctx, "Nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Member(Nobody) error = %v; want ErrNotFound", err)
	}
	if _, err := db.OneOnOnes(ctx, "Nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("OneOnOnes(Nobody) error = %v; want ErrNotFound", err)
	}
}
