package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// event is what the store sees of an exported event: its UID and a digest
// of its content (the calendar package's ContentHash in a real export;
// here any string that changes with the content).
type event struct {
	uid, hash string
	sequence  int
}

// assign numbers the events' SEQUENCE through db, as an export does.
func assign(ctx context.Context, db *DB, evs []event) error {
	uids, hashes := make([]string, len(evs)), make([]string, len(evs))
	for i, e := range evs {
		uids[i], hashes[i] = e.uid, e.hash
	}
	seqs, err := db.AssignSequences(ctx, uids, hashes)
	if err != nil {
		return err
	}
	for i := range evs {
		evs[i].sequence = seqs[i]
	}
	return nil
}

// content stands for the content hash of an event with these fields.
func content(summary string, start, end time.Time, rrule string) string {
	return summary + "|" + start.Format(time.RFC3339) + "|" + end.Format(time.RFC3339) + "|" + rrule
}

func TestAssignSequences(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "seq.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	events := func(summary string) []event {
		return []event{
			{uid: "a@x", hash: content(summary, start, start.Add(time.Hour), "")},
			{uid: "b@x", hash: content("fixed", start, start.Add(2*time.Hour), "")},
		}
	}
	steps := []struct {
		summary string
		wantA   int
	}{{"one", 0}, {"one", 0}, {"two", 1}, {"two", 1}, {"three", 2}}
	for i, s := range steps {
		evs := events(s.summary)
		if err := assign(ctx, db, evs); err != nil {
			t.Fatal(err)
		}
		if evs[0].sequence != s.wantA || evs[1].sequence != 0 {
			t.Errorf("export %d (summary %q): sequences %d, %d; want %d, 0", i+1, s.summary, evs[0].sequence, evs[1].sequence, s.wantA)
		}
	}
	db.Close()
	// The numbers survive reopening the file.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs := events("three")
	evs[1].hash = content("fixed", start.Add(time.Hour), start.Add(2*time.Hour), "") // moved
	if err := assign(ctx, db, evs); err != nil {
		t.Fatal(err)
	}
	if evs[0].sequence != 2 || evs[1].sequence != 1 {
		t.Errorf("after reopen: sequences %d, %d; want 2, 1", evs[0].sequence, evs[1].sequence)
	}
}

func TestAssignSequencesSharedUID(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "seq.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	evs := []event{
		{uid: "r@x", hash: content("series", s, s.Add(time.Hour), "FREQ=DAILY;COUNT=3")},
		{uid: "r@x", hash: content("moved", s.Add(25*time.Hour), s.Add(26*time.Hour), "")},
	}
	for i := 0; i < 3; i++ {
		// Order must not matter.
		evs[0], evs[1] = evs[1], evs[0]
		if err := assign(ctx, db, evs); err != nil {
			t.Fatal(err)
		}
		if evs[0].sequence != 0 || evs[1].sequence != 0 {
			t.Fatalf("export %d: sequences %d, %d; want 0, 0", i+1, evs[0].sequence, evs[1].sequence)
		}
	}
}

func TestAssignSequencesMismatch(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "seq.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.AssignSequences(context.Background(), []string{"a@x", "b@x"}, []string{"h"}); err == nil {
		t.Error("two uids with one content hash: no error")
	}
}

// TestUpgradeFromSchema1 opens a database written before the calendar
// tables existed: it is upgraded in place and keeps its data.
func TestUpgradeFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	v1, err := migrationFiles.ReadFile("migrations/001_team.sql")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(v1), "PRAGMA user_version = 1",
		`INSERT INTO members(name, zone) VALUES ('Ana', 'Europe/Lisbon')`,
		`INSERT INTO time_off(member_id, start_utc, end_utc, summary, source, uid)
		 VALUES (1, '2026-04-06T00:00:00Z', '2026-04-07T00:00:00Z', 'Holiday', 'cal.ics', 'x#20260406')`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	db.sql.QueryRow("PRAGMA user_version").Scan(&version)
	if version != SchemaVersion() || version < 2 {
		t.Errorf("user_version after upgrade: %d; want %d", version, SchemaVersion())
	}
	m, err := db.Member(context.Background(), "Ana")
	if err != nil || len(m.TimeOff) != 1 || m.TimeOff[0].UID != "x#20260406" {
		t.Fatalf("data after upgrade: %+v, %v", m, err)
	}
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := assign(context.Background(), db, []event{{uid: "u", hash: content("", s, s.Add(time.Hour), "")}}); err != nil {
		t.Errorf("calendar tables missing after upgrade: %v", err)
	}
}
