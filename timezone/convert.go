package timezone

import (
	"strconv"
	"time"
)

// LocalTime is one person's view of an instant.
type LocalTime struct {
	Name string
	// Time is the instant in the person's zone.
	Time time.Time
	// DayOffset is the person's local date minus the viewer's local date:
	// +1 when it is already tomorrow for them, -1 when still yesterday.
	DayOffset int
	// InHours reports working hours (and not away); Acceptable reports the
	// wider acceptable hours (or working hours); Away reports time off.
	InHours    bool
	Acceptable bool
	Away       bool
}

// Convert shows instant t in every person's local time, with the day offset
// against the viewer's zone, in the order given.
func Convert(t time.Time, viewer *time.Location, people []Person) []LocalTime {
	vd := DateOf(t.In(viewer))
	out := make([]LocalTime, len(people))
	for i, p := range people {
		lt := t.In(p.loc())
		away := inAny(p.away(), t)
		out[i] = LocalTime{
			Name:       p.Name,
			Time:       lt,
			DayOffset:  vd.DaysUntil(DateOf(lt)),
			Away:       away,
			InHours:    !away && p.Hours.Contains(p.loc(), t),
			Acceptable: !away && (p.Hours.Contains(p.loc(), t) || p.Acceptable.Contains(p.loc(), t)),
		}
	}
	return out
}

// DayOffsetLabel formats a day offset as "", "+1", "-1", "+2".
func DayOffsetLabel(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "-" + strconv.Itoa(-n)
	}
	return ""
}
