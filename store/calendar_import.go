package store

import (
	"context"
	"fmt"
	"io"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/roster"
)

// ImportWindow is how far ahead a calendar import reads: one year from now.
const ImportWindow = 366 * 24 * time.Hour

// CalendarImport is what ImportCalendar read and changed.
type CalendarImport struct {
	*calendar.Import
	TimeOffImport
	From, To time.Time
}

// ImportCalendar reads an .ics file (source names it in the time off it
// adds) and merges the member's busy time in [now, now+ImportWindow) into
// their time off, in one transaction; a file that cannot be read changes
// nothing.
func (db *DB) ImportCalendar(ctx context.Context, m roster.Member, source string, r io.Reader, now time.Time) (CalendarImport, error) {
	loc, err := m.Location()
	if err != nil {
		return CalendarImport{}, fmt.Errorf("member %q: zone %w", m.Name, err)
	}
	from, to := now.UTC().Truncate(time.Second), now.UTC().Truncate(time.Second).Add(ImportWindow)
	imp, err := calendar.Decode(r, calendar.ImportOptions{Zone: loc, From: from, To: to})
	if err != nil {
		return CalendarImport{}, fmt.Errorf("import %s: %w", source, err)
	}
	out := CalendarImport{Import: imp, From: from, To: to}
	if imp.Own {
		return out, nil
	}
	spans := make([]roster.TimeOff, len(imp.Busy))
	for i, b := range imp.Busy {
		spans[i] = roster.TimeOff{UID: b.Key, Start: b.Start, End: b.End, AllDay: b.AllDay, Summary: b.Summary}
	}
	res, err := db.ImportTimeOff(ctx, m.ID, source, from, imp.UIDs, spans)
	if err != nil {
		return CalendarImport{}, fmt.Errorf("import %s: %w", source, err)
	}
	out.TimeOffImport = res
	return out, nil
}

// maxSkippedShown bounds the skipped events Report lists one by one.
const maxSkippedShown = 20

// Report describes the import for a person: what was added, updated,
// removed or left as it was, and every skipped event with the reason.
func (r CalendarImport) Report() []string {
	if r.Import == nil {
		return nil
	}
	if r.Own {
		return []string{"this file was exported by remotecto; nothing imported (its events are already in the app)"}
	}
	lines := []string{fmt.Sprintf("%d added, %d updated, %d unchanged, %d removed (busy times from %s to %s)",
		r.Added, r.Updated, r.Unchanged, r.Removed, r.From.Format("2006-01-02"), r.To.Format("2006-01-02"))}
	if r.Outside > 0 {
		lines = append(lines, fmt.Sprintf("%s no occurrence in that window", plural(r.Outside, "event has", "events have")))
	}
	if n := len(r.Skipped); n > 0 {
		lines = append(lines, fmt.Sprintf("skipped %s:", plural(n, "event", "events")))
		for i, s := range r.Skipped {
			if i == maxSkippedShown {
				lines = append(lines, fmt.Sprintf("  … and %d more", n-i))
				break
			}
			lines = append(lines, fmt.Sprintf("  %s: %s", s.Summary, s.Reason))
		}
	}
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
