package reminders

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// Sentinel errors of the settings and the range, checked with errors.Is.
// An unknown member or rotation is reported with team.ErrUnknownMember and
// team.ErrUnknownRotation, an unknown zone with timezone.ErrUnknownZone.
var (
	ErrUnknownKind = errors.New("reminder kind must be shift-start, handoff, one-on-one, action-due or review-due")
	ErrBadLead     = errors.New("lead time must be whole minutes from 0 to 7 days, each given once")
	ErrBadQuiet    = errors.New("quiet hours must start and end at different times of day, like 22:00-07:00")
	ErrBadRange    = errors.New("range must end after it starts and span at most 366 days")
)

// Kind is what a reminder is about.
type Kind string

// The kinds of reminder.
const (
	// ShiftStart: a shift of mine starts (once per lead time).
	ShiftStart Kind = "shift-start"
	// Handoff: the person on call changes in a rotation I follow.
	Handoff Kind = "handoff"
	// OneOnOne: a 1:1 is due today.
	OneOnOne Kind = "one-on-one"
	// ActionDue: an open action item is due tomorrow.
	ActionDue Kind = "action-due"
	// ReviewDue: the escalation protocol is due for review today.
	ReviewDue Kind = "review-due"
)

// Kinds lists every kind in the order reminders of one instant are sorted.
var Kinds = []Kind{ShiftStart, Handoff, OneOnOne, ActionDue, ReviewDue}

// ParseKind reads a kind name (case-insensitive).
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Kinds, k) {
		return "", fmt.Errorf("kind %q: %w", s, ErrUnknownKind)
	}
	return k, nil
}

// rank is the kind's place in Kinds, for sorting.
func (k Kind) rank() int { return slices.Index(Kinds, k) }

// DefaultLeads are the shift lead times used when Settings.Leads is empty:
// one hour before a shift of mine starts, and when it starts.
var DefaultLeads = []time.Duration{time.Hour, 0}

// MaxLead is the longest lead time a shift reminder may have.
const MaxLead = 7 * 24 * time.Hour

// Settings are a member's choices about reminders. The zero value is usable:
// every kind on, the default lead times, handoffs of the rotations I am a
// member of, no quiet hours.
type Settings struct {
	// Off turns kinds off; a kind that is not in the map (or maps to false)
	// is on, so a kind added in a later version starts on.
	Off map[Kind]bool
	// Leads are how long before a shift of mine starts I am told, in whole
	// minutes of elapsed time; 0 means when it starts. Empty means
	// DefaultLeads.
	Leads []time.Duration
	// Follow names the rotations whose handoffs I am told of. Empty means
	// the rotations I am a member of (every rotation when Input.Me is
	// empty); to follow none, turn the Handoff kind off.
	Follow []string
	// Quiet, when set, is a daily span of my zone in which reminders are
	// held back until it ends (the end of 22:00-07:00 is 07:00 of the next
	// day). Shift-start reminders are never held back: being on call goes
	// before quiet hours, and a held-back lead reminder would arrive after
	// the shift it announces.
	Quiet *timezone.Range
}

// DefaultSettings returns the settings of a new user: every kind on, shift
// reminders one hour before and at the start, handoffs of the rotations I am
// a member of, and quiet hours from 22:00 to 07:00 in my zone.
func DefaultSettings() Settings {
	q := timezone.Range{Start: timezone.MustClock("22:00"), End: timezone.MustClock("07:00")}
	return Settings{Leads: slices.Clone(DefaultLeads), Quiet: &q}
}

// On reports whether reminders of kind k are on.
func (s Settings) On(k Kind) bool { return !s.Off[k] }

// leads returns the lead times in force, longest first.
func (s Settings) leads() []time.Duration {
	ls := s.Leads
	if len(ls) == 0 {
		ls = DefaultLeads
	}
	out := slices.Clone(ls)
	slices.SortFunc(out, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return out
}

// Check reports the first setting that is out of range: an unknown kind in
// Off, a lead time that is negative, longer than MaxLead, not whole minutes or
// given twice, or quiet hours that are empty or out of the day. Follow is
// checked against the team by List.
func (s Settings) Check() error {
	for k := range s.Off {
		if !slices.Contains(Kinds, k) {
			return fmt.Errorf("settings: kind %q: %w", string(k), ErrUnknownKind)
		}
	}
	for i, l := range s.Leads {
		if l < 0 || l > MaxLead || l%time.Minute != 0 || slices.Contains(s.Leads[:i], l) {
			return fmt.Errorf("settings: lead time %s: %w", l, ErrBadLead)
		}
	}
	if q := s.Quiet; q != nil {
		end := q.End % timezone.MinutesPerDay
		if q.Start < 0 || q.Start >= timezone.MinutesPerDay || q.End < 0 || q.End > timezone.MinutesPerDay || q.Start == end {
			return fmt.Errorf("settings: quiet hours %s: %w", q, ErrBadQuiet)
		}
	}
	return nil
}

// quietEnd returns when the quiet hours that hold instant t end, in zone
// loc; ok is false when t is not in quiet hours (or there are none). The
// quiet span of each local day is resolved with ResolveLocal, so a DST
// change inside it makes it an hour shorter or longer.
func (s Settings) quietEnd(t time.Time, loc *time.Location) (end time.Time, ok bool) {
	if s.Quiet == nil {
		return time.Time{}, false
	}
	q := timezone.Range{Start: s.Quiet.Start, End: s.Quiet.End % timezone.MinutesPerDay}
	d := timezone.DateOf(t.In(loc))
	for _, day := range []timezone.Date{d.AddDays(-1), d} {
		if iv := q.On(day, loc); iv.Contains(t) {
			return iv.End.UTC(), true
		}
	}
	return time.Time{}, false
}
