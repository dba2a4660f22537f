package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// terminalUnsafe returns the first character of s that acts on a terminal
// (a control character other than a newline, a bidirectional control, a
// byte that is not UTF-8), or "" when there is none.
func terminalUnsafe(s string) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return s[i : i+1]
		case r == '\n':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f), r == 0x202e, r == 0x2066, r == 0x200f:
			return string(r)
		}
	}
	return ""
}

// TestNoControlCharactersReachTheTerminal stores hostile text the way a
// database written by another program could hold it, in every kind of
// field the commands print, and checks that no table or message prints a
// character that acts on the terminal.
func TestNoControlCharactersReachTheTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	for _, args := range [][]string{
		{"team", "import", sampleTeamPath},
		{"log", "update", "--author", "Ana", "--kind", "decision", "--text", "Use Postgres", "--tags", "db", "--at", "2026-03-02T10:00:00Z"},
		{"log", "one-on-one", "--member", "Ana", "--at", "2026-03-03T09:00:00Z", "--notes", "Talked about growth", "--action", "Write RFC @2026-03-10", "--every", "2w"},
	} {
		if code, _, errOut := run(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	const esc = "\x1b[2J\x1b]0;owned\x07\r\u202e\xff"
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE members SET name = 'Ana' || ?, phone = ?, email = ?, chat = ? WHERE name = 'Ana'`,
		`UPDATE members SET name = 'Jack' || ? WHERE name = 'Jack'`,
		`UPDATE escalation_policy SET protocol = 'Page' || ?`,
		`UPDATE updates SET text = 'Use Postgres' || ?`,
		`UPDATE update_tags SET tag = 'db' || ?`,
		`UPDATE one_on_ones SET notes = 'growth' || ?`,
		`UPDATE action_items SET text = 'Write RFC' || ?, owner = 'Ana' || ?`,
	} {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = esc
		}
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// Time off as another program could have stored it.
	if _, err := raw.Exec(`INSERT INTO time_off(member_id, start_utc, end_utc, summary, source)
		SELECT id, '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', 'Trip' || ?, 'x' || ? FROM members WHERE name = 'Greta'`, esc, esc); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	ics := writeFile(t, "hostile.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n"+
		"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Trip"+esc+"\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260311T090000Z\r\nDTEND:20260311T100000Z\r\nSUMMARY:Busy"+esc+"\r\nEND:VEVENT\r\n"+
		"END:VCALENDAR\r\n")
	for _, args := range [][]string{
		{"overlap", "--date", "2026-03-09", "--tz", "Europe/Berlin"},
		{"overlap", "--date", "2026-03-08", "--members", "Jack,Mere"},
		{"oncall", "now", "--at", "2026-03-29T01:30:00Z"},
		{"oncall", "now", "--at", "2026-03-04T01:30:00Z"},
		{"oncall", "shifts", "--rotation", "APAC", "--from", "2026-03-01", "--to", "2026-03-10"},
		{"oncall", "shifts", "--rotation", "Nope", "--from", "2026-03-01", "--to", "2026-03-10"},
		{"log", "list"},
		{"log", "search", "growth"},
		{"log", "search", "Postgres"},
		{"log", "actions"},
		{"log", "overdue", "--all"},
		{"log", "export", "-o", "-"},
		{"import", "ics", ics, "--member", "Greta"},
		{"timeoff", "list", "--member", "Greta", "--from", "2026-03-01"},
		{"log", "update", "--author", "Jack\u202e", "--kind", "win", "--text", "x"},
		{"log", "update", "--author", "Nobody\x1b[2J", "--kind", "win", "--text", "x"},
		{"oncall", "shifts", "--rotation", "Nope\x1b[2J"},
	} {
		_, out, errOut := run(t, append([]string{"--db", db}, args...)...)
		if args[0] == "log" && args[1] == "export" {
			continue // a file, not the terminal: see the Markdown export's own escaping
		}
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if bad := terminalUnsafe(s); bad != "" {
				t.Errorf("%q: %s prints %q:\n%s", args, name, bad, s)
			}
		}
	}
}
