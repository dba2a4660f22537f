package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dev.remotecto/remotecto/worklog"
)

// AddUpdate saves a new update in one transaction and returns it as stored.
// The author must be a member.
func (db *DB) AddUpdate(ctx context.Context, u worklog.Update) (worklog.Update, error) {
	n, err := u.Normalize()
	if err != nil {
		return u, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, n.Author)
		if err != nil {
			return fmt.Errorf("author: %w", err)
		}
		n.Author = m.name
		loc, err := m.location()
		if err != nil {
			return fmt.Errorf("author: %w", err)
		}
		n.AuthorZone = loc.String()
		res, err := tx.ExecContext(ctx, `INSERT INTO updates(author_id, at_utc, kind, text) VALUES (?, ?, ?, ?)`,
			m.id, FormatInstant(n.At), string(n.Kind), n.Text)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, t := range n.Tags {
			if _, err := tx.ExecContext(ctx, `INSERT INTO update_tags(update_id, tag) VALUES (?, ?)`, n.ID, t); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// DeleteUpdate removes an update and its tags.
func (db *DB) DeleteUpdate(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM updates WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("update %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// Updates returns the updates the filter chooses, newest first.
func (db *DB) Updates(ctx context.Context, f worklog.UpdateFilter) ([]worklog.Update, error) {
	var out []worklog.Update
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryUpdates(ctx, tx, f)
		return err
	})
	return out, err
}

// CountUpdates counts the updates the filter chooses (Limit and Offset aside).
func (db *DB) CountUpdates(ctx context.Context, f worklog.UpdateFilter) (int, error) {
	where, args := updateConditions(f)
	var n int
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM updates u JOIN members m ON m.id = u.author_id`+where, args...).Scan(&n)
	})
	return n, err
}

func updateConditions(f worklog.UpdateFilter) (string, []any) {
	var where []string
	var args []any
	if f.Kind != "" {
		where, args = append(where, "u.kind = ?"), append(args, string(f.Kind))
	}
	if a := strings.TrimSpace(f.Author); a != "" {
		where, args = append(where, "m.name = ? COLLATE NOCASE"), append(args, a)
	}
	if t := strings.ToLower(strings.TrimLeft(strings.TrimSpace(f.Tag), "#")); t != "" {
		where, args = append(where, "EXISTS (SELECT 1 FROM update_tags t WHERE t.update_id = u.id AND t.tag = ?)"), append(args, t)
	}
	if !f.From.IsZero() {
		where, args = append(where, "u.at_utc >= ?"), append(args, FormatInstant(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "u.at_utc < ?"), append(args, FormatInstant(f.To))
	}
	if len(where) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

func queryUpdates(ctx context.Context, q querier, f worklog.UpdateFilter) ([]worklog.Update, error) {
	where, args := updateConditions(f)
	query := `SELECT u.id, m.name, m.zone, u.at_utc, u.kind, u.text,
		coalesce((SELECT group_concat(tag, ',') FROM (SELECT tag FROM update_tags WHERE update_id = u.id ORDER BY rowid)), '')
		FROM updates u JOIN members m ON m.id = u.author_id` + where + " ORDER BY u.at_utc DESC, u.id DESC"
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1 // SQLite: no limit
		}
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(f.Offset, 0))
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []worklog.Update
	for rows.Next() {
		var u worklog.Update
		var at, kind, tags string
		if err := rows.Scan(&u.ID, &u.Author, &u.AuthorZone, &at, &kind, &u.Text, &tags); err != nil {
			return nil, err
		}
		if u.At, err = parseStoredInstant("update time", at); err != nil {
			return nil, err
		}
		u.Kind = worklog.Kind(kind)
		if tags != "" {
			u.Tags = strings.Split(tags, ",")
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateTags returns every tag in use on updates, sorted.
func (db *DB) UpdateTags(ctx context.Context) ([]string, error) {
	return readValue(ctx, db, queryUpdateTags)
}

func queryUpdateTags(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT tag FROM update_tags ORDER BY tag`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
