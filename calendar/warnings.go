package calendar

import (
	"fmt"
	"strconv"
	"strings"
)

// Warning is a part of an imported file that Decode could not read as
// written, and what it did instead. The rest of the file is imported.
type Warning struct {
	// Line is the line of the file (counting from 1) the problem is on:
	// the property's line, or a component's BEGIN line.
	Line int
	// UID is the event's UID when the problem is inside an event that has
	// one, else "".
	UID string
	// Err says what is wrong; errors.Is matches ErrMalformed, ErrBadDate,
	// ErrBadRule or ErrUnknownZone.
	Err error
	// Effect says what the import did about it, such as "property
	// dropped", "event skipped" or "value ignored".
	Effect string

	// lossy marks a problem that may leave out busy time of the event
	// UID: the import then does not speak for that event (see
	// Import.UIDs), so busy time imported from it before is kept.
	lossy bool
}

// String is the warning for a person, such as
// `line 12 (event "abc@google.com"): RDATE "2026-13-01": invalid date; value ignored`.
func (w Warning) String() string {
	s := ""
	if w.Line > 0 {
		s = "line " + strconv.Itoa(w.Line)
	}
	if w.UID != "" {
		uid := w.UID
		if len(uid) > 200 {
			uid = strings.ToValidUTF8(uid[:200], "") + "…"
		}
		s += fmt.Sprintf(" (event %q)", uid)
	}
	if s != "" {
		s += ": "
	}
	if w.Err != nil {
		s += w.Err.Error()
	}
	if w.Effect != "" {
		s += "; " + w.Effect
	}
	return s
}

// MaxWarningsShown is how many warnings WarningLines lists one by one.
const MaxWarningsShown = 20

// maxWarnings bounds the warnings an import keeps; the rest are counted.
const maxWarnings = 1000

// WarningLines renders the import's warnings for a person, one per line:
// the first MaxWarningsShown, then "and N more warnings". It is nil when
// there is nothing to say.
func (imp *Import) WarningLines() []string {
	if imp == nil || imp.WarningCount == 0 {
		return nil
	}
	var out []string
	for i, w := range imp.Warnings {
		if i == MaxWarningsShown {
			break
		}
		out = append(out, w.String())
	}
	if more := imp.WarningCount - len(out); more == 1 {
		out = append(out, "and 1 more warning")
	} else if more > 1 {
		out = append(out, fmt.Sprintf("and %d more warnings", more))
	}
	return out
}

// warnings collects an import's warnings, keeping at most maxWarnings.
type warnings struct {
	list  []Warning
	total int
	lossy map[string]bool // UIDs of events that may have lost busy time
}

func (ws *warnings) room() bool { return len(ws.list) < maxWarnings }

func (ws *warnings) add(w Warning) {
	ws.total++
	if len(ws.list) < maxWarnings {
		ws.list = append(ws.list, w)
	}
}

// lossyUIDs are the events some warning says may have lost busy time.
func (ws *warnings) lossyUIDs() map[string]bool {
	m := map[string]bool{}
	for k := range ws.lossy {
		m[k] = true
	}
	for _, w := range ws.list {
		if w.lossy && w.UID != "" {
			m[w.UID] = true
		}
	}
	return m
}
