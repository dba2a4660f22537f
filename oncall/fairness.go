package oncall

import (
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// Share is one member's on-call load over a range.
type Share struct {
	Member string
	// OnCall is the time the member is on call in at least one rotation
	// (time on call in two rotations at once counts once).
	OnCall time.Duration
	// OutsideHours is the part of OnCall outside the member's own working
	// hours (in their zone); it includes Weekend.
	OutsideHours time.Duration
	// Weekend is the part of OnCall on the member's weekend: local days on
	// which they have no working hours at all.
	Weekend time.Duration
	Shifts  int
}

// Fairness returns each member's on-call load in [from, to), shifts clipped
// to the range. Every member of the team appears (with zero load when never
// on call), plus anyone on call who is not in members; sorted by name. The
// range is bounded as for Shifts (the accepted range of instants, MaxRange).
func Fairness(rotations []Rotation, members []roster.Member, from, to time.Time) []Share {
	from, to, _ = bounds(from, to)
	byName := map[string][]timezone.Interval{}
	count := map[string]int{}
	names := map[string]string{}
	for _, m := range members {
		names[strings.ToLower(m.Name)] = m.Name
	}
	rng := timezone.Interval{Start: from, End: to}
	for _, r := range rotations {
		for _, s := range Shifts(r, from, to) {
			key := strings.ToLower(s.Member)
			if _, ok := names[key]; !ok {
				names[key] = s.Member
			}
			byName[key] = append(byName[key], s.Interval().Intersect(rng))
			count[key]++
		}
	}
	out := make([]Share, 0, len(names))
	for key, name := range names {
		sh := Share{Member: name, Shifts: count[key]}
		onCall := timezone.MergeIntervals(byName[key])
		sh.OnCall = total(onCall)
		if m, ok := roster.FindMember(members, name); ok {
			if loc, err := m.Location(); err == nil {
				work := m.Hours.Intervals(loc, from, to)
				sh.OutsideHours = total(timezone.SubtractIntervals(onCall, work))
				sh.Weekend = total(intersectAll(onCall, daysOff(m.Hours, loc, from, to)))
			}
		}
		out = append(out, sh)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Member) < strings.ToLower(out[j].Member) })
	return out
}

// daysOff returns the local days in loc overlapping [from, to) on which the
// hours have no range at all, merged.
func daysOff(w timezone.WeekHours, loc *time.Location, from, to time.Time) []timezone.Interval {
	var out []timezone.Interval
	last := timezone.DateOf(to.In(loc))
	for d := timezone.DateOf(from.In(loc)); !d.After(last); d = d.AddDays(1) {
		if len(w[d.Weekday()]) == 0 {
			out = append(out, timezone.Interval{Start: d.Midnight(loc), End: d.AddDays(1).Midnight(loc)})
		}
	}
	return timezone.MergeIntervals(out)
}

// intersectAll returns the parts of a that lie inside b (both merged).
func intersectAll(a, b []timezone.Interval) []timezone.Interval {
	return timezone.SubtractIntervals(a, timezone.SubtractIntervals(a, b))
}

func total(ivs []timezone.Interval) time.Duration {
	var d time.Duration
	for _, iv := range ivs {
		d += iv.Duration()
	}
	return d
}
