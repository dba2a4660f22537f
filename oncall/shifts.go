package oncall

import (
	"sort"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// Shift is one stretch of time during which Member is on call in Rotation,
// half-open [Start, End). Override marks a stretch that an override gives to
// Member instead of whoever was scheduled.
type Shift struct {
	Rotation string
	Member   string
	Start    time.Time
	End      time.Time
	Override bool
}

// Interval returns the shift's span.
func (s Shift) Interval() timezone.Interval { return timezone.Interval{Start: s.Start, End: s.End} }

// Contains reports whether instant t falls inside the shift.
func (s Shift) Contains(t time.Time) bool { return s.Interval().Contains(t) }

// FirstHandoff returns the instant the rotation's first shift starts: the
// handoff time on the start date in the rotation's zone (ResolveLocal rules).
func (r Rotation) FirstHandoff(loc *time.Location) time.Time {
	return timezone.ResolveLocal(r.Start, r.Handoff, loc).UTC()
}

// MaxRange is the longest range [from, to) that the range queries of this
// package look at (Shifts, Fairness, Gaps, TeamGaps, RotationGaps and
// TimeOffConflicts): five years of 366 days, which holds any five calendar
// years (a year's ICS export, the five-year timeline and fairness report)
// and, at the shortest shift of one hour, about 44,000 shifts (a few MB). A
// longer range is cut to its first MaxRange; a caller that shows the result
// calls CapRange first, to say that it did.
const MaxRange = 5 * 366 * 24 * time.Hour

// CapRange returns the end of range [from, to) cut to at most MaxRange after
// from, and whether it was cut.
func CapRange(from, to time.Time) (time.Time, bool) {
	if limit := from.Add(MaxRange); to.After(limit) && limit.After(from) {
		return limit, true
	}
	return to, false
}

// bounds returns the part of [from, to) that the range queries look at: the
// part inside the accepted range of instants (timezone.MinInstant to
// timezone.MaxInstant), cut to MaxRange. ok is false when nothing is left.
func bounds(from, to time.Time) (time.Time, time.Time, bool) {
	iv := timezone.ClampInterval(timezone.Interval{Start: from, End: to})
	if iv.IsEmpty() {
		return iv.Start, iv.End, false
	}
	end, _ := CapRange(iv.Start, iv.End)
	return iv.Start, end, true
}

// valid reports whether the length is positive with a known unit and no
// longer than ParseShiftLength accepts (a year of hours, days or weeks).
func (l ShiftLength) valid() bool {
	switch l.Unit {
	case Hours:
		return l.N > 0 && l.N <= maxShiftHours
	case Days, Weeks:
		return l.N > 0 && l.N <= maxShiftDays
	}
	return false
}

// The longest shift lengths, per unit.
const (
	maxShiftHours = 24 * 366
	maxShiftDays  = 366
)

// handoff returns the start of scheduled shift k (k >= 0). Hour lengths count
// elapsed time from the first handoff; day and week lengths put every handoff
// at the handoff time of the rotation's zone on its date, so a DST change
// makes the shift that spans it an hour shorter or longer.
//
// Hours are counted in whole seconds of int64, not in a time.Duration, which
// overflows after 292 years: k is at most the seconds between two instants
// over the number of seconds of a shift, so the product cannot overflow.
func (r Rotation) handoff(k int, loc *time.Location, first time.Time) time.Time {
	if r.Shift.Unit == Hours {
		return addSeconds(first, int64(k)*int64(r.Shift.N)*secondsPerHour)
	}
	return timezone.ResolveLocal(r.Start.AddDays(k*r.Shift.Days()), r.Handoff, loc).UTC()
}

const secondsPerHour = 60 * 60

// addSeconds returns t plus s seconds, in UTC.
func addSeconds(t time.Time, s int64) time.Time {
	return time.Unix(t.Unix()+s, int64(t.Nanosecond())).UTC()
}

// firstIndex returns the index of the scheduled shift in force at t (0 when t
// is before the first handoff), found arithmetically: whatever the distance
// from the first handoff, the cost is the same.
func (r Rotation) firstIndex(t time.Time, loc *time.Location, first time.Time) int {
	if !t.After(first) {
		return 0
	}
	var k int
	if r.Shift.Unit == Hours {
		// first is on a whole minute, so the floor of the whole seconds
		// between the two is exact.
		k = int((t.Unix() - first.Unix()) / (int64(r.Shift.N) * secondsPerHour))
	} else {
		k = r.Start.DaysUntil(timezone.DateOf(t.In(loc))) / r.Shift.Days()
	}
	// The estimate for hours is exact; for days it can be one too high when
	// t is before the handoff of its own local day. Settle it.
	for k > 0 && r.handoff(k, loc, first).After(t) {
		k--
	}
	for !r.handoff(k+1, loc, first).After(t) {
		k++
	}
	return k
}

// Shifts returns every on-call shift of rotation r that overlaps [from, to),
// sorted by start. Shifts are whole, not clipped to the range.
//
// Scheduled shift k starts at the k-th handoff and is held by member
// k mod len(Members), counting from Start; nobody is scheduled before the
// first handoff. With a coverage window, each scheduled shift is cut into one
// entry per daily window it meets (the member of the shift in force), and the
// time outside the windows has nobody on call. An override is an entry of its
// own, whole, with Override set; what remains of the scheduled entries it cuts
// appears as separate entries.
//
// Only the part of [from, to) inside the accepted range of instants
// (timezone.MinInstant to timezone.MaxInstant) and no longer than MaxRange
// is looked at: a range that lies wholly before 1970 or from 2200 on yields
// nothing, whatever the rotation.
//
// r must be normalized (see Rotation.Normalize); a rotation whose zone does
// not load, that has no members, whose shift length is out of bounds or
// whose start date is outside the accepted range yields nothing.
func Shifts(r Rotation, from, to time.Time) []Shift {
	from, to, ok := bounds(from, to)
	if !ok || len(r.Members) == 0 || !r.Shift.valid() || timezone.CheckDate("start", r.Start) != nil {
		return nil
	}
	loc, err := r.Location()
	if err != nil {
		return nil
	}
	ovs := sortedOverrides(r.Overrides)
	var out []Shift
	for _, o := range ovs {
		if o.Start.Before(to) && o.End.After(from) {
			out = append(out, Shift{Rotation: r.Name, Member: o.Member, Start: o.Start, End: o.End, Override: true})
		}
	}
	var scheduled []Shift
	first := r.FirstHandoff(loc)
	// Every scheduled entry is part of a scheduled shift, so the walk starts
	// at the shift in force at from.
	k := r.firstIndex(from, loc, first)
	start := r.handoff(k, loc, first)
	for start.Before(to) {
		end := r.handoff(k+1, loc, first)
		member := r.Members[k%len(r.Members)]
		for _, seg := range r.covered(timezone.Interval{Start: start, End: end}, loc) {
			for _, piece := range subtractOverrides(seg, ovs) {
				if piece.Start.Before(to) && piece.End.After(from) {
					scheduled = append(scheduled, Shift{Rotation: r.Name, Member: member, Start: piece.Start, End: piece.End})
				}
			}
		}
		k++
		start = end
	}
	out = append(out, scheduled...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// covered cuts a scheduled shift to the rotation's daily coverage windows.
func (r Rotation) covered(iv timezone.Interval, loc *time.Location) []timezone.Interval {
	if r.Coverage == nil {
		return []timezone.Interval{iv}
	}
	var out []timezone.Interval
	last := timezone.DateOf(iv.End.In(loc))
	for d := timezone.DateOf(iv.Start.In(loc)).AddDays(-1); !d.After(last); d = d.AddDays(1) {
		w := r.Coverage.On(d, loc).Intersect(iv)
		if !w.IsEmpty() {
			out = append(out, timezone.Interval{Start: w.Start.UTC(), End: w.End.UTC()})
		}
	}
	return out
}

func sortedOverrides(ovs []Override) []Override {
	if sort.SliceIsSorted(ovs, func(i, j int) bool { return ovs[i].Start.Before(ovs[j].Start) }) {
		return ovs
	}
	c := append([]Override(nil), ovs...)
	sort.SliceStable(c, func(i, j int) bool { return c[i].Start.Before(c[j].Start) })
	return c
}

// firstOverrideEndingAfter returns the index of the first override (sorted,
// not overlapping) that ends after t.
func firstOverrideEndingAfter(ovs []Override, t time.Time) int {
	return sort.Search(len(ovs), func(i int) bool { return ovs[i].End.After(t) })
}

// subtractOverrides returns the parts of iv that no override covers.
func subtractOverrides(iv timezone.Interval, ovs []Override) []timezone.Interval {
	i := firstOverrideEndingAfter(ovs, iv.Start)
	if i == len(ovs) || !ovs[i].Start.Before(iv.End) {
		return []timezone.Interval{iv}
	}
	var cut []timezone.Interval
	for ; i < len(ovs) && ovs[i].Start.Before(iv.End); i++ {
		cut = append(cut, ovs[i].Interval())
	}
	return timezone.SubtractIntervals([]timezone.Interval{iv}, cut)
}
