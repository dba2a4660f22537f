package sheet

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

// sheetFrom is a Monday; the 4 weeks that follow cross the European DST
// change (2026-03-29) and the end of DST in Sydney (2026-04-05).
var sheetFrom = utc("2026-03-16T08:00:00Z")

// nineTeam is a team of nine in zones with and without DST, a half-hour and
// a 45-minute zone, with names in Latin with accents, Cyrillic and Greek.
func nineTeam(t *testing.T) team.Team {
	t.Helper()
	members := []roster.Member{
		{Name: "Ana Lúcia Conceição", Role: "CTO", Email: "ana@example.com", Phone: "+351 912 345 678", Chat: "@ana", Zone: "Europe/Lisbon", Hours: week(t, weekdays("09:00-17:00")),
			UrgentChannel: roster.Chat, Response: "10 min, day or night"},
		{Name: "Björn Ødegård", Role: "SRE", Email: "bjorn+oncall@example.no", Phone: "0047 22 12 34 56", Chat: "@bjorn", Zone: "Europe/Oslo", Hours: week(t, weekdays("08:00-16:00"))},
		{Name: "Łukasz Żółkiewski", Role: "Backend", Email: "lukasz@example.pl", Phone: "+48 22 123 45 67", Chat: "@lukasz", Zone: "Europe/Warsaw", Hours: week(t, weekdays("09:00-17:00"))},
		{Name: "Дмитрий Иванов", Role: "Backend", Email: "dmitry@example.com", Phone: "+7 (495) 123-45-67", Chat: "@dmitry", Zone: "Europe/Moscow", Hours: week(t, weekdays("10:00-19:00"))},
		{Name: "Ελένη Παπαδοπούλου", Role: "Frontend", Email: "eleni@example.gr", Phone: "+30 21 0123 4567", Chat: "@eleni", Zone: "Europe/Athens", Hours: week(t, weekdays("09:00-17:00"))},
		{Name: "Priya Raghunathan", Role: "Data engineer", Email: "priya@example.in", Phone: "+91 98765 43210", Chat: "@priya", Zone: "Asia/Kolkata",
			Hours: week(t, map[string]string{"mon": "09:30-13:00,14:00-18:00", "tue": "09:30-13:00,14:00-18:00", "wed": "09:30-13:00,14:00-18:00", "thu": "09:30-13:00,14:00-18:00", "fri": "09:30-13:00,14:00-18:00"})},
		{Name: "Mere Tūhoe", Role: "Mobile", Email: "mere@example.nz", Phone: "+64 3 305 0000", Chat: "@mere", Zone: "Pacific/Chatham", Hours: week(t, weekdays("08:00-16:00")),
			UrgentChannel: roster.Email},
		{Name: "Jack O'Brien", Role: "SRE", Email: "jack@example.com.au", Phone: "+61 2 9876 5432", Chat: "@jack", Zone: "Australia/Sydney",
			Hours: week(t, map[string]string{"mon": "08:00-18:00", "tue": "08:00-18:00", "wed": "08:00-18:00", "sat": "10:00-14:00"})},
		{Name: "Zoë Martínez", Role: "SRE (nights)", Email: "zoe@example.com", Phone: "+1 (212) 555-0100 x42", Chat: "@zoe", Zone: "America/New_York",
			Hours:   week(t, map[string]string{"thu": "22:00-06:00", "fri": "22:00-06:00", "sat": "22:00-06:00", "sun": "22:00-06:00"}),
			TimeOff: []roster.TimeOff{{Start: utc("2026-04-02T00:00:00Z"), End: utc("2026-04-03T00:00:00Z"), Summary: "dentist"}}},
	}
	primary := oncall.Rotation{Name: "Primary", Members: []string{"Björn Ødegård", "Łukasz Żółkiewski", "Дмитрий Иванов", "Ελένη Παπαδοπούλου"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("09:00"), Zone: "Europe/Lisbon",
		Start:     timezone.Date{Year: 2026, Month: time.March, Day: 2},
		Overrides: []oncall.Override{{Member: "Ana Lúcia Conceição", Start: utc("2026-03-25T18:00:00Z"), End: utc("2026-03-26T06:00:00Z")}}}
	secondary := oncall.Rotation{Name: "Secondary", Members: []string{"Zoë Martínez", "Priya Raghunathan"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("09:00"), Zone: "America/New_York",
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 2}}
	cover := timezone.Range{Start: timezone.MustClock("08:00"), End: timezone.MustClock("18:00")}
	apac := oncall.Rotation{Name: "APAC daytime", Members: []string{"Jack O'Brien", "Mere Tūhoe"},
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Handoff: timezone.MustClock("08:00"), Zone: "Australia/Sydney",
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 2}, Coverage: &cover}
	tm := team.Team{
		Members:   members,
		Rotations: []oncall.Rotation{primary, secondary, apac},
		Policy: oncall.Policy{Repeat: 2, Levels: []oncall.Level{
			{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Primary"}, {Kind: oncall.TargetRotation, Name: "APAC daytime"}}},
			{AfterMinutes: 15, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Secondary"}}},
			{AfterMinutes: 30, Targets: []oncall.Target{{Kind: oncall.TargetMember, Name: "Ana Lúcia Conceição"}}},
		}, Protocol: "Policy protocol (replaced by the one given to Build)."},
	}
	v, err := tm.Validate()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

const testProtocol = `1. Page the escalation chain: level 1 at once, then every 15 minutes.
2. Open #incident in Slack and post the status page update within 10 minutes.
3. Follow the runbook: https://runbooks.example.com/incident — say what you see, not what you guess.
4. Credentials are in the vault only; never paste them in chat.`

var testLinks = []Link{
	{Title: "Runbooks", Target: "https://runbooks.example.com/"},
	{Title: "Status page", Target: "https://status.example.com/admin"},
	{Title: "Credentials", Target: "vault://ops/production (1Password: Ops vault)"},
	{Title: "Cloud console", Target: "https://console.example.com/login?user=ops&token=abc123SECRET"},
}

func sampleSheet(t *testing.T) Sheet {
	return Build(nineTeam(t), testProtocol, testLinks, sheetFrom, 4)
}
