package reminders

import (
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
)

// lookBack is how far before an instant the entries of a rotation are read
// to find who was on call before it. After a rotation's first handoff the
// gaps between its entries are shorter than a day (a coverage window comes
// back every day); 72 hours leaves room for a window that a DST change
// empties. Before the first handoff only overrides hold the rotation, and
// prevEntry reads those directly.
const lookBack = 72 * time.Hour

// stretchHorizon bounds the search for the end of a stretch on call: a
// member alone in a rotation is on call with no end.
const stretchHorizon = 31 * 24 * time.Hour

// prevEntry returns the entry of rotation r that ends last at or before t:
// who was on call before t, possibly with a gap between.
func prevEntry(r oncall.Rotation, t time.Time) (oncall.Shift, bool) {
	var best oncall.Shift
	found := false
	for _, s := range oncall.Shifts(r, t.Add(-lookBack), t) {
		if !s.End.After(t) && (!found || s.End.After(best.End)) {
			best, found = s, true
		}
	}
	for _, o := range r.Overrides {
		if !o.End.After(t) && (!found || o.End.After(best.End)) {
			best = oncall.Shift{Rotation: r.Name, Member: o.Member, Start: o.Start, End: o.End, Override: true}
			found = true
		}
	}
	return best, found
}

// before returns the entry that precedes ss[i]: ss[i-1] when there is one
// (entries are sorted and do not overlap), else the one prevEntry finds.
func before(r oncall.Rotation, ss []oncall.Shift, i int) (oncall.Shift, bool) {
	if i > 0 {
		return ss[i-1], true
	}
	return prevEntry(r, ss[i].Start)
}

// stretchEnd returns when member's time on call in r that reaches end
// stops: entries of the same member that follow each other without a gap
// are one stretch. capped is set when the stretch goes on past
// start+stretchHorizon.
func stretchEnd(r oncall.Rotation, member string, start, end time.Time) (time.Time, bool) {
	const step = 7 * 24 * time.Hour
	for end.Sub(start) <= stretchHorizon {
		moved := false
		for _, s := range oncall.Shifts(r, end, end.Add(step)) {
			if s.Start.Equal(end) && strings.EqualFold(s.Member, member) {
				end, moved = s.End, true
			}
		}
		if !moved {
			return end, false
		}
	}
	return end, true
}

// stretchEndAt is stretchEnd for entry ss[i] of a sorted list of entries of
// r: it follows the list first and reads further entries only past its end.
func stretchEndAt(r oncall.Rotation, ss []oncall.Shift, i int) (time.Time, bool) {
	j := i
	for j+1 < len(ss) && ss[j+1].Start.Equal(ss[j].End) && strings.EqualFold(ss[j+1].Member, ss[i].Member) &&
		ss[j+1].End.Sub(ss[i].Start) <= stretchHorizon {
		j++
	}
	// The list holds every entry between its first and its last, so an
	// entry after ss[j] that does not go on from it ends the stretch.
	if j+1 < len(ss) {
		if next := ss[j+1]; !next.Start.Equal(ss[j].End) || !strings.EqualFold(next.Member, ss[i].Member) {
			return ss[j].End, false
		}
	}
	return stretchEnd(r, ss[i].Member, ss[i].Start, ss[j].End)
}

// span describes a stretch on call from start to end in my zone: the start
// dated when it is not on the day of ref, the end when it is not on the day
// of the start: "from 09:00 to Mon 16 Mar 09:00 Europe/Lisbon".
func (e env) span(start, end time.Time, capped bool, ref time.Time) string {
	if capped {
		return fmt.Sprintf("from %s, for more than %d days", e.at(start, ref), int(stretchHorizon/(24*time.Hour)))
	}
	return fmt.Sprintf("from %s to %s", e.clock(start, ref), e.at(end, start))
}

// shiftStarts returns the shift-start reminders of every rotation that fire
// in [from, to): one per lead time before each stretch of mine.
func (e env) shiftStarts(from, to time.Time) []Reminder {
	var out []Reminder
	minLead, maxLead := e.leads[len(e.leads)-1], e.leads[0]
	lo, hi := from.Add(minLead), to.Add(maxLead) // the starts that can fire in range
	for _, r := range e.in.Team.Rotations {
		ss := oncall.Shifts(r, lo.Add(-lookBack), hi)
		for i, s := range ss {
			if s.Start.Before(lo) || !s.Start.Before(hi) || !e.isMe(s.Member) {
				continue
			}
			prev, hasPrev := before(r, ss, i)
			contiguous := hasPrev && prev.End.Equal(s.Start)
			if contiguous && e.isMe(prev.Member) {
				continue // my shift goes on
			}
			end, capped := stretchEndAt(r, ss, i)
			for _, lead := range e.leads {
				at := s.Start.Add(-lead)
				if at.Before(from) || !at.Before(to) {
					continue
				}
				body := fmt.Sprintf("You are on call for %s %s", r.Name, e.span(s.Start, end, capped, at))
				if contiguous {
					body += ", taking over from " + prev.Member
				}
				out = append(out, Reminder{
					At:       at,
					Kind:     ShiftStart,
					Rotation: r.Name,
					Member:   e.me.Name,
					Title:    fmt.Sprintf("%s: your shift starts %s", r.Name, leadText(lead)),
					Body:     body + ".",
					Key:      fmt.Sprintf("%s/%s/%s/%dm", ShiftStart, r.Name, stamp(s.Start), int(lead/time.Minute)),
				})
			}
		}
	}
	return out
}

// handoffs returns the handoff reminders of the rotations I follow that
// fire in [from, to).
func (e env) handoffs(from, to time.Time) []Reminder {
	var out []Reminder
	lo := from.Add(-maxHold) // a handoff this early may be held back into range
	for _, r := range e.in.Team.Rotations {
		if !e.follow[strings.ToLower(r.Name)] {
			continue
		}
		ss := oncall.Shifts(r, lo.Add(-lookBack), to)
		for i, s := range ss {
			if s.Start.Before(lo) || !s.Start.Before(to) {
				continue
			}
			prev, hasPrev := before(r, ss, i)
			if hasPrev && strings.EqualFold(prev.Member, s.Member) {
				continue // the same person goes on, perhaps after a gap
			}
			if e.isMe(s.Member) && e.in.Settings.On(ShiftStart) {
				continue // the shift-start reminders say it
			}
			at, held := e.held(s.Start)
			if at.Before(from) || !at.Before(to) {
				continue
			}
			end, capped := stretchEndAt(r, ss, i)
			rem := Reminder{
				At:       at,
				Kind:     Handoff,
				Rotation: r.Name,
				Member:   s.Member,
				Key:      fmt.Sprintf("%s/%s/%s/%s", Handoff, r.Name, stamp(s.Start), s.Member),
			}
			// "Bo takes over from Ana", or "you take over from Ana" when the
			// shift-start kind is off.
			me := e.isMe(s.Member)
			subject := s.Member
			if me {
				subject = "you"
			}
			switch {
			case !hasPrev:
				rem.Title = fmt.Sprintf("%s: %s %s on call", r.Name, subject, verb(me, "go", "goes"))
			case e.isMe(prev.Member):
				rem.Title = fmt.Sprintf("%s: %s %s over from you", r.Name, subject, verb(me, "take", "takes"))
			default:
				rem.Title = fmt.Sprintf("%s: %s %s over from %s", r.Name, subject, verb(me, "take", "takes"), prev.Member)
			}
			rem.Body = fmt.Sprintf("%s %s on call for %s %s.", capitalize(subject), verb(me, "are", "is"), r.Name, e.span(s.Start, end, capped, at))
			if hasPrev && prev.End.Before(s.Start) {
				rem.Body += fmt.Sprintf(" Nobody was on call since %s, when %s's shift ended.", e.at(prev.End, at), prev.Member)
			}
			rem.Body += held
			out = append(out, rem)
		}
	}
	return out
}

// verb picks the form of a verb for "you" or for a name.
func verb(you bool, forYou, forName string) string {
	if you {
		return forYou
	}
	return forName
}
