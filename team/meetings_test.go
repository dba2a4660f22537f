package team

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

func TestMeetingSeriesNormalize(t *testing.T) {
	lisbon, _ := timezone.LoadZone("Europe/Lisbon")
	a := time.Date(2026, 6, 17, 14, 0, 0, 500, lisbon)
	b := time.Date(2026, 6, 10, 14, 0, 0, 0, lisbon)
	got, err := MeetingSeries{Title: " Team sync ", Zone: " Europe/Lisbon ", Members: []string{" Ana", "Bo", "Ana", ""},
		Occurrences: []timezone.Interval{{Start: a, End: a.Add(time.Hour)}, {Start: b, End: b.Add(time.Hour)}}}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	want := MeetingSeries{Title: "Team sync", Zone: "Europe/Lisbon", Members: []string{"Ana", "Bo"},
		Occurrences: []timezone.Interval{
			{Start: time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC)},
			{Start: time.Date(2026, 6, 17, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 17, 14, 0, 0, 0, time.UTC)},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Normalize = %+v; want %+v", got, want)
	}
	start := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC)
	one := []timezone.Interval{{Start: start, End: start.Add(time.Hour)}}
	for _, c := range []struct {
		s    MeetingSeries
		want error
	}{
		{MeetingSeries{Zone: "UTC", Occurrences: one}, ErrBadMeeting},
		{MeetingSeries{Title: string(make([]rune, 121)), Zone: "UTC", Occurrences: one}, ErrBadMeeting},
		{MeetingSeries{Title: "x", Zone: "UTC"}, ErrBadMeeting},
		{MeetingSeries{Title: "x", Zone: "UTC", Occurrences: make([]timezone.Interval, MaxMeetingOccurrences+1)}, ErrBadMeeting},
		{MeetingSeries{Title: "x", Zone: "UTC", Occurrences: []timezone.Interval{{Start: start, End: start}}}, ErrBadMeeting},
		{MeetingSeries{Title: "x", Zone: "Mars/Olympus", Occurrences: one}, timezone.ErrUnknownZone},
	} {
		if _, err := c.s.Normalize(); !errors.Is(err, c.want) {
			t.Errorf("Normalize(title %q, zone %q, %d occurrences) = %v; want %v", c.s.Title, c.s.Zone, len(c.s.Occurrences), err, c.want)
		}
	}
}
