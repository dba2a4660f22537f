// Package reminders works out the desktop notifications of one team member:
// a shift of mine starts, the person on call changes in a rotation I follow,
// a 1:1 is due today, an action item is due tomorrow, the escalation
// protocol is due for review. List gives the reminders that fire in a range
// of instants; Missed picks those that fired while the app was closed;
// NextAfter tells a timer when to wake; TrayMenu is the tray menu's content.
//
// Everything here is pure: the caller passes the clock in, and storage
// remembers which reminders fired by their Key. The package never imports
// the UI or storage.
//
// A desktop app uses it so: on start, list the reminders from the instant it
// was last running to a little ahead, show Missed(rs, fired, lastSeen, now)
// once as missed and remember their keys; then sleep until NextAfter(rs,
// now), show Missed(rs, fired, previous wake, now) and remember those keys,
// listing again when the team, the log or the settings change.
package reminders

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// MaxRange is the longest range List accepts.
const MaxRange = 366 * 24 * time.Hour

// Input is everything the reminders of one member depend on.
type Input struct {
	// Team should be validated (team.Team.Validate).
	Team team.Team
	// Me names the member the reminders are for (any case). Empty means
	// nobody in particular, the view of the whole team: no shift-start
	// reminders, handoffs of every rotation, every owner's action items.
	Me string
	// Zone is the IANA zone used when Me is empty; empty means UTC. When
	// Me is set, Me's own zone is used and Zone is ignored.
	Zone string
	// Schedules are the 1:1 cadences to remind of, all of them (the caller
	// passes the 1:1s that Me holds).
	Schedules []worklog.Schedule
	// Actions are action items; done ones and ones without a due date are
	// skipped.
	Actions []worklog.ActionItem
	// ProtocolReviewDue is when the escalation protocol is due for review;
	// the day is its date in my zone. The zero time means no review is due.
	ProtocolReviewDue time.Time
	// Settings are my choices: kinds on or off, lead times, rotations
	// followed, quiet hours.
	Settings Settings
}

// Reminder is one notification. At is when it fires, in UTC: the event's
// time less the lead time, moved to the end of quiet hours when it falls in
// them. Titles and bodies give times in my zone with its name.
type Reminder struct {
	At   time.Time
	Kind Kind
	// Rotation is the rotation of a shift-start or handoff reminder.
	Rotation string
	// Member is who the reminder is about: me for a shift start, who goes on
	// call at a handoff, the other member of a 1:1, the owner of an action
	// item; empty for a review.
	Member string
	Title  string
	Body   string
	// Key identifies the event and the lead time, not the firing time, so
	// that storage can remember a reminder fired and not repeat it after a
	// restart or a change of quiet hours. Keys look like
	// "shift-start/Primary/2026-03-09T09:00:00Z/60m",
	// "handoff/Primary/2026-03-09T09:00:00Z/Bo", "one-on-one/Bo/2026-03-09",
	// "action-due/42/2026-03-10" and "review-due/2026-03-09T00:00:00Z".
	Key string
}

// env is an Input resolved against the team.
type env struct {
	in     Input
	me     roster.Member
	hasMe  bool
	loc    *time.Location
	leads  []time.Duration // longest first
	follow map[string]bool // lower-case rotation names
}

// resolve checks the settings and finds me, my zone and the rotations I follow.
func (in Input) resolve() (env, error) {
	if err := in.Settings.Check(); err != nil {
		return env{in: in}, err
	}
	e, err := in.who()
	if err != nil {
		return e, err
	}
	e.leads = in.Settings.leads()
	e.follow = map[string]bool{}
	for _, name := range in.Settings.Follow {
		r, ok := in.Team.Rotation(name)
		if !ok {
			return e, fmt.Errorf("settings: follow %q: %w", name, team.ErrUnknownRotation)
		}
		e.follow[strings.ToLower(r.Name)] = true
	}
	if len(e.follow) == 0 {
		for _, r := range in.Team.Rotations {
			if !e.hasMe || slices.ContainsFunc(r.Members, e.isMe) {
				e.follow[strings.ToLower(r.Name)] = true
			}
		}
	}
	return e, nil
}

// who finds me and my zone. On error the env still holds a usable zone
// (Zone, or UTC) and no me.
func (in Input) who() (env, error) {
	e := env{in: in, loc: time.UTC}
	zone := strings.TrimSpace(in.Zone)
	if strings.TrimSpace(in.Me) != "" {
		m, ok := in.Team.Member(in.Me)
		if !ok {
			if loc, err := timezone.LoadZone(zone); err == nil {
				e.loc = loc
			}
			return e, fmt.Errorf("me %q: %w", in.Me, team.ErrUnknownMember)
		}
		e.me, e.hasMe, zone = m, true, m.Zone
	}
	if zone == "" {
		return e, nil
	}
	loc, err := timezone.LoadZone(zone)
	if err != nil {
		return e, fmt.Errorf("my zone %w", err)
	}
	e.loc = loc
	return e, nil
}

// isMe reports whether name is me.
func (e env) isMe(name string) bool { return e.hasMe && strings.EqualFold(name, e.me.Name) }

// List returns the reminders that fire in [from, to), sorted by At, then by
// kind in the order of Kinds, then by rotation, member and key. A reminder
// belongs to the range by the instant it fires, after quiet hours moved it,
// so the lists of two adjacent ranges put together are the list of the
// whole range.
//
// The kinds:
//   - shift-start: for each lead time, lead before a shift of mine starts in
//     any rotation (overrides and coverage windows applied). Shifts of mine
//     that follow each other without a gap in one rotation are one shift: a
//     handoff from me to me starts nothing. Never held back by quiet hours.
//   - handoff: when the person on call changes in a rotation I follow,
//     including after a gap (Bo's coverage window starts after Ana's ended)
//     and at the first shift. A handoff to me is left to the shift-start
//     reminders while that kind is on.
//   - one-on-one: on the day of my zone on which the member's next 1:1 (at
//     the agreed time, on the day worklog.Schedule.DueAt gives) falls, at the
//     start of my working hours that day, or at 09:00 when I have none that
//     day (or Me is empty), but no later than the 1:1 itself. One per member
//     and due day; a cadence with no 1:1 logged yet has no due day of its own
//     (DueAt calls it due whatever day it is) and is left to the tray menu.
//   - action-due: at 09:00 of my zone on the day before an open item's due
//     date; only items I own, or every item when Me is empty.
//   - review-due: at 09:00 of my zone on the day of ProtocolReviewDue.
//
// The error reports settings out of range, an unknown Me, zone or followed
// rotation, or a range longer than MaxRange.
func List(in Input, from, to time.Time) ([]Reminder, error) {
	if !to.After(from) || to.Sub(from) > MaxRange {
		return nil, fmt.Errorf("range %s to %s: %w", from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339), ErrBadRange)
	}
	e, err := in.resolve()
	if err != nil {
		return nil, err
	}
	from, to = from.UTC(), to.UTC()
	var out []Reminder
	if in.Settings.On(ShiftStart) && e.hasMe {
		out = append(out, e.shiftStarts(from, to)...)
	}
	if in.Settings.On(Handoff) {
		out = append(out, e.handoffs(from, to)...)
	}
	if in.Settings.On(OneOnOne) {
		out = append(out, e.oneOnOnes(from, to)...)
	}
	if in.Settings.On(ActionDue) {
		out = append(out, e.actionsDue(from, to)...)
	}
	if in.Settings.On(ReviewDue) {
		out = append(out, e.reviewDue(from, to)...)
	}
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	Sort(out)
	return out, nil
}

// Sort orders reminders as List does: by At, then by kind in the order of
// Kinds, then by rotation, member and key.
func Sort(rs []Reminder) {
	slices.SortStableFunc(rs, func(a, b Reminder) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Kind.rank(), b.Kind.rank()),
			strings.Compare(a.Rotation, b.Rotation), strings.Compare(a.Member, b.Member), strings.Compare(a.Key, b.Key))
	})
}

// held returns when a reminder of an event at t fires: t itself, or the
// end of the quiet hours t falls in. note is the sentence that says so, for
// the end of the body ("" when not held back).
func (e env) held(t time.Time) (at time.Time, note string) {
	end, ok := e.in.Settings.quietEnd(t, e.loc)
	if !ok {
		return t, ""
	}
	return end, fmt.Sprintf(" Held back by quiet hours (%s %s).", e.in.Settings.Quiet, zoneName(e.loc))
}

// maxHold is longer than quiet hours can hold a reminder back (a day of
// quiet hours lengthened by a DST change).
const maxHold = 26 * time.Hour

// Missed returns the reminders of rs that fall in (lastSeen, now] and have
// not fired (fired reports that storage remembers the key; nil means none
// did), in the order of rs. Shown once when the app starts again, and then
// remembered as fired; a GUI timer calls it too, with the instant it last
// woke, to get what is due now.
func Missed(rs []Reminder, fired func(key string) bool, lastSeen, now time.Time) []Reminder {
	var out []Reminder
	for _, r := range rs {
		if r.At.After(lastSeen) && !r.At.After(now) && (fired == nil || !fired(r.Key)) {
			out = append(out, r)
		}
	}
	return out
}

// NextAfter returns the first instant after now at which a reminder of rs
// fires, for the GUI's timer; ok is false when none does.
func NextAfter(rs []Reminder, now time.Time) (next time.Time, ok bool) {
	for _, r := range rs {
		if r.At.After(now) && (!ok || r.At.Before(next)) {
			next, ok = r.At, true
		}
	}
	return next, ok
}
