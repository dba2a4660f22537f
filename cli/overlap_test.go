package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/store"
)

const overlapTeam = `{"members": [
 {"name": "Ana", "zone": "Europe/Lisbon", "hours": {"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "sun": "09:00-17:00"}},
 {"name": "Greta", "zone": "Europe/Berlin", "hours": {"wed": "08:00-16:30", "sun": "08:00-12:00"},
  "time_off": [{"start": "2026-06-10T11:00:00Z", "end": "2026-06-10T12:00:00Z", "summary": "dentist"}]},
 {"name": "Owl", "zone": "Asia/Kolkata", "hours": {"mon": "22:00-06:00"}},
 {"name": "priya", "zone": "Asia/Kolkata", "hours": {"wed": "10:00-18:30"}},
 {"name": "Mere", "zone": "Pacific/Auckland", "hours": {"wed": "07:00-15:00", "thu": "07:00-15:00"}}
], "rotations": []}`

// runOverlapCLI runs the command line against db and returns stdout, stderr, status.
func runOverlapCLI(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	now := func() time.Time { return time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) }
	code := Run(append([]string{"--db", db}, args...), Env{Stdout: &out, Stderr: &errb, Now: now})
	return out.String(), errb.String(), code
}

func overlapDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	team := filepath.Join(dir, "team.json")
	if err := os.WriteFile(team, []byte(overlapTeam), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	if _, stderr, code := runOverlapCLI(t, db, "team", "import", team); code != 0 {
		t.Fatalf("team import: %d %s", code, stderr)
	}
	return db
}

func TestOverlapJSON(t *testing.T) {
	db := overlapDB(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{
			name: "time off cuts the window; members sorted, names as stored",
			args: []string{"--date", "2026-06-10", "--members", "ana,Greta,PRIYA"},
			// Ana 08:00-16:00Z, Greta 06:00-14:30Z minus 11:00-12:00Z, priya 04:30-13:00Z.
			want: `{"date":"2026-06-10","tz":"UTC","windows":[{"start":"2026-06-10T08:00:00Z","end":"2026-06-10T11:00:00Z"},{"start":"2026-06-10T12:00:00Z","end":"2026-06-10T13:00:00Z"}],` +
				`"coverage":[{"start":"2026-06-10T00:00:00Z","end":"2026-06-10T04:30:00Z","count":0,"members":[]},` +
				`{"start":"2026-06-10T04:30:00Z","end":"2026-06-10T06:00:00Z","count":1,"members":["priya"]},` +
				`{"start":"2026-06-10T06:00:00Z","end":"2026-06-10T08:00:00Z","count":2,"members":["Greta","priya"]},` +
				`{"start":"2026-06-10T08:00:00Z","end":"2026-06-10T11:00:00Z","count":3,"members":["Ana","Greta","priya"]},` +
				`{"start":"2026-06-10T11:00:00Z","end":"2026-06-10T12:00:00Z","count":2,"members":["Ana","priya"]},` +
				`{"start":"2026-06-10T12:00:00Z","end":"2026-06-10T13:00:00Z","count":3,"members":["Ana","Greta","priya"]},` +
				`{"start":"2026-06-10T13:00:00Z","end":"2026-06-10T14:30:00Z","count":2,"members":["Ana","Greta"]},` +
				`{"start":"2026-06-10T14:30:00Z","end":"2026-06-10T16:00:00Z","count":1,"members":["Ana"]},` +
				`{"start":"2026-06-10T16:00:00Z","end":"2026-06-11T00:00:00Z","count":0,"members":[]}]}`,
		},
		{
			name: "Monday night hours cover Tuesday morning; viewer in Kolkata",
			args: []string{"--date", "2026-06-09", "--tz", "Asia/Kolkata", "--members", "Owl"},
			want: `{"date":"2026-06-09","tz":"Asia/Kolkata","windows":[{"start":"2026-06-08T18:30:00Z","end":"2026-06-09T00:30:00Z"}],` +
				`"coverage":[{"start":"2026-06-08T18:30:00Z","end":"2026-06-09T00:30:00Z","count":1,"members":["Owl"]},` +
				`{"start":"2026-06-09T00:30:00Z","end":"2026-06-09T18:30:00Z","count":0,"members":[]}]}`,
		},
		{
			name: "23-hour viewer day (Berlin, spring forward)",
			args: []string{"--date", "2026-03-29", "--tz", "Europe/Berlin", "--members", "Ana,Greta"},
			// Ana Sun 09:00-17:00 WEST = 08:00-16:00Z; Greta 08:00-12:00 CEST = 06:00-10:00Z.
			want: `{"date":"2026-03-29","tz":"Europe/Berlin","windows":[{"start":"2026-03-29T08:00:00Z","end":"2026-03-29T10:00:00Z"}],` +
				`"coverage":[{"start":"2026-03-28T23:00:00Z","end":"2026-03-29T06:00:00Z","count":0,"members":[]},` +
				`{"start":"2026-03-29T06:00:00Z","end":"2026-03-29T08:00:00Z","count":1,"members":["Greta"]},` +
				`{"start":"2026-03-29T08:00:00Z","end":"2026-03-29T10:00:00Z","count":2,"members":["Ana","Greta"]},` +
				`{"start":"2026-03-29T10:00:00Z","end":"2026-03-29T16:00:00Z","count":1,"members":["Ana"]},` +
				`{"start":"2026-03-29T16:00:00Z","end":"2026-03-29T22:00:00Z","count":0,"members":[]}]}`,
		},
		{
			name: "no full overlap: windows is an empty list",
			args: []string{"--date", "2026-06-10", "--members", "Ana,Mere"},
			want: `{"date":"2026-06-10","tz":"UTC","windows":[],` +
				`"coverage":[{"start":"2026-06-10T00:00:00Z","end":"2026-06-10T03:00:00Z","count":1,"members":["Mere"]},` +
				`{"start":"2026-06-10T03:00:00Z","end":"2026-06-10T08:00:00Z","count":0,"members":[]},` +
				`{"start":"2026-06-10T08:00:00Z","end":"2026-06-10T16:00:00Z","count":1,"members":["Ana"]},` +
				`{"start":"2026-06-10T16:00:00Z","end":"2026-06-10T19:00:00Z","count":0,"members":[]},` +
				`{"start":"2026-06-10T19:00:00Z","end":"2026-06-11T00:00:00Z","count":1,"members":["Mere"]}]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runOverlapCLI(t, db, append([]string{"overlap", "--json"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(out)); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if compact.String() != tc.want {
				t.Errorf("got  %s\nwant %s", compact.String(), tc.want)
			}
		})
	}
}

func TestOverlapEveryoneByDefault(t *testing.T) {
	db := overlapDB(t)
	out, stderr, code := runOverlapCLI(t, db, "overlap", "--date", "2026-06-10", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got overlapJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// Owl has no Wednesday hours: nobody overlaps with everyone.
	if len(got.Windows) != 0 {
		t.Errorf("windows = %v; want none", got.Windows)
	}
	most := 0
	for _, c := range got.Coverage {
		most = max(most, c.Count)
		if c.Count != len(c.Members) {
			t.Errorf("slot %v: count %d but %d members", c.Start, c.Count, len(c.Members))
		}
	}
	if most != 3 {
		t.Errorf("at most %d available; want 3 (Ana, Greta, priya)", most)
	}
}

func TestOverlapTable(t *testing.T) {
	db := overlapDB(t)
	out, stderr, code := runOverlapCLI(t, db, "overlap", "--date", "2026-10-25", "--tz", "Europe/Berlin", "--members", "Ana,Greta")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"2026-10-25 (Sunday) in Europe/Berlin, 2 members; this day is 25 hours long",
		"Everyone in working hours:", "10:00 CET  12:00 CET  09:00-11:00  2h00", "00:00 CEST", "Who is available:", "Ana, Greta"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runOverlapCLI(t, db, "overlap", "--date", "2026-06-10", "--members", "Ana,Mere")
	if !strings.Contains(out, "never") || !strings.Contains(out, "Best partial windows:") || !strings.Contains(out, "Mere") {
		t.Errorf("no overlap should list best partial windows:\n%s", out)
	}
}

func TestOverlapErrors(t *testing.T) {
	db := overlapDB(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--date", "2026-06-10", "--members", "Ana,Zed"}, 1, `member "Zed": not found`},
		{[]string{"--date", "2026-06-10", "--tz", "Mars/Olympus"}, 2, `"Mars/Olympus": unknown time zone`},
		{[]string{"--date", "2026-02-30"}, 2, `"2026-02-30"`},
		{[]string{"--date", "2026-06-10", "--members", " , "}, 2, "names nobody"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		out, stderr, code := runOverlapCLI(t, db, append([]string{"overlap"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("overlap %v: exit %d, stderr %q, stdout %q; want exit %d naming %q", tc.args, code, stderr, out, tc.code, tc.want)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if db, err := store.Open(empty); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	if _, stderr, code := runOverlapCLI(t, empty, "overlap", "--date", "2026-06-10"); code != 1 || !strings.Contains(stderr, "no members") {
		t.Errorf("empty team: exit %d, %q", code, stderr)
	}
}

func TestOverlapDefaultsToTodayInTZ(t *testing.T) {
	db := overlapDB(t)
	// The test clock says 2026-06-10T12:00Z: already the 11th in Kiritimati.
	out, stderr, code := runOverlapCLI(t, db, "overlap", "--tz", "Pacific/Kiritimati", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got overlapJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Date != "2026-06-11" || got.TZ != "Pacific/Kiritimati" || got.Coverage[0].Start != "2026-06-10T10:00:00Z" {
		t.Errorf("date %s tz %s first slot %s; want 2026-06-11 from 2026-06-10T10:00:00Z", got.Date, got.TZ, got.Coverage[0].Start)
	}
}
