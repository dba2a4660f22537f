package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/worklog"
)

// WriteOneOnOne saves a new 1:1 in one transaction. The member's open action
// items from earlier 1:1s are carried forward into it (worklog.CarryForward):
// they move under the new 1:1, keeping the date they were raised. Items the
// caller already lists by ID (because the form showed them) keep the state
// given, such as done. It returns the 1:1 as stored.
func (s *Store) WriteOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error) {
	if o.ID != 0 {
		return o, fmt.Errorf("1:1 %d is already saved", o.ID)
	}
	var out worklog.OneOnOne
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, o.Member)
		if err != nil {
			return err
		}
		o.Member = m.name
		n, err := o.Normalize(m.loc)
		if err != nil {
			return err
		}
		open, err := queryOpenActions(ctx, tx, m.id, n.At)
		if err != nil {
			return err
		}
		n.Actions = worklog.CarryForward(open, n.Actions)
		res, err := tx.ExecContext(ctx, `INSERT INTO one_on_ones(member_id, at_utc, notes) VALUES (?, ?, ?)`,
			m.id, store.FormatInstant(n.At), n.Notes)
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
func (s *Store) UpdateOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error) {
	var out worklog.OneOnOne
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, o.Member)
		if err != nil {
			return err
		}
		o.Member = m.name
		n, err := o.Normalize(m.loc)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE one_on_ones SET at_utc = ?, notes = ? WHERE id = ? AND member_id = ?`,
			store.FormatInstant(n.At), n.Notes, n.ID, m.id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("1:1 %d with %s: %w", n.ID, m.name, store.ErrNotFound)
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
			VALUES (?, ?, ?, ?, ?, ?, ?)`, oneID, pos, a.Text, a.Owner, formatDate(a.Due), a.Done, formatDate(a.Raised))
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE action_items SET one_on_one_id = ?, position = ?, text = ?, owner = ?, due = ?, done = ?
		WHERE id = ? AND one_on_one_id IN (SELECT id FROM one_on_ones WHERE member_id = ?)`,
		oneID, pos, a.Text, a.Owner, formatDate(a.Due), a.Done, a.ID, memberID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("action item %d of this member: %w", a.ID, store.ErrNotFound)
	}
	return nil
}

// DeleteOneOnOne removes a 1:1 with the action items listed under it.
func (s *Store) DeleteOneOnOne(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM one_on_ones WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("1:1 %d: %w", id, store.ErrNotFound)
		}
		return nil
	})
}

// SetActionDone marks an action item done or open again.
func (s *Store) SetActionDone(ctx context.Context, id int64, done bool) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE action_items SET done = ? WHERE id = ?`, done, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("action item %d: %w", id, store.ErrNotFound)
		}
		return nil
	})
}

// OneOnOnes returns a member's 1:1s, newest first, with their action items.
func (s *Store) OneOnOnes(ctx context.Context, memberName string) ([]worklog.OneOnOne, error) {
	m, err := findMember(ctx, s.db.SQL(), memberName)
	if err != nil {
		return nil, err
	}
	return queryOneOnOnes(ctx, s.db.SQL(), "WHERE o.member_id = ?", m.id)
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
		if o.At, err = parseInstant("1:1 time", at); err != nil {
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
func (s *Store) OpenActions(ctx context.Context, memberName string) ([]worklog.ActionItem, error) {
	if memberName == "" {
		return queryActions(ctx, s.db.SQL(), `JOIN one_on_ones o ON o.id = a.one_on_one_id WHERE a.done = 0
			ORDER BY a.due = '', a.due, a.raised, a.id`)
	}
	m, err := findMember(ctx, s.db.SQL(), memberName)
	if err != nil {
		return nil, err
	}
	return queryOpenActions(ctx, s.db.SQL(), m.id, time.Time{})
}

// queryOpenActions returns a member's open items listed under 1:1s before
// (zero: at any time), in the order they were agreed.
func queryOpenActions(ctx context.Context, q querier, memberID int64, before time.Time) ([]worklog.ActionItem, error) {
	cond := ""
	args := []any{memberID}
	if !before.IsZero() {
		cond, args = " AND o.at_utc < ?", append(args, store.FormatInstant(before))
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
		a.Due, a.Raised = parseDate(due), parseDate(raised)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Everything returns the whole log, for an export.
func (s *Store) Everything(ctx context.Context) (worklog.Log, error) {
	var l worklog.Log
	var err error
	if l.OneOnOnes, err = queryOneOnOnes(ctx, s.db.SQL(), ""); err != nil {
		return l, err
	}
	l.Updates, err = queryUpdates(ctx, s.db.SQL(), worklog.UpdateFilter{})
	return l, err
}
