package worklog

import (
	"errors"
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := timezone.LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseCadence(t *testing.T) {
	for in, want := range map[string]Cadence{"": CadenceNone, "none": CadenceNone, "1w": CadenceWeekly,
		"Weekly": CadenceWeekly, " 2w ": CadenceFortnightly, "fortnightly": CadenceFortnightly, "4W": CadenceMonthly, "monthly": CadenceMonthly} {
		got, err := ParseCadence(in)
		if err != nil || got != want {
			t.Errorf("ParseCadence(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"3w", "1d", "w", "-1w", "weeklyy", "2"} {
		if _, err := ParseCadence(in); !errors.Is(err, ErrBadCadence) {
			t.Errorf("ParseCadence(%q) error = %v; want ErrBadCadence", in, err)
		}
	}
	for _, c := range Cadences {
		back, err := ParseCadence(c.String())
		if err != nil || back != c {
			t.Errorf("ParseCadence(%q) = %v, %v; want %v", c.String(), back, err, c)
		}
	}
}

// TestDueAcrossZones checks the next due day and the instant it becomes
// overdue (local midnight after the due day) in zones with DST in both
// hemispheres, 45-minute offsets and +13/+14.
func TestDueAcrossZones(t *testing.T) {
	cases := []struct {
		zone    string
		last    string // the last 1:1, RFC 3339
		cadence Cadence
		next    string // due day
		flip    string // first instant it is overdue (local midnight after next)
	}{
		// Europe switches to summer time on 29 March 2026, inside the week.
		{"Europe/Lisbon", "2026-03-24T10:00:00Z", CadenceWeekly, "2026-03-31", "2026-03-31T23:00:00Z"},
		{"Europe/Berlin", "2026-10-20T08:00:00Z", CadenceFortnightly, "2026-11-03", "2026-11-03T23:00:00Z"},
		// New York springs forward on 8 March 2026: due that very day.
		{"America/New_York", "2026-03-01T15:00:00Z", CadenceWeekly, "2026-03-08", "2026-03-09T04:00:00Z"},
		// Sydney starts summer time on 4 October 2026 (southern hemisphere).
		{"Australia/Sydney", "2026-09-27T23:00:00Z", CadenceFortnightly, "2026-10-12", "2026-10-12T13:00:00Z"},
		// Adelaide ends summer time on 5 April 2026 (+10:30 to +9:30).
		{"Australia/Adelaide", "2026-03-09T00:00:00Z", CadenceMonthly, "2026-04-06", "2026-04-06T14:30:00Z"},
		{"Asia/Kathmandu", "2026-01-05T04:00:00Z", CadenceMonthly, "2026-02-02", "2026-02-02T18:15:00Z"},
		{"Asia/Kolkata", "2026-05-04T20:00:00Z", CadenceWeekly, "2026-05-12", "2026-05-12T18:30:00Z"},
		{"Pacific/Chatham", "2026-01-07T12:00:00Z", CadenceWeekly, "2026-01-15", "2026-01-15T10:15:00Z"},
		// The last 1:1 at 00:30 local on 1 January in +14 is still 31 December in UTC.
		{"Pacific/Kiritimati", "2025-12-31T10:30:00Z", CadenceWeekly, "2026-01-08", "2026-01-08T10:00:00Z"},
		{"Pacific/Tongatapu", "2026-06-01T11:00:00Z", CadenceFortnightly, "2026-06-16", "2026-06-16T11:00:00Z"},
	}
	for _, c := range cases {
		s := Schedule{Member: "X", Zone: c.zone, Cadence: c.cadence, Last: utc(c.last)}
		flip := utc(c.flip)
		before, at := s.DueAt(flip.Add(-time.Second)), s.DueAt(flip)
		if before.Next.String() != c.next || before.Overdue {
			t.Errorf("%s last %s %s: a second before %s got %+v; want next %s, not overdue", c.zone, c.last, c.cadence, c.flip, before, c.next)
		}
		if at.Next.String() != c.next || !at.Overdue || at.DaysLate != 1 {
			t.Errorf("%s last %s %s: at %s got %+v; want next %s, overdue by 1 day", c.zone, c.last, c.cadence, c.flip, at, c.next)
		}
	}
}

// TestOverdueBruteForce walks minute by minute across DST changes and checks
// that a 1:1 turns overdue exactly once, at local midnight after its due day.
func TestOverdueBruteForce(t *testing.T) {
	for _, c := range []struct{ zone, last, from string }{
		{"America/New_York", "2026-03-01T17:00:00Z", "2026-03-07T00:00:00Z"},
		{"America/New_York", "2026-10-25T14:00:00Z", "2026-10-31T00:00:00Z"},
		{"Australia/Sydney", "2026-09-27T23:00:00Z", "2026-10-02T00:00:00Z"},
		{"Europe/London", "2026-10-18T09:00:00Z", "2026-10-24T00:00:00Z"},
	} {
		loc := mustZone(t, c.zone)
		s := Schedule{Zone: c.zone, Cadence: CadenceWeekly, Last: utc(c.last)}
		flips := 0
		prev := s.DueAt(utc(c.from)).Overdue
		for now := utc(c.from); now.Before(utc(c.from).Add(96 * time.Hour)); now = now.Add(time.Minute) {
			d := s.DueAt(now)
			if d.Overdue != prev {
				flips++
				local := now.In(loc)
				if !d.Overdue || local.Hour() != 0 || local.Minute() != 0 || timezone.DateOf(local) != d.Next.AddDays(1) {
					t.Errorf("%s: overdue changed to %v at %s local; want true at midnight after %s", c.zone, d.Overdue, local, d.Next)
				}
			}
			prev = d.Overdue
		}
		if flips != 1 {
			t.Errorf("%s last %s: overdue changed %d times in 4 days; want once", c.zone, c.last, flips)
		}
	}
}

func TestDueWithoutHistoryOrCadence(t *testing.T) {
	now := utc("2026-06-10T12:00:00Z")
	if d := (Schedule{Zone: "Pacific/Kiritimati", Cadence: CadenceWeekly}).DueAt(now); d.Next.String() != "2026-06-11" || d.Overdue {
		t.Errorf("never met, weekly: got %+v; want due today in the member's zone (2026-06-11), not overdue", d)
	}
	if d := (Schedule{Zone: "UTC", Last: utc("2020-01-01T00:00:00Z")}).DueAt(now); !d.Next.IsZero() || d.Overdue {
		t.Errorf("no cadence: got %+v; want nothing due", d)
	}
}

func TestNextMeetingInDSTGap(t *testing.T) {
	s := Schedule{Zone: "America/New_York", Cadence: CadenceWeekly, MeetAt: timezone.MustClock("02:30"), Last: utc("2026-03-01T15:00:00Z")}
	got, ok := s.NextMeeting(utc("2026-03-05T00:00:00Z"))
	if want := utc("2026-03-08T07:30:00Z"); !ok || !got.Equal(want) {
		t.Errorf("NextMeeting at 02:30 on the spring-forward day = %s, %v; want %s (03:30 EDT)", got.UTC(), ok, want)
	}
}

func TestSortByDue(t *testing.T) {
	now := utc("2026-06-10T12:00:00Z")
	ss := []Schedule{
		{Member: "none", Zone: "UTC"},
		{Member: "soon", Zone: "UTC", Cadence: CadenceMonthly, Last: utc("2026-06-01T10:00:00Z")},
		{Member: "late1", Zone: "UTC", Cadence: CadenceWeekly, Last: utc("2026-06-02T10:00:00Z")},
		{Member: "late5", Zone: "UTC", Cadence: CadenceWeekly, Last: utc("2026-05-29T10:00:00Z")},
		{Member: "Alpha", Zone: "UTC"},
	}
	SortByDue(ss, now)
	var got []string
	for _, s := range ss {
		got = append(got, s.Member)
	}
	want := []string{"late5", "late1", "soon", "Alpha", "none"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("SortByDue = %v; want %v", got, want)
		}
	}
}
