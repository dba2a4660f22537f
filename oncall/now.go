package oncall

import (
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// lookAhead bounds the search for the next shift: a rotation with nobody
// scheduled for longer than this has no "next" person.
const lookAhead = 2 * 366 * 24 * time.Hour

// OnCallAt returns the entry of rotation r in force at instant t (with
// overrides and the coverage window applied); ok is false when nobody is on
// call at t, and for every t outside [timezone.MinInstant,
// timezone.MaxInstant).
func OnCallAt(r Rotation, t time.Time) (s Shift, ok bool) {
	for _, sh := range Shifts(r, t, t.Add(time.Nanosecond)) {
		if sh.Contains(t) {
			return sh, true
		}
	}
	return Shift{}, false
}

// NextShift returns the first entry of rotation r that starts at or after t,
// looking at most two years ahead and not beyond timezone.MaxInstant. For t
// outside the accepted range it returns false at once.
func NextShift(r Rotation, t time.Time) (Shift, bool) {
	if t.Before(timezone.MinInstant) || !t.Before(timezone.MaxInstant) {
		return Shift{}, false
	}
	const step = 7 * 24 * time.Hour
	for from := t; from.Sub(t) < lookAhead && from.Before(timezone.MaxInstant); from = from.Add(step) {
		for _, sh := range Shifts(r, from, from.Add(step)) {
			if !sh.Start.Before(t) {
				return sh, true
			}
		}
	}
	return Shift{}, false
}

// Status is who is on call in one rotation at an instant.
type Status struct {
	Rotation string
	// Current is the entry in force; OnCall is false in a gap (before the
	// first handoff, or outside the coverage window).
	Current Shift
	OnCall  bool
	// Next is the entry that follows Current (or ends the gap); HasNext is
	// false when nobody is scheduled within two years.
	Next    Shift
	HasNext bool
}

// Until is when the current state ends: the end of the current entry, or
// the start of the next one in a gap (the zero time when there is none).
func (s Status) Until() time.Time {
	switch {
	case s.OnCall:
		return s.Current.End
	case s.HasNext:
		return s.Next.Start
	}
	return time.Time{}
}

// StatusAt returns who is on call in rotation r at t, until when, and who is
// next. At an instant outside the accepted range nobody is on call and
// nobody is next.
func StatusAt(r Rotation, t time.Time) Status {
	st := Status{Rotation: r.Name}
	st.Current, st.OnCall = OnCallAt(r, t)
	after := t
	if st.OnCall {
		after = st.Current.End
	}
	st.Next, st.HasNext = NextShift(r, after)
	return st
}

// Now returns the status of every rotation at t, in the order given (see
// StatusAt for an instant outside the accepted range).
func Now(rotations []Rotation, t time.Time) []Status {
	out := make([]Status, len(rotations))
	for i, r := range rotations {
		out[i] = StatusAt(r, t)
	}
	return out
}

// Page is one escalation level as it resolves at an instant.
type Page struct {
	// Level numbers the levels from 1.
	Level        int
	AfterMinutes int
	Targets      []Target
	// Members are the people contacted, in target order, without repeats.
	Members []string
	// Unresolved lists the targets that resolve to nobody: a rotation with
	// nobody on call at the instant, or a rotation or member that does not exist.
	Unresolved []Target
}

// Empty reports whether the level pages nobody at all.
func (p Page) Empty() bool { return len(p.Members) == 0 }

// Escalation is the escalation chain as it stands at an instant.
type Escalation struct {
	At       time.Time
	Repeat   int
	Levels   []Page
	Protocol string
}

// Resolve works out who would be paged at each level of policy p at instant
// t: a rotation target is whoever is on call in it at t, a member target is
// that member. known says whether a member name exists (nil: every name does).
func Resolve(p Policy, rotations []Rotation, known func(string) bool, t time.Time) Escalation {
	esc := Escalation{At: t, Repeat: p.Repeat, Protocol: p.Protocol}
	// Only the rotations the policy names are looked at, each once: the
	// cost follows the policy, not the number of rotations.
	onCall := map[string]string{}
	onCallIn := func(name string) string {
		key := strings.ToLower(name)
		if m, ok := onCall[key]; ok {
			return m
		}
		m := ""
		for _, r := range rotations {
			if strings.ToLower(r.Name) == key {
				if sh, ok := OnCallAt(r, t); ok {
					m = sh.Member
				}
				break
			}
		}
		onCall[key] = m
		return m
	}
	for i, l := range p.Levels {
		pg := Page{Level: i + 1, AfterMinutes: l.AfterMinutes, Targets: l.Targets, Members: []string{}}
		seen := map[string]bool{}
		for _, tg := range l.Targets {
			name := ""
			switch tg.Kind {
			case TargetRotation:
				name = onCallIn(tg.Name)
			case TargetMember:
				if known == nil || known(tg.Name) {
					name = tg.Name
				}
			}
			if name == "" {
				pg.Unresolved = append(pg.Unresolved, tg)
				continue
			}
			if !seen[strings.ToLower(name)] {
				seen[strings.ToLower(name)] = true
				pg.Members = append(pg.Members, name)
			}
		}
		esc.Levels = append(esc.Levels, pg)
	}
	return esc
}
