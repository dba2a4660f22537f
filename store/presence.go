package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// Keys of the settings table.
const (
	keyMe          = "me.member_id"
	keyOff         = "reminders.off"
	keyLeads       = "reminders.leads"
	keyFollow      = "reminders.follow"
	keyQuiet       = "reminders.quiet"
	keyLastSeen    = "reminders.last_seen"
	keyKeepInTray  = "desktop.keep_in_tray"
	quietNone      = "none" // stored quiet hours when there are none
	firedKeepDays  = 60     // how long a fired reminder's key is kept
	settingsSource = "settings"
)

// Presence is who uses this database and how the desktop app reaches them,
// as the settings table keeps it. The command line and the GUI read the same
// values.
type Presence struct {
	// Me is the member who uses this database, under their stored name;
	// empty when nobody is set (or the member was deleted).
	Me string
	// Reminders are the reminder choices: reminders.DefaultSettings for
	// whatever was never changed.
	Reminders reminders.Settings
	// KeepInTray says that closing the window keeps the app running in the
	// system tray; nil when it was never chosen, so the app decides by
	// whether there is a tray.
	KeepInTray *bool
}

// Presence returns who I am, the reminder settings and the tray choice, read
// in one transaction.
func (db *DB) Presence(ctx context.Context) (Presence, error) {
	return readValue(ctx, db, queryPresence)
}

// SavePresence writes who I am (empty: nobody), the reminder settings and
// the tray choice in one transaction and returns them as stored. A member
// that does not exist, or settings out of range, leave everything unchanged.
func (db *DB) SavePresence(ctx context.Context, p Presence) (Presence, error) {
	if err := p.Reminders.Check(); err != nil {
		return p, err
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if p.Me, err = writeMe(ctx, tx, p.Me); err != nil {
			return err
		}
		if err := writeReminderSettings(ctx, tx, p.Reminders); err != nil {
			return err
		}
		if p.KeepInTray == nil {
			return deleteSetting(ctx, tx, keyKeepInTray)
		}
		return putSetting(ctx, tx, keyKeepInTray, strconv.FormatBool(*p.KeepInTray))
	})
	if err != nil {
		return p, err
	}
	return db.Presence(ctx)
}

func queryPresence(ctx context.Context, q querier) (Presence, error) {
	var p Presence
	var err error
	if p.Me, err = queryMe(ctx, q); err != nil {
		return p, err
	}
	if p.Reminders, err = queryReminderSettings(ctx, q); err != nil {
		return p, err
	}
	v, ok, err := getSetting(ctx, q, keyKeepInTray)
	if err != nil || !ok {
		return p, err
	}
	keep, err := strconv.ParseBool(v)
	if err != nil {
		return p, badSetting(keyKeepInTray, v, err)
	}
	p.KeepInTray = &keep
	return p, nil
}

// Me returns the name of the member who uses this database, as stored; empty
// when nobody is set or that member was deleted.
func (db *DB) Me(ctx context.Context) (string, error) {
	return readValue(ctx, db, queryMe)
}

// SetMe records who uses this database: a member's name in any case, or empty
// to clear it. It returns the name as stored. The choice follows the member
// through a rename; deleting the member clears it.
func (db *DB) SetMe(ctx context.Context, name string) (string, error) {
	var out string
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = writeMe(ctx, tx, name)
		return err
	})
	return out, err
}

func queryMe(ctx context.Context, q querier) (string, error) {
	v, ok, err := getSetting(ctx, q, keyMe)
	if err != nil || !ok {
		return "", err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return "", badSetting(keyMe, v, err)
	}
	var name string
	err = q.QueryRowContext(ctx, `SELECT name FROM members WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

func writeMe(ctx context.Context, tx querier, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", deleteSetting(ctx, tx, keyMe)
	}
	m, err := findMember(ctx, tx, name)
	if err != nil {
		return "", fmt.Errorf("me: %w", err)
	}
	return m.name, putSetting(ctx, tx, keyMe, strconv.FormatInt(m.id, 10))
}

// ReminderSettings returns the reminder settings: reminders.DefaultSettings
// for whatever was never changed.
func (db *DB) ReminderSettings(ctx context.Context) (reminders.Settings, error) {
	return readValue(ctx, db, queryReminderSettings)
}

// SaveReminderSettings writes the reminder settings in one transaction;
// settings out of range (reminders.Settings.Check) change nothing.
func (db *DB) SaveReminderSettings(ctx context.Context, s reminders.Settings) error {
	if err := s.Check(); err != nil {
		return err
	}
	return db.Tx(ctx, func(tx *sql.Tx) error { return writeReminderSettings(ctx, tx, s) })
}

func queryReminderSettings(ctx context.Context, q querier) (reminders.Settings, error) {
	s := reminders.DefaultSettings()
	if v, ok, err := getSetting(ctx, q, keyOff); err != nil {
		return s, err
	} else if ok && v != "" {
		s.Off = map[reminders.Kind]bool{}
		for _, name := range strings.Split(v, ",") {
			k, err := reminders.ParseKind(name)
			if err != nil {
				return s, badSetting(keyOff, v, err)
			}
			s.Off[k] = true
		}
	}
	if v, ok, err := getSetting(ctx, q, keyLeads); err != nil {
		return s, err
	} else if ok {
		s.Leads = nil
		for _, f := range strings.Split(v, ",") {
			if f == "" {
				continue
			}
			n, err := strconv.Atoi(f)
			if err != nil {
				return s, badSetting(keyLeads, v, err)
			}
			s.Leads = append(s.Leads, time.Duration(n)*time.Minute)
		}
	}
	if v, ok, err := getSetting(ctx, q, keyFollow); err != nil {
		return s, err
	} else if ok {
		if err := json.Unmarshal([]byte(v), &s.Follow); err != nil {
			return s, badSetting(keyFollow, v, err)
		}
	}
	if v, ok, err := getSetting(ctx, q, keyQuiet); err != nil {
		return s, err
	} else if ok {
		s.Quiet = nil
		if v != quietNone {
			q, err := ParseQuietHours(v)
			if err != nil {
				return s, badSetting(keyQuiet, v, err)
			}
			s.Quiet = &q
		}
	}
	if err := s.Check(); err != nil {
		return s, fmt.Errorf("stored %w", err)
	}
	return s, nil
}

// ParseQuietHours reads quiet hours written as one span of the day,
// "22:00-07:00" (a span that crosses midnight ends the next day).
func ParseQuietHours(s string) (timezone.Range, error) {
	hours, err := timezone.ParseDayHours(s)
	if err != nil {
		return timezone.Range{}, err
	}
	if len(hours) != 1 {
		return timezone.Range{}, fmt.Errorf("quiet hours %q: %w", s, reminders.ErrBadQuiet)
	}
	return hours[0], nil
}

func writeReminderSettings(ctx context.Context, tx querier, s reminders.Settings) error {
	var off []string
	for _, k := range reminders.Kinds {
		if !s.On(k) {
			off = append(off, string(k))
		}
	}
	leads := make([]string, len(s.Leads))
	for i, l := range s.Leads {
		leads[i] = strconv.Itoa(int(l / time.Minute))
	}
	follow, err := json.Marshal(slices.DeleteFunc(slices.Clone(s.Follow), func(n string) bool { return strings.TrimSpace(n) == "" }))
	if err != nil {
		return err
	}
	quiet := quietNone
	if s.Quiet != nil {
		quiet = s.Quiet.String()
	}
	for _, kv := range [][2]string{
		{keyOff, strings.Join(off, ",")},
		{keyLeads, strings.Join(leads, ",")},
		{keyFollow, string(follow)},
		{keyQuiet, quiet},
	} {
		if err := putSetting(ctx, tx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// LastSeen returns the last instant the desktop app recorded it was running;
// zero when it never ran.
func (db *DB) LastSeen(ctx context.Context) (time.Time, error) {
	return readValue(ctx, db, func(ctx context.Context, q querier) (time.Time, error) {
		v, ok, err := getSetting(ctx, q, keyLastSeen)
		if err != nil || !ok {
			return time.Time{}, err
		}
		t, err := ParseInstant(v)
		if err != nil {
			return time.Time{}, badSetting(keyLastSeen, v, err)
		}
		return t, nil
	})
}

// FireReminders records, in one transaction, that the reminders of due were
// shown and that the app was running at seen (the "last seen" instant). It
// returns the reminders of due that had not been
// recorded before, in their order: those are the ones to show, so a reminder
// is shown once even when two windows or a restart meet it again. Records of
// reminders due more than 60 days before seen are dropped.
func (db *DB) FireReminders(ctx context.Context, due []reminders.Reminder, seen time.Time) ([]reminders.Reminder, error) {
	var fresh []reminders.Reminder
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		fresh = fresh[:0]
		now := FormatInstant(seen)
		for _, r := range due {
			res, err := tx.ExecContext(ctx, `INSERT INTO fired_reminders(key, at_utc, fired_utc) VALUES (?, ?, ?)
				ON CONFLICT(key) DO NOTHING`, r.Key, FormatInstant(r.At), now)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n > 0 {
				fresh = append(fresh, r)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fired_reminders WHERE at_utc < ?`,
			FormatInstant(seen.AddDate(0, 0, -firedKeepDays))); err != nil {
			return err
		}
		return putSetting(ctx, tx, keyLastSeen, now)
	})
	if err != nil {
		return nil, err
	}
	return fresh, nil
}

// ReminderInput reads, in one transaction, everything the reminders of one
// member depend on: the team, the 1:1 schedules, the open action items and
// the reminder settings. me names the member (any case); empty means the
// member set with SetMe, or nobody in particular when none is. The 1:1s of
// this database's log are the user's own, so the schedules are those of
// every member with a cadence but me. Followed rotations that no longer exist are left out.
func (db *DB) ReminderInput(ctx context.Context, me string) (reminders.Input, error) {
	var in reminders.Input
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if strings.TrimSpace(me) == "" {
			if me, err = queryMe(ctx, tx); err != nil {
				return err
			}
		}
		in.Me = me
		if in.Team.Members, err = queryMembers(ctx, tx); err != nil {
			return err
		}
		if in.Team.Rotations, err = queryRotations(ctx, tx); err != nil {
			return err
		}
		if in.Team.Policy, err = queryPolicy(ctx, tx); err != nil {
			return err
		}
		scheds, err := queryOneOnOneSchedules(ctx, tx)
		if err != nil {
			return err
		}
		for _, s := range scheds {
			if s.Cadence != worklog.CadenceNone && !strings.EqualFold(s.Member, strings.TrimSpace(me)) {
				in.Schedules = append(in.Schedules, s)
			}
		}
		if in.Actions, err = queryActions(ctx, tx, `JOIN one_on_ones o ON o.id = a.one_on_one_id WHERE a.done = 0 AND a.due != ''
			ORDER BY a.due, a.id`); err != nil {
			return err
		}
		if in.Settings, err = queryReminderSettings(ctx, tx); err != nil {
			return err
		}
		in.Settings.Follow = slices.DeleteFunc(in.Settings.Follow, func(name string) bool {
			_, ok := in.Team.Rotation(name)
			return !ok
		})
		in.Team, err = in.Team.Validate()
		return err
	})
	return in, err
}

func getSetting(ctx context.Context, q querier, key string) (value string, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

func putSetting(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

func deleteSetting(ctx context.Context, q querier, key string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
	return err
}

func badSetting(key, value string, err error) error {
	return fmt.Errorf("%s %s = %q: %w", settingsSource, key, value, err)
}
