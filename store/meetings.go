package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// MeetingSeries returns every saved series, by title, with its occurrences.
func (db *DB) MeetingSeries(ctx context.Context) ([]team.MeetingSeries, error) {
	return readValue(ctx, db, queryMeetingSeries)
}

func queryMeetingSeries(ctx context.Context, q querier) ([]team.MeetingSeries, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, title, zone, members, uid, sequence
		FROM meeting_series ORDER BY title COLLATE NOCASE`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []team.MeetingSeries
	byID := map[int64]int{}
	for rows.Next() {
		var s team.MeetingSeries
		var members string
		if err := rows.Scan(&s.ID, &s.Title, &s.Zone, &members, &s.UID, &s.Sequence); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(members), &s.Members); err != nil {
			return nil, fmt.Errorf("meeting %q: stored members %q: %w", s.Title, members, err)
		}
		byID[s.ID] = len(out)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	occ, err := q.QueryContext(ctx, `SELECT series_id, start_utc, end_utc FROM meeting_occurrences
		ORDER BY series_id, start_utc`)
	if err != nil {
		return nil, classify(err)
	}
	defer occ.Close()
	for occ.Next() {
		var id int64
		var start, end string
		if err := occ.Scan(&id, &start, &end); err != nil {
			return nil, err
		}
		var iv timezone.Interval
		if iv.Start, err = ParseInstant(start); err != nil {
			return nil, err
		}
		if iv.End, err = ParseInstant(end); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			out[i].Occurrences = append(out[i].Occurrences, iv)
		}
	}
	return out, occ.Err()
}

// SaveMeetingSeries saves s by title in one transaction: a new title is
// inserted with a fresh UID; an existing one has its zone, members and
// occurrences replaced and its Sequence bumped when anything changed. It
// returns the series as stored.
func (db *DB) SaveMeetingSeries(ctx context.Context, s team.MeetingSeries) (team.MeetingSeries, error) {
	n, err := s.Normalize()
	if err != nil {
		return s, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		var old team.MeetingSeries
		var oldMembers string
		err := tx.QueryRowContext(ctx, `SELECT id, title, zone, members, uid, sequence FROM meeting_series WHERE title = ?`, n.Title).
			Scan(&old.ID, &old.Title, &old.Zone, &oldMembers, &old.UID, &old.Sequence)
		members, _ := json.Marshal(append([]string{}, n.Members...))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			n.UID, n.Sequence = newMeetingUID(), 0
			res, err := tx.ExecContext(ctx, `INSERT INTO meeting_series(title, zone, members, uid, sequence) VALUES (?, ?, ?, ?, 0)`,
				n.Title, n.Zone, string(members), n.UID)
			if err != nil {
				return err
			}
			if n.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			n.ID, n.UID, n.Sequence = old.ID, old.UID, old.Sequence
			same, err := sameOccurrences(ctx, tx, old.ID, n.Occurrences)
			if err != nil {
				return err
			}
			if !same || old.Zone != n.Zone || oldMembers != string(members) || old.Title != n.Title {
				n.Sequence++
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_series SET title = ?, zone = ?, members = ?, sequence = ? WHERE id = ?`,
				n.Title, n.Zone, string(members), n.Sequence, n.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_occurrences WHERE series_id = ?`, n.ID); err != nil {
				return err
			}
		}
		for i, iv := range n.Occurrences {
			if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_occurrences(series_id, position, start_utc, end_utc) VALUES (?, ?, ?, ?)`,
				n.ID, i, FormatInstant(iv.Start), FormatInstant(iv.End)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s, fmt.Errorf("save meeting %q: %w", n.Title, err)
	}
	return n, nil
}

func sameOccurrences(ctx context.Context, tx *sql.Tx, id int64, occ []timezone.Interval) (bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT start_utc, end_utc FROM meeting_occurrences WHERE series_id = ? ORDER BY start_utc`, id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var s, e string
		if err := rows.Scan(&s, &e); err != nil {
			return false, err
		}
		if i >= len(occ) || FormatInstant(occ[i].Start) != s || FormatInstant(occ[i].End) != e {
			return false, rows.Err()
		}
		i++
	}
	return i == len(occ), rows.Err()
}

// DeleteMeetingSeries removes a saved series and its occurrences.
func (db *DB) DeleteMeetingSeries(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM meeting_series WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("meeting series %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

func newMeetingUID() string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return "meeting-" + hex.EncodeToString(b[:])
}
