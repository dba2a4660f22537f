package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	ical "github.com/emersion/go-ical"
)

// Limits of what Decode reads; a file beyond them is refused whole.
const (
	// MaxFileSize is the largest .ics file Decode reads.
	MaxFileSize = 20 << 20
	// MaxLineSize is the longest (unfolded) content line.
	MaxLineSize = 1 << 20
	// MaxEvents is the most VEVENTs one file may hold.
	MaxEvents = 50000
	// maxDepth is the deepest nesting of components (VCALENDAR > VEVENT >
	// VALARM is 3).
	maxDepth = 8
)

// Errors of Decode, checked with errors.Is.
var (
	ErrNotCalendar = errors.New("not an iCalendar file")
	ErrTooLarge    = errors.New("file is too large")
	ErrMalformed   = errors.New("malformed iCalendar file")
)

// parseFile reads an iCalendar stream into its VCALENDAR components. It
// is written for hostile input: bounded size, linear time, no panics, and
// every error names the line.
func parseFile(r io.Reader) ([]*ical.Component, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("calendar is larger than %d MB: %w", MaxFileSize>>20, ErrTooLarge)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := &parser{}
	lineNo, start := 0, 0
	var logical []byte
	logicalLine := 0
	flush := func() error {
		if logicalLine == 0 {
			return nil
		}
		err := p.contentLine(string(logical), logicalLine)
		logical, logicalLine = logical[:0], 0
		return err
	}
	for start < len(data) {
		end := bytes.IndexByte(data[start:], '\n')
		var raw []byte
		if end < 0 {
			raw, start = data[start:], len(data)
		} else {
			raw, start = data[start:start+end], start+end+1
		}
		lineNo++
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') {
			if logicalLine == 0 {
				return nil, fmt.Errorf("line %d: continuation line with nothing before it: %w", lineNo, ErrMalformed)
			}
			if len(logical)+len(raw)-1 > MaxLineSize {
				return nil, fmt.Errorf("line %d: content line longer than %d KB: %w", logicalLine, MaxLineSize>>10, ErrTooLarge)
			}
			logical = append(logical, raw[1:]...)
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		if len(raw) > MaxLineSize {
			return nil, fmt.Errorf("line %d: content line longer than %d KB: %w", lineNo, MaxLineSize>>10, ErrTooLarge)
		}
		logical = append(logical, raw...)
		logicalLine = lineNo
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(p.stack) > 0 {
		return nil, fmt.Errorf("file ends inside %s (no END:%s): %w", p.stack[len(p.stack)-1].Name, p.stack[len(p.stack)-1].Name, ErrMalformed)
	}
	if len(p.calendars) == 0 {
		return nil, fmt.Errorf("no BEGIN:VCALENDAR found: %w", ErrNotCalendar)
	}
	return p.calendars, nil
}

type parser struct {
	stack     []*ical.Component
	calendars []*ical.Component
	events    int
}

func (p *parser) contentLine(line string, n int) error {
	prop, err := parseContentLine(line)
	if err != nil {
		return fmt.Errorf("line %d: %v: %w", n, err, ErrMalformed)
	}
	switch prop.Name {
	case "BEGIN":
		name := strings.ToUpper(strings.TrimSpace(prop.Value))
		if name == "" {
			return fmt.Errorf("line %d: BEGIN without a component name: %w", n, ErrMalformed)
		}
		if len(p.stack) == 0 && name != ical.CompCalendar {
			return fmt.Errorf("line %d: BEGIN:%s outside BEGIN:VCALENDAR: %w", n, name, ErrNotCalendar)
		}
		if len(p.stack) >= maxDepth {
			return fmt.Errorf("line %d: components nested deeper than %d: %w", n, maxDepth, ErrMalformed)
		}
		if name == ical.CompEvent {
			if p.events++; p.events > MaxEvents {
				return fmt.Errorf("line %d: more than %d events: %w", n, MaxEvents, ErrTooLarge)
			}
		}
		p.stack = append(p.stack, ical.NewComponent(name))
	case "END":
		name := strings.ToUpper(strings.TrimSpace(prop.Value))
		if len(p.stack) == 0 {
			return fmt.Errorf("line %d: END:%s without BEGIN: %w", n, name, ErrMalformed)
		}
		top := p.stack[len(p.stack)-1]
		if top.Name != name {
			return fmt.Errorf("line %d: END:%s closes %s: %w", n, name, top.Name, ErrMalformed)
		}
		p.stack = p.stack[:len(p.stack)-1]
		if len(p.stack) == 0 {
			p.calendars = append(p.calendars, top)
		} else {
			parent := p.stack[len(p.stack)-1]
			parent.Children = append(parent.Children, top)
		}
	default:
		if len(p.stack) == 0 {
			return fmt.Errorf("line %d: %s outside BEGIN:VCALENDAR: %w", n, prop.Name, ErrNotCalendar)
		}
		top := p.stack[len(p.stack)-1]
		top.Props[prop.Name] = append(top.Props[prop.Name], *prop)
	}
	return nil
}

// parseContentLine splits NAME;PARAM=V,"V":VALUE (RFC 5545 section 3.1).
func parseContentLine(s string) (*ical.Prop, error) {
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return nil, fmt.Errorf("content line %q has no property name", clip(s))
	}
	prop := &ical.Prop{Name: strings.ToUpper(s[:i]), Params: ical.Params{}}
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return nil, fmt.Errorf("property %s: malformed parameter in %q", prop.Name, clip(s))
		}
		name := strings.ToUpper(s[i:j])
		i = j + 1
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				k := strings.IndexByte(s[i+1:], '"')
				if k < 0 {
					return nil, fmt.Errorf("property %s: parameter %s: unterminated quote", prop.Name, name)
				}
				v, i = s[i+1:i+1+k], i+k+2
			} else {
				k := i
				for k < len(s) && s[k] != ';' && s[k] != ':' && s[k] != ',' && s[k] != '"' {
					k++
				}
				v, i = s[i:k], k
			}
			prop.Params[name] = append(prop.Params[name], v)
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
	}
	if i >= len(s) || s[i] != ':' {
		return nil, fmt.Errorf("property %s: missing ':' in %q", prop.Name, clip(s))
	}
	prop.Value = s[i+1:]
	return prop, nil
}

func isNameChar(c byte) bool {
	return c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 60 {
		return strings.ToValidUTF8(s[:60], "") + "…"
	}
	return s
}

// unescapeText reads a TEXT value leniently: known escapes are decoded and
// an unknown one keeps its character, as calendar clients do.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
