package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
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

// source is a file read by readFile: its calendars, what could not be
// read, and the lines components and their time properties came from.
type source struct {
	calendars []*ical.Component
	warnings  warnings
	meta      map[*ical.Component]*compMeta
}

// compMeta is where a component was written.
type compMeta struct {
	line  int        // the BEGIN line
	end   int        // the END line (or the line that closed it)
	props []propLine // lines of the properties in trackedProps, in order
}

type propLine struct {
	name string
	line int
}

// trackedProps are the properties whose lines warnings may name.
var trackedProps = map[string]bool{
	ical.PropDateTimeStart: true, ical.PropDateTimeEnd: true, ical.PropDuration: true,
	ical.PropRecurrenceRule: true, ical.PropRecurrenceDates: true, ical.PropExceptionDates: true,
	ical.PropRecurrenceID: true, ical.PropTimezoneID: true, "X-WR-TIMEZONE": true,
	"TZOFFSETFROM": true, "TZOFFSETTO": true,
}

// lossyProps are the properties without which an event may lose busy time.
var lossyProps = map[string]bool{
	ical.PropDateTimeStart: true, ical.PropDateTimeEnd: true, ical.PropDuration: true,
	ical.PropRecurrenceRule: true, ical.PropRecurrenceDates: true, ical.PropRecurrenceID: true,
}

// calendarComponents may only be children of VCALENDAR (RFC 5545 section
// 3.6): a BEGIN of one of them inside another component means the other
// one's END is missing.
var calendarComponents = map[string]bool{
	ical.CompEvent: true, ical.CompToDo: true, ical.CompJournal: true, ical.CompFreeBusy: true,
	ical.CompTimezone: true, "VAVAILABILITY": true,
}

// beginLine is the line of c's BEGIN, or 0.
func (s *source) beginLine(c *ical.Component) int {
	if m := s.meta[c]; m != nil {
		return m.line
	}
	return 0
}

// propLine is the line of the first property name of c, or c's BEGIN line.
func (s *source) propLine(c *ical.Component, name string) int {
	if lines := s.propLines(c, name); len(lines) > 0 {
		return lines[0]
	}
	return s.beginLine(c)
}

// propLines are the lines of c's properties name, in order.
func (s *source) propLines(c *ical.Component, name string) []int {
	m := s.meta[c]
	if m == nil {
		return nil
	}
	var out []int
	for _, p := range m.props {
		if p.name == name {
			out = append(out, p.line)
		}
	}
	return out
}

// lineAt is lines[i], or else c's BEGIN line.
func (s *source) lineAt(c *ical.Component, lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return s.beginLine(c)
}

// parseFile reads an iCalendar stream into its VCALENDAR components,
// dropping what cannot be read (see readFile).
func parseFile(r io.Reader) ([]*ical.Component, error) {
	src, err := readFile(r)
	if err != nil {
		return nil, err
	}
	return src.calendars, nil
}

// readFile reads an iCalendar stream. It is written for hostile input:
// bounded size, linear time, no panics. It is lenient the way calendar
// clients are: a line that cannot be read is dropped, a component that is
// not closed is skipped, a line that does not start with a property name
// continues the line before it (a fold that lost its leading space), and
// each of these leaves a warning naming the line. It refuses only a file
// that is not iCalendar at all or that is beyond the limits: larger than
// MaxFileSize, a line longer than MaxLineSize, more than MaxEvents events,
// components nested deeper than maxDepth, or a file that ends inside a
// component.
func readFile(r io.Reader) (*source, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("calendar is larger than %d MB: %w", MaxFileSize>>20, ErrTooLarge)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := &parser{src: &source{meta: map[*ical.Component]*compMeta{}}}
	lineNo, start := 0, 0
	var logical []byte
	logicalLine, joined := 0, 0
	flush := func() error {
		if logicalLine == 0 {
			return nil
		}
		if joined != 0 {
			p.warn(Warning{Line: joined, Err: fmt.Errorf("line does not start with a property name or a space: %w", ErrMalformed),
				Effect: fmt.Sprintf("read as a continuation of line %d", logicalLine)})
		}
		err := p.contentLine(string(logical), logicalLine)
		logical, logicalLine, joined = logical[:0], 0, 0
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
		if len(raw) > MaxLineSize {
			return nil, fmt.Errorf("line %d: content line longer than %d KB: %w", lineNo, MaxLineSize>>10, ErrTooLarge)
		}
		folded := len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t')
		switch {
		case len(bytes.TrimSpace(raw)) == 0:
			// Blank lines are ignored; they do not end a folded line.
			continue
		case folded && logicalLine == 0:
			p.stray(lineNo, "continuation line with nothing before it")
			continue
		case folded && closedBeginEnd(logical):
			// BEGIN:VEVENT is never folded: this line continues
			// nothing (an indented line, or a fold's stray tail).
			p.stray(lineNo, "continuation of a BEGIN or END line")
			continue
		case folded:
			raw = raw[1:]
		case !startsContentLine(raw):
			if logicalLine == 0 || isBeginEnd(logical) {
				if err := flush(); err != nil {
					return nil, err
				}
				p.stray(lineNo, fmt.Sprintf("%q is not a content line", clip(string(raw))))
				continue
			}
			// A fold that lost its leading space (Confluence, some
			// mail gateways): the text continues the line before.
			if joined == 0 {
				joined = lineNo
			}
		default:
			if err := flush(); err != nil {
				return nil, err
			}
			logicalLine = lineNo
		}
		if len(logical)+len(raw) > MaxLineSize {
			return nil, fmt.Errorf("line %d: content line longer than %d KB: %w", logicalLine, MaxLineSize>>10, ErrTooLarge)
		}
		logical = append(logical, raw...)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	p.endRun()
	if len(p.stack) > 0 {
		top := p.stack[len(p.stack)-1].comp
		return nil, fmt.Errorf("file ends inside %s (no END:%s): %w", top.Name, top.Name, ErrMalformed)
	}
	if len(p.src.calendars) == 0 {
		return nil, fmt.Errorf("no BEGIN:VCALENDAR found: %w", ErrNotCalendar)
	}
	sort.SliceStable(p.src.warnings.list, func(i, j int) bool { return p.src.warnings.list[i].Line < p.src.warnings.list[j].Line })
	return p.src, nil
}

// startsContentLine says whether a physical line starts with a property
// name followed by ';' or ':' (spaces before them tolerated).
func startsContentLine(raw []byte) bool {
	i := 0
	for i < len(raw) && (isNameChar(raw[i]) || raw[i] == '_') {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
		i++
	}
	return i < len(raw) && (raw[i] == ';' || raw[i] == ':')
}

// isBeginEnd says whether a content line is a BEGIN or END line.
func isBeginEnd(line []byte) bool {
	for _, w := range []string{"BEGIN", "END"} {
		if len(line) > len(w) && strings.EqualFold(string(line[:len(w)]), w) && (line[len(w)] == ':' || line[len(w)] == ';') {
			return true
		}
	}
	return false
}

// knownComponents are the components RFC 5545 defines (with VAVAILABILITY).
var knownComponents = map[string]bool{
	ical.CompCalendar: true, ical.CompEvent: true, ical.CompToDo: true, ical.CompJournal: true,
	ical.CompFreeBusy: true, ical.CompTimezone: true, ical.CompAlarm: true, ical.CompTimezoneStandard: true,
	ical.CompTimezoneDaylight: true, "VAVAILABILITY": true, "AVAILABLE": true,
}

// closedBeginEnd says whether line is a BEGIN or END line that already
// names a whole known component.
func closedBeginEnd(line []byte) bool {
	if len(line) > 32 || !isBeginEnd(line) {
		return false // no component name is that long
	}
	_, name, _ := strings.Cut(string(line), ":")
	return knownComponents[strings.ToUpper(strings.TrimSpace(name))]
}

type parser struct {
	src    *source
	stack  []frame
	events int
	// A run of lines that are ignored together: outside any VCALENDAR,
	// or calendar properties after its components (a lost BEGIN line).
	runFirst, runLast int
	runOrphan         bool
}

// frame is an open component.
type frame struct {
	comp      *ical.Component
	line      int  // its BEGIN line
	firstWarn int  // its first warning
	sawChild  bool // a child component has begun
}

func (p *parser) warn(w Warning) { p.src.warnings.add(w) }

// stray handles a line that is not a content line and continues nothing.
func (p *parser) stray(n int, what string) {
	if len(p.stack) == 0 {
		p.inRun(n, false)
		return
	}
	if p.src.warnings.room() {
		p.warn(Warning{Line: n, Err: fmt.Errorf("%s: %w", what, ErrMalformed), Effect: "line ignored"})
	} else {
		p.src.warnings.total++
	}
}

// inRun adds line n to the run of ignored lines.
func (p *parser) inRun(n int, orphan bool) {
	if p.runFirst != 0 && p.runOrphan != orphan {
		p.endRun()
	}
	if p.runFirst == 0 {
		p.runFirst, p.runOrphan = n, orphan
	}
	p.runLast = n
}

// endRun warns about the run of ignored lines, if any.
func (p *parser) endRun() {
	if p.runFirst == 0 {
		return
	}
	lines := fmt.Sprintf("line %d", p.runFirst)
	if p.runLast > p.runFirst {
		lines = fmt.Sprintf("lines %d-%d", p.runFirst, p.runLast)
	}
	err := fmt.Errorf("%s outside BEGIN:VCALENDAR and END:VCALENDAR: %w", lines, ErrMalformed)
	if p.runOrphan {
		err = fmt.Errorf("%s: calendar properties after its components (a BEGIN line missing?): %w", lines, ErrMalformed)
	}
	p.warn(Warning{Line: p.runFirst, Err: err, Effect: "ignored"})
	p.runFirst, p.runLast = 0, 0
}

func (p *parser) contentLine(line string, n int) error {
	prop, fixes, err := parseContentLine(line)
	if err != nil {
		if len(p.stack) == 0 {
			p.inRun(n, false)
			return nil
		}
		p.endRun()
		if !p.src.warnings.room() {
			p.src.warnings.total++
			return nil
		}
		w := Warning{Line: n, Err: fmt.Errorf("%v: %w", err, ErrMalformed), Effect: "property dropped"}
		name := line
		if i := strings.IndexAny(name, ";:"); i >= 0 {
			name = name[:i]
		}
		w.lossy = lossyProps[strings.ToUpper(strings.TrimSpace(name))]
		p.warn(w)
		return nil
	}
	switch prop.Name {
	case "BEGIN":
		return p.begin(strings.ToUpper(strings.TrimSpace(prop.Value)), n)
	case "END":
		p.end(strings.ToUpper(strings.TrimSpace(prop.Value)), n)
	default:
		p.property(prop, fixes, n)
	}
	return nil
}

func (p *parser) begin(name string, n int) error {
	if len(p.stack) == 0 && name != ical.CompCalendar {
		p.inRun(n, false)
		return nil
	}
	p.endRun()
	if name == "" {
		p.warn(Warning{Line: n, Err: fmt.Errorf("BEGIN without a component name: %w", ErrMalformed), Effect: "line ignored"})
		return nil
	}
	switch {
	case name == ical.CompCalendar && len(p.stack) > 0:
		p.closeFrom(0, n)
	case calendarComponents[name] && len(p.stack) > 1:
		p.closeFrom(1, n)
	}
	if len(p.stack) >= maxDepth {
		return fmt.Errorf("line %d: components nested deeper than %d: %w", n, maxDepth, ErrMalformed)
	}
	if name == ical.CompEvent {
		if p.events++; p.events > MaxEvents {
			return fmt.Errorf("line %d: more than %d events: %w", n, MaxEvents, ErrTooLarge)
		}
	}
	if len(p.stack) > 0 {
		p.stack[len(p.stack)-1].sawChild = true
	}
	c := ical.NewComponent(name)
	p.src.meta[c] = &compMeta{line: n}
	p.stack = append(p.stack, frame{comp: c, line: n, firstWarn: len(p.src.warnings.list)})
	return nil
}

func (p *parser) end(name string, n int) {
	if len(p.stack) == 0 {
		p.inRun(n, false)
		return
	}
	p.endRun()
	i := len(p.stack) - 1
	for i >= 0 && p.stack[i].comp.Name != name {
		i--
	}
	if i < 0 {
		p.warn(Warning{Line: n, Err: fmt.Errorf("END:%s without BEGIN:%s: %w", name, name, ErrMalformed), Effect: "line ignored"})
		return
	}
	p.closeFrom(i+1, n)
	p.finish(p.stack[i], n)
	p.stack = p.stack[:i]
}

// closeFrom closes the open components at depth i and deeper, whose END is
// missing before line n: a VCALENDAR is kept, anything else is skipped.
func (p *parser) closeFrom(i, n int) {
	for j := len(p.stack) - 1; j >= i; j-- {
		f := p.stack[j]
		name := f.comp.Name
		err := fmt.Errorf("%s has no END:%s before line %d: %w", name, name, n, ErrMalformed)
		if name == ical.CompCalendar {
			p.warn(Warning{Line: f.line, Err: err, Effect: "calendar ends there"})
			p.finish(f, n)
			continue
		}
		uid := strings.TrimSpace(unescapeText(propValue(f.comp, ical.PropUID)))
		w := Warning{Line: f.line, Err: err, Effect: "component skipped"}
		if name == ical.CompEvent {
			w.Effect, w.lossy = "event skipped", true
		}
		if j == 1 {
			w.UID = uid
			p.stampUID(f, uid)
		}
		p.warn(w)
	}
	p.stack = p.stack[:i]
}

// finish attaches a component closed on line n to its parent.
func (p *parser) finish(f frame, n int) {
	p.src.meta[f.comp].end = n
	depth := 0
	for depth < len(p.stack) && p.stack[depth].comp != f.comp {
		depth++
	}
	if depth == 0 {
		p.src.calendars = append(p.src.calendars, f.comp)
		return
	}
	if depth == 1 {
		p.stampUID(f, strings.TrimSpace(unescapeText(propValue(f.comp, ical.PropUID))))
	}
	parent := p.stack[depth-1].comp
	parent.Children = append(parent.Children, f.comp)
}

// stampUID names the event in the warnings about its lines.
func (p *parser) stampUID(f frame, uid string) {
	ws := p.src.warnings.list
	for k := f.firstWarn; k < len(ws); k++ {
		if ws[k].UID == "" {
			ws[k].UID = uid
		}
	}
}

func (p *parser) property(prop *ical.Prop, fixes []repair, n int) {
	if len(p.stack) == 0 {
		p.inRun(n, false)
		return
	}
	top := &p.stack[len(p.stack)-1]
	if len(p.stack) == 1 && top.sawChild {
		p.inRun(n, true)
		return
	}
	p.endRun()
	for _, f := range fixes {
		p.warn(Warning{Line: n, Err: fmt.Errorf("%s: %s: %w", prop.Name, f.what, ErrMalformed), Effect: f.effect})
	}
	if trackedProps[prop.Name] {
		m := p.src.meta[top.comp]
		m.props = append(m.props, propLine{prop.Name, n})
	}
	top.comp.Props[prop.Name] = append(top.comp.Props[prop.Name], *prop)
}

// parseContentLine splits NAME;PARAM=V,"V":VALUE (RFC 5545 section 3.1).
// It reads leniently what calendar programs write: backslash escapes in
// parameter values (Apple's X-ADDRESS="1 Main St\; Springfield"), a
// parameter without a value, and a stray or unbalanced quote; fixes say
// what it passed over.
func parseContentLine(s string) (prop *ical.Prop, fixes []repair, err error) {
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return nil, nil, fmt.Errorf("content line %q has no property name", clip(s))
	}
	prop = &ical.Prop{Name: strings.ToUpper(s[:i]), Params: ical.Params{}}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	// The value of a date property holds no ':', so its last ':' starts
	// the value even when an unquoted parameter holds one
	// (TZID=(UTC+10:00) Canberra, Melbourne, Sydney).
	valueAt := -1
	if dateProps[prop.Name] {
		valueAt = strings.LastIndexByte(s, ':')
	}
	colonFixed := false
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			// A parameter without a value: pass over it.
			k := j
			for k < len(s) && s[k] != ';' && s[k] != ':' {
				k++
			}
			fixes = append(fixes, repair{fmt.Sprintf("parameter %q has no value", clip(s[i:k])), "parameter ignored"})
			i = k
			continue
		}
		name := strings.ToUpper(s[i:j])
		i = j + 1
		for {
			var v string
			quoted := false
			if i < len(s) && s[i] == '"' {
				if k := closingQuote(s, i+1); k >= 0 {
					v, i, quoted = s[i+1:k], k+1, true
				} else {
					fixes = append(fixes, repair{fmt.Sprintf("parameter %s has an unbalanced quote", name), "quote ignored"})
					i++
				}
			}
			if !quoted {
				k := i
				stray := false
				for k < len(s) && s[k] != ';' && s[k] != ',' && (s[k] != ':' || k < valueAt) {
					if s[k] == '\\' && k+1 < len(s) {
						k++
					} else if s[k] == '"' {
						stray = true
					} else if s[k] == ':' && !colonFixed {
						colonFixed = true
						fixes = append(fixes, repair{fmt.Sprintf("parameter %s holds a ':' without quotes", name), "read up to the last ':'"})
					}
					k++
				}
				v, i = s[i:k], k
				if stray {
					v = strings.ReplaceAll(v, `"`, "")
					fixes = append(fixes, repair{fmt.Sprintf("parameter %s has a misplaced quote", name), "quote ignored"})
				}
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
		return nil, nil, fmt.Errorf("property %s: missing ':' in %q", prop.Name, clip(s))
	}
	prop.Value = s[i+1:]
	return prop, fixes, nil
}

// dateProps are the properties whose value is a date, date-time or period.
var dateProps = map[string]bool{
	ical.PropDateTimeStart: true, ical.PropDateTimeEnd: true, ical.PropDue: true, ical.PropRecurrenceID: true,
	ical.PropRecurrenceDates: true, ical.PropExceptionDates: true,
}

// repair is something parseContentLine passed over, and how.
type repair struct{ what, effect string }

// closingQuote is the index of the quote that closes a quoted parameter
// value starting at i: backslash escapes are passed over (Apple writes \"
// and \; inside quotes), unless that leaves the quote unclosed.
func closingQuote(s string, i int) int {
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '"':
			return k
		}
	}
	if k := strings.IndexByte(s[i:], '"'); k >= 0 {
		return i + k
	}
	return -1
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
