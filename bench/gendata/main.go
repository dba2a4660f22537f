// Command gendata fills a database with the large team the performance
// targets speak of: 200 members across many zones, rotations with two years
// of history and overrides. Usage: gendata -db FILE
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
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
)

var zones = []string{"Europe/Lisbon", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
	"America/Sao_Paulo", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo",
	"Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati",
	"Africa/Lagos", "Asia/Dubai"}

func main() {
	dbPath := flag.String("db", "", "database file to fill (created)")
	members := flag.Int("members", 200, "number of members")
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
	if _, err := db.ImportTeam(context.Background(), bigTeam(*members)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// bigTeam builds n members in 10 rotations of 20 that started two years ago.
func bigTeam(n int) teamfile.Team {
	var t teamfile.Team
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
