package timezone

import (
	"errors"
	"fmt"
	"time"
)

// The range of instants remotecto accepts, [MinInstant, MaxInstant]: every
// instant stored (a time off, an override) and every instant a query is
// about. It spans the Unix era up to 2200, far beyond any rota or meeting
// and far inside what time.Duration can measure (about 292 years), so that
// arithmetic on instants of this range never overflows. Dates are accepted
// from MinDate to MaxDate, the days that begin inside the range in UTC.
var (
	MinInstant = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxInstant = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	MinDate    = Date{Year: 1970, Month: time.January, Day: 1}
	MaxDate    = Date{Year: 2199, Month: time.December, Day: 31}
)

// ErrOutOfRange reports an instant or a date outside the accepted range.
var ErrOutOfRange = errors.New("outside the accepted range 1970-01-01T00:00:00Z to 2200-01-01T00:00:00Z")

// CheckInstant reports an error naming field and value when t lies outside
// [MinInstant, MaxInstant]; it wraps ErrOutOfRange.
func CheckInstant(field string, t time.Time) error {
	if t.Before(MinInstant) || t.After(MaxInstant) {
		return fmt.Errorf("%s %s: %w", field, t.UTC().Format(time.RFC3339), ErrOutOfRange)
	}
	return nil
}

// CheckDate reports an error naming field and value when d is not a day of
// the calendar (ErrBadDate: month 13, February 30) or lies outside
// [MinDate, MaxDate] (ErrOutOfRange).
func CheckDate(field string, d Date) error {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 31 ||
		DateOf(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)) != d {
		return fmt.Errorf("%s %s: %w", field, d, ErrBadDate)
	}
	if d.Before(MinDate) || d.After(MaxDate) {
		return fmt.Errorf("%s %s: %w", field, d, ErrOutOfRange)
	}
	return nil
}

// ClampInterval returns the part of iv inside the accepted range
// [MinInstant, MaxInstant) (empty when there is none).
func ClampInterval(iv Interval) Interval {
	return iv.Intersect(Interval{Start: MinInstant, End: MaxInstant})
}
