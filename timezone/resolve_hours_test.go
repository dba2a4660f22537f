package timezone

import (
	"errors"
	"testing"
	"time"
)

func TestResolveLocal(t *testing.T) {
	tests := []struct {
		zone, date, clock string
		want              string
	}{
		// Europe: the gap moves forward by its length, the overlap takes the first occurrence.
		{"Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T01:30:00Z"},
		{"Europe/Berlin", "2026-03-29", "01:59", "2026-03-29T00:59:00Z"},
		{"Europe/Berlin", "2026-03-29", "03:00", "2026-03-29T01:00:00Z"},
		{"Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30:00Z"},
		{"Europe/Berlin", "2026-10-25", "03:00", "2026-10-25T02:00:00Z"},
		// United States.
		{"America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z"},
		{"America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z"},
		// Southern hemisphere.
		{"Australia/Sydney", "2026-10-04", "02:30", "2026-10-03T16:30:00Z"},
		{"Australia/Sydney", "2026-04-05", "02:30", "2026-04-04T15:30:00Z"},
		{"Pacific/Auckland", "2026-09-27", "02:30", "2026-09-26T14:30:00Z"},
		{"Pacific/Auckland", "2026-04-05", "02:30", "2026-04-04T13:30:00Z"},
		// Half-hour and 45-minute zones, with their own DST.
		{"America/St_Johns", "2026-03-08", "02:30", "2026-03-08T06:00:00Z"},
		{"America/St_Johns", "2026-11-01", "01:30", "2026-11-01T04:00:00Z"},
		{"Pacific/Chatham", "2026-09-27", "03:00", "2026-09-26T14:15:00Z"},
		{"Pacific/Chatham", "2026-04-05", "03:00", "2026-04-04T13:15:00Z"},
		{"Asia/Kathmandu", "2026-06-10", "09:00", "2026-06-10T03:15:00Z"},
		{"Asia/Kolkata", "2026-06-10", "09:00", "2026-06-10T03:30:00Z"},
		{"Pacific/Kiritimati", "2026-06-10", "09:00", "2026-06-09T19:00:00Z"},
		// Samoa skipped 2011-12-30: every time of it moves forward by a day.
		{"Pacific/Apia", "2011-12-30", "12:00", "2011-12-30T22:00:00Z"},
		{"Pacific/Apia", "2011-12-29", "23:59", "2011-12-30T09:59:00Z"},
		{"Pacific/Apia", "2011-12-31", "00:00", "2011-12-30T10:00:00Z"},
		// 24:00 is midnight at the start of the next day.
		{"UTC", "2026-06-10", "24:00", "2026-06-11T00:00:00Z"},
	}
	for _, tc := range tests {
		got := ResolveLocal(ovDate(t, tc.date), MustClock(tc.clock), ovZone(t, tc.zone))
		if s := got.UTC().Format(time.RFC3339); s != tc.want {
			t.Errorf("ResolveLocal(%s %s, %s) = %s; want %s", tc.date, tc.clock, tc.zone, s, tc.want)
		}
	}
}

// TestResolveLocalBruteForce walks every minute of DST change days and checks
// the rule: a time that shows on the clock resolves to its first showing; a
// time that never shows moves forward by the gap.
func TestResolveLocalBruteForce(t *testing.T) {
	for _, z := range bruteZones {
		loc := ovZone(t, z)
		for _, ds := range bruteDates {
			d := ovDate(t, ds)
			for c := Clock(0); c < MinutesPerDay; c++ {
				got := ResolveLocal(d, c, loc)
				lt := got.In(loc)
				shows := DateOf(lt) == d && Clock(lt.Hour()*60+lt.Minute()) == c
				if shows {
					// No earlier instant (within a day) shows the same wall time.
					for back := time.Minute; back <= 26*time.Hour; back += 15 * time.Minute {
						e := got.Add(-back).In(loc)
						if DateOf(e) == d && Clock(e.Hour()*60+e.Minute()) == c {
							t.Fatalf("%s %s %s: resolved to %s, but %s shows it earlier", z, ds, c, got.UTC(), e.UTC())
						}
					}
					continue
				}
				// A gap: the pre-gap offset was applied.
				_, before := got.Add(-27 * time.Hour).In(loc).Zone()
				naive := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, time.UTC)
				if want := naive.Add(-time.Duration(before) * time.Second); !got.Equal(want) {
					t.Fatalf("%s %s %s does not show on the clock: resolved to %s; want %s (offset before the gap)", z, ds, c, got.UTC(), want.UTC())
				}
			}
		}
	}
}

func TestWeekHoursIntervals(t *testing.T) {
	tests := []struct {
		name, zone string
		hours      []string
		from, to   string
		want       string
	}{
		{"crossing midnight belongs to the start day", "UTC", []string{"mon=22:00-06:00"},
			"2026-06-08T00:00:00Z", "2026-06-10T00:00:00Z", "2026-06-08T22:00:00Z/2026-06-09T06:00:00Z"},
		{"previous day's night shift reaches into the window", "UTC", []string{"mon=22:00-06:00"},
			"2026-06-09T00:00:00Z", "2026-06-09T12:00:00Z", "2026-06-08T22:00:00Z/2026-06-09T06:00:00Z"},
		{"a DST gap shortens the range", "Europe/Berlin", []string{"sun=00:00-06:00"},
			"2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z", "2026-03-28T23:00:00Z/2026-03-29T04:00:00Z"},
		{"a DST overlap lengthens the range", "Europe/Berlin", []string{"sun=00:00-06:00"},
			"2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z", "2026-10-24T22:00:00Z/2026-10-25T05:00:00Z"},
		{"touching ranges merge", "UTC", []string{"mon=09:00-12:00,12:00-17:00"},
			"2026-06-08T00:00:00Z", "2026-06-09T00:00:00Z", "2026-06-08T09:00:00Z/2026-06-08T17:00:00Z"},
		{"Sunday night into Monday morning, Sydney", "Australia/Sydney", []string{"sun=20:00-04:00", "mon=09:00-17:00"},
			"2026-10-04T00:00:00Z", "2026-10-05T12:00:00Z", "2026-10-04T09:00:00Z/2026-10-04T17:00:00Z,2026-10-04T22:00:00Z/2026-10-05T06:00:00Z"},
		{"empty window", "UTC", []string{"mon=09:00-17:00"}, "2026-06-08T10:00:00Z", "2026-06-08T10:00:00Z", ""},
	}
	for _, tc := range tests {
		w := ovWeek(t, tc.hours...)
		got := ovSpan(w.Intervals(ovZone(t, tc.zone), ovInstant(t, tc.from), ovInstant(t, tc.to)))
		if got != tc.want {
			t.Errorf("%s: Intervals = %s; want %s", tc.name, got, tc.want)
		}
	}
}

func TestParseDayHours(t *testing.T) {
	good := map[string]string{
		"":                         "",
		"09:00-17:00":              "09:00-17:00",
		" 8:00-12:00, 13:00-17:00": "08:00-12:00,13:00-17:00",
		"22:00-06:00":              "22:00-06:00",
		"00:00-24:00":              "00:00-24:00",
		"18:00-24:00":              "18:00-00:00",
	}
	for in, want := range good {
		h, err := ParseDayHours(in)
		if err != nil || h.String() != want {
			t.Errorf("ParseDayHours(%q) = %q, %v; want %q", in, h.String(), err, want)
		}
	}
	bad := []string{"25:00-9", "09:00", "09:00-09:00", "24:00-06:00", "09:00-17:00,16:00-18:00", "9-17", "09:60-10:00", "a-b"}
	for _, in := range bad {
		if _, err := ParseDayHours(in); !errors.Is(err, ErrBadHours) && !errors.Is(err, ErrBadClock) {
			t.Errorf("ParseDayHours(%q) error = %v; want ErrBadHours or ErrBadClock", in, err)
		}
	}
}

func FuzzParseDayHours(f *testing.F) {
	for _, s := range []string{"", "09:00-17:00", "22:00-06:00", "08:00-12:00,13:00-17:00", "00:00-24:00", "25:00-9", "-", ",", "9:5-1:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseDayHours(s)
		if err != nil {
			if !errors.Is(err, ErrBadHours) && !errors.Is(err, ErrBadClock) {
				t.Fatalf("ParseDayHours(%q): error %v is not a sentinel", s, err)
			}
			return
		}
		for _, r := range h {
			if r.Start < 0 || r.Start >= MinutesPerDay || r.End < 0 || r.End >= MinutesPerDay || r.Minutes() <= 0 || r.Minutes() > MinutesPerDay {
				t.Fatalf("ParseDayHours(%q) gave out-of-range %v", s, r)
			}
		}
		// What it prints reads back the same.
		again, err := ParseDayHours(h.String())
		if err != nil || again.String() != h.String() {
			t.Fatalf("ParseDayHours(%q) = %q, which reads back as %q, %v", s, h.String(), again.String(), err)
		}
	})
}
