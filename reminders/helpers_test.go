package reminders

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// u reads an RFC 3339 instant.
func u(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// person is a member in zone working hours ("09:00-17:00") Monday to Friday;
// no hours given means none at all.
func person(name, zone string, hours ...string) roster.Member {
	m := roster.Member{Name: name, Zone: zone}
	if len(hours) > 0 {
		d, err := timezone.ParseDayHours(strings.Join(hours, ","))
		if err != nil {
			panic(err)
		}
		for wd := time.Monday; wd <= time.Friday; wd++ {
			m.Hours[wd] = d
		}
	}
	return m
}

// rotation builds a rotation; shift is "1d", "1w", "12h".
func rotation(name, zone, shift, handoff, start string, members ...string) oncall.Rotation {
	l, err := oncall.ParseShiftLength(shift)
	if err != nil {
		panic(err)
	}
	d, err := timezone.ParseDate(start)
	if err != nil {
		panic(err)
	}
	return oncall.Rotation{Name: name, Members: members, Shift: l, Handoff: timezone.MustClock(handoff), Zone: zone, Start: d}
}

// override gives [start, end) to member.
func override(member, start, end string) oncall.Override {
	return oncall.Override{Member: member, Start: u(start), End: u(end)}
}

// coverage reads a daily window "08:00-16:00".
func coverage(s string) *timezone.Range {
	d, err := timezone.ParseDayHours(s)
	if err != nil {
		panic(err)
	}
	return &d[0]
}

// mustTeam validates a team or fails the test.
func mustTeam(t testing.TB, members []roster.Member, rotations ...oncall.Rotation) team.Team {
	t.Helper()
	tm, err := team.Team{Members: members, Rotations: rotations}.Validate()
	if err != nil {
		t.Fatalf("team: %v", err)
	}
	return tm
}

// quiet reads quiet hours "22:00-07:00".
func quiet(s string) *timezone.Range { return coverage(s) }

// leads reads lead times in minutes.
func leads(minutes ...int) []time.Duration {
	out := make([]time.Duration, len(minutes))
	for i, m := range minutes {
		out[i] = time.Duration(m) * time.Minute
	}
	return out
}

// only turns every kind off but the ones given.
func only(kinds ...Kind) map[Kind]bool {
	off := map[Kind]bool{}
	for _, k := range Kinds {
		off[k] = true
	}
	for _, k := range kinds {
		delete(off, k)
	}
	return off
}

// render writes reminders as "AT KEY" lines, the key saying the kind, the
// rotation or member and the event.
func render(rs []Reminder) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s\n", stamp(r.At), r.Key)
	}
	return b.String()
}
