package sheet_test

import (
	"fmt"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/sheet"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// Each shift is written in the on-call person's own time and in UTC.
func ExampleBuild() {
	t := team.Team{
		Members: []roster.Member{
			{Name: "Ana", Zone: "Europe/Lisbon", Phone: "+351 912 345 678"},
			{Name: "Mere", Zone: "Pacific/Auckland", Phone: "+64 9 123 4567"},
		},
		Rotations: []oncall.Rotation{{
			Name: "Primary", Members: []string{"Ana", "Mere"}, Zone: "Europe/Lisbon",
			Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("09:00"),
			Start: timezone.Date{Year: 2026, Month: time.March, Day: 2},
		}},
	}
	from := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	s := sheet.Build(t, "Page Primary, then call Ana.", nil, from, 2)
	for _, sh := range s.Rotations[0].Shifts {
		fmt.Printf("%-4s %s | %s\n", sh.Member, sh.Local, sh.UTC)
	}
	// Output:
	// Ana  Mon 02 Mar 09:00 – Mon 09 Mar 09:00 WET | Mon 02 Mar 09:00 – Mon 09 Mar 09:00 UTC
	// Mere Mon 09 Mar 22:00 – Mon 16 Mar 22:00 NZDT | Mon 09 Mar 09:00 – Mon 16 Mar 09:00 UTC
}
