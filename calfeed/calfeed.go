// Package calfeed turns the app's domain values into calendar events and
// back: on-call shifts, saved meeting series and 1:1 cadences become the
// events of the exported .ics files, and a member's calendar file becomes
// their time off. The command line and the GUI both go through it, so they
// write the same events with the same UIDs. The iCalendar format itself
// (encoding, decoding, VTIMEZONE, folding, SEQUENCE numbering) is the
// calendar package's.
package calfeed
