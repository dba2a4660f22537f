package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

func TestShiftTimelineDrawsShiftsOverridesAndGaps(t *testing.T) {
	test.NewTempApp(t)
	cov := timezone.Range{Start: timezone.MustClock("08:00"), End: timezone.MustClock("20:00")}
	start := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	r := oncall.Rotation{Name: "Day", Members: []string{"Ana", "Bo"}, Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days},
		Handoff: timezone.MustClock("08:00"), Zone: "UTC", Start: timezone.DateOf(start), Coverage: &cov,
		Overrides: []oncall.Override{{Member: "Cy", Start: start.Add(33 * time.Hour), End: start.Add(36 * time.Hour)}}}
	l := newShiftTimeline(time.UTC)
	l.rotations, l.members, l.start, l.days, l.now = []oncall.Rotation{r}, []string{"Ana", "Bo", "Cy"}, start, 7, start.Add(50*time.Hour)
	test.NewTempWindow(t, l).Resize(fyne.NewSize(1000, 300))
	rend := test.WidgetRenderer(l)
	var blocks, outlined, gaps int
	for _, o := range rend.Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok {
			switch {
			case rect.FillColor == gapColor:
				gaps++
			case rect.StrokeWidth == 2:
				outlined++
			default:
				blocks++
			}
		}
	}
	// 7 covered days, the second cut in two by the override; nights are
	// gaps in the rotation row and in the "nobody on call" row.
	if blocks != 8 || outlined != 1 || gaps < 14 {
		t.Errorf("blocks %d, overrides %d, gaps %d; want 8, 1, at least 14", blocks, outlined, gaps)
	}
}
