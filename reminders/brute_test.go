package reminders

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// bruteZones mix both hemispheres' DST, half-hour DST (Lord Howe), 45-minute
// offsets and +14.
var bruteZones = []string{"America/New_York", "Europe/Berlin", "Pacific/Auckland", "Asia/Kathmandu",
	"Pacific/Chatham", "Pacific/Kiritimati", "Australia/Lord_Howe", "UTC"}

// bruteStarts are the starts of the 60-day ranges: each holds DST changes.
var bruteStarts = []string{"2026-02-20T00:00:00Z", "2026-03-15T07:30:00Z", "2026-09-10T00:00:00Z", "2026-10-10T13:00:00Z"}

// randomTeam builds a team of "Me" and two to four others with one to three
// rotations around [from, from+60 days): random zones, shift lengths,
// handoff minutes, members listed twice (so I hand off to myself), coverage
// windows and overrides, some back to back with the same member.
func randomTeam(t testing.TB, rng *rand.Rand, from time.Time) team.Team {
	t.Helper()
	names := []string{"Me", "Bo", "Cy", "Di", "Ed"}[:3+rng.IntN(3)]
	var members []roster.Member
	for _, n := range names {
		members = append(members, person(n, bruteZones[rng.IntN(len(bruteZones))], "09:00-17:00"))
	}
	shifts := []string{"5h", "8h", "12h", "1d", "2d", "1w"}
	var rotations []oncall.Rotation
	for i := range 1 + rng.IntN(3) {
		zone := bruteZones[rng.IntN(len(bruteZones))]
		loc, _ := timezone.LoadZone(zone)
		start := timezone.DateOf(from.In(loc)).AddDays(rng.IntN(21) - 14)
		var rm []string
		for range 1 + rng.IntN(4) {
			if rng.IntN(2) == 0 {
				rm = append(rm, "Me")
			} else {
				rm = append(rm, names[rng.IntN(len(names))])
			}
		}
		r := oncall.Rotation{Name: fmt.Sprintf("R%d", i), Members: rm, Zone: zone, Start: start,
			Handoff: timezone.Clock(rng.IntN(timezone.MinutesPerDay))}
		r.Shift, _ = oncall.ParseShiftLength(shifts[rng.IntN(len(shifts))])
		if rng.IntN(3) == 0 {
			a := timezone.Clock(rng.IntN(timezone.MinutesPerDay))
			b := timezone.Clock((int(a) + 60 + rng.IntN(20*60)) % timezone.MinutesPerDay)
			r.Coverage = &timezone.Range{Start: a, End: b}
		}
		// Overrides in order, without overlap; half of them start where
		// the one before ends, with the same member half of those times.
		at := from.Add(time.Duration(rng.IntN(10*24*60)-3*24*60) * time.Minute)
		prev := ""
		for range rng.IntN(7) {
			if prev == "" || rng.IntN(2) == 0 {
				at = at.Add(time.Duration(rng.IntN(8*24*60)) * time.Minute)
			}
			who := names[rng.IntN(len(names))]
			if prev != "" && rng.IntN(2) == 0 {
				who = prev
			}
			end := at.Add(time.Duration(30+rng.IntN(3*24*60)) * time.Minute)
			r.Overrides = append(r.Overrides, oncall.Override{Member: who, Start: at, End: end})
			at, prev = end, who
		}
		rotations = append(rotations, r)
	}
	return mustTeam(t, members, rotations...)
}

// holders returns who holds rotation r at each minute of [from, to) ("" for
// nobody): the entries of oncall.Shifts painted minute by minute, with no
// merging and no notion of handoffs.
func holders(r oncall.Rotation, from, to time.Time) []string {
	out := make([]string, int(to.Sub(from)/time.Minute))
	for _, s := range oncall.Shifts(r, from, to) {
		for m := max(s.Start.Sub(from)/time.Minute, 0); m < time.Duration(len(out)) && from.Add(m*time.Minute).Before(s.End); m++ {
			if out[m] != "" {
				panic(fmt.Sprintf("%s: two entries at %s", r.Name, from.Add(m*time.Minute)))
			}
			out[m] = s.Member
		}
	}
	return out
}

// TestShiftStartsBruteForce walks random teams minute by minute over 60 days
// and checks that every start of a stretch on call of mine (I hold the
// rotation at a minute and did not the minute before) yields exactly one
// reminder per lead time, at the start less the lead, and nothing else.
func TestShiftStartsBruteForce(t *testing.T) {
	leadSets := [][]time.Duration{leads(60, 0), leads(0), leads(15, 90, 1440), leads(45)}
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 1))
		from := u(bruteStarts[seed%uint64(len(bruteStarts))])
		to := from.Add(60 * 24 * time.Hour)
		tm := randomTeam(t, rng, from)
		ls := leadSets[seed%uint64(len(leadSets))]
		in := Input{Team: tm, Me: "Me", Settings: Settings{Off: only(ShiftStart), Leads: ls, Quiet: quiet("22:00-07:00")}}
		got, err := List(in, from, to)
		if err != nil {
			t.Fatal(err)
		}
		maxLead := slices.Max(ls)
		var want []string
		for _, r := range tm.Rotations {
			walkFrom := from.Add(-time.Minute)
			hs := holders(r, walkFrom, to.Add(maxLead))
			for i := 1; i < len(hs); i++ {
				if hs[i] != "Me" || hs[i-1] == "Me" {
					continue
				}
				start := walkFrom.Add(time.Duration(i) * time.Minute)
				for _, l := range ls {
					if at := start.Add(-l); !at.Before(from) && at.Before(to) {
						want = append(want, fmt.Sprintf("%s %s/%s/%s/%dm", stamp(at), ShiftStart, r.Name, stamp(start), int(l/time.Minute)))
					}
				}
			}
		}
		slices.Sort(want)
		var keys []string
		for _, r := range got {
			keys = append(keys, stamp(r.At)+" "+r.Key)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("seed %d: %d reminders, %d starts × leads expected\n%s", seed, len(keys), len(want), diff(keys, want))
		}
		t.Logf("seed %d: %d rotations, %d shift-start reminders", seed, len(tm.Rotations), len(keys))
	}
}

// TestHandoffsBruteForce walks random teams minute by minute and checks
// that a handoff reminder fires exactly when the holder of a rotation
// differs from the last holder before (gaps skipped), for the whole team's
// view with no quiet hours.
func TestHandoffsBruteForce(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 2))
		from := u(bruteStarts[seed%uint64(len(bruteStarts))])
		to := from.Add(60 * 24 * time.Hour)
		tm := randomTeam(t, rng, from)
		got, err := List(Input{Team: tm, Settings: Settings{Off: only(Handoff)}}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range tm.Rotations {
			// Walk from before anything of the rotation starts.
			walkFrom := r.FirstHandoff(time.UTC).Add(-24 * time.Hour)
			if len(r.Overrides) > 0 && r.Overrides[0].Start.Before(walkFrom) {
				walkFrom = r.Overrides[0].Start.Add(-time.Minute)
			}
			if from.Before(walkFrom) {
				walkFrom = from
			}
			last := ""
			for i, h := range holders(r, walkFrom, to) {
				if h != "" && h != last {
					if at := walkFrom.Add(time.Duration(i) * time.Minute); !at.Before(from) {
						want = append(want, fmt.Sprintf("%s %s/%s/%s/%s", stamp(at), Handoff, r.Name, stamp(at), h))
					}
				}
				if h != "" {
					last = h
				}
			}
		}
		slices.Sort(want)
		var keys []string
		for _, r := range got {
			keys = append(keys, stamp(r.At)+" "+r.Key)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("seed %d: %d handoffs, %d expected\n%s", seed, len(keys), len(want), diff(keys, want))
		}
		t.Logf("seed %d: %d rotations, %d handoffs", seed, len(tm.Rotations), len(keys))
	}
}

// TestListSplits checks that List over a range is List over its parts put
// together, for random teams with every kind on, quiet hours and cut points
// anywhere: a reminder belongs to the range by the instant it fires.
func TestListSplits(t *testing.T) {
	for seed := range uint64(16) {
		rng := rand.New(rand.NewPCG(seed, 3))
		from := u(bruteStarts[seed%uint64(len(bruteStarts))])
		to := from.Add(40 * 24 * time.Hour)
		tm := randomTeam(t, rng, from)
		in := Input{Team: tm, Me: "Me", Settings: DefaultSettings(), ProtocolReviewDue: from.Add(time.Duration(rng.IntN(40*24)) * time.Hour)}
		if seed%2 == 1 {
			in.Me, in.Zone = "", bruteZones[rng.IntN(len(bruteZones))]
			in.Settings.Quiet = quiet("21:30-09:15")
		}
		for _, m := range tm.Members {
			last := from.Add(time.Duration(rng.IntN(30*24*60)-14*24*60) * time.Minute)
			in.Schedules = append(in.Schedules, worklog.Schedule{Member: m.Name, Zone: m.Zone, Cadence: worklog.Cadences[rng.IntN(len(worklog.Cadences))],
				MeetAt: timezone.Clock(rng.IntN(timezone.MinutesPerDay)), Minutes: 30, Last: last})
			in.Actions = append(in.Actions, worklog.ActionItem{ID: int64(len(in.Actions) + 1), Text: "do " + m.Name, Owner: m.Name,
				Due: timezone.DateOf(from).AddDays(rng.IntN(40))})
		}
		whole, err := List(in, from, to)
		if err != nil {
			t.Fatal(err)
		}
		cuts := []time.Time{from}
		for range 6 {
			cuts = append(cuts, from.Add(time.Duration(rng.IntN(40*24*60))*time.Minute))
		}
		cuts = append(cuts, to)
		slices.SortFunc(cuts, func(a, b time.Time) int { return a.Compare(b) })
		var parts []Reminder
		for i := 1; i < len(cuts); i++ {
			if !cuts[i].After(cuts[i-1]) {
				continue
			}
			p, err := List(in, cuts[i-1], cuts[i])
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p...)
		}
		if !slices.Equal(whole, parts) {
			t.Errorf("seed %d: List over the whole range differs from List over its parts\n%s", seed, diff(lines(whole), lines(parts)))
		}
		t.Logf("seed %d: %d reminders", seed, len(whole))
		seen := map[string]bool{}
		for _, r := range whole {
			if seen[r.Key] {
				t.Errorf("seed %d: key %s twice", seed, r.Key)
			}
			seen[r.Key] = true
			if r.At.Location() != time.UTC {
				t.Errorf("seed %d: %s At %s is not in UTC", seed, r.Key, r.At)
			}
			if r.Kind != ShiftStart && in.Settings.Quiet != nil {
				if _, held := in.Settings.quietEnd(r.At, mustLoc(t, in)); held {
					t.Errorf("seed %d: %s fires at %s, inside quiet hours", seed, r.Key, stamp(r.At))
				}
			}
		}
	}
}

func mustLoc(t testing.TB, in Input) *time.Location {
	e, err := in.who()
	if err != nil {
		t.Fatal(err)
	}
	return e.loc
}

func lines(rs []Reminder) []string {
	var out []string
	for _, r := range rs {
		out = append(out, stamp(r.At)+" "+r.Key+" | "+r.Title+" | "+r.Body)
	}
	return out
}

// diff lists the lines only one side has, at most 20.
func diff(got, want []string) string {
	var b strings.Builder
	n := 0
	for _, g := range got {
		if !slices.Contains(want, g) && n < 20 {
			fmt.Fprintf(&b, "  extra:   %s\n", g)
			n++
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) && n < 20 {
			fmt.Fprintf(&b, "  missing: %s\n", w)
			n++
		}
	}
	if n == 0 {
		b.WriteString("  (same lines, other order or duplicates)\n")
	}
	return b.String()
}
