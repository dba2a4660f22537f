// Command gendata fills a database with the large team the performance
// targets speak of: 200 members across many zones, rotations with two years
// of history and overrides, and 10,000 1:1 and update log entries.
// Usage: gendata -db FILE
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
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

func main() {
	dbPath := flag.String("db", "", "database file to fill (created)")
	members := flag.Int("members", 200, "number of members")
	entries := flag.Int("entries", 10000, "number of 1:1 and update log entries")
	flag.Parse()
	if *dbPath == "" {
		fmt.Fprintln(os.Stderr, "usage: gendata -db FILE")
		os.Exit(2)
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	team := bigTeam(*members)
	if _, err := db.ImportTeam(context.Background(), team); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := seedLog(db, team, *entries); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// seedLog writes n log entries over the last two years: a 1:1 with an action
// item for every third, async updates of every kind for the rest.
func seedLog(db *store.DB, team team.Team, n int) error {
	ctx := context.Background()
	start := time.Now().AddDate(-2, 0, 0).UTC().Truncate(time.Hour)
	step := 2 * 365 * 24 * time.Hour / time.Duration(max(n, 1))
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * step)
		m := team.Members[(i/3)%len(team.Members)].Name
		var err error
		if i%3 == 0 {
			_, err = db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: m, At: at,
				Notes:   fmt.Sprintf("1:1 %d: roadmap, hiring, the ledger migration and on-call load", i),
				Actions: []worklog.ActionItem{{Text: fmt.Sprintf("follow up on item %d", i), Owner: m, Done: i%90 != 0}}})
		} else {
			_, err = db.AddUpdate(ctx, worklog.Update{Author: m, Kind: worklog.Kinds[i%4], At: at,
				Text: fmt.Sprintf("update %d on latency, deploys and the release train", i), Tags: []string{fmt.Sprintf("team%d", i%7)}})
		}
		if err != nil {
			return fmt.Errorf("log entry %d: %w", i, err)
		}
	}
	return nil
}

// bigTeam builds n members in 10 rotations of 20 that started two years ago.
func bigTeam(n int) team.Team {
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
	start := timezone.DateOf(time.Now().AddDate(-2, 0, 0))
	for r := 0; r*20 < n; r++ {
		rot := oncall.Rotation{Name: fmt.Sprintf("Rotation %02d", r), Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days},
			Handoff: nine, Zone: zones[r%len(zones)], Start: start}
		for i := r * 20; i < min(n, (r+1)*20); i++ {
			rot.Members = append(rot.Members, t.Members[i].Name)
		}
		base := time.Now().AddDate(-2, 0, 0).UTC().Truncate(time.Hour)
		for o := 0; o < 20; o++ {
			s := base.Add(time.Duration(o) * 30 * 24 * time.Hour)
			rot.Overrides = append(rot.Overrides, oncall.Override{Member: rot.Members[o%len(rot.Members)], Start: s, End: s.Add(6 * time.Hour)})
		}
		t.Rotations = append(t.Rotations, rot)
	}
	return t
}
