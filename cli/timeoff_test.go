package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTimeOffListAndClearUndoAnImport(t *testing.T) {
	db := teamDB(t)
	if _, errs, code := runCLI(t, "--db", db, "import", "ics", importFixture("google.ics"), "--member", "Ana"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	out, errs, code := runCLI(t, "--db", db, "timeoff", "list", "--member", "ana", "--json")
	if code != 0 {
		t.Fatalf("timeoff list: exit %d: %s", code, errs)
	}
	var spans []timeOffJSON
	if err := json.Unmarshal([]byte(out), &spans); err != nil {
		t.Fatalf("timeoff list --json: %v\n%s", err, out)
	}
	if len(spans) != 16 {
		t.Fatalf("listed %d spans; want the 16 imported", len(spans))
	}
	for _, s := range spans {
		if s.Source != "google.ics" || s.UID == "" || !strings.HasSuffix(s.Start, "Z") {
			t.Errorf("span %+v: want source google.ics, a UID and a UTC start", s)
		}
	}
	text, _, _ := runCLI(t, "--db", db, "timeoff", "list", "--member", "Ana")
	if !strings.Contains(text, "START (Europe/Lisbon)") || !strings.Contains(text, "google.ics") {
		t.Errorf("timeoff list:\n%s", text)
	}
	out, errs, code = runCLI(t, "--db", db, "timeoff", "clear", "--member", "Ana", "--source", "google.ics")
	if code != 0 || !strings.Contains(out, "removed 16 time off spans from google.ics") {
		t.Fatalf("timeoff clear: exit %d: %s%s", code, out, errs)
	}
	if n := timeOffCount(t, db, "Ana"); n != 0 {
		t.Errorf("after clear: %d spans; want 0", n)
	}
	if _, errs, code := runCLI(t, "--db", db, "timeoff", "clear", "--member", "Nobody", "--source", "x.ics"); code == 0 || !strings.Contains(errs, "Nobody") {
		t.Errorf("clear for an unknown member: exit %d, %q", code, errs)
	}
}

func TestTimeOffListEscapesWhatAFileCarries(t *testing.T) {
	db := teamDB(t)
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:esc-1\r\n" +
		"DTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nSUMMARY:\x1b]0;pwned\x07 title\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	path := writeTemp(t, "evil.ics", ics)
	if _, errs, code := runCLI(t, "--db", db, "import", "ics", path, "--member", "Dana"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	text, _, _ := runCLI(t, "--db", db, "timeoff", "list", "--member", "Dana")
	if !strings.Contains(text, "title") {
		t.Fatalf("the imported span is not listed:\n%s", text)
	}
	if strings.ContainsRune(text, 0x1b) || strings.ContainsRune(text, 0x07) {
		t.Errorf("timeoff list printed raw control characters: %q", text)
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
