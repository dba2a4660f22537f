package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
)

// decodeFile reads the JSON of a team file. The members and the rotations
// are decoded one at a time and counted as they come, so that a file with
// far too many of them (hundreds of thousands fit in MaxSize) is refused
// after MaxMembers or MaxRotations of them, not after all of them have been
// read; the lists inside an entry are counted as soon as it is read. Field
// names match as encoding/json matches them, ignoring case, and a field not
// in the format is an error.
func decodeFile(data []byte) (fileJSON, error) {
	var f fileJSON
	if len(bytes.TrimSpace(data)) == 0 {
		return f, fmt.Errorf("%w: the file is empty", ErrMalformed)
	}
	// Syntax first, over the whole file and without a copy of it, so that
	// a syntax error is reported at its place whatever the decoding below
	// has read.
	var syn *json.SyntaxError
	switch err := json.Unmarshal(data, new(skipValue)); {
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "after top-level value"):
		return f, fmt.Errorf("%w: line %d: extra data after the team object", ErrMalformed, lineOf(data, syn.Offset))
	case err != nil:
		return f, malformed(data, 0, "", err)
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil {
		return f, malformed(data, 0, "", err)
	}
	if tok == nil {
		return f, nil // null: an empty team, as encoding/json reads it
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return f, fmt.Errorf("%w: line 1: the team file must be a JSON object {...}", ErrMalformed)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return f, malformed(data, 0, "", err)
		}
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "members"):
			f.Members = nil
			err = decodeList(dec, data, "members", MaxMembers, func(i int, base int64) error {
				var m memberJSON
				if err := dec.Decode(&m); err != nil {
					return malformed(data, base, "members", err)
				}
				if len(m.TimeOff) > MaxTimeOff {
					return tooMany(data, base, fmt.Sprintf("member %d: more than %d time_off entries", i+1, MaxTimeOff))
				}
				f.Members = append(f.Members, m)
				return nil
			})
		case strings.EqualFold(key, "rotations"):
			f.Rotations = nil
			err = decodeList(dec, data, "rotations", MaxRotations, func(i int, base int64) error {
				var r rotationJSON
				if err := dec.Decode(&r); err != nil {
					return malformed(data, base, "rotations", err)
				}
				switch {
				case len(r.Members) > MaxRotationMembers:
					return tooMany(data, base, fmt.Sprintf("rotation %d: more than %d members", i+1, MaxRotationMembers))
				case len(r.Overrides) > MaxOverrides:
					return tooMany(data, base, fmt.Sprintf("rotation %d: more than %d overrides", i+1, MaxOverrides))
				}
				f.Rotations = append(f.Rotations, r)
				return nil
			})
		case strings.EqualFold(key, "escalation"):
			// Decode reads the value from after the colon that follows the key.
			base := dec.InputOffset()
			base += int64(bytes.IndexByte(data[base:], ':')) + 1
			var p *policyJSON
			if err := dec.Decode(&p); err != nil {
				return f, malformed(data, base, "escalation", err)
			}
			if err := checkPolicy(data, base, p); err != nil {
				return f, err
			}
			f.Escalation = p
		default:
			return f, fmt.Errorf("%w: line %d: unknown field %s", ErrMalformed, lineOf(data, dec.InputOffset()), termsafe.Quote(key))
		}
		if err != nil {
			return f, err
		}
	}
	return f, nil
}

func checkPolicy(data []byte, base int64, p *policyJSON) error {
	if p == nil {
		return nil
	}
	if len(p.Levels) > MaxLevels {
		return tooMany(data, base, fmt.Sprintf("escalation: more than %d levels", MaxLevels))
	}
	for i, l := range p.Levels {
		if len(l.Targets) > MaxTargets {
			return tooMany(data, base, fmt.Sprintf("escalation: level %d: more than %d targets", i+1, MaxTargets))
		}
	}
	return nil
}

// skipValue accepts any JSON value and keeps nothing of it.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }

// decodeList reads a JSON array (or null) of at most max entries, calling
// each for every entry with its index and the offset it starts from.
func decodeList(dec *json.Decoder, data []byte, what string, max int, each func(i int, base int64) error) error {
	tok, err := dec.Token()
	if err != nil {
		return malformed(data, 0, "", err)
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%w: line %d: field %s must be a list [...]", ErrMalformed, lineOf(data, dec.InputOffset()), termsafe.Quote(what))
	}
	for i := 0; dec.More(); i++ {
		if i == max {
			next := dec.InputOffset() + 1 // after the comma
			next += int64(len(data[next:]) - len(bytes.TrimLeft(data[next:], " \t\r\n")))
			return tooMany(data, next, fmt.Sprintf("more than %d %s", max, what))
		}
		// More has skipped the spaces before the entry, or before the
		// comma that precedes it; Decode reads from after that comma.
		base := dec.InputOffset()
		if i > 0 {
			base++
		}
		if err := each(i, base); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		return malformed(data, 0, "", err)
	}
	return nil
}

// malformed describes a decoding error. The offset and field name of a type
// error count from the value decoded: base is its offset in data and field
// the name of the field that holds it ("" at the top).
func malformed(data []byte, base int64, field string, err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		c := *typ
		c.Offset += base
		if field != "" {
			c.Field = strings.TrimSuffix(field+"."+c.Field, ".")
		}
		err = &c
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %s", ErrMalformed, describeJSONError(data, err))
}

func tooMany(data []byte, offset int64, what string) error {
	return fmt.Errorf("line %d: %s: %w", lineOf(data, offset), what, ErrTooMany)
}
