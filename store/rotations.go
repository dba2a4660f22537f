package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// Rotations returns every rotation, sorted by name, with members in turn order
// and overrides sorted by start.
func (db *DB) Rotations(ctx context.Context) ([]oncall.Rotation, error) {
	return readValue(ctx, db, queryRotations)
}

func queryRotations(ctx context.Context, q querier) ([]oncall.Rotation, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, shift, handoff, zone, start_date, coverage
		FROM rotations ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, classify(err)
	}
	var out []oncall.Rotation
	byID := map[int64]int{}
	for rows.Next() {
		var r oncall.Rotation
		var shift, handoff, start, coverage string
		if err := rows.Scan(&r.ID, &r.Name, &shift, &handoff, &r.Zone, &start, &coverage); err != nil {
			rows.Close()
			return nil, err
		}
		if r.Shift, err = oncall.ParseShiftLength(shift); err != nil {
			rows.Close()
			return nil, err
		}
		if r.Handoff, err = timezone.ParseClock(handoff); err != nil {
			rows.Close()
			return nil, err
		}
		if r.Start, err = timezone.ParseDate(start); err != nil {
			rows.Close()
			return nil, err
		}
		if coverage != "" {
			d, err := timezone.ParseDayHours(coverage)
			if err != nil || len(d) != 1 {
				rows.Close()
				return nil, fmt.Errorf("rotation %q: stored coverage %q is not valid", r.Name, coverage)
			}
			r.Coverage = &d[0]
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	mrows, err := q.QueryContext(ctx, `SELECT rm.rotation_id, m.name FROM rotation_members rm
		JOIN members m ON m.id = rm.member_id ORDER BY rm.rotation_id, rm.position`)
	if err != nil {
		return nil, err
	}
	for mrows.Next() {
		var rid int64
		var name string
		if err := mrows.Scan(&rid, &name); err != nil {
			mrows.Close()
			return nil, err
		}
		if i, ok := byID[rid]; ok {
			out[i].Members = append(out[i].Members, name)
		}
	}
	mrows.Close()
	orows, err := q.QueryContext(ctx, `SELECT o.id, o.rotation_id, m.name, o.start_utc, o.end_utc FROM overrides o
		JOIN members m ON m.id = o.member_id ORDER BY o.rotation_id, o.start_utc`)
	if err != nil {
		return nil, err
	}
	defer orows.Close()
	for orows.Next() {
		var o oncall.Override
		var rid int64
		var start, end string
		if err := orows.Scan(&o.ID, &rid, &o.Member, &start, &end); err != nil {
			return nil, err
		}
		if o.Start, err = ParseInstant(start); err != nil {
			return nil, err
		}
		if o.End, err = ParseInstant(end); err != nil {
			return nil, err
		}
		if i, ok := byID[rid]; ok {
			out[i].Overrides = append(out[i].Overrides, o)
		}
	}
	return out, orows.Err()
}

// SaveRotation inserts (ID 0) or updates (by ID) a rotation with its members
// and overrides, in one transaction. Members must exist.
func (db *DB) SaveRotation(ctx context.Context, r oncall.Rotation) (oncall.Rotation, error) {
	n, err := r.Normalize()
	if err != nil {
		return r, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		id, err := writeRotation(ctx, tx, n)
		n.ID = id
		return err
	})
	return n, err
}

// DeleteRotation removes a rotation and its overrides. A rotation named by the
// escalation policy is refused with ErrInUse.
func (db *DB) DeleteRotation(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM rotations WHERE id = ?`, id).Scan(&name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("rotation %d: %w", id, ErrNotFound)
			}
			return err
		}
		var used int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM escalation_targets WHERE rotation_id = ?`, id).Scan(&used)
		if used > 0 {
			return fmt.Errorf("rotation %q is a target of the escalation policy; take it out there first: %w", name, ErrInUse)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM rotations WHERE id = ?`, id)
		return err
	})
}

// writeRotation stores a normalized rotation inside tx: matched by ID, or by
// name when ID is 0. It returns the rotation's ID.
func writeRotation(ctx context.Context, tx querier, r oncall.Rotation) (int64, error) {
	memberIDs, err := memberIDsByName(ctx, tx)
	if err != nil {
		return 0, err
	}
	coverage := ""
	if r.Coverage != nil {
		coverage = r.Coverage.String()
	}
	id := r.ID
	var other int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM rotations WHERE name = ? COLLATE NOCASE`, r.Name).Scan(&other)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if err == nil && id != 0 && other != id {
		return 0, fmt.Errorf("rotation %s: %w", termsafe.Quote(r.Name), oncall.ErrDuplicateRotation)
	}
	if err == nil && id == 0 {
		id = other
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO rotations(name, shift, handoff, zone, start_date, coverage)
			VALUES (?, ?, ?, ?, ?, ?)`, r.Name, r.Shift.String(), r.Handoff.String(), r.Zone, r.Start.String(), coverage)
		if err != nil {
			return 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE rotations SET name = ?, shift = ?, handoff = ?, zone = ?, start_date = ?,
			coverage = ? WHERE id = ?`, r.Name, r.Shift.String(), r.Handoff.String(), r.Zone, r.Start.String(), coverage, id)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, fmt.Errorf("rotation %q: %w", r.Name, ErrNotFound)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rotation_members WHERE rotation_id = ?`, id); err != nil {
		return 0, err
	}
	for i, name := range r.Members {
		mid, ok := memberIDs[strings.ToLower(name)]
		if !ok {
			return 0, fmt.Errorf("rotation %q: member %q: %w", r.Name, name, ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rotation_members(rotation_id, position, member_id) VALUES (?, ?, ?)`, id, i, mid); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM overrides WHERE rotation_id = ?`, id); err != nil {
		return 0, err
	}
	for _, o := range r.Overrides {
		mid, ok := memberIDs[strings.ToLower(o.Member)]
		if !ok {
			return 0, fmt.Errorf("rotation %q: override member %q: %w", r.Name, o.Member, ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO overrides(rotation_id, member_id, start_utc, end_utc) VALUES (?, ?, ?, ?)`,
			id, mid, FormatInstant(o.Start), FormatInstant(o.End)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func memberIDsByName(ctx context.Context, q querier) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM members`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[strings.ToLower(name)] = id
	}
	return out, rows.Err()
}
