package timezone

import (
	"errors"
	"fmt"
	"time"
)

// ErrBadRotation reports a fair-rotation request that cannot be planned.
var ErrBadRotation = errors.New("cannot plan the rotation")

// RotationGrid is the step between candidate starts of a rotating meeting.
const RotationGrid = 30 * time.Minute

// MaxOccurrences bounds the length of a planned series.
const MaxOccurrences = 520

// Occurrence is one meeting of a planned series.
type Occurrence struct {
	Interval
	// Costs are what the meeting asks of each person, in the order given.
	Costs []Cost
}

// PersonBurden is one person's share of a series.
type PersonBurden struct {
	Name string
	// Burden, Outside, Early and Late add up the occurrences' costs.
	Burden, Outside, Early, Late int
	// OutsideCount is the number of occurrences outside working hours.
	OutsideCount int
}

// RotationPlan is a weekly meeting whose time moves so that the early and
// late burden is spread across people.
type RotationPlan struct {
	Occurrences []Occurrence
	Totals      []PersonBurden
}

// FairRotation plans n weekly meetings of length d on the weekday of first,
// in the viewer's zone. For each week it considers every start on a 30-minute
// grid of that local day and takes the one that minimises the sum of squares
// of everyone's cumulative burden (then the smallest burden that week, then
// the most people in hours, then the earliest). Squaring makes a person who
// already took early or late meetings expensive to burden again, while a slot
// that burdens nobody always wins. People away that week carry nothing. A
// week whose day the viewer's clocks skip is left out.
func FairRotation(people []Person, first Date, viewer *time.Location, n int, d time.Duration) (RotationPlan, error) {
	d = d.Truncate(time.Minute)
	switch {
	case n < 1 || n > MaxOccurrences:
		return RotationPlan{}, fmt.Errorf("occurrences %d: must be 1 to %d: %w", n, MaxOccurrences, ErrBadRotation)
	case d <= 0 || d > 12*time.Hour:
		return RotationPlan{}, fmt.Errorf("duration %s: must be 1 minute to 12 hours: %w", d, ErrBadRotation)
	case len(people) == 0:
		return RotationPlan{}, fmt.Errorf("no people chosen: %w", ErrBadRotation)
	}
	if err := CheckDate("first date", first); err != nil {
		return RotationPlan{}, err
	}
	if err := CheckDate("last date", first.AddDays(7*(n-1))); err != nil {
		return RotationPlan{}, err
	}
	plan := RotationPlan{Totals: make([]PersonBurden, len(people))}
	for i, p := range people {
		plan.Totals[i].Name = p.Name
	}
	for k := 0; k < n; k++ {
		day := DayWindow(first.AddDays(7*k), viewer)
		span := Interval{Start: day.Start, End: day.End.Add(d)}
		profiles := make([]profile, len(people))
		for i, p := range people {
			profiles[i] = newProfile(p, span)
		}
		var best Occurrence
		var bestKey [3]int // sum of squared cumulative burdens, burden this week, -people in hours
		found := false
		for s := day.Start; s.Before(day.End); s = s.Add(RotationGrid) {
			iv := Interval{Start: s, End: s.Add(d)}
			costs := make([]Cost, len(people))
			key := [3]int{}
			inHours := 0
			for i := range people {
				costs[i] = profiles[i].cost(iv)
				cum := plan.Totals[i].Burden + costs[i].Burden
				key[0] += cum * cum
				key[1] += costs[i].Burden
				if costs[i].InHours {
					inHours++
				}
			}
			key[2] = -inHours
			if !found || less3(key, bestKey) {
				best, bestKey, found = Occurrence{Interval: iv, Costs: costs}, key, true
			}
		}
		if !found {
			continue // the day does not exist in the viewer's zone (Samoa, 2011-12-30)
		}
		plan.Occurrences = append(plan.Occurrences, best)
		for i, c := range best.Costs {
			t := &plan.Totals[i]
			t.Burden += c.Burden
			t.Outside += c.Outside
			t.Early += c.Early
			t.Late += c.Late
			if c.Outside > 0 {
				t.OutsideCount++
			}
		}
	}
	return plan, nil
}

func less3(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}
