package reminders

import (
	"fmt"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// benchInput is a 20-member team with five rotations of several shift
// lengths, one with a coverage window and overrides, 20 1:1 cadences and
// 200 action items; Me is in every rotation.
func benchInput(b *testing.B) Input {
	var members []roster.Member
	var names []string
	for i := range 20 {
		n := fmt.Sprintf("M%02d", i)
		names = append(names, n)
		members = append(members, person(n, bruteZones[i%len(bruteZones)], "09:00-17:00"))
	}
	rs := []oncall.Rotation{
		rotation("Primary", "Europe/Lisbon", "1w", "09:00", "2026-01-05", names[:6]...),
		rotation("Secondary", "America/New_York", "1d", "10:00", "2026-01-05", names[:8]...),
		rotation("Nights", "Pacific/Auckland", "12h", "20:00", "2026-01-05", names[:5]...),
		rotation("APAC", "Australia/Sydney", "1d", "08:00", "2026-01-05", append([]string{"M00"}, names[10:14]...)...),
		rotation("Infra", "Asia/Kathmandu", "8h", "06:15", "2026-01-05", append([]string{"M00"}, names[14:18]...)...),
	}
	rs[3].Coverage = coverage("08:00-16:00")
	for d := range 100 {
		at := u("2026-01-10T00:00:00Z").Add(time.Duration(d*3) * 24 * time.Hour)
		rs[0].Overrides = append(rs[0].Overrides, oncall.Override{Member: names[d%6], Start: at, End: at.Add(6 * time.Hour)})
	}
	in := Input{Team: mustTeam(b, members, rs...), Me: "M00", Settings: DefaultSettings(), ProtocolReviewDue: u("2026-06-01T00:00:00Z")}
	for i, m := range members {
		in.Schedules = append(in.Schedules, worklog.Schedule{Member: m.Name, Zone: m.Zone, Cadence: worklog.CadenceFortnightly,
			MeetAt: timezone.MustClock("10:00"), Minutes: 30, Last: u("2026-01-07T10:00:00Z").Add(time.Duration(i) * 24 * time.Hour)})
	}
	for i := range 200 {
		in.Actions = append(in.Actions, worklog.ActionItem{ID: int64(i + 1), Text: "item", Owner: names[i%3],
			Due: timezone.Date{Year: 2026, Month: time.January, Day: 1}.AddDays(i)})
	}
	return in
}

// BenchmarkListYear lists a year of reminders, the longest range List takes.
func BenchmarkListYear(b *testing.B) {
	in := benchInput(b)
	from := u("2026-01-01T00:00:00Z")
	for b.Loop() {
		if _, err := List(in, from, from.Add(365*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListDay lists the next day, what a GUI timer asks for.
func BenchmarkListDay(b *testing.B) {
	in := benchInput(b)
	from := u("2026-03-08T00:00:00Z")
	for b.Loop() {
		if _, err := List(in, from, from.Add(24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrayMenu builds the tray menu once.
func BenchmarkTrayMenu(b *testing.B) {
	in := benchInput(b)
	now := u("2026-03-08T12:00:00Z")
	for b.Loop() {
		TrayMenu(in, now)
	}
}
