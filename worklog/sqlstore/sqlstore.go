// Package sqlstore keeps the 1:1 and update log in remotecto's SQLite file:
// 1:1s, action items, updates, tags and cadences, with an FTS5 index kept in
// step by triggers (schema: store/migrations/003_log.sql). Every method that
// changes something is one transaction.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

// Store is the log's storage in an open remotecto database.
type Store struct {
	db *store.DB
}

// New returns the log kept in db.
func New(db *store.DB) *Store { return &Store{db: db} }

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// member is a row of members as the log needs it.
type member struct {
	id   int64
	name string
	loc  *time.Location
}

// findMember resolves a member by name (any case).
func findMember(ctx context.Context, q querier, name string) (member, error) {
	var m member
	var zone string
	err := q.QueryRowContext(ctx, `SELECT id, name, zone FROM members WHERE name = ? COLLATE NOCASE`,
		strings.TrimSpace(name)).Scan(&m.id, &m.name, &zone)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("member %q: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return m, err
	}
	m.loc = time.UTC
	if loc, err := timezone.LoadZone(zone); err == nil {
		m.loc = loc
	}
	return m, nil
}

func parseDate(s string) timezone.Date {
	if s == "" {
		return timezone.Date{}
	}
	d, err := timezone.ParseDate(s)
	if err != nil {
		return timezone.Date{}
	}
	return d
}

func formatDate(d timezone.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseInstant(field, s string) (time.Time, error) {
	t, err := store.ParseInstant(s)
	if err != nil {
		return t, fmt.Errorf("stored %s %q: %w", field, s, err)
	}
	return t, nil
}
