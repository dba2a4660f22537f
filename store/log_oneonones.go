package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"dev.remotecto/remotecto/worklog"
)

// WriteOneOnOne saves a new 1:1 in one transaction. The member's open action
// items from earlier 1:1s are carried forward into it (worklog.CarryForward):
// they move under the new 1:1, keeping the date they were raised. Items the
// caller already lists by ID (because the form showed them) keep the state
// given, such as done. It returns the 1:1 as stored.
func (db *DB) WriteOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error) {
	if o.ID != 0 {
		return o, fmt.Errorf("1:1 %d is already saved", o.ID)
	}
	var out worklog.OneOnOne
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		m, n, err := normalizeOneOnOne(ctx, tx, o)
		if err != nil {
			return err
		}
		open, err := queryOpenActions(ctx, tx, m.id, n.At)
		if err != nil {
			return err
		}
		n.Actions = worklog.CarryForward(open, n.Actions)
		res, err := tx.ExecContext(ctx, `INSERT INTO one_on_ones(member_id, at_utc, notes) VALUES (?, ?, ?)`,
			m.id, FormatInstant(n.At), n.Notes)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for i := range n.Actions {
			if err := saveAction(ctx, tx, m.id, n.ID, i, &n.Actions[i]); err != nil {
				return err
			}
		}
		out = n
		return nil
	})
	return out, err
}

// UpdateOneOnOne saves changes to a stored 1:1 in one transaction: its time,
// notes and action items (changed ones updated, new ones added, in the
// order given). Items are not carried forward again. It returns the 1:1 as
// stored.
func (db *DB) UpdateOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error) {
	var out worklog.OneOnOne
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		m, n, err := normalizeOneOnOne(ctx, tx, o)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE one_on_ones SET at_utc = ?, notes = ? WHERE id = ? AND member_id = ?`,
			FormatInstant(n.At), n.Notes, n.ID, m.id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("1:1 %d with %s: %w", n.ID, m.name, ErrNotFound)
		}
		for i := range n.Actions {
			if err := saveAction(ctx, tx, m.id, n.ID, i, &n.Actions[i]); err != nil {
				return err
			}
		}
		out = n
		return nil
	})
	return out, err
}

// saveAction inserts a new item or moves an existing one of the same member
// under the 1:1 oneID at position pos.
func saveAction(ctx context.Context, tx *sql.Tx, memberID, oneID int64, pos int, a *worklog.ActionItem) error {
	a.OneOnOneID = oneID
	if a.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO action_items(one_on_one_id, position, text, owner, due, done, raised)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, oneID, pos, a.Text, a.Owner, formatLogDate(a.Due), a.Done, formatLogDate(a.Raised))
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE action_items SET one_on_one_id = ?, position = ?, text = ?, owner = ?, due = ?, done = ?
		WHERE id = ? AND one_on_one_id IN (SELECT id FROM one_on_ones WHERE member_id = ?)`,
		oneID, pos, a.Text, a.Owner, formatLogDate(a.Due), a.Done, a.ID, memberID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("action item %d of this member: %w", a.ID, ErrNotFound)
	}
	return nil
}

// DeleteOneOnOne removes a 1:1 with the action items listed under it.
func (db *DB) DeleteOneOnOne(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM one_on_ones WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("1:1 %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// SetActionDone marks an action item done or open again.
func (db *DB) SetActionDone(ctx context.Context, id int64, done bool) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE action_items SET done = ? WHERE id = ?`, done, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("action item %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// OneOnOnes returns a member's 1:1s, newest first, with their action items.
func (db *DB) OneOnOnes(ctx context.Context, memberName string) ([]worklog.OneOnOne, error) {
	var out []worklog.OneOnOne
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, memberName)
		if err != nil {
			return err
		}
		out, err = queryOneOnOnes(ctx, tx, "WHERE o.member_id = ?", m.id)
		return err
	})
	return out, err
}

func queryOneOnOnes(ctx context.Context, q querier, where string, args ...any) ([]worklog.OneOnOne, error) {
	rows, err := q.QueryContext(ctx, `SELECT o.id, m.name, o.at_utc, o.notes FROM one_on_ones o
		JOIN members m ON m.id = o.member_id `+where+` ORDER BY o.at_utc DESC, o.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []worklog.OneOnOne
	index := map[int64]int{}
	for rows.Next() {
		var o worklog.OneOnOne
		var at string
		if err := rows.Scan(&o.ID, &o.Member, &at, &o.Notes); err != nil {
			rows.Close()
			return nil, err
		}
		if o.At, err = parseStoredInstant("1:1 time", at); err != nil {
			rows.Close()
			return nil, err
		}
		index[o.ID] = len(out)
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	acts, err := queryActions(ctx, q, `JOIN one_on_ones o ON o.id = a.one_on_one_id `+where+` ORDER BY a.one_on_one_id, a.position`, args...)
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		if i, ok := index[a.OneOnOneID]; ok {
			out[i].Actions = append(out[i].Actions, a)
		}
	}
	return out, nil
}

// OpenActions returns the open action items across the team (member "") or
// of one member, overdue first: by due date (no due date last), then by the
// date raised.
func (db *DB) OpenActions(ctx context.Context, memberName string) ([]worklog.ActionItem, error) {
	var out []worklog.ActionItem
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if memberName == "" {
			out, err = queryActions(ctx, tx, `JOIN one_on_ones o ON o.id = a.one_on_one_id WHERE a.done = 0
			ORDER BY a.due = '', a.due, a.raised, a.id`)
			return err
		}
		m, err := findMember(ctx, tx, memberName)
		if err != nil {
			return err
		}
		out, err = queryOpenActions(ctx, tx, m.id, time.Time{})
		return err
	})
	return out, err
}

// queryOpenActions returns a member's open items listed under 1:1s before
// (zero: at any time), in the order they were agreed.
func queryOpenActions(ctx context.Context, q querier, memberID int64, before time.Time) ([]worklog.ActionItem, error) {
	cond := ""
	args := []any{memberID}
	if !before.IsZero() {
		cond, args = " AND o.at_utc < ?", append(args, FormatInstant(before))
	}
	return queryActions(ctx, q, `JOIN one_on_ones o ON o.id = a.one_on_one_id WHERE a.done = 0 AND o.member_id = ?`+cond+`
		ORDER BY o.at_utc, a.position`, args...)
}

func queryActions(ctx context.Context, q querier, tail string, args ...any) ([]worklog.ActionItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.one_on_one_id, a.text, a.owner, a.due, a.done, a.raised,
		(SELECT name FROM members WHERE id = o.member_id) FROM action_items a `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []worklog.ActionItem
	for rows.Next() {
		var a worklog.ActionItem
		var due, raised string
		if err := rows.Scan(&a.ID, &a.OneOnOneID, &a.Text, &a.Owner, &due, &a.Done, &raised, &a.Member); err != nil {
			return nil, err
		}
		a.Due, a.Raised = parseLogDate(due), parseLogDate(raised)
		out = append(out, a)
	}
	return out, rows.Err()
}

// WholeLog returns the whole log, for an export, read in one transaction.
func (db *DB) WholeLog(ctx context.Context) (worklog.Log, error) {
	var l worklog.Log
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if l.OneOnOnes, err = queryOneOnOnes(ctx, tx, ""); err != nil {
			return err
		}
		l.Updates, err = queryUpdates(ctx, tx, worklog.UpdateFilter{})
		return err
	})
	return l, err
}

// normalizeOneOnOne finds the 1:1's member and returns the 1:1 checked in
// the member's zone, under the member's stored name.
func normalizeOneOnOne(ctx context.Context, tx querier, o worklog.OneOnOne) (memberRef, worklog.OneOnOne, error) {
	m, err := findMember(ctx, tx, o.Member)
	if err != nil {
		return m, o, err
	}
	o.Member = m.name
	loc, err := m.location()
	if err != nil {
		return m, o, err
	}
	n, err := o.Normalize(loc)
	return m, n, err
}
