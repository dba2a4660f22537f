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
	return checkRule(rule, allDay, true)
}

// checkRule is parseRule; strictUntil false accepts any form of UNTIL, as
// files from other programs need.
func checkRule(rule string, allDay, strictUntil bool) (*rrule.ROption, error) {
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
			if _, _, _, err := parseICalTime(value); err != nil {
				return nil, fmt.Errorf("rule %q: UNTIL %q: %w", rule, value, ErrBadRule)
			}
			if !strictUntil {
				continue
			}
			if allDay && len(value) != len("20060102") {
				return nil, fmt.Errorf("rule %q: UNTIL %q must be a date for an all-day event: %w", rule, value, ErrBadRule)
			}
			if !allDay && !strings.HasSuffix(value, "Z") {
				return nil, fmt.Errorf("rule %q: UNTIL %q must be in UTC (end with Z): %w", rule, value, ErrBadRule)
			}
		case "BYEASTER":
			return nil, fmt.Errorf("rule %q: BYEASTER is no part of iCalendar: %w", rule, ErrBadRule)
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
	opt, err := rrule.StrToROption(stripUntilLocal(rule))
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
	if _, err := parseRule(e.RRule, e.AllDay); err != nil {
		return nil, err
	}
	s, end := e.dates()
	z := goZone{loc}
	days, wallLen := s.DaysUntil(end), z.wall(first.End).Sub(z.wall(first.Start))
	lo := wallOf(from.In(loc)).Add(-max(wallLen, time.Duration(days)*24*time.Hour) - 48*time.Hour)
	walls, insts, err := expandRule(e.RRule, wallOf(first.Start.In(loc)), z, e.AllDay, false, lo, wallOf(to.In(loc)))
	if err != nil {
		return nil, err
	}
	// Every instance keeps the first one's wall-clock length, as calendar
	// clients do: a 09:00-09:00 weekly block stays 09:00-09:00 across DST.
	var out []Occurrence
	for i, w := range walls {
		var o Occurrence
		if e.AllDay {
			d := timezone.DateOf(w)
			o = Occurrence{Start: d.Midnight(loc), End: d.AddDays(days).Midnight(loc)}
		} else {
			o = Occurrence{Start: insts[i], End: z.instant(z.wall(insts[i]).Add(wallLen))}
		}
		if o.End.After(from) && o.Start.Before(to) {
			if out = append(out, o); len(out) >= limit {
				break
			}
		}
	}
	return out, nil
}

// wallOf is the wall clock reading of t as a naive time (in UTC).
func wallOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// wallZone reads wall-clock times of one zone as instants and back.
type wallZone interface {
	instant(wall time.Time) time.Time
	wall(instant time.Time) time.Time
}

// goZone is a zone of Go's tz database.
type goZone struct{ loc *time.Location }

func (z goZone) wall(t time.Time) time.Time { return wallOf(t.In(z.loc)) }

func (z goZone) instant(w time.Time) time.Time {
	if z.loc == time.UTC {
		return w
	}
	sub := time.Duration(w.Second())*time.Second + time.Duration(w.Nanosecond())
	return timezone.ResolveLocal(timezone.DateOf(w), timezone.Clock(w.Hour()*60+w.Minute()), z.loc).Add(sub)
}

// expandRule expands rule from the naive wall time dtstart in zone z, up to
// the naive wall time end (inclusive bound of starts). It returns the wall
// times and, for timed events, their instants. An UNTIL in UTC is compared
// with instants, a local or date one with wall times (RFC 5545 3.3.10).
// Starts before the naive wall time from may be left out: the expansion
// begins near it when it can (see jumpTo); a zero from starts at dtstart.
// countsStart says that DTSTART is an instance in any case, as an import
// reads it: then it is the first of COUNT even when the rule does not
// yield it (RFC 5545 section 3.3.10, as ical.js reads it).
func expandRule(rule string, dtstart time.Time, z wallZone, allDay, countsStart bool, from, end time.Time) ([]time.Time, []time.Time, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	var untilUTC, untilWall time.Time
	var kept []string
	for _, part := range strings.Split(rule, ";") {
		k, v, _ := strings.Cut(part, "=")
		if !strings.EqualFold(k, "UNTIL") {
			kept = append(kept, part)
			continue
		}
		t, utc, date, err := parseICalTime(v)
		if err != nil {
			return nil, nil, fmt.Errorf("rule %q: UNTIL %q: %w", rule, v, ErrBadRule)
		}
		switch {
		case date:
			untilWall = t.Add(24*time.Hour - time.Second)
		case utc && !allDay:
			untilUTC, untilWall = t, t.Add(15*time.Hour)
		case utc:
			untilWall = t // all-day with a UTC UNTIL: its date counts
		default:
			untilWall = t
		}
	}
	opt, err := rrule.StrToROption(strings.Join(kept, ";"))
	if err != nil {
		return nil, nil, fmt.Errorf("rule %q: %v: %w", rule, err, ErrBadRule)
	}
	opt.Dtstart = dtstart
	bound := end.Add(48 * time.Hour)
	if !untilWall.IsZero() && untilWall.Before(bound) {
		bound = untilWall
	}
	opt.Until = bound
	if neverMatches(opt) {
		return nil, nil, nil
	}
	if countsStart && opt.Count > 0 && !yieldsStart(*opt) {
		if opt.Count--; opt.Count == 0 {
			return nil, nil, nil
		}
	}
	if !from.IsZero() && !jumpTo(opt, from) {
		return nil, nil, nil
	}
	var walls, insts []time.Time
	err = safely(func() error {
		r, err := rrule.NewRRule(*opt)
		if err != nil {
			return fmt.Errorf("rule %q: %v: %w", rule, err, ErrBadRule)
		}
		next := r.Iterator()
		for n := 0; n < maxOccurrences; n++ {
			w, ok := next()
			if !ok || w.After(end) {
				break
			}
			if allDay {
				walls = append(walls, w)
				continue
			}
			inst := z.instant(w)
			if !untilUTC.IsZero() && inst.After(untilUTC) {
				break
			}
			walls, insts = append(walls, w), append(insts, inst)
		}
		return nil
	})
	return walls, insts, err
}

// neverMatches says whether no day can pass the rule's day filters. rrule-go
// checks UNTIL only against days that pass them, so such a rule would walk
// on to the year 9999 (80 ms and more for a daily rule). The answer is exact
// for BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY without ordinals (with the
// defaults rrule-go takes from DTSTART), which depend only on the kind of
// year (leap or not, the weekday of 1 January), and for a BYSETPOS beyond
// every set's size; the other parts are taken to match.
func neverMatches(opt *rrule.ROption) bool {
	if len(opt.Bysetpos) > 0 {
		size := max(len(opt.Byhour), 1) * max(len(opt.Byminute), 1) * max(len(opt.Bysecond), 1)
		switch opt.Freq {
		case rrule.WEEKLY:
			size *= 7
		case rrule.MONTHLY:
			size *= 31
		case rrule.YEARLY:
			size *= 366
		}
		fits := false
		for _, p := range opt.Bysetpos {
			if p <= size && -p <= size {
				fits = true
			}
		}
		if !fits {
			return true
		}
	}
	months, mdays, ydays := opt.Bymonth, opt.Bymonthday, opt.Byyearday
	if len(opt.Byweekno)+len(ydays)+len(mdays)+len(opt.Byweekday)+len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(months) == 0 {
				months = []int{int(opt.Dtstart.Month())}
			}
			mdays = []int{opt.Dtstart.Day()}
		case rrule.MONTHLY:
			mdays = []int{opt.Dtstart.Day()}
		}
	}
	var weekdays []int
	for _, w := range opt.Byweekday {
		if w.N() != 0 {
			weekdays = nil // an ordinal depends on the period: taken to match
			break
		}
		weekdays = append(weekdays, w.Day())
	}
	if len(months)+len(mdays)+len(ydays)+len(weekdays) == 0 {
		return false
	}
	in := func(xs []int, v int) bool {
		for _, x := range xs {
			if x == v {
				return true
			}
		}
		return false
	}
	for _, d := range cycleDays {
		if (len(months) == 0 || in(months, int(d.month))) &&
			(len(mdays) == 0 || in(mdays, int(d.mday)) || in(mdays, int(d.mday)-int(d.mlen)-1)) &&
			(len(ydays) == 0 || in(ydays, int(d.yday)) || in(ydays, int(d.yday)-int(d.ylen)-1)) &&
			(len(weekdays) == 0 || in(weekdays, int(d.wday))) {
			return false
		}
	}
	return true
}

// cycleDays are the days of 2000 to 2027, which hold every kind of
// Gregorian year (7 weekdays of 1 January, leap or not).
var cycleDays = func() []cycleDay {
	var out []cycleDay
	for d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2028; d = d.AddDate(0, 0, 1) {
		y, m := d.Year(), d.Month()
		out = append(out, cycleDay{month: int8(m), mday: int8(d.Day()), mlen: int8(time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()),
			yday: int16(d.YearDay()), ylen: int16(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).YearDay()),
			wday: int8((int(d.Weekday()) + 6) % 7)}) // rrule-go counts from Monday
	}
	return out
}()

type cycleDay struct {
	month, mday, mlen, wday int8
	yday, ylen              int16
}

// yieldsStart says whether the rule's first instance is its DTSTART.
func yieldsStart(opt rrule.ROption) bool {
	opt.Count = 1
	first := time.Time{}
	safely(func() error {
		r, err := rrule.NewRRule(opt)
		if err != nil {
			return err
		}
		if t, ok := r.Iterator()(); ok {
			first = t
		}
		return nil
	})
	return first.Equal(opt.Dtstart)
}

// jumpTo moves opt.Dtstart forward by whole periods to the last period
// start at or before from, for FREQ=DAILY and FREQ=WEEKLY (any INTERVAL):
// whole periods keep every BY part's meaning, so the instances from the
// new start on are those of the rule. With COUNT, the instances passed
// over are counted arithmetically when every period holds the same number
// of them (DAILY with no BY part, WEEKLY with at most BYDAY without
// ordinals); otherwise the rule is expanded from its start, which COUNT
// (at most maxOccurrences) bounds. jumpTo returns false when COUNT is used
// up before from.
func jumpTo(opt *rrule.ROption, from time.Time) bool {
	var periodDays int64
	switch opt.Freq {
	case rrule.DAILY:
		periodDays = 1
	case rrule.WEEKLY:
		periodDays = 7
	default:
		return true
	}
	periodDays *= int64(max(opt.Interval, 1))
	k := (from.Unix() - opt.Dtstart.Unix()) / 86400 / periodDays
	if k <= 0 {
		return true
	}
	if opt.Count > 0 {
		per := perPeriod(opt)
		if per == 0 {
			return true
		}
		skipped := k * per
		if skipped >= int64(opt.Count) {
			return false
		}
		opt.Count -= int(skipped)
	}
	opt.Dtstart = opt.Dtstart.AddDate(0, 0, int(k*periodDays))
	return true
}

// perPeriod is how many instances every period of a DAILY or WEEKLY rule
// holds, or 0 when that depends on the period.
func perPeriod(opt *rrule.ROption) int64 {
	if len(opt.Bysetpos)+len(opt.Bymonth)+len(opt.Bymonthday)+len(opt.Byyearday)+len(opt.Byweekno)+
		len(opt.Byhour)+len(opt.Byminute)+len(opt.Bysecond)+len(opt.Byeaster) > 0 {
		return 0
	}
	if len(opt.Byweekday) == 0 {
		return 1
	}
	if opt.Freq != rrule.WEEKLY {
		return 0
	}
	days := map[rrule.Weekday]bool{}
	for _, w := range opt.Byweekday {
		if w.N() != 0 {
			return 0
		}
		days[w] = true
	}
	return int64(len(days))
}

// parseICalTime reads a DATE (20260102), a local DATE-TIME
// (20260102T150405) or a UTC one (…Z) as a naive time in UTC. A date with
// a stray Z (20131210Z, in Google's birthday calendars) is a date.
func parseICalTime(v string) (t time.Time, utc, date bool, err error) {
	v = strings.TrimSpace(v)
	switch len(v) {
	case len(dateLayout):
		t, err = time.Parse(dateLayout, v)
		return t, false, true, err
	case len(dateLayout) + 1:
		if v[len(v)-1] == 'Z' || v[len(v)-1] == 'z' {
			t, err = time.Parse(dateLayout, v[:len(v)-1])
			return t, false, true, err
		}
	case len(localLayout):
		t, err = time.Parse(localLayout, v)
		return t, false, false, err
	case len(utcLayout):
		if v[len(v)-1] == 'Z' || v[len(v)-1] == 'z' {
			t, err = time.Parse(localLayout, v[:len(v)-1])
			return t, true, false, err
		}
	}
	return t, false, false, fmt.Errorf("%q is not a date or date-time", clip(v))
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
