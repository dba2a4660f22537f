package calfeed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

func series() team.MeetingSeries {
	s := team.MeetingSeries{Title: "Team sync", Zone: "Europe/Lisbon", Members: []string{"Ana", "Dana"}, UID: "meeting-abc", Sequence: 2}
	// Weekly across the end of DST in Lisbon (25 October 2026), 13:00 local.
	for _, d := range []string{"2026-10-14", "2026-10-21", "2026-10-28"} {
		day, _ := timezone.ParseDate(d)
		loc, _ := timezone.LoadZone("Europe/Lisbon")
		start := timezone.ResolveLocal(day, timezone.MustClock("13:00"), loc)
		s.Occurrences = append(s.Occurrences, timezone.Interval{Start: start, End: start.Add(time.Hour)})
	}
	return s
}

func TestMeetingEvents(t *testing.T) {
	evs, err := MeetingEvents(series(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("%d events; want 3", len(evs))
	}
	for i, e := range evs {
		if want := "meeting-abc-" + string(rune('1'+i)) + "@remotecto"; e.UID != want {
			t.Errorf("event %d UID %q; want %q", i, e.UID, want)
		}
		if e.Zone == nil || e.Zone.String() != "Europe/Lisbon" || e.Start.In(e.Zone).Format("15:04") != "13:00" || e.Sequence != 2 {
			t.Errorf("event %d: zone %v start %s sequence %d", i, e.Zone, e.Start, e.Sequence)
		}
		if !strings.Contains(e.Description, "of 3. With Ana, Dana") {
			t.Errorf("event %d description %q", i, e.Description)
		}
	}
	// The window keeps the occurrences that overlap it.
	from := time.Date(2026, 10, 21, 12, 30, 0, 0, time.UTC)
	evs, _ = MeetingEvents(series(), from, from.Add(30*time.Minute))
	if len(evs) != 1 || evs[0].UID != "meeting-abc-2@remotecto" {
		t.Errorf("window [12:30Z, 13:00Z) on 21 Oct gave %v", evs)
	}
	bad := series()
	bad.Zone = "Mars/Olympus"
	if _, err := MeetingEvents(bad, time.Time{}, time.Time{}); !errors.Is(err, timezone.ErrUnknownZone) {
		t.Errorf("unknown zone: %v", err)
	}
}

// TestMeetingCalendarRoundTrip encodes the series and reads it back: the
// wall clock stays at 13:00 in Lisbon on both sides of the DST change.
func TestMeetingCalendarRoundTrip(t *testing.T) {
	cal, err := MeetingCalendar([]team.MeetingSeries{series()}, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := calendar.Encode(&buf, cal, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "DTSTART;TZID=Europe/Lisbon:20261028T130000") || !strings.Contains(buf.String(), "BEGIN:VTIMEZONE") {
		t.Errorf("export lacks the zoned start or the VTIMEZONE:\n%s", buf.String())
	}
	got, err := ical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatal(err)
	}
	want := series().Occurrences
	for i, ev := range got.Events() {
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil || !start.Equal(want[i].Start) {
			t.Errorf("event %d starts %v (%v); want %v", i, start, err, want[i].Start)
		}
	}
}
