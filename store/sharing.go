package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
)

// followedSource is the source of the time off a followed bundle brings.
const followedSource = "published team"

// PublishTargets returns every publish target, sorted by name.
func (db *DB) PublishTargets(ctx context.Context) ([]share.Target, error) {
	return readValue(ctx, db, func(ctx context.Context, q querier) ([]share.Target, error) {
		rows, err := q.QueryContext(ctx, `SELECT id, name, kind, url, username, feed, state, last_run_utc, last_result, last_ok_utc
			FROM publish_targets ORDER BY name COLLATE NOCASE`)
		if err != nil {
			return nil, classify(err)
		}
		defer rows.Close()
		var out []share.Target
		for rows.Next() {
			var t share.Target
			var kind, feed, state, lastRun, last, lastOK string
			if err := rows.Scan(&t.ID, &t.Name, &kind, &t.URL, &t.User, &feed, &state, &lastRun, &last, &lastOK); err != nil {
				return nil, err
			}
			t.Kind = share.Kind(kind)
			if t.Feed, err = share.ParseFeed(feed); err != nil {
				return nil, fmt.Errorf("publish target %q: stored %w", t.Name, err)
			}
			if state != "" {
				t.State = []byte(state)
			}
			if t.LastRun, err = parseOptionalInstant(lastRun); err != nil {
				return nil, fmt.Errorf("publish target %q: %w", t.Name, err)
			}
			if t.LastOK, err = parseOptionalInstant(lastOK); err != nil {
				return nil, fmt.Errorf("publish target %q: %w", t.Name, err)
			}
			if last != "" {
				if err := json.Unmarshal([]byte(last), &t.Last); err != nil {
					return nil, fmt.Errorf("publish target %q: stored result: %w", t.Name, err)
				}
			}
			out = append(out, t)
		}
		return out, rows.Err()
	})
}

func parseOptionalInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return ParseInstant(s)
}

func formatOptionalInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatInstant(t)
}

// AddPublishTarget saves a new publish target (normalized first) and returns
// it as stored. A name in use, in any case, is refused with
// share.ErrDuplicateTarget.
func (db *DB) AddPublishTarget(ctx context.Context, t share.Target) (share.Target, error) {
	n, err := t.Normalize()
	if err != nil {
		return t, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM publish_targets WHERE name = ? COLLATE NOCASE`, n.Name).Scan(&other)
		switch {
		case err == nil:
			return fmt.Errorf("target %q: %w", n.Name, share.ErrDuplicateTarget)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO publish_targets(name, kind, url, username, feed) VALUES (?, ?, ?, ?, ?)`,
			n.Name, string(n.Kind), n.URL, n.User, n.Feed.String())
		if err != nil {
			return err
		}
		n.ID, err = res.LastInsertId()
		return err
	})
	return n, err
}

// RemovePublishTarget forgets the publish target of that name (any case);
// what it published stays on the server.
func (db *DB) RemovePublishTarget(ctx context.Context, name string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM publish_targets WHERE name = ? COLLATE NOCASE`, strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("target %q: %w", name, share.ErrUnknownTarget)
		}
		return nil
	})
}

// SavePublishRun records a run of the named target: the state to give the
// next run, when it ended and what it did (and, when it ended without
// error, that it succeeded then).
func (db *DB) SavePublishRun(ctx context.Context, name string, state []byte, at time.Time, o share.Outcome) error {
	result, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE publish_targets SET state = ?, last_run_utc = ?, last_result = ?,
			last_ok_utc = CASE WHEN ? = '' THEN ? ELSE last_ok_utc END
			WHERE name = ? COLLATE NOCASE`, string(state), FormatInstant(at), string(result), o.Error, FormatInstant(at), name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("target %q: %w", name, share.ErrUnknownTarget)
		}
		return nil
	})
}

// Subscription returns the team this database follows; ok is false when it
// follows none.
func (db *DB) Subscription(ctx context.Context) (sub share.Subscription, ok bool, err error) {
	err = db.ReadTx(ctx, func(tx *sql.Tx) error {
		sub, ok, err = querySubscription(ctx, tx)
		return err
	})
	return sub, ok, err
}

func querySubscription(ctx context.Context, q querier) (share.Subscription, bool, error) {
	var s share.Subscription
	var updated, checked string
	err := q.QueryRowContext(ctx, `SELECT url, username, etag, updated_utc, checked_utc, last_error FROM following WHERE id = 1`).
		Scan(&s.URL, &s.User, &s.ETag, &updated, &checked, &s.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, classify(err)
	}
	if s.Updated, err = parseOptionalInstant(updated); err != nil {
		return s, false, err
	}
	if s.Checked, err = parseOptionalInstant(checked); err != nil {
		return s, false, err
	}
	return s, true, nil
}

// SaveFollowCheck records a refresh that changed no team: one the server
// answered "not modified" (errMsg empty: checked at that instant), or one
// that failed (errMsg says why; the team is left as it was).
func (db *DB) SaveFollowCheck(ctx context.Context, at time.Time, errMsg string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if errMsg == "" {
			res, err = tx.ExecContext(ctx, `UPDATE following SET checked_utc = ?, last_error = '' WHERE id = 1`, FormatInstant(at))
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE following SET last_error = ? WHERE id = 1`, errMsg)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return share.ErrNotFollowing
		}
		return nil
	})
}

// Unfollow makes the database a normal one again: the team it holds stays
// and becomes editable.
func (db *DB) Unfollow(ctx context.Context) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM following`)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return share.ErrNotFollowing
		}
		return nil
	})
}

// ReplaceFollowedTeam makes the database follow sub (its URL, user and
// entity tag; Checked is set to at, and Updated too when the team changed
// or the subscription is new) and replaces its team by
// t, in one transaction: members and rotations are matched by name and
// added, updated or removed; each member's time off becomes the bundle's;
// the escalation policy becomes the bundle's. A member the bundle dropped
// whom this database's own log (1:1s, updates, a 1:1 cadence) names is
// kept, out of every rotation. The log, saved meetings and publish targets
// are never touched. An invalid team changes nothing.
func (db *DB) ReplaceFollowedTeam(ctx context.Context, sub share.Subscription, t team.Team, at time.Time) (share.Replaced, error) {
	var sum share.Replaced
	t, err := t.Validate()
	if err != nil {
		return sum, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		sum = share.Replaced{}
		if _, err := tx.ExecContext(ctx, `INSERT INTO following(id, url, username, etag, updated_utc, checked_utc, last_error, writing)
			VALUES (1, ?, ?, ?, ?, ?, '', 1)
			ON CONFLICT(id) DO UPDATE SET url = excluded.url, username = excluded.username, etag = excluded.etag,
				checked_utc = excluded.checked_utc, last_error = '', writing = 1`,
			sub.URL, sub.User, sub.ETag, FormatInstant(at), FormatInstant(at)); err != nil {
			return err
		}
		if err := replaceTeam(ctx, tx, t, &sum); err != nil {
			return err
		}
		updated := ""
		if sum.Changed() {
			updated = FormatInstant(at)
		}
		_, err := tx.ExecContext(ctx, `UPDATE following SET writing = 0,
			updated_utc = CASE WHEN ? <> '' THEN ? ELSE updated_utc END WHERE id = 1`, updated, updated)
		return err
	})
	return sum, err
}

// replaceTeam makes the team in tx equal to t (validated), as
// ReplaceFollowedTeam describes.
func replaceTeam(ctx context.Context, tx querier, t team.Team, sum *share.Replaced) error {
	oldPolicy, err := queryPolicy(ctx, tx)
	if err != nil {
		return err
	}
	// The policy names rotations and members that may go: it is written
	// again at the end.
	for _, q := range []string{`DELETE FROM escalation_targets`, `DELETE FROM escalation_levels`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	existing, err := queryMembers(ctx, tx)
	if err != nil {
		return err
	}
	// A follower's time off is the bundle's: all of it is replaced.
	settle := func(old roster.Member, m *roster.Member) bool { return sameFollowedMember(old, *m) }
	writeTimeOff := func(id int64, m roster.Member) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE member_id = ?`, id); err != nil {
			return err
		}
		for _, o := range m.TimeOff {
			o.Source, o.UID = followedSource, ""
			if _, err := insertTimeOff(ctx, tx, id, o); err != nil {
				return err
			}
		}
		return nil
	}
	if err := mergeMembers(ctx, tx, existing, t.Members, &sum.MergeSummary, settle, writeTimeOff); err != nil {
		return err
	}
	rotations, err := queryRotations(ctx, tx)
	if err != nil {
		return err
	}
	for _, old := range rotations {
		if _, keep := t.Rotation(old.Name); keep {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM rotations WHERE id = ?`, old.ID); err != nil {
			return err
		}
		sum.RotationsRemoved++
	}
	if err := mergeRotations(ctx, tx, rotations, t.Rotations, &sum.MergeSummary); err != nil {
		return err
	}
	for _, old := range existing {
		if _, keep := t.Member(old.Name); keep {
			continue
		}
		var inLog bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM one_on_ones WHERE member_id = ?1)
			OR EXISTS (SELECT 1 FROM updates WHERE author_id = ?1) OR EXISTS (SELECT 1 FROM cadences WHERE member_id = ?1)`,
			old.ID).Scan(&inLog); err != nil {
			return err
		}
		if inLog {
			sum.Kept = append(sum.Kept, old.Name)
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, old.ID); err != nil {
			return fmt.Errorf("remove member %q: %w", old.Name, err)
		}
		sum.MembersRemoved++
	}
	slices.Sort(sum.Kept)
	sum.PolicyChanged = !samePolicy(oldPolicy, t.Policy)
	return writePolicy(ctx, tx, t.Policy)
}

// sameFollowedMember compares a stored member with one of a bundle: every
// field and the whole time off (start, end, all day, summary).
func sameFollowedMember(a, b roster.Member) bool {
	if a.Name != b.Name || a.Role != b.Role || a.Email != b.Email || a.Phone != b.Phone || a.Chat != b.Chat ||
		a.Zone != b.Zone || encodeWeek(a.Hours) != encodeWeek(b.Hours) || encodeWeek(a.Acceptable) != encodeWeek(b.Acceptable) ||
		len(a.TimeOff) != len(b.TimeOff) {
		return false
	}
	for i := range a.TimeOff {
		x, y := a.TimeOff[i], b.TimeOff[i]
		if !x.Start.Equal(y.Start) || !x.End.Equal(y.End) || x.Summary != y.Summary || x.AllDay != y.AllDay || x.Source != followedSource {
			return false
		}
	}
	return true
}
