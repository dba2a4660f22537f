package store

import (
	"context"
	"database/sql"
	"fmt"

	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// SetCadence sets a member's 1:1 cadence, agreed local time (in the member's
// zone) and length; CadenceNone removes it.
func (db *DB) SetCadence(ctx context.Context, memberName string, c worklog.Cadence, meetAt timezone.Clock, minutes int) error {
	if !c.Valid() {
		return fmt.Errorf("cadence %d weeks: %w", int(c), worklog.ErrBadCadence)
	}
	if meetAt < 0 || meetAt >= timezone.MinutesPerDay {
		return fmt.Errorf("1:1 time %s: %w", meetAt, timezone.ErrBadClock)
	}
	if minutes < 5 || minutes > 480 {
		return fmt.Errorf("1:1 length %d minutes: %w", minutes, worklog.ErrBadDuration)
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		m, err := findMember(ctx, tx, memberName)
		if err != nil {
			return err
		}
		if c == worklog.CadenceNone {
			_, err = tx.ExecContext(ctx, `DELETE FROM cadences WHERE member_id = ?`, m.id)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO cadences(member_id, every_weeks, meet_at, minutes) VALUES (?, ?, ?, ?)
			ON CONFLICT(member_id) DO UPDATE SET every_weeks = excluded.every_weeks, meet_at = excluded.meet_at,
			minutes = excluded.minutes`, m.id, int(c), meetAt.String(), minutes)
		return err
	})
}

// OneOnOneSchedules returns every member's 1:1 schedule (cadence, agreed
// time, last 1:1), sorted by name.
func (db *DB) OneOnOneSchedules(ctx context.Context) ([]worklog.Schedule, error) {
	return readValue(ctx, db, queryOneOnOneSchedules)
}

func queryOneOnOneSchedules(ctx context.Context, q querier) ([]worklog.Schedule, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.name, m.zone, coalesce(c.every_weeks, 0),
		coalesce(c.meet_at, ''), coalesce(c.minutes, 0), coalesce(l.last, ''), coalesce(l.n, 0)
		FROM members m
		LEFT JOIN cadences c ON c.member_id = m.id
		LEFT JOIN (SELECT member_id, max(at_utc) AS last, count(*) AS n FROM one_on_ones GROUP BY member_id) l
			ON l.member_id = m.id
		ORDER BY m.name COLLATE NOCASE`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []worklog.Schedule
	for rows.Next() {
		var sc worklog.Schedule
		var every int
		var meetAt, last string
		if err := rows.Scan(&sc.MemberID, &sc.Member, &sc.Zone, &every, &meetAt, &sc.Minutes, &last, &sc.Count); err != nil {
			return nil, err
		}
		sc.Cadence = worklog.Cadence(every)
		sc.MeetAt = worklog.DefaultMeetAt
		if c, err := timezone.ParseClock(meetAt); err == nil {
			sc.MeetAt = c
		}
		if sc.Minutes == 0 {
			sc.Minutes = worklog.DefaultMinutes
		}
		if last != "" {
			if sc.Last, err = parseStoredInstant("1:1 time", last); err != nil {
				return nil, err
			}
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}
