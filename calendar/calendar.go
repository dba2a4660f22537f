// Package calendar writes and reads iCalendar (RFC 5545) files on top of
// github.com/emersion/go-ical. Every export of remotecto goes through Encode;
// imports of members' calendars go through Decode. It never imports Fyne.
//
// # How an import reads times
//
//   - UTC times (…Z) are instants.
//   - A TZID is resolved as an IANA name, a Windows name ("W. Europe
//     Standard Time", Outlook), a Windows display name ("(UTC-05:00)
//     Eastern Time (US & Canada)", OWA and Exchange 2010), an IANA name
//     behind a vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"),
//     or the file's own VTIMEZONE (its STANDARD and DAYLIGHT
//     offsets and yearly rules). A display name known by none of these is
//     read at the offset it starts with, all year, with a warning; any
//     other unknown TZID skips the event with a warning.
//   - Floating times (no TZID, no Z) are read in the zone the file names in
//     X-WR-TIMEZONE, as Google Calendar and Apple Calendar read them; a file
//     without one has them read in the member's zone.
//   - All-day dates are whole days of the member's zone.
//   - A recurrence is DTSTART, every RDATE (a PERIOD keeps its own length)
//     and every instance of every RRULE, less EXDATE; each instance keeps
//     the first one's wall-clock length. A RECURRENCE-ID replaces the
//     instance it names; one whose value type differs from DTSTART's (a
//     date-time in an all-day series, or the reverse) names the instance on
//     its day.
//   - A wall time in a DST gap moves forward by the gap, an ambiguous one
//     takes the first occurrence (RFC 5545 section 3.3.5).
//
// # Damaged files
//
// Decode imports what it can read, as calendar clients do, and says what it
// could not in Import.Warnings, each naming its line: a line that cannot be
// read is dropped, a component without its END is skipped, a line that does
// not start with a property name continues the line before it (a fold that
// lost its space), and common oddities are read as their producers meant
// them (spaces in BYDAY, a date with a stray Z, backslash escapes and stray
// quotes in parameters). Only a file that is not iCalendar at all, or that
// is beyond the limits (MaxFileSize, MaxLineSize, MaxEvents, MaxImported,
// components nested too deep, a file that ends inside a component), is
// refused.
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
