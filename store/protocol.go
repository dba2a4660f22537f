package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dev.remotecto/remotecto/protocol"
)

// ProtocolState returns the emergency protocol's review state: cadence,
// critical links, current version, when it was first written and the last
// review, read in one transaction.
func (db *DB) ProtocolState(ctx context.Context) (protocol.State, error) {
	return readValue(ctx, db, queryProtocolState)
}

func queryProtocolState(ctx context.Context, q querier) (protocol.State, error) {
	var s protocol.State
	var err error
	if s.Settings, err = queryProtocolSettings(ctx, q); err != nil {
		return s, err
	}
	var since sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT count(*), min(at_utc) FROM protocol_versions`).Scan(&s.Versions, &since); err != nil {
		return s, err
	}
	if since.Valid {
		if s.Since, err = ParseInstant(since.String); err != nil {
			return s, err
		}
	}
	vs, err := queryProtocolVersions(ctx, q, 1)
	if err != nil {
		return s, err
	}
	if len(vs) > 0 {
		s.Current = vs[0]
	}
	var at string
	var version sql.NullInt64
	err = q.QueryRowContext(ctx, `SELECT at_utc, reviewer, version_id FROM protocol_reviews ORDER BY at_utc DESC, id DESC LIMIT 1`).
		Scan(&at, &s.LastReview.By, &version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s, nil
	case err != nil:
		return s, err
	}
	s.LastReview.VersionID = version.Int64
	s.LastReview.At, err = ParseInstant(at)
	return s, err
}

func queryProtocolSettings(ctx context.Context, q querier) (protocol.Settings, error) {
	s := protocol.Settings{EveryDays: protocol.DefaultEveryDays, Links: []protocol.Link{}}
	err := q.QueryRowContext(ctx, `SELECT review_every_days FROM protocol_settings WHERE id = 1`).Scan(&s.EveryDays)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, err
	}
	rows, err := q.QueryContext(ctx, `SELECT title, target FROM critical_links ORDER BY position`)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var l protocol.Link
		if err := rows.Scan(&l.Title, &l.Target); err != nil {
			return s, err
		}
		s.Links = append(s.Links, l)
	}
	return s, rows.Err()
}

// ProtocolVersions returns the protocol's saved versions, newest first.
func (db *DB) ProtocolVersions(ctx context.Context) ([]protocol.Version, error) {
	return readValue(ctx, db, func(ctx context.Context, q querier) ([]protocol.Version, error) {
		return queryProtocolVersions(ctx, q, -1)
	})
}

// queryProtocolVersions reads up to limit versions (all when negative), newest first.
func queryProtocolVersions(ctx context.Context, q querier, limit int) ([]protocol.Version, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at_utc, author, text FROM protocol_versions ORDER BY at_utc DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []protocol.Version
	for rows.Next() {
		var v protocol.Version
		var at string
		if err := rows.Scan(&v.ID, &at, &v.Author, &v.Text); err != nil {
			return nil, err
		}
		if v.At, err = ParseInstant(at); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// recordProtocolVersion keeps text as a new version, by the member set as
// me, when it differs from the latest version on record.
func (db *DB) recordProtocolVersion(ctx context.Context, tx querier, text string) error {
	var last string
	err := tx.QueryRowContext(ctx, `SELECT text FROM protocol_versions ORDER BY at_utc DESC, id DESC LIMIT 1`).Scan(&last)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if text == "" {
			return nil // no protocol before, none now
		}
	case err != nil:
		return err
	case last == text:
		return nil
	}
	me, err := queryMe(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO protocol_versions(at_utc, author, text) VALUES (?, ?, ?)`,
		FormatInstant(db.Now()), me, text)
	return err
}

// MarkProtocolReviewed records that the member set as me (or nobody in
// particular) reviewed the current protocol now, and returns the new state.
// With no protocol written there is nothing to review: ErrNotFound.
func (db *DB) MarkProtocolReviewed(ctx context.Context) (protocol.State, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var text string
		err := tx.QueryRowContext(ctx, `SELECT id, text FROM protocol_versions ORDER BY at_utc DESC, id DESC LIMIT 1`).Scan(&id, &text)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && text == "") {
			return fmt.Errorf("emergency protocol: nothing written to review: %w", ErrNotFound)
		}
		if err != nil {
			return err
		}
		me, err := queryMe(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO protocol_reviews(at_utc, reviewer, version_id) VALUES (?, ?, ?)`,
			FormatInstant(db.Now()), me, id)
		return err
	})
	if err != nil {
		return protocol.State{}, err
	}
	return db.ProtocolState(ctx)
}

// SaveProtocolSettings replaces the review cadence and the critical links
// in one transaction, after checking them (protocol.Settings.Normalize: no
// link may hold a secret), and returns them as stored.
func (db *DB) SaveProtocolSettings(ctx context.Context, s protocol.Settings) (protocol.Settings, error) {
	return db.UpdateProtocolSettings(ctx, func(cur *protocol.Settings) error {
		*cur = s
		return nil
	})
}

// UpdateProtocolSettings reads the cadence and the links, lets change edit
// them, checks them and saves them, all in one transaction, so that two
// changes at once do not undo each other. An error from change or from the
// checks leaves everything as it was.
func (db *DB) UpdateProtocolSettings(ctx context.Context, change func(s *protocol.Settings) error) (protocol.Settings, error) {
	var out protocol.Settings
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := queryProtocolSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := change(&cur); err != nil {
			return err
		}
		if out, err = cur.Normalize(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO protocol_settings(id, review_every_days) VALUES (1, ?)
			ON CONFLICT(id) DO UPDATE SET review_every_days = excluded.review_every_days`, out.EveryDays); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM critical_links`); err != nil {
			return err
		}
		for i, l := range out.Links {
			if _, err := tx.ExecContext(ctx, `INSERT INTO critical_links(position, title, target) VALUES (?, ?, ?)`, i, l.Title, l.Target); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
