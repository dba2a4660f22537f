package timezone

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// benchPeople builds n people spread over awkward zones, with weekday hours
// (some crossing midnight), acceptable hours and some time off.
func benchPeople(b *testing.B, n int, from time.Time) []Person {
	rng := rand.New(rand.NewSource(1))
	people := make([]Person, n)
	for i := range people {
		p := Person{Name: fmt.Sprintf("member%03d", i), Loc: ovZone(b, bruteZones[i%len(bruteZones)])}
		start := Clock((6*60 + rng.Intn(16)*30) % MinutesPerDay)
		for d := time.Monday; d <= time.Friday; d++ {
			p.Hours[d] = DayHours{{Start: start, End: Clock((int(start) + 8*60 + 30) % MinutesPerDay)}}
			p.Acceptable[d] = DayHours{{Start: Clock(max(0, int(start)-120)), End: Clock((int(start) + 12*60) % MinutesPerDay)}}
		}
		if i%5 == 0 {
			off := from.Add(time.Duration(rng.Intn(14*24)) * time.Hour)
			p.Away = []Interval{{Start: off, End: off.Add(time.Duration(4+rng.Intn(72)) * time.Hour)}}
		}
		people[i] = p
	}
	return people
}

// BenchmarkOverlap200Members14Days computes Windows and Coverage for 200
// members over 14 days of a viewer zone with a DST change inside.
func BenchmarkOverlap200Members14Days(b *testing.B) {
	loc := ovZone(b, "Europe/Berlin")
	win := Interval{Start: ovDate(b, "2026-03-23").Midnight(loc), End: ovDate(b, "2026-04-06").Midnight(loc)}
	people := benchPeople(b, 200, win.Start)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := Windows(people, win)
		c := Coverage(people, win)
		if len(c) == 0 {
			b.Fatal("no coverage")
		}
		_ = w
	}
}

// BenchmarkOverlap200MembersDayByDay is the same work as the CLI and the tab
// do it: one day window at a time, 14 times.
func BenchmarkOverlap200MembersDayByDay(b *testing.B) {
	loc := ovZone(b, "Europe/Berlin")
	first := ovDate(b, "2026-03-23")
	people := benchPeople(b, 200, first.Midnight(loc))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for d := 0; d < 14; d++ {
			win := DayWindow(first.AddDays(d), loc)
			Windows(people, win)
			Coverage(people, win)
		}
	}
}
