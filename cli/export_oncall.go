package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/shiftcal"
	"dev.remotecto/remotecto/store"
)

// rotationCalendar is one rotation's shifts in [from, to) as calendar events.
func rotationCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	t, err := shiftTeam(c)
	if err != nil {
		return calendar.Calendar{}, err
	}
	cal, err := shiftcal.RotationCalendar(t, name, from, to)
	if errors.Is(err, shiftcal.ErrUnknownRotation) {
		return cal, fmt.Errorf("--rotation %w", err)
	}
	return cal, err
}

// memberShiftCalendar is one member's shifts across all rotations in [from, to).
func memberShiftCalendar(c *Context, name string, from, to time.Time) (calendar.Calendar, error) {
	t, err := shiftTeam(c)
	if err != nil {
		return calendar.Calendar{}, err
	}
	cal, err := shiftcal.MemberCalendar(t, name, from, to)
	if errors.Is(err, shiftcal.ErrUnknownMember) {
		return cal, fmt.Errorf("--member %w", err)
	}
	return cal, err
}

func shiftTeam(c *Context) (shiftcal.Team, error) {
	var t shiftcal.Team
	db, err := c.DB()
	if err != nil {
		return t, err
	}
	return loadShiftTeam(db)
}

func loadShiftTeam(db *store.DB) (t shiftcal.Team, err error) {
	ctx := context.Background()
	if t.Rotations, err = db.Rotations(ctx); err != nil {
		return t, err
	}
	if t.Members, err = db.Members(ctx); err != nil {
		return t, err
	}
	t.Policy, err = db.Policy(ctx)
	return t, err
}
