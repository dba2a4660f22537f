package team

import (
	"errors"
	"strings"
	"testing"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

func sampleTeam() Team {
	r := oncall.Rotation{Name: "Primary", Members: []string{"Ana", "Bo"}, Shift: oncall.ShiftLength{N: 7, Unit: oncall.Days},
		Handoff: timezone.MustClock("09:00"), Zone: "Europe/Lisbon", Start: timezone.Date{Year: 2026, Month: 3, Day: 2}}
	return Team{
		Members:   []roster.Member{{Name: "Ana", Zone: "Europe/Lisbon"}, {Name: "Bo", Zone: "Pacific/Chatham"}},
		Rotations: []oncall.Rotation{r},
		Policy: oncall.Policy{Repeat: 1, Levels: []oncall.Level{
			{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Primary"}}}}},
	}
}

func TestValidateRefusesHostileText(t *testing.T) {
	huge := strings.Repeat("A", 10<<20)
	tests := []struct {
		name   string
		change func(*Team)
		want   error
		text   string // part of the message
	}{
		{"escape in a member name", func(t *Team) { t.Members[0].Name = "Ana\x1b[2J" }, termsafe.ErrControl, `member "Ana\x1b[2J"`},
		{"newline in a rotation name", func(t *Team) { t.Rotations[0].Name = "Primary\nSecondary" }, termsafe.ErrControl, `rotation name "Primary\nSecondary"`},
		{"invalid UTF-8 in a rotation member", func(t *Team) { t.Rotations[0].Members[0] = "An\xe1" }, termsafe.ErrInvalidUTF8, `"An\xe1"`},
		{"escape in the protocol", func(t *Team) { t.Policy.Protocol = "Call\x1b[8m hidden" }, termsafe.ErrControl, "escalation: protocol"},
		{"protocol of several lines", func(t *Team) { t.Policy.Protocol = "1. Page\n2. Call" }, nil, ""},
		{"10 MB unknown rotation member", func(t *Team) { t.Rotations[0].Members[0] = huge }, ErrUnknownMember, `"… (10485760 characters)`},
		{"10 MB duplicate name", func(t *Team) { t.Members[0].Name, t.Members[1].Name = "Bo", "bo" }, roster.ErrDuplicateName, `member "bo"`},
		{"10 MB unknown target", func(t *Team) {
			t.Policy.Levels[0].Targets[0] = oncall.Target{Kind: oncall.TargetMember, Name: huge}
		}, ErrUnknownMember, `"member:AAAA`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			team := sampleTeam()
			tt.change(&team)
			_, err := team.Validate()
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("Validate = %.300v; want %v", err, tt.want)
			}
			if err != nil && (!strings.Contains(err.Error(), tt.text) || len(err.Error()) > 400) {
				t.Errorf("message %.400q (%d bytes); want %s in at most 400 bytes", err, len(err.Error()), tt.text)
			}
		})
	}
}
