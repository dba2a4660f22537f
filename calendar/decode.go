package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/timezone"
)

// MaxImported is the most busy spans one import may produce.
const MaxImported = 50000

// ErrBadDate reports a date or date-time that cannot be read.
var ErrBadDate = errors.New("invalid date")

// ImportOptions say how to read a member's calendar file.
type ImportOptions struct {
	// Zone is the member's zone: all-day dates are read in it, and so are
	// floating times of a file that names no X-WR-TIMEZONE.
	Zone *time.Location
	// From and To bound the occurrences imported (normally now and one year
	// ahead); recurrences are expanded inside it.
	From, To time.Time
}

// Busy is one occurrence that makes the member busy or away.
type Busy struct {
	// Key identifies the occurrence across imports: the event's UID and
	// the occurrence's original start.
	Key        string
	UID        string
	Summary    string
	Start, End time.Time
	AllDay     bool
}

// Skipped is an event Decode read but left out on purpose, and why.
type Skipped struct {
	UID, Summary, Reason string
}

// Import is what Decode read from a file.
type Import struct {
	Busy []Busy
	// Skipped are events read but not busy time: cancelled, free, the
	// app's own, or repeating more often than daily.
	Skipped []Skipped
	// UIDs are the events the file speaks for, cancelled ones included:
	// their occurrences in the window are exactly those in Busy. An event
	// the import could not read whole (a warning says it may have lost
	// busy time) is left out, so that busy time imported from it before
	// is kept.
	UIDs []string
	// Outside counts events with no occurrence in the window.
	Outside int
	// Own is set when the file is one of the app's own exports; nothing is
	// imported from it.
	Own bool
	// Warnings say what in the file could not be read as written and what
	// the import did instead, in the order of the file's lines; at most
	// 1,000 are kept. WarningLines renders them.
	Warnings []Warning
	// WarningCount counts every warning, those not kept included.
	WarningCount int
}

// Decode reads an iCalendar file (from Google Calendar, Outlook, Exchange,
// Apple Calendar, Thunderbird, ...) and returns the member's busy time in
// the window. See the package documentation for how times are read.
//
// Decode imports what it can read: a property that cannot be read is
// dropped and an event that cannot be placed in time is skipped, each
// with a Warning naming the line (and the event's UID); everything else is
// imported. Only a file that is not iCalendar at all (ErrNotCalendar) or
// that is beyond the limits (ErrTooLarge, ErrMalformed: too large, a line
// longer than MaxLineSize, more than MaxEvents events or MaxImported busy
// times, components nested too deep, or a file that ends inside a
// component) is refused with an error.
func Decode(r io.Reader, opt ImportOptions) (*Import, error) {
	if opt.Zone == nil {
		opt.Zone = time.UTC
	}
	if !opt.To.After(opt.From) {
		return nil, fmt.Errorf("import window %s to %s is empty", opt.From.Format(time.RFC3339), opt.To.Format(time.RFC3339))
	}
	src, err := readFile(r)
	if err != nil {
		return nil, err
	}
	out := &Import{}
	d := &decoder{keys: map[string]bool{}, opt: opt, out: out, zones: map[string]wallZone{},
		vtz: map[string]*ical.Component{}, src: src, ws: &src.warnings, standIn: map[string]bool{}}
	for _, cal := range src.calendars {
		if strings.TrimSpace(propValue(cal, ical.PropProductID)) == ProductID {
			out.Own = true
			continue
		}
		if err := d.calendar(cal); err != nil {
			return nil, err
		}
	}
	sort.Slice(out.Busy, func(i, j int) bool {
		if !out.Busy[i].Start.Equal(out.Busy[j].Start) {
			return out.Busy[i].Start.Before(out.Busy[j].Start)
		}
		return out.Busy[i].Key < out.Busy[j].Key
	})
	lossy := src.warnings.lossyUIDs()
	uids := out.UIDs[:0]
	for _, u := range out.UIDs {
		if !lossy[u] {
			uids = append(uids, u)
		}
	}
	out.UIDs = uids
	sort.Strings(out.UIDs)
	sort.SliceStable(src.warnings.list, func(i, j int) bool { return src.warnings.list[i].Line < src.warnings.list[j].Line })
	out.Warnings, out.WarningCount = src.warnings.list, src.warnings.total
	return out, nil
}

type decoder struct {
	keys     map[string]bool // occurrences already added (a UID may recur across VCALENDARs)
	opt      ImportOptions
	out      *Import
	zones    map[string]wallZone
	vtz      map[string]*ical.Component
	src      *source
	ws       *warnings
	standIn  map[string]bool // UIDs made up for events without one
	floating wallZone        // the zone of floating times in the current calendar
}

// lineError is an error about the property on a given line.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }
func (e *lineError) Unwrap() error { return e.err }

// warn records a warning about event uid; line 0 means c's BEGIN line, and
// a lineError's line wins over both. lossy says busy time may be lost.
func (d *decoder) warn(c *ical.Component, line int, uid string, err error, effect string, lossy bool) {
	var le *lineError
	if errors.As(err, &le) {
		line, err = le.line, le.err
	}
	if line == 0 && c != nil {
		line = d.src.beginLine(c)
	}
	if lossy && uid != "" {
		if d.ws.lossy == nil {
			d.ws.lossy = map[string]bool{}
		}
		d.ws.lossy[uid] = true
	}
	shown := uid
	if d.standIn[uid] {
		shown = ""
	}
	d.ws.add(Warning{Line: line, UID: shown, Err: err, Effect: effect})
}

func (d *decoder) calendar(cal *ical.Component) error {
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			// TZID is TEXT: "Amsterdam\, Berlin" is referred to as
			// TZID="Amsterdam, Berlin".
			if id := strings.TrimSpace(unescapeText(propValue(c, ical.PropTimezoneID))); id != "" {
				d.vtz[id] = c
			}
		}
	}
	// Floating times follow X-WR-TIMEZONE when the file names one, as
	// Google Calendar and Apple Calendar read them.
	d.floating = goZone{d.opt.Zone}
	if name := strings.TrimSpace(unescapeText(propValue(cal, "X-WR-TIMEZONE"))); name != "" {
		line := d.src.propLine(cal, "X-WR-TIMEZONE")
		if z, err := d.zone(name, line, ""); err != nil {
			d.warn(cal, line, "", fmt.Errorf("X-WR-TIMEZONE: %w", err), "floating times read in the member's zone", false)
		} else {
			d.floating = z
		}
	}
	groups := map[string][]*ical.Component{}
	var order []string
	made := map[string]int{}
	for _, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		uid := strings.TrimSpace(unescapeText(propValue(c, ical.PropUID)))
		if uid == "" {
			// A stand-in made of the event's content, so that importing
			// the file again (or a changed copy of it) matches.
			sum := sha256.Sum256([]byte(strings.Join([]string{propValue(c, ical.PropDateTimeStart),
				propValue(c, ical.PropDateTimeEnd), propValue(c, ical.PropDuration), propValue(c, ical.PropSummary),
				propValue(c, ical.PropRecurrenceID)}, "\x00")))
			uid = "no-uid-" + hex.EncodeToString(sum[:8])
			if made[uid]++; made[uid] > 1 {
				uid += "-" + strconv.Itoa(made[uid])
			}
			d.standIn[uid] = true
		}
		if _, ok := groups[uid]; !ok {
			order = append(order, uid)
		}
		groups[uid] = append(groups[uid], c)
	}
	for _, uid := range order {
		d.event(uid, groups[uid])
		if len(d.out.Busy) > MaxImported {
			return fmt.Errorf("more than %d busy times in the window: %w", MaxImported, ErrTooLarge)
		}
	}
	return nil
}

// event imports the occurrences of one UID: a master event and the
// overrides (RECURRENCE-ID) of some of its instances. What cannot be read
// is skipped with a warning.
func (d *decoder) event(uid string, comps []*ical.Component) {
	var master *ical.Component
	var overrides []*ical.Component
	for _, c := range comps {
		if c.Props.Get(ical.PropRecurrenceID) != nil {
			overrides = append(overrides, c)
		} else if master == nil {
			master = c
		}
	}
	summary := func(c *ical.Component) string {
		s := strings.TrimSpace(unescapeText(propValue(c, ical.PropSummary)))
		if s == "" {
			s = "Busy"
		}
		return s
	}
	if strings.HasSuffix(uid, UIDDomain) {
		c := comps[0]
		d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(c), "exported by remotecto"})
		return
	}
	d.out.UIDs = append(d.out.UIDs, uid)
	before := len(d.out.Busy)
	outside := func() {
		if len(d.out.Busy) == before {
			d.out.Outside++
		}
	}
	// The master's DTSTART says how overrides name their instance.
	var mstart *eventTime
	if master != nil {
		if t, err := d.timeProp(master, ical.PropDateTimeStart, nil, uid); err == nil {
			mstart = &t
		}
	}
	overridden := map[string]bool{}    // keys of instances replaced
	overriddenDay := map[string]bool{} // days of instances named by a RECURRENCE-ID of the other value type
	for _, o := range overrides {
		var fallback wallZone
		if mstart != nil {
			fallback = mstart.zone
		}
		rid, err := d.timeProp(o, ical.PropRecurrenceID, fallback, uid)
		if err != nil {
			d.warn(o, 0, uid, err, "changed occurrence skipped", true)
			continue
		}
		occ := occurrence{}
		cancelled := skipReason(o)
		if cancelled == "" {
			if occ, err = d.single(o, rid, uid); err != nil {
				// The series keeps its own instance at the original time.
				d.warn(o, 0, uid, err, "changed occurrence skipped", true)
				continue
			}
		}
		// A RECURRENCE-ID whose value type differs from DTSTART's
		// (a date-time for an all-day series, or the reverse) names
		// the instance on its day.
		if mstart == nil || rid.date == mstart.date {
			overridden[occurrenceKey(rid)] = true
		} else {
			overriddenDay[rid.wall.Format(dateLayout)] = true
			if mstart.date {
				occ.key = rid.wall.Format(dateLayout)
			}
		}
		if cancelled != "" {
			if master == nil {
				d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(o), cancelled})
			}
			continue
		}
		d.add(uid, summary(o), occ)
	}
	if master == nil {
		outside()
		return
	}
	if reason := skipReason(master); reason != "" {
		d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(master), reason})
		return
	}
	occs, reason, err := d.expand(master, uid)
	if err != nil {
		d.warn(master, 0, uid, err, "event skipped", true)
		return
	}
	if reason != "" {
		d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(master), reason})
		return
	}
	for _, o := range occs {
		if !overridden[o.key] && !overriddenDay[o.day] {
			d.add(uid, summary(master), o)
		}
	}
	outside()
}

// occurrence is one instance before it becomes a Busy.
type occurrence struct {
	key        string
	day        string // the date its start names, as 20060102
	start, end time.Time
	allDay     bool
}

func (d *decoder) add(uid, summary string, o occurrence) {
	if !o.end.After(d.opt.From) || !o.start.Before(d.opt.To) || !o.end.After(o.start) {
		return
	}
	key := uid + "#" + o.key
	if d.keys[key] {
		return
	}
	d.keys[key] = true
	d.out.Busy = append(d.out.Busy, Busy{Key: key, UID: uid, Summary: summary,
		Start: o.start, End: o.end, AllDay: o.allDay})
}

// skipReason says why an event does not make the member busy, or "".
// TRANSP:TRANSPARENT skips timed events only: Google Calendar and Apple
// Calendar mark every all-day event free unless told otherwise, and an
// all-day event in a member's own calendar is a day off far more often than
// not. Outlook's explicit Free status skips both.
func skipReason(c *ical.Component) string {
	p := c.Props.Get(ical.PropDateTimeStart)
	allDay := p != nil && (strings.EqualFold(p.Params.Get("VALUE"), "DATE") || len(strings.TrimSpace(p.Value)) == len(dateLayout))
	switch {
	case strings.EqualFold(strings.TrimSpace(propValue(c, ical.PropStatus)), "CANCELLED"):
		return "cancelled"
	case !allDay && strings.EqualFold(strings.TrimSpace(propValue(c, ical.PropTransparency)), "TRANSPARENT"):
		return "free time (TRANSP:TRANSPARENT)"
	case strings.EqualFold(strings.TrimSpace(propValue(c, "X-MICROSOFT-CDO-BUSYSTATUS")), "FREE"):
		return "free time (Outlook status Free)"
	}
	return ""
}

func occurrenceKey(t eventTime) string {
	if t.date {
		return t.wall.Format(dateLayout)
	}
	return t.instant.UTC().Format(utcLayout)
}

// single is a non-recurring event (or an override) with its key.
func (d *decoder) single(c *ical.Component, key eventTime, uid string) (occurrence, error) {
	start, err := d.timeProp(c, ical.PropDateTimeStart, nil, uid)
	if err != nil {
		return occurrence{}, err
	}
	end, err := d.endOf(c, start, uid)
	if err != nil {
		return occurrence{}, err
	}
	return occurrence{key: occurrenceKey(key), day: key.wall.Format(dateLayout), start: start.instant, end: end, allDay: start.date}, nil
}

// maxRules bounds the RRULEs of one event that are expanded (files have
// one, a few have two).
const maxRules = 20

// maxEventLength bounds DURATION and RDATE periods.
const maxEventLength = 5 * 366 * 24 * time.Hour

// endOf is the end of the event's first instance: DTEND, DURATION, or the
// RFC 5545 default (one day for a date, none for a date-time).
func (d *decoder) endOf(c *ical.Component, start eventTime, uid string) (time.Time, error) {
	if c.Props.Get(ical.PropDateTimeEnd) != nil {
		end, err := d.timeProp(c, ical.PropDateTimeEnd, start.zone, uid)
		if err != nil {
			return time.Time{}, err
		}
		if start.date {
			return d.dateInstant(end.wall), nil
		}
		return end.instant, nil
	}
	if p := c.Props.Get(ical.PropDuration); p != nil {
		dur, err := p.Duration()
		if err != nil || dur < 0 || dur > maxEventLength {
			return time.Time{}, &lineError{d.src.propLine(c, ical.PropDuration), fmt.Errorf("DURATION %q: %w", clip(p.Value), ErrBadDate)}
		}
		if start.date {
			days := int((dur + 24*time.Hour - 1) / (24 * time.Hour))
			return d.dateInstant(start.wall.AddDate(0, 0, days)), nil
		}
		return start.instant.Add(dur), nil
	}
	if start.date {
		return d.dateInstant(start.wall.AddDate(0, 0, 1)), nil
	}
	return start.instant, nil
}

// dateInstant is midnight at the start of a date in the member's zone.
func (d *decoder) dateInstant(wall time.Time) time.Time {
	return timezone.DateOf(wall).Midnight(d.opt.Zone)
}

// instance is a start of an occurrence, with its own end when an RDATE
// period gives one.
type instance struct {
	t   eventTime
	end time.Time
}

// expand returns the occurrences of a master event that may touch the
// window, or why the event is not imported. The instances are DTSTART,
// every RDATE and the union of every RRULE, less EXDATE; an RRULE, RDATE
// or EXDATE value that cannot be read is left out with a warning.
func (d *decoder) expand(c *ical.Component, uid string) ([]occurrence, string, error) {
	start, err := d.timeProp(c, ical.PropDateTimeStart, nil, uid)
	if err != nil {
		return nil, "", err
	}
	end, err := d.endOf(c, start, uid)
	if err != nil {
		return nil, "", err
	}
	if end.Before(start.instant) {
		return nil, "", &lineError{d.src.propLine(c, ical.PropDateTimeEnd), fmt.Errorf("DTEND %s is before DTSTART %s: %w",
			end.UTC().Format(utcLayout), start.instant.UTC().Format(utcLayout), ErrBadDate)}
	}
	rrules := c.Props.Values(ical.PropRecurrenceRule)
	rdates := c.Props.Values(ical.PropRecurrenceDates)
	first := occurrence{key: occurrenceKey(start), day: start.wall.Format(dateLayout), start: start.instant, end: end, allDay: start.date}
	if len(rrules) == 0 && len(rdates) == 0 {
		return []occurrence{first}, "", nil
	}
	// Instances keep the first one's wall-clock length (see Occurrences).
	wallLen := start.zone.wall(end).Sub(start.wall)
	days := 0
	if start.date {
		days = timezone.DateOf(start.wall).DaysUntil(timezone.DateOf(end.In(d.opt.Zone)))
	}
	at := func(in instance) occurrence {
		t := in.t
		if t.date || start.date {
			dd := timezone.DateOf(t.wall)
			return occurrence{key: t.wall.Format(dateLayout), day: t.wall.Format(dateLayout), start: dd.Midnight(d.opt.Zone),
				end: dd.AddDays(max(days, 1)).Midnight(d.opt.Zone), allDay: true}
		}
		o := occurrence{key: occurrenceKey(t), day: t.wall.Format(dateLayout), start: t.instant, end: in.end}
		if o.end.IsZero() {
			z := t.zone
			if z == nil {
				z = start.zone
			}
			o.end = z.instant(z.wall(t.instant).Add(wallLen))
		}
		return o
	}
	starts := []instance{{t: start}}
	rdateLines := d.src.propLines(c, ical.PropRecurrenceDates)
	for i, p := range rdates {
		line := d.src.lineAt(c, rdateLines, i)
		if strings.TrimSpace(p.Value) == "" {
			d.warn(c, line, uid, fmt.Errorf("RDATE has no value: %w", ErrBadDate), "property ignored", false)
			continue
		}
		for _, v := range strings.Split(p.Value, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			sv, ev, period := strings.Cut(v, "/")
			t, err := d.timeValue(&ical.Prop{Name: p.Name, Params: p.Params, Value: sv}, start.zone, line, uid)
			if err != nil {
				d.warn(c, line, uid, err, "date ignored", true)
				continue
			}
			in := instance{t: t}
			if period && !t.date && !start.date {
				if in.end, err = d.periodEnd(p, t, ev, start.zone, line, uid); err != nil {
					d.warn(c, line, uid, err, "read with the event's length", false)
				}
			}
			starts = append(starts, in)
		}
	}
	if len(rrules) > 0 && start.wall.Year() < 1900 {
		return nil, "recurrence starts before 1900", nil
	}
	// Instances that end before the window are not needed: the expansion
	// may start near it (a margin covers zone offsets and the length).
	span := max(wallLen, time.Duration(days)*24*time.Hour)
	lo := wallOf(d.opt.From.In(d.opt.Zone)).Add(-span - 72*time.Hour)
	hi := wallOf(d.opt.To.In(d.opt.Zone)).Add(48 * time.Hour)
	ruleLines := d.src.propLines(c, ical.PropRecurrenceRule)
	for i, p := range rrules {
		line := d.src.lineAt(c, ruleLines, i)
		if i == maxRules || len(starts) > maxOccurrences {
			d.warn(c, line, uid, fmt.Errorf("more than %d recurrence rules or %d instances: %w", maxRules, maxOccurrences, ErrTooLarge), "this rule and the next ones ignored", true)
			break
		}
		rule := normalizeRule(p.Value)
		if f := ruleFreq(rule); f == "SECONDLY" || f == "MINUTELY" || f == "HOURLY" {
			return nil, "repeats more often than daily", nil
		}
		if _, err := checkRule(rule, start.date, false); err != nil {
			d.warn(c, line, uid, err, "rule ignored", true)
			continue
		}
		walls, insts, err := expandRule(rule, start.wall, start.zone, start.date, true, lo, hi)
		if err != nil {
			d.warn(c, line, uid, err, "rule ignored", true)
			continue
		}
		for i, w := range walls {
			t := eventTime{wall: w, date: start.date, zone: start.zone}
			if !start.date {
				t.instant = insts[i]
			}
			starts = append(starts, instance{t: t})
		}
	}
	excluded := map[string]bool{}
	excludedDates := map[string]bool{}
	exdateLines := d.src.propLines(c, ical.PropExceptionDates)
	for i, p := range c.Props.Values(ical.PropExceptionDates) {
		line := d.src.lineAt(c, exdateLines, i)
		if strings.TrimSpace(p.Value) == "" {
			d.warn(c, line, uid, fmt.Errorf("EXDATE has no value: %w", ErrBadDate), "property ignored", false)
			continue
		}
		for _, v := range strings.Split(p.Value, ",") {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			t, err := d.timeValue(&ical.Prop{Name: p.Name, Params: p.Params, Value: v}, start.zone, line, uid)
			if err != nil {
				d.warn(c, line, uid, err, "date ignored", false)
				continue
			}
			if t.date || start.date {
				excludedDates[t.wall.Format(dateLayout)] = true
			} else {
				excluded[occurrenceKey(t)] = true
			}
		}
	}
	seen := map[string]bool{}
	var out []occurrence
	for _, s := range starts {
		o := at(s)
		if excluded[o.key] || excludedDates[s.t.wall.Format(dateLayout)] && (s.t.date || start.date) || seen[o.key] {
			continue
		}
		seen[o.key] = true
		out = append(out, o)
	}
	return out, "", nil
}

// periodEnd reads the end of an RDATE period (RFC 5545 section 3.3.9):
// a date-time or a duration after start.
func (d *decoder) periodEnd(p ical.Prop, start eventTime, v string, fallback wallZone, line int, uid string) (time.Time, error) {
	v = strings.TrimSpace(v)
	var end time.Time
	if strings.HasPrefix(strings.TrimLeft(v, "+-"), "P") {
		dur, err := (&ical.Prop{Name: ical.PropDuration, Params: ical.Params{}, Value: v}).Duration()
		if err != nil {
			return time.Time{}, fmt.Errorf("RDATE period %q: %w", clip(v), ErrBadDate)
		}
		end = start.instant.Add(dur)
	} else {
		t, err := d.timeValue(&ical.Prop{Name: p.Name, Params: p.Params, Value: v}, fallback, line, uid)
		if err != nil {
			return time.Time{}, err
		}
		end = t.instant
	}
	if !end.After(start.instant) || end.Sub(start.instant) > maxEventLength {
		return time.Time{}, fmt.Errorf("RDATE period %q does not end after it starts: %w", clip(v), ErrBadDate)
	}
	return end, nil
}

// normalizeRule reads an RRULE value as calendar programs write it:
// upper case, without the spaces Microsoft CDO puts after commas
// ("BYDAY=MO, TU, WE").
func normalizeRule(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, v)
	return strings.TrimPrefix(strings.ToUpper(v), "RRULE:")
}

func ruleFreq(rule string) string {
	for _, part := range strings.Split(strings.TrimPrefix(rule, "RRULE:"), ";") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.EqualFold(k, "FREQ") {
			return strings.ToUpper(v)
		}
	}
	return ""
}
