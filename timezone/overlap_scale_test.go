package timezone

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

func TestSlotAvailableAgreesWithMembers(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	win := DayWindow(ovDate(t, "2026-03-29"), ovZone(t, "Europe/Berlin"))
	var people []Person
	for i := 0; i < 150; i++ {
		// Some names twice and out of order, as a team may have them.
		people = append(people, randomPerson(rng, t, fmt.Sprintf("p%03d", (i*37)%140), win.Start))
	}
	for _, s := range Coverage(people, win) {
		members := s.Members()
		for _, p := range people {
			if got, want := s.Available(p.Name), slices.Contains(members, p.Name); got != want {
				t.Fatalf("slot %v: Available(%s) = %v; Members() has it: %v", s.Interval, p.Name, got, want)
			}
		}
	}
	if (Slot{}).Available("x") {
		t.Error("an empty slot has someone available")
	}
}

// BenchmarkOverlapScale is what the Overlap tab computes for one day, at 200
// and 2,000 members: the bands, the coverage, the five best partial windows
// and who is in each. Each rung should cost about ten times the one before.
func BenchmarkOverlapScale(b *testing.B) {
	loc := ovZone(b, "Europe/Berlin")
	win := DayWindow(ovDate(b, "2026-03-25"), loc)
	for _, n := range []int{200, 2000} {
		people := benchPeople(b, n, win.Start)
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			for b.Loop() {
				Bands(people, win)
				Coverage(people, win)
				in := 0
				for _, s := range BestPartial(people, win, 5) {
					for _, p := range people {
						if s.Available(p.Name) {
							in++
						}
					}
				}
				if in == 0 {
					b.Fatal("nobody available")
				}
			}
		})
	}
}
