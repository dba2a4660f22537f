package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/timezone"
)

// eventTime is a DTSTART, DTEND, RECURRENCE-ID, EXDATE or RDATE value.
type eventTime struct {
	wall    time.Time // naive wall time (or the instant itself for UTC)
	instant time.Time
	date    bool
	zone    wallZone
}

// timeProp reads the named date or date-time property of c; fallback is
// the zone of a value without TZID or Z (nil: the calendar's floating
// zone). Its errors carry the property's line.
func (d *decoder) timeProp(c *ical.Component, name string, fallback wallZone, uid string) (eventTime, error) {
	p := c.Props.Get(name)
	line := d.src.propLine(c, name)
	if p == nil {
		return eventTime{}, &lineError{line, fmt.Errorf("%s is missing: %w", name, ErrBadDate)}
	}
	t, err := d.timeValue(p, fallback, line, uid)
	if err != nil {
		return eventTime{}, &lineError{line, err}
	}
	return t, nil
}

// timeValue reads a date or date-time value with its TZID; fallback is the
// zone of a value without TZID or Z (the DTSTART's zone for DTEND, EXDATE
// and RDATE), else the calendar's floating zone. line and uid say where
// the value is, for a warning about its zone.
func (d *decoder) timeValue(p *ical.Prop, fallback wallZone, line int, uid string) (eventTime, error) {
	v := strings.TrimSpace(p.Value)
	if strings.ContainsAny(v, " \t") {
		// No date holds a space: one comes from a fold written with two.
		v = strings.Join(strings.Fields(v), "")
	}
	wall, utc, date, err := parseICalTime(v)
	if err != nil || wall.Year() < 1 {
		return eventTime{}, fmt.Errorf("%s %q: %w", p.Name, clip(strings.TrimSpace(p.Value)), ErrBadDate)
	}
	if strings.EqualFold(p.Params.Get("VALUE"), "DATE") && !date {
		// A date-time where a date is announced: its date counts.
		wall, utc, date = time.Date(wall.Year(), wall.Month(), wall.Day(), 0, 0, 0, 0, time.UTC), false, true
	}
	if date {
		return eventTime{wall: wall, date: true, instant: d.dateInstant(wall), zone: goZone{d.opt.Zone}}, nil
	}
	if utc {
		return eventTime{wall: wall, instant: wall, zone: goZone{time.UTC}}, nil
	}
	z := fallback
	if tzid := tzidOf(p); tzid != "" {
		z, err = d.zone(tzid, line, uid)
		if err != nil {
			return eventTime{}, fmt.Errorf("%s %q: %w", p.Name, clip(v), err)
		}
	}
	if z == nil {
		z = d.floating
	}
	if z == nil {
		z = goZone{d.opt.Zone}
	}
	return eventTime{wall: wall, instant: z.instant(wall), zone: z}, nil
}

// tzidOf is the TZID parameter of p. A TZID is never a list: commas of an
// unquoted value ("(UTC+01:00) Amsterdam, Berlin, ...") belong to it, and
// quotes are no part of it.
func tzidOf(p *ical.Prop) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(p.Params[ical.PropTimezoneID], ","), `"`, ""))
}

// ErrUnknownZone reports a TZID that is not an IANA or Windows zone name
// and has no VTIMEZONE in the file.
var ErrUnknownZone = errors.New("unknown time zone")

// zone resolves a TZID (see resolveZone). A guess is made once per TZID
// and warned about at the line of its first use.
func (d *decoder) zone(tzid string, line int, uid string) (wallZone, error) {
	tzid = strings.TrimSpace(strings.ReplaceAll(tzid, `"`, ""))
	if z, ok := d.zones[tzid]; ok {
		return z, nil
	}
	z, guess, err := d.resolveZone(tzid)
	if err != nil {
		return nil, err
	}
	if guess != "" {
		d.warn(nil, line, uid, fmt.Errorf("TZID %q is neither a zone name the app knows nor described in the file: %w", clip(tzid), ErrUnknownZone), guess, false)
	}
	d.zones[tzid] = z
	return z, nil
}

// resolveZone resolves a TZID: an IANA name, a Windows name (Outlook), a
// Windows display name ("(UTC-05:00) Eastern Time (US & Canada)", OWA and
// Exchange 2010), an IANA name behind a vendor prefix
// ("/mozilla.org/20050126_1/Europe/Berlin"), the file's own VTIMEZONE, or
// failing all of these the UTC offset a display name starts with, as a
// fixed zone (guess says so).
func (d *decoder) resolveZone(tzid string) (z wallZone, guess string, err error) {
	if loc, err := timezone.LoadZone(tzid); err == nil {
		return goZone{loc}, "", nil
	}
	if name, ok := windowsZones[tzid]; ok {
		if loc, err := timezone.LoadZone(name); err == nil {
			return goZone{loc}, "", nil
		}
	}
	if id, ok := windowsDisplayZone(tzid); ok {
		if loc, err := timezone.LoadZone(windowsZones[id]); err == nil {
			return goZone{loc}, "", nil
		}
	}
	if parts := strings.Split(strings.Trim(tzid, "/"), "/"); len(parts) > 2 {
		for n := 3; n >= 2; n-- {
			if len(parts) >= n {
				if loc, err := timezone.LoadZone(strings.Join(parts[len(parts)-n:], "/")); err == nil {
					return goZone{loc}, "", nil
				}
			}
		}
	}
	var vtzErr error
	if c, ok := d.vtz[tzid]; ok {
		fz, err := newFileZone(c, d.opt.To.Year()+1)
		if err == nil {
			return fz, "", nil
		}
		vtzErr = err
	}
	if off, ok := labelOffset(tzid); ok {
		return goZone{time.FixedZone(tzid, off)}, fmt.Sprintf("read as UTC%s all year (no daylight saving time)", labelOffsetText(off)), nil
	}
	if vtzErr != nil {
		return nil, "", fmt.Errorf("TZID %q: %w", clip(tzid), vtzErr)
	}
	return nil, "", fmt.Errorf("TZID %q: %w", clip(tzid), ErrUnknownZone)
}

// labelOffsetText writes a UTC offset in seconds as +hh:mm, as display names do.
func labelOffsetText(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
}
