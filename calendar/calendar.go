// Package calendar writes and reads iCalendar (RFC 5545) files on top of
// github.com/emersion/go-ical. Every export of remotecto goes through Encode;
// imports of members' calendars go through Decode. It never imports Fyne.
package calendar

import (
	"io"
	"time"
)

// Event is one calendar event as the app means it.
type Event struct {
	// UID is stable across exports: the same shift, meeting or 1:1 always
	// gets the same UID, so re-importing updates instead of duplicating.
	UID         string
	Summary     string
	Description string
	Location    string
	Start       time.Time // inclusive
	End         time.Time // exclusive
	// Zone, when set, writes DTSTART/DTEND with TZID and a VTIMEZONE (needed
	// for recurrences that follow a wall clock); nil writes UTC.
	Zone *time.Location
	// AllDay writes VALUE=DATE from Start's and End's dates (End exclusive).
	AllDay bool
	// Transparent marks the event as not blocking time (TRANSP:TRANSPARENT).
	Transparent bool
	// RRule is a recurrence rule such as "FREQ=WEEKLY;INTERVAL=2;COUNT=10".
	RRule      string
	Categories []string
	// Sequence is the revision number; see Sequencer.
	Sequence int
}

// Calendar is a named set of events, one exported file.
type Calendar struct {
	Name   string // X-WR-CALNAME
	Events []Event
}

// Encode writes cal as an iCalendar file: CRLF line ends, lines folded at 75
// octets, TEXT escaping, DTSTAMP now, PRODID, METHOD:PUBLISH, and one
// VTIMEZONE for every TZID used.
func Encode(w io.Writer, cal Calendar, now time.Time) error {
	return encode(w, cal, now)
}
