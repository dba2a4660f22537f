package calfeed

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

// TimeOffStore keeps the time off an import reads. *store.DB implements it.
type TimeOffStore interface {
	// ReplaceImportedTimeOff merges offs, read from the calendar file
	// source, into the named member's time off in one transaction: an
	// occurrence already imported (same UID) is updated, a new one added,
	// and the earlier imported occurrences of the events the file speaks
	// for that start at or after since and are no longer in offs are
	// removed.
	ReplaceImportedTimeOff(ctx context.Context, member, source string, since time.Time,
		events []string, offs []roster.TimeOff) (roster.TimeOffChanges, error)
}

// TimeOffImport is what ImportTimeOff read from a calendar file and what it
// changed in the member's time off.
type TimeOffImport struct {
	roster.TimeOffChanges
	// From and To are the window read: occurrences in [From, To) count.
	From, To time.Time
	// Own is set when the file is one of the app's own exports; nothing is
	// imported from it.
	Own bool
	// Outside counts events with no occurrence in the window.
	Outside int
	// Skipped are the events left out on purpose, each with the reason.
	Skipped []calendar.Skipped
	// Warnings are the lines of the file that could not be read, each
	// with what was done about it (the first 20, then a count).
	Warnings []string
}

// ImportTimeOff reads an .ics file (source names it in the time off it
// adds) and merges the member's busy time in [now, now+ImportWindow) into
// their time off, in one transaction of st; a file that cannot be read
// changes nothing. Each busy occurrence becomes one roster.TimeOff whose
// UID is the occurrence's key (event UID and original start), so importing
// the same file again changes nothing.
func ImportTimeOff(ctx context.Context, st TimeOffStore, m roster.Member, source string, r io.Reader, now time.Time) (TimeOffImport, error) {
	loc, err := m.Location()
	if err != nil {
		return TimeOffImport{}, fmt.Errorf("member %q: zone %w", m.Name, err)
	}
	from, to := now.UTC().Truncate(time.Second), now.UTC().Truncate(time.Second).Add(ImportWindow)
	imp, err := calendar.Decode(r, calendar.ImportOptions{Zone: loc, From: from, To: to})
	if err != nil {
		return TimeOffImport{}, fmt.Errorf("import %s: %w", source, err)
	}
	out := TimeOffImport{From: from, To: to, Own: imp.Own, Outside: imp.Outside, Skipped: imp.Skipped, Warnings: imp.WarningLines()}
	if imp.Own {
		return out, nil
	}
	res, err := st.ReplaceImportedTimeOff(ctx, m.Name, source, from, imp.UIDs, busyTimeOff(imp.Busy, source))
	if err != nil {
		return TimeOffImport{}, fmt.Errorf("import %s: %w", source, err)
	}
	out.TimeOffChanges = res
	return out, nil
}

// busyTimeOff turns the busy occurrences read from the file source into
// time off.
func busyTimeOff(busy []calendar.Busy, source string) []roster.TimeOff {
	offs := make([]roster.TimeOff, len(busy))
	for i, b := range busy {
		offs[i] = roster.TimeOff{UID: b.Key, Start: b.Start, End: b.End, AllDay: b.AllDay, Summary: b.Summary, Source: source}
	}
	return offs
}

// maxSkippedShown bounds the skipped events Report lists one by one.
const maxSkippedShown = 20

// Report describes the import for a person: what was added, updated,
// removed or left as it was, every skipped event with the reason, and the
// lines that could not be read.
func (r TimeOffImport) Report() []string {
	if r.From.IsZero() {
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
	if len(r.Warnings) > 0 {
		lines = append(lines, "read around what could not be read:")
		for _, w := range r.Warnings {
			lines = append(lines, "  "+w)
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
