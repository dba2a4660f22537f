package reminders

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// LineKind says what a line of the tray menu is about, so that a click on
// it can open the right part of the app.
type LineKind string

// The kinds of tray menu line.
const (
	// LineProblem: the input could not be read as it is (an unknown Me or zone).
	LineProblem LineKind = "problem"
	// LineRotation: who is on call in a rotation now, and until when.
	LineRotation LineKind = "rotation"
	// LineNextShift: when my next shift starts.
	LineNextShift LineKind = "next-shift"
	// LineOneOnOne: a 1:1 due today or overdue.
	LineOneOnOne LineKind = "one-on-one"
	// LineActions: how many action items are overdue.
	LineActions LineKind = "actions"
)

// Line is one line of the tray menu.
type Line struct {
	Kind LineKind
	// Name is the rotation or member the line is about; empty otherwise.
	Name string
	Text string
}

// Menu is the content of the tray menu at an instant.
type Menu struct {
	// OnCall reports whether I am on call now in any rotation; the tray
	// icon shows it. Always false when Input.Me is empty.
	OnCall bool
	// OverdueActions counts the open action items whose due date has passed
	// in my zone: mine, or every owner's when Input.Me is empty.
	OverdueActions int
	// Lines are the menu's lines in order: a problem with the input if any,
	// each rotation in the team's order, my next shift (when Me is set), the
	// 1:1s due today or overdue, the overdue action items (when there are
	// any).
	Lines []Line
}

// Texts returns the text of every line, in order.
func (m Menu) Texts() []string {
	out := make([]string, len(m.Lines))
	for i, l := range m.Lines {
		out[i] = l.Text
	}
	return out
}

// nextShiftHorizon bounds the search for my next shift.
const nextShiftHorizon = 366 * 24 * time.Hour

// TrayMenu returns the tray menu at now. Times are given in my zone with
// its name, dates counted from today in my zone:
//
//	Primary: Ana until Mon 16 Mar 09:00 Europe/Lisbon
//	Follow-the-sun: nobody until 08:00 Europe/Lisbon, then Bo
//	Your next shift: Secondary, Tue 10 Mar 09:00 to Wed 11 Mar 09:00 Europe/Lisbon
//	1:1 with Bo due today at 21:00 Europe/Lisbon
//	1:1 with Cy overdue since Mon 2 Mar
//	Overdue action items: 3
//
// "Until" is the end of the person's stretch on call: shifts of one member
// that follow each other without a gap count as one. A 1:1 is due today when
// its next meeting falls on my today, overdue when it fell on an earlier day
// of mine (the day the reminder fired); a cadence with no 1:1 logged yet is
// due today, as worklog.Schedule.DueAt says. Settings are not used.
//
// TrayMenu never fails: an unknown Me or zone becomes a LineProblem line
// first, and the menu is made as if Me were empty (in Zone, or UTC).
func TrayMenu(in Input, now time.Time) Menu {
	var m Menu
	e, err := in.who()
	if err != nil {
		m.Lines = append(m.Lines, Line{Kind: LineProblem, Text: "Reminders: " + err.Error()})
		e.hasMe = false
	}
	now = now.UTC()
	for _, r := range in.Team.Rotations {
		text, mine := e.rotationLine(r, now)
		m.OnCall = m.OnCall || mine
		m.Lines = append(m.Lines, Line{Kind: LineRotation, Name: r.Name, Text: text})
	}
	if e.hasMe {
		m.Lines = append(m.Lines, e.nextShiftLine(now))
	}
	m.Lines = append(m.Lines, e.oneOnOneLines(now)...)
	for _, a := range in.Actions {
		if e.mine(a) && a.Overdue(e.loc, now) {
			m.OverdueActions++
		}
	}
	if m.OverdueActions > 0 {
		m.Lines = append(m.Lines, Line{Kind: LineActions, Text: fmt.Sprintf("Overdue action items: %d", m.OverdueActions)})
	}
	return m
}

// rotationLine says who is on call in r at now and until when; mine reports
// that it is me.
func (e env) rotationLine(r oncall.Rotation, now time.Time) (text string, mine bool) {
	st := oncall.StatusAt(r, now)
	if !st.OnCall {
		if !st.HasNext {
			return r.Name + ": nobody on call", false
		}
		return fmt.Sprintf("%s: nobody until %s, then %s", r.Name, e.at(st.Next.Start, now), e.name(st.Next.Member)), false
	}
	who := st.Current.Member
	end, capped := stretchEnd(r, who, now, st.Current.End)
	if capped {
		return fmt.Sprintf("%s: %s, no handoff in the next %d days", r.Name, e.name(who), int(stretchHorizon/(24*time.Hour))), e.isMe(who)
	}
	return fmt.Sprintf("%s: %s until %s", r.Name, e.name(who), e.at(end, now)), e.isMe(who)
}

// name is a member's name, or "you" for me.
func (e env) name(member string) string {
	if e.isMe(member) {
		return "you"
	}
	return member
}

// nextShiftLine says when my next stretch on call after now starts, in any
// rotation.
func (e env) nextShiftLine(now time.Time) Line {
	var best oncall.Shift
	found := false
	for _, r := range e.in.Team.Rotations {
		if s, ok := e.nextStart(r, now); ok && (!found || s.Start.Before(best.Start)) {
			best, found = s, true
		}
	}
	if !found {
		return Line{Kind: LineNextShift, Text: fmt.Sprintf("Your next shift: none in the next %d days", int(nextShiftHorizon/(24*time.Hour)))}
	}
	r, _ := e.in.Team.Rotation(best.Rotation)
	end, capped := stretchEnd(r, best.Member, best.Start, best.End)
	when := fmt.Sprintf("%s to %s", e.clock(best.Start, now), e.at(end, now))
	if capped {
		when = fmt.Sprintf("%s, for more than %d days", e.at(best.Start, now), int(stretchHorizon/(24*time.Hour)))
	}
	return Line{Kind: LineNextShift, Name: best.Rotation, Text: fmt.Sprintf("Your next shift: %s, %s", best.Rotation, when)}
}

// nextStart returns the first entry of mine in r that starts after now and
// does not go on from an entry of mine without a gap.
func (e env) nextStart(r oncall.Rotation, now time.Time) (oncall.Shift, bool) {
	const step = 28 * 24 * time.Hour
	for a := now; a.Sub(now) < nextShiftHorizon; a = a.Add(step) {
		ss := oncall.Shifts(r, a, a.Add(step))
		for i, s := range ss {
			if !s.Start.After(now) || s.Start.Before(a) || !e.isMe(s.Member) {
				continue
			}
			if prev, ok := before(r, ss, i); ok && prev.End.Equal(s.Start) && e.isMe(prev.Member) {
				continue
			}
			return s, true
		}
	}
	return oncall.Shift{}, false
}

// oneOnOneLines lists the 1:1s due today or overdue: overdue first, the
// longest overdue on top, then today's by meeting time.
func (e env) oneOnOneLines(now time.Time) []Line {
	type item struct {
		line    Line
		overdue bool
		meeting time.Time
	}
	var items []item
	today := timezone.DateOf(now.In(e.loc))
	seen := map[string]bool{}
	for _, s := range e.in.Schedules {
		if s.Cadence == worklog.CadenceNone || seen[strings.ToLower(s.Member)] {
			continue
		}
		meeting, ok := s.NextMeeting(now)
		if !ok {
			continue
		}
		seen[strings.ToLower(s.Member)] = true
		day := timezone.DateOf(meeting.In(e.loc))
		it := item{meeting: meeting, line: Line{Kind: LineOneOnOne, Name: s.Member}}
		switch {
		case s.Last.IsZero():
			it.line.Text = fmt.Sprintf("1:1 with %s due today, none logged yet", s.Member)
		case day == today:
			it.line.Text = fmt.Sprintf("1:1 with %s due today at %s", s.Member, e.at(meeting, now))
		case day.Before(today):
			it.overdue = true
			it.line.Text = fmt.Sprintf("1:1 with %s overdue since %s", s.Member, e.day(day, now))
		default:
			continue
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b item) int {
		if a.overdue != b.overdue {
			if a.overdue {
				return -1
			}
			return 1
		}
		return cmp.Or(a.meeting.Compare(b.meeting), strings.Compare(a.line.Name, b.line.Name))
	})
	out := make([]Line, len(items))
	for i, it := range items {
		out[i] = it.line
	}
	return out
}
