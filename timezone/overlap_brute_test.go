package timezone

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// bruteZones are zones with awkward offsets or DST rules, both hemispheres.
var bruteZones = []string{
	"UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles",
	"America/St_Johns", "America/Sao_Paulo", "America/Santiago", "America/Havana",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide",
	"Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati",
	"Pacific/Apia", "Pacific/Pago_Pago", "Africa/Casablanca",
}

// bruteDates include the 2026 DST change days of both hemispheres and the day
// Samoa skipped.
var bruteDates = []string{
	"2026-03-08", "2026-03-09", "2026-03-28", "2026-03-29", "2026-03-30", "2026-04-04",
	"2026-04-05", "2026-09-06", "2026-09-26", "2026-09-27", "2026-10-04", "2026-10-24",
	"2026-10-25", "2026-10-31", "2026-11-01", "2026-06-10", "2026-01-01",
	"2011-12-29", "2011-12-30", "2011-12-31",
}

// naiveWorking decides availability at one instant straight from the rules:
// a range of local date d covers t when ResolveLocal(start) <= t <
// ResolveLocal(end), for the dates around t's local date.
func naiveWorking(p Person, t time.Time) bool {
	for _, a := range p.Away {
		if !t.Before(a.Start) && t.Before(a.End) {
			return false
		}
	}
	d := DateOf(t.In(p.Loc))
	for _, dd := range []Date{d.AddDays(-1), d, d.AddDays(1)} {
		for _, r := range p.Hours[dd.Weekday()] {
			endDate := dd
			if r.End <= r.Start {
				endDate = dd.AddDays(1)
			}
			s, e := ResolveLocal(dd, r.Start, p.Loc), ResolveLocal(endDate, r.End, p.Loc)
			if !t.Before(s) && t.Before(e) {
				return true
			}
		}
	}
	return false
}

func randomHours(rng *rand.Rand) WeekHours {
	var w WeekHours
	for day := range w {
		if rng.Intn(4) == 0 {
			continue // a day off
		}
		start := Clock(rng.Intn(96) * 15)
		length := 30 + rng.Intn(64)*15 // up to 16h15, may cross midnight
		end := Clock((int(start) + length) % MinutesPerDay)
		w[day] = DayHours{{Start: start, End: end}}
		if rng.Intn(5) == 0 && int(start)+length+60 < MinutesPerDay-60 {
			// A second range later the same day.
			s2 := Clock(int(start) + length + 60)
			w[day] = append(w[day], Range{Start: s2, End: Clock(min(int(s2)+60, MinutesPerDay-1))})
		}
	}
	return w
}

func randomPerson(rng *rand.Rand, t testing.TB, name string, around time.Time) Person {
	p := Person{Name: name, Loc: ovZone(t, bruteZones[rng.Intn(len(bruteZones))]), Hours: randomHours(rng)}
	if rng.Intn(3) == 0 {
		s := around.Add(time.Duration(rng.Intn(48*60)-24*60) * time.Minute)
		p.Away = append(p.Away, Interval{Start: s, End: s.Add(time.Duration(30+rng.Intn(20*60)) * time.Minute)})
	}
	return p
}

// TestWindowsCoverageBruteForce compares Windows and Coverage with a per-minute
// evaluation of the rules over many zones, dates and random hours.
func TestWindowsCoverageBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(20260329))
	cases := 160
	if testing.Short() {
		cases = 30
	}
	names := []string{"Ana", "Bo", "Cy", "Di"}
	for c := 0; c < cases; c++ {
		viewer := ovZone(t, bruteZones[rng.Intn(len(bruteZones))])
		d := ovDate(t, bruteDates[rng.Intn(len(bruteDates))])
		win := DayWindow(d, viewer)
		n := 1 + rng.Intn(len(names))
		people := make([]Person, n)
		for i := range people {
			people[i] = randomPerson(rng, t, names[i], win.Start)
		}
		windows := Windows(people, win)
		cov := Coverage(people, win)
		desc := func() string {
			var b strings.Builder
			b.WriteString(viewer.String() + " " + d.String())
			for _, p := range people {
				b.WriteString(" " + p.Name + "@" + p.Loc.String() + ":")
				for day, h := range p.Hours {
					b.WriteString(WeekdayKeys[day] + "=" + h.String() + ";")
				}
			}
			return b.String()
		}
		checkTiling(t, win, cov, desc)
		k := 0
		for m := win.Start; m.Before(win.End); m = m.Add(time.Minute) {
			var want []string
			for _, p := range people {
				if naiveWorking(p, m) {
					want = append(want, p.Name)
				}
			}
			all := len(want) == len(people)
			if got := inAny(windows, m); got != all {
				t.Fatalf("%s: at %s Windows says %v, per-minute says %v", desc(), m.UTC().Format(time.RFC3339), got, all)
			}
			for k < len(cov) && !cov[k].End.After(m) {
				k++
			}
			if k == len(cov) || !cov[k].Contains(m) {
				t.Fatalf("%s: no coverage slot holds %s", desc(), m.UTC())
			}
			if got := strings.Join(cov[k].Members(), ","); got != strings.Join(want, ",") {
				t.Fatalf("%s: at %s Coverage says %q, per-minute says %q", desc(), m.UTC().Format(time.RFC3339), got, strings.Join(want, ","))
			}
		}
	}
}

// checkTiling checks that slots cover win end to end, in order, and are
// maximal (neighbours differ).
func checkTiling(t *testing.T, win Interval, cov []Slot, desc func() string) {
	t.Helper()
	if win.IsEmpty() {
		if len(cov) != 0 {
			t.Fatalf("%s: empty window has %d slots", desc(), len(cov))
		}
		return
	}
	if len(cov) == 0 || !cov[0].Start.Equal(win.Start) || !cov[len(cov)-1].End.Equal(win.End) {
		t.Fatalf("%s: coverage does not span the window", desc())
	}
	for i := 1; i < len(cov); i++ {
		if !cov[i].Start.Equal(cov[i-1].End) {
			t.Fatalf("%s: slot %d starts at %s, previous ends at %s", desc(), i, cov[i].Start, cov[i-1].End)
		}
		if strings.Join(cov[i].Members(), ",") == strings.Join(cov[i-1].Members(), ",") {
			t.Fatalf("%s: slots %d and %d have the same members: not maximal", desc(), i-1, i)
		}
	}
}
