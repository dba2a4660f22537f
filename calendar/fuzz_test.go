package calendar

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

func addFixtureSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "*.ics"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Customized Time Zone:20260310T090000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260310\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\nEXDATE:20260311,20260312T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"a\":20260310T090000\r\nDURATION:P1W\r\nRECURRENCE-ID:20260310T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nX;A=\"\r\n",
		"BEGIN:VCALENDAR\r\nX;A=b,c,\r\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzDecode feeds arbitrary bytes to the importer: it must never panic,
// must give either an error or spans that end after they start, inside the
// window's reach, with unique keys.
func FuzzDecode(f *testing.F) {
	addFixtureSeeds(f)
	loc, _ := time.LoadLocation("Australia/Sydney")
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	f.Fuzz(func(t *testing.T, data []byte) {
		var imp *Import
		var err error
		done := make(chan struct{})
		go func() {
			imp, err = Decode(bytes.NewReader(data), ImportOptions{Zone: loc, From: from, To: to})
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Decode took more than 5 s on %q", data)
		}
		if err != nil {
			if !utf8.ValidString(err.Error()) && utf8.Valid(data) {
				t.Errorf("error message is not valid UTF-8: %q", err.Error())
			}
			return
		}
		keys := map[string]bool{}
		for _, b := range imp.Busy {
			if !b.End.After(b.Start) || !b.End.After(from) || !b.Start.Before(to) {
				t.Fatalf("span %+v outside [%s, %s) or empty", b, from, to)
			}
			if keys[b.Key] {
				t.Fatalf("key %q twice", b.Key)
			}
			keys[b.Key] = true
		}
	})
}

// FuzzContentLine checks the line parser on its own: no panic, and a line
// it accepts keeps its value.
func FuzzContentLine(f *testing.F) {
	for _, s := range []string{"DTSTART;TZID=\"W. Europe Standard Time\":20260310T090000",
		"X-A;B=c,\"d:e\";F=:v:w", "SUMMARY:a\\,b", ";:", "A;B=\"", "A;B", "A;=x:y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		p, _, err := parseContentLine(line)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if !strings.HasSuffix(line, ":"+p.Value) {
			t.Fatalf("line %q: value %q is not its tail", line, p.Value)
		}
	})
}

// FuzzEncodeText checks that any text survives encoding: folded lines of at
// most 75 octets, valid UTF-8 on each line, and Decode's reading of the
// summary gives the text back (control characters dropped).
func FuzzEncodeText(f *testing.F) {
	f.Add("plain")
	f.Add("a;b,c\\d\ne\r\nf")
	f.Add(strings.Repeat("日本語", 40))
	f.Fuzz(func(t *testing.T, text string) {
		s := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		var b bytes.Buffer
		if err := Encode(&b, Calendar{Name: text, Events: []Event{{UID: "u", Summary: text, Start: s, End: s.Add(time.Hour)}}}, s); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("text %q: bad line %q", text, l)
			}
		}
		cals, err := parseFile(&b)
		if err != nil {
			t.Fatalf("text %q: own output does not parse: %v", text, err)
		}
		got := unescapeText(propValue(cals[0].Children[0], "SUMMARY"))
		want := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || (r >= 0x20 && r != 0x7f) {
				return r
			}
			if r == '\r' {
				return '\n'
			}
			return -1
		}, strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\r\n", "\n"))
		if got != want {
			t.Fatalf("summary round trip: got %q; want %q", got, want)
		}
	})
}

// decodeWithin is Decode with a time bound for fuzz targets.
func decodeWithin(t *testing.T, data []byte, opt ImportOptions) (*Import, error) {
	t.Helper()
	var imp *Import
	var err error
	done := make(chan struct{})
	go func() {
		imp, err = Decode(bytes.NewReader(data), opt)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("Decode took more than 5 s on %d bytes: %q…", len(data), clip(string(data)))
	}
	return imp, err
}

// FuzzLenient drops one line of a file that imports and checks that the
// lenient reader keeps its promise: no panic, no error other than a limit,
// and every event whose own lines were untouched is still imported, at the
// same times under the same keys. Only lines inside a VEVENT (from its
// BEGIN to its END) are dropped: the calendar's own lines and VTIMEZONEs
// speak for every event.
func FuzzLenient(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "*.ics"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			for _, drop := range []uint16{0, 7, 23, 31, 40, 55} {
				f.Add(b, drop)
			}
		}
	}
	multi := "BEGIN:VCALENDAR\r\nPRODID:x\r\nX-WR-TIMEZONE:Europe/Berlin\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T090000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID:20260317T090000\r\nDTSTART:20260317T110000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20260320\r\nDTEND;VALUE=DATE:20260322\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nSUMMARY:no uid\r\nDTSTART:20260401T080000Z\r\nDTEND:20260401T09\r\n 0000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	for drop := uint16(0); drop < 30; drop++ {
		f.Add([]byte(multi), drop)
	}
	loc, _ := time.LoadLocation("America/St_Johns")
	opt := ImportOptions{Zone: loc, From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, data []byte, drop uint16) {
		before, err := decodeWithin(t, data, opt)
		if err != nil {
			return
		}
		src, err := readFile(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Decode read the file, readFile did not: %v", err)
		}
		lines := bytes.SplitAfter(data, []byte("\n"))
		line := int(drop)%len(lines) + 1 // 1-based, as warnings count
		var touched *ical.Component
		for _, cal := range src.calendars {
			for _, c := range cal.Children {
				if m := src.meta[c]; c.Name == ical.CompEvent && m.line <= line && line <= m.end {
					touched = c
				}
			}
		}
		if touched == nil {
			return
		}
		// An event's lines that become the calendar's own (its BEGIN
		// dropped before any other component) may name the calendar's
		// floating zone or product: they speak for every event.
		if touched.Props.Get("X-WR-TIMEZONE") != nil || touched.Props.Get(ical.PropProductID) != nil {
			return
		}
		uid := strings.TrimSpace(unescapeText(propValue(touched, ical.PropUID)))
		droppedUID := bytes.HasPrefix(bytes.ToUpper(bytes.TrimSpace(lines[line-1])), []byte("UID"))
		cut := bytes.Join([][]byte{bytes.Join(lines[:line-1], nil), bytes.Join(lines[line:], nil)}, nil)
		after, err := decodeWithin(t, cut, opt)
		if errors.Is(err, ErrTooLarge) {
			return // the dropped line may have bounded a recurrence
		}
		if err != nil {
			t.Fatalf("dropping line %d (%q) refuses the file: %v", line, lines[line-1], err)
		}
		got := map[string]Busy{}
		for _, b := range after.Busy {
			got[b.Key] = b
		}
		for _, b := range before.Busy {
			standIn := strings.HasPrefix(b.UID, "no-uid-")
			if b.UID == uid || standIn && (uid == "" || droppedUID) {
				continue
			}
			if g, ok := got[b.Key]; !ok || !g.Start.Equal(b.Start) || !g.End.Equal(b.End) || g.Summary != b.Summary || g.AllDay != b.AllDay {
				t.Fatalf("dropping line %d (%q) of event %q changed %+v of another event into %+v (found %v)", line, lines[line-1], uid, b, g, ok)
			}
		}
	})
}
