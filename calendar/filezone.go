package calendar

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// maxOnsets bounds the changes read from one VTIMEZONE of a file.
const maxOnsets = 5000

// fileZone is a zone known only from a file's VTIMEZONE (a TZID that is
// neither an IANA nor a Windows name, such as Outlook's "Customized Time
// Zone"). It is evaluated as clients do: the observance with the latest
// onset at or before an instant gives the offset.
type fileZone struct {
	onsets []zoneOnset // sorted by instant
}

type zoneOnset struct {
	at       time.Time
	from, to int
}

// newFileZone reads a VTIMEZONE, expanding yearly rules up to lastYear.
// An observance that cannot be read is left out; a VTIMEZONE without one
// that can is an error.
func newFileZone(tz *ical.Component, lastYear int) (*fileZone, error) {
	z := &fileZone{}
	var firstBad error
	for _, o := range tz.Children {
		if o.Name != ical.CompTimezoneStandard && o.Name != ical.CompTimezoneDaylight {
			continue
		}
		from, err1 := parseUTCOffset(propValue(o, "TZOFFSETFROM"))
		to, err2 := parseUTCOffset(propValue(o, "TZOFFSETTO"))
		start, _, _, err3 := parseICalTime(propValue(o, "DTSTART"))
		if err := firstErr(err1, err2, err3); err != nil {
			// A broken observance is passed over; the others still
			// describe the zone.
			if firstBad == nil {
				firstBad = fmt.Errorf("VTIMEZONE %q: %s: %w", clip(propValue(tz, "TZID")), o.Name, err)
			}
			continue
		}
		add := func(wall time.Time) {
			z.onsets = append(z.onsets, zoneOnset{at: wall.Add(-time.Duration(from) * time.Second), from: from, to: to})
		}
		add(start)
		if r := propValue(o, "RRULE"); r != "" {
			opt, err := rrule.StrToROption(stripUntilLocal(r))
			if err == nil && opt.Freq == rrule.YEARLY {
				opt.Dtstart = start
				end := time.Date(lastYear+1, 12, 31, 0, 0, 0, 0, time.UTC)
				if opt.Until.IsZero() || opt.Until.After(end) {
					opt.Until = end
				}
				safely(func() error {
					r, err := rrule.NewRRule(*opt)
					if err != nil {
						return err
					}
					next := r.Iterator()
					for n := 0; n < maxOnsets; n++ {
						w, ok := next()
						if !ok {
							break
						}
						add(w)
					}
					return nil
				})
			}
		}
		for _, p := range o.Props.Values("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				if w, _, _, err := parseICalTime(strings.SplitN(v, "/", 2)[0]); err == nil {
					add(w)
				}
			}
		}
		if len(z.onsets) > maxOnsets {
			return nil, fmt.Errorf("VTIMEZONE %q has more than %d changes: %w", propValue(tz, "TZID"), maxOnsets, ErrTooLarge)
		}
	}
	if len(z.onsets) == 0 && firstBad != nil {
		return nil, firstBad
	}
	if len(z.onsets) == 0 {
		return nil, fmt.Errorf("VTIMEZONE %q has no STANDARD or DAYLIGHT: %w", propValue(tz, "TZID"), ErrMalformed)
	}
	sort.SliceStable(z.onsets, func(i, j int) bool { return z.onsets[i].at.Before(z.onsets[j].at) })
	return z, nil
}

// stripUntilLocal keeps a rule parseable when its UNTIL is local time.
func stripUntilLocal(r string) string {
	var kept []string
	for _, part := range strings.Split(r, ";") {
		if k, v, _ := strings.Cut(part, "="); strings.EqualFold(k, "UNTIL") && !strings.HasSuffix(v, "Z") {
			if t, _, _, err := parseICalTime(v); err == nil {
				part = "UNTIL=" + t.Format(utcLayout)
			}
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, ";")
}

// offsetAt is the UTC offset in force at instant t.
func (z *fileZone) offsetAt(t time.Time) int {
	i := sort.Search(len(z.onsets), func(i int) bool { return z.onsets[i].at.After(t) })
	if i == 0 {
		return z.onsets[0].from
	}
	return z.onsets[i-1].to
}

// wall is the wall-clock reading of instant t.
func (z *fileZone) wall(t time.Time) time.Time {
	return t.UTC().Add(time.Duration(z.offsetAt(t)) * time.Second)
}

// instant resolves a wall time by RFC 5545 3.3.5: the first of two
// readings, and a time in a gap read with the offset before the gap.
func (z *fileZone) instant(w time.Time) time.Time {
	var offs []int
	for _, probe := range []time.Duration{-26 * time.Hour, -14 * time.Hour, 0, 12 * time.Hour, 26 * time.Hour} {
		off := z.offsetAt(w.Add(probe))
		if !containsOffset(offs, off) {
			offs = append(offs, off)
		}
	}
	var best time.Time
	found := false
	minOff := offs[0]
	for _, off := range offs {
		minOff = min(minOff, off)
		u := w.Add(-time.Duration(off) * time.Second)
		if z.offsetAt(u) == off && (!found || u.Before(best)) {
			best, found = u, true
		}
	}
	if !found {
		best = w.Add(-time.Duration(minOff) * time.Second)
	}
	return best
}

func containsOffset(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// parseUTCOffset reads +hhmm or +hhmmss.
func parseUTCOffset(s string) (int, error) {
	s = strings.TrimSpace(s)
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("UTC offset %q: %w", clip(s), ErrMalformed)
	}
	n := 0
	parts := []int{}
	for i := 1; i < len(s); i += 2 {
		v, err := strconv.Atoi(s[i : i+2])
		if err != nil || v < 0 {
			return 0, fmt.Errorf("UTC offset %q: %w", s, ErrMalformed)
		}
		parts = append(parts, v)
	}
	if parts[0] > 23 || parts[1] > 59 || (len(parts) == 3 && parts[2] > 59) {
		return 0, fmt.Errorf("UTC offset %q: %w", s, ErrMalformed)
	}
	n = parts[0]*3600 + parts[1]*60
	if len(parts) == 3 {
		n += parts[2]
	}
	if s[0] == '-' {
		n = -n
	}
	return n, nil
}

func propValue(c *ical.Component, name string) string {
	if p := c.Props.Get(name); p != nil {
		return p.Value
	}
	return ""
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
