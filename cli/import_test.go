package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/store"
)

var importNow = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return importNow }})
	return out.String(), errb.String(), code
}

func importFixture(name string) string {
	return filepath.Join("..", "calendar", "testdata", "import", name)
}

func teamDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, "--db", db, "team", "import", filepath.Join("..", "assets", "sample-team.json")); code != 0 {
		t.Fatalf("team import: %s", errs)
	}
	return db
}

func timeOffCount(t *testing.T, path, member string) int {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := db.Member(context.Background(), member)
	if err != nil {
		t.Fatal(err)
	}
	return len(m.TimeOff)
}

func TestImportICS(t *testing.T) {
	db := teamDB(t)
	member := "Ana"
	out, errs, code := runCLI(t, "--db", db, "import", "ics", importFixture("google.ics"), "--member", member)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	for _, want := range []string{"16 added, 0 updated, 0 unchanged, 0 removed", "Lunch with Bo: cancelled",
		"exported by remotecto", "1 event has no occurrence"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := timeOffCount(t, db, member); n != 16 {
		t.Errorf("%d spans of time off; want 16", n)
	}
	out, _, code = runCLI(t, "--db", db, "import", "ics", importFixture("google.ics"), "--member", member)
	if code != 0 || !strings.Contains(out, "0 added, 0 updated, 16 unchanged, 0 removed") {
		t.Errorf("second import (exit %d):\n%s", code, out)
	}
	if n := timeOffCount(t, db, member); n != 16 {
		t.Errorf("after re-import: %d spans; want 16", n)
	}
}

func TestImportOwnExportChangesNothing(t *testing.T) {
	db := teamDB(t)
	ics := filepath.Join(t.TempDir(), "own.ics")
	s := importNow.Add(48 * time.Hour)
	cal := calendar.Calendar{Name: "x", Events: []calendar.Event{{UID: calendar.MakeUID("t", "1"), Summary: "Meeting", Start: s, End: s.Add(time.Hour)}}}
	f, err := os.Create(ics)
	if err != nil {
		t.Fatal(err)
	}
	if err := calendar.Encode(f, cal, importNow); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errs, code := runCLI(t, "--db", db, "import", "ics", ics, "--member", "Ana")
	if code != 0 || !strings.Contains(out, "nothing imported") {
		t.Errorf("own export: exit %d, %s%s", code, out, errs)
	}
	if n := timeOffCount(t, db, "Ana"); n != 0 {
		t.Errorf("own export added %d spans", n)
	}
}

func TestImportICSErrors(t *testing.T) {
	db := teamDB(t)
	broken := filepath.Join(t.TempDir(), "broken.ics")
	os.WriteFile(broken, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260310T090000Z\r\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "ics", broken, "--member", "Ana"}, 1, "no END:VEVENT"},
		{[]string{"import", "ics", importFixture("google.ics"), "--member", "Nobody"}, 1, `"Nobody": not found`},
		{[]string{"import", "ics", importFixture("google.ics")}, 2, "--member"},
		{[]string{"import", "ics", "--member", "Ana"}, 2, "one .ics file"},
		{[]string{"import", "ics", "missing.ics", "--member", "Ana"}, 1, "missing.ics"},
	} {
		_, errs, code := runCLI(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, errs, c.code, c.want)
		}
	}
	if n := timeOffCount(t, db, "Ana"); n != 0 {
		t.Errorf("failed imports added %d spans", n)
	}
}

func TestExportBumpsSequenceOnChange(t *testing.T) {
	dir := t.TempDir()
	if db, err := store.Open(filepath.Join(dir, "s.db")); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	c := &Context{Env: Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Now: func() time.Time { return importNow }},
		dbPath: filepath.Join(dir, "s.db"), cmd: commands["export ics"]}
	defer c.close()
	s := importNow.Add(24 * time.Hour)
	export := func(summary string) string {
		cal := calendar.Calendar{Name: "x", Events: []calendar.Event{
			{UID: "a@x", Summary: summary, Start: s, End: s.Add(time.Hour)},
			{UID: "b@x", Summary: "same", Start: s, End: s.Add(time.Hour)}}}
		path := filepath.Join(dir, "out.ics")
		if err := writeCalendar(c, cal, path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		return string(b)
	}
	seqs := func(ics string) string {
		var out []string
		for _, l := range strings.Split(ics, "\r\n") {
			if strings.HasPrefix(l, "SEQUENCE:") {
				out = append(out, l)
			}
		}
		return strings.Join(out, " ")
	}
	for i, step := range []struct{ summary, want string }{
		{"v1", "SEQUENCE:0 SEQUENCE:0"}, {"v1", "SEQUENCE:0 SEQUENCE:0"}, {"v2", "SEQUENCE:1 SEQUENCE:0"},
	} {
		if got := seqs(export(step.summary)); got != step.want {
			t.Errorf("export %d (%s): %s; want %s", i+1, step.summary, got, step.want)
		}
	}
}
