package oncall

import (
	"errors"
	"fmt"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/validation"
)

// Sentinel errors of escalation policy validation.
var (
	ErrBadTarget  = errors.New(`target must be "rotation:NAME" or "member:NAME"`)
	ErrEmptyLevel = errors.New("escalation level has no targets")
	ErrBadDelay   = errors.New("minutes before escalating must be 0 or more, and rise level by level")
	ErrBadRepeat  = errors.New("repeat count must be between 0 and 10")
)

// TargetKind says what an escalation target points at.
type TargetKind string

// Target kinds.
const (
	TargetRotation TargetKind = "rotation" // whoever is on call in the rotation
	TargetMember   TargetKind = "member"   // a named member
)

// Target is one recipient of an escalation level.
type Target struct {
	Kind TargetKind
	Name string
}

// ParseTarget reads "rotation:Primary" or "member:Ana".
func ParseTarget(s string) (Target, error) {
	k, name, ok := strings.Cut(strings.TrimSpace(s), ":")
	name = strings.TrimSpace(name)
	kind := TargetKind(strings.ToLower(strings.TrimSpace(k)))
	if !ok || name == "" || (kind != TargetRotation && kind != TargetMember) {
		return Target{}, fmt.Errorf("target %s: %w", termsafe.Quote(s), ErrBadTarget)
	}
	return Target{Kind: kind, Name: name}, nil
}

// String formats the target as in the team file.
func (t Target) String() string { return string(t.Kind) + ":" + t.Name }

// Level is one step of the escalation: its targets are contacted once
// AfterMinutes have passed since the page without an answer.
type Level struct {
	AfterMinutes int
	Targets      []Target
}

// Policy is the team's emergency escalation policy.
type Policy struct {
	// Repeat is how many times the whole chain is run again when nobody answers.
	Repeat int
	Levels []Level
	// Protocol is free text: channels, runbook links, what to say.
	Protocol string
}

// Normalize returns a checked copy of the policy. It does not check that the
// targets exist; the team does that. Target names must be one line of valid
// UTF-8 (termsafe.CheckLine); the protocol may have several lines
// (termsafe.CheckText).
func (p Policy) Normalize() (Policy, error) {
	n, errs := p.Check()
	return n, errs.Err()
}

// Check returns the policy with its protocol trimmed and every broken rule
// keyed by field: "repeat", "level.N" (N from 1; all of a level's problems
// in one error) and "protocol". Normalize returns the first.
func (p Policy) Check() (Policy, validation.Errors) {
	var errs validation.Errors
	if p.Repeat < 0 || p.Repeat > 10 {
		errs.Add("repeat", fmt.Errorf("repeat %d: %w", p.Repeat, ErrBadRepeat))
	}
	prev := -1
	for i, l := range p.Levels {
		var problems []error
		if len(l.Targets) == 0 {
			problems = append(problems, fmt.Errorf("level %d: %w", i+1, ErrEmptyLevel))
		}
		if l.AfterMinutes < 0 || l.AfterMinutes < prev || l.AfterMinutes > 7*24*60 {
			problems = append(problems, fmt.Errorf("level %d: after_minutes %d: %w", i+1, l.AfterMinutes, ErrBadDelay))
		}
		prev = l.AfterMinutes
		for _, t := range l.Targets {
			if t.Name == "" || (t.Kind != TargetRotation && t.Kind != TargetMember) {
				problems = append(problems, fmt.Errorf("level %d: target %s: %w", i+1, termsafe.Quote(t.String()), ErrBadTarget))
			} else if err := termsafe.CheckLine("target", t.String()); err != nil {
				problems = append(problems, fmt.Errorf("level %d: %w", i+1, err))
			}
		}
		errs.Add(fmt.Sprintf("level.%d", i+1), errors.Join(problems...))
	}
	p.Protocol = strings.TrimSpace(p.Protocol)
	errs.Add("protocol", termsafe.CheckText("protocol", p.Protocol))
	return p, errs
}

// TargetErrors checks every target of the policy with unknown, which
// returns the caller's error (such as an unknown member) for a target that
// names nothing, and keys the problems "level.N" like Check.
func (p Policy) TargetErrors(unknown func(Target) error) validation.Errors {
	var errs validation.Errors
	for i, l := range p.Levels {
		var problems []error
		for _, tg := range l.Targets {
			if err := unknown(tg); err != nil {
				problems = append(problems, fmt.Errorf("level %d: target %s: %w", i+1, termsafe.Quote(tg.String()), err))
			}
		}
		errs.Add(fmt.Sprintf("level.%d", i+1), errors.Join(problems...))
	}
	return errs
}
