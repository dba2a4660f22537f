package worklog

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
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
// other updates, oldest first. Times are shown in loc. Notes and update texts
// are written exactly as they were typed (they are usually Markdown already).
func WriteMarkdown(w io.Writer, l Log, scope Scope, loc *time.Location) error {
	l = l.Filter(scope)
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	stamp := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }

	p("# 1:1s and updates\n\n")
	p("%s. Times in %s.\n", describeScope(scope, loc), loc.String())

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
	member := ""
	for _, o := range l.OneOnOnes {
		if !strings.EqualFold(o.Member, member) {
			member = o.Member
			p("\n### %s\n", member)
		}
		p("\n#### %s\n", stamp(o.At))
		if notes := strings.TrimRight(o.Notes, "\n"); notes != "" {
			p("\n%s\n", notes)
		}
		if len(o.Actions) > 0 {
			p("\nAction items:\n\n")
			for _, a := range o.Actions {
				box := " "
				if a.Done {
					box = "x"
				}
				p("- [%s] %s — %s", box, indentLines(a.Text, "  "), a.Owner)
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
	p("\n### %s · %s · %s\n\n%s\n", stamp(u.At), u.Kind, u.Author, strings.TrimRight(u.Text, "\n"))
	if len(u.Tags) > 0 {
		p("\nTags: %s\n", strings.Join(u.Tags, ", "))
	}
}

func describeScope(s Scope, loc *time.Location) string {
	who := "Everyone"
	if s.Member != "" {
		who = s.Member
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

// indentLines indents every line after the first, so a several-line item
// stays inside its list entry.
func indentLines(s, indent string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+indent)
}
