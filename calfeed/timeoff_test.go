package calfeed

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

// recordingStore is a TimeOffStore that keeps what it was given.
type recordingStore struct {
	calls          int
	member, source string
	since          time.Time
	events         []string
	offs           []roster.TimeOff
	res            roster.TimeOffChanges
}

func (r *recordingStore) ReplaceImportedTimeOff(_ context.Context, member, source string, since time.Time,
	events []string, offs []roster.TimeOff) (roster.TimeOffChanges, error) {
	r.calls++
	r.member, r.source, r.since, r.events, r.offs = member, source, since, events, offs
	return r.res, nil
}

var importNow = time.Date(2026, 3, 1, 10, 30, 15, 500, time.UTC)

// holidayICS has an all-day holiday, a weekly timed event (Lisbon time) and
// a cancelled event.
const holidayICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:holiday@example.com\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20260406\r\nDTEND;VALUE=DATE:20260408\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:gym@example.com\r\nSUMMARY:Gym\r\nDTSTART;TZID=Europe/Lisbon:20260302T180000\r\n" +
	"DTEND;TZID=Europe/Lisbon:20260302T190000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:gone@example.com\r\nSUMMARY:Dinner\r\nSTATUS:CANCELLED\r\nDTSTART:20260303T200000Z\r\nDTEND:20260303T210000Z\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestImportTimeOffMapsBusyTime(t *testing.T) {
	st := &recordingStore{res: roster.TimeOffChanges{Added: 3}}
	ana := roster.Member{ID: 4, Name: "Ana", Zone: "Europe/Lisbon"}
	res, err := ImportTimeOff(context.Background(), st, ana, "ana.ics", strings.NewReader(holidayICS), importNow)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 3, 1, 10, 30, 15, 0, time.UTC)
	if st.calls != 1 || st.member != "Ana" || st.source != "ana.ics" || !st.since.Equal(from) {
		t.Errorf("store called %d times with member %q, source %q, since %s; want once with Ana, ana.ics, %s",
			st.calls, st.member, st.source, st.since, from)
	}
	if got := strings.Join(st.events, ","); got != "gone@example.com,gym@example.com,holiday@example.com" {
		t.Errorf("events the file speaks for: %s", got)
	}
	lisbon, _ := timezone.LoadZone("Europe/Lisbon")
	want := []roster.TimeOff{
		{Summary: "Gym", Start: time.Date(2026, 3, 2, 18, 0, 0, 0, lisbon), End: time.Date(2026, 3, 2, 19, 0, 0, 0, lisbon)},
		{Summary: "Gym", Start: time.Date(2026, 3, 9, 18, 0, 0, 0, lisbon), End: time.Date(2026, 3, 9, 19, 0, 0, 0, lisbon)},
		{Summary: "Holiday", Start: time.Date(2026, 4, 6, 0, 0, 0, 0, lisbon), End: time.Date(2026, 4, 8, 0, 0, 0, 0, lisbon), AllDay: true},
	}
	if len(st.offs) != len(want) {
		t.Fatalf("time off given to the store: %+v; want %d spans", st.offs, len(want))
	}
	for i, o := range st.offs {
		w := want[i]
		if o.Summary != w.Summary || !o.Start.Equal(w.Start) || !o.End.Equal(w.End) || o.AllDay != w.AllDay ||
			o.Source != "ana.ics" || !strings.HasPrefix(o.UID, strings.ToLower(w.Summary)+"@example.com#") {
			t.Errorf("time off %d = %+v; want %+v from ana.ics with the occurrence's key as UID", i, o, w)
		}
	}
	if res.Added != 3 || !res.Changed() || res.Own || !res.From.Equal(from) || !res.To.Equal(from.Add(ImportWindow)) {
		t.Errorf("summary = %+v", res)
	}
	report := strings.Join(res.Report(), "\n")
	for _, w := range []string{"3 added, 0 updated, 0 unchanged, 0 removed (busy times from 2026-03-01 to 2027-03-02)", "skipped 1 event:", "  Dinner: cancelled"} {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}
}

func TestImportTimeOffRefusesWithoutWriting(t *testing.T) {
	st := &recordingStore{}
	ana := roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}
	notCalendar := "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"
	if _, err := ImportTimeOff(context.Background(), st, ana, "bad.ics", strings.NewReader(notCalendar), importNow); err == nil ||
		!strings.Contains(err.Error(), "import bad.ics") {
		t.Errorf("broken file: %v; want an error naming the file", err)
	}
	mars := roster.Member{Name: "Zed", Zone: "Mars/Olympus"}
	if _, err := ImportTimeOff(context.Background(), st, mars, "z.ics", strings.NewReader(holidayICS), importNow); !errors.Is(err, timezone.ErrUnknownZone) {
		t.Errorf("member with an unknown zone: %v; want ErrUnknownZone", err)
	}
	if st.calls != 0 {
		t.Errorf("the store was written %d times", st.calls)
	}
	var zero TimeOffImport
	if zero.Report() != nil {
		t.Errorf("an empty import reports %v", zero.Report())
	}
}

// TestImportTimeOffIntoStore imports into a real database: a second import
// of the same file changes nothing, and the app's own export is refused.
func TestImportTimeOffIntoStore(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ana, err := db.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "Europe/Lisbon"})
	if err != nil {
		t.Fatal(err)
	}
	var _ TimeOffStore = db
	first, err := ImportTimeOff(ctx, db, ana, "ana.ics", strings.NewReader(holidayICS), importNow)
	if err != nil || first.TimeOffChanges != (roster.TimeOffChanges{Added: 3}) {
		t.Fatalf("first import: %+v, %v; want 3 added", first.TimeOffChanges, err)
	}
	again, err := ImportTimeOff(ctx, db, ana, "ana.ics", strings.NewReader(holidayICS), importNow)
	if err != nil || again.TimeOffChanges != (roster.TimeOffChanges{Unchanged: 3}) || again.Changed() {
		t.Fatalf("same file again: %+v, %v; want 3 unchanged", again.TimeOffChanges, err)
	}
	var own strings.Builder
	s := importNow.Add(48 * time.Hour)
	cal := calendar.Calendar{Name: "x", Events: []calendar.Event{{UID: "x@remotecto", Summary: "Shift", Start: s, End: s.Add(time.Hour)}}}
	if err := calendar.Encode(&own, cal, importNow); err != nil {
		t.Fatal(err)
	}
	res, err := ImportTimeOff(ctx, db, ana, "own.ics", strings.NewReader(own.String()), importNow)
	if err != nil || !res.Own || res.Changed() || !strings.Contains(strings.Join(res.Report(), "\n"), "exported by remotecto") {
		t.Errorf("own export: %+v, %v; want nothing imported", res, err)
	}
	m, err := db.Member(ctx, "Ana")
	if err != nil || len(m.TimeOff) != 3 {
		t.Errorf("time off after the imports: %+v, %v; want 3 spans", m.TimeOff, err)
	}
}

func TestImportTimeOffReportsWhatItCouldNotRead(t *testing.T) {
	st := &recordingStore{}
	ana := roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}
	badDate := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\nDTSTART:20261301T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	res, err := ImportTimeOff(context.Background(), st, ana, "odd.ics", strings.NewReader(badDate), importNow)
	if err != nil {
		t.Fatalf("a file with one unreadable date: %v; want it read around", err)
	}
	report := strings.Join(res.Report(), "\n")
	if !strings.Contains(report, "read around what could not be read:") || !strings.Contains(report, "line 4") {
		t.Errorf("report does not name the unreadable line:\n%s", report)
	}
}
