// Package team holds the team as one value: the roster, the on-call
// rotations and the escalation policy, with the checks of the references
// between them; the meeting series planned for the team; and what merging a
// team file into the saved team changed. The team file, storage, the
// calendar feeds, the GUI and the command line all speak of the team
// through it.
package team

import (
	"errors"
	"fmt"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
)

// Sentinel errors of team validation.
var (
	ErrUnknownMember     = errors.New("unknown member")
	ErrUnknownRotation   = errors.New("unknown rotation")
	ErrDuplicateRotation = oncall.ErrDuplicateRotation
)

// Team is the whole team as one value.
type Team struct {
	Members   []roster.Member
	Rotations []oncall.Rotation
	Policy    oncall.Policy
}

// Member returns the member with the given name (case-insensitive).
func (t Team) Member(name string) (roster.Member, bool) { return roster.FindMember(t.Members, name) }

// Rotation returns the rotation with the given name (case-insensitive).
func (t Team) Rotation(name string) (oncall.Rotation, bool) {
	for _, r := range t.Rotations {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			return r, true
		}
	}
	return oncall.Rotation{}, false
}

// Validate normalizes every record and checks the references between them:
// unique member and rotation names, rotation members, override members and
// escalation targets that exist. It returns the normalized team.
func (t Team) Validate() (Team, error) {
	out := Team{}
	seen := map[string]bool{}
	for i, m := range t.Members {
		n, err := m.Normalize()
		if err != nil {
			if strings.TrimSpace(m.Name) == "" {
				return t, fmt.Errorf("member %d: %w", i+1, err)
			}
			return t, fmt.Errorf("member %s: %w", termsafe.Quote(strings.TrimSpace(m.Name)), err)
		}
		key := strings.ToLower(n.Name)
		if seen[key] {
			return t, fmt.Errorf("member %s: %w", termsafe.Quote(n.Name), roster.ErrDuplicateName)
		}
		seen[key] = true
		out.Members = append(out.Members, n)
	}
	rotSeen := map[string]bool{}
	for _, r := range t.Rotations {
		n, err := r.Normalize()
		if err != nil {
			return t, err
		}
		key := strings.ToLower(n.Name)
		if rotSeen[key] {
			return t, fmt.Errorf("rotation %s: %w", termsafe.Quote(n.Name), ErrDuplicateRotation)
		}
		rotSeen[key] = true
		for _, m := range n.Members {
			if !seen[strings.ToLower(m)] {
				return t, fmt.Errorf("rotation %s: member %s: %w", termsafe.Quote(n.Name), termsafe.Quote(m), ErrUnknownMember)
			}
		}
		for _, o := range n.Overrides {
			if !seen[strings.ToLower(o.Member)] {
				return t, fmt.Errorf("rotation %s: override member %s: %w", termsafe.Quote(n.Name), termsafe.Quote(o.Member), ErrUnknownMember)
			}
		}
		out.Rotations = append(out.Rotations, n)
	}
	p, err := t.Policy.Normalize()
	if err != nil {
		return t, fmt.Errorf("escalation: %w", err)
	}
	unknown := p.TargetErrors(func(tg oncall.Target) error {
		switch {
		case tg.Kind == oncall.TargetMember && !seen[strings.ToLower(tg.Name)]:
			return ErrUnknownMember
		case tg.Kind == oncall.TargetRotation && !rotSeen[strings.ToLower(tg.Name)]:
			return ErrUnknownRotation
		}
		return nil
	})
	if err := unknown.Err(); err != nil {
		return t, fmt.Errorf("escalation: %w", err)
	}
	out.Policy = p
	return out, nil
}
