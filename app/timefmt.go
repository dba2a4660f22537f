package app

import (
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// This file is the only place where an instant becomes text. Everything the
// window shows goes through showTime or showSpan, which always name the zone;
// axisLabel is for axes, bands and table cells whose zone is named in their
// heading or on their row; fieldTime fills an entry whose label names the
// zone. A test keeps every other file free of time formatting.

// timeForm says how much of an instant to show.
type timeForm string

const (
	formClock    timeForm = "15:04"
	formDayClock timeForm = "Mon 15:04"
	formDay      timeForm = "Mon 2 Jan"
	formDate     timeForm = "Mon 2 Jan 2006"
	formDayTime  timeForm = "Mon 2 Jan 15:04"
	formFull     timeForm = "Mon 2 Jan 2006 15:04"
	formDayOfMon timeForm = "2"
	formWeekday  timeForm = "Mon 2"
	formMonth    timeForm = "January 2006"
	formMonShort timeForm = "Jan"
)

// showTime formats t in zone loc and names the zone: "Tue 1 Dec 19:30 Berlin",
// "Mon 09:00 UTC".
func showTime(t time.Time, loc *time.Location, f timeForm) string {
	return t.In(loc).Format(string(f)) + " " + zoneLabel(loc, t)
}

// showSpan formats [a, b) in zone loc and names the zone once. The end shows
// only its clock when it falls on the same day as the start, and 24:00 when
// it is the midnight that ends the start's day: "Mon 2 Jan 09:00 – 17:00
// Berlin", "Mon 2 Jan 22:00 – Tue 3 Jan 06:00 UTC".
func showSpan(a, b time.Time, loc *time.Location, f timeForm) string {
	la, lb := a.In(loc), b.In(loc)
	end := lb.Format(string(f))
	da, db := timezone.DateOf(la), timezone.DateOf(lb)
	switch {
	case da == db:
		end = lb.Format(string(formClock))
	case da.AddDays(1) == db && lb.Hour() == 0 && lb.Minute() == 0:
		end = "24:00"
	}
	return la.Format(string(f)) + " – " + end + " " + zoneLabel(loc, a)
}

// axisLabel formats t in zone loc for a place whose zone is named beside it:
// the ticks of an axis titled with the zone, a band or a table row that shows
// the member's city.
func axisLabel(t time.Time, loc *time.Location, f timeForm) string {
	return t.In(loc).Format(string(f))
}

// fieldLayout is how an entry shows a date and time the user can edit.
const fieldLayout = "2006-01-02 15:04"

// fieldTime formats t for an entry whose label names the zone loc.
func fieldTime(t time.Time, loc *time.Location) string { return t.In(loc).Format(fieldLayout) }

// zoneLabel names a zone for a reader: "UTC", the city of an IANA zone
// ("Berlin", "New York", "St Johns"), or, for the computer's zone when its
// name cannot be told, its abbreviation at t ("CET"), never "Local".
func zoneLabel(loc *time.Location, t time.Time) string {
	name := zoneName(loc)
	if name == "" || name == "Local" {
		return t.In(loc).Format("MST")
	}
	return timezone.City(name)
}

// zoneName is the IANA name of loc for headings and hints
// ("Europe/Berlin"); for the computer's zone when its name cannot be told,
// its abbreviation now.
func zoneName(loc *time.Location) string {
	if loc == nil {
		return "UTC"
	}
	name := timezone.Name(loc)
	if name == "Local" || name == "" {
		return time.Now().In(loc).Format("MST")
	}
	return name
}

// zoneTitle is a zone as a heading shows it: "Berlin (Europe/Berlin)", or
// just "UTC".
func zoneTitle(loc *time.Location) string {
	name := zoneName(loc)
	city := timezone.City(name)
	if city == name || !strings.Contains(name, "/") {
		return name
	}
	return city + " (" + name + ")"
}

// shortDate is a calendar date for a narrow column: "16 Nov", with the year
// when it is not the year of today ("16 Nov 2025").
func shortDate(d, today timezone.Date) string {
	s := fmt.Sprintf("%d %s", d.Day, d.Month.String()[:3])
	if d.Year != today.Year {
		s += fmt.Sprintf(" %d", d.Year)
	}
	return s
}
