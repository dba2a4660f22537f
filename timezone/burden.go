package timezone

import "time"

// Weight returns how heavy one minute outside working hours is at local clock
// c: 1 from 08:00 to 18:00, 2 from 07:00 and until 20:00, 3 from 06:00 and
// until 22:00, 4 at night (22:00 to 06:00). Minutes inside the person's
// acceptable hours weigh 1 whatever the clock says; working minutes weigh 0.
func Weight(c Clock) int {
	switch {
	case c >= 8*60 && c < 18*60:
		return 1
	case c >= 7*60 && c < 20*60:
		return 2
	case c >= 6*60 && c < 22*60:
		return 3
	}
	return 4
}

// Cost is what a meeting asks of one person.
type Cost struct {
	// InHours is true when every minute is inside working hours and the
	// person is not away.
	InHours bool
	// Away is true when the person is away during any part of it.
	Away bool
	// Outside is the number of minutes outside working hours; Early and Late
	// split them by local clock (before noon, from noon on).
	Outside, Early, Late int
	// Burden is the weighted minutes outside working hours (see Weight).
	Burden int
}

// profile holds one person's per-minute costs over a span as prefix sums, so
// that the cost of any minute-aligned interval inside it is O(1).
type profile struct {
	start                              time.Time
	work, away, burden, early, outside []int32
}

func newProfile(p Person, span Interval) profile {
	n := int(span.Duration() / time.Minute)
	pr := profile{start: span.Start}
	for _, s := range []*[]int32{&pr.work, &pr.away, &pr.burden, &pr.early, &pr.outside} {
		*s = make([]int32, n+1)
	}
	loc := p.loc()
	hours := p.Hours.Intervals(loc, span.Start, span.End)
	wide := MergeIntervals(append(p.Acceptable.Intervals(loc, span.Start, span.End), hours...))
	away := p.away()
	hi, wi, ai := 0, 0, 0
	for i := 0; i < n; i++ {
		t := span.Start.Add(time.Duration(i) * time.Minute)
		working := advance(hours, &hi, t)
		acceptable := advance(wide, &wi, t)
		isAway := advance(away, &ai, t)
		var w, a, b, e, o int32
		if isAway {
			a = 1
		}
		if working {
			w = 1
		} else {
			lt := t.In(loc)
			c := Clock(lt.Hour()*60 + lt.Minute())
			o = 1
			if c < 12*60 {
				e = 1
			}
			if acceptable {
				b = 1
			} else {
				b = int32(Weight(c))
			}
		}
		pr.work[i+1] = pr.work[i] + w
		pr.away[i+1] = pr.away[i] + a
		pr.burden[i+1] = pr.burden[i] + b
		pr.early[i+1] = pr.early[i] + e
		pr.outside[i+1] = pr.outside[i] + o
	}
	return pr
}

// advance reports whether t lies in the sorted intervals ivs, moving *k
// forward; calls must come with t non-decreasing.
func advance(ivs []Interval, k *int, t time.Time) bool {
	for *k < len(ivs) && !ivs[*k].End.After(t) {
		*k++
	}
	return *k < len(ivs) && ivs[*k].Contains(t)
}

// cost returns the cost of iv, which must lie inside the profile's span on
// whole minutes from its start.
func (pr profile) cost(iv Interval) Cost {
	a := int(iv.Start.Sub(pr.start) / time.Minute)
	b := int(iv.End.Sub(pr.start) / time.Minute)
	if a < 0 {
		a = 0
	}
	if b > len(pr.work)-1 {
		b = len(pr.work) - 1
	}
	if b < a {
		b = a
	}
	c := Cost{Away: pr.away[b] > pr.away[a]}
	if c.Away {
		return c
	}
	c.InHours = int(pr.work[b]-pr.work[a]) == b-a
	c.Outside = int(pr.outside[b] - pr.outside[a])
	c.Early = int(pr.early[b] - pr.early[a])
	c.Late = c.Outside - c.Early
	c.Burden = int(pr.burden[b] - pr.burden[a])
	return c
}

// MeetingCost returns what a meeting over iv asks of p, minute by minute
// from iv.Start.
func MeetingCost(p Person, iv Interval) Cost {
	return newProfile(p, iv).cost(iv)
}
