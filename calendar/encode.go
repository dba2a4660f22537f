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
	events := make([]Event, len(cal.Events))
	copy(events, cal.Events)
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].Start.Equal(events[j].Start) {
			return events[i].Start.Before(events[j].Start)
		}
		return events[i].UID < events[j].UID
	})
	spans := map[string]*zoneSpan{}
	for i, e := range events {
		if err := checkEvent(e); err != nil {
			return fmt.Errorf("event %d %q: %w", i+1, e.Summary, err)
		}
		if !e.zoned() {
			continue
		}
		first, last, err := e.years()
		if err != nil {
			return fmt.Errorf("event %q: %w", e.UID, err)
		}
		name := e.Zone.String()
		if s, ok := spans[name]; ok {
			s.first, s.last = min(s.first, first), max(s.last, last)
		} else {
			spans[name] = &zoneSpan{loc: e.Zone, first: first, last: last}
		}
	}
	names := make([]string, 0, len(spans))
	for n := range spans {
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
		lw.prop("X-WR-CALNAME", "", escapeText(cal.Name))
	}
	for _, n := range names {
		s := spans[n]
		writeVTimezone(lw, s.loc, s.first, s.last)
	}
	stamp := now.UTC().Format(utcLayout)
	for _, e := range events {
		writeEvent(lw, e, stamp)
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

func checkEvent(e Event) error {
	if strings.TrimSpace(e.UID) == "" {
		return ErrNoUID
	}
	if !e.AllDay && !e.End.After(e.Start) {
		return fmt.Errorf("end %s is not after start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	}
	if e.RRule != "" {
		if _, err := parseRule(e.RRule, e.AllDay); err != nil {
			return err
		}
	}
	return nil
}

// years is the range of years (in the event's zone) from the first start
// to the last end of the event and its recurrences.
func (e Event) years() (int, int, error) {
	loc := e.location()
	first := e.Start.In(loc).Year()
	last := e.End.In(loc).Year()
	if e.RRule == "" {
		return first, last, nil
	}
	opt, err := parseRule(e.RRule, e.AllDay)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case !opt.Until.IsZero():
		last = max(last, opt.Until.In(loc).Year()+1)
	case opt.Count > 0:
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

func writeEvent(lw *lineWriter, e Event, stamp string) {
	lw.line("BEGIN:VEVENT")
	lw.prop("UID", "", escapeText(e.UID))
	lw.prop("DTSTAMP", "", stamp)
	switch {
	case e.AllDay:
		s, end := e.dates()
		lw.prop("DTSTART", ";VALUE=DATE", dateValue(s.Year, s.Month, s.Day))
		lw.prop("DTEND", ";VALUE=DATE", dateValue(end.Year, end.Month, end.Day))
	case e.zoned():
		tz := ";TZID=" + e.Zone.String()
		lw.prop("DTSTART", tz, e.Start.In(e.Zone).Format(localLayout))
		lw.prop("DTEND", tz, e.End.In(e.Zone).Format(localLayout))
	default:
		lw.prop("DTSTART", "", e.Start.UTC().Format(utcLayout))
		lw.prop("DTEND", "", e.End.UTC().Format(utcLayout))
	}
	if r := strings.TrimPrefix(strings.TrimSpace(e.RRule), "RRULE:"); r != "" {
		lw.prop("RRULE", "", r)
	}
	lw.prop("SUMMARY", "", escapeText(e.Summary))
	if e.Description != "" {
		lw.prop("DESCRIPTION", "", escapeText(e.Description))
	}
	if e.Location != "" {
		lw.prop("LOCATION", "", escapeText(e.Location))
	}
	if cats := categories(e.Categories); cats != "" {
		lw.prop("CATEGORIES", "", cats)
	}
	lw.prop("SEQUENCE", "", strconv.Itoa(max(e.Sequence, 0)))
	if e.Transparent {
		lw.prop("TRANSP", "", "TRANSPARENT")
	} else {
		lw.prop("TRANSP", "", "OPAQUE")
	}
	lw.line("END:VEVENT")
}

func dateValue(y int, m time.Month, d int) string {
	return fmt.Sprintf("%04d%02d%02d", y, int(m), d)
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
