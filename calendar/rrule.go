package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"dev.remotecto/remotecto/timezone"
)

// ErrBadRule reports a recurrence rule that is malformed or that calendar
// clients would read differently from the app.
var ErrBadRule = errors.New("invalid recurrence rule")

// maxOccurrences bounds every expansion of a recurrence.
const maxOccurrences = 100000

// ruleRanges are the values RFC 5545 section 3.3.10 allows per BY part.
var ruleRanges = map[string][2]int{
	"BYSECOND": {0, 60}, "BYMINUTE": {0, 59}, "BYHOUR": {0, 23},
	"BYMONTHDAY": {-31, 31}, "BYYEARDAY": {-366, 366}, "BYWEEKNO": {-53, 53},
	"BYMONTH": {1, 12}, "BYSETPOS": {-366, 366},
}

// parseRule checks rule part by part and returns it as rrule-go options.
// allDay and zoned say what DTSTART is; UNTIL must match it (a DATE for
// all-day events, UTC for zoned and UTC date-times).
func parseRule(rule string, allDay bool) (*rrule.ROption, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	if rule == "" {
		return nil, fmt.Errorf("rule is empty: %w", ErrBadRule)
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(rule, ";") {
		key, value, ok := strings.Cut(part, "=")
		if !ok || value == "" {
			return nil, fmt.Errorf("rule %q: part %q: %w", rule, part, ErrBadRule)
		}
		if seen[key] {
			return nil, fmt.Errorf("rule %q: %s given twice: %w", rule, key, ErrBadRule)
		}
		seen[key] = true
		switch key {
		case "UNTIL":
			if allDay && len(value) != len("20060102") {
				return nil, fmt.Errorf("rule %q: UNTIL %q must be a date for an all-day event: %w", rule, value, ErrBadRule)
			}
			if !allDay && !strings.HasSuffix(value, "Z") {
				return nil, fmt.Errorf("rule %q: UNTIL %q must be in UTC (end with Z): %w", rule, value, ErrBadRule)
			}
		case "COUNT", "INTERVAL":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > maxOccurrences {
				return nil, fmt.Errorf("rule %q: %s %q: %w", rule, key, value, ErrBadRule)
			}
		case "BYDAY":
			for _, d := range strings.Split(value, ",") {
				if len(d) < 2 {
					return nil, fmt.Errorf("rule %q: BYDAY %q: %w", rule, d, ErrBadRule)
				}
				if n := d[:len(d)-2]; n != "" {
					v, err := strconv.Atoi(n)
					if err != nil || v == 0 || v < -53 || v > 53 {
						return nil, fmt.Errorf("rule %q: BYDAY %q: %w", rule, d, ErrBadRule)
					}
				}
			}
		default:
			if r, ok := ruleRanges[key]; ok {
				for _, s := range strings.Split(value, ",") {
					v, err := strconv.Atoi(s)
					if err != nil || v < r[0] || v > r[1] || (v == 0 && r[0] < 0) {
						return nil, fmt.Errorf("rule %q: %s %q: %w", rule, key, s, ErrBadRule)
					}
				}
			}
		}
	}
	if !seen["FREQ"] {
		return nil, fmt.Errorf("rule %q: FREQ is missing: %w", rule, ErrBadRule)
	}
	if seen["COUNT"] && seen["UNTIL"] {
		return nil, fmt.Errorf("rule %q: COUNT and UNTIL together: %w", rule, ErrBadRule)
	}
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		return nil, fmt.Errorf("rule %q: %v: %w", rule, err, ErrBadRule)
	}
	return opt, nil
}

// Occurrence is one instance of an event.
type Occurrence struct {
	Start, End time.Time
}

// Occurrences returns the instances of e that overlap [from, to), in order,
// at most limit of them (0: no limit beyond the package's bound). A
// recurrence follows the wall clock of e.Zone; a local time that does not
// exist moves forward by the gap and an ambiguous one takes the first
// occurrence (RFC 5545 section 3.3.5). All-day instances span whole days of
// e.Zone (UTC when nil).
func (e Event) Occurrences(from, to time.Time, limit int) ([]Occurrence, error) {
	if limit <= 0 || limit > maxOccurrences {
		limit = maxOccurrences
	}
	loc := e.location()
	first := e.firstOccurrence(loc)
	if strings.TrimSpace(e.RRule) == "" {
		if first.End.After(from) && first.Start.Before(to) {
			return []Occurrence{first}, nil
		}
		return nil, nil
	}
	opt, err := parseRule(e.RRule, e.AllDay)
	if err != nil {
		return nil, err
	}
	dur := first.End.Sub(first.Start)
	days := 0
	if e.AllDay {
		days = timezone.DateOf(first.Start.In(loc)).DaysUntil(timezone.DateOf(first.End.In(loc)))
	}
	start := first.Start.In(loc)
	opt.Dtstart = start
	// Nothing after to is wanted: bound the walk there.
	if opt.Until.IsZero() || opt.Until.After(to) {
		if opt.Count == 0 {
			opt.Until = to
		}
	}
	if e.AllDay && !opt.Until.IsZero() && opt.Until.Location() == time.UTC {
		u := opt.Until
		opt.Until = time.Date(u.Year(), u.Month(), u.Day(), 23, 59, 59, 0, loc)
	}
	var out []Occurrence
	err = safely(func() error {
		r, err := rrule.NewRRule(*opt)
		if err != nil {
			return fmt.Errorf("rule %q: %v: %w", e.RRule, err, ErrBadRule)
		}
		next := r.Iterator()
		for n := 0; n < maxOccurrences; n++ {
			t, ok := next()
			if !ok {
				break
			}
			d := timezone.DateOf(t)
			var o Occurrence
			if e.AllDay {
				o.Start = d.Midnight(loc)
				o.End = d.AddDays(days).Midnight(loc)
			} else {
				o.Start = timezone.ResolveLocal(d, timezone.Clock(t.Hour()*60+t.Minute()), loc).Add(time.Duration(t.Second()) * time.Second)
				o.End = o.Start.Add(dur)
			}
			if !o.Start.Before(to) {
				break
			}
			if o.End.After(from) {
				out = append(out, o)
				if len(out) >= limit {
					break
				}
			}
		}
		return nil
	})
	return out, err
}

// safely runs fn, turning a panic of the recurrence library into an error.
func safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recurrence rule cannot be expanded (%v): %w", r, ErrBadRule)
		}
	}()
	return fn()
}

// location is the zone the event's wall clock follows.
func (e Event) location() *time.Location {
	if e.Zone == nil || e.Zone.String() == "Local" || e.Zone.String() == "" {
		return time.UTC
	}
	return e.Zone
}

// firstOccurrence is the event as written in DTSTART/DTEND.
func (e Event) firstOccurrence(loc *time.Location) Occurrence {
	if !e.AllDay {
		return Occurrence{Start: e.Start, End: e.End}
	}
	s, end := e.dates()
	return Occurrence{Start: s.Midnight(loc), End: end.Midnight(loc)}
}

// dates are the first and the exclusive last day of an all-day event, read
// in e.Zone when set, otherwise in the location Start and End carry.
func (e Event) dates() (timezone.Date, timezone.Date) {
	s, end := e.Start, e.End
	if e.Zone != nil {
		s, end = s.In(e.Zone), end.In(e.Zone)
	}
	sd, ed := timezone.DateOf(s), timezone.DateOf(end)
	if !sd.Before(ed) {
		ed = sd.AddDays(1)
	}
	return sd, ed
}
