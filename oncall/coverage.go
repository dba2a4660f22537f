package oncall

import (
	"time"

	"dev.remotecto/remotecto/timezone"
)

// CoverageWindows returns the parts of [from, to) that fall inside the
// rotation's daily coverage window, in order: all of [from, to) for a
// rotation covered around the clock, nothing when its zone does not load.
// Time outside them is not a gap: nobody is meant to be on call then.
func CoverageWindows(r Rotation, from, to time.Time) []timezone.Interval {
	span := timezone.Interval{Start: from, End: to}
	if span.IsEmpty() {
		return nil
	}
	if r.Coverage == nil {
		return []timezone.Interval{span}
	}
	loc, err := r.Location()
	if err != nil {
		return nil
	}
	var out []timezone.Interval
	last := timezone.DateOf(to.In(loc))
	for d := timezone.DateOf(from.In(loc)).AddDays(-1); !d.After(last); d = d.AddDays(1) {
		if w := r.Coverage.On(d, loc).Intersect(span); !w.IsEmpty() {
			out = append(out, w)
		}
	}
	return timezone.MergeIntervals(out)
}
