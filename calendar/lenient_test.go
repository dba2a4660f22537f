package calendar

import (
	"errors"
	"strings"
	"testing"
)

// lenientCases are files from real producers with one kind of damage or
// oddity each; the rest of each file must be imported, at the exact
// instants, with the exact warnings.
var lenientCases = []struct {
	file, zone string
	busy       []string
	warnings   []string
	// kinds are the sentinel errors of the warnings, in order.
	kinds []error
	// lossy are UIDs left out of Import.UIDs because busy time may be lost.
	lossy []string
}{
	{
		// Apple's structured location: \" and \; inside a quoted X-
		// parameter, \; inside an unquoted one.
		file: "apple_structured_location.ics", zone: "America/Chicago",
		busy: []string{
			"2026-03-16T17:00Z 2026-03-16T18:00Z Lunch with the Springfield team",
			"2026-03-17T13:00Z 2026-03-17T15:00Z Focus block",
			"2026-03-24T13:00Z 2026-03-24T15:00Z Focus block",
			"2026-03-31T13:00Z 2026-03-31T15:00Z Focus block",
		},
	},
	{
		// Confluence: continuation lines without their leading space, in
		// a DESCRIPTION and in the middle of a DTEND.
		file: "confluence.ics", zone: "Europe/Berlin",
		busy: []string{
			"2026-03-08T23:00Z 2026-03-13T23:00Z all-day Ana Lima - Annual leave",
			"2026-03-18T14:00Z 2026-03-18T16:00Z Sprint review",
		},
		warnings: []string{
			`line 34 (event "20260301T094512Z--1843299181@confluence.example.com"): line does not start with a property name or a space: malformed iCalendar file; read as a continuation of line 33`,
			`line 47 (event "20260301T100203Z--1843299181@confluence.example.com"): line does not start with a property name or a space: malformed iCalendar file; read as a continuation of line 46`,
		},
		kinds: []error{ErrMalformed, ErrMalformed},
	},
	{
		// Microsoft CDO: BYDAY=MO, TU, WE and its own zone name, read
		// from the VTIMEZONE (EST, then EDT from 8 March).
		file: "cdo_byday_spaces.ics", zone: "America/New_York",
		busy: []string{
			"2026-03-02T15:00Z 2026-03-02T15:30Z Support standup",
			"2026-03-03T15:00Z 2026-03-03T15:30Z Support standup",
			"2026-03-04T15:00Z 2026-03-04T15:30Z Support standup",
			"2026-03-05T18:30Z 2026-03-05T19:30Z Vendor call",
			"2026-03-09T14:00Z 2026-03-09T14:30Z Support standup",
			"2026-03-10T14:00Z 2026-03-10T14:30Z Support standup",
			"2026-03-11T14:00Z 2026-03-11T14:30Z Support standup",
		},
	},
	{
		// Google's birthday calendar: RDATE:20131210Z is a date.
		file: "google_birthdays.ics", zone: "Europe/Lisbon",
		busy: []string{
			"2026-03-20T10:00Z 2026-03-20T11:00Z Dentist",
			"2026-12-10T00:00Z 2026-12-11T00:00Z all-day Bo Lindqvist's birthday",
			"2026-12-11T00:00Z 2026-12-12T00:00Z all-day Bo Lindqvist's birthday",
		},
	},
	{
		// Evolution: an empty EXDATE;VALUE=DATE: excludes nothing.
		file: "evolution_empty_exdate.ics", zone: "Europe/Madrid",
		busy: []string{
			"2026-03-01T23:00Z 2026-03-02T23:00Z all-day Working from Valencia",
			"2026-03-05T15:00Z 2026-03-05T16:00Z Physiotherapy",
			"2026-03-08T23:00Z 2026-03-09T23:00Z all-day Working from Valencia",
			"2026-03-15T23:00Z 2026-03-16T23:00Z all-day Working from Valencia",
		},
		warnings: []string{
			`line 32 (event "3f0c6b5b1e6c2a3d4e5f60718293a4b5c6d7e8f9"): EXDATE has no value: invalid date; property ignored`,
		},
		kinds: []error{ErrBadDate},
	},
	{
		// Zimbra: ORGANIZER;CN=... without a value; zone names like
		// "(GMT+01.00) Amsterdam / Berlin / ...".
		file: "zimbra_organizer.ics", zone: "Europe/Berlin",
		busy: []string{
			"2026-03-10T10:00Z 2026-03-10T11:00Z Release retro",
			"2026-04-07T12:00Z 2026-04-07T13:00Z Design review",
		},
		warnings: []string{
			`line 27 (event "6a1f0e2c-7d3b-4a9e-b1c2-d3e4f5a6b7c8"): property ORGANIZER: missing ':' in "ORGANIZER;CN=Ana Lima": malformed iCalendar file; property dropped`,
		},
		kinds: []error{ErrMalformed},
	},
	{
		// Lotus Notes: TZID="Eastern:... (unbalanced) and TZID=Eastern":...
		file: "lotus_notes_tzid_quote.ics", zone: "America/New_York",
		busy: []string{
			"2026-04-15T13:00Z 2026-04-15T14:00Z Budget review",
			"2026-04-16T18:00Z 2026-04-16T19:00Z Hiring panel",
		},
		warnings: []string{
			`line 22 (event "1A2B3C4D5E6F708192A3B4C5D6E7F809-Lotus_Notes_Generated"): DTSTART: parameter TZID has an unbalanced quote: malformed iCalendar file; quote ignored`,
			`line 23 (event "1A2B3C4D5E6F708192A3B4C5D6E7F809-Lotus_Notes_Generated"): DTEND: parameter TZID has a misplaced quote: malformed iCalendar file; quote ignored`,
		},
		kinds: []error{ErrMalformed, ErrMalformed},
	},
	{
		// Broken folds: two spaces inside a date, a blank line inside a
		// fold, and an indented line after END:VEVENT.
		file: "thunderbird_broken_fold.ics", zone: "Europe/Warsaw",
		busy: []string{
			"2026-03-17T08:00Z 2026-03-17T11:30Z Architecture workshop",
			"2026-03-19T16:00Z 2026-03-19T17:30Z Parents' evening",
		},
		warnings: []string{
			`line 37 (event "5d8e2f1a-3b4c-4d5e-9f60-718293a4b5c6"): continuation of a BEGIN or END line: malformed iCalendar file; line ignored`,
		},
		kinds: []error{ErrMalformed},
	},
	{
		// Fastmail (Cyrus): two RRULEs, Mondays and Thursdays; DTSTART,
		// a Monday, is the first of the Thursdays' COUNT (RFC 5545 3.3.10).
		file: "fastmail_two_rrules.ics", zone: "Australia/Melbourne",
		busy: []string{
			"2026-03-01T21:00Z 2026-03-01T22:00Z Swim squad",
			"2026-03-04T21:00Z 2026-03-04T22:00Z Swim squad",
			"2026-03-08T21:00Z 2026-03-08T22:00Z Swim squad",
			"2026-03-11T21:00Z 2026-03-11T22:00Z Swim squad",
			"2026-03-15T21:00Z 2026-03-15T22:00Z Swim squad",
			"2026-03-18T21:00Z 2026-03-18T22:00Z Swim squad",
			"2026-03-22T21:00Z 2026-03-22T22:00Z Swim squad",
		},
	},
	{
		// Zimbra: two RRULEs, one with UNTIL, one with COUNT (of which
		// DTSTART, the 1st, is the first).
		file: "zimbra_two_rrules.ics", zone: "America/Los_Angeles",
		busy: []string{
			"2026-03-02T01:00Z 2026-03-02T02:30Z Payroll run",
			"2026-03-16T00:00Z 2026-03-16T01:30Z Payroll run",
			"2026-04-02T00:00Z 2026-04-02T01:30Z Payroll run",
			"2026-04-16T00:00Z 2026-04-16T01:30Z Payroll run",
			"2026-05-02T00:00Z 2026-05-02T01:30Z Payroll run",
		},
	},
	{
		// OWA / Exchange 2010 display names without VTIMEZONE: Eastern
		// follows US DST; an unquoted name with ':' and ','; a name the
		// app does not know but the file describes (its DST, -02:00 in
		// March); one it knows nothing about (fixed +04:00, warned).
		file: "owa_display_names.ics", zone: "Europe/London",
		busy: []string{
			"2026-03-03T14:00Z 2026-03-03T15:00Z Board prep",
			"2026-03-10T13:00Z 2026-03-10T14:00Z Board prep",
			"2026-03-11T04:30Z 2026-03-11T05:30Z Offshore sync",
			"2026-03-12T12:00Z 2026-03-12T14:00Z Site visit",
			"2026-03-13T05:00Z 2026-03-13T07:00Z Supplier audit",
			"2026-04-05T23:00Z 2026-04-05T23:45Z APAC handover",
		},
		warnings: []string{
			`line 53 (event "040000008200E00074C5B7101A82E00800000000F2A3B4C5D6E7DC01000000000000000010000000E5F60718293A4B5C6D7E8F9A0B1C2D3E"): DTSTART: parameter TZID holds a ':' without quotes: malformed iCalendar file; read up to the last ':'`,
			`line 54 (event "040000008200E00074C5B7101A82E00800000000F2A3B4C5D6E7DC01000000000000000010000000E5F60718293A4B5C6D7E8F9A0B1C2D3E"): DTEND: parameter TZID holds a ':' without quotes: malformed iCalendar file; read up to the last ':'`,
			`line 73 (event "040000008200E00074C5B7101A82E00800000000B4C5D6E7F8A9DC01000000000000000010000000A718293A4B5C6D7E8F9A0B1C2D3E4F50"): TZID "(UTC+04:00) Port Victoria" is neither a zone name the app knows nor described in the file: unknown time zone; read as UTC+04:00 all year (no daylight saving time)`,
		},
		kinds: []error{ErrMalformed, ErrMalformed, ErrUnknownZone},
	},
	{
		// Outlook for Mac: TZID:Field office\, Bogota (custom) in the
		// VTIMEZONE, referred to unescaped, quoted and unquoted.
		file: "outlook_mac_tzid_escaped_comma.ics", zone: "Europe/Amsterdam",
		busy: []string{
			"2026-03-17T13:00Z 2026-03-17T13:30Z Field team check-in",
			"2026-03-20T21:00Z 2026-03-20T22:00Z Field team retro",
			"2026-03-24T13:00Z 2026-03-24T13:30Z Field team check-in",
			"2026-03-31T08:00Z 2026-03-31T10:00Z Quarterly planning",
		},
	},
	{
		// Nextcloud (sabre/vobject): RDATE;VALUE=PERIOD with an end and
		// with a duration keep their own length.
		file: "nextcloud_rdate_period.ics", zone: "Europe/Paris",
		busy: []string{
			"2026-03-04T08:00Z 2026-03-04T09:00Z Language class",
			"2026-03-11T13:00Z 2026-03-11T17:00Z Language class",
			"2026-03-18T08:00Z 2026-03-18T08:30Z Language class",
			"2026-03-25T12:00Z 2026-03-25T15:00Z Language class",
		},
	},
	{
		// Outlook: a date-time RECURRENCE-ID moves an instance of an
		// all-day series, a date one an instance of a timed series.
		file: "outlook_recurrence_id_types.ics", zone: "Europe/Stockholm",
		busy: []string{
			"2026-03-02T23:00Z 2026-03-03T23:00Z all-day Remote day",
			"2026-03-05T14:00Z 2026-03-05T15:00Z Customer office hours",
			"2026-03-10T23:00Z 2026-03-11T23:00Z all-day Remote day (moved)",
			"2026-03-12T16:00Z 2026-03-12T17:00Z Customer office hours (late)",
			"2026-03-16T23:00Z 2026-03-17T23:00Z all-day Remote day",
			"2026-03-19T14:00Z 2026-03-19T15:00Z Customer office hours",
			"2026-03-23T23:00Z 2026-03-24T23:00Z all-day Remote day",
		},
	},
	{
		// Google: floating times are read in X-WR-TIMEZONE (New York),
		// not in the member's zone (Lisbon); all-day dates stay the
		// member's days.
		file: "google_floating.ics", zone: "Europe/Lisbon",
		busy: []string{
			"2026-03-02T13:30Z 2026-03-02T14:00Z School run",
			"2026-03-09T12:30Z 2026-03-09T13:00Z School run",
			"2026-03-10T13:00Z 2026-03-10T14:00Z Dentist (imported from an old calendar)",
			"2026-03-20T00:00Z 2026-03-21T00:00Z all-day Day off",
		},
	},
	{
		// Lotus Notes: dates that cannot be read, each named by its line.
		file: "lotus_notes_bad_dates.ics", zone: "UTC",
		busy: []string{
			"2026-03-02T08:00Z 2026-03-02T08:30Z Morning check",
			"2026-03-04T08:00Z 2026-03-04T08:30Z Morning check",
			"2026-03-05T08:00Z 2026-03-05T08:30Z Morning check",
			"2026-03-06T13:00Z 2026-03-06T14:00Z Team lunch",
			"2026-03-10T08:00Z 2026-03-10T08:30Z Morning check",
		},
		warnings: []string{
			`line 7 (event "3C4D5E6F708192A3B4C5D6E7F8091A2B-Lotus_Notes_Generated"): DTSTART "20260230T140000Z": invalid date; event skipped`,
			`line 16 (event "4D5E6F708192A3B4C5D6E7F8091A2B3C-Lotus_Notes_Generated"): DTEND "2026-03-03 15:00": invalid date; event skipped`,
			`line 26 (event "5E6F708192A3B4C5D6E7F8091A2B3C4D-Lotus_Notes_Generated"): EXDATE "20260304T0800": invalid date; date ignored`,
			`line 27 (event "5E6F708192A3B4C5D6E7F8091A2B3C4D-Lotus_Notes_Generated"): RDATE "2026031OT080000Z": invalid date; date ignored`,
		},
		kinds: []error{ErrBadDate, ErrBadDate, ErrBadDate, ErrBadDate},
		lossy: []string{"3C4D5E6F708192A3B4C5D6E7F8091A2B-Lotus_Notes_Generated",
			"4D5E6F708192A3B4C5D6E7F8091A2B3C-Lotus_Notes_Generated", "5E6F708192A3B4C5D6E7F8091A2B3C4D-Lotus_Notes_Generated"},
	},
}

func TestDecodeLenient(t *testing.T) {
	for _, c := range lenientCases {
		t.Run(c.file, func(t *testing.T) {
			imp := decodeFile(t, c.file, c.zone)
			checkLines(t, "busy", busyLines(imp.Busy), c.busy)
			checkLines(t, "warnings", imp.WarningLines(), c.warnings)
			if len(imp.Warnings) != len(c.kinds) {
				t.Fatalf("%d warnings; want %d", len(imp.Warnings), len(c.kinds))
			}
			for i, w := range imp.Warnings {
				if !errors.Is(w.Err, c.kinds[i]) {
					t.Errorf("warning %d: %v is not %v", i, w.Err, c.kinds[i])
				}
			}
			uids := map[string]bool{}
			for _, u := range imp.UIDs {
				uids[u] = true
			}
			lossy := map[string]bool{}
			for _, u := range c.lossy {
				lossy[u] = true
				if uids[u] {
					t.Errorf("UIDs has %s, which lost busy time", u)
				}
			}
			for _, b := range imp.Busy {
				if !uids[b.UID] && !lossy[b.UID] {
					t.Errorf("UIDs lacks %s, which was read whole", b.UID)
				}
			}
			if len(imp.Skipped) != 0 {
				t.Errorf("skipped: %v", skippedLines(imp.Skipped))
			}
		})
	}
}

func decodeString(t *testing.T, ics string) *Import {
	t.Helper()
	imp, err := Decode(strings.NewReader(strings.ReplaceAll(ics, "\n", "\r\n")), ImportOptions{Zone: mustZone(t, "UTC"), From: winFrom, To: winTo})
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, ics)
	}
	return imp
}

// TestDecodeBrokenStructure covers damage to the component structure: the
// damaged component is skipped (or kept, when only a child is damaged) and
// the others are imported.
func TestDecodeBrokenStructure(t *testing.T) {
	ok := "BEGIN:VEVENT\nUID:ok\nSUMMARY:Fine\nDTSTART:20260310T090000Z\nDTEND:20260310T100000Z\nEND:VEVENT\n"
	for _, c := range []struct {
		name, ics string
		busy      []string
		warnings  []string
	}{
		{"END of another kind",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:a\nDTSTART:20260311T090000Z\nEND:VTODO\nEND:VEVENT\n" + ok + "END:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 6 (event "a"): END:VTODO without BEGIN:VTODO: malformed iCalendar file; line ignored`}},
		{"END:VEVENT missing before the next BEGIN:VEVENT",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:a\nDTSTART:20260311T090000Z\nDURATION:PT1H\n" + ok + "END:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 3 (event "a"): VEVENT has no END:VEVENT before line 7: malformed iCalendar file; event skipped`}},
		{"END:VEVENT missing before END:VCALENDAR",
			"BEGIN:VCALENDAR\nPRODID:x\n" + ok + "BEGIN:VEVENT\nUID:a\nDTSTART:20260311T090000Z\nDURATION:PT1H\nEND:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 9 (event "a"): VEVENT has no END:VEVENT before line 13: malformed iCalendar file; event skipped`}},
		{"END:VALARM missing: the event keeps its times",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:a\nDTSTART:20260311T090000Z\nDURATION:PT1H\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VEVENT\n" + ok + "END:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine", "2026-03-11T09:00Z 2026-03-11T10:00Z Busy"},
			[]string{`line 7 (event "a"): VALARM has no END:VALARM before line 9: malformed iCalendar file; component skipped`}},
		{"BEGIN:VEVENT lost: its lines are ignored together",
			"BEGIN:VCALENDAR\nPRODID:x\n" + ok + "UID:a\nX-WR-TIMEZONE:Asia/Tokyo\nDTSTART:20260311T090000\nEND:VEVENT\nBEGIN:VEVENT\nUID:f\nDTSTART:20260312T090000\nDURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine", "2026-03-12T09:00Z 2026-03-12T10:00Z Busy"},
			[]string{`line 9: lines 9-11: calendar properties after its components (a BEGIN line missing?): malformed iCalendar file; ignored`,
				`line 12: END:VEVENT without BEGIN:VEVENT: malformed iCalendar file; line ignored`}},
		{"lines before BEGIN:VCALENDAR and after END:VCALENDAR",
			"HTTP/1.1 200 OK\nContent-Type: text/calendar\nBEGIN:VCALENDAR\nPRODID:x\n" + ok + "END:VCALENDAR\n<html>\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 1: lines 1-2 outside BEGIN:VCALENDAR and END:VCALENDAR: malformed iCalendar file; ignored`,
				`line 12: line 12 outside BEGIN:VCALENDAR and END:VCALENDAR: malformed iCalendar file; ignored`}},
		{"a rule that cannot be read: the first instance stays",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:r\nDTSTART:20260310T090000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;BYMONTH=14\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Busy"},
			[]string{`line 7 (event "r"): rule "FREQ=WEEKLY;BYMONTH=14": BYMONTH "14": invalid recurrence rule; rule ignored`}},
		{"DTEND before DTSTART",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:e\nDTSTART:20260310T090000Z\nDTEND:20260310T080000Z\nEND:VEVENT\n" + ok + "END:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 6 (event "e"): DTEND 20260310T080000Z is before DTSTART 20260310T090000Z: invalid date; event skipped`}},
		{"a moved instance that cannot be read keeps the original",
			"BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:m\nDTSTART:20260310T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nBEGIN:VEVENT\nUID:m\nRECURRENCE-ID:20260311T090000Z\nDTSTART:20260311T25000Z\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Busy", "2026-03-11T09:00Z 2026-03-11T10:00Z Busy"},
			[]string{`line 12 (event "m"): DTSTART "20260311T25000Z": invalid date; changed occurrence skipped`}},
		{"X-WR-TIMEZONE that names no zone",
			"BEGIN:VCALENDAR\nPRODID:x\nX-WR-TIMEZONE:Atlantis/Capital\n" + ok + "END:VCALENDAR\n",
			[]string{"2026-03-10T09:00Z 2026-03-10T10:00Z Fine"},
			[]string{`line 3: X-WR-TIMEZONE: TZID "Atlantis/Capital": unknown time zone; floating times read in the member's zone`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			imp := decodeString(t, c.ics)
			checkLines(t, "busy", busyLines(imp.Busy), c.busy)
			checkLines(t, "warnings", imp.WarningLines(), c.warnings)
		})
	}
}

func TestWarningLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTART:20260310T090000Z\r\n")
	for i := 0; i < 1500; i++ {
		b.WriteString("X-BROKEN;A\r\n")
	}
	b.WriteString("END:VEVENT\r\nEND:VCALENDAR\r\n")
	imp, err := Decode(strings.NewReader(b.String()), ImportOptions{From: winFrom, To: winTo})
	if err != nil {
		t.Fatal(err)
	}
	lines := imp.WarningLines()
	if imp.WarningCount != 1500 || len(imp.Warnings) != maxWarnings || len(lines) != MaxWarningsShown+1 {
		t.Fatalf("count %d, kept %d, rendered %d; want 1500, %d, %d", imp.WarningCount, len(imp.Warnings), len(lines), maxWarnings, MaxWarningsShown+1)
	}
	if want := `line 6 (event "w"): property X-BROKEN: missing ':' in "X-BROKEN;A": malformed iCalendar file; property dropped`; lines[0] != want {
		t.Errorf("first line %q; want %q", lines[0], want)
	}
	if lines[MaxWarningsShown] != "and 1480 more warnings" {
		t.Errorf("last line %q", lines[MaxWarningsShown])
	}
	one := &Import{Warnings: make([]Warning, 21), WarningCount: 21}
	if l := one.WarningLines(); l[len(l)-1] != "and 1 more warning" {
		t.Errorf("got %q; want \"and 1 more warning\"", l[len(l)-1])
	}
	if (&Import{}).WarningLines() != nil || (*Import)(nil).WarningLines() != nil {
		t.Error("no warnings should render as nil")
	}
}

// TestWindowsDisplayNames checks every display name the table holds (and
// its older GMT spelling) against the IANA zone of its Windows ID.
func TestWindowsDisplayNames(t *testing.T) {
	for _, e := range windowsDisplayNames {
		iana, ok := windowsZones[e[1]]
		if !ok {
			t.Errorf("%s: Windows ID %q has no IANA zone", e[0], e[1])
			continue
		}
		mustZone(t, iana)
		for _, label := range []string{e[0], strings.Replace(e[0], "(UTC", "(GMT", 1)} {
			if id, ok := windowsDisplayZone(label); !ok || id != e[1] {
				t.Errorf("%q: got %q, %v; want %q", label, id, ok, e[1])
			}
		}
	}
	for label, want := range map[string]string{
		"(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London":     "GMT Standard Time",
		"(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna": "W. Europe Standard Time",
		"(UTC-05:00) Eastern Time (US &amp; Canada)":                        "Eastern Standard Time",
		"(UTC+01:00) Berlin": "W. Europe Standard Time",
	} {
		if id, ok := windowsDisplayZone(label); !ok || id != want {
			t.Errorf("%q: got %q, %v; want %q", label, id, ok, want)
		}
	}
	for _, label := range []string{"Eastern Time", "(UTC-04:00) La Paz-ish", "UTCfoo", "(UTC+99:00) X", ""} {
		if id, ok := windowsDisplayZone(label); ok {
			t.Errorf("%q: got %q; want no zone", label, id)
		}
	}
	for label, want := range map[string]int{"(UTC-05:00) X": -5 * 3600, "(UTC+05:45) X": 20700, "GMT -0500 (Standard)": -5 * 3600, "(UTC) X": 0} {
		if off, ok := labelOffset(label); !ok || off != want {
			t.Errorf("labelOffset(%q) = %d, %v; want %d", label, off, ok, want)
		}
	}
}

// TestParseContentLineLenient checks what the line parser passes over.
func TestParseContentLineLenient(t *testing.T) {
	for _, c := range []struct {
		line, param, want string
		fixes             int
	}{
		{`X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS="1 Main St\; Springfield";X-TITLE="Joe\"s":geo:1,2`, "X-TITLE", `Joe\"s`, 0},
		{`X-APPLE-STRUCTURED-LOCATION;X-ADDRESS=1 Main St\; Springfield;X-TITLE=Home:geo:1,2`, "X-ADDRESS", `1 Main St\; Springfield`, 0},
		{`X;A="C:\":v`, "A", `C:\`, 0},
		{`DTSTART;TZID="Europe/Berlin:20260310T090000`, "TZID", `Europe/Berlin`, 1},
		{`DTSTART;TZID=Europe/"Berlin":20260310T090000`, "TZID", `Europe/Berlin`, 1},
		{`ATTENDEE;RSVP;CN=Bo:mailto:bo@example.com`, "CN", `Bo`, 1},
		{`DTSTART;TZID=(UTC+10:00) Canberra:20260406T090000`, "TZID", `(UTC+10:00) Canberra`, 1},
	} {
		p, fixes, err := parseContentLine(c.line)
		if err != nil {
			t.Errorf("%s: %v", c.line, err)
			continue
		}
		if got := p.Params.Get(c.param); got != c.want || len(fixes) != c.fixes {
			t.Errorf("%s: %s = %q with %d fixes; want %q with %d", c.line, c.param, got, len(fixes), c.want, c.fixes)
		}
	}
}

// TestDecodeHostileLenientInput feeds the reader shapes that would cost
// quadratic time if it were careless: many EXDATE, RDATE or RRULE lines in
// one event, a long folded BEGIN line, many broken lines. Each must finish
// well within the fuzz targets' bound and import what it can.
func TestDecodeHostileLenientInput(t *testing.T) {
	event := func(body string) string {
		return "BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:h\r\nDTSTART:20260310T090000Z\r\nDURATION:PT1H\r\n" + body + "END:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	for _, c := range []struct {
		name, ics string
		busy      int
	}{
		{"200,000 EXDATE lines", event("RRULE:FREQ=DAILY;COUNT=3\r\n" + strings.Repeat("EXDATE:20260311T090000Z\r\n", 200000)), 2},
		{"200,000 RDATE lines", event(strings.Repeat("RDATE:20260311T090000Z\r\n", 200000)), 2},
		{"5,000 RRULE lines", event(strings.Repeat("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=100000\r\n", 5000)), 1},
		{"1 MB folded BEGIN line", "BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:X" + strings.Repeat("\r\n A", 300000) + "\r\nEND:VCALENDAR\r\n", 0},
		{"300,000 broken lines", event(strings.Repeat("DTEND;X\r\n", 300000)), 1},
		{"2,000 events whose rule no date matches", "BEGIN:VCALENDAR\r\nPRODID:x\r\n" + strings.Repeat(
			"BEGIN:VEVENT\r\nDTSTART:20260310T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=9\r\nRRULE:FREQ=DAILY;BYSETPOS=3\r\nEND:VEVENT\r\n", 2000) +
			"END:VCALENDAR\r\n", 2000},
	} {
		t.Run(c.name, func(t *testing.T) {
			imp, err := decodeWithin(t, []byte(c.ics), ImportOptions{From: winFrom, To: winTo})
			if err != nil {
				t.Fatal(err)
			}
			if len(imp.Busy) != c.busy {
				t.Errorf("%d busy; want %d", len(imp.Busy), c.busy)
			}
		})
	}
}
