package cli

import (
	"context"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/worklog"
)

// oneOnOneCalendar is every member's 1:1 cadence as a recurring event at the
// agreed local time in the member's zone (TZID, so it stays at that wall time
// across DST), from the next 1:1 due on or after from. The UID is one per
// member, so re-importing an export after the cadence or the time changed
// updates the series.
func oneOnOneCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	cal := calendar.Calendar{Name: "1:1s"}
	db, err := c.DB()
	if err != nil {
		return cal, err
	}
	ss, err := db.OneOnOneSchedules(context.Background())
	if err != nil {
		return cal, err
	}
	cal.Events = cadenceEvents(ss, from, to, c.Now())
	return cal, nil
}

// cadenceEvents turns the members' 1:1 cadences into calendar events.
func cadenceEvents(ss []worklog.Schedule, from, to, now time.Time) []calendar.Event {
	var out []calendar.Event
	for _, s := range worklog.CadenceSeries(ss, from, to, now) {
		out = append(out, calendar.Event{UID: s.UID, Summary: s.Summary, Description: s.Description,
			Start: s.Start, End: s.End, Zone: s.Zone, RRule: s.RRule, Categories: []string{"1:1"}})
	}
	return out
}
