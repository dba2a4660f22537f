package timezone

import (
	"sort"
	"time"
)

// SuggestGrid is the step between candidate meeting starts. Every zone in use
// today has an offset that is a multiple of 15 minutes, so a 15-minute grid in
// the viewer's zone is a 15-minute grid in everyone's.
const SuggestGrid = 15 * time.Minute

// Attendee is one person's part in a suggested meeting.
type Attendee struct {
	LocalTime
	// End is the meeting's end in the person's zone.
	End time.Time
	// Cost is what the meeting asks of the person.
	Cost Cost
}

// Suggestion is a candidate meeting slot with what it asks of everyone.
type Suggestion struct {
	Interval
	// InHours counts the people inside working hours for the whole meeting.
	InHours int
	// Burden is the sum of everyone's weighted minutes outside working
	// hours (people who are away do not count).
	Burden int
	// People are the attendees in the order given to Suggest.
	People []Attendee
}

// Suggest ranks meeting slots of length d that lie inside win, starting on a
// 15-minute grid from win.Start: most people inside working hours first, then
// the least burden (see Weight), then the earliest. It returns up to limit
// suggestions that do not overlap each other.
func Suggest(people []Person, win Interval, d time.Duration, viewer *time.Location, limit int) []Suggestion {
	d = d.Truncate(time.Minute)
	if d <= 0 || win.Duration() < d || limit <= 0 {
		return nil
	}
	profiles := make([]profile, len(people))
	for i, p := range people {
		profiles[i] = newProfile(p, win)
	}
	var cands []Suggestion
	for s := win.Start; !s.Add(d).After(win.End); s = s.Add(SuggestGrid) {
		cands = append(cands, score(people, profiles, Interval{Start: s, End: s.Add(d)}))
	}
	sort.SliceStable(cands, func(i, j int) bool { return better(cands[i], cands[j]) })
	var out []Suggestion
	for _, c := range cands {
		if overlapsAny(out, c.Interval) {
			continue
		}
		out = append(out, c)
		if len(out) == limit {
			break
		}
	}
	for i := range out {
		out[i].People = attendees(people, profiles, out[i].Interval, viewer)
	}
	return out
}

func better(a, b Suggestion) bool {
	if a.InHours != b.InHours {
		return a.InHours > b.InHours
	}
	if a.Burden != b.Burden {
		return a.Burden < b.Burden
	}
	return a.Start.Before(b.Start)
}

func overlapsAny(ss []Suggestion, iv Interval) bool {
	for _, s := range ss {
		if s.Overlaps(iv) {
			return true
		}
	}
	return false
}

func score(people []Person, profiles []profile, iv Interval) Suggestion {
	s := Suggestion{Interval: iv}
	for i := range people {
		c := profiles[i].cost(iv)
		if c.InHours {
			s.InHours++
		}
		s.Burden += c.Burden
	}
	return s
}

func attendees(people []Person, profiles []profile, iv Interval, viewer *time.Location) []Attendee {
	locals := Convert(iv.Start, viewer, people)
	out := make([]Attendee, len(people))
	for i, p := range people {
		out[i] = Attendee{LocalTime: locals[i], End: iv.End.In(p.loc()), Cost: profiles[i].cost(iv)}
		out[i].InHours = out[i].Cost.InHours
		out[i].Away = out[i].Cost.Away
	}
	return out
}
