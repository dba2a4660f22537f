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
	"dev.remotecto/remotecto/team"
)

// MaxSize is the largest team file read, in bytes.
const MaxSize = 16 << 20

// Sentinel errors of team validation.
var (
	ErrMalformed = errors.New("malformed team file")
	ErrTooLarge  = errors.New("team file is larger than 16 MiB")
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
	var f fileJSON
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return team.Team{}, fmt.Errorf("%w: %s", ErrMalformed, describeJSONError(data, err))
	}
	if dec.More() {
		return team.Team{}, fmt.Errorf("%w: extra data after the team object", ErrMalformed)
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
