package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
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
	// Zone is the member's zone: floating times and all-day dates are read
	// in it.
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

// Skipped is an event Decode left out, and why.
type Skipped struct {
	UID, Summary, Reason string
}

// Import is what Decode read from a file.
type Import struct {
	Busy    []Busy
	Skipped []Skipped
	// UIDs are the events the file speaks for, cancelled ones included:
	// their occurrences in the window are exactly those in Busy.
	UIDs []string
	// Outside counts events with no occurrence in the window.
	Outside int
	// Own is set when the file is one of the app's own exports; nothing is
	// imported from it.
	Own bool
}

// Decode reads an iCalendar file (from Google Calendar, Outlook, Apple
// Calendar, Thunderbird, ...) and returns the member's busy time in the
// window: all-day events as whole days of the member's zone; TZID times
// through the IANA database, Outlook's Windows zone names or the file's
// own VTIMEZONE; UTC and floating times (the member's zone); recurrences
// with RRULE, RDATE and EXDATE expanded and RECURRENCE-ID overrides
// applied. Cancelled, free (TRANSP:TRANSPARENT or Outlook's FREE) and the
// app's own events are skipped. A file beyond the limits or with a date
// that cannot be read is refused whole with an error.
func Decode(r io.Reader, opt ImportOptions) (*Import, error) {
	if opt.Zone == nil {
		opt.Zone = time.UTC
	}
	if !opt.To.After(opt.From) {
		return nil, fmt.Errorf("import window %s to %s is empty", opt.From.Format(time.RFC3339), opt.To.Format(time.RFC3339))
	}
	cals, err := parseFile(r)
	if err != nil {
		return nil, err
	}
	out := &Import{}
	d := &decoder{keys: map[string]bool{}, opt: opt, out: out, zones: map[string]wallZone{}, vtz: map[string]*ical.Component{}}
	for _, cal := range cals {
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
	sort.Strings(out.UIDs)
	return out, nil
}

type decoder struct {
	keys  map[string]bool // occurrences already added (a UID may recur across VCALENDARs)
	opt   ImportOptions
	out   *Import
	zones map[string]wallZone
	vtz   map[string]*ical.Component
}

func (d *decoder) calendar(cal *ical.Component) error {
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			if id := strings.TrimSpace(propValue(c, ical.PropTimezoneID)); id != "" {
				d.vtz[id] = c
			}
		}
	}
	groups := map[string][]*ical.Component{}
	var order []string
	for i, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		uid := strings.TrimSpace(unescapeText(propValue(c, ical.PropUID)))
		if uid == "" {
			// Stable stand-in so that importing the file again matches.
			sum := sha256.Sum256([]byte(fmt.Sprint(i, propValue(c, ical.PropDateTimeStart), propValue(c, ical.PropSummary))))
			uid = "no-uid-" + hex.EncodeToString(sum[:8])
		}
		if _, ok := groups[uid]; !ok {
			order = append(order, uid)
		}
		groups[uid] = append(groups[uid], c)
	}
	for _, uid := range order {
		if err := d.event(uid, groups[uid]); err != nil {
			return err
		}
		if len(d.out.Busy) > MaxImported {
			return fmt.Errorf("more than %d busy times in the window: %w", MaxImported, ErrTooLarge)
		}
	}
	return nil
}

// event imports the occurrences of one UID: a master event and the
// overrides (RECURRENCE-ID) of some of its instances.
func (d *decoder) event(uid string, comps []*ical.Component) error {
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
		return nil
	}
	d.out.UIDs = append(d.out.UIDs, uid)
	before := len(d.out.Busy)
	overridden := map[string]bool{}
	for _, o := range overrides {
		rid, err := d.timeProp(o, ical.PropRecurrenceID)
		if errors.Is(err, ErrUnknownZone) {
			d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(o), err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("event %q: %w", uid, err)
		}
		overridden[occurrenceKey(rid)] = true
		if reason := skipReason(o); reason != "" {
			if master == nil {
				d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(o), reason})
			}
			continue
		}
		occ, err := d.single(o, rid)
		if errors.Is(err, ErrUnknownZone) {
			d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(o), err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("event %q: %w", uid, err)
		}
		d.add(uid, summary(o), occ)
	}
	if master != nil {
		if reason := skipReason(master); reason != "" {
			d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(master), reason})
			return nil
		}
		occs, reason, err := d.expand(master)
		if errors.Is(err, ErrUnknownZone) {
			reason, err = err.Error(), nil
		}
		if err != nil {
			return fmt.Errorf("event %q (%s): %w", uid, summary(master), err)
		}
		if reason != "" {
			d.out.Skipped = append(d.out.Skipped, Skipped{uid, summary(master), reason})
			return nil
		}
		for _, o := range occs {
			if !overridden[o.key] {
				d.add(uid, summary(master), o)
			}
		}
	}
	if len(d.out.Busy) == before {
		d.out.Outside++
	}
	return nil
}

// occurrence is one instance before it becomes a Busy.
type occurrence struct {
	key        string
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
func (d *decoder) single(c *ical.Component, key eventTime) (occurrence, error) {
	start, err := d.timeProp(c, ical.PropDateTimeStart)
	if err != nil {
		return occurrence{}, err
	}
	end, err := d.endOf(c, start)
	if err != nil {
		return occurrence{}, err
	}
	return occurrence{key: occurrenceKey(key), start: start.instant, end: end, allDay: start.date}, nil
}

// endOf is the end of the event's first instance: DTEND, DURATION, or the
// RFC 5545 default (one day for a date, none for a date-time).
func (d *decoder) endOf(c *ical.Component, start eventTime) (time.Time, error) {
	if c.Props.Get(ical.PropDateTimeEnd) != nil {
		end, err := d.timeProp(c, ical.PropDateTimeEnd)
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
		if err != nil || dur < 0 || dur > 5*366*24*time.Hour {
			return time.Time{}, fmt.Errorf("DURATION %q: %w", clip(p.Value), ErrBadDate)
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

// expand returns the occurrences of a master event that may touch the
// window, or why the event is not imported.
func (d *decoder) expand(c *ical.Component) ([]occurrence, string, error) {
	start, err := d.timeProp(c, ical.PropDateTimeStart)
	if err != nil {
		return nil, "", err
	}
	end, err := d.endOf(c, start)
	if err != nil {
		return nil, "", err
	}
	if end.Before(start.instant) {
		return nil, "", fmt.Errorf("DTEND %s is before DTSTART %s: %w", end.UTC().Format(utcLayout), start.instant.UTC().Format(utcLayout), ErrBadDate)
	}
	rrules := c.Props.Values(ical.PropRecurrenceRule)
	rdates := c.Props.Values(ical.PropRecurrenceDates)
	first := occurrence{key: occurrenceKey(start), start: start.instant, end: end, allDay: start.date}
	if len(rrules) == 0 && len(rdates) == 0 {
		return []occurrence{first}, "", nil
	}
	// Instances keep the first one's wall-clock length (see Occurrences).
	wallLen := start.zone.wall(end).Sub(start.wall)
	days := 0
	if start.date {
		days = timezone.DateOf(start.wall).DaysUntil(timezone.DateOf(end.In(d.opt.Zone)))
	}
	at := func(t eventTime) occurrence {
		if t.date || start.date {
			dd := timezone.DateOf(t.wall)
			return occurrence{key: t.wall.Format(dateLayout), start: dd.Midnight(d.opt.Zone),
				end: dd.AddDays(max(days, 1)).Midnight(d.opt.Zone), allDay: true}
		}
		z := t.zone
		if z == nil {
			z = start.zone
		}
		return occurrence{key: occurrenceKey(t), start: t.instant, end: z.instant(z.wall(t.instant).Add(wallLen))}
	}
	var starts []eventTime
	if len(rrules) > 0 {
		rule := strings.TrimSpace(rrules[0].Value)
		if f := ruleFreq(rule); f == "SECONDLY" || f == "MINUTELY" || f == "HOURLY" {
			return nil, "repeats more often than daily", nil
		}
		if start.wall.Year() < 1900 {
			return nil, "recurrence starts before 1900", nil
		}
		if _, err := checkRule(rule, start.date, false); err != nil {
			return nil, "", err
		}
		winEnd := d.opt.To.In(d.opt.Zone)
		walls, insts, err := expandRule(rule, start.wall, start.zone, start.date, wallOf(winEnd).Add(48*time.Hour))
		if err != nil {
			return nil, "", err
		}
		for i, w := range walls {
			t := eventTime{wall: w, date: start.date, zone: start.zone}
			if !start.date {
				t.instant = insts[i]
			}
			starts = append(starts, t)
		}
	} else {
		starts = append(starts, start)
	}
	for _, p := range rdates {
		for _, v := range strings.Split(p.Value, ",") {
			v = strings.SplitN(v, "/", 2)[0] // PERIOD: its start
			t, err := d.timeValue(&ical.Prop{Name: p.Name, Params: p.Params, Value: v}, start.zone)
			if err != nil {
				return nil, "", err
			}
			starts = append(starts, t)
		}
	}
	excluded := map[string]bool{}
	excludedDates := map[string]bool{}
	for _, p := range c.Props.Values(ical.PropExceptionDates) {
		for _, v := range strings.Split(p.Value, ",") {
			t, err := d.timeValue(&ical.Prop{Name: p.Name, Params: p.Params, Value: strings.TrimSpace(v)}, start.zone)
			if err != nil {
				return nil, "", err
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
		if excluded[o.key] || excludedDates[s.wall.Format(dateLayout)] && (s.date || start.date) || seen[o.key] {
			continue
		}
		seen[o.key] = true
		out = append(out, o)
	}
	return out, "", nil
}

func ruleFreq(rule string) string {
	for _, part := range strings.Split(strings.TrimPrefix(rule, "RRULE:"), ";") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.EqualFold(k, "FREQ") {
			return strings.ToUpper(v)
		}
	}
	return ""
}
