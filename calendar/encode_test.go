package calendar

import (
	"bytes"
	"errors"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var stamp = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// sampleCalendar is the calendar of the golden file and the interop test.
func sampleCalendar(t testing.TB) Calendar {
	berlin := mustZone(t, "Europe/Berlin")
	sydney := mustZone(t, "Australia/Sydney")
	chatham := mustZone(t, "Pacific/Chatham")
	kathmandu := mustZone(t, "Asia/Kathmandu")
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	return Calendar{Name: "Interop: shifts, 1:1s; and more", Events: []Event{
		{UID: MakeUID("shift", "Primary", "2026-03-02T09:00:00Z"), Summary: "On call: Primary (Ana)",
			Start: at(time.UTC, 2026, 3, 2, 9, 0), End: at(time.UTC, 2026, 3, 9, 9, 0), Transparent: true,
			Categories: []string{"On call"}},
		{UID: MakeUID("1on1", "Bo"), Summary: "1:1 Ana / Bo", Description: "Agenda:\n- wins\n- blockers, risks; asks",
			Start: at(berlin, 2026, 3, 16, 9, 30), End: at(berlin, 2026, 3, 16, 10, 0), Zone: berlin,
			RRule: "FREQ=WEEKLY;INTERVAL=1;UNTIL=20261130T000000Z", Categories: []string{"1:1"}},
		{UID: MakeUID("meeting", "sync"), Summary: "APAC sync", Location: "https://meet.example.com/apac",
			Start: at(sydney, 2026, 3, 30, 8, 0), End: at(sydney, 2026, 3, 30, 8, 45), Zone: sydney,
			RRule: "FREQ=WEEKLY;COUNT=30"},
		{UID: MakeUID("meeting", "chatham"), Summary: "Chatham check-in",
			Start: at(chatham, 2026, 3, 23, 7, 0), End: at(chatham, 2026, 3, 23, 7, 30), Zone: chatham,
			RRule: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=20"},
		{UID: MakeUID("meeting", "kathmandu"), Summary: "Kathmandu standup",
			Start: at(kathmandu, 2026, 3, 24, 17, 15), End: at(kathmandu, 2026, 3, 24, 17, 30), Zone: kathmandu,
			RRule: "FREQ=DAILY;COUNT=10"},
		{UID: MakeUID("timeoff", "Ana", "2026-04-06"), Summary: "Ana away", AllDay: true,
			Start: at(time.UTC, 2026, 4, 6, 0, 0), End: at(time.UTC, 2026, 4, 11, 0, 0)},
		{UID: MakeUID("note", "long"), Summary: strings.Repeat("Überstunden — ünïcødé ✓ ", 8),
			Description: strings.Repeat("日本語のテキスト、", 20), Start: at(time.UTC, 2026, 3, 3, 12, 0),
			End: at(time.UTC, 2026, 3, 3, 13, 0)},
	}}
}

func encodeString(t testing.TB, cal Calendar) string {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, cal, stamp); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return b.String()
}

func TestEncodeGolden(t *testing.T) {
	got := encodeString(t, sampleCalendar(t))
	path := filepath.Join("testdata", "golden", "sample.ics")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	if got != string(want) {
		t.Errorf("encoded calendar differs from %s; got:\n%s", path, got)
	}
}

func TestEncodeIsDeterministic(t *testing.T) {
	cal := sampleCalendar(t)
	want := encodeString(t, cal)
	for i := 0; i < 5; i++ {
		rand.Shuffle(len(cal.Events), func(a, b int) { cal.Events[a], cal.Events[b] = cal.Events[b], cal.Events[a] })
		if got := encodeString(t, cal); got != want {
			t.Fatalf("shuffled events give a different file")
		}
	}
}

func TestEncodeLines(t *testing.T) {
	out := encodeString(t, sampleCalendar(t))
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Errorf("file does not end with END:VCALENDAR CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
	}
	for _, want := range []string{"VERSION:2.0", "PRODID:" + ProductID, "METHOD:PUBLISH",
		`X-WR-CALNAME:Interop: shifts\, 1:1s\; and more`, "DTSTAMP:20260115T120000Z",
		"DTSTART;VALUE=DATE:20260406", "DTEND;VALUE=DATE:20260411", "TRANSP:TRANSPARENT",
		"DTSTART;TZID=Europe/Berlin:20260316T093000", "SEQUENCE:0", "CATEGORIES:On call"} {
		if !strings.Contains(out, "\r\n"+want+"\r\n") {
			t.Errorf("missing line %q", want)
		}
	}
}

func TestFoldNeverSplitsUTF8(t *testing.T) {
	pieces := []string{"a", "é", "✓", "日", "😀", " ", ","}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 500; n++ {
		var b strings.Builder
		for i := r.Intn(200); i > 0; i-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := b.String()
		var out bytes.Buffer
		cal := Calendar{Events: []Event{{UID: "u", Summary: text, Start: stamp, End: stamp.Add(time.Hour)}}}
		if err := Encode(&out, cal, stamp); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out.String(), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("summary %q: bad line %q", text, l)
			}
		}
		dec, err := ical.NewDecoder(&out).Decode()
		if err != nil {
			t.Fatalf("go-ical cannot read the file for summary %q: %v", text, err)
		}
		got, err := dec.Events()[0].Props.Text(ical.PropSummary)
		if err != nil || got != text {
			t.Fatalf("summary round trip: got %q (%v); want %q", got, err, text)
		}
	}
}

func TestEscapeText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"bell\x07tab\t", "belltab\t"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	} {
		if got := escapeText(c.in); got != c.want {
			t.Errorf("escapeText(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, berlin)
	for _, c := range []struct {
		name string
		e    Event
		want error
	}{
		{"no uid", Event{Summary: "x", Start: s, End: s.Add(time.Hour)}, ErrNoUID},
		{"local until with tzid", Event{UID: "u", Start: s, End: s.Add(time.Hour), Zone: berlin, RRule: "FREQ=WEEKLY;UNTIL=20260401T000000"}, ErrBadRule},
		{"no freq", Event{UID: "u", Start: s, End: s.Add(time.Hour), RRule: "COUNT=3"}, ErrBadRule},
		{"count and until", Event{UID: "u", Start: s, End: s.Add(time.Hour), RRule: "FREQ=DAILY;COUNT=3;UNTIL=20260401T000000Z"}, ErrBadRule},
		{"bad month", Event{UID: "u", Start: s, End: s.Add(time.Hour), RRule: "FREQ=YEARLY;BYMONTH=13"}, ErrBadRule},
		{"date-time until for all-day", Event{UID: "u", Start: s, End: s, AllDay: true, RRule: "FREQ=DAILY;UNTIL=20260401T000000Z"}, ErrBadRule},
	} {
		err := Encode(&bytes.Buffer{}, Calendar{Events: []Event{c.e}}, stamp)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v; want %v", c.name, err, c.want)
		}
	}
}

func TestLocalZoneFallsBackToUTC(t *testing.T) {
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	out := encodeString(t, Calendar{Events: []Event{{UID: "u", Start: s, End: s.Add(time.Hour), Zone: time.Local}}})
	if strings.Contains(out, "TZID") || !strings.Contains(out, "DTSTART:20260302T090000Z") {
		t.Errorf("time.Local must be written as UTC; got:\n%s", out)
	}
}

func TestMakeUID(t *testing.T) {
	a := MakeUID("shift", "Primary", "2026-03-02")
	if a != MakeUID("shift", "Primary", "2026-03-02") {
		t.Errorf("MakeUID is not stable")
	}
	if MakeUID("shift", "a/b") == MakeUID("shift", "a", "b") {
		t.Errorf("MakeUID(a/b) collides with MakeUID(a, b)")
	}
	if !strings.HasSuffix(a, UIDDomain) || strings.ContainsAny(a, " ;,\\") {
		t.Errorf("MakeUID = %q; want plain ASCII ending in %s", a, UIDDomain)
	}
}

func TestEncodeAmbiguousOneOffInUTC(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 CET, the second 02:30
	normal := time.Date(2026, 10, 26, 1, 30, 0, 0, time.UTC)
	out := encodeString(t, Calendar{Events: []Event{
		{UID: "a", Start: second, End: second.Add(time.Hour), Zone: berlin},
		{UID: "b", Start: normal, End: normal.Add(time.Hour), Zone: berlin},
	}})
	for _, want := range []string{"DTSTART:20261025T013000Z", "DTSTART;TZID=Europe/Berlin:20261026T023000"} {
		if !strings.Contains(out, "\r\n"+want+"\r\n") {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}
