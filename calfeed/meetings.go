package calfeed

import (
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// MeetingEvents returns one event per occurrence of s that overlaps
// [from, to); a zero from or to leaves that side open. Times are written in
// the zone the series was planned in (TZID). Each occurrence keeps its UID
// across exports (the series' UID and its position), so a calendar that
// imported an earlier export updates it instead of adding a copy.
func MeetingEvents(s team.MeetingSeries, from, to time.Time) ([]calendar.Event, error) {
	loc, err := timezone.LoadZone(s.Zone)
	if err != nil {
		return nil, fmt.Errorf("meeting %q: zone %w", s.Title, err)
	}
	var out []calendar.Event
	for i, iv := range s.Occurrences {
		if (!from.IsZero() && !iv.End.After(from)) || (!to.IsZero() && !iv.Start.Before(to)) {
			continue
		}
		desc := ""
		if len(s.Members) > 0 {
			desc = "With " + strings.Join(s.Members, ", ")
		}
		if len(s.Occurrences) > 1 {
			desc = strings.TrimSpace(fmt.Sprintf("Occurrence %d of %d. %s", i+1, len(s.Occurrences), desc))
		}
		out = append(out, calendar.Event{
			UID:         fmt.Sprintf("%s-%d@remotecto", s.UID, i+1),
			Summary:     s.Title,
			Description: desc,
			Start:       iv.Start.In(loc),
			End:         iv.End.In(loc),
			Zone:        loc,
			Categories:  []string{"Meeting"},
			Sequence:    s.Sequence,
		})
	}
	return out, nil
}

// MeetingCalendar returns the events of every series in [from, to), in one
// calendar.
func MeetingCalendar(series []team.MeetingSeries, from, to time.Time) (calendar.Calendar, error) {
	cal := calendar.Calendar{Name: "Meetings"}
	for _, s := range series {
		evs, err := MeetingEvents(s, from, to)
		if err != nil {
			return cal, err
		}
		cal.Events = append(cal.Events, evs...)
	}
	return cal, nil
}
