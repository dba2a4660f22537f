package timezone

import "time"

// ResolveLocal returns the instant at which the wall clock of zone loc shows
// clock c on date d. It follows RFC 5545 section 3.3.5, as calendar clients do:
// a time inside a DST gap (which never shows on the clock) is read with the
// offset in force before the gap, so it moves forward by the gap's length
// (02:30 becomes 03:30); a time that shows twice (DST overlap) takes the first
// occurrence. Clock 24:00 is midnight at the start of the next day.
func ResolveLocal(d Date, c Clock, loc *time.Location) time.Time {
	naive := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, time.UTC)
	// The true instant lies within naive-14h..naive+12h; the offsets in force
	// around that span are the only candidates.
	var offsets []int
	for _, probe := range []time.Duration{-26 * time.Hour, -14 * time.Hour, 0, 12 * time.Hour, 26 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		if !containsInt(offsets, off) {
			offsets = append(offsets, off)
		}
	}
	var best time.Time
	found := false
	minOff := offsets[0]
	for _, off := range offsets {
		if off < minOff {
			minOff = off
		}
		u := naive.Add(-time.Duration(off) * time.Second)
		if _, got := u.In(loc).Zone(); got == off && (!found || u.Before(best)) {
			best, found = u, true
		}
	}
	if !found {
		// A gap: the offset rose from the smaller value, which was in force before it.
		best = naive.Add(-time.Duration(minOff) * time.Second)
	}
	return best.In(loc)
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
