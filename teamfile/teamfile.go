// Package teamfile reads and writes the team file: the JSON document that holds
// the roster, the on-call rotations and the escalation policy (see the README for
// its format). Decoding validates every record and cross-reference, so a team
// that decodes without error can be stored as it is.
package teamfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
)

// MaxSize is the largest team file read, in bytes.
const MaxSize = 16 << 20

// Sentinel errors of team validation.
var (
	ErrUnknownMember     = errors.New("unknown member")
	ErrUnknownRotation   = errors.New("unknown rotation")
	ErrDuplicateRotation = errors.New("rotation name is used twice")
	ErrMalformed         = errors.New("malformed team file")
	ErrTooLarge          = errors.New("team file is larger than 16 MiB")
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
			return t, fmt.Errorf("member %q: %w", strings.TrimSpace(m.Name), err)
		}
		key := strings.ToLower(n.Name)
		if seen[key] {
			return t, fmt.Errorf("member %q: %w", n.Name, roster.ErrDuplicateName)
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
			return t, fmt.Errorf("rotation %q: %w", n.Name, ErrDuplicateRotation)
		}
		rotSeen[key] = true
		for _, m := range n.Members {
			if !seen[strings.ToLower(m)] {
				return t, fmt.Errorf("rotation %q: member %q: %w", n.Name, m, ErrUnknownMember)
			}
		}
		for _, o := range n.Overrides {
			if !seen[strings.ToLower(o.Member)] {
				return t, fmt.Errorf("rotation %q: override member %q: %w", n.Name, o.Member, ErrUnknownMember)
			}
		}
		out.Rotations = append(out.Rotations, n)
	}
	p, err := t.Policy.Normalize()
	if err != nil {
		return t, fmt.Errorf("escalation: %w", err)
	}
	for i, l := range p.Levels {
		for _, tg := range l.Targets {
			switch {
			case tg.Kind == oncall.TargetMember && !seen[strings.ToLower(tg.Name)]:
				return t, fmt.Errorf("escalation: level %d: target %q: %w", i+1, tg.String(), ErrUnknownMember)
			case tg.Kind == oncall.TargetRotation && !rotSeen[strings.ToLower(tg.Name)]:
				return t, fmt.Errorf("escalation: level %d: target %q: %w", i+1, tg.String(), ErrUnknownRotation)
			}
		}
	}
	out.Policy = p
	return out, nil
}

// Decode reads and validates a team file.
func Decode(r io.Reader) (Team, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return Team{}, err
	}
	if len(data) > MaxSize {
		return Team{}, ErrTooLarge
	}
	var f fileJSON
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Team{}, fmt.Errorf("%w: %s", ErrMalformed, describeJSONError(data, err))
	}
	if dec.More() {
		return Team{}, fmt.Errorf("%w: extra data after the team object", ErrMalformed)
	}
	t, err := f.toTeam()
	if err != nil {
		return Team{}, err
	}
	return t.Validate()
}

// Encode writes the team as an indented team file, members and rotations
// sorted by name so that the same team always gives the same file.
func Encode(w io.Writer, t Team) error {
	t.Members = append([]roster.Member(nil), t.Members...)
	sort.SliceStable(t.Members, func(i, j int) bool {
		return strings.ToLower(t.Members[i].Name) < strings.ToLower(t.Members[j].Name)
	})
	t.Rotations = append([]oncall.Rotation(nil), t.Rotations...)
	sort.SliceStable(t.Rotations, func(i, j int) bool {
		return strings.ToLower(t.Rotations[i].Name) < strings.ToLower(t.Rotations[j].Name)
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(fromTeam(t))
}

// describeJSONError turns a JSON error into a message with a line number.
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("line %d: %v", lineOf(data, syn.Offset), syn)
	case errors.As(err, &typ):
		return fmt.Sprintf("line %d: field %q must be %s, not %s", lineOf(data, typ.Offset), typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return "the file is empty"
	}
	return err.Error()
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return strings.Count(string(data[:offset]), "\n") + 1
}

func formatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseInstant(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: not an RFC 3339 instant like 2026-03-10T00:00:00Z", field, s)
	}
	return t.UTC(), nil
}
