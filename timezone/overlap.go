package timezone

import (
	"cmp"
	"slices"
	"sort"
	"time"
)

// Person is what the overlap planner knows of one member: a name, a zone,
// working hours, wider acceptable hours and the spans when they are away.
type Person struct {
	Name string
	Loc  *time.Location // nil is read as UTC
	// Hours are the working hours in Loc.
	Hours WeekHours
	// Acceptable are wider hours the person is willing to meet in; they are
	// read as including Hours.
	Acceptable WeekHours
	// Away are spans of time off (holidays, out of office), any order.
	Away []Interval
}

// DayWindow returns the local day d of zone loc as instants:
// [d 00:00, d+1 00:00), 23 or 25 hours long on a DST change day.
func DayWindow(d Date, loc *time.Location) Interval {
	return Interval{Start: d.Midnight(loc), End: d.AddDays(1).Midnight(loc)}
}

// WeekWindow returns the seven local days starting on d in zone loc.
func WeekWindow(d Date, loc *time.Location) Interval {
	return Interval{Start: d.Midnight(loc), End: d.AddDays(7).Midnight(loc)}
}

// Working returns the instants inside win when p is in working hours and not
// away: merged, sorted, clipped to win. Hours that cross midnight belong to the
// day they start on, so Monday 22:00-06:00 covers Tuesday 00:00-06:00.
func (p Person) Working(win Interval) []Interval {
	return clip(SubtractIntervals(p.Hours.Intervals(p.loc(), win.Start, win.End), p.away()), win)
}

// AcceptableOnly returns the instants inside win that are in p's acceptable
// hours but not in working hours, excluding time away.
func (p Person) AcceptableOnly(win Interval) []Interval {
	hours := p.Hours.Intervals(p.loc(), win.Start, win.End)
	wide := MergeIntervals(append(p.Acceptable.Intervals(p.loc(), win.Start, win.End), hours...))
	return clip(SubtractIntervals(SubtractIntervals(wide, hours), p.away()), win)
}

// AwayIn returns p's time away that falls inside win, merged.
func (p Person) AwayIn(win Interval) []Interval { return clip(p.away(), win) }

func (p Person) away() []Interval { return MergeIntervals(p.Away) }

// loc is the person's zone; a person without one is read as UTC rather than
// crash the planner.
func (p Person) loc() *time.Location {
	if p.Loc == nil {
		return time.UTC
	}
	return p.Loc
}

// clip intersects merged intervals with win.
func clip(ivs []Interval, win Interval) []Interval {
	var out []Interval
	for _, iv := range ivs {
		if c := iv.Intersect(win); !c.IsEmpty() {
			out = append(out, c)
		}
	}
	return out
}

// Band is one person's availability over a window, for drawing: working
// hours, acceptable-only hours and time away, each merged and clipped.
type Band struct {
	Name       string
	Loc        *time.Location
	Working    []Interval
	Acceptable []Interval
	Away       []Interval
}

// Bands returns each person's availability over win, in the order given.
func Bands(people []Person, win Interval) []Band {
	out := make([]Band, len(people))
	for i, p := range people {
		out[i] = Band{Name: p.Name, Loc: p.loc(), Working: p.Working(win),
			Acceptable: p.AcceptableOnly(win), Away: p.AwayIn(win)}
	}
	return out
}

// Windows returns the maximal intervals inside win when every person is in
// working hours and none is away, sorted. With no people the whole window is
// returned (nobody is missing).
func Windows(people []Person, win Interval) []Interval {
	if win.IsEmpty() {
		return nil
	}
	out := []Interval{win}
	for _, p := range people {
		out = intersectAll(out, p.Working(win))
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// intersectAll intersects two merged interval lists.
func intersectAll(a, b []Interval) []Interval {
	var out []Interval
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if c := a[i].Intersect(b[j]); !c.IsEmpty() {
			out = append(out, c)
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return out
}

// Slot is a span with the same people available throughout.
type Slot struct {
	Interval
	// names are all the people's names, sorted; in marks who is available,
	// bit k standing for names[k].
	names []string
	in    []uint64
	count int
}

// Count is the number of people available in the slot.
func (s Slot) Count() int { return s.count }

// Members returns the names of the people available, sorted.
func (s Slot) Members() []string { return s.pick(true) }

// Missing returns the names of the people not available, sorted.
func (s Slot) Missing() []string { return s.pick(false) }

// Available reports whether the person of that name is available in the
// slot, in time logarithmic in the number of people (Members builds the
// whole list: asking it once per person costs the square of the team).
func (s Slot) Available(name string) bool {
	for k := sort.SearchStrings(s.names, name); k < len(s.names) && s.names[k] == name; k++ {
		if s.in[k/64]&(1<<(k%64)) != 0 {
			return true
		}
	}
	return false
}

func (s Slot) pick(available bool) []string {
	n := s.count
	if !available {
		n = len(s.names) - s.count
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for k, name := range s.names {
		if (s.in[k/64]&(1<<(k%64)) != 0) == available {
			out = append(out, name)
		}
	}
	return out
}

// Coverage splits win into maximal intervals of unchanging availability
// (working hours, not away), in order, covering all of win. A slot may have no
// one available.
func Coverage(people []Person, win Interval) []Slot {
	if win.IsEmpty() {
		return nil
	}
	// Edges carry instants as Unix nanoseconds: no pointers, so sorting and
	// copying them is cheap (they are clipped to win, well inside int64).
	type edge struct {
		at    int64
		rank  int32 // position of the person in name order
		start bool
	}
	order := sortedByName(people)
	names := make([]string, len(people))
	var edges []edge
	for k, i := range order {
		names[k] = people[i].Name
		for _, iv := range people[i].Working(win) {
			edges = append(edges, edge{iv.Start.UnixNano(), int32(k), true}, edge{iv.End.UnixNano(), int32(k), false})
		}
	}
	slices.SortFunc(edges, func(a, b edge) int { return cmp.Compare(a.at, b.at) })
	words := (len(people) + 63) / 64
	cur := make([]uint64, words)
	// Every slot's bit set is cut from one arena sized for the most slots
	// there can be, so it never grows and earlier slots stay valid.
	arena := make([]uint64, 0, words*(len(edges)+1))
	out := make([]Slot, 0, len(edges)+1)
	count := 0
	from := win.Start
	emit := func(end time.Time) {
		if !from.Before(end) {
			return
		}
		if n := len(out); n > 0 && sameBits(out[n-1].in, cur) {
			out[n-1].End = end
		} else {
			arena = append(arena, cur...)
			out = append(out, Slot{Interval: Interval{Start: from, End: end}, names: names,
				in: arena[len(arena)-words : len(arena) : len(arena)], count: count})
		}
		from = end
	}
	for j := 0; j < len(edges); {
		at := edges[j].at
		emit(time.Unix(0, at).In(win.Start.Location()))
		for ; j < len(edges) && edges[j].at == at; j++ {
			k := int(edges[j].rank)
			bit := uint64(1) << (k % 64)
			was := cur[k/64]&bit != 0
			switch {
			case edges[j].start && !was:
				cur[k/64] |= bit
				count++
			case !edges[j].start && was:
				cur[k/64] &^= bit
				count--
			}
		}
	}
	emit(win.End)
	return out
}

// sortedByName returns the indexes of people ordered by name.
func sortedByName(people []Person) []int {
	idx := make([]int, len(people))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return people[idx[a]].Name < people[idx[b]].Name })
	return idx
}

func sameBits(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BestPartial returns up to limit slots of win where the most people are
// available, for when no window has everyone: ranked by people available
// (most first), then length (longest first), then start. Slots with nobody
// available are left out.
func BestPartial(people []Person, win Interval, limit int) []Slot {
	var out []Slot
	for _, s := range Coverage(people, win) {
		if s.Count() > 0 {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count() != b.Count() {
			return a.Count() > b.Count()
		}
		if a.Duration() != b.Duration() {
			return a.Duration() > b.Duration()
		}
		return a.Start.Before(b.Start)
	})
	if limit >= 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
