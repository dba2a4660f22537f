package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dev.remotecto/remotecto/oncall"
)

// Policy returns the escalation policy (the zero Policy when none is set).
func (db *DB) Policy(ctx context.Context) (oncall.Policy, error) {
	return readValue(ctx, db, queryPolicy)
}

func queryPolicy(ctx context.Context, q querier) (oncall.Policy, error) {
	var p oncall.Policy
	err := q.QueryRowContext(ctx, `SELECT repeat, protocol FROM escalation_policy WHERE id = 1`).Scan(&p.Repeat, &p.Protocol)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, classify(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT l.position, l.after_minutes, coalesce(r.name, ''), coalesce(m.name, '')
		FROM escalation_levels l
		LEFT JOIN escalation_targets t ON t.level_id = l.id
		LEFT JOIN rotations r ON r.id = t.rotation_id
		LEFT JOIN members m ON m.id = t.member_id
		ORDER BY l.position, t.position`)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	last := -1
	for rows.Next() {
		var pos, after int
		var rot, mem string
		if err := rows.Scan(&pos, &after, &rot, &mem); err != nil {
			return p, err
		}
		if pos != last {
			p.Levels = append(p.Levels, oncall.Level{AfterMinutes: after})
			last = pos
		}
		l := &p.Levels[len(p.Levels)-1]
		switch {
		case rot != "":
			l.Targets = append(l.Targets, oncall.Target{Kind: oncall.TargetRotation, Name: rot})
		case mem != "":
			l.Targets = append(l.Targets, oncall.Target{Kind: oncall.TargetMember, Name: mem})
		}
	}
	return p, rows.Err()
}

// SavePolicy replaces the escalation policy in one transaction. Its targets
// must name existing rotations and members. A protocol text that differs
// from the last one on record is kept as a new version, by the member set
// as me.
func (db *DB) SavePolicy(ctx context.Context, p oncall.Policy) (oncall.Policy, error) {
	n, err := p.Normalize()
	if err != nil {
		return p, err
	}
	return n, db.Tx(ctx, func(tx *sql.Tx) error {
		if err := writePolicy(ctx, tx, n); err != nil {
			return err
		}
		return db.recordProtocolVersion(ctx, tx, n.Protocol)
	})
}

func writePolicy(ctx context.Context, tx querier, p oncall.Policy) error {
	members, err := memberIDsByName(ctx, tx)
	if err != nil {
		return err
	}
	rotations := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM rotations`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		rotations[strings.ToLower(name)] = id
	}
	rows.Close()
	for _, q := range []string{`DELETE FROM escalation_targets`, `DELETE FROM escalation_levels`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO escalation_policy(id, repeat, protocol) VALUES (1, ?, ?)
		ON CONFLICT(id) DO UPDATE SET repeat = excluded.repeat, protocol = excluded.protocol`, p.Repeat, p.Protocol); err != nil {
		return err
	}
	for i, l := range p.Levels {
		res, err := tx.ExecContext(ctx, `INSERT INTO escalation_levels(position, after_minutes) VALUES (?, ?)`, i, l.AfterMinutes)
		if err != nil {
			return err
		}
		lid, _ := res.LastInsertId()
		for j, t := range l.Targets {
			var rid, mid any
			switch t.Kind {
			case oncall.TargetRotation:
				id, ok := rotations[strings.ToLower(t.Name)]
				if !ok {
					return fmt.Errorf("escalation level %d: target %q: %w", i+1, t.String(), ErrNotFound)
				}
				rid = id
			default:
				id, ok := members[strings.ToLower(t.Name)]
				if !ok {
					return fmt.Errorf("escalation level %d: target %q: %w", i+1, t.String(), ErrNotFound)
				}
				mid = id
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO escalation_targets(level_id, position, rotation_id, member_id)
				VALUES (?, ?, ?, ?)`, lid, j, rid, mid); err != nil {
				return err
			}
		}
	}
	return nil
}
