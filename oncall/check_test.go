package oncall

import (
	"errors"
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

func TestRotationCheckReportsEveryField(t *testing.T) {
	r := Rotation{Name: "Primary", Shift: ShiftLength{N: 0, Unit: 'd'}, Handoff: 25 * 60,
		Overrides: []Override{{Member: "Ana", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}}}
	_, errs := r.Check()
	for _, f := range []string{"members", "shift", "zone", "start", "handoff", "overrides"} {
		if !errs.Has(f) {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
	if !errors.Is(errs.Field("zone"), ErrNoZone) {
		t.Errorf("empty zone: %v", errs.Field("zone"))
	}
	ov := errs.Field("overrides")
	if !errors.Is(ov, ErrOverrideSpan) || !errors.Is(ov, ErrBadOverride) || errors.Is(ov, ErrOverrideMember) {
		t.Errorf("reversed override: %v; want ErrOverrideSpan (an ErrBadOverride)", ov)
	}
	if _, err := r.Normalize(); !errors.Is(err, ErrEmptyRotation) {
		t.Errorf("Normalize() = %v; want the first error, ErrEmptyRotation", err)
	}
	noMember := Rotation{Name: "P", Members: []string{"Ana"}, Shift: ShiftLength{N: 1, Unit: 'd'}, Zone: "UTC",
		Start:     timezone.Date{Year: 2026, Month: 3, Day: 2},
		Overrides: []Override{{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)}}}
	if _, err := noMember.Normalize(); !errors.Is(err, ErrOverrideMember) || errors.Is(err, ErrOverrideSpan) {
		t.Errorf("override without a member: %v; want ErrOverrideMember", err)
	}
}

func TestCheckUniqueName(t *testing.T) {
	rs := []Rotation{{ID: 1, Name: "Primary"}, {ID: 2, Name: "APAC"}}
	if err := CheckUniqueName(rs, Rotation{Name: " primary "}); !errors.Is(err, ErrDuplicateRotation) {
		t.Errorf("new rotation named like Primary: %v", err)
	}
	if err := CheckUniqueName(rs, Rotation{ID: 1, Name: "PRIMARY"}); err != nil {
		t.Errorf("Primary renamed in case: %v", err)
	}
	if err := CheckUniqueName(rs, Rotation{ID: 1, Name: "apac"}); !errors.Is(err, ErrDuplicateRotation) {
		t.Errorf("Primary renamed to apac: %v", err)
	}
}

func TestPolicyCheckKeepsEveryProblemOfALevel(t *testing.T) {
	p := Policy{Repeat: 11, Levels: []Level{
		{AfterMinutes: 30, Targets: []Target{{Kind: TargetMember, Name: "Ana"}}},
		{AfterMinutes: 10, Targets: []Target{{Kind: "team", Name: "x"}}},
	}}
	_, errs := p.Check()
	if !errors.Is(errs.Field("repeat"), ErrBadRepeat) {
		t.Errorf("repeat: %v", errs.Field("repeat"))
	}
	l2 := errs.Field("level.2")
	if !errors.Is(l2, ErrBadDelay) || !errors.Is(l2, ErrBadTarget) {
		t.Errorf("level 2: %v; want both the delay and the target", l2)
	}
	missing := errors.New("missing")
	te := p.TargetErrors(func(tg Target) error {
		if tg.Name == "Ana" {
			return missing
		}
		return nil
	})
	if !errors.Is(te.Field("level.1"), missing) || te.Has("level.2") {
		t.Errorf("TargetErrors = %v", te)
	}
}
