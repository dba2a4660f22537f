package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
)

// sessionWithMember is a test session with one member in Asia/Kathmandu.
func sessionWithMember(t *testing.T) (*session, roster.Member) {
	t.Helper()
	s := newTestSession(t)
	s.win.Resize(fyne.NewSize(1000, 760))
	m, err := s.db.SaveMember(context.Background(), roster.Member{Name: "Priya", Zone: "Asia/Kathmandu"})
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

func memberTimeOff(t *testing.T, s *session) []roster.TimeOff {
	t.Helper()
	m, err := s.db.(*store.DB).Member(context.Background(), "Priya")
	if err != nil {
		t.Fatal(err)
	}
	return m.TimeOff
}

const kathmanduICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:trip@google.com\r\nSUMMARY:Trek\r\nDTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261204\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:gone@google.com\r\nSUMMARY:Dinner\r\nSTATUS:CANCELLED\r\nDTSTART:20261202T120000Z\r\nDTEND:20261202T130000Z\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestTimeOffImportShowsSummary(t *testing.T) {
	s, m := sessionWithMember(t)
	called := 0
	ti := &timeOffImport{s: s, store: s.db, m: m, done: func() { called++ }}
	ti.importFile(strings.NewReader(kathmanduICS), "priya.ics")
	report := strings.Join(ti.report, "\n")
	for _, want := range []string{"1 added", "Dinner: cancelled"} {
		if !strings.Contains(report, want) {
			t.Errorf("summary lacks %q:\n%s", want, report)
		}
	}
	if called != 1 {
		t.Errorf("done ran %d times; want 1", called)
	}
	offs := memberTimeOff(t, s)
	want := time.Date(2026, 12, 1, 0, 0, 0, 0, mustLoad(t, "Asia/Kathmandu"))
	if len(offs) != 1 || !offs[0].Start.Equal(want) || !offs[0].AllDay || offs[0].End.Sub(offs[0].Start) != 72*time.Hour {
		t.Fatalf("time off after import: %+v; want 3 whole days from %s", offs, want)
	}
	// The same file again changes nothing and does not call done.
	ti.importFile(strings.NewReader(kathmanduICS), "priya.ics")
	if !strings.Contains(strings.Join(ti.report, "\n"), "0 added, 0 updated, 1 unchanged") || called != 1 {
		t.Errorf("second import: %v (done ran %d times)", ti.report, called)
	}
}

func TestTimeOffImportBrokenFileShowsError(t *testing.T) {
	s, m := sessionWithMember(t)
	ti := &timeOffImport{s: s, store: s.db, m: m}
	ti.importFile(strings.NewReader("BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"), "bad.ics")
	if ti.summary == nil || len(ti.report) != 0 {
		t.Fatalf("no error dialog shown (report %v)", ti.report)
	}
	// A calendar with one unreadable line is read around, and the report
	// names the line.
	ti.importFile(strings.NewReader("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\nDTSTART:20261301T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "odd.ics")
	if got := strings.Join(ti.report, "\n"); !strings.Contains(got, "line 4") {
		t.Errorf("report of a file with an unreadable date: %q; want it to name line 4", got)
	}
	if n := len(memberTimeOff(t, s)); n != 0 {
		t.Errorf("a broken file added %d spans", n)
	}
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTimeOffEditorAddsAndDeletes(t *testing.T) {
	s, m := sessionWithMember(t)
	changes := 0
	e := showTimeOffEditor(s, m, func() { changes++ })
	if !e.empty.Visible() {
		t.Error("an empty list does not say there is no time off")
	}
	// A timed span in the member's zone.
	e.allDay.SetChecked(false)
	for _, f := range []*widget.Entry{e.from, e.to, e.fromTime, e.toTime} {
		f.SetText("")
	}
	test.Type(e.from, "2026-12-07")
	test.Type(e.to, "2026-12-07")
	test.Type(e.fromTime, "13:00")
	test.Type(e.toTime, "15:30")
	test.Type(e.summary, "Doctor")
	test.Tap(e.add)
	offs := memberTimeOff(t, s)
	kat := mustLoad(t, "Asia/Kathmandu")
	if len(offs) != 1 || !offs[0].Start.Equal(time.Date(2026, 12, 7, 13, 0, 0, 0, kat)) ||
		!offs[0].End.Equal(time.Date(2026, 12, 7, 15, 30, 0, 0, kat)) || offs[0].Summary != "Doctor" {
		t.Fatalf("after Add: %+v", offs)
	}
	if changes != 1 || len(e.shown) != 1 || e.empty.Visible() {
		t.Errorf("after Add: %d changes, %d shown", changes, len(e.shown))
	}
	// A mistake is shown beside the form and saves nothing.
	e.to.SetText("")
	test.Type(e.to, "2026-12-06")
	test.Tap(e.add)
	if !e.errLabel.Visible() || !strings.Contains(e.errLabel.Text, "not after start") {
		t.Errorf("error label: visible %v, %q", e.errLabel.Visible(), e.errLabel.Text)
	}
	e.to.SetText("")
	test.Type(e.to, "7 Dec")
	test.Tap(e.add)
	if !strings.Contains(e.errLabel.Text, `to date "7 Dec"`) {
		t.Errorf("error label for a bad date: %q", e.errLabel.Text)
	}
	if n := len(memberTimeOff(t, s)); n != 1 {
		t.Errorf("bad input saved something: %d spans", n)
	}
	// Delete through the row's button and the confirmation.
	row := e.newRow()
	e.updateRow(0, row)
	del := row.(*fyne.Container).Objects[2].(*fyne.Container).Objects[1].(*widget.Button)
	test.Tap(del)
	yes := findWindowButton(t, s.win, "Yes")
	if yes == nil {
		t.Fatal("no confirmation with a Yes button")
	}
	test.Tap(yes)
	if n := len(memberTimeOff(t, s)); n != 0 || changes != 2 || !e.empty.Visible() {
		t.Errorf("after delete: %d spans, %d changes", n, changes)
	}
}

func TestTimeOffEditorAllDayUsesMemberZone(t *testing.T) {
	s, m := sessionWithMember(t)
	e := showTimeOffEditor(s, m, nil)
	e.from.SetText("2026-12-24")
	e.to.SetText("2026-12-26")
	test.Type(e.summary, "Holidays")
	test.Tap(e.add)
	offs := memberTimeOff(t, s)
	kat := mustLoad(t, "Asia/Kathmandu")
	if len(offs) != 1 || !offs[0].AllDay || !offs[0].Start.Equal(time.Date(2026, 12, 24, 0, 0, 0, 0, kat)) ||
		!offs[0].End.Equal(time.Date(2026, 12, 27, 0, 0, 0, 0, kat)) {
		t.Fatalf("all-day span: %+v", offs)
	}
	if got := e.span(offs[0]); got != "Thu 24 Dec – Sat 26 Dec 2026 · all day" {
		t.Errorf("row text %q", got)
	}
}

func TestTimeOffEditorRemovesWhatAnImportBrought(t *testing.T) {
	s, m := sessionWithMember(t)
	ti := &timeOffImport{s: s, store: s.db, m: m}
	ti.importFile(strings.NewReader(kathmanduICS), "priya.ics")
	changes := 0
	e := showTimeOffEditor(s, m, func() { changes++ })
	// A span entered by hand stays.
	test.Type(e.summary, "Holiday")
	test.Tap(e.add)
	if got := e.sources.Options; len(got) != 1 || got[0] != "priya.ics" {
		t.Fatalf("sources offered: %v; want only the imported file", got)
	}
	if !e.clearB.Disabled() {
		t.Error("Remove is enabled before a source is chosen")
	}
	e.sources.SetSelected("priya.ics")
	test.Tap(e.clearB)
	no := findWindowButton(t, s.win, "No")
	if no == nil {
		t.Fatal("no confirmation with a No button")
	}
	test.Tap(no)
	if n := len(memberTimeOff(t, s)); n != 2 {
		t.Fatalf("after No: %d spans; want 2", n)
	}
	test.Tap(e.clearB)
	test.Tap(findWindowButton(t, s.win, "Yes"))
	offs := memberTimeOff(t, s)
	if len(offs) != 1 || offs[0].Source != "manual" {
		t.Errorf("after removing priya.ics: %+v; want only the hand-entered span", offs)
	}
	if len(e.sources.Options) != 0 {
		t.Errorf("sources still offered: %v", e.sources.Options)
	}
}
