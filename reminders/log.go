package reminders

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// morning is the time of my day at which day reminders fire when no
// working hours say otherwise.
var morning = timezone.MustClock("09:00")

// dayStart returns when my day d begins for a day reminder: the start of my
// earliest working hours that weekday, or 09:00 when I have none that day or
// Me is empty.
func (e env) dayStart(d timezone.Date) time.Time {
	c := morning
	if e.hasMe {
		if hours := e.me.Hours[d.Weekday()]; len(hours) > 0 {
			c = slices.MinFunc(hours, func(a, b timezone.Range) int { return int(a.Start - b.Start) }).Start
		}
	}
	return timezone.ResolveLocal(d, c, e.loc).UTC()
}

// oneOnOnes returns the "1:1 due today" reminders that fire in [from, to).
func (e env) oneOnOnes(from, to time.Time) []Reminder {
	var out []Reminder
	seen := map[string]bool{}
	for _, s := range e.in.Schedules {
		if s.Cadence == worklog.CadenceNone || s.Last.IsZero() {
			continue
		}
		// With a last 1:1 known, the due day and the meeting do not depend
		// on the instant DueAt is asked at.
		due := s.DueAt(s.Last)
		meeting, ok := s.NextMeeting(s.Last)
		if !ok {
			continue
		}
		key := fmt.Sprintf("%s/%s/%s", OneOnOne, s.Member, due.Next)
		if seen[strings.ToLower(key)] {
			continue
		}
		seen[strings.ToLower(key)] = true
		fire := e.dayStart(timezone.DateOf(meeting.In(e.loc)))
		if meeting.Before(fire) {
			fire = meeting.UTC()
		}
		at, held := e.held(fire)
		if at.Before(from) || !at.Before(to) {
			continue
		}
		when := e.at(meeting, at)
		if mloc := s.Location(); zoneName(mloc) != zoneName(e.loc) {
			when += fmt.Sprintf(" (%s %s)", meeting.In(mloc).Format("15:04"), zoneName(mloc))
		}
		body := fmt.Sprintf("1:1 with %s at %s", s.Member, when)
		if s.Minutes > 0 {
			body += fmt.Sprintf(", %d minutes", s.Minutes)
		}
		body += fmt.Sprintf(", %s; the last one was on %s.", s.Cadence.Label(), e.day(timezone.DateOf(s.Last.In(e.loc)), at))
		out = append(out, Reminder{
			At:     at,
			Kind:   OneOnOne,
			Member: s.Member,
			Title:  fmt.Sprintf("1:1 with %s due today", s.Member),
			Body:   body + held,
			Key:    key,
		})
	}
	return out
}

// mine reports whether action item a is one I am reminded of: I own it, or
// Me is empty.
func (e env) mine(a worklog.ActionItem) bool { return !e.hasMe || e.isMe(a.Owner) }

// actionsDue returns the "due tomorrow" reminders of open action items that
// fire in [from, to).
func (e env) actionsDue(from, to time.Time) []Reminder {
	var out []Reminder
	seen := map[string]bool{}
	for _, a := range e.in.Actions {
		if a.Done || a.Due.IsZero() || !e.mine(a) {
			continue
		}
		id := strconv.FormatInt(a.ID, 10)
		if a.ID == 0 {
			id = textKey(a.Owner, a.Text)
		}
		key := fmt.Sprintf("%s/%s/%s", ActionDue, id, a.Due)
		if seen[key] {
			continue
		}
		seen[key] = true
		at, held := e.held(timezone.ResolveLocal(a.Due.AddDays(-1), morning, e.loc).UTC())
		if at.Before(from) || !at.Before(to) {
			continue
		}
		body := "Action item, due " + e.day(a.Due, at)
		if a.Owner != "" {
			body = fmt.Sprintf("Action item of %s, due %s", a.Owner, e.day(a.Due, at))
		}
		if a.Member != "" {
			body += ", from the 1:1 with " + a.Member
		}
		out = append(out, Reminder{
			At:     at,
			Kind:   ActionDue,
			Member: a.Owner,
			Title:  "Due tomorrow: " + shorten(a.Text, 80),
			Body:   body + "." + held,
			Key:    key,
		})
	}
	return out
}

// reviewDue returns the protocol review reminder when it fires in [from, to).
func (e env) reviewDue(from, to time.Time) []Reminder {
	due := e.in.ProtocolReviewDue
	if due.IsZero() {
		return nil
	}
	d := timezone.DateOf(due.In(e.loc))
	at, held := e.held(timezone.ResolveLocal(d, morning, e.loc).UTC())
	if at.Before(from) || !at.Before(to) {
		return nil
	}
	return []Reminder{{
		At:    at,
		Kind:  ReviewDue,
		Title: "Escalation protocol review due today",
		Body: fmt.Sprintf("Read the escalation levels, their contacts and the emergency protocol through and bring them up to date (due %s).",
			e.day(d, at)) + held,
		Key: fmt.Sprintf("%s/%s", ReviewDue, stamp(due)),
	}}
}
