package store

// The 1:1 and update log lives in the same file as the team: 1:1s, action
// items, updates, tags and cadences, with an FTS5 index kept in step by
// triggers (schema: migrations/003_log.sql). The log_*.go files hold its
// methods; like the rest of DB, every method that changes something is one
// write transaction and every method that reads is one read transaction.

import (
	"fmt"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// parseLogDate reads a stored date; "" (and anything unreadable) is the zero
// Date, which means no date.
func parseLogDate(s string) timezone.Date {
	if s == "" {
		return timezone.Date{}
	}
	d, err := timezone.ParseDate(s)
	if err != nil {
		return timezone.Date{}
	}
	return d
}

// formatLogDate writes a date as stored; the zero Date is "".
func formatLogDate(d timezone.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// parseStoredInstant reads an instant written by FormatInstant; the error
// names the field and the stored value.
func parseStoredInstant(field, s string) (time.Time, error) {
	t, err := ParseInstant(s)
	if err != nil {
		return t, fmt.Errorf("stored %s %q: %w", field, s, err)
	}
	return t, nil
}
