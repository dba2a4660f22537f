// Package publish keeps the team's calendars and team bundle on the
// calendar and file servers the team already uses: each publish target
// (share.Target) carries one feed, written to a CalDAV collection one
// resource per event, incrementally, or to a WebDAV file (an .ics people
// subscribe to, or the team bundle a follower reads).
//
// Nothing private leaves the machine: feeds are built from the team's
// rotations and saved meetings only, and the team bundle carries the
// roster, rotations and escalation policy with time off reduced to "Away"
// and its interval, never the 1:1 and update log, action items or the
// titles of imported calendar events.
//
// It never imports Fyne or database/sql: the Store it needs is the
// caller's (*store.DB implements it).
package publish

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
)

// Back is how far into the past a feed reaches.
const Back = 30 * 24 * time.Hour

// Window returns what a feed published at now covers, to the second: from
// Back before now to one year after it. Events that overlap it are
// published; events that leave it are removed from the server.
func Window(now time.Time) (from, to time.Time) {
	now = now.UTC().Truncate(time.Second)
	return now.Add(-Back), now.AddDate(1, 0, 0)
}

// AwaySummary is what published time off says, whatever its title here.
const AwaySummary = "Away"

// PublicTeam is the team as it may leave the machine: every member with
// their contacts and hours, their time off that overlaps [from, to) as
// AwaySummary with its interval and nothing else (not its title, not the
// calendar it was imported from), the rotations with their overrides and
// the escalation policy.
func PublicTeam(t team.Team, from, to time.Time) team.Team {
	out := team.Team{Rotations: t.Rotations, Policy: t.Policy, Members: make([]roster.Member, len(t.Members))}
	for i, m := range t.Members {
		m.ID = 0
		var offs []roster.TimeOff
		for _, o := range m.TimeOff {
			if o.End.After(from) && o.Start.Before(to) {
				offs = append(offs, roster.TimeOff{Start: o.Start, End: o.End, AllDay: o.AllDay, Summary: AwaySummary})
			}
		}
		m.TimeOff = offs
		out.Members[i] = m
	}
	return out
}

// Bundle is the team bundle published at now: the team file (see teamfile)
// of PublicTeam over Window(now). The same team gives the same bytes.
func Bundle(t team.Team, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	from, to := Window(now)
	if err := teamfile.Encode(&b, PublicTeam(t, from, to)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Calendar is the calendar of a feed over [from, to): the shifts of one
// rotation, of one member across rotations, or of every rotation, or the
// saved meetings. The team bundle is not a calendar (see Bundle).
func Calendar(f share.Feed, t team.Team, meetings []team.MeetingSeries, from, to time.Time) (calendar.Calendar, error) {
	switch f.Kind {
	case share.FeedRotation:
		return calfeed.RotationCalendar(t, f.Name, from, to)
	case share.FeedMember:
		return calfeed.MemberShiftCalendar(t, f.Name, from, to)
	case share.FeedOnCall:
		cal := calendar.Calendar{Name: "On call"}
		for _, r := range t.Rotations {
			rc, err := calfeed.RotationCalendar(t, r.Name, from, to)
			if err != nil {
				return cal, err
			}
			cal.Events = append(cal.Events, rc.Events...)
		}
		return cal, nil
	case share.FeedMeetings:
		return calfeed.MeetingCalendar(meetings, from, to)
	}
	return calendar.Calendar{}, fmt.Errorf("feed %s is not a calendar: %w", f, share.ErrBadFeed)
}

// numbered gives the calendar's events their SEQUENCE from seq, as every
// export does, so a changed event reaches calendar apps as an update.
func numbered(ctx context.Context, cal calendar.Calendar, seq calendar.Sequencer) (calendar.Calendar, error) {
	uids := make([]string, len(cal.Events))
	hashes := make([]string, len(cal.Events))
	for i, e := range cal.Events {
		uids[i], hashes[i] = e.UID, calendar.ContentHash(e)
	}
	seqs, err := seq.AssignSequences(ctx, uids, hashes)
	if err != nil {
		return cal, err
	}
	if len(seqs) != len(cal.Events) {
		return cal, fmt.Errorf("assign calendar sequences: %d numbers for %d events", len(seqs), len(cal.Events))
	}
	evs := make([]calendar.Event, len(cal.Events))
	copy(evs, cal.Events)
	for i := range evs {
		evs[i].Sequence = seqs[i]
	}
	cal.Events = evs
	return cal, nil
}
