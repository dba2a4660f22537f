package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

func TestExportMeetingSeries(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "x.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC)
	var occ []timezone.Interval
	for i := 0; i < 3; i++ {
		s := start.AddDate(0, 0, 7*i).Add(time.Duration(i) * time.Hour)
		occ = append(occ, timezone.Interval{Start: s, End: s.Add(45 * time.Minute)})
	}
	s, err := db.SaveMeetingSeries(context.Background(), team.MeetingSeries{Title: "Team sync", Zone: "Europe/Lisbon",
		Members: []string{"Ana", "Dana"}, Occurrences: occ})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "all.ics")
	// From 2026-06-12 on: the first occurrence is left out.
	if _, stderr, code := runOverlapCLI(t, dbPath, "export", "ics", "--all", "--from", "2026-06-12", "-o", out); code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.NewDecoder(f).Decode()
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events; want 2", len(events))
	}
	for i, ev := range events {
		uid, _ := ev.Props.Text(ical.PropUID)
		if want := s.UID + "-" + string(rune('2'+i)) + "@remotecto"; uid != want {
			t.Errorf("event %d UID %q; want %q", i, uid, want)
		}
		got, err := ev.DateTimeStart(time.UTC)
		if want := occ[i+1].Start; err != nil || !got.Equal(want) {
			t.Errorf("event %d starts %v (%v); want %v", i, got, err, want)
		}
		summary, _ := ev.Props.Text(ical.PropSummary)
		desc, _ := ev.Props.Text(ical.PropDescription)
		if summary != "Team sync" || !strings.Contains(desc, "Ana, Dana") {
			t.Errorf("event %d: summary %q description %q", i, summary, desc)
		}
	}
}
