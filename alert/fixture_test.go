package alert

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func week(t *testing.T, days map[string]string) timezone.WeekHours {
	t.Helper()
	w, err := timezone.ParseWeek("hours", days)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func weekdays(hours string) map[string]string {
	return map[string]string{"mon": hours, "tue": hours, "wed": hours, "thu": hours, "fri": hours}
}

// sampleTeam is spread over zones with and without DST, a half-hour and a
// 45-minute zone, and names in Latin with accents, Cyrillic and Greek.
//
// Around the European DST change of 2026-03-29 (01:00Z): Primary hands off
// daily at 02:00 Europe/Oslo, a time that does not exist that day, so the
// handoff moves to 03:00 CEST = 01:00Z.
func sampleTeam(t *testing.T) team.Team {
	t.Helper()
	members := []roster.Member{
		{Name: "Ana Lúcia", Role: "CTO", Email: "ana@example.com", Phone: "+351 912 345 678", Chat: "@ana", Zone: "Europe/Lisbon", Hours: week(t, weekdays("09:00-17:00"))},
		{Name: "Björn Ødegård", Role: "SRE", Email: "bjorn+oncall@example.no", Phone: "0047 22 12 34 56", Chat: "@bjorn", Zone: "Europe/Oslo", Hours: week(t, weekdays("08:00-16:00"))},
		{Name: "Дмитрий Иванов", Role: "Backend", Email: "dmitry@example.com", Phone: "+7 (495) 123-45-67", Chat: "@dmitry", Zone: "Europe/Moscow", Hours: week(t, weekdays("10:00-19:00"))},
		{Name: "Ελένη Παπαδοπούλου", Role: "Frontend", Email: "eleni@example.gr", Phone: "+30 21 0123 4567", Zone: "Europe/Athens", Hours: week(t, weekdays("09:00-17:00"))},
		{Name: "Priya", Role: "Data", Email: "priya@example.in", Phone: "+91 98765 43210", Chat: "@priya", Zone: "Asia/Kolkata", Hours: week(t, weekdays("09:30-18:00"))},
		{Name: "Mere", Role: "Mobile", Phone: "+64 3 305 0000", Chat: "@mere", Zone: "Pacific/Chatham", Hours: week(t, weekdays("08:00-16:00"))},
		{Name: "Jack", Role: "SRE", Email: "jack@example.com.au", Chat: "@jack", Zone: "Australia/Sydney",
			Hours: week(t, map[string]string{"sat": "08:00-18:00", "sun": "08:00-18:00", "mon": "08:00-18:00"})},
		{Name: "Zoë", Role: "SRE (nights)", Email: "zoe@example.com", Phone: "+1 (212) 555-0100 x42", Chat: "@zoe", Zone: "America/New_York",
			Hours:   week(t, map[string]string{"fri": "22:00-06:00", "sat": "22:00-06:00", "sun": "22:00-06:00"}),
			TimeOff: []roster.TimeOff{{Start: utc("2026-03-28T00:00:00Z"), End: utc("2026-03-28T12:00:00Z"), Summary: "dentist"}}},
	}
	primary := oncall.Rotation{Name: "Primary", Members: []string{"Björn Ødegård", "Дмитрий Иванов", "Ελένη Παπαδοπούλου"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days}, Handoff: timezone.MustClock("02:00"), Zone: "Europe/Oslo",
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 23}}
	secondary := oncall.Rotation{Name: "Secondary", Members: []string{"Zoë", "Priya"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("09:00"), Zone: "America/New_York",
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 2}}
	cover := timezone.Range{Start: timezone.MustClock("08:00"), End: timezone.MustClock("18:00")}
	apac := oncall.Rotation{Name: "APAC", Members: []string{"Jack", "Mere"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("08:00"), Zone: "Australia/Sydney",
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 2}, Coverage: &cover}
	tm := team.Team{
		Members:   members,
		Rotations: []oncall.Rotation{primary, secondary, apac},
		Policy: oncall.Policy{Repeat: 1, Levels: []oncall.Level{
			{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Primary"}}},
			{AfterMinutes: 15, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Secondary"}, {Kind: oncall.TargetRotation, Name: "APAC"}}},
			{AfterMinutes: 30, Targets: []oncall.Target{{Kind: oncall.TargetMember, Name: "Ana Lúcia"}, {Kind: oncall.TargetRotation, Name: "Primary"}}},
		}, Protocol: "Open an incident channel; runbook https://runbooks.example.com/incident"},
	}
	v, err := tm.Validate()
	if err != nil {
		t.Fatal(err)
	}
	return v
}
