package sheet

import (
	"fmt"
	"time"
)

// Layouts of the sheet's dates and times.
const (
	dayClock = "Mon 02 Jan 15:04"
	day      = "Mon 02 Jan"
	clock    = "15:04"
)

// formatShift writes a schedule line in loc: "Mon 02 Mar 09:00 – Mon 09 Mar
// 09:00 WET", "Tue 03 Mar 08:00–18:00 AEDT" within one day, "Mon 02 Mar –
// Fri 06 Mar, daily 08:00–18:00 AEDT" for a line of several days. When the
// zone's abbreviation changes inside the shift (DST) both are given: "CET→CEST".
func formatShift(s Shift, loc *time.Location) string {
	start, end := s.Start.In(loc), s.End.In(loc)
	zone := zoneLabel(start)
	if z := zoneLabel(end); z != zone {
		zone += "→" + z
	}
	if s.Days > 1 {
		last := s.Start.Add(time.Duration(s.Days-1) * 24 * time.Hour).In(loc)
		return fmt.Sprintf("%s – %s, daily %s–%s %s", start.Format(day), last.Format(day), start.Format(clock), end.Format(clock), zone)
	}
	if sameDate(start, end) {
		return fmt.Sprintf("%s–%s %s", start.Format(dayClock), end.Format(clock), zone)
	}
	return fmt.Sprintf("%s – %s %s", start.Format(dayClock), end.Format(dayClock), zone)
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// zoneLabel names the offset in force at t: the zone's abbreviation when it
// has one made of letters ("WET", "CEST", "IST"), else the offset from UTC
// ("UTC+13:45", "UTC-03").
func zoneLabel(t time.Time) string {
	name, off := t.Zone()
	if name != "" && name[0] != '+' && name[0] != '-' {
		return name
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%02d", sign, h)
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, h, m)
}
