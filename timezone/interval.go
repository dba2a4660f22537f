package timezone

import (
	"slices"
	"time"
)

// Interval is a half-open span of instants [Start, End).
type Interval struct {
	Start time.Time
	End   time.Time
}

// Contains reports whether t is inside [Start, End).
func (iv Interval) Contains(t time.Time) bool { return !t.Before(iv.Start) && t.Before(iv.End) }

// Overlaps reports whether the two intervals share any instant.
func (iv Interval) Overlaps(o Interval) bool { return iv.Start.Before(o.End) && o.Start.Before(iv.End) }

// Duration returns End - Start.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

// IsEmpty reports whether the interval holds no instant.
func (iv Interval) IsEmpty() bool { return !iv.Start.Before(iv.End) }

// Intersect returns the common part of two intervals (empty when they do not overlap).
func (iv Interval) Intersect(o Interval) Interval {
	s, e := iv.Start, iv.End
	if o.Start.After(s) {
		s = o.Start
	}
	if o.End.Before(e) {
		e = o.End
	}
	if !s.Before(e) {
		return Interval{Start: s, End: s}
	}
	return Interval{Start: s, End: e}
}

// MergeIntervals sorts intervals and joins those that overlap or touch. Empty
// intervals are dropped.
func MergeIntervals(ivs []Interval) []Interval {
	sorted := make([]Interval, 0, len(ivs))
	for _, iv := range ivs {
		if !iv.IsEmpty() {
			sorted = append(sorted, iv)
		}
	}
	byStart := func(a, b Interval) int { return a.Start.Compare(b.Start) }
	if !slices.IsSortedFunc(sorted, byStart) {
		slices.SortFunc(sorted, byStart)
	}
	var out []Interval
	for _, iv := range sorted {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// SubtractIntervals returns the parts of a not covered by any interval of b.
// Both inputs must be merged (sorted, disjoint).
func SubtractIntervals(a, b []Interval) []Interval {
	var out []Interval
	j := 0
	for _, iv := range a {
		cur := iv.Start
		for j < len(b) && !b[j].End.After(iv.Start) {
			j++
		}
		for k := j; k < len(b) && b[k].Start.Before(iv.End); k++ {
			if b[k].Start.After(cur) {
				out = append(out, Interval{Start: cur, End: b[k].Start})
			}
			if b[k].End.After(cur) {
				cur = b[k].End
			}
		}
		if cur.Before(iv.End) {
			out = append(out, Interval{Start: cur, End: iv.End})
		}
	}
	return out
}
