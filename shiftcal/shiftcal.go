// Package shiftcal turns on-call shifts into calendar events: a whole
// rotation, or one member's shifts across every rotation. The command line
// and the GUI export through it, so both write the same events.
package shiftcal

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
)

// Sentinel errors, checked with errors.Is.
var (
	ErrUnknownRotation = errors.New("no rotation of that name")
	ErrUnknownMember   = errors.New("no member of that name")
)

// Team is what an export reads: the rotations, the members (for contacts)
// and the escalation policy (for the description).
type Team struct {
	Rotations []oncall.Rotation
	Members   []roster.Member
	Policy    oncall.Policy
}

// RotationCalendar returns one event per shift of the named rotation
// (case-insensitive) that overlaps [from, to).
func RotationCalendar(t Team, name string, from, to time.Time) (calendar.Calendar, error) {
	for _, r := range t.Rotations {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			cal := calendar.Calendar{Name: "On call: " + r.Name}
			for _, s := range oncall.Shifts(r, from, to) {
				cal.Events = append(cal.Events, t.Event(s))
			}
			return cal, nil
		}
	}
	return calendar.Calendar{}, fmt.Errorf("rotation %q: %w", name, ErrUnknownRotation)
}

// MemberCalendar returns one event per shift of the named member
// (case-insensitive), across every rotation, that overlaps [from, to).
func MemberCalendar(t Team, name string, from, to time.Time) (calendar.Calendar, error) {
	m, ok := roster.FindMember(t.Members, name)
	if !ok {
		return calendar.Calendar{}, fmt.Errorf("member %q: %w", name, ErrUnknownMember)
	}
	cal := calendar.Calendar{Name: "On call: " + m.Name}
	for _, r := range t.Rotations {
		for _, s := range oncall.Shifts(r, from, to) {
			if strings.EqualFold(s.Member, m.Name) {
				cal.Events = append(cal.Events, t.Event(s))
			}
		}
	}
	sort.SliceStable(cal.Events, func(i, j int) bool { return cal.Events[i].Start.Before(cal.Events[j].Start) })
	return cal, nil
}

// UID is the shift's stable identity: "shift-<rotation>-<start>@remotecto",
// with the rotation name lower-cased and URL-escaped and the start in UTC as
// 20060102T150405Z. A rotation never has two entries starting at the same
// instant, so a re-export of the same shift keeps its UID even when its
// member changes.
func UID(s oncall.Shift) string {
	return "shift-" + url.QueryEscape(strings.ToLower(s.Rotation)) + "-" + s.Start.UTC().Format("20060102T150405Z") + "@remotecto"
}

// Event turns a shift into a transparent calendar event (it does not block
// the calendar as busy) whose description holds the member's contacts and
// the escalation chain as it stands when the shift starts.
func (t Team) Event(s oncall.Shift) calendar.Event {
	return calendar.Event{
		UID:         UID(s),
		Summary:     fmt.Sprintf("On call: %s (%s)", s.Member, s.Rotation),
		Description: t.description(s),
		Start:       s.Start.UTC(),
		End:         s.End.UTC(),
		Transparent: true,
		Categories:  []string{"On call"},
	}
}

func (t Team) description(s oncall.Shift) string {
	var b strings.Builder
	kind := "on call"
	if s.Override {
		kind = "on call (override)"
	}
	fmt.Fprintf(&b, "%s is %s for %s from %s to %s UTC.\n", s.Member, kind, s.Rotation,
		s.Start.UTC().Format("2006-01-02 15:04"), s.End.UTC().Format("2006-01-02 15:04"))
	if m, ok := roster.FindMember(t.Members, s.Member); ok {
		if c := Contacts(m); c != "" {
			fmt.Fprintf(&b, "Contact %s: %s\n", m.Name, c)
		}
	}
	if len(t.Policy.Levels) > 0 {
		esc := oncall.Resolve(t.Policy, t.Rotations, func(n string) bool { _, ok := roster.FindMember(t.Members, n); return ok }, s.Start)
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
				if m, ok := roster.FindMember(t.Members, n); ok {
					if c := Contacts(m); c != "" {
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
	return strings.TrimRight(b.String(), "\n")
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
