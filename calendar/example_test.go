package calendar_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"dev.remotecto/remotecto/calendar"
)

// An export of a weekly 1:1 that follows Berlin's wall clock: the file
// carries Berlin's VTIMEZONE for the years the series spans.
func ExampleEncode() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 3, 16, 9, 30, 0, 0, berlin)
	cal := calendar.Calendar{Name: "1:1s", Events: []calendar.Event{{
		UID:     calendar.MakeUID("1on1", "Bo"),
		Summary: "1:1 Ana / Bo",
		Start:   start, End: start.Add(30 * time.Minute), Zone: berlin,
		RRule: "FREQ=WEEKLY;COUNT=10",
	}}}
	var b strings.Builder
	if err := calendar.Encode(&b, cal, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Print(strings.ReplaceAll(b.String(), "\r\n", "\n")) // lines end in CRLF
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//remotecto//remotecto//EN
	// CALSCALE:GREGORIAN
	// METHOD:PUBLISH
	// X-WR-CALNAME:1:1s
	// BEGIN:VTIMEZONE
	// TZID:Europe/Berlin
	// BEGIN:STANDARD
	// DTSTART:20251026T030000
	// RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
	// TZOFFSETFROM:+0200
	// TZOFFSETTO:+0100
	// TZNAME:CET
	// END:STANDARD
	// BEGIN:DAYLIGHT
	// DTSTART:20260329T020000
	// RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
	// TZOFFSETFROM:+0100
	// TZOFFSETTO:+0200
	// TZNAME:CEST
	// END:DAYLIGHT
	// END:VTIMEZONE
	// BEGIN:VEVENT
	// UID:1on1/Bo@remotecto.dev
	// DTSTAMP:20260301T000000Z
	// DTSTART;TZID=Europe/Berlin:20260316T093000
	// DTEND;TZID=Europe/Berlin:20260316T100000
	// RRULE:FREQ=WEEKLY;COUNT=10
	// SUMMARY:1:1 Ana / Bo
	// SEQUENCE:0
	// TRANSP:OPAQUE
	// END:VEVENT
	// END:VCALENDAR
}
