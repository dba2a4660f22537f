// Package timezone holds the wall-clock arithmetic of remotecto: times of day,
// working hours, the resolution of local times to instants under the tz
// database's rules, and the overlap planner built on them. It depends on the
// standard library and on internal/termsafe, which quotes values for its
// messages.
package timezone

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
)

// ErrBadClock reports a time of day that is not HH:MM within 00:00..24:00.
var ErrBadClock = errors.New("not a time of day HH:MM")

// MinutesPerDay is the length of a wall-clock day in minutes.
const MinutesPerDay = 24 * 60

// Clock is a time of day as minutes since local midnight, 0 to 1440 inclusive
// (1440 is "24:00", the end of the day).
type Clock int

// ParseClock reads "HH:MM" or "H:MM". "24:00" is accepted as the end of a day.
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return 0, fmt.Errorf("%s: %w", termsafe.Quote(s), ErrBadClock)
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 24 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("%s: hour or minute out of range (00:00 to 24:00): %w", termsafe.Quote(s), ErrBadClock)
	}
	return Clock(hh*60 + mm), nil
}

// ParseTimeOfDay reads a time of day "HH:MM" or "H:MM" from 00:00 to 23:59:
// a moment of a day, such as a handoff or a meeting time, where "24:00" would
// be the next day's midnight.
func ParseTimeOfDay(s string) (Clock, error) {
	c, err := ParseClock(s)
	if err != nil {
		return 0, err
	}
	if c >= MinutesPerDay {
		return 0, fmt.Errorf("%q: a time of day runs from 00:00 to 23:59: %w", s, ErrBadClock)
	}
	return c, nil
}

// MustClock is ParseClock for constants in code and tests; it panics on bad input.
func MustClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// Hour returns the hour part (0..24).
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute part (0..59).
func (c Clock) Minute() int { return int(c) % 60 }

// String formats the clock as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute()) }

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
