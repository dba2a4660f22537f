package worklog

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// Cadence is how often a member has a 1:1, in weeks; CadenceNone means no
// regular 1:1.
type Cadence int

// The cadences the app offers.
const (
	CadenceNone        Cadence = 0
	CadenceWeekly      Cadence = 1
	CadenceFortnightly Cadence = 2
	CadenceMonthly     Cadence = 4
)

// Cadences lists every cadence in display order.
var Cadences = []Cadence{CadenceNone, CadenceWeekly, CadenceFortnightly, CadenceMonthly}

// ParseCadence reads "1w", "2w", "4w" (or "weekly", "fortnightly",
// "monthly") and "none" or "" for no cadence.
func ParseCadence(s string) (Cadence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "0", "0w":
		return CadenceNone, nil
	case "1w", "weekly":
		return CadenceWeekly, nil
	case "2w", "fortnightly", "biweekly", "every 2 weeks":
		return CadenceFortnightly, nil
	case "4w", "monthly", "every 4 weeks":
		return CadenceMonthly, nil
	}
	return CadenceNone, fmt.Errorf("cadence %q: %w", s, ErrBadCadence)
}

// String returns the short form: "none", "1w", "2w" or "4w".
func (c Cadence) String() string {
	if c == CadenceNone {
		return "none"
	}
	return fmt.Sprintf("%dw", int(c))
}

// Label returns the cadence in words: "weekly", "every 2 weeks", "monthly".
func (c Cadence) Label() string {
	switch c {
	case CadenceNone:
		return "none"
	case CadenceWeekly:
		return "weekly"
	case CadenceMonthly:
		return "monthly"
	}
	return fmt.Sprintf("every %d weeks", int(c))
}

// Valid reports whether c is one of Cadences.
func (c Cadence) Valid() bool {
	for _, k := range Cadences {
		if c == k {
			return true
		}
	}
	return false
}

// Schedule is a member's 1:1 rhythm: the cadence, the agreed local time in
// the member's zone, the meeting length and when the last 1:1 was.
type Schedule struct {
	MemberID int64
	Member   string
	Zone     string // the member's IANA zone
	Cadence  Cadence
	MeetAt   timezone.Clock // agreed local time in Zone
	Minutes  int            // meeting length
	Last     time.Time      // the last 1:1; zero when there was none
	Count    int            // how many 1:1s there were
}

// DefaultMeetAt and DefaultMinutes are the agreed time and length of a new cadence.
const (
	DefaultMeetAt  = timezone.Clock(10 * 60)
	DefaultMinutes = 30
)

// Location returns the member's zone. Storage refuses a member whose zone is
// unknown, so UTC stands only for a schedule built without a zone.
func (s Schedule) Location() *time.Location {
	loc, err := timezone.LoadZone(s.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Due is when a member's next 1:1 is due.
type Due struct {
	// Next is the day the next 1:1 is due in the member's zone; zero when
	// the member has no cadence.
	Next timezone.Date
	// Overdue is set when that day has passed in the member's zone.
	Overdue bool
	// DaysLate counts the days since Next when Overdue.
	DaysLate int
}

// DueAt computes when the next 1:1 is due at now. Dates are counted on the
// member's wall calendar, so a weekly 1:1 stays weekly across DST changes:
// the next one is due Cadence weeks after the last one's local date (today
// when there was none), and it is overdue once that local day is over.
func (s Schedule) DueAt(now time.Time) Due {
	if s.Cadence == CadenceNone {
		return Due{}
	}
	loc := s.Location()
	today := timezone.DateOf(now.In(loc))
	next := today
	if !s.Last.IsZero() {
		next = timezone.DateOf(s.Last.In(loc)).AddDays(7 * int(s.Cadence))
	}
	d := Due{Next: next}
	if today.After(next) {
		d.Overdue = true
		d.DaysLate = next.DaysUntil(today)
	}
	return d
}

// NextMeeting returns the start of the next 1:1 at the agreed local time on
// its due day, resolved in the member's zone (a time in a DST gap moves
// forward, one in an overlap takes the first occurrence). ok is false when
// there is no cadence.
func (s Schedule) NextMeeting(now time.Time) (start time.Time, ok bool) {
	d := s.DueAt(now)
	if d.Next.IsZero() {
		return time.Time{}, false
	}
	return timezone.ResolveLocal(d.Next, s.MeetAt, s.Location()), true
}

// SortByDue orders schedules for the members list: overdue first (the most
// late on top), then by the next due day, then members with no cadence; by
// name within each.
func SortByDue(ss []Schedule, now time.Time) {
	keyed := make([]struct {
		s Schedule
		d Due
	}, len(ss))
	for i, s := range ss {
		keyed[i].s, keyed[i].d = s, s.DueAt(now)
	}
	sort.SliceStable(keyed, func(i, j int) bool {
		a, b := keyed[i], keyed[j]
		if a.d.Overdue != b.d.Overdue {
			return a.d.Overdue
		}
		if a.d.Overdue && a.d.DaysLate != b.d.DaysLate {
			return a.d.DaysLate > b.d.DaysLate
		}
		if a.d.Next.IsZero() != b.d.Next.IsZero() {
			return !a.d.Next.IsZero()
		}
		if a.d.Next != b.d.Next {
			return a.d.Next.Before(b.d.Next)
		}
		return strings.ToLower(a.s.Member) < strings.ToLower(b.s.Member)
	})
	for i := range keyed {
		ss[i] = keyed[i].s
	}
}
