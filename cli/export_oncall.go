package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/team"
)

// rotationCalendar is one rotation's shifts in [from, to) as calendar events.
func rotationCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	t, err := storedTeam(c)
	if err != nil {
		return calendar.Calendar{}, err
	}
	cal, err := calfeed.RotationCalendar(t, name, from, to)
	if errors.Is(err, calfeed.ErrUnknownRotation) {
		return cal, fmt.Errorf("--rotation %w", err)
	}
	return cal, err
}

// memberShiftCalendar is one member's shifts across all rotations in [from, to).
func memberShiftCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	t, err := storedTeam(c)
	if err != nil {
		return calendar.Calendar{}, err
	}
	cal, err := calfeed.MemberShiftCalendar(t, name, from, to)
	if errors.Is(err, calfeed.ErrUnknownMember) {
		return cal, fmt.Errorf("--member %w", err)
	}
	return cal, err
}

// storedTeam reads the whole team from the database in one transaction.
func storedTeam(c *Context) (team.Team, error) {
	db, err := c.DB()
	if err != nil {
		return team.Team{}, err
	}
	return db.Team(context.Background())
}
