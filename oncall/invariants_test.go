package oncall

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// scheduledAt is an independent model of the schedule for day and week
// lengths: the handoff on the local date of t (or the day before, when t is
// before that day's handoff) decides the shift index.
func scheduledAt(r Rotation, loc *time.Location, t time.Time) (string, bool) {
	d := timezone.DateOf(t.In(loc))
	if t.Before(timezone.ResolveLocal(d, r.Handoff, loc)) {
		d = d.AddDays(-1)
	}
	days := r.Start.DaysUntil(d)
	if days < 0 {
		return "", false
	}
	// The handoff of a day between two handoffs belongs to the shift in force.
	k := days / r.Shift.Days()
	return r.Members[k%len(r.Members)], true
}

// TestShiftsBruteForce walks several zones minute by minute over months and
// checks that the shifts leave no gap and no overlap, that d/w handoffs fall
// at the handoff wall time (ResolveLocal), and that exactly one person is on
// call at each minute, the one an independent model expects.
func TestShiftsBruteForce(t *testing.T) {
	cases := []Rotation{
		rot("America/New_York", "1d", "02:30", "2026-02-20", "A", "B", "C"),
		rot("America/New_York", "1w", "01:30", "2026-09-01", "A", "B"),
		rot("Europe/Berlin", "3d", "02:30", "2026-02-27", "A", "B", "C", "D"),
		rot("Pacific/Auckland", "1d", "02:30", "2026-03-10", "A", "B"),
		rot("Pacific/Auckland", "1w", "02:00", "2026-08-20", "A", "B", "C"),
		rot("Australia/Adelaide", "2w", "09:00", "2026-02-02", "A", "B", "C"),
		rot("Pacific/Chatham", "1d", "02:45", "2026-09-01", "A", "B"),
		rot("Asia/Kathmandu", "1d", "00:00", "2026-01-01", "A"),
	}
	for _, r := range cases {
		loc, err := r.Location()
		if err != nil {
			t.Fatal(err)
		}
		from := r.FirstHandoff(loc).Add(-36 * time.Hour)
		to := from.Add(75 * 24 * time.Hour)
		ss := Shifts(r, from, to)
		if len(ss) == 0 {
			t.Fatalf("%s %s: no shifts", r.Zone, r.Shift)
		}
		for i, s := range ss {
			want := timezone.ResolveLocal(timezone.DateOf(s.Start.In(loc)), r.Handoff, loc)
			if !s.Start.Equal(want) && !(i == 0 && s.Start.Equal(r.FirstHandoff(loc))) {
				t.Errorf("%s %s: shift %d starts %s; want the %s handoff %s", r.Zone, r.Shift, i, s.Start, r.Handoff, want)
			}
			if i > 0 && !ss[i-1].End.Equal(s.Start) {
				t.Errorf("%s %s: shift %d ends %s, shift %d starts %s", r.Zone, r.Shift, i-1, ss[i-1].End, i, s.Start)
			}
		}
		j := 0
		for m := from; m.Before(to); m = m.Add(time.Minute) {
			for j < len(ss) && !ss[j].End.After(m) {
				j++
			}
			got, on := "", j < len(ss) && ss[j].Contains(m)
			if on {
				got = ss[j].Member
			}
			want, wantOn := scheduledAt(r, loc, m)
			if on != wantOn || got != want {
				t.Fatalf("%s %s at %s: on call %q (%v); want %q (%v)", r.Zone, r.Shift, m, got, on, want, wantOn)
			}
		}
	}
}

// TestShiftsWindowed checks that any window of Shifts is exactly the part of
// a long generation that overlaps it (the arithmetic jump to the first shift).
func TestShiftsWindowed(t *testing.T) {
	cases := []Rotation{
		rot("America/New_York", "1d", "02:30", "2026-01-01", "A", "B", "C"),
		rot("Australia/Sydney", "1w", "02:30", "2026-01-05", "A", "B"),
		rot("Europe/Lisbon", "12h", "01:00", "2026-03-01", "A", "B", "C"),
		rot("Pacific/Auckland", "5h", "02:30", "2026-09-20", "A", "B"),
	}
	for _, r := range cases {
		r.Overrides = []Override{{Member: "X", Start: u("2026-10-03T10:00:00Z"), End: u("2026-10-06T03:00:00Z")}}
		all := Shifts(r, u("2025-01-01T00:00:00Z"), u("2027-06-01T00:00:00Z"))
		for from := u("2025-12-30T00:00:00Z"); from.Before(u("2027-04-01T00:00:00Z")); from = from.Add(7*time.Hour + 13*time.Minute) {
			to := from.Add(29 * time.Hour)
			var want []Shift
			for _, s := range all {
				if s.Start.Before(to) && s.End.After(from) {
					want = append(want, s)
				}
			}
			if got := fmtShifts(Shifts(r, from, to)); got != fmtShifts(want) {
				t.Fatalf("%s %s window %s..%s:\ngot\n%swant\n%s", r.Zone, r.Shift, from, to, got, fmtShifts(want))
			}
		}
	}
}

// TestShiftsCoverageBruteForce checks that with a coverage window somebody is
// on call exactly inside the window's wall-clock hours.
func TestShiftsCoverageBruteForce(t *testing.T) {
	for _, cov := range []string{"08:00-20:00", "22:00-06:00", "02:30-03:30"} {
		r := rot("America/New_York", "1d", "09:00", "2026-02-20", "A", "B", "C")
		d, err := timezone.ParseDayHours(cov)
		if err != nil {
			t.Fatal(err)
		}
		r.Coverage = &d[0]
		loc, _ := r.Location()
		from, to := u("2026-02-22T00:00:00Z"), u("2026-03-20T00:00:00Z")
		ss := Shifts(r, from, to)
		week := timezone.WeekHours{}
		for i := range week {
			week[i] = d
		}
		j := 0
		for m := from; m.Before(to); m = m.Add(time.Minute) {
			for j < len(ss) && !ss[j].End.After(m) {
				j++
			}
			on := j < len(ss) && ss[j].Contains(m)
			if want := week.Contains(loc, m); on != want {
				t.Fatalf("coverage %s at %s: on call %v; want %v", cov, m.In(loc), on, want)
			}
		}
	}
}
