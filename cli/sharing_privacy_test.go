package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/davtest"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// planted are texts only the CTO's machine may hold: a log entry, 1:1
// notes, an action item, and the title, description and place of a
// calendar event imported as time off.
var planted = []string{"PLANTED-UPDATE-7f3a", "PLANTED-NOTES-91c2", "PLANTED-ACTION-55de",
	"PLANTED-TITLE-0b8e", "PLANTED-DESC-c4d1", "PLANTED-PLACE-e9a0"}

// TestNothingPrivateIsPublished publishes every kind of feed, to CalDAV and
// to WebDAV, from a database holding private text, and searches everything
// the servers keep for it.
func TestNothingPrivateIsPublished(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	files := davtest.StartRclone(t, "share", "pw")
	sh := newShell(t)
	db := filepath.Join(t.TempDir(), "cto.db")
	sh.must("", "--db", db, "team", "import", sampleTeamPath)
	sh.must("", "--db", db, "log", "update", "--author", "Dana", "--kind", "decision", "--text", "We fire the vendor "+planted[0])
	sh.must("", "--db", db, "log", "one-on-one", "--member", "Ana", "--notes", "Ana is unhappy "+planted[1],
		"--action", planted[2]+" @2026-12-01", "--every", "2w")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:doctor@example.com\r\nDTSTAMP:20261101T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261203\r\nSUMMARY:" + planted[3] + " hospital\r\nDESCRIPTION:" + planted[4] +
		"\r\nLOCATION:" + planted[5] + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	sh.must("", "--db", db, "import", "ics", writeFile(t, "ana.ics", ics), "--member", "Ana")
	saveMeeting(t, db)

	feeds := []string{"rotation:Primary", "member:Ana", "oncall", "meetings"}
	for i, f := range feeds {
		sh.must("pw\n", "--db", db, "publish", "add", "cal-"+f[:3], "--caldav", cal.URL+"cto/feed-"+f[:3]+"/", "--feed", f,
			"--user", "cto", "--password-stdin")
		sh.must("pw\n", "--db", db, "publish", "add", "file-"+f[:3], "--webdav", files.URL+"feed-"+string(rune('a'+i))+".ics", "--feed", f,
			"--user", "share", "--password-stdin")
	}
	sh.must("pw\n", "--db", db, "publish", "add", "bundle", "--webdav", files.URL+"team.json", "--feed", "team",
		"--user", "share", "--password-stdin")
	rs := results(t, sh.must("", "--db", db, "publish", "run", "--create", "--json"))
	if len(rs) != 9 {
		t.Fatalf("%d results; want 9", len(rs))
	}
	for _, r := range rs {
		if r["error"] != "" || count(r, "created") == 0 {
			t.Errorf("publish: %v", r)
		}
	}

	// The private text is in the CTO's database (its file or its log)...
	// (An import keeps no description or place of an event: those two
	// never reach the database at all.)
	for _, p := range planted[:4] {
		if len(davtest.Grep(t, filepath.Dir(db), p)) == 0 {
			t.Fatalf("%s is not in the database: the search below would prove nothing", p)
		}
	}
	// ... and nowhere on the servers.
	for _, dir := range []string{cal.Dir, files.Dir} {
		for path, secret := range davtest.Grep(t, dir, planted...) {
			t.Errorf("%s holds %q", path, secret)
		}
	}
	// What was published is there: Ana's shifts, the meeting, and her
	// time off as "Away" with its interval.
	if len(davtest.Grep(t, files.Dir, "On call: Ana (Primary)")) == 0 || len(davtest.Grep(t, cal.Dir, "Team sync")) == 0 {
		t.Error("the feeds lack Ana's shifts or the meeting")
	}
	body, err := os.ReadFile(filepath.Join(files.Dir, "team.json"))
	if err != nil {
		t.Fatal(err)
	}
	var bundle struct {
		Members []struct {
			Name    string `json:"name"`
			TimeOff []struct {
				Start, End, Summary string
			} `json:"time_off"`
		} `json:"members"`
	}
	if err := json.Unmarshal(body, &bundle); err != nil {
		t.Fatal(err)
	}
	for _, m := range bundle.Members {
		if m.Name == "Ana" && (len(m.TimeOff) != 1 || m.TimeOff[0].Summary != "Away" || m.TimeOff[0].Start != "2026-12-01T00:00:00Z" ||
			m.TimeOff[0].End != "2026-12-03T00:00:00Z") {
			t.Errorf("Ana's time off in the bundle: %+v; want one \"Away\" from 1 to 3 December", m.TimeOff)
		}
	}
}

// saveMeeting saves a weekly meeting series in the database.
func saveMeeting(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loc, _ := timezone.LoadZone("Europe/Lisbon")
	s := team.MeetingSeries{Title: "Team sync", Zone: "Europe/Lisbon", Members: []string{"Ana", "Dana"}}
	for i := 0; i < 4; i++ {
		start := time.Date(2026, 12, 2+7*i, 14, 0, 0, 0, loc)
		s.Occurrences = append(s.Occurrences, timezone.Interval{Start: start, End: start.Add(time.Hour)})
	}
	if _, err := db.SaveMeetingSeries(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}
