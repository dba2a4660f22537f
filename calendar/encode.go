package calendar

import (
	"io"
	"time"

	ical "github.com/emersion/go-ical"
)

// encode is a first version: UTC times only, no folding. To be completed
// (VTIMEZONE, folding, escaping checks).
func encode(w io.Writer, cal Calendar, now time.Time) error {
	c := ical.NewCalendar()
	c.Props.SetText(ical.PropVersion, "2.0")
	c.Props.SetText(ical.PropProductID, "-//remotecto//remotecto//EN")
	c.Props.SetText("METHOD", "PUBLISH")
	c.Props.SetText("X-WR-CALNAME", cal.Name)
	for _, e := range cal.Events {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, e.UID)
		ev.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeStart, e.Start.UTC())
		ev.Props.SetDateTime(ical.PropDateTimeEnd, e.End.UTC())
		ev.Props.SetText(ical.PropSummary, e.Summary)
		if e.Description != "" {
			ev.Props.SetText(ical.PropDescription, e.Description)
		}
		if e.Transparent {
			ev.Props.SetText(ical.PropTransparency, "TRANSPARENT")
		}
		c.Children = append(c.Children, ev.Component)
	}
	return ical.NewEncoder(w).Encode(c)
}
