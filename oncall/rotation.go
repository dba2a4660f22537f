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
	"dev.remotecto/remotecto/validation"
)

// Sentinel errors of rotation validation, checked with errors.Is.
var (
	ErrEmptyRotationName = errors.New("rotation name is empty")
	ErrEmptyRotation     = errors.New("rotation has no members")
	ErrBadShift          = errors.New("shift length must be like 12h, 1d or 1w")
	ErrBadOverride       = errors.New("override must end after it starts and name a member")
	// ErrOverrideSpan and ErrOverrideMember say which half of ErrBadOverride
	// an override broke; both match ErrBadOverride with errors.Is.
	ErrOverrideSpan        = fmt.Errorf("end must be after start: %w", ErrBadOverride)
	ErrOverrideMember      = fmt.Errorf("name the member who covers: %w", ErrBadOverride)
	ErrNoZone              = errors.New("zone: choose a time zone")
	ErrDuplicateRotation   = errors.New("name is used by another rotation")
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
	n, errs := r.Check()
	return n, errs.Err()
}

// Check returns a trimmed copy of the rotation, overrides sorted by start,
// and every broken rule keyed by field: "name", "members", "shift", "zone",
// "start", "handoff", "coverage" and "overrides". Forms show each beside its
// field; Normalize returns the first. Messages begin with the rotation's name
// (when it has one), as the command line prints them.
func (r Rotation) Check() (Rotation, validation.Errors) {
	var errs validation.Errors
	r.Name = strings.TrimSpace(r.Name)
	r.Zone = strings.TrimSpace(r.Zone)
	name := termsafe.Quote(r.Name)
	in := func(err error) error {
		if err == nil || r.Name == "" {
			return err
		}
		return fmt.Errorf("rotation %s: %w", name, err)
	}
	if r.Name == "" {
		errs.Add("name", ErrEmptyRotationName)
	}
	errs.Add("name", termsafe.CheckLine("rotation name", r.Name))
	if len(r.Members) == 0 {
		errs.Add("members", in(ErrEmptyRotation))
	}
	members := make([]string, len(r.Members))
	for i, m := range r.Members {
		members[i] = strings.TrimSpace(m)
		if members[i] == "" {
			errs.Add("members", in(fmt.Errorf("member %d: %w", i+1, ErrEmptyRotation)))
		}
		errs.Add("members", in(termsafe.CheckLine(fmt.Sprintf("member %d", i+1), members[i])))
	}
	r.Members = members
	if !r.Shift.valid() {
		errs.Add("shift", in(fmt.Errorf("shift %s: %w", termsafe.Quote(r.Shift.String()), ErrBadShift)))
	}
	if r.Zone == "" {
		errs.Add("zone", in(ErrNoZone))
	} else if _, err := timezone.LoadZone(r.Zone); err != nil {
		errs.Add("zone", in(fmt.Errorf("zone %w", err)))
	}
	if r.Start.IsZero() {
		errs.Add("start", in(ErrMissingStart))
	} else {
		errs.Add("start", in(timezone.CheckDate("start", r.Start)))
	}
	if r.Handoff < 0 || r.Handoff >= timezone.MinutesPerDay {
		errs.Add("handoff", in(fmt.Errorf("handoff %s: %w", r.Handoff, timezone.ErrBadClock)))
	}
	if c := r.Coverage; c != nil && (c.Start < 0 || c.Start >= timezone.MinutesPerDay || c.End < 0 ||
		c.End >= timezone.MinutesPerDay || c.Start == c.End && c.Start != 0) {
		errs.Add("coverage", in(fmt.Errorf("coverage %s: %w", c, timezone.ErrBadHours)))
	}
	ovs := append([]Override(nil), r.Overrides...)
	for i := range ovs {
		o := &ovs[i]
		o.Member = strings.TrimSpace(o.Member)
		o.Start, o.End = o.Start.UTC(), o.End.UTC()
		errs.Add("overrides", in(o.check()))
	}
	sort.SliceStable(ovs, func(i, j int) bool { return ovs[i].Start.Before(ovs[j].Start) })
	for i := 1; i < len(ovs); i++ {
		if ovs[i].Start.Before(ovs[i-1].End) {
			errs.Add("overrides", in(fmt.Errorf("override of %s from %s and override of %s from %s: %w",
				termsafe.Quote(ovs[i-1].Member), ovs[i-1].Start.Format(time.RFC3339),
				termsafe.Quote(ovs[i].Member), ovs[i].Start.Format(time.RFC3339), ErrOverlappingOverride)))
		}
	}
	r.Overrides = ovs
	return r, errs
}

// overrideError is one half of ErrBadOverride.
type overrideError string

func (e overrideError) Error() string        { return string(e) }
func (e overrideError) Is(target error) bool { return target == ErrBadOverride }

// check validates one override on its own (its member and its span).
func (o Override) check() error {
	if err := termsafe.CheckLine("override member", o.Member); err != nil {
		return err
	}
	switch {
	case o.Member == "":
		return fmt.Errorf("override from %s: %w", o.Start.Format(time.RFC3339), ErrOverrideMember)
	case !o.End.After(o.Start):
		return fmt.Errorf("override of %s from %s to %s: %w", termsafe.Quote(o.Member),
			o.Start.Format(time.RFC3339), o.End.Format(time.RFC3339), ErrOverrideSpan)
	}
	for _, err := range []error{timezone.CheckInstant("start", o.Start), timezone.CheckInstant("end", o.End)} {
		if err != nil {
			return fmt.Errorf("override %s: %w", termsafe.Quote(o.Member), err)
		}
	}
	return nil
}

// CheckUniqueName checks that no other rotation (another ID, or any
// rotation when r is not saved yet) has r's name, in any case.
func CheckUniqueName(rotations []Rotation, r Rotation) error {
	name := strings.TrimSpace(r.Name)
	for _, o := range rotations {
		if strings.EqualFold(o.Name, name) && (r.ID == 0 || o.ID != r.ID) {
			return fmt.Errorf("rotation %s: %w", termsafe.Quote(name), ErrDuplicateRotation)
		}
	}
	return nil
}
