package oncall

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkShifts5Years: a 20-member daily rotation over 5 years with 200 overrides.
func BenchmarkShifts5Years(b *testing.B) {
	members := make([]string, 20)
	for i := range members {
		members[i] = fmt.Sprintf("M%02d", i)
	}
	r := rot("Europe/Berlin", "1d", "09:00", "2026-01-01", members...)
	for i := 0; i < 200; i++ {
		s := u("2026-01-03T10:00:00Z").Add(time.Duration(i) * 9 * 24 * time.Hour)
		r.Overrides = append(r.Overrides, Override{Member: "X", Start: s, End: s.Add(30 * time.Hour)})
	}
	r, err := r.Normalize()
	if err != nil {
		b.Fatal(err)
	}
	from, to := u("2026-01-01T00:00:00Z"), u("2031-01-01T00:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		if n := len(Shifts(r, from, to)); n < 1826 {
			b.Fatalf("%d shifts", n)
		}
	}
}

// BenchmarkNow10Rotations: who is on call now, until when and who is next, in 10 rotations.
func BenchmarkNow10Rotations(b *testing.B) {
	var rs []Rotation
	for i := 0; i < 10; i++ {
		r := rot([]string{"Europe/Lisbon", "America/New_York", "Australia/Adelaide", "Asia/Kolkata", "Pacific/Auckland"}[i%5],
			[]string{"1d", "1w", "12h"}[i%3], "09:00", "2026-01-05", "A", "B", "C", "D")
		r.Name = fmt.Sprint("R", i)
		rs = append(rs, r)
	}
	at := u("2028-07-15T13:37:00Z")
	b.ReportAllocs()
	for b.Loop() {
		if len(Now(rs, at)) != 10 {
			b.Fatal("wrong count")
		}
	}
}
