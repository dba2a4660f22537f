package timezone

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
)

// ErrBadHours reports a working-hours text that cannot be read.
var ErrBadHours = errors.New("not working hours like 09:00-17:00")

// Range is a span of wall-clock time on one day, [Start, End). When End is not
// after Start the range crosses midnight and ends on the next day; it still
// belongs to the weekday it starts on.
type Range struct {
	Start Clock
	End   Clock
}

// CrossesMidnight reports whether the range ends on the following day.
func (r Range) CrossesMidnight() bool { return r.End <= r.Start }

// Minutes is the nominal length of the range in wall-clock minutes.
func (r Range) Minutes() int {
	if r.CrossesMidnight() {
		return int(r.End) + MinutesPerDay - int(r.Start)
	}
	return int(r.End - r.Start)
}

// String formats the range as HH:MM-HH:MM. A whole day from midnight is
// "00:00-24:00", which reads back as the same range.
func (r Range) String() string {
	if r.Start == 0 && r.End == 0 {
		return "00:00-24:00"
	}
	return r.Start.String() + "-" + r.End.String()
}

// DayHours is the set of ranges worked on one weekday; empty means a day off.
type DayHours []Range

// String formats the ranges comma-separated; a day off is "".
func (d DayHours) String() string {
	parts := make([]string, len(d))
	for i, r := range d {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

// ParseDayHours reads "" (day off), "09:00-17:00", or several ranges separated
// by commas ("08:00-12:00,13:00-17:00"). A range may cross midnight
// ("22:00-06:00"). Start and end must differ, ranges must not overlap.
func ParseDayHours(s string) (DayHours, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out DayHours
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			return nil, fmt.Errorf("%s: missing \"-\" between start and end: %w", termsafe.Quote(part), ErrBadHours)
		}
		start, err := ParseClock(a)
		if err != nil {
			return nil, fmt.Errorf("start %w", err)
		}
		end, err := ParseClock(b)
		if err != nil {
			return nil, fmt.Errorf("end %w", err)
		}
		if start == MinutesPerDay {
			return nil, fmt.Errorf("%s: a range cannot start at 24:00: %w", termsafe.Quote(part), ErrBadHours)
		}
		if end == MinutesPerDay {
			end = 0 // 24:00 is midnight at the end of the day.
		}
		if start == end && !(start == 0 && strings.Contains(b, "24")) {
			return nil, fmt.Errorf("%s: start and end are the same: %w", termsafe.Quote(part), ErrBadHours)
		}
		out = append(out, Range{Start: start, End: end})
	}
	if err := out.checkOverlap(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkOverlap refuses ranges of one day that overlap each other.
func (d DayHours) checkOverlap() error {
	for i, a := range d {
		for _, b := range d[i+1:] {
			if spansOverlap(a, b) {
				return fmt.Errorf("ranges %s and %s overlap: %w", a, b, ErrBadHours)
			}
		}
	}
	return nil
}

func spansOverlap(a, b Range) bool {
	as, ae := int(a.Start), int(a.Start)+a.Minutes()
	bs, be := int(b.Start), int(b.Start)+b.Minutes()
	return as < be && bs < ae
}

// WeekHours holds the hours of each weekday, indexed by time.Weekday.
type WeekHours [7]DayHours

// WeekdayKeys are the team file's keys for the weekdays, indexed by time.Weekday.
var WeekdayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads a weekday key such as "mon" (case-insensitive; full names too).
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, k := range WeekdayKeys {
		if s == k || s == strings.ToLower(time.Weekday(i).String()) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// IsEmpty reports whether no day has any hours.
func (w WeekHours) IsEmpty() bool {
	for _, d := range w {
		if len(d) > 0 {
			return false
		}
	}
	return true
}

// Intervals returns the instants covered by these hours, in zone loc, that
// overlap [from, to), in order. Ranges are resolved day by day with
// ResolveLocal, so a DST change inside a range makes it an hour shorter or longer.
func (w WeekHours) Intervals(loc *time.Location, from, to time.Time) []Interval {
	if !from.Before(to) {
		return nil
	}
	var out []Interval
	d := DateOf(from.In(loc)).AddDays(-1)
	last := DateOf(to.In(loc))
	for ; !d.After(last); d = d.AddDays(1) {
		for _, r := range w[d.Weekday()] {
			iv := r.On(d, loc)
			if iv.End.After(from) && iv.Start.Before(to) {
				out = append(out, iv)
			}
		}
	}
	return MergeIntervals(out)
}

// Contains reports whether instant t falls inside these hours in zone loc.
func (w WeekHours) Contains(loc *time.Location, t time.Time) bool {
	return inAny(w.Intervals(loc, t, t.Add(time.Nanosecond)), t)
}

func inAny(ivs []Interval, t time.Time) bool {
	for _, iv := range ivs {
		if iv.Contains(t) {
			return true
		}
	}
	return false
}

// On resolves the range on local date d in zone loc to an interval of instants.
func (r Range) On(d Date, loc *time.Location) Interval {
	endDate := d
	if r.CrossesMidnight() {
		endDate = d.AddDays(1)
	}
	return Interval{Start: ResolveLocal(d, r.Start, loc), End: ResolveLocal(endDate, r.End, loc)}
}
