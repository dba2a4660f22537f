package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// The one way the command line reads times: every instant (--at, --from,
// --to) goes through parseT, every range through rangeFlags, every day
// (--date) through parseDate.

// tHelp describes T in the options' help.
const tHelp = "RFC 3339 instant or date YYYY-MM-DD at midnight in --tz, from 1970-01-01 to 2200-01-01"

// parseT reads a command-line time T: an RFC 3339 instant, or a date
// YYYY-MM-DD meaning its first instant (midnight) in loc. The instant must
// lie in the accepted range (timezone.CheckInstant). field names the option
// in the message.
func parseT(field, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d, derr := timezone.ParseDate(s)
		if derr != nil {
			return time.Time{}, usagef("%s %s: give an RFC 3339 instant (2026-03-10T09:00:00Z) or a date (2026-03-10)", field, termsafe.Quote(s))
		}
		if err := timezone.CheckDate(field, d); err != nil {
			return time.Time{}, usagef("%v", err)
		}
		t = d.Midnight(loc)
	}
	t = t.UTC()
	if err := timezone.CheckInstant(field, t); err != nil {
		return time.Time{}, usagef("%v", err)
	}
	return t, nil
}

// parseAt reads an instant option that defaults to now.
func parseAt(field, s string, loc *time.Location, now time.Time) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return now.UTC().Truncate(time.Second), nil
	}
	return parseT(field, s, loc)
}

// parseDate reads a day option (--date): YYYY-MM-DD, a day of the calendar
// in the accepted range.
func parseDate(field, s string) (timezone.Date, error) {
	d, err := timezone.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return d, usagef("%s %v", field, err)
	}
	if err := timezone.CheckDate(field, d); err != nil {
		return d, usagef("%v", err)
	}
	return d, nil
}

// zoneFlag registers --tz (default UTC) on fs.
func zoneFlag(fs *flag.FlagSet) *string {
	return fs.String("tz", "UTC", "time zone for dates and output (IANA name)")
}

// instantInZone reads the --tz zone and then, in it, the instant given to
// field (now when empty): the pair most commands start with.
func instantInZone(field, value, tz string, now time.Time) (time.Time, *time.Location, error) {
	loc, err := loadZoneFlag(tz)
	if err != nil {
		return time.Time{}, nil, err
	}
	at, err := parseAt(field, value, loc, now)
	return at, loc, err
}

// loadZoneFlag loads the zone given with --tz.
func loadZoneFlag(name string) (*time.Location, error) {
	loc, err := timezone.LoadZone(name)
	if err != nil {
		return nil, usagef("--tz %v", err)
	}
	return loc, nil
}

// rangeKind is how a command's --from and --to behave.
type rangeKind int

const (
	// openRange filters stored records: either end may be left out, and
	// nothing is capped.
	openRange rangeKind = iota
	// aheadRange works out what a rota or a calendar holds: the range
	// defaults to one year from now (or from --from), and a longer one is
	// cut to maxRange, which the command says on standard error.
	aheadRange
	// yearRange filters stored records with aheadRange's defaults, and
	// no cap.
	yearRange
)

// maxRange is the longest range a command works out, the longest the rota
// computes (oncall.MaxRange, five years of 366 days): the output of a
// longer one grows without bound (a one-hour rotation over a thousand
// years, an export of a century of events).
const maxRange = oncall.MaxRange

// rangeFlags are a command's --from, --to and --tz.
type rangeFlags struct {
	kind         rangeKind
	from, to, tz *string
}

// addRangeFlags registers --from, --to and --tz on fs.
func addRangeFlags(fs *flag.FlagSet, kind rangeKind) *rangeFlags {
	r := &rangeFlags{kind: kind}
	switch kind {
	case aheadRange:
		r.from = fs.String("from", "", "start of the range ("+tHelp+"; default now)")
		r.to = fs.String("to", "", fmt.Sprintf("end of the range, exclusive (default one year after the start; at most %d days after it)", maxRange/(24*time.Hour)))
	default:
		r.from = fs.String("from", "", "from this time ("+tHelp+")")
		r.to = fs.String("to", "", "until this time, exclusive")
	}
	r.tz = zoneFlag(fs)
	return r
}

// parse reads the options: the zone, and the range [from, to). In an open
// range a missing end is the zero time. A range of an aheadRange command
// longer than maxRange is cut, and the cut said on c's standard error.
func (r *rangeFlags) parse(c *Context) (loc *time.Location, from, to time.Time, err error) {
	if loc, err = loadZoneFlag(*r.tz); err != nil {
		return nil, from, to, err
	}
	var capped bool
	from, to, capped, err = parseRange(*r.from, *r.to, loc, c.Now(), r.kind)
	if err == nil && capped {
		fmt.Fprintf(c.Stderr, "remotecto %s: range capped to %d days, %s to %s; ask for the rest with --from %s\n",
			c.cmd.path, maxRange/(24*time.Hour), from.Format(time.RFC3339), to.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	return loc, from, to, err
}

// parseRange reads --from and --to (either may be empty) in loc and checks
// from < to; see rangeKind for the defaults and the cap.
func parseRange(fromS, toS string, loc *time.Location, now time.Time, kind rangeKind) (from, to time.Time, capped bool, err error) {
	if fromS != "" {
		if from, err = parseT("--from", fromS, loc); err != nil {
			return
		}
	}
	if toS != "" {
		if to, err = parseT("--to", toS, loc); err != nil {
			return
		}
	}
	if kind == aheadRange || kind == yearRange {
		if fromS == "" {
			from = now.UTC().Truncate(time.Second)
		}
		if toS == "" {
			to = from.AddDate(1, 0, 0)
			if to.After(timezone.MaxInstant) {
				to = timezone.MaxInstant
			}
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		err = usagef("--from %s is not before --to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
		return
	}
	if kind == aheadRange {
		to, capped = oncall.CapRange(from, to)
	}
	return
}
