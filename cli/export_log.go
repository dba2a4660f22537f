package cli

import (
	"time"

	"dev.remotecto/remotecto/calendar"
)

// oneOnOneCalendar is every member's 1:1 cadence as recurring events.
func oneOnOneCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	return calendar.Calendar{Name: "1:1s"}, nil
}
