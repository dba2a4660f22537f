package worklog

import (
	"fmt"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// Series is a member's 1:1 cadence as a recurring calendar event: the first
// meeting at the agreed local time in the member's zone, repeating weekly
// every Cadence weeks on the member's wall clock.
type Series struct {
	UID         string // one per member: the same series across exports
	Member      string
	Summary     string
	Description string
	Start       time.Time
	End         time.Time
	Zone        *time.Location
	RRule       string // "FREQ=WEEKLY;INTERVAL=n"
}

// CadenceSeries returns one series per member with a cadence whose first
// 1:1 on or after from starts before to. The series starts at the next due
// 1:1 (stepping on by the cadence when that is before from) and has no end,
// so the exported event changes only when the cadence, the agreed time or
// the next due day does.
func CadenceSeries(ss []Schedule, from, to, now time.Time) []Series {
	var out []Series
	for _, s := range ss {
		first, ok := s.firstMeeting(from, now)
		if !ok || !first.Before(to) {
			continue
		}
		loc := s.Location()
		out = append(out, Series{
			UID:     fmt.Sprintf("one-on-one-%d@remotecto", s.MemberID),
			Member:  s.Member,
			Summary: "1:1 with " + s.Member,
			Description: fmt.Sprintf("1:1 with %s, %s at %s %s (%d minutes).", s.Member, s.Cadence.Label(),
				s.MeetAt, loc.String(), s.Minutes),
			Start: first,
			End:   first.Add(time.Duration(s.Minutes) * time.Minute),
			Zone:  loc,
			RRule: fmt.Sprintf("FREQ=WEEKLY;INTERVAL=%d", int(s.Cadence)),
		})
	}
	return out
}

// firstMeeting is the first 1:1 of the series from the next due day that
// does not start before from.
func (s Schedule) firstMeeting(from, now time.Time) (time.Time, bool) {
	d := s.DueAt(now)
	if d.Next.IsZero() {
		return time.Time{}, false
	}
	loc := s.Location()
	day := d.Next
	step := 7 * int(s.Cadence)
	if gap := day.DaysUntil(timezone.DateOf(from.In(loc))); gap > step {
		day = day.AddDays(gap / step * step) // jump close to from
	}
	start := timezone.ResolveLocal(day, s.MeetAt, loc)
	for start.Before(from) {
		day = day.AddDays(step)
		start = timezone.ResolveLocal(day, s.MeetAt, loc)
	}
	return start, true
}
