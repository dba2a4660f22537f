package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// Members returns every member, sorted by name, with their time off.
func (db *DB) Members(ctx context.Context) ([]roster.Member, error) {
	return readValue(ctx, db, queryMembers)
}

// Member returns the member with the given name (case-insensitive), with
// their time off.
func (db *DB) Member(ctx context.Context, name string) (roster.Member, error) {
	var out roster.Member
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		ref, err := findMember(ctx, tx, name)
		if err != nil {
			return err
		}
		ms, err := queryMembers(ctx, tx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.ID == ref.id {
				out = m
				return nil
			}
		}
		return fmt.Errorf("member %q: %w", name, ErrNotFound)
	})
	return out, err
}

// memberRef is a member as the records that point at one need it.
type memberRef struct {
	id   int64
	name string // as stored
	zone string // as stored; location checks it
}

// findMember finds a member by name, the one way the store does:
// surrounding spaces ignored, in any case. SQLite's NOCASE (ASCII letters,
// served by the name's unique index) is tried first, then Unicode case
// folding as roster.FindMember does, for names beyond ASCII.
func findMember(ctx context.Context, q querier, name string) (memberRef, error) {
	var m memberRef
	trimmed := strings.TrimSpace(name)
	err := q.QueryRowContext(ctx, `SELECT id, name, zone FROM members WHERE name = ? COLLATE NOCASE`, trimmed).
		Scan(&m.id, &m.name, &m.zone)
	if !errors.Is(err, sql.ErrNoRows) {
		return m, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, zone FROM members ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&m.id, &m.name, &m.zone); err != nil {
			return memberRef{}, err
		}
		if strings.EqualFold(m.name, trimmed) {
			return m, nil
		}
	}
	if err := rows.Err(); err != nil {
		return memberRef{}, err
	}
	return memberRef{}, fmt.Errorf("member %q: %w", name, ErrNotFound)
}

// location loads the member's stored zone. A zone that does not load (a
// file written by another program, or a zone the tz database dropped) is an
// error naming the member and the zone, never a silent UTC.
func (m memberRef) location() (*time.Location, error) {
	loc, err := timezone.LoadZone(m.zone)
	if err != nil {
		return nil, fmt.Errorf("member %q: stored zone %w", m.name, err)
	}
	return loc, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func queryMembers(ctx context.Context, q querier) ([]roster.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, role, email, phone, chat, zone, hours, acceptable, urgent_channel, response
		FROM members ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []roster.Member
	byID := map[int64]int{}
	weeks := weekDecoder{}
	for rows.Next() {
		var m roster.Member
		var hours, acceptable string
		if err := rows.Scan(&m.ID, &m.Name, &m.Role, &m.Email, &m.Phone, &m.Chat, &m.Zone, &hours, &acceptable,
			&m.UrgentChannel, &m.Response); err != nil {
			return nil, err
		}
		if m.Hours, err = weeks.decode("hours", hours); err != nil {
			return nil, fmt.Errorf("member %q: %w", m.Name, err)
		}
		if m.Acceptable, err = weeks.decode("acceptable", acceptable); err != nil {
			return nil, fmt.Errorf("member %q: %w", m.Name, err)
		}
		byID[m.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	offs, err := q.QueryContext(ctx, `SELECT id, member_id, start_utc, end_utc, all_day, summary, source, uid
		FROM time_off ORDER BY start_utc`)
	if err != nil {
		return nil, err
	}
	defer offs.Close()
	for offs.Next() {
		var t roster.TimeOff
		var memberID int64
		var start, end string
		if err := offs.Scan(&t.ID, &memberID, &start, &end, &t.AllDay, &t.Summary, &t.Source, &t.UID); err != nil {
			return nil, err
		}
		if t.Start, err = ParseInstant(start); err != nil {
			return nil, err
		}
		if t.End, err = ParseInstant(end); err != nil {
			return nil, err
		}
		if i, ok := byID[memberID]; ok {
			out[i].TimeOff = append(out[i].TimeOff, t)
		}
	}
	return out, offs.Err()
}

// weekDecoder decodes stored week hours, each distinct text once: most of
// a team shares a few texts, and decoding was half the cost of reading
// 2,000 members. Every member gets a week of its own (the ranges are
// copied), so no two members share slices.
type weekDecoder map[string]timezone.WeekHours

func (d weekDecoder) decode(field, s string) (timezone.WeekHours, error) {
	w, ok := d[field+"\x00"+s]
	if !ok {
		var err error
		if w, err = decodeWeek(field, s); err != nil {
			return w, err
		}
		d[field+"\x00"+s] = w
	}
	var out timezone.WeekHours
	for i, day := range w {
		if day != nil {
			out[i] = make(timezone.DayHours, len(day))
			copy(out[i], day)
		}
	}
	return out, nil
}

func decodeWeek(field, s string) (w timezone.WeekHours, err error) {
	var days map[string]string
	if err := json.Unmarshal([]byte(s), &days); err != nil {
		return w, fmt.Errorf("%s: stored value %q is not valid: %w", field, s, err)
	}
	return timezone.ParseWeek(field, days)
}

func encodeWeek(w timezone.WeekHours) string {
	b, _ := json.Marshal(timezone.FormatWeek(w))
	return string(b)
}

// SaveMember inserts the member (ID 0) or updates it (by ID) in one
// transaction and returns it as stored. Time off is not touched.
func (db *DB) SaveMember(ctx context.Context, m roster.Member) (roster.Member, error) {
	n, err := m.Normalize()
	if err != nil {
		return m, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		id, err := upsertMember(ctx, tx, n)
		n.ID = id
		return err
	})
	return n, err
}

func upsertMember(ctx context.Context, tx querier, m roster.Member) (int64, error) {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM members WHERE name = ? COLLATE NOCASE`, m.Name).Scan(&other)
	switch {
	case err == nil && other != m.ID && m.ID != 0:
		return 0, fmt.Errorf("name %q: %w", m.Name, roster.ErrDuplicateName)
	case err == nil && m.ID == 0:
		return 0, fmt.Errorf("name %q: %w", m.Name, roster.ErrDuplicateName)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	if m.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO members(name, role, email, phone, chat, zone, hours, acceptable, urgent_channel, response)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.Name, m.Role, m.Email, m.Phone, m.Chat, m.Zone, encodeWeek(m.Hours), encodeWeek(m.Acceptable),
			string(m.UrgentChannel), m.Response)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	res, err := tx.ExecContext(ctx, `UPDATE members SET name = ?, role = ?, email = ?, phone = ?, chat = ?, zone = ?,
		hours = ?, acceptable = ?, urgent_channel = ?, response = ? WHERE id = ?`, m.Name, m.Role, m.Email, m.Phone, m.Chat, m.Zone,
		encodeWeek(m.Hours), encodeWeek(m.Acceptable), string(m.UrgentChannel), m.Response, m.ID)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, fmt.Errorf("member %q: %w", m.Name, ErrNotFound)
	}
	return m.ID, nil
}

// DeleteMember removes a member and their time off. A member still named in a
// rotation, an override or the escalation policy is refused with ErrInUse and
// a message saying where.
func (db *DB) DeleteMember(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM members WHERE id = ?`, id).Scan(&name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("member %d: %w", id, ErrNotFound)
			}
			return err
		}
		if uses := memberUses(ctx, tx, id); len(uses) > 0 {
			return fmt.Errorf("member %q is in %s; take them out there first: %w", name, strings.Join(uses, ", "), ErrInUse)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, id)
		return err
	})
}

// memberUses lists the places that still name the member.
func memberUses(ctx context.Context, tx querier, id int64) []string {
	var uses []string
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT 'rotation "' || r.name || '"' FROM rotations r
		WHERE r.id IN (SELECT rotation_id FROM rotation_members WHERE member_id = ?1
		               UNION SELECT rotation_id FROM overrides WHERE member_id = ?1)
		UNION ALL SELECT 'the escalation policy' WHERE EXISTS (SELECT 1 FROM escalation_targets WHERE member_id = ?1)
		UNION ALL SELECT 'the 1:1 and update log' WHERE EXISTS (SELECT 1 FROM one_on_ones WHERE member_id = ?1)
		                                             OR EXISTS (SELECT 1 FROM updates WHERE author_id = ?1)`, id)
	if err != nil {
		return []string{"another record"}
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			uses = append(uses, s)
		}
	}
	return uses
}
