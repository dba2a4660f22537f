package calfeed

import (
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/worklog"
)

// OneOnOneCalendar is every member's 1:1 cadence as a recurring event; see
// OneOnOneEvents.
func OneOnOneCalendar(ss []worklog.Schedule, from, to, now time.Time) calendar.Calendar {
	return calendar.Calendar{Name: "1:1s", Events: OneOnOneEvents(ss, from, to, now)}
}

// OneOnOneEvents turns the members' 1:1 cadences into recurring events at
// the agreed local time in each member's zone (TZID, so they stay at that
// wall time across DST), from the next 1:1 due on or after from
// (worklog.CadenceSeries). The UID is one per member, so re-importing an
// export after the cadence or the time changed updates the series. Members
// without a cadence get no event.
func OneOnOneEvents(ss []worklog.Schedule, from, to, now time.Time) []calendar.Event {
	var out []calendar.Event
	for _, s := range worklog.CadenceSeries(ss, from, to, now) {
		out = append(out, calendar.Event{UID: s.UID, Summary: s.Summary, Description: s.Description,
			Start: s.Start, End: s.End, Zone: s.Zone, RRule: s.RRule, Categories: []string{"1:1"}})
	}
	return out
}
