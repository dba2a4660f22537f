// Package oncall holds on-call rotations, overrides and the escalation policy,
// and computes who is on call when. It never imports the UI or storage.
package oncall

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

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
		return ShiftLength{}, fmt.Errorf("shift %q: %w", s, ErrBadShift)
	}
	u := Unit(s[len(s)-1])
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || (u != Hours && u != Days && u != Weeks) ||
		(u == Hours && n > 24*366) || (u != Hours && n > 366) {
		return ShiftLength{}, fmt.Errorf("shift %q: %w", s, ErrBadShift)
	}
	return ShiftLength{N: n, Unit: u}, nil
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
// start. It does not check that members exist; the team does that.
func (r Rotation) Normalize() (Rotation, error) {
	r.Name = strings.TrimSpace(r.Name)
	r.Zone = strings.TrimSpace(r.Zone)
	if r.Name == "" {
		return r, ErrEmptyRotationName
	}
	if len(r.Members) == 0 {
		return r, fmt.Errorf("rotation %q: %w", r.Name, ErrEmptyRotation)
	}
	members := make([]string, len(r.Members))
	for i, m := range r.Members {
		members[i] = strings.TrimSpace(m)
		if members[i] == "" {
			return r, fmt.Errorf("rotation %q: member %d: %w", r.Name, i+1, ErrEmptyRotation)
		}
	}
	r.Members = members
	if !r.Shift.valid() {
		return r, fmt.Errorf("rotation %q: shift %q: %w", r.Name, r.Shift.String(), ErrBadShift)
	}
	if _, err := timezone.LoadZone(r.Zone); err != nil {
		return r, fmt.Errorf("rotation %q: zone %w", r.Name, err)
	}
	if r.Start.IsZero() {
		return r, fmt.Errorf("rotation %q: %w", r.Name, ErrMissingStart)
	}
	if r.Handoff < 0 || r.Handoff >= timezone.MinutesPerDay {
		return r, fmt.Errorf("rotation %q: handoff %s: %w", r.Name, r.Handoff, timezone.ErrBadClock)
	}
	ovs := append([]Override(nil), r.Overrides...)
	for i := range ovs {
		ovs[i].Member = strings.TrimSpace(ovs[i].Member)
		ovs[i].Start, ovs[i].End = ovs[i].Start.UTC(), ovs[i].End.UTC()
		if ovs[i].Member == "" || !ovs[i].End.After(ovs[i].Start) {
			return r, fmt.Errorf("rotation %q: override %q %s..%s: %w", r.Name, ovs[i].Member,
				ovs[i].Start.Format(time.RFC3339), ovs[i].End.Format(time.RFC3339), ErrBadOverride)
		}
	}
	sort.SliceStable(ovs, func(i, j int) bool { return ovs[i].Start.Before(ovs[j].Start) })
	for i := 1; i < len(ovs); i++ {
		if ovs[i].Start.Before(ovs[i-1].End) {
			return r, fmt.Errorf("rotation %q: override of %q from %s and override of %q from %s: %w", r.Name,
				ovs[i-1].Member, ovs[i-1].Start.Format(time.RFC3339),
				ovs[i].Member, ovs[i].Start.Format(time.RFC3339), ErrOverlappingOverride)
		}
	}
	r.Overrides = ovs
	return r, nil
}
