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
	var blocks, outlined, offWindow, rowGaps, teamGaps int
	for _, o := range rend.Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok {
			switch {
			case rect.FillColor == gapColor && rect.Position().Y < timelineHeader+timelineRow:
				rowGaps++
			case rect.FillColor == gapColor:
				teamGaps++
			case rect.FillColor == offWindowColor:
				offWindow++
			case rect.StrokeWidth == 2:
				outlined++
			default:
				blocks++
			}
		}
	}
	// 7 covered days, the second cut in two by the override. The nights
	// are outside the coverage window: neutral in the rotation's row, not
	// red like a gap; in the "nobody on call" row they are gaps, since this
	// rotation is the only one.
	if blocks != 8 || outlined != 1 || offWindow < 7 || rowGaps != 0 || teamGaps < 7 {
		t.Errorf("blocks %d, overrides %d, outside the window %d, red in the row %d, team gaps %d; want 8, 1, ≥7, 0, ≥7",
			blocks, outlined, offWindow, rowGaps, teamGaps)
	}
}
