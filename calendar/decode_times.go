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

// timeProp reads the named date or date-time property of c.
func (d *decoder) timeProp(c *ical.Component, name string) (eventTime, error) {
	p := c.Props.Get(name)
	if p == nil {
		return eventTime{}, fmt.Errorf("%s is missing: %w", name, ErrBadDate)
	}
	return d.timeValue(p, nil)
}

// timeValue reads a date or date-time value with its TZID; fallback is the
// zone of a value without TZID or Z (the DTSTART's zone for EXDATE and
// RDATE, else the member's zone: floating time).
func (d *decoder) timeValue(p *ical.Prop, fallback wallZone) (eventTime, error) {
	wall, utc, date, err := parseICalTime(p.Value)
	if err != nil || wall.Year() < 1 {
		return eventTime{}, fmt.Errorf("%s %q: %w", p.Name, clip(p.Value), ErrBadDate)
	}
	if vt := strings.ToUpper(p.Params.Get("VALUE")); vt == "DATE" && !date {
		return eventTime{}, fmt.Errorf("%s %q is not a date: %w", p.Name, clip(p.Value), ErrBadDate)
	}
	if date {
		return eventTime{wall: wall, date: true, instant: d.dateInstant(wall), zone: goZone{d.opt.Zone}}, nil
	}
	if utc {
		return eventTime{wall: wall, instant: wall, zone: goZone{time.UTC}}, nil
	}
	z := fallback
	if tzid := strings.TrimSpace(p.Params.Get(ical.PropTimezoneID)); tzid != "" {
		z, err = d.zone(tzid)
		if err != nil {
			return eventTime{}, fmt.Errorf("%s %q: %w", p.Name, clip(p.Value), err)
		}
	}
	if z == nil {
		z = goZone{d.opt.Zone}
	}
	return eventTime{wall: wall, instant: z.instant(wall), zone: z}, nil
}

// ErrUnknownZone reports a TZID that is not an IANA or Windows zone name
// and has no VTIMEZONE in the file.
var ErrUnknownZone = errors.New("unknown time zone")

// zone resolves a TZID: an IANA name, a Windows name (Outlook), an IANA
// name behind a vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"),
// or else the file's own VTIMEZONE.
func (d *decoder) zone(tzid string) (wallZone, error) {
	tzid = strings.Trim(tzid, `"`)
	if z, ok := d.zones[tzid]; ok {
		return z, nil
	}
	z, err := d.resolveZone(tzid)
	if err != nil {
		return nil, err
	}
	d.zones[tzid] = z
	return z, nil
}

func (d *decoder) resolveZone(tzid string) (wallZone, error) {
	if loc, err := timezone.LoadZone(tzid); err == nil {
		return goZone{loc}, nil
	}
	if name, ok := windowsZones[tzid]; ok {
		if loc, err := timezone.LoadZone(name); err == nil {
			return goZone{loc}, nil
		}
	}
	if parts := strings.Split(strings.Trim(tzid, "/"), "/"); len(parts) > 2 {
		for n := 3; n >= 2; n-- {
			if len(parts) >= n {
				if loc, err := timezone.LoadZone(strings.Join(parts[len(parts)-n:], "/")); err == nil {
					return goZone{loc}, nil
				}
			}
		}
	}
	if c, ok := d.vtz[tzid]; ok {
		return newFileZone(c, d.opt.To.Year()+1)
	}
	return nil, fmt.Errorf("TZID %q: %w", tzid, ErrUnknownZone)
}
