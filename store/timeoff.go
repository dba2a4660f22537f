package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/roster"
)

// AddTimeOff saves one span of time off of a member (entered by hand when
// t.Source is empty: it becomes "manual") and returns it with its ID.
func (db *DB) AddTimeOff(ctx context.Context, memberID int64, t roster.TimeOff) (roster.TimeOff, error) {
	t, err := checkTimeOff(t)
	if err != nil {
		return t, err
	}
	if t.Source == "" {
		t.Source = "manual"
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		if err := memberExists(ctx, tx, memberID); err != nil {
			return err
		}
		id, err := insertTimeOff(ctx, tx, memberID, t)
		t.ID = id
		return err
	})
	return t, err
}

// DeleteTimeOff removes one span of time off.
func (db *DB) DeleteTimeOff(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("time off %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// ReplaceImportedTimeOff merges time off read from a calendar file (source
// names it) into the time off of the named member, in one transaction.
// The UID of each of offs identifies one occurrence ("event UID#original
// start"): a known one is updated when its times or summary changed, a new
// one is added. events are the calendar events the file speaks for: their earlier
// imported occurrences starting at or after since that offs no longer has
// (cancelled, moved, deleted) are removed. Time off entered by hand and
// other events are never touched, so importing the same file twice changes
// nothing.
func (db *DB) ReplaceImportedTimeOff(ctx context.Context, member, source string, since time.Time,
	events []string, offs []roster.TimeOff) (roster.TimeOffChanges, error) {
	var res roster.TimeOffChanges
	checked := make([]roster.TimeOff, len(offs))
	keys := make(map[string]bool, len(offs))
	for i, t := range offs {
		c, err := checkTimeOff(t)
		if err != nil {
			return res, err
		}
		if c.UID == "" {
			return res, fmt.Errorf("time off %q from %s: no uid", c.Summary, FormatInstant(c.Start))
		}
		if keys[c.UID] {
			return res, fmt.Errorf("time off uid %q given twice", c.UID)
		}
		keys[c.UID] = true
		c.Source = source
		checked[i] = c
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		res = roster.TimeOffChanges{}
		memberID, err := memberIDByName(ctx, tx, member)
		if err != nil {
			return err
		}
		existing, err := importedTimeOff(ctx, tx, memberID)
		if err != nil {
			return err
		}
		for _, t := range checked {
			old, ok := existing[t.UID]
			switch {
			case !ok:
				if _, err := insertTimeOff(ctx, tx, memberID, t); err != nil {
					return err
				}
				res.Added++
			case old.Start.Equal(t.Start) && old.End.Equal(t.End) && old.Summary == t.Summary && old.AllDay == t.AllDay:
				res.Unchanged++
			default:
				if _, err := tx.ExecContext(ctx, `UPDATE time_off SET start_utc = ?, end_utc = ?, all_day = ?,
					summary = ?, source = ? WHERE id = ?`, FormatInstant(t.Start), FormatInstant(t.End),
					t.AllDay, t.Summary, t.Source, old.ID); err != nil {
					return err
				}
				res.Updated++
			}
		}
		speaks := make(map[string]bool, len(events))
		for _, u := range events {
			speaks[u] = true
		}
		for key, old := range existing {
			i := strings.LastIndexByte(key, '#')
			if i < 0 || !speaks[key[:i]] || keys[key] || old.Start.Before(since) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE id = ?`, old.ID); err != nil {
				return err
			}
			res.Removed++
		}
		return nil
	})
	if err != nil {
		return roster.TimeOffChanges{}, fmt.Errorf("import time off: %w", err)
	}
	return res, nil
}

// maxSummary is the longest time-off summary kept.
const maxSummary = 200

func checkTimeOff(t roster.TimeOff) (roster.TimeOff, error) {
	t.Summary = strings.TrimSpace(strings.ReplaceAll(t.Summary, "\n", " "))
	if r := []rune(t.Summary); len(r) > maxSummary {
		t.Summary = string(r[:maxSummary-1]) + "…"
	}
	t.Start, t.End = t.Start.UTC().Truncate(time.Second), t.End.UTC().Truncate(time.Second)
	if !t.End.After(t.Start) {
		return t, fmt.Errorf("time off %q from %s to %s: %w", t.Summary, FormatInstant(t.Start), FormatInstant(t.End), roster.ErrBadTimeOff)
	}
	return t, nil
}

func memberExists(ctx context.Context, tx querier, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("member %d: %w", id, ErrNotFound)
	}
	return nil
}

// memberIDByName returns the ID of the member with that name
// (case-insensitive).
func memberIDByName(ctx context.Context, tx querier, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM members WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("member %q: %w", name, ErrNotFound)
	}
	return id, err
}

func insertTimeOff(ctx context.Context, tx querier, memberID int64, t roster.TimeOff) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO time_off(member_id, start_utc, end_utc, all_day, summary, source, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, memberID, FormatInstant(t.Start), FormatInstant(t.End), t.AllDay, t.Summary, t.Source, t.UID)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// importedTimeOff is a member's time off that came from calendar files, by UID.
func importedTimeOff(ctx context.Context, tx querier, memberID int64) (map[string]roster.TimeOff, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, start_utc, end_utc, all_day, summary, source, uid
		FROM time_off WHERE member_id = ? AND uid <> ''`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]roster.TimeOff{}
	for rows.Next() {
		var t roster.TimeOff
		var start, end string
		if err := rows.Scan(&t.ID, &start, &end, &t.AllDay, &t.Summary, &t.Source, &t.UID); err != nil {
			return nil, err
		}
		if t.Start, err = ParseInstant(start); err != nil {
			return nil, errors.Join(fmt.Errorf("time off %d: start %q", t.ID, start), err)
		}
		if t.End, err = ParseInstant(end); err != nil {
			return nil, errors.Join(fmt.Errorf("time off %d: end %q", t.ID, end), err)
		}
		out[t.UID] = t
	}
	return out, rows.Err()
}

// ClearTimeOffSource removes, in one transaction, every time off of the
// named member that came from source (a calendar file's name, "team file" or
// "manual"), and returns how many went.
func (db *DB) ClearTimeOffSource(ctx context.Context, member, source string) (int, error) {
	if strings.TrimSpace(source) == "" {
		return 0, errors.New("source is empty: name the file the time off was imported from")
	}
	var n int64
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, member)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE member_id = ? AND source = ?`, m.id, source)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
