package oncall

import (
	"errors"
	"strings"
	"testing"

	"dev.remotecto/remotecto/internal/termsafe"
)

func TestNormalizeRefusesControlCharacters(t *testing.T) {
	huge := strings.Repeat("x", 10<<20)
	tests := []struct {
		name   string
		change func(*Rotation)
		want   error
		field  string // the message names it
	}{
		{"escape in the name", func(r *Rotation) { r.Name = "Primary\x1b[2J" }, termsafe.ErrControl, `rotation name "Primary\x1b[2J"`},
		{"newline in the name", func(r *Rotation) { r.Name = "Primary\n# Evil" }, termsafe.ErrControl, `rotation name "Primary\n# Evil"`},
		{"NUL in a member", func(r *Rotation) { r.Members[1] = "B\x00" }, termsafe.ErrControl, `member 2 "B\x00"`},
		{"invalid UTF-8 in a member", func(r *Rotation) { r.Members[0] = "A\xff" }, termsafe.ErrInvalidUTF8, `member 1 "A\xff"`},
		{"carriage return in an override member", func(r *Rotation) {
			r.Overrides = []Override{{Member: "A\rB", Start: u("2026-03-03T00:00:00Z"), End: u("2026-03-04T00:00:00Z")}}
		}, termsafe.ErrControl, `override member "A\rB"`},
		{"10 MB name with a NUL", func(r *Rotation) { r.Name = huge + "\x00" }, termsafe.ErrControl, `"… (10485761 characters)`},
		{"10 MB member name in an overlap message", func(r *Rotation) {
			r.Overrides = []Override{{Member: huge, Start: u("2026-03-03T00:00:00Z"), End: u("2026-03-05T00:00:00Z")},
				{Member: "A", Start: u("2026-03-04T00:00:00Z"), End: u("2026-03-06T00:00:00Z")}}
		}, ErrOverlappingOverride, `"… (10485760 characters)`},
		{"tab in the name", func(r *Rotation) { r.Name = "Pri\tmary" }, termsafe.ErrControl, `\t`},
		{"accents and emoji are fine", func(r *Rotation) { r.Name = "Prímary 🚨" }, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rot("UTC", "1d", "09:00", "2026-03-02", "A", "B")
			tt.change(&r)
			_, err := r.Normalize()
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("Normalize = %.200v; want %v", err, tt.want)
			}
			if err != nil && (!strings.Contains(err.Error(), tt.field) || len(err.Error()) > 400) {
				t.Errorf("message %.400q (%d bytes) does not name %s in at most 400 bytes", err, len(err.Error()), tt.field)
			}
		})
	}
}

func TestPolicyNormalizeRefusesControlCharacters(t *testing.T) {
	level := func(name string) []Level { return []Level{{Targets: []Target{{TargetMember, name}}}} }
	tests := []struct {
		name string
		p    Policy
		want error
	}{
		{"protocol of several lines with tabs", Policy{Protocol: "1. Page #incidents\n2. Call\tthe lead\n"}, nil},
		{"protocol with an escape", Policy{Protocol: "Call \x1b]8;;http://evil\x1b\\here"}, termsafe.ErrControl},
		{"protocol with a carriage return", Policy{Protocol: "ok\rgone"}, termsafe.ErrControl},
		{"protocol not UTF-8", Policy{Protocol: "caf\xe9"}, termsafe.ErrInvalidUTF8},
		{"target with a newline", Policy{Levels: level("Ana\nBo")}, termsafe.ErrControl},
		{"target with a bell", Policy{Levels: level("Ana\a")}, termsafe.ErrControl},
		{"target fine", Policy{Levels: level("Ana Lima")}, nil},
	}
	for _, tt := range tests {
		_, err := tt.p.Normalize()
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("%s: Normalize = %v; want %v", tt.name, err, tt.want)
		}
	}
	if _, err := ParseTarget(strings.Repeat("r", 10<<20)); err == nil || len(err.Error()) > 200 {
		t.Errorf("ParseTarget of 10 MB: message of %d bytes; want an error of at most 200", len(err.Error()))
	}
	if _, err := ParseShiftLength(strings.Repeat("9", 10<<20) + "x"); err == nil || len(err.Error()) > 200 {
		t.Errorf("ParseShiftLength of 10 MB: message of %d bytes; want an error of at most 200", len(err.Error()))
	}
}
