package oncall

import (
	"sort"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// Gap is a span with nobody on call. Rotation names the rotation for a gap of
// one rotation, and is empty for a gap of the whole team (no rotation has
// anybody on call).
type Gap struct {
	Rotation string
	Start    time.Time
	End      time.Time
}

// RotationGaps returns the parts of [from, to) where nobody is on call in r.
// The range is bounded as for Shifts (the accepted range of instants,
// MaxRange); nothing outside it is reported.
func RotationGaps(r Rotation, from, to time.Time) []Gap {
	from, to, _ = bounds(from, to)
	return gapsOf(r.Name, [][]Shift{Shifts(r, from, to)}, from, to)
}

// TeamGaps returns the parts of [from, to) where nobody is on call in any
// of the rotations, bounded as for RotationGaps.
func TeamGaps(rotations []Rotation, from, to time.Time) []Gap {
	from, to, _ = bounds(from, to)
	all := make([][]Shift, len(rotations))
	for i, r := range rotations {
		all[i] = Shifts(r, from, to)
	}
	return gapsOf("", all, from, to)
}

// Gaps returns the team's gaps followed by each rotation's own gaps.
func Gaps(rotations []Rotation, from, to time.Time) []Gap {
	out := TeamGaps(rotations, from, to)
	for _, r := range rotations {
		out = append(out, RotationGaps(r, from, to)...)
	}
	return out
}

func gapsOf(rotation string, shifts [][]Shift, from, to time.Time) []Gap {
	var covered []timezone.Interval
	for _, ss := range shifts {
		for _, s := range ss {
			covered = append(covered, s.Interval())
		}
	}
	var out []Gap
	rng := []timezone.Interval{{Start: from.UTC(), End: to.UTC()}}
	for _, iv := range timezone.SubtractIntervals(rng, timezone.MergeIntervals(covered)) {
		out = append(out, Gap{Rotation: rotation, Start: iv.Start, End: iv.End})
	}
	return out
}

// Conflict is an on-call entry that overlaps its member's time off.
type Conflict struct {
	Shift   Shift
	TimeOff roster.TimeOff
	// Overlap is the part of the shift the member is away for.
	Overlap timezone.Interval
}

// TimeOffConflicts returns every on-call entry overlapping [from, to) that
// falls (partly) on its member's time off, sorted by start. The range is
// bounded as for Shifts.
func TimeOffConflicts(rotations []Rotation, members []roster.Member, from, to time.Time) []Conflict {
	var out []Conflict
	for _, r := range rotations {
		for _, s := range Shifts(r, from, to) {
			m, ok := roster.FindMember(members, s.Member)
			if !ok {
				continue
			}
			for _, off := range m.TimeOff {
				if ov := s.Interval().Intersect(off.Interval()); !ov.IsEmpty() {
					out = append(out, Conflict{Shift: s, TimeOff: off, Overlap: ov})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Overlap.Start.Before(out[j].Overlap.Start) })
	return out
}
