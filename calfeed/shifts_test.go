package calfeed

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

func shiftTeam() team.Team {
	r := oncall.Rotation{Name: "Night Ops", Members: []string{"Ana", "Bo"}, Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days},
		Handoff: timezone.MustClock("09:00"), Zone: "Europe/Lisbon", Start: timezone.Date{Year: 2026, Month: 3, Day: 2}}
	p := oncall.Rotation{Name: "Day", Members: []string{"Bo"}, Shift: oncall.ShiftLength{N: 12, Unit: oncall.Hours},
		Handoff: timezone.MustClock("00:00"), Zone: "UTC", Start: timezone.Date{Year: 2026, Month: 3, Day: 2}}
	return team.Team{
		Rotations: []oncall.Rotation{r, p},
		Members:   []roster.Member{{Name: "Ana", Phone: "+351 1", Email: "ana@example.com"}, {Name: "Bo", Chat: "@bo"}},
		Policy: oncall.Policy{Repeat: 1, Protocol: "Call, do not chat.", Levels: []oncall.Level{
			{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Night Ops"}}},
			{AfterMinutes: 10, Targets: []oncall.Target{{Kind: oncall.TargetMember, Name: "Ana"}}}}},
	}
}

func TestRotationCalendar(t *testing.T) {
	from := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cal, err := RotationCalendar(shiftTeam(), "night ops", from, from.Add(48*time.Hour))
	if err != nil || len(cal.Events) != 2 {
		t.Fatalf("RotationCalendar: %d events, %v; want 2", len(cal.Events), err)
	}
	e := cal.Events[0]
	if e.UID != "shift-night+ops-20260302T090000Z@remotecto" || e.Summary != "On call: Ana (Night Ops)" || !e.Transparent {
		t.Errorf("event = %+v", e)
	}
	for _, want := range []string{"+351 1", "ana@example.com", "1. after 0 min: Ana", "2. after 10 min: Ana", "Call, do not chat."} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, e.Description)
		}
	}
	if _, err := RotationCalendar(shiftTeam(), "Nope", from, from.Add(time.Hour)); !errors.Is(err, ErrUnknownRotation) {
		t.Errorf("unknown rotation: %v; want ErrUnknownRotation", err)
	}
}

func TestMemberShiftCalendar(t *testing.T) {
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	cal, err := MemberShiftCalendar(shiftTeam(), "bo", from, from.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range cal.Events {
		got = append(got, e.Summary+" "+e.Start.Format(time.RFC3339))
	}
	want := "On call: Bo (Day) 2026-03-02T00:00:00Z,On call: Bo (Day) 2026-03-02T12:00:00Z,On call: Bo (Day) 2026-03-03T00:00:00Z," +
		"On call: Bo (Night Ops) 2026-03-03T09:00:00Z,On call: Bo (Day) 2026-03-03T12:00:00Z"
	if strings.Join(got, ",") != want {
		t.Errorf("events:\n%s\nwant\n%s", strings.Join(got, ","), want)
	}
	if _, err := MemberShiftCalendar(shiftTeam(), "Zed", from, from.Add(time.Hour)); !errors.Is(err, ErrUnknownMember) {
		t.Errorf("unknown member: %v; want ErrUnknownMember", err)
	}
}
