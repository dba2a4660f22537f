// Package oncall holds on-call rotations, overrides and the escalation policy,
// and computes who is on call when. It never imports the UI or storage.
//
// Every query is bounded, so that no input makes it run long or take much
// memory: a query about an instant outside timezone's accepted range
// (timezone.MinInstant to timezone.MaxInstant) has an empty result, at once
// (nobody on call, nobody next, no shifts), and a query about a range looks
// only at the part of it inside the accepted range, and at no more than
// MaxRange of that. Callers that take instants from people check them with
// timezone.CheckInstant to report an error instead, and cut ranges with
// CapRange to say that they did.
package oncall

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

// Sentinel errors of rotation validation, checked with errors.Is.
var (
	ErrEmptyRotationName   = errors.New("rotation name is empty")
	ErrEmptyRotation       = errors.New("rotation has no members")
	ErrBadShift            = errors.New("shift length must be like 12h, 1d or 1w")
	ErrBadOverride         = errors.New("override must end after it starts and name a member")
	ErrOverlappingOverride = errors.New("overrides overlap")
	ErrMissingStart        = errors.New("start date is missing")
)

// Unit is the unit of a shift length.
type Unit byte

// Shift length units: elapsed hours, calendar days and weeks of the rotation's zone.
const (
	Hours Unit = 'h'
	Days  Unit = 'd'
	Weeks Unit = 'w'
)

// ShiftLength is how long one member's shift lasts: N elapsed hours, or N
// calendar days or weeks that follow the wall clock of the rotation's zone.
type ShiftLength struct {
	N    int
	Unit Unit
}

// ParseShiftLength reads "12h", "1d", "2w".
func ParseShiftLength(s string) (ShiftLength, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if len(s) < 2 {
		return ShiftLength{}, fmt.Errorf("shift %s: %w", termsafe.Quote(s), ErrBadShift)
	}
	u := Unit(s[len(s)-1])
	n, err := strconv.Atoi(s[:len(s)-1])
	l := ShiftLength{N: n, Unit: u}
	if err != nil || !l.valid() {
		return ShiftLength{}, fmt.Errorf("shift %s: %w", termsafe.Quote(s), ErrBadShift)
	}
	return l, nil
}

// String formats the length as in the team file ("7d").
func (l ShiftLength) String() string { return strconv.Itoa(l.N) + string(l.Unit) }

// Days returns the length in calendar days for day and week units (0 for hours).
func (l ShiftLength) Days() int {
	switch l.Unit {
	case Days:
		return l.N
	case Weeks:
		return 7 * l.N
	}
	return 0
}

// Override says that Member covers [Start, End) instead of whoever is scheduled.
type Override struct {
	ID     int64
	Member string
	Start  time.Time
	End    time.Time
}

// Interval returns the override's span.
func (o Override) Interval() timezone.Interval { return timezone.Interval{Start: o.Start, End: o.End} }

// Rotation is an ordered list of members who take turns on call.
type Rotation struct {
	ID      int64
	Name    string
	Members []string // member names, in turn order
	Shift   ShiftLength
	Handoff timezone.Clock // wall-clock time of the handoff in Zone
	Zone    string
	Start   timezone.Date // the first shift starts at Handoff on this date
	// Coverage, when set, limits on-call to this daily window of Zone
	// (follow-the-sun); nil means around the clock.
	Coverage  *timezone.Range
	Overrides []Override
}

// Location loads the rotation's zone.
func (r Rotation) Location() (*time.Location, error) { return timezone.LoadZone(r.Zone) }

// Normalize returns a checked copy of the rotation with overrides sorted by
// start. It does not check that members exist; the team does that. Names
// must be one line of valid UTF-8 (termsafe.CheckLine), the start date and
// the overrides must lie in the accepted range of timezone.CheckDate and
// timezone.CheckInstant. Errors name the field and quote the value.
func (r Rotation) Normalize() (Rotation, error) {
	r.Name = strings.TrimSpace(r.Name)
	r.Zone = strings.TrimSpace(r.Zone)
	if r.Name == "" {
		return r, ErrEmptyRotationName
	}
	if err := termsafe.CheckLine("rotation name", r.Name); err != nil {
		return r, err
	}
	name := termsafe.Quote(r.Name)
	if len(r.Members) == 0 {
		return r, fmt.Errorf("rotation %s: %w", name, ErrEmptyRotation)
	}
	members := make([]string, len(r.Members))
	for i, m := range r.Members {
		members[i] = strings.TrimSpace(m)
		if members[i] == "" {
			return r, fmt.Errorf("rotation %s: member %d: %w", name, i+1, ErrEmptyRotation)
		}
		if err := termsafe.CheckLine(fmt.Sprintf("member %d", i+1), members[i]); err != nil {
			return r, fmt.Errorf("rotation %s: %w", name, err)
		}
	}
	r.Members = members
	if !r.Shift.valid() {
		return r, fmt.Errorf("rotation %s: shift %s: %w", name, termsafe.Quote(r.Shift.String()), ErrBadShift)
	}
	if _, err := timezone.LoadZone(r.Zone); err != nil {
		return r, fmt.Errorf("rotation %s: zone %w", name, err)
	}
	if r.Start.IsZero() {
		return r, fmt.Errorf("rotation %s: %w", name, ErrMissingStart)
	}
	if err := timezone.CheckDate("start", r.Start); err != nil {
		return r, fmt.Errorf("rotation %s: %w", name, err)
	}
	if r.Handoff < 0 || r.Handoff >= timezone.MinutesPerDay {
		return r, fmt.Errorf("rotation %s: handoff %s: %w", name, r.Handoff, timezone.ErrBadClock)
	}
	if c := r.Coverage; c != nil && (c.Start < 0 || c.Start >= timezone.MinutesPerDay || c.End < 0 ||
		c.End >= timezone.MinutesPerDay || c.Start == c.End && c.Start != 0) {
		return r, fmt.Errorf("rotation %s: coverage %s: %w", name, c, timezone.ErrBadHours)
	}
	ovs := append([]Override(nil), r.Overrides...)
	for i := range ovs {
		o := &ovs[i]
		o.Member = strings.TrimSpace(o.Member)
		o.Start, o.End = o.Start.UTC(), o.End.UTC()
		if err := termsafe.CheckLine("override member", o.Member); err != nil {
			return r, fmt.Errorf("rotation %s: %w", name, err)
		}
		if o.Member == "" || !o.End.After(o.Start) {
			return r, fmt.Errorf("rotation %s: override %s %s..%s: %w", name, termsafe.Quote(o.Member),
				o.Start.Format(time.RFC3339), o.End.Format(time.RFC3339), ErrBadOverride)
		}
		for _, err := range []error{timezone.CheckInstant("start", o.Start), timezone.CheckInstant("end", o.End)} {
			if err != nil {
				return r, fmt.Errorf("rotation %s: override %s: %w", name, termsafe.Quote(o.Member), err)
			}
		}
	}
	sort.SliceStable(ovs, func(i, j int) bool { return ovs[i].Start.Before(ovs[j].Start) })
	for i := 1; i < len(ovs); i++ {
		if ovs[i].Start.Before(ovs[i-1].End) {
			return r, fmt.Errorf("rotation %s: override of %s from %s and override of %s from %s: %w", name,
				termsafe.Quote(ovs[i-1].Member), ovs[i-1].Start.Format(time.RFC3339),
				termsafe.Quote(ovs[i].Member), ovs[i].Start.Format(time.RFC3339), ErrOverlappingOverride)
		}
	}
	r.Overrides = ovs
	return r, nil
}
