package calfeed

import (
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// Sentinel errors, checked with errors.Is.
var (
	ErrUnknownRotation = errors.New("no rotation of that name")
	ErrUnknownMember   = errors.New("no member of that name")
)

// RotationCalendar returns one event per shift of the team's rotation of
// that name (case-insensitive) that overlaps [from, to). The team's members
// give the contacts and its policy the escalation chain written into each
// event.
func RotationCalendar(t team.Team, name string, from, to time.Time) (calendar.Calendar, error) {
	r, ok := t.Rotation(name)
	if !ok {
		return calendar.Calendar{}, fmt.Errorf("rotation %q: %w", name, ErrUnknownRotation)
	}
	cal := calendar.Calendar{Name: "On call: " + r.Name}
	f := newShiftFeed(t)
	for _, s := range oncall.Shifts(r, from, to) {
		cal.Events = append(cal.Events, f.event(s))
	}
	return cal, nil
}

// MemberShiftCalendar returns one event per shift of the team's member of
// that name (case-insensitive), across every rotation, that overlaps
// [from, to), sorted by start.
func MemberShiftCalendar(t team.Team, name string, from, to time.Time) (calendar.Calendar, error) {
	m, ok := t.Member(name)
	if !ok {
		return calendar.Calendar{}, fmt.Errorf("member %q: %w", name, ErrUnknownMember)
	}
	cal := calendar.Calendar{Name: "On call: " + m.Name}
	f := newShiftFeed(t)
	for _, r := range t.Rotations {
		for _, s := range oncall.Shifts(r, from, to) {
			if strings.EqualFold(s.Member, m.Name) {
				cal.Events = append(cal.Events, f.event(s))
			}
		}
	}
	sort.SliceStable(cal.Events, func(i, j int) bool { return cal.Events[i].Start.Before(cal.Events[j].Start) })
	return cal, nil
}

// ShiftUID is the shift's stable identity: "shift-<rotation>-<start>@remotecto",
// with the rotation name lower-cased and URL-escaped and the start in UTC as
// 20060102T150405Z. A rotation never has two entries starting at the same
// instant, so a re-export of the same shift keeps its UID even when its
// member changes.
func ShiftUID(s oncall.Shift) string {
	return "shift-" + url.QueryEscape(strings.ToLower(s.Rotation)) + "-" + s.Start.UTC().Format("20060102T150405Z") + "@remotecto"
}

// ShiftEvent turns a shift of the team into a transparent calendar event
// (it does not block the calendar as busy) whose description holds the
// member's contacts and the escalation chain as it stands when the shift
// starts.
func ShiftEvent(t team.Team, s oncall.Shift) calendar.Event {
	return newShiftFeed(t).event(s)
}

// AllShiftsCalendar returns one event per shift of every rotation of the
// team that overlaps [from, to), rotation by rotation: the rotations'
// calendars of RotationCalendar in one, built with one lookup of the
// members and of the escalation chains for all of them.
func AllShiftsCalendar(t team.Team, from, to time.Time) calendar.Calendar {
	// The rotations are shared out among the processors; each worker has
	// its own index and chains and fills its own part of the events.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(t.Rotations)))
	shifts := make([][]oncall.Shift, len(t.Rotations))
	starts := make([]int, len(t.Rotations)+1)
	parallel(workers, len(t.Rotations), func(i int) { shifts[i] = oncall.Shifts(t.Rotations[i], from, to) })
	for i, ss := range shifts {
		starts[i+1] = starts[i] + len(ss)
	}
	cal := calendar.Calendar{Name: "On call", Events: make([]calendar.Event, starts[len(shifts)])}
	// The escalation chain of every start instant, each worked out once
	// (rotations in the same zone hand off at the same instants), shared
	// by the workers once complete.
	var instants []time.Time
	seen := map[int64]bool{}
	for _, ss := range shifts {
		for _, s := range ss {
			if k := s.Start.UnixNano(); !seen[k] {
				seen[k] = true
				instants = append(instants, s.Start)
			}
		}
	}
	chains := make([]string, len(instants))
	parts := make(chan *shiftFeed, workers)
	for w := 0; w < workers; w++ {
		parts <- newShiftFeed(t)
	}
	parallel(workers, len(instants), func(i int) {
		f := <-parts
		chains[i] = f.chain(instants[i])
		parts <- f
	})
	shared := make(map[int64]string, len(instants))
	for i, at := range instants {
		shared[at.UnixNano()] = chains[i]
	}
	feeds := make(chan *shiftFeed, workers)
	for w := 0; w < workers; w++ {
		f := newShiftFeed(t)
		f.chains = shared // only read from here on
		feeds <- f
	}
	parallel(workers, len(shifts), func(i int) {
		f := <-feeds
		for k, s := range shifts[i] {
			cal.Events[starts[i]+k] = f.event(s)
		}
		feeds <- f
	})
	return cal
}

// parallel runs do(0) … do(n-1) on up to workers goroutines and waits.
func parallel(workers, n int, do func(i int)) {
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	wg.Wait()
}

// shiftFeed writes the events of many shifts of one team. Each shift's
// description names its member's contacts and the escalation chain at its
// start: the members are found through an index, not a scan of the team,
// and the chain's text is worked out once per start instant (the shifts of
// rotations that hand off at the same moment share it), so an export costs
// time in proportion to its shifts, whatever the size of the team.
type shiftFeed struct {
	t         team.Team
	members   map[string]int // lower-case name -> index in t.Members
	chains    map[int64]string
	uidPrefix map[string]string // rotation -> the start of its shifts' UIDs
	contact   map[string]string // member -> Contacts
}

func newShiftFeed(t team.Team) *shiftFeed {
	f := &shiftFeed{t: t, members: make(map[string]int, len(t.Members)), chains: map[int64]string{},
		uidPrefix: map[string]string{}, contact: map[string]string{}}
	for i, m := range t.Members {
		k := strings.ToLower(m.Name)
		if _, dup := f.members[k]; !dup {
			f.members[k] = i
		}
	}
	return f
}

// member finds a member by name, case-insensitively, as team.Team.Member
// does.
func (f *shiftFeed) member(name string) (*roster.Member, bool) {
	name = strings.TrimSpace(name)
	if i, ok := f.members[strings.ToLower(name)]; ok && strings.EqualFold(f.t.Members[i].Name, name) {
		return &f.t.Members[i], true
	}
	// Names whose case folds in ways lower-casing does not see.
	for i := range f.t.Members {
		if strings.EqualFold(f.t.Members[i].Name, name) {
			return &f.t.Members[i], true
		}
	}
	return nil, false
}

func (f *shiftFeed) event(s oncall.Shift) calendar.Event {
	return calendar.Event{
		UID:         f.uid(s),
		Summary:     "On call: " + s.Member + " (" + s.Rotation + ")",
		Description: f.description(s),
		Start:       s.Start.UTC(),
		End:         s.End.UTC(),
		Transparent: true,
		Categories:  []string{"On call"},
	}
}

// uid is ShiftUID with the rotation's part of it worked out once.
func (f *shiftFeed) uid(s oncall.Shift) string {
	prefix, ok := f.uidPrefix[s.Rotation]
	if !ok {
		prefix = "shift-" + url.QueryEscape(strings.ToLower(s.Rotation)) + "-"
		f.uidPrefix[s.Rotation] = prefix
	}
	var buf [40]byte
	return prefix + string(s.Start.UTC().AppendFormat(buf[:0], "20060102T150405Z")) + "@remotecto"
}

// description is written without fmt and into one allocation: it is made
// once per shift, tens of thousands of times in a large team's export.
func (f *shiftFeed) description(s oncall.Shift) string {
	chain := strings.TrimRight(f.chain(s.Start), "\n")
	kind := " is on call for "
	if s.Override {
		kind = " is on call (override) for "
	}
	var name, contact string
	if m, ok := f.member(s.Member); ok {
		name, contact = m.Name, f.contacts(m)
	}
	var b strings.Builder
	b.Grow(len(s.Member) + len(kind) + len(s.Rotation) + 48 + len(name) + len(contact) + 12 + len(chain))
	var tb [24]byte
	b.WriteString(s.Member)
	b.WriteString(kind)
	b.WriteString(s.Rotation)
	b.WriteString(" from ")
	b.Write(s.Start.UTC().AppendFormat(tb[:0], "2006-01-02 15:04"))
	b.WriteString(" to ")
	b.Write(s.End.UTC().AppendFormat(tb[:0], "2006-01-02 15:04"))
	b.WriteString(" UTC.")
	if contact != "" {
		b.WriteString("\nContact ")
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(contact)
	}
	if chain != "" {
		b.WriteString("\n")
		b.WriteString(chain)
	}
	return strings.TrimRight(b.String(), "\n") // as a contact could end the text
}

// contacts is Contacts, worked out once per member.
func (f *shiftFeed) contacts(m *roster.Member) string {
	c, ok := f.contact[m.Name]
	if !ok {
		c = Contacts(*m)
		f.contact[m.Name] = c
	}
	return c
}

// chain is the escalation part of a description for a shift starting at.
func (f *shiftFeed) chain(at time.Time) string {
	key := at.UnixNano()
	if c, ok := f.chains[key]; ok {
		return c
	}
	t := f.t
	var b strings.Builder
	if len(t.Policy.Levels) > 0 {
		esc := oncall.Resolve(t.Policy, t.Rotations, func(n string) bool { _, ok := f.member(n); return ok }, at)
		b.WriteString("\nEscalation (as at the start of this shift):\n")
		for _, l := range esc.Levels {
			fmt.Fprintf(&b, "%d. after %d min: ", l.Level, l.AfterMinutes)
			if l.Empty() {
				b.WriteString("nobody resolves\n")
				continue
			}
			parts := make([]string, len(l.Members))
			for i, n := range l.Members {
				parts[i] = n
				if m, ok := f.member(n); ok {
					if c := Contacts(*m); c != "" {
						parts[i] += " (" + c + ")"
					}
				}
			}
			b.WriteString(strings.Join(parts, "; ") + "\n")
		}
		if t.Policy.Repeat > 0 {
			fmt.Fprintf(&b, "Repeat the chain %d more times when nobody answers.\n", t.Policy.Repeat)
		}
	}
	if t.Policy.Protocol != "" {
		fmt.Fprintf(&b, "\nProtocol: %s\n", t.Policy.Protocol)
	}
	f.chains[key] = b.String()
	return f.chains[key]
}

// Contacts joins a member's phone, email and chat handle with commas.
func Contacts(m roster.Member) string {
	var parts []string
	for _, p := range []string{m.Phone, m.Email, m.Chat} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
