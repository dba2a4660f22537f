package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// errBadInstant reports a date and time the on-call forms cannot read.
var errBadInstant = errors.New(`not a date and time like "2026-03-10 09:00" or "2026-03-10"`)

// parseLocalInstant reads a date and time typed in a form: "2006-01-02 15:04",
// "2006-01-02T15:04", a date alone (its midnight) in zone loc, or an RFC 3339
// instant. Local times follow timezone.ResolveLocal (a time in a DST gap
// moves forward, an ambiguous one takes the first occurrence).
func parseLocalInstant(field, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	datePart, clockPart, hasClock := strings.Cut(strings.Replace(s, "T", " ", 1), " ")
	d, err := timezone.ParseDate(strings.TrimSpace(datePart))
	if err != nil || d.Year < 1900 || d.Year > 9999 {
		return time.Time{}, fmt.Errorf("%s %q: %w", field, s, errBadInstant)
	}
	c := timezone.Clock(0)
	if hasClock {
		c, err = timezone.ParseTimeOfDay(strings.TrimSpace(clockPart))
		if err != nil {
			return time.Time{}, fmt.Errorf("%s %q: %w", field, s, errBadInstant)
		}
	}
	return timezone.ResolveLocal(d, c, loc).UTC(), nil
}

// spanText formats a duration in hours and minutes: "7d 23h", "12h", "45m".
func spanText(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%dd", days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%dh", hours))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%dm", mins))
	}
	return strings.Join(parts, " ")
}

// hoursFigure formats a duration as hours with one decimal: "168.0".
func hoursFigure(d time.Duration) string { return fmt.Sprintf("%.1f", d.Hours()) }
