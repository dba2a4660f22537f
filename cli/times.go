package cli

import (
	"flag"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// parseT reads a command-line time T: an RFC 3339 instant, or a date
// YYYY-MM-DD meaning its first instant (midnight) in loc.
func parseT(field, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if d, err := timezone.ParseDate(s); err == nil {
		return d.Midnight(loc).UTC(), nil
	}
	return time.Time{}, usagef("%s %q: give an RFC 3339 instant (2026-03-10T09:00:00Z) or a date (2026-03-10)", field, s)
}

// zoneFlag registers --tz (default UTC) on fs.
func zoneFlag(fs *flag.FlagSet) *string {
	return fs.String("tz", "UTC", "time zone for dates and output (IANA name)")
}

// loadZoneFlag loads the zone given with --tz.
func loadZoneFlag(name string) (*time.Location, error) {
	loc, err := timezone.LoadZone(name)
	if err != nil {
		return nil, usagef("--tz %v", err)
	}
	return loc, nil
}

// window reads --from and --to (either may be empty) with the default of
// now to one year ahead, and checks from < to.
func window(fromS, toS string, loc *time.Location, now time.Time) (from, to time.Time, err error) {
	from, to = now.UTC().Truncate(time.Second), now.UTC().Truncate(time.Second).AddDate(1, 0, 0)
	if fromS != "" {
		if from, err = parseT("--from", fromS, loc); err != nil {
			return
		}
		if toS == "" {
			to = from.AddDate(1, 0, 0)
		}
	}
	if toS != "" {
		if to, err = parseT("--to", toS, loc); err != nil {
			return
		}
	}
	if !from.Before(to) {
		err = usagef("--from %s is not before --to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	return
}
