package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

var logNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

// runLog runs the command line against db and returns stdout, stderr and the
// exit status.
func runLog(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(append([]string{"--db", db}, args...), Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return logNow }})
	return out.String(), errb.String(), code
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, stderr, code := runLog(t, db, args...)
	if code != 0 {
		t.Fatalf("remotecto %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return out
}

func TestLogCommands(t *testing.T) {
	db := teamDB(t)
	notes := "## Growth 🌱\n\nWants to own the *ledger* migration; café ☕ chat.\n"
	mustRun(t, db, "log", "one-on-one", "--member", "ana", "--at", "2026-03-02T09:00:00Z", "--notes", notes,
		"--action", "Draft the ledger plan @2026-03-10", "--action", "Greta: review the plan", "--every", "2w")
	mustRun(t, db, "log", "update", "--author", "Greta", "--kind", "decision", "--text", "Ledger moves to Postgres 🐘", "--tags", "infra,DB", "--at", "2026-03-05")
	mustRun(t, db, "log", "update", "--author", "Priya", "--kind", "blocker", "--text", "C++ toolchain broken on CI")

	// The second 1:1 carries both open items forward.
	out := mustRun(t, db, "log", "one-on-one", "--member", "Ana", "--at", "2026-03-16T09:00:00Z", "--notes", "Follow-up")
	if !strings.Contains(out, "2 action items (2 open)") {
		t.Errorf("second 1:1: %q; want the two open items carried forward", out)
	}

	out = mustRun(t, db, "log", "search", "ledger", "--json")
	var hits []map[string]any
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	if len(hits) != 3 {
		t.Fatalf("search ledger: %d hits; want 3 (notes, action item, decision)\n%s", len(hits), out)
	}
	kinds := map[string]bool{}
	for _, h := range hits {
		kinds[h["kind"].(string)] = true
		at, _ := h["at"].(string)
		if _, err := time.Parse(time.RFC3339, at); err != nil || !strings.HasSuffix(at, "Z") {
			t.Errorf("hit at %q; want RFC 3339 in UTC with Z", at)
		}
		for _, k := range []string{"kind", "member", "at", "text"} {
			if _, ok := h[k]; !ok {
				t.Errorf("hit %v lacks %q", h, k)
			}
		}
	}
	if !kinds["one-on-one"] || !kinds["action"] || !kinds["decision"] {
		t.Errorf("hit kinds %v; want one-on-one, action and decision", kinds)
	}
	for _, h := range hits {
		if h["kind"] == "one-on-one" && h["text"] != notes {
			t.Errorf("notes came back as %q; want them exactly %q", h["text"], notes)
		}
	}

	if out := mustRun(t, db, "log", "search", "C++"); !strings.Contains(out, "Priya") {
		t.Errorf("search C++: %q; want Priya's blocker", out)
	}
	out = mustRun(t, db, "log", "actions")
	if !strings.Contains(out, "Draft the ledger plan") || !strings.Contains(out, "OVERDUE") || strings.Index(out, "Draft") > strings.Index(out, "review the plan") {
		t.Errorf("log actions:\n%s\nwant the overdue item (due 2026-03-10) first", out)
	}
	out = mustRun(t, db, "log", "list", "--kind", "decision", "--json")
	if !strings.Contains(out, `"tags": [`) || !strings.Contains(out, `"db"`) || !strings.Contains(out, "Postgres 🐘") {
		t.Errorf("list --kind decision --json:\n%s", out)
	}
	if out := mustRun(t, db, "log", "overdue"); !strings.Contains(out, "no overdue") {
		t.Errorf("log overdue on 20 March with a 2w cadence from 16 March: %q; want none", out)
	}
	mustRun(t, db, "log", "cadence", "--member", "Mere", "--every", "1w", "--time", "08:30")
	if out := mustRun(t, db, "log", "overdue", "--all"); !strings.Contains(out, "Mere") || !strings.Contains(out, "due 2026-03-21") {
		t.Errorf("log overdue --all:\n%s\nwant Mere due today in Auckland (2026-03-21)", out)
	}

	md := filepath.Join(t.TempDir(), "log.md")
	mustRun(t, db, "log", "export", "--format", "markdown", "-o", md)
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\\## Growth 🌱\\\n\\\nWants to own the \\*ledger\\* migration; café ☕ chat.", "Ledger moves to Postgres 🐘", "- [ ] Draft the ledger plan — Ana, due 2026-03-10 (raised 2026-03-02)", "## Decision log"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("Markdown export lacks %q:\n%s", want, b)
		}
	}
	mustRun(t, db, "log", "export", "-o", md, "--member", "Priya")
	if b, _ := os.ReadFile(md); strings.Contains(string(b), "ledger") || !strings.Contains(string(b), "C++ toolchain") {
		t.Errorf("export --member Priya:\n%s", b)
	}
}

func TestLogBadInput(t *testing.T) {
	db := teamDB(t)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"log", "update", "--author", "Ana", "--kind", "rumour", "--text", "x"}, 2, "kind"},
		{[]string{"log", "update", "--author", "Nobody", "--kind", "win", "--text", "x"}, 1, "Nobody"},
		{[]string{"log", "update", "--author", "Ana", "--kind", "win"}, 2, "--text"},
		{[]string{"log", "update", "--author", "Ana", "--kind", "win", "--text", "x", "--at", "yesterday"}, 2, "yesterday"},
		{[]string{"log", "update", "--author", "Ana", "--kind", "win", "--text", "x", "--tags", "two words"}, 2, "two words"},
		{[]string{"log", "one-on-one", "--member", "Ana", "--notes", "x", "--action", "do @2026-02-30"}, 2, "2026-02-30"},
		{[]string{"log", "one-on-one", "--member", "Ana", "--notes", "x", "--every", "3w"}, 2, "3w"},
		{[]string{"log", "one-on-one", "--member", "Zed", "--notes", "x"}, 1, "Zed"},
		{[]string{"log", "search"}, 2, "search for"},
		{[]string{"log", "export", "--format", "pdf", "-o", "x"}, 2, "pdf"},
		{[]string{"log", "done", "abc"}, 2, "abc"},
		{[]string{"log", "done", "999"}, 1, "999"},
		{[]string{"log", "cadence", "--member", "Ana", "--every", "1w", "--time", "25:00"}, 2, "25:00"},
	} {
		_, stderr, code := runLog(t, db, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("remotecto %s: exit %d, %q; want exit %d naming %q", strings.Join(c.args, " "), code, stderr, c.code, c.msg)
		}
	}
	out := mustRun(t, db, "log", "list", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("after refused commands the log holds %s; want nothing", out)
	}
	for _, q := range []string{`"`, "AND", "-", "NEAR(", "*", "a OR"} {
		if _, stderr, code := runLog(t, db, "log", "search", q); code != 0 {
			t.Errorf("search %q: exit %d %s; want no error", q, code, stderr)
		}
	}
}

func TestOneOnOneCalendar(t *testing.T) {
	db := teamDB(t)
	mustRun(t, db, "log", "cadence", "--member", "Jack", "--every", "2w", "--time", "09:00", "--minutes", "45")
	mustRun(t, db, "log", "one-on-one", "--member", "Jack", "--at", "2026-03-03T22:30:00Z", "--notes", "n")
	ics := filepath.Join(t.TempDir(), "one.ics")
	mustRun(t, db, "export", "ics", "--one-on-ones", "-o", ics, "--from", "2026-03-01", "--to", "2027-03-01")
	f, err := os.Open(ics)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.NewDecoder(f).Decode()
	if err != nil {
		t.Fatalf("decode the export: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events; want Jack's series only", len(events))
	}
	ev := events[0]
	uid, _ := ev.Props.Text(ical.PropUID)
	start, err := ev.DateTimeStart(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Last 1:1 on 4 March in Adelaide, every two weeks: next on 18 March at
	// 09:00 Adelaide (+10:30) = 17 March 22:30 UTC.
	if want := time.Date(2026, 3, 17, 22, 30, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("DTSTART = %s; want %s", start.UTC(), want)
	}
	if rr := ev.Props.Get(ical.PropRecurrenceRule); rr == nil || !strings.HasPrefix(rr.Value, "FREQ=WEEKLY;INTERVAL=2") {
		t.Errorf("RRULE = %v; want FREQ=WEEKLY;INTERVAL=2", rr)
	}
	if !strings.HasPrefix(uid, "one-on-one-") {
		t.Errorf("UID %q; want one-on-one-<member>", uid)
	}
}
