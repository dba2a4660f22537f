package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

func openWithMember(t *testing.T) (*DB, roster.Member) {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	m, err := db.SaveMember(context.Background(), roster.Member{Name: "Ana", Zone: "Europe/Lisbon"})
	if err != nil {
		t.Fatal(err)
	}
	return db, m
}

func timeOffOf(t *testing.T, db *DB) []roster.TimeOff {
	t.Helper()
	m, err := db.Member(context.Background(), "Ana")
	if err != nil {
		t.Fatal(err)
	}
	return m.TimeOff
}

func TestAddDeleteTimeOff(t *testing.T) {
	ctx := context.Background()
	db, m := openWithMember(t)
	s := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	got, err := db.AddTimeOff(ctx, m.ID, roster.TimeOff{Start: s, End: s.Add(48 * time.Hour), AllDay: true, Summary: " Holiday\n"})
	if err != nil {
		t.Fatal(err)
	}
	offs := timeOffOf(t, db)
	if len(offs) != 1 || offs[0].Summary != "Holiday" || offs[0].Source != "manual" || !offs[0].AllDay || offs[0].ID != got.ID {
		t.Fatalf("stored time off = %+v", offs)
	}
	if _, err := db.AddTimeOff(ctx, m.ID, roster.TimeOff{Start: s, End: s}); !errors.Is(err, roster.ErrBadTimeOff) {
		t.Errorf("empty span: got %v; want ErrBadTimeOff", err)
	}
	if _, err := db.AddTimeOff(ctx, 999, roster.TimeOff{Start: s, End: s.Add(time.Hour)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member: got %v; want ErrNotFound", err)
	}
	if err := db.DeleteTimeOff(ctx, got.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteTimeOff(ctx, got.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: got %v; want ErrNotFound", err)
	}
	if n := len(timeOffOf(t, db)); n != 0 {
		t.Errorf("%d spans left after delete", n)
	}
}

func TestReplaceImportedTimeOff(t *testing.T) {
	ctx := context.Background()
	db, m := openWithMember(t)
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }
	manual, err := db.AddTimeOff(ctx, m.ID, roster.TimeOff{Start: at(2, 0), End: at(3, 0), Summary: "Own"})
	if err != nil {
		t.Fatal(err)
	}
	span := func(key string, day int, summary string) roster.TimeOff {
		return roster.TimeOff{UID: key, Start: at(day, 9), End: at(day, 10), Summary: summary}
	}
	first := []roster.TimeOff{span("a#1", 10, "Gym"), span("a#2", 17, "Gym"), span("b#1", 12, "Dentist")}
	res, err := db.ReplaceImportedTimeOff(ctx, m.Name, "cal.ics", from, []string{"a", "b"}, first)
	if err != nil {
		t.Fatal(err)
	}
	if res != (roster.TimeOffChanges{Added: 3}) {
		t.Errorf("first import: %+v; want 3 added", res)
	}
	res, err = db.ReplaceImportedTimeOff(ctx, m.Name, "cal.ics", from, []string{"a", "b"}, first)
	if err != nil {
		t.Fatal(err)
	}
	if res != (roster.TimeOffChanges{Unchanged: 3}) || res.Changed() {
		t.Errorf("same file again: %+v; want 3 unchanged", res)
	}
	// b was cancelled, a#2 moved a day later.
	second := []roster.TimeOff{span("a#1", 10, "Gym"), span("a#2", 18, "Gym")}
	res, err = db.ReplaceImportedTimeOff(ctx, m.Name, "cal.ics", from, []string{"a", "b"}, second)
	if err != nil {
		t.Fatal(err)
	}
	if res != (roster.TimeOffChanges{Unchanged: 1, Updated: 1, Removed: 1}) {
		t.Errorf("updated file: %+v; want 1 unchanged, 1 updated, 1 removed", res)
	}
	offs := timeOffOf(t, db)
	if len(offs) != 3 || offs[0].ID != manual.ID || !offs[2].Start.Equal(at(18, 9)) {
		t.Errorf("after update: %+v", offs)
	}
	// A bad span refuses the whole import.
	bad := append(second, roster.TimeOff{UID: "c#1", Start: at(20, 9), End: at(20, 9)})
	if _, err := db.ReplaceImportedTimeOff(ctx, m.Name, "cal.ics", from, []string{"a", "c"}, bad); !errors.Is(err, roster.ErrBadTimeOff) {
		t.Errorf("bad span: got %v; want ErrBadTimeOff", err)
	}
	if got := timeOffOf(t, db); len(got) != 3 {
		t.Errorf("failed import changed the database: %d spans", len(got))
	}
	// The member is named case-insensitively; an unknown one is refused.
	res, err = db.ReplaceImportedTimeOff(ctx, "ANA", "cal.ics", from, []string{"a", "b"}, second)
	if err != nil || res != (roster.TimeOffChanges{Unchanged: 2}) {
		t.Errorf("member named in capitals: %+v, %v; want 2 unchanged", res, err)
	}
	if _, err := db.ReplaceImportedTimeOff(ctx, "Nobody", "cal.ics", from, nil, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member: got %v; want ErrNotFound", err)
	}
}

// TestTimeOffIsNormalized: time off written through the store is checked as
// roster.TimeOff.Normalize checks it: no control characters, valid UTF-8,
// inside the accepted range. A calendar file's titles are foreign text: an
// import keeps their readable part instead of failing on them.
func TestTimeOffIsNormalized(t *testing.T) {
	ctx := context.Background()
	db, m := openWithMember(t)
	s := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		off  roster.TimeOff
		want error
	}{
		{roster.TimeOff{Start: s, End: s.Add(time.Hour), Summary: "Away\x1b[2J"}, termsafe.ErrControl},
		{roster.TimeOff{Start: s, End: s.Add(time.Hour), Summary: "Away\r"}, termsafe.ErrControl},
		{roster.TimeOff{Start: s, End: s.Add(time.Hour), Summary: "Away\xff"}, termsafe.ErrInvalidUTF8},
		{roster.TimeOff{Start: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), End: s}, timezone.ErrOutOfRange},
		{roster.TimeOff{Start: s, End: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}, timezone.ErrOutOfRange},
		{roster.TimeOff{Start: s, End: s}, roster.ErrBadTimeOff},
	}
	for _, tt := range tests {
		if _, err := db.AddTimeOff(ctx, m.ID, tt.off); !errors.Is(err, tt.want) {
			t.Errorf("AddTimeOff(%q, %s..%s): got %v; want %v", tt.off.Summary, tt.off.Start, tt.off.End, err, tt.want)
		}
	}
	if got := timeOffOf(t, db); len(got) != 0 {
		t.Errorf("refused time off was stored: %+v", got)
	}
	res, err := db.ReplaceImportedTimeOff(ctx, "Ana", "cal.ics", s, []string{"a"},
		[]roster.TimeOff{{UID: "a#1", Start: s, End: s.Add(time.Hour), Summary: "Trip\x1b]0;x\x07 to\tPorto\xff"}})
	if err != nil || res.Added != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if got := timeOffOf(t, db); len(got) != 1 || got[0].Summary != "Trip]0;x to\tPorto\uFFFD" {
		t.Errorf("imported summary %q; want the control characters dropped", got[0].Summary)
	}
}
