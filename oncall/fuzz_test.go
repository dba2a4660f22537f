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
