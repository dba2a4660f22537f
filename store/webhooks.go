package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/internal/termsafe"
)

// ErrExists reports a record whose name is already taken.
var ErrExists = errors.New("already exists")

// Webhooks returns the configured chat webhooks, sorted by name, secrets
// included: the URL (and a Matrix token) is what alert.Sender posts with.
// They are kept in the database file, which only its owner can read (mode
// 0600); print them with Webhook.Redacted only.
func (db *DB) Webhooks(ctx context.Context) ([]alert.Webhook, error) {
	return readValue(ctx, db, queryWebhooks)
}

func queryWebhooks(ctx context.Context, q querier) ([]alert.Webhook, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, service, url, room, token FROM webhooks ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []alert.Webhook
	for rows.Next() {
		var h alert.Webhook
		if err := rows.Scan(&h.Name, &h.Service, &h.URL, &h.Room, &h.Token); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AddWebhook checks a webhook (alert.Webhook.Validate; a name of one line
// of at most 40 characters) and adds it in one transaction. A name taken
// already, in any case, is refused with ErrExists. Messages never show the
// secret.
func (db *DB) AddWebhook(ctx context.Context, h alert.Webhook) (alert.Webhook, error) {
	h.Name, h.URL, h.Room, h.Token = strings.TrimSpace(h.Name), strings.TrimSpace(h.URL), strings.TrimSpace(h.Room), strings.TrimSpace(h.Token)
	if err := termsafe.CheckLine("webhook name", h.Name); err != nil {
		return h, err
	}
	if utf8.RuneCountInString(h.Name) > 40 || strings.Contains(h.Name, ",") {
		return h, fmt.Errorf("webhook name %s: at most 40 characters, no commas: %w", termsafe.Quote(h.Name), alert.ErrBadWebhook)
	}
	if err := termsafe.CheckLine("webhook room", h.Room); err != nil {
		return h, err
	}
	if strings.ContainsFunc(h.URL+h.Token, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return h, fmt.Errorf("webhook %s: the URL or token holds a control character: %w", termsafe.Quote(h.Name), alert.ErrBadWebhook)
	}
	if err := h.Validate(); err != nil {
		return h, err
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM webhooks WHERE name = ? COLLATE NOCASE`, h.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("webhook %s: %w", termsafe.Quote(h.Name), ErrExists)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO webhooks(name, service, url, room, token) VALUES (?, ?, ?, ?, ?)`,
			h.Name, string(h.Service), h.URL, h.Room, h.Token)
		return err
	})
	return h, err
}

// RemoveWebhook deletes the webhook of that name (in any case); ErrNotFound
// when there is none.
func (db *DB) RemoveWebhook(ctx context.Context, name string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM webhooks WHERE name = ? COLLATE NOCASE`, strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("webhook %s: %w", termsafe.Quote(name), ErrNotFound)
		}
		return nil
	})
}
