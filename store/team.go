package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// Team returns the whole team: members with time off, rotations and policy.
func (db *DB) Team(ctx context.Context) (team.Team, error) {
	var t team.Team
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if t.Members, err = queryMembers(ctx, tx); err != nil {
			return err
		}
		if t.Rotations, err = queryRotations(ctx, tx); err != nil {
			return err
		}
		t.Policy, err = queryPolicy(ctx, tx)
		return err
	})
	return t, err
}

// ImportTeam merges a team into the database in one transaction: members and
// rotations are matched by name (case-insensitive) and added or updated; a
// member's time off from a team file is replaced by the file's, less the
// spans the member already has from elsewhere (entered by hand, read from a
// calendar), so that a file exported from this database and imported again
// adds nothing twice; the escalation
// policy is replaced when the file has one. Members and rotations the file does
// not name are kept. Any invalid record leaves the database unchanged.
func (db *DB) ImportTeam(ctx context.Context, t team.Team) (team.MergeSummary, error) {
	var sum team.MergeSummary
	t, err := t.Validate()
	if err != nil {
		return sum, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		sum = team.MergeSummary{}
		existing, err := queryMembers(ctx, tx)
		if err != nil {
			return err
		}
		// The file's time off joins what the member has from elsewhere;
		// spans they already have are not added twice.
		settle := func(old roster.Member, m *roster.Member) bool {
			m.TimeOff = newToMember(old.TimeOff, m.TimeOff)
			return sameMember(old, *m)
		}
		writeTimeOff := func(id int64, m roster.Member) error {
			return replaceTimeOff(ctx, tx, id, teamFileSource, m.TimeOff)
		}
		if err := mergeMembers(ctx, tx, existing, t.Members, &sum, settle, writeTimeOff); err != nil {
			return err
		}
		rotations, err := queryRotations(ctx, tx)
		if err != nil {
			return err
		}
		if err := mergeRotations(ctx, tx, rotations, t.Rotations, &sum); err != nil {
			return err
		}
		if len(t.Policy.Levels) > 0 || t.Policy.Protocol != "" {
			old, err := queryPolicy(ctx, tx)
			if err != nil {
				return err
			}
			if !samePolicy(old, t.Policy) {
				sum.PolicyChanged = true
				if err := writePolicy(ctx, tx, t.Policy); err != nil {
					return err
				}
				return db.recordProtocolVersion(ctx, tx, t.Policy.Protocol)
			}
		}
		return nil
	})
	return sum, err
}

// newToMember returns the spans of a team file's time off that the member
// does not already have from another source (the same start and end).
func newToMember(have, fromFile []roster.TimeOff) []roster.TimeOff {
	type span struct{ start, end int64 }
	held := map[span]bool{}
	for _, o := range have {
		if o.Source != teamFileSource {
			held[span{o.Start.Unix(), o.End.Unix()}] = true
		}
	}
	var out []roster.TimeOff
	for _, o := range fromFile {
		if !held[span{o.Start.Unix(), o.End.Unix()}] {
			out = append(out, o)
		}
	}
	return out
}

// teamFileSource is the Source of time off read from a team file.
const teamFileSource = "team file"

func replaceTimeOff(ctx context.Context, tx querier, memberID int64, source string, offs []roster.TimeOff) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE member_id = ? AND source = ?`, memberID, source); err != nil {
		return err
	}
	for _, o := range offs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_off(member_id, start_utc, end_utc, all_day, summary, source, uid)
			VALUES (?, ?, ?, ?, ?, ?, '')`, memberID, FormatInstant(o.Start), FormatInstant(o.End), o.AllDay, o.Summary, source); err != nil {
			return err
		}
	}
	return nil
}

func findRotation(rs []oncall.Rotation, name string) (oncall.Rotation, bool) {
	for _, r := range rs {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return oncall.Rotation{}, false
}

func sameMember(a, b roster.Member) bool {
	if a.Name != b.Name || a.Role != b.Role || a.Email != b.Email || a.Phone != b.Phone || a.Chat != b.Chat ||
		a.Zone != b.Zone || a.UrgentChannel != b.UrgentChannel || a.Response != b.Response || encodeWeek(a.Hours) != encodeWeek(b.Hours) || encodeWeek(a.Acceptable) != encodeWeek(b.Acceptable) {
		return false
	}
	var fromFile []roster.TimeOff
	for _, o := range a.TimeOff {
		if o.Source == teamFileSource {
			fromFile = append(fromFile, o)
		}
	}
	if len(fromFile) != len(b.TimeOff) {
		return false
	}
	for i := range fromFile {
		x, y := fromFile[i], b.TimeOff[i]
		if !x.Start.Equal(y.Start) || !x.End.Equal(y.End) || x.Summary != y.Summary || x.AllDay != y.AllDay {
			return false
		}
	}
	return true
}

func sameRotation(a, b oncall.Rotation) bool {
	a.ID, b.ID = 0, 0
	for i := range a.Overrides {
		a.Overrides[i].ID = 0
	}
	for i := range b.Overrides {
		b.Overrides[i].ID = 0
	}
	if len(a.Overrides) == 0 {
		a.Overrides = nil
	}
	if len(b.Overrides) == 0 {
		b.Overrides = nil
	}
	return reflect.DeepEqual(a, b)
}

func samePolicy(a, b oncall.Policy) bool { return reflect.DeepEqual(a, b) }

// mergeMembers writes each of ms over the stored member of its name
// (case-insensitive), adding the new ones and leaving alone those that
// settle finds unchanged, and counts what it did in sum. settle sees the
// stored member (zero when there is none) and may adjust the one to write;
// timeOff writes a written member's time off.
func mergeMembers(ctx context.Context, tx querier, stored, ms []roster.Member, sum *team.MergeSummary,
	settle func(old roster.Member, m *roster.Member) (unchanged bool), timeOff func(id int64, m roster.Member) error) error {
	byName := make(map[string]roster.Member, len(stored))
	for _, m := range stored {
		byName[strings.ToLower(m.Name)] = m
	}
	for _, m := range ms {
		old, found := byName[strings.ToLower(m.Name)]
		m.ID = old.ID
		unchanged := settle(old, &m)
		switch {
		case !found:
			sum.MembersAdded++
		case unchanged:
			sum.MembersUnchanged++
			continue
		default:
			sum.MembersUpdated++
		}
		id, err := upsertMember(ctx, tx, m)
		if err != nil {
			return fmt.Errorf("member %q: %w", m.Name, err)
		}
		if err := timeOff(id, m); err != nil {
			return fmt.Errorf("member %q: %w", m.Name, err)
		}
	}
	return nil
}

// mergeRotations writes each of rs over the stored rotation of its name
// (case-insensitive), adding the new ones and leaving the unchanged ones
// alone, and counts what it did in sum.
func mergeRotations(ctx context.Context, tx querier, stored, rs []oncall.Rotation, sum *team.MergeSummary) error {
	for _, r := range rs {
		old, found := findRotation(stored, r.Name)
		r.ID = old.ID
		switch {
		case !found:
			sum.RotationsAdded++
		case sameRotation(old, r):
			sum.RotationsUnchanged++
			continue
		default:
			sum.RotationsUpdated++
		}
		if _, err := writeRotation(ctx, tx, r); err != nil {
			return err
		}
	}
	return nil
}
