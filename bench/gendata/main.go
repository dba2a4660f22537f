// Command gendata fills a database with a large organisation for the
// performance benchmarks: members across many zones (working hours, contacts),
// daily rotations of 20 members with years of history and overrides, an
// escalation policy that names rotations and members, 1:1 cadences, and a 1:1
// and update log spread over the same years.
//
// Usage: gendata -db FILE [-members N] [-entries N] [-years N] [-hostile]
//
// The team goes in through the store like any team file. The log is written
// in one transaction with the same rows the store's own writes produce (the
// full-text index is kept by the schema's triggers), so 200,000 entries take
// seconds rather than one transaction each.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

var zones = []string{"Europe/Lisbon", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
	"America/Sao_Paulo", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo",
	"Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati",
	"Africa/Lagos", "Asia/Dubai"}

// HostileWord is the word the -hostile update is made of.
const HostileWord = "word"

func main() {
	dbPath := flag.String("db", "", "database file to fill (created)")
	members := flag.Int("members", 200, "number of members")
	entries := flag.Int("entries", 10000, "number of 1:1 and update log entries")
	years := flag.Int("years", 2, "years of rota and log history")
	hostile := flag.Bool("hostile", false, "add one update of 127 KB made of one repeated word")
	flag.Parse()
	if *dbPath == "" || *members < 1 || *entries < 0 || *years < 1 {
		fmt.Fprintln(os.Stderr, "usage: gendata -db FILE [-members N] [-entries N] [-years N] [-hostile]")
		os.Exit(2)
	}
	if err := run(*dbPath, *members, *entries, *years, *hostile); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}

func run(path string, members, entries, years int, hostile bool) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	t := bigTeam(members, years)
	if _, err := db.ImportTeam(ctx, t); err != nil {
		return err
	}
	// A 1:1 cadence for one member in ten (the CTO's direct reports and
	// their reports' skip-levels).
	every := []worklog.Cadence{worklog.CadenceWeekly, worklog.CadenceFortnightly, worklog.CadenceMonthly}
	for i := 0; i < members; i += 10 {
		if err := db.SetCadence(ctx, t.Members[i].Name, every[(i/10)%len(every)], timezone.MustClock("10:00"), 30); err != nil {
			return err
		}
	}
	if err := seedLog(ctx, db, t, entries, years); err != nil {
		return err
	}
	if hostile {
		text := strings.TrimSpace(strings.Repeat(HostileWord+" ", 127*1024/(len(HostileWord)+1)))
		if _, err := db.AddUpdate(ctx, worklog.Update{Author: t.Members[0].Name, Kind: "status",
			At: time.Now().UTC().Truncate(time.Hour), Text: text}); err != nil {
			return err
		}
	}
	return nil
}

// seedLog writes n log entries over the last years: a 1:1 with an action
// item for every third, async updates of every kind for the rest. Rows go
// in many to a statement: every statement flushes the full-text index's
// pending terms, so one row a statement would cost a flush an entry.
func seedLog(ctx context.Context, db *store.DB, t team.Team, n, years int) error {
	start := time.Now().AddDate(-years, 0, 0).UTC().Truncate(time.Hour)
	step := time.Duration(years) * 365 * 24 * time.Hour / time.Duration(max(n, 1))
	return db.Tx(ctx, func(tx *sql.Tx) error {
		// Room for the whole transaction in memory (this connection only).
		for _, p := range []string{`PRAGMA cache_size = -262144`, `PRAGMA temp_store = MEMORY`} {
			if _, err := tx.ExecContext(ctx, p); err != nil {
				return err
			}
		}
		ids := map[string]int64{}
		rows, err := tx.QueryContext(ctx, `SELECT id, name FROM members`)
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
			ids[name] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var oneID, updID int64
		for _, q := range []struct {
			table string
			id    *int64
		}{{"one_on_ones", &oneID}, {"updates", &updID}} {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM `+q.table).Scan(q.id); err != nil {
				return err
			}
		}
		ones := newBatch(tx, `INSERT INTO one_on_ones(id, member_id, at_utc, notes) VALUES `, 4)
		acts := newBatch(tx, `INSERT INTO action_items(one_on_one_id, position, text, owner, due, done, raised) VALUES `, 7)
		upds := newBatch(tx, `INSERT INTO updates(id, author_id, at_utc, kind, text) VALUES `, 5)
		tags := newBatch(tx, `INSERT INTO update_tags(update_id, tag) VALUES `, 2)
		for i := 0; i < n; i++ {
			at := start.Add(time.Duration(i) * step)
			m := t.Members[(i/3)%len(t.Members)].Name
			if i%3 == 0 {
				oneID++
				done := 1
				if i%90 == 0 {
					done = 0
				}
				ones.add(oneID, ids[m], store.FormatInstant(at), fmt.Sprintf("1:1 %d: roadmap, hiring, the ledger migration and on-call load", i))
				acts.add(oneID, 0, fmt.Sprintf("follow up on item %d", i), m, "", done, timezone.DateOf(at).String())
				continue
			}
			updID++
			upds.add(updID, ids[m], store.FormatInstant(at), string(worklog.Kinds[i%4]),
				fmt.Sprintf("update %d on latency, deploys and the release train", i))
			tags.add(updID, fmt.Sprintf("team%d", i%7))
		}
		// Parents before children.
		for _, b := range []*batch{ones, acts, upds, tags} {
			if err := b.flush(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// batch collects rows for one multi-row INSERT per batchRows rows.
type batch struct {
	tx   *sql.Tx
	head string
	cols int
	rows [][]any
}

const batchRows = 500

func newBatch(tx *sql.Tx, head string, cols int) *batch {
	return &batch{tx: tx, head: head, cols: cols}
}

func (b *batch) add(vals ...any) { b.rows = append(b.rows, vals) }

func (b *batch) flush(ctx context.Context) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	for len(b.rows) > 0 {
		k := min(batchRows, len(b.rows))
		args := make([]any, 0, k*b.cols)
		for _, r := range b.rows[:k] {
			args = append(args, r...)
		}
		q := b.head + strings.TrimSuffix(strings.Repeat(one+", ", k), ", ")
		if _, err := b.tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		b.rows = b.rows[k:]
	}
	return nil
}

// bigTeam builds n members in daily rotations of 20 that started the given
// number of years ago, with an override a month in each, and an escalation
// policy of three levels.
func bigTeam(n, years int) team.Team {
	var t team.Team
	nine, five := timezone.MustClock("09:00"), timezone.MustClock("17:00")
	for i := 0; i < n; i++ {
		m := roster.Member{Name: fmt.Sprintf("Member %03d", i), Role: "Engineer", Zone: zones[i%len(zones)],
			Email: fmt.Sprintf("m%03d@example.com", i), Phone: fmt.Sprintf("+1 555 %04d", i)}
		for d := 1; d <= 5; d++ {
			m.Hours[d] = timezone.DayHours{{Start: nine, End: five}}
		}
		t.Members = append(t.Members, m)
	}
	began := time.Now().AddDate(-years, 0, 0)
	start := timezone.DateOf(began)
	base := began.UTC().Truncate(time.Hour)
	for r := 0; r*20 < n; r++ {
		rot := oncall.Rotation{Name: fmt.Sprintf("Rotation %02d", r), Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days},
			Handoff: nine, Zone: zones[r%len(zones)], Start: start}
		for i := r * 20; i < min(n, (r+1)*20); i++ {
			rot.Members = append(rot.Members, t.Members[i].Name)
		}
		for o := 0; o < 10*years; o++ {
			s := base.Add(time.Duration(o) * 30 * 24 * time.Hour)
			rot.Overrides = append(rot.Overrides, oncall.Override{Member: rot.Members[o%len(rot.Members)], Start: s, End: s.Add(6 * time.Hour)})
		}
		t.Rotations = append(t.Rotations, rot)
	}
	level := func(after int, targets ...oncall.Target) oncall.Level {
		return oncall.Level{AfterMinutes: after, Targets: targets}
	}
	rot := func(i int) oncall.Target {
		return oncall.Target{Kind: oncall.TargetRotation, Name: t.Rotations[i%len(t.Rotations)].Name}
	}
	mem := func(i int) oncall.Target { return oncall.Target{Kind: oncall.TargetMember, Name: t.Members[i%n].Name} }
	t.Policy = oncall.Policy{Repeat: 2, Protocol: "Open an incident channel; post the status page link.",
		Levels: []oncall.Level{level(0, rot(0)), level(15, rot(1), mem(1)), level(30, mem(0))}}
	return t
}
