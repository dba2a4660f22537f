package calendar

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// ProductID is the PRODID of every file the app writes; Decode recognises
// the app's own files by it.
const ProductID = "-//remotecto//remotecto//EN"

// UIDDomain ends the UIDs MakeUID builds; Decode skips events whose UID ends
// with it, so a member's calendar that holds the app's own events (imported
// there earlier) adds nothing when it comes back.
const UIDDomain = "@remotecto.dev"

// ErrNoUID reports an event without a UID.
var ErrNoUID = errors.New("event has no UID")

const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
	dateLayout  = "20060102"
)

// openEndedYears is how far ahead the VTIMEZONE of a recurrence without an
// end is worked out from the tz database (its last rules stay open ended).
const openEndedYears = 10

// MakeUID builds a stable UID from a kind ("shift", "meeting", "1on1") and
// the parts that identify the event; the same inputs always give the same
// UID. Parts are joined with "/" after escaping, so ("a/b") and ("a", "b")
// differ.
func MakeUID(kind string, parts ...string) string {
	var b strings.Builder
	b.WriteString(uidPart(kind))
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(uidPart(p))
	}
	b.WriteString(UIDDomain)
	return b.String()
}

// uidPart keeps letters, digits and -._: and percent-escapes the rest, so a
// UID is plain ASCII without TEXT escapes.
func uidPart(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_', c == ':':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// zoneSpan is the range of years a VTIMEZONE must cover.
type zoneSpan struct {
	loc         *time.Location
	first, last int
}

func encode(w io.Writer, cal Calendar, now time.Time) error {
	// Sort an index, not the events: they are large and the caller's.
	order := make([]int, len(cal.Events))
	for i := range order {
		order[i] = i
	}
	evs := cal.Events
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &evs[order[i]], &evs[order[j]]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.UID < b.UID
	})
	type ruleKey struct {
		rule   string
		allDay bool
	}
	rules := map[ruleKey]*rrule.ROption{}
	spans := map[*time.Location]*zoneSpan{}
	for n, i := range order {
		e := &evs[i]
		if err := checkEvent(e); err != nil {
			return fmt.Errorf("event %d %q: %w", n+1, e.Summary, err)
		}
		var opt *rrule.ROption
		if e.RRule != "" {
			k := ruleKey{e.RRule, e.AllDay}
			if opt = rules[k]; opt == nil {
				var err error
				if opt, err = parseRule(e.RRule, e.AllDay); err != nil {
					return fmt.Errorf("event %d %q: %w", n+1, e.Summary, err)
				}
				rules[k] = opt
			}
		}
		if !e.zoned() {
			continue
		}
		first, last, err := e.years(opt)
		if err != nil {
			return fmt.Errorf("event %q: %w", e.UID, err)
		}
		if s, ok := spans[e.Zone]; ok {
			s.first, s.last = min(s.first, first), max(s.last, last)
		} else {
			spans[e.Zone] = &zoneSpan{loc: e.Zone, first: first, last: last}
		}
	}
	// Two *time.Location values may name the same zone.
	byName := map[string]*zoneSpan{}
	tzParams := map[*time.Location]string{}
	for loc, s := range spans {
		tzParams[loc] = ";TZID=" + loc.String()
		if o, ok := byName[s.loc.String()]; ok {
			o.first, o.last = min(o.first, s.first), max(o.last, s.last)
		} else {
			byName[s.loc.String()] = s
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)

	bw := bufio.NewWriterSize(w, 64<<10)
	lw := &lineWriter{w: bw}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:" + ProductID)
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if cal.Name != "" {
		lw.text("X-WR-CALNAME", cal.Name)
	}
	for _, n := range names {
		s := byName[n]
		writeVTimezone(lw, s.loc, s.first, s.last+1) // a year more: rules show as RRULEs
	}
	stamp := now.UTC().Format(utcLayout)
	for _, i := range order {
		writeEvent(lw, &evs[i], stamp, tzParams)
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return lw.err
	}
	return bw.Flush()
}

// zoned reports whether the event is written with a TZID.
func (e Event) zoned() bool {
	return !e.AllDay && e.location() != time.UTC
}

// checkEvent validates e but for its rule.
func checkEvent(e *Event) error {
	if strings.TrimSpace(e.UID) == "" {
		return ErrNoUID
	}
	if !e.AllDay && !e.End.After(e.Start) {
		return fmt.Errorf("end %s is not after start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	return nil
}

// years is the range of years (in the event's zone) from the first start
// to the last end of the event and its recurrences (opt, when not nil).
func (e Event) years(opt *rrule.ROption) (int, int, error) {
	loc := e.location()
	first := e.Start.In(loc).Year()
	last := e.End.In(loc).Year()
	if opt == nil {
		return first, last, nil
	}
	switch {
	case !opt.Until.IsZero():
		last = max(last, opt.Until.In(loc).Year()+1)
	case opt.Count > 0:
		if end, ok := countBound(e.End, opt); ok {
			return first, max(last, end.In(loc).Year()), nil
		}
		occ, err := e.Occurrences(e.Start, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), opt.Count)
		if err != nil {
			return 0, 0, err
		}
		if len(occ) > 0 {
			last = max(last, occ[len(occ)-1].End.In(loc).Year())
		}
	default:
		last = max(last, first+openEndedYears)
	}
	return first, last, nil
}

// countBound is a quick upper bound of the end of a COUNT rule that yields
// at least one instance per period (no BY parts but a plain BYDAY on a
// weekly rule): COUNT periods of INTERVAL after the first end.
func countBound(end time.Time, opt *rrule.ROption) (time.Time, bool) {
	if len(opt.Bysetpos)+len(opt.Bymonth)+len(opt.Bymonthday)+len(opt.Byyearday)+len(opt.Byweekno)+
		len(opt.Byhour)+len(opt.Byminute)+len(opt.Bysecond)+len(opt.Byeaster) > 0 {
		return time.Time{}, false
	}
	if len(opt.Byweekday) > 0 && opt.Freq != rrule.WEEKLY {
		return time.Time{}, false
	}
	for _, d := range opt.Byweekday {
		if d.N() != 0 {
			return time.Time{}, false
		}
	}
	n := opt.Count * max(opt.Interval, 1)
	switch opt.Freq {
	case rrule.DAILY:
		return end.AddDate(0, 0, n+1), true
	case rrule.WEEKLY:
		return end.AddDate(0, 0, 7*(n+1)), true
	case rrule.MONTHLY:
		return end.AddDate(0, n+1, 0), true
	case rrule.YEARLY:
		return end.AddDate(n+1, 0, 0), true
	}
	return time.Time{}, false
}

func writeEvent(lw *lineWriter, e *Event, stamp string, tzParams map[*time.Location]string) {
	lw.line("BEGIN:VEVENT")
	lw.text("UID", e.UID)
	lw.prop("DTSTAMP", "", stamp)
	switch {
	case e.AllDay:
		s, end := e.dates()
		lw.prop("DTSTART", ";VALUE=DATE", dateValue(s.Year, s.Month, s.Day))
		lw.prop("DTEND", ";VALUE=DATE", dateValue(end.Year, end.Month, end.Day))
	case e.zoned() && (e.RRule != "" || !ambiguous(e.Start, e.Zone) && !ambiguous(e.End, e.Zone)):
		tz := tzParams[e.Zone]
		lw.time("DTSTART", tz, e.Start.In(e.Zone), false)
		// A recurring block of whole days is written as a DURATION of
		// days, which RFC 5545 counts on the wall clock: clients that take
		// DTEND as an exact length and those that take it on the wall clock
		// then agree across DST.
		if days := wholeDays(e); e.RRule != "" && days > 0 {
			lw.prop("DURATION", "", "P"+strconv.Itoa(days)+"D")
		} else {
			lw.time("DTEND", tz, e.End.In(e.Zone), false)
		}
	default:
		lw.time("DTSTART", "", e.Start.UTC(), true)
		lw.time("DTEND", "", e.End.UTC(), true)
	}
	if r := strings.TrimPrefix(strings.TrimSpace(e.RRule), "RRULE:"); r != "" {
		lw.prop("RRULE", "", r)
	}
	lw.text("SUMMARY", e.Summary)
	if e.Description != "" {
		lw.text("DESCRIPTION", e.Description)
	}
	if e.Location != "" {
		lw.text("LOCATION", e.Location)
	}
	if len(e.Categories) > 0 {
		if cats := categories(e.Categories); cats != "" {
			lw.prop("CATEGORIES", "", cats)
		}
	}
	lw.prop("SEQUENCE", "", strconv.Itoa(max(e.Sequence, 0)))
	if e.Transparent {
		lw.line("TRANSP:TRANSPARENT")
	} else {
		lw.line("TRANSP:OPAQUE")
	}
	lw.line("END:VEVENT")
}

// wholeDays is the event's length in days when it starts and ends at the
// same wall-clock time of e.Zone, else 0.
func wholeDays(e *Event) int {
	l := wallOf(e.End.In(e.Zone)).Sub(wallOf(e.Start.In(e.Zone)))
	if l <= 0 || l%(24*time.Hour) != 0 {
		return 0
	}
	return int(l / (24 * time.Hour))
}

// ambiguous reports whether the wall clock of loc shows t's time twice
// (a DST overlap). Clients disagree on which one a TZID time means, so a
// one-off event at such a time is written in UTC.
func ambiguous(t time.Time, loc *time.Location) bool {
	w := wallOf(t.In(loc))
	for _, d := range []time.Duration{-3 * time.Hour, -2 * time.Hour, -time.Hour, -30 * time.Minute,
		30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour} {
		if wallOf(t.Add(d).In(loc)).Equal(w) {
			return true
		}
	}
	return false
}

func dateValue(y int, m time.Month, d int) string {
	var b [8]byte
	return string(appendDate(b[:0], y, m, d))
}

// categories joins the non-empty categories, each escaped, with commas.
func categories(cs []string) string {
	var out []string
	for _, c := range cs {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, escapeText(c))
		}
	}
	return strings.Join(out, ",")
}
