package cli

import (
	"time"

	"dev.remotecto/remotecto/calendar"
)

// meetingCalendar is the saved meeting series in [from, to).
func meetingCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	return calendar.Calendar{Name: "Meetings"}, nil
}
