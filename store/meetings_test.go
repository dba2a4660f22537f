package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

func weeklyOccurrences(start time.Time, n int, d time.Duration) []timezone.Interval {
	var out []timezone.Interval
	for i := 0; i < n; i++ {
		s := start.AddDate(0, 0, 7*i)
		out = append(out, timezone.Interval{Start: s, End: s.Add(d)})
	}
	return out
}

func TestSaveMeetingSeries(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	start := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC)
	s, err := db.SaveMeetingSeries(ctx, team.MeetingSeries{Title: " Team sync ", Zone: "Europe/Lisbon",
		Members: []string{"Ana", "Dana", "Ana"}, Occurrences: weeklyOccurrences(start, 3, time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.UID == "" || s.Title != "Team sync" || len(s.Members) != 2 || s.Sequence != 0 {
		t.Fatalf("saved %+v; want an ID, a UID, trimmed title, 2 members, sequence 0", s)
	}
	// Saving the same again changes nothing, not even the sequence.
	again, err := db.SaveMeetingSeries(ctx, s)
	if err != nil || again.UID != s.UID || again.Sequence != 0 || again.ID != s.ID {
		t.Fatalf("re-save = %+v, %v; want same UID and sequence 0", again, err)
	}
	// Moving an occurrence bumps the sequence and keeps the UID (title matched without case).
	moved := s
	moved.Title = "TEAM SYNC"
	moved.Occurrences = weeklyOccurrences(start.Add(2*time.Hour), 3, time.Hour)
	moved, err = db.SaveMeetingSeries(ctx, moved)
	if err != nil || moved.UID != s.UID || moved.Sequence != 1 {
		t.Fatalf("moved = %+v, %v; want same UID, sequence 1", moved, err)
	}
	all, err := db.MeetingSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || len(all[0].Occurrences) != 3 || !all[0].Occurrences[0].Start.Equal(start.Add(2*time.Hour)) || all[0].Title != "TEAM SYNC" {
		t.Fatalf("stored %+v", all)
	}
	if err := db.DeleteMeetingSeries(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteMeetingSeries(ctx, s.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v; want ErrNotFound", err)
	}
}

func TestSaveMeetingSeriesRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	start := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC)
	bad := []team.MeetingSeries{
		{Title: "", Zone: "UTC", Occurrences: weeklyOccurrences(start, 1, time.Hour)},
		{Title: "x", Zone: "UTC"},
		{Title: "x", Zone: "UTC", Occurrences: []timezone.Interval{{Start: start, End: start}}},
	}
	for _, s := range bad {
		if _, err := db.SaveMeetingSeries(ctx, s); !errors.Is(err, team.ErrBadMeeting) {
			t.Errorf("SaveMeetingSeries(%+v) = %v; want ErrBadMeeting", s, err)
		}
	}
	if _, err := db.SaveMeetingSeries(ctx, team.MeetingSeries{Title: "x", Zone: "Mars/Olympus", Occurrences: weeklyOccurrences(start, 1, time.Hour)}); !errors.Is(err, timezone.ErrUnknownZone) {
		t.Errorf("unknown zone: %v; want ErrUnknownZone", err)
	}
	if all, _ := db.MeetingSeries(ctx); len(all) != 0 {
		t.Errorf("bad input left %d series behind", len(all))
	}
}
