package reminders_test

import (
	"fmt"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// exampleInput is Ana in Lisbon sharing a daily rotation kept on New York
// time with Bo, a weekly 1:1 with Bo and an action item of hers.
func exampleInput() (reminders.Input, error) {
	hours, _ := timezone.ParseDayHours("09:00-17:00")
	ana := roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}
	for d := time.Monday; d <= time.Friday; d++ {
		ana.Hours[d] = hours
	}
	bo := roster.Member{Name: "Bo", Zone: "America/New_York"}
	primary := oncall.Rotation{
		Name: "Primary", Members: []string{"Ana", "Bo"}, Zone: "America/New_York",
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days}, Handoff: timezone.MustClock("09:00"),
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 6},
	}
	tm, err := team.Team{Members: []roster.Member{ana, bo}, Rotations: []oncall.Rotation{primary}}.Validate()
	return reminders.Input{
		Team: tm,
		Me:   "Ana",
		Schedules: []worklog.Schedule{{Member: "Bo", Zone: "America/New_York", Cadence: worklog.CadenceWeekly,
			MeetAt: timezone.MustClock("10:00"), Minutes: 30, Last: time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)}},
		Actions: []worklog.ActionItem{{ID: 12, Text: "Share the incident review", Owner: "Ana",
			Due: timezone.Date{Year: 2026, Month: time.March, Day: 10}}},
		Settings: reminders.DefaultSettings(),
	}, err
}

// New York moves its clocks forward on Sunday 8 March 2026 and Lisbon does
// not, so the 09:00 New York handoff comes an hour earlier on Ana's clock
// from then on.
func ExampleList() {
	in, err := exampleInput()
	if err != nil {
		fmt.Println(err)
		return
	}
	from := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	rs, err := reminders.List(in, from, from.Add(5*24*time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	lisbon, _ := timezone.LoadZone("Europe/Lisbon")
	for _, r := range rs {
		fmt.Printf("%s  %-11s %s\n", r.At.In(lisbon).Format("Mon 2 Jan 15:04"), r.Kind, r.Title)
	}
	// Output:
	// Fri 6 Mar 13:00  shift-start Primary: your shift starts in 1 h
	// Fri 6 Mar 14:00  shift-start Primary: your shift starts now
	// Sat 7 Mar 14:00  handoff     Primary: Bo takes over from you
	// Sun 8 Mar 12:00  shift-start Primary: your shift starts in 1 h
	// Sun 8 Mar 13:00  shift-start Primary: your shift starts now
	// Mon 9 Mar 09:00  one-on-one  1:1 with Bo due today
	// Mon 9 Mar 09:00  action-due  Due tomorrow: Share the incident review
	// Mon 9 Mar 13:00  handoff     Primary: Bo takes over from you
	// Tue 10 Mar 12:00  shift-start Primary: your shift starts in 1 h
	// Tue 10 Mar 13:00  shift-start Primary: your shift starts now
}

// The tray menu at noon in Lisbon on Monday 9 March: Ana is on call until
// the 09:00 New York handoff, 13:00 her time.
func ExampleTrayMenu() {
	in, err := exampleInput()
	if err != nil {
		fmt.Println(err)
		return
	}
	m := reminders.TrayMenu(in, time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC))
	fmt.Println("on call:", m.OnCall)
	for _, l := range m.Lines {
		fmt.Println(l.Text)
	}
	// Output:
	// on call: true
	// Primary: you until 13:00 Europe/Lisbon
	// Your next shift: Primary, Tue 10 Mar 13:00 to Wed 11 Mar 13:00 Europe/Lisbon
	// 1:1 with Bo due today at 14:00 Europe/Lisbon
}
