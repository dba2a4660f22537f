package cli

import (
	"errors"
	"time"

	"dev.remotecto/remotecto/calendar"
)

// rotationCalendar is one rotation's shifts in [from, to) as calendar events.
func rotationCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	return calendar.Calendar{}, errors.New("on-call export is not built yet")
}

// memberShiftCalendar is one member's shifts across all rotations in [from, to).
func memberShiftCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	return calendar.Calendar{}, errors.New("on-call export is not built yet")
}
