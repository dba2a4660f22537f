package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

// meetingCalendar is the saved meeting series in [from, to): one event per
// occurrence, written in the zone the series was planned in.
func meetingCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	cal := calendar.Calendar{Name: "Meetings"}
	db, err := c.DB()
	if err != nil {
		return cal, err
	}
	series, err := db.MeetingSeries(context.Background())
	if err != nil {
		return cal, err
	}
	for _, s := range series {
		evs, err := meetingEvents(s, from, to)
		if err != nil {
			return cal, err
		}
		cal.Events = append(cal.Events, evs...)
	}
	return cal, nil
}

// meetingEvents turns the occurrences of s that overlap [from, to) into
// events. Each occurrence keeps its UID across exports (the series' UID and
// its position), so a calendar that imported an earlier export updates it.
func meetingEvents(s store.MeetingSeries, from, to time.Time) ([]calendar.Event, error) {
	loc, err := timezone.LoadZone(s.Zone)
	if err != nil {
		return nil, fmt.Errorf("meeting %q: zone %w", s.Title, err)
	}
	window := timezone.Interval{Start: from, End: to}
	var out []calendar.Event
	for i, iv := range s.Occurrences {
		if !iv.Overlaps(window) {
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
