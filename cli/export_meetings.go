package cli

import (
	"context"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
)

// meetingCalendar is the saved meeting series in [from, to): one event per
// occurrence, written in the zone the series was planned in.
func meetingCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	db, err := c.DB()
	if err != nil {
		return calendar.Calendar{}, err
	}
	series, err := db.MeetingSeries(context.Background())
	if err != nil {
		return calendar.Calendar{}, err
	}
	return calfeed.MeetingCalendar(series, from, to)
}
