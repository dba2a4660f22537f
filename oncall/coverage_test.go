package oncall

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

func TestCoverageWindows(t *testing.T) {
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	to := from.Add(48 * time.Hour)
	r := Rotation{Name: "Day", Zone: "UTC"}
	if got := CoverageWindows(r, from, to); len(got) != 1 || !got[0].Start.Equal(from) || !got[0].End.Equal(to) {
		t.Errorf("around the clock: got %v; want the whole span", got)
	}
	cov := timezone.Range{Start: timezone.MustClock("08:00"), End: timezone.MustClock("16:00")}
	r.Coverage = &cov
	got := CoverageWindows(r, from, to)
	if len(got) != 2 || got[0].Start.Hour() != 8 || got[0].End.Hour() != 16 || got[1].Start.Day() != 3 {
		t.Errorf("08:00-16:00 over two days: got %v", got)
	}
	night := timezone.Range{Start: timezone.MustClock("22:00"), End: timezone.MustClock("06:00")}
	r.Coverage = &night
	got = CoverageWindows(r, from, to)
	// 00:00-06:00 (from the day before), 22:00-06:00, 22:00-24:00.
	if len(got) != 3 || !got[0].Start.Equal(from) || got[0].End.Hour() != 6 || !got[2].End.Equal(to) {
		t.Errorf("22:00-06:00 over two days: got %v", got)
	}
}
