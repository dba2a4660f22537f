package worklog

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
)

// Log is the whole log, or the part of it an export covers.
type Log struct {
	OneOnOnes []OneOnOne
	Updates   []Update
}

// Scope chooses what an export covers: one member (empty for everyone) and
// a half-open time range [From, To) (a zero bound is open).
type Scope struct {
	Member string
	From   time.Time
	To     time.Time
}

// includes reports whether an entry by member at t is in the scope.
func (s Scope) includes(member string, t time.Time) bool {
	if s.Member != "" && !strings.EqualFold(s.Member, member) {
		return false
	}
	if !s.From.IsZero() && t.Before(s.From) {
		return false
	}
	return s.To.IsZero() || t.Before(s.To)
}

// Filter returns the entries of l inside the scope, oldest first.
func (l Log) Filter(s Scope) Log {
	var out Log
	for _, o := range l.OneOnOnes {
		if s.includes(o.Member, o.At) {
			out.OneOnOnes = append(out.OneOnOnes, o)
		}
	}
	for _, u := range l.Updates {
		if s.includes(u.Author, u.At) {
			out.Updates = append(out.Updates, u)
		}
	}
	sort.SliceStable(out.OneOnOnes, func(i, j int) bool {
		a, b := out.OneOnOnes[i], out.OneOnOnes[j]
		if !strings.EqualFold(a.Member, b.Member) {
			return strings.ToLower(a.Member) < strings.ToLower(b.Member)
		}
		return a.At.Before(b.At)
	})
	sort.SliceStable(out.Updates, func(i, j int) bool { return out.Updates[i].At.Before(out.Updates[j].At) })
	return out
}

// WriteMarkdown writes the entries of l inside scope as a Markdown document:
// the decision log, the 1:1s per member with their action items, and the
// other updates, oldest first. Times are shown in loc.
//
// Every text that comes from the log (names, notes, action items, update
// texts, tags) is escaped so that the document renders it as it was typed:
// Markdown punctuation is backslash-escaped and <, > and & written as
// entities, so no text becomes emphasis, a link, an image or raw HTML; what
// would start a block at the start of a line (a heading, a list, a quote, a
// fence) is neutralised; the lines of a note stay lines of one paragraph or
// list item, ended by hard line breaks; control characters show as escapes
// (termsafe). Bare web addresses may still be made links by renderers that
// do so (GitHub), showing the address as typed.
func WriteMarkdown(w io.Writer, l Log, scope Scope, loc *time.Location) error {
	l = l.Filter(scope)
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	stamp := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }

	p("# 1:1s and updates\n\n")
	p("%s. Times in %s.\n", describeScope(scope, loc), mdInline(loc.String()))

	var decisions, others []Update
	for _, u := range l.Updates {
		if u.Kind == KindDecision {
			decisions = append(decisions, u)
		} else {
			others = append(others, u)
		}
	}
	p("\n## Decision log\n")
	if len(decisions) == 0 {
		p("\nNo decisions.\n")
	}
	for _, u := range decisions {
		writeUpdate(p, u, stamp)
	}

	p("\n## 1:1s\n")
	if len(l.OneOnOnes) == 0 {
		p("\nNo 1:1s.\n")
	}
	for i, o := range l.OneOnOnes {
		if i == 0 || !strings.EqualFold(o.Member, l.OneOnOnes[i-1].Member) {
			member := o.Member
			p("\n### %s\n", mdInline(member))
		}
		p("\n#### %s\n", stamp(o.At))
		if notes := mdBlock(o.Notes, ""); notes != "" {
			p("\n%s\n", notes)
		}
		if len(o.Actions) > 0 {
			p("\nAction items:\n\n")
			for _, a := range o.Actions {
				box := " "
				if a.Done {
					box = "x"
				}
				p("- [%s] %s — %s", box, mdBlock(a.Text, "  "), mdInline(a.Owner))
				if !a.Due.IsZero() {
					p(", due %s", a.Due)
				}
				if !a.Raised.IsZero() && a.Raised.String() != o.At.In(loc).Format("2006-01-02") {
					p(" (raised %s)", a.Raised)
				}
				p("\n")
			}
		}
	}

	p("\n## Updates\n")
	if len(others) == 0 {
		p("\nNo updates.\n")
	}
	for _, u := range others {
		writeUpdate(p, u, stamp)
	}
	return bw.Flush()
}

func writeUpdate(p func(string, ...any), u Update, stamp func(time.Time) string) {
	p("\n### %s · %s · %s\n\n%s\n", stamp(u.At), mdInline(string(u.Kind)), mdInline(u.Author), mdBlock(u.Text, ""))
	if len(u.Tags) > 0 {
		tags := make([]string, len(u.Tags))
		for i, t := range u.Tags {
			tags[i] = mdInline(t)
		}
		p("\nTags: %s\n", strings.Join(tags, ", "))
	}
}

func describeScope(s Scope, loc *time.Location) string {
	who := "Everyone"
	if s.Member != "" {
		who = mdInline(s.Member)
	}
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	switch {
	case !s.From.IsZero() && !s.To.IsZero():
		return fmt.Sprintf("%s, from %s to %s", who, day(s.From), day(s.To))
	case !s.From.IsZero():
		return fmt.Sprintf("%s, from %s", who, day(s.From))
	case !s.To.IsZero():
		return fmt.Sprintf("%s, until %s", who, day(s.To))
	}
	return who + ", all dates"
}

// mdEscaper escapes the characters that make Markdown (CommonMark and
// GitHub's tables and strikethrough) anywhere in a line: backslash-escapes
// for the punctuation, entities for what would start HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `~`, `\~`, `|`, `\|`,
	`&`, `&amp;`, `<`, `&lt;`, `>`, `&gt;`)

// mdInline escapes one line of text (a name, a tag) for a heading, a list
// item or a sentence: control characters and line breaks as visible escapes
// (termsafe.String), Markdown as in mdEscaper, and every # so that none
// closes a heading.
func mdInline(s string) string {
	return strings.ReplaceAll(mdEscaper.Replace(termsafe.String(strings.TrimSpace(s))), "#", `\#`)
}

// mdBlock escapes text of several lines (notes, an update, an action item)
// for a paragraph or a list item. Each line is escaped as by mdEscaper and
// what would start a block at its start is neutralised; lines are joined by
// hard line breaks (a backslash at the end of the line), so that blank lines
// too stay inside the one block; indent goes before every line after the
// first (the indent of a list item's text). Control characters other than
// newline and tab show as escapes (termsafe.Text). Spaces around the text
// and at the ends of lines are dropped.
func mdBlock(s, indent string) string {
	s = strings.TrimRight(termsafe.Text(s), " \t\n")
	s = strings.TrimLeft(s, " \t")
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		body := neutralise(mdEscaper.Replace(strings.TrimLeft(l, " \t")))
		if strings.HasSuffix(body, `\\`) {
			// A backslash typed at the end of the line, before the one of
			// the line break: an entity cannot be read as part of it.
			body = strings.TrimSuffix(body, `\\`) + "&#92;"
		}
		lines[i] = l[:len(l)-len(strings.TrimLeft(l, " \t"))] + body
	}
	return strings.Join(lines, "\\\n"+indent)
}

// neutralise escapes what would make a line (already escaped by mdEscaper)
// start a block: an ATX heading (#), a list item or thematic break (-, +), a
// setext underline (=, -) or a numbered list item (1. or 1)). Quotes, HTML,
// fences and tables cannot start: mdEscaper has escaped >, <, `, ~ and |.
func neutralise(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '-', '+', '=':
		return `\` + l
	}
	digits := 0
	for digits < len(l) && digits < 10 && l[digits] >= '0' && l[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(l) && (l[digits] == '.' || l[digits] == ')') {
		return l[:digits] + `\` + l[digits:]
	}
	return l
}
