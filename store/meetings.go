package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dev.remotecto/remotecto/timezone"
)

// ErrBadMeeting reports a meeting series that cannot be saved.
var ErrBadMeeting = errors.New("not a valid meeting series")

// MaxMeetingOccurrences bounds the occurrences of one series.
const MaxMeetingOccurrences = 1000

// MeetingSeries is a saved meeting, or a series of meetings whose times may
// move from one occurrence to the next (a fair rotation).
type MeetingSeries struct {
	ID    int64
	Title string
	// Zone is the IANA zone the times were planned in; exports write their
	// times with this TZID.
	Zone string
	// Members are the names of the people invited.
	Members []string
	// UID is the stable identity of the series' calendar events; it is made
	// on first save and never changes.
	UID string
	// Sequence counts the changes since the first save.
	Sequence int
	// Occurrences are the meetings in time order.
	Occurrences []timezone.Interval
}

// Normalize returns a trimmed, checked copy with occurrences in time order.
func (s MeetingSeries) Normalize() (MeetingSeries, error) {
	s.Title = strings.TrimSpace(s.Title)
	s.Zone = strings.TrimSpace(s.Zone)
	if s.Title == "" {
		return s, fmt.Errorf("title is empty: %w", ErrBadMeeting)
	}
	if len([]rune(s.Title)) > 120 {
		return s, fmt.Errorf("title %q is longer than 120 characters: %w", s.Title, ErrBadMeeting)
	}
	if _, err := timezone.LoadZone(s.Zone); err != nil {
		return s, fmt.Errorf("meeting %q: zone %w", s.Title, err)
	}
	if len(s.Occurrences) == 0 || len(s.Occurrences) > MaxMeetingOccurrences {
		return s, fmt.Errorf("meeting %q has %d occurrences, want 1 to %d: %w", s.Title, len(s.Occurrences), MaxMeetingOccurrences, ErrBadMeeting)
	}
	occ := make([]timezone.Interval, len(s.Occurrences))
	for i, iv := range s.Occurrences {
		iv = timezone.Interval{Start: iv.Start.UTC().Truncate(1e9), End: iv.End.UTC().Truncate(1e9)}
		if !iv.End.After(iv.Start) {
			return s, fmt.Errorf("meeting %q occurrence %d from %s to %s: end is not after start: %w",
				s.Title, i+1, FormatInstant(iv.Start), FormatInstant(iv.End), ErrBadMeeting)
		}
		occ[i] = iv
	}
	slices.SortFunc(occ, func(a, b timezone.Interval) int { return a.Start.Compare(b.Start) })
	s.Occurrences = occ
	var members []string
	for _, m := range s.Members {
		if m = strings.TrimSpace(m); m != "" && !slices.Contains(members, m) {
			members = append(members, m)
		}
	}
	s.Members = members
	return s, nil
}

// MeetingSeries returns every saved series, by title, with its occurrences.
func (db *DB) MeetingSeries(ctx context.Context) ([]MeetingSeries, error) {
	return readValue(ctx, db, queryMeetingSeries)
}

func queryMeetingSeries(ctx context.Context, q querier) ([]MeetingSeries, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, title, zone, members, uid, sequence
		FROM meeting_series ORDER BY title COLLATE NOCASE`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []MeetingSeries
	byID := map[int64]int{}
	for rows.Next() {
		var s MeetingSeries
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
func (db *DB) SaveMeetingSeries(ctx context.Context, s MeetingSeries) (MeetingSeries, error) {
	n, err := s.Normalize()
	if err != nil {
		return s, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		var old MeetingSeries
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
