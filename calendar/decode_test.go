package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

var (
	winFrom = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	winTo   = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
)

func decodeFile(t *testing.T, name, zone string) *Import {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imp, err := Decode(f, ImportOptions{Zone: mustZone(t, zone), From: winFrom, To: winTo})
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return imp
}

// busyLines renders spans as "start end [all-day] summary" in UTC.
func busyLines(bs []Busy) []string {
	var out []string
	for _, b := range bs {
		l := b.Start.UTC().Format("2006-01-02T15:04Z") + " " + b.End.UTC().Format("2006-01-02T15:04Z")
		if b.AllDay {
			l += " all-day"
		}
		out = append(out, l+" "+b.Summary)
	}
	return out
}

func skippedLines(ss []Skipped) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Summary+": "+s.Reason)
	}
	return out
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeGoogle(t *testing.T) {
	imp := decodeFile(t, "google.ics", "Europe/Lisbon")
	checkLines(t, "busy", busyLines(imp.Busy), []string{
		"2026-03-03T18:00Z 2026-03-03T19:30Z Climbing",
		"2026-03-10T09:00Z 2026-03-10T10:00Z Dentist",
		"2026-03-12T18:00Z 2026-03-12T19:30Z Climbing",
		"2026-03-17T18:00Z 2026-03-17T19:30Z Climbing",
		"2026-03-19T18:00Z 2026-03-19T19:30Z Climbing",
		"2026-03-24T18:00Z 2026-03-24T19:30Z Climbing",
		"2026-03-26T18:00Z 2026-03-26T19:30Z Climbing",
		"2026-03-31T17:00Z 2026-03-31T18:30Z Climbing",
		"2026-04-02T17:00Z 2026-04-02T18:30Z Climbing",
		"2026-04-05T23:00Z 2026-04-10T23:00Z all-day Vacation in the Algarve",
		"2026-04-07T17:00Z 2026-04-07T18:30Z Climbing",
		"2026-04-09T17:00Z 2026-04-09T18:30Z Climbing",
		"2026-04-16T18:00Z 2026-04-16T19:30Z Climbing (late)",
		"2026-04-23T17:00Z 2026-04-23T18:30Z Climbing",
		"2026-04-28T17:00Z 2026-04-28T18:30Z Climbing",
		"2026-04-30T17:00Z 2026-04-30T18:30Z Climbing",
	})
	checkLines(t, "skipped", skippedLines(imp.Skipped), []string{
		"Lunch with Bo: cancelled",
		"Working from the café: free time (TRANSP:TRANSPARENT)",
		"1:1 Ana / Bo: exported by remotecto",
	})
	if imp.Outside != 1 || imp.Own {
		t.Errorf("outside = %d, own = %v; want 1, false", imp.Outside, imp.Own)
	}
	// The moved instance keeps the key of its original start.
	for _, b := range imp.Busy {
		if b.Summary == "Climbing (late)" && b.Key != "5u7r9s1ldq2k3j4h6g8f0e2d1c@google.com#20260416T170000Z" {
			t.Errorf("override key = %q", b.Key)
		}
	}
}

func TestDecodeOutlook(t *testing.T) {
	imp := decodeFile(t, "outlook.ics", "Europe/Stockholm")
	checkLines(t, "busy", busyLines(imp.Busy), []string{
		"2026-03-02T17:00Z 2026-03-02T17:30Z US team sync",
		"2026-03-09T16:00Z 2026-03-09T16:30Z US team sync",
		"2026-03-17T09:00Z 2026-03-17T11:00Z Quarterly planning",
		"2026-03-20T09:00Z 2026-03-20T10:00Z Vendor call (Bengaluru)",
		"2026-03-23T16:00Z 2026-03-23T16:30Z US team sync",
		"2026-03-25T04:15Z 2026-03-25T05:15Z Kathmandu office hours",
		"2026-03-30T16:00Z 2026-03-30T16:30Z US team sync",
		"2026-04-06T16:00Z 2026-04-06T16:30Z US team sync",
		"2026-04-30T22:00Z 2026-05-01T22:00Z all-day Out of office",
	})
	checkLines(t, "skipped", skippedLines(imp.Skipped), []string{"Focus time: free time (TRANSP:TRANSPARENT)"})
}

func TestDecodeApple(t *testing.T) {
	imp := decodeFile(t, "apple.ics", "Australia/Sydney")
	checkLines(t, "busy", busyLines(imp.Busy), []string{
		"2026-03-08T21:30Z 2026-03-08T22:00Z School run",
		"2026-03-09T21:30Z 2026-03-09T22:00Z School run",
		"2026-03-10T21:30Z 2026-03-10T22:00Z School run",
		"2026-03-11T21:30Z 2026-03-11T22:00Z School run",
		"2026-03-12T21:30Z 2026-03-12T22:00Z School run",
		"2026-04-07T00:00Z 2026-04-07T01:00Z Physio",
		"2026-05-04T21:00Z 2026-05-04T21:30Z Blood donation",
		"2026-05-19T21:00Z 2026-05-19T21:30Z Blood donation",
		"2026-05-31T14:00Z 2026-06-04T14:00Z all-day Family trip 🏕️",
		"2026-06-04T21:00Z 2026-06-04T21:30Z Blood donation",
		"2026-07-04T21:00Z 2026-07-04T21:30Z Blood donation",
	})
	checkLines(t, "skipped", skippedLines(imp.Skipped), []string{"Bo's birthday: recurrence starts before 1900"})
}

func TestDecodeFloatingFollowsMember(t *testing.T) {
	// The same floating event lands at different instants for members in
	// different zones; all-day dates are whole local days.
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260310T090000\r\nDTEND:20260310T100000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20260311\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	for _, c := range []struct{ zone, want string }{
		{"Asia/Kathmandu", "2026-03-10T03:15Z 2026-03-10T04:15Z Busy|2026-03-10T18:15Z 2026-03-11T18:15Z all-day Busy"},
		{"Pacific/Chatham", "2026-03-09T19:15Z 2026-03-09T20:15Z Busy|2026-03-10T10:15Z 2026-03-11T10:15Z all-day Busy"},
		{"America/St_Johns", "2026-03-10T11:30Z 2026-03-10T12:30Z Busy|2026-03-11T02:30Z 2026-03-12T02:30Z all-day Busy"},
		{"Pacific/Kiritimati", "2026-03-09T19:00Z 2026-03-09T20:00Z Busy|2026-03-10T10:00Z 2026-03-11T10:00Z all-day Busy"},
	} {
		imp, err := Decode(strings.NewReader(ics), ImportOptions{Zone: mustZone(t, c.zone), From: winFrom, To: winTo})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(busyLines(imp.Busy), "|"); got != c.want {
			t.Errorf("member in %s: got %s; want %s", c.zone, got, c.want)
		}
	}
}

func TestDecodeOwnExport(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, sampleCalendar(t), stamp); err != nil {
		t.Fatal(err)
	}
	imp, err := Decode(&b, ImportOptions{Zone: time.UTC, From: winFrom, To: winTo})
	if err != nil {
		t.Fatal(err)
	}
	if !imp.Own || len(imp.Busy) != 0 || len(imp.UIDs) != 0 {
		t.Errorf("own export: own = %v, %d busy, %d UIDs; want true, 0, 0", imp.Own, len(imp.Busy), len(imp.UIDs))
	}
}

func TestDecodeRefusesHostileFiles(t *testing.T) {
	event := func(dtstart string) string {
		return "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:" + dtstart + "\r\nDTEND:20260310T100000Z\r\nEND:VEVENT\r\n"
	}
	wrap := func(body string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + body + "END:VCALENDAR\r\n"
	}
	many := strings.Repeat(event("20260310T090000Z"), MaxEvents+1)
	deep := strings.Repeat("BEGIN:X-A\r\n", 50) + strings.Repeat("END:X-A\r\n", 50)
	for _, c := range []struct {
		name, body string
		want       error
	}{
		{"empty", "", ErrNotCalendar},
		{"not ics", "hello, world\r\n", ErrNotCalendar},
		{"binary", "\x00\x01\x02\xff", ErrNotCalendar},
		{"vCard", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n", ErrNotCalendar},
		{"no END", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n", ErrMalformed},
		{"no END:VCALENDAR", wrap(event("20260310T090000Z"))[:len(wrap(event("20260310T090000Z")))-len("END:VCALENDAR\r\n")], ErrMalformed},
		{"10 MB line", wrap("BEGIN:VEVENT\r\nDESCRIPTION:" + strings.Repeat("a", 10<<20) + "\r\nEND:VEVENT\r\n"), ErrTooLarge},
		{"10 MB folded line", wrap("BEGIN:VEVENT\r\nDESCRIPTION:" + strings.Repeat("aaaaaaa\r\n ", 1500000) + "\r\nEND:VEVENT\r\n"), ErrTooLarge},
		{"10 MB of lines without a leading space", wrap("BEGIN:VEVENT\r\nDESCRIPTION:" + strings.Repeat("aaaaaaa\r\n", 1500000) + "\r\nEND:VEVENT\r\n"), ErrTooLarge},
		{"100,000 events", wrap(strings.Repeat(event("20260310T090000Z"), 100000)), ErrTooLarge},
		{"too many events", wrap(many), ErrTooLarge},
		{"deep nesting", wrap(deep), ErrMalformed},
	} {
		_, err := Decode(strings.NewReader(c.body), ImportOptions{Zone: time.UTC, From: winFrom, To: winTo})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v; want %v", c.name, err, c.want)
		} else if msg := err.Error(); len(msg) > 300 {
			t.Errorf("%s: message too long to show: %d bytes", c.name, len(msg))
		}
	}
}

func TestDecodeUnknownZoneSkipsEvent(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:z\r\nSUMMARY:Mars time\r\nDTSTART;TZID=Mars/Olympus:20260310T090000\r\nDTEND;TZID=Mars/Olympus:20260310T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	imp, err := Decode(strings.NewReader(ics), ImportOptions{Zone: time.UTC, From: winFrom, To: winTo})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, "warnings", imp.WarningLines(), []string{
		`line 7 (event "z"): DTSTART "20260310T090000": TZID "Mars/Olympus": unknown time zone; event skipped`,
	})
	if len(imp.Busy) != 0 || len(imp.UIDs) != 0 || !errors.Is(imp.Warnings[0].Err, ErrUnknownZone) {
		t.Errorf("got busy %v, UIDs %v, warning %v; want nothing imported and the event not spoken for", imp.Busy, imp.UIDs, imp.Warnings[0].Err)
	}
}

func TestDecodeWindowsZoneNames(t *testing.T) {
	for win, iana := range map[string]string{
		"W. Europe Standard Time": "Europe/Berlin", "Pacific Standard Time": "America/Los_Angeles",
		"India Standard Time": "Asia/Kolkata", "AUS Eastern Standard Time": "Australia/Sydney",
		"Nepal Standard Time": "Asia/Kathmandu", "Chatham Islands Standard Time": "Pacific/Chatham",
		"Newfoundland Standard Time": "America/St_Johns", "Line Islands Standard Time": "Pacific/Kiritimati",
	} {
		ics := fmt.Sprintf("BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=\"%s\":20260710T090000\r\nDTEND;TZID=\"%[1]s\":20260710T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", win)
		imp, err := Decode(strings.NewReader(ics), ImportOptions{Zone: time.UTC, From: winFrom, To: winTo})
		if err != nil {
			t.Fatalf("%s: %v", win, err)
		}
		want := time.Date(2026, 7, 10, 9, 0, 0, 0, mustZone(t, iana))
		if len(imp.Busy) != 1 || !imp.Busy[0].Start.Equal(want) {
			t.Errorf("%s: got %v; want start %s", win, busyLines(imp.Busy), want.UTC())
		}
	}
}

func mustParse(t *testing.T, data []byte) []*ical.Component {
	t.Helper()
	cals, err := parseFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return cals
}

func TestDecodeDuplicateUIDsAcrossCalendars(t *testing.T) {
	one := "BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:dup\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	imp, err := Decode(strings.NewReader(one+one), ImportOptions{Zone: time.UTC, From: winFrom, To: winTo})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Busy) != 1 {
		t.Errorf("the same event in two calendars gave %d spans; want 1", len(imp.Busy))
	}
}
