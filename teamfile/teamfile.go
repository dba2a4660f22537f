// Package teamfile reads and writes the team file: the JSON document that holds
// the roster, the on-call rotations and the escalation policy (see the README for
// its format). Decoding validates every record and cross-reference, so a team
// that decodes without error can be stored as it is.
package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// MaxSize is the largest team file read, in bytes.
const MaxSize = 16 << 20

// The most entries a team file may hold, checked while it is decoded: a
// file over a limit is refused as soon as the decoder reaches the entry
// past it, before the rest is read into memory or checked.
const (
	MaxMembers         = 10_000 // members of the team
	MaxTimeOff         = 10_000 // time-off spans of one member
	MaxRotations       = 1_000  // rotations
	MaxRotationMembers = 10_000 // turns listed in one rotation
	MaxOverrides       = 10_000 // overrides of one rotation
	MaxLevels          = 50     // escalation levels
	MaxTargets         = 500    // targets of one escalation level
)

// Sentinel errors of team validation.
var (
	ErrMalformed = errors.New("malformed team file")
	ErrTooLarge  = errors.New("team file is larger than 16 MiB")
	ErrTooMany   = errors.New("more entries than a team file may hold")
)

// Decode reads and validates a team file.
func Decode(r io.Reader) (team.Team, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return team.Team{}, err
	}
	if len(data) > MaxSize {
		return team.Team{}, ErrTooLarge
	}
	f, err := decodeFile(data)
	if err != nil {
		return team.Team{}, err
	}
	t, err := f.toTeam()
	if err != nil {
		return team.Team{}, err
	}
	return t.Validate()
}

// Encode writes the team as an indented team file, members and rotations
// sorted by name so that the same team always gives the same file.
func Encode(w io.Writer, t team.Team) error {
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
		value := typ.Value // "string", "number 12", a number as long as the file
		if kind, num, ok := strings.Cut(value, " "); ok {
			value = kind + " " + termsafe.Quote(num)
		}
		return fmt.Sprintf("line %d: field %s must be %s, not %s", lineOf(data, typ.Offset), termsafe.Quote(typ.Field), typ.Type, value)
	case errors.Is(err, io.EOF):
		return "the file is empty"
	}
	msg := err.Error()
	// encoding/json names an unknown field in full, whatever its length.
	if q, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if name, err := strconv.Unquote(q); err == nil {
			return "unknown field " + termsafe.Quote(name)
		}
	}
	return termsafe.String(msg)
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

func formatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseInstant(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %s: not an RFC 3339 instant like 2026-03-10T00:00:00Z", field, termsafe.Quote(s))
	}
	return t.UTC(), nil
}
