package cli

import (
	"context"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
)

// oneOnOneCalendar is every member's 1:1 cadence as a recurring event at the
// agreed local time in the member's zone, from the next 1:1 due on or after
// from (calfeed.OneOnOneCalendar).
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
	return calfeed.OneOnOneCalendar(ss, from, to, c.Now()), nil
}
