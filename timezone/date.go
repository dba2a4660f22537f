package timezone

import (
	"errors"
	"fmt"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
)

// ErrBadDate reports a date that is not YYYY-MM-DD.
var ErrBadDate = errors.New("not a date YYYY-MM-DD")

// Date is a civil date with no zone: a day on a wall calendar.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD and refuses dates that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%s: %w", termsafe.Quote(s), ErrBadDate)
	}
	return DateOf(t), nil
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.key() < e.key() }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.key() > e.key() }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	// Whole seconds between two noons in UTC, so that dates centuries
	// apart (beyond what a time.Duration holds) still count exactly.
	a := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 12, 0, 0, 0, time.UTC)
	return int((b.Unix() - a.Unix()) / (24 * 60 * 60))
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Midnight returns the first instant of the date in loc (ResolveLocal of 00:00).
func (d Date) Midnight(loc *time.Location) time.Time { return ResolveLocal(d, 0, loc) }

func (d Date) key() int { return d.Year*10000 + int(d.Month)*100 + d.Day }
