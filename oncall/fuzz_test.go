package oncall

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

var fuzzZones = []string{"UTC", "America/New_York", "Europe/Berlin", "Pacific/Auckland", "Australia/Adelaide",
	"Pacific/Chatham", "Asia/Kathmandu", "Pacific/Kiritimati", "America/St_Johns"}

// FuzzShifts checks, for any rotation the forms accept, that Shifts returns
// entries sorted, not overlapping, each overlapping the range, each with a
// positive length, and that every instant of the range is covered exactly
// when the rotation has no coverage window and the instant follows the
// first handoff.
func FuzzShifts(f *testing.F) {
	f.Add("1d", 540, 0, 3, int64(0), int64(86400*30), 2, "")
	f.Add("12h", 150, 2, 1, int64(-86400), int64(86400*9), 1, "08:00-16:00")
	f.Add("2w", 90, 3, 4, int64(86400*200), int64(86400*60), 3, "22:00-06:00")
	f.Fuzz(func(t *testing.T, shift string, handoff, zone, members int, fromOff, span int64, overrideAt int, coverage string) {
		l, err := ParseShiftLength(shift)
		if err != nil || handoff < 0 || handoff >= timezone.MinutesPerDay || span <= 0 || span > 86400*120 {
			return
		}
		if fromOff < -86400*400 || fromOff > 86400*800 {
			return
		}
		r := Rotation{Name: "F", Shift: l, Handoff: timezone.Clock(handoff), Zone: fuzzZones[(zone%len(fuzzZones)+len(fuzzZones))%len(fuzzZones)],
			Start: timezone.Date{Year: 2026, Month: 3, Day: 1}}
		for i := 0; i < 1+(members%5+5)%5; i++ {
			r.Members = append(r.Members, string(rune('A'+i)))
		}
		if coverage != "" {
			d, err := timezone.ParseDayHours(coverage)
			if err != nil || len(d) != 1 {
				return
			}
			r.Coverage = &d[0]
		}
		base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		from := base.Add(time.Duration(fromOff) * time.Second)
		to := from.Add(time.Duration(span) * time.Second)
		os := base.Add(time.Duration(overrideAt%2000) * time.Hour)
		r.Overrides = []Override{{Member: "Z", Start: os, End: os.Add(31 * time.Hour)}}
		ss := Shifts(r, from, to)
		for i, s := range ss {
			if !s.Start.Before(s.End) || !s.Start.Before(to) || !s.End.After(from) {
				t.Fatalf("shift %d %+v does not overlap %s..%s or is empty", i, s, from, to)
			}
			if i > 0 && s.Start.Before(ss[i-1].End) {
				t.Fatalf("shift %d %+v overlaps %+v", i, s, ss[i-1])
			}
		}
		loc, _ := r.Location()
		first := r.FirstHandoff(loc)
		if r.Coverage == nil {
			for i := 1; i < len(ss); i++ {
				if !ss[i].Start.Equal(ss[i-1].End) && !ss[i].Start.After(first) {
					t.Fatalf("gap between %+v and %+v", ss[i-1], ss[i])
				}
				if !ss[i].Start.Equal(ss[i-1].End) && ss[i-1].End.After(first) {
					t.Fatalf("gap between %+v and %+v after the first handoff", ss[i-1], ss[i])
				}
			}
		}
	})
}

// FuzzShiftsBounded gives Shifts any rotation start (centuries before 1970,
// after 2200), any shift length, and any query range, near or as far as
// time.Time reaches, and checks that it returns at once with entries sorted,
// not overlapping, each overlapping both [from, to) and the accepted range,
// no more of them than MaxRange can hold, and, for a valid rotation without
// a coverage window, covering the queried range without a gap after the
// first handoff.
func FuzzShiftsBounded(f *testing.F) {
	day := int64(24 * 60 * 60)
	at := func(s string) int64 { return u(s).Unix() }
	f.Add(int32(20514), 12, byte('h'), 540, 0, 2, at("2330-01-01T00:00:00Z"), day, int64(0), false)        // 12h rotation, 2330
	f.Add(int32(-98616), 12, byte('h'), 540, 0, 2, at("2026-01-01T00:00:00Z"), day, int64(0), false)       // start 1700-01-01
	f.Add(int32(-98616), 1, byte('d'), 540, 1, 3, at("2026-01-01T00:00:00Z"), 30*day, int64(5), false)     // start 1700, daily
	f.Add(int32(0), 1, byte('h'), 0, 2, 7, at("2199-12-31T00:00:00Z"), 3*day, int64(10), true)             // end of the range
	f.Add(int32(20454), 1, byte('h'), 0, 3, 2, at("2026-01-01T00:00:00Z"), 365_000*day, int64(100), false) // 1,000 years
	f.Add(int32(84005), 2, byte('w'), 90, 4, 4, at("1969-06-01T00:00:00Z"), int64(1<<62), int64(-7), true) // start 2199-12-31
	f.Add(int32(20514), 8784, byte('h'), 1439, 5, 1, int64(1<<62), int64(-1<<63), int64(0), false)
	f.Fuzz(func(t *testing.T, startDays int32, n int, unit byte, handoff, zone, members int, fromSec, spanSec, overrideHours int64, coverage bool) {
		r := Rotation{Name: "F", Shift: ShiftLength{N: n, Unit: Unit(unit)},
			Handoff: timezone.Clock(((handoff % timezone.MinutesPerDay) + timezone.MinutesPerDay) % timezone.MinutesPerDay),
			Zone:    fuzzZones[(zone%len(fuzzZones)+len(fuzzZones))%len(fuzzZones)],
			Start:   timezone.MinDate.AddDays(int(startDays))}
		for i := 0; i < 1+(members%5+5)%5; i++ {
			r.Members = append(r.Members, string(rune('A'+i)))
		}
		if coverage {
			r.Coverage = &timezone.Range{Start: timezone.MustClock("08:00"), End: timezone.MustClock("16:00")}
		}
		from := time.Unix(fromSec, 0).UTC()
		to := time.Unix(fromSec+spanSec, 0).UTC() // wraps around at the ends of int64: any instant will do
		os := from.Add(time.Duration(overrideHours%100_000) * time.Hour)
		r.Overrides = []Override{{Member: "Z", Start: os, End: os.Add(31 * time.Hour)}}

		var ss []Shift
		within(t, 10*time.Second, "Shifts", func() { ss = Shifts(r, from, to) })

		lo := timezone.ClampInterval(timezone.Interval{Start: from, End: to})
		if len(ss) > 0 && lo.IsEmpty() {
			t.Fatalf("%d shifts for %s..%s, outside the accepted range", len(ss), from, to)
		}
		if limit := 2*int(MaxRange/time.Hour) + 4; len(ss) > limit {
			t.Fatalf("%d shifts for %s..%s; want at most %d", len(ss), from, to, limit)
		}
		for i, s := range ss {
			if !s.Start.Before(s.End) || !s.Start.Before(to) || !s.End.After(from) ||
				!s.Start.Before(timezone.MaxInstant) || !s.End.After(timezone.MinInstant) {
				t.Fatalf("shift %d %+v is empty or does not overlap %s..%s inside the accepted range", i, s, from, to)
			}
			if i > 0 && s.Start.Before(ss[i-1].End) {
				t.Fatalf("shift %d %+v overlaps or comes before %+v", i, s, ss[i-1])
			}
		}
		_, err := r.Normalize()
		if err != nil || r.Coverage != nil || lo.IsEmpty() {
			return
		}
		// A valid rotation without a coverage window has somebody on call
		// from its first handoff on: the entries cover the queried range.
		loc, _ := r.Location()
		want := timezone.Interval{Start: lo.Start, End: lo.End}
		if end, _ := CapRange(want.Start, want.End); end.Before(want.End) {
			want.End = end
		}
		if first := r.FirstHandoff(loc); first.After(want.Start) {
			want.Start = first
		}
		if !want.Start.Before(want.End) {
			return
		}
		var got []timezone.Interval
		for _, s := range ss {
			got = append(got, s.Interval())
		}
		if rest := timezone.SubtractIntervals([]timezone.Interval{want}, timezone.MergeIntervals(got)); len(rest) > 0 {
			t.Fatalf("%s..%s: nobody on call %s..%s (%d shifts)", want.Start, want.End, rest[0].Start, rest[0].End, len(ss))
		}
	})
}
