package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/store"
)

func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	now := func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	code := Run(args, Env{Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(stdin), Now: now})
	return code, out.String(), errOut.String()
}

// TestTextFromStandardInput: --notes - and --text - read the text from
// standard input, so that notes longer than an argument may be (1 MB)
// can be entered; past 1 MiB the command says so and stores nothing.
func TestTextFromStandardInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	line := "A line of notes about growth, hiring and the roadmap.\n"
	notes := strings.Repeat(line, 1_000_000/len(line))
	code, out, errOut := runWithStdin(t, notes, "--db", db, "log", "one-on-one", "--member", "Ana", "--at", "2026-03-03", "--notes", "-")
	if code != 0 {
		t.Fatalf("1 MB of notes: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "recorded 1:1") {
		t.Errorf("stdout %q", out)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ones, err := st.OneOnOnes(context.Background(), "Ana")
	st.Close()
	if err != nil || len(ones) != 1 || ones[0].Notes != strings.TrimSuffix(notes, "\n") {
		t.Errorf("stored notes: %d 1:1s, %v; want the %d bytes read", len(ones), err, len(notes))
	}

	code, _, errOut = runWithStdin(t, "Ship it\r\nThen rest\r\n", "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "-")
	if code != 0 {
		t.Fatalf("--text -: exit %d: %s", code, errOut)
	}
	_, out, _ = run(t, "--db", db, "log", "list", "--json")
	var list []updateEntry
	json.Unmarshal([]byte(out), &list)
	if len(list) != 1 || list[0].Text != "Ship it\nThen rest" {
		t.Errorf("stored %+v; want the text with LF line ends and no final one", list)
	}

	code, out, errOut = runWithStdin(t, strings.Repeat("x", maxStdinText+1), "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "-")
	if code != 2 || out != "" || !strings.Contains(errOut, "--text -: standard input holds more than 1 MiB") {
		t.Errorf("past 1 MiB: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runWithStdin(t, "caf\xe9", "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "-")
	if code != 2 || !strings.Contains(errOut, "not valid UTF-8") {
		t.Errorf("stdin not UTF-8: exit %d, %q", code, errOut)
	}
	if _, out, _ = run(t, "--db", db, "log", "list", "--json"); strings.Count(out, `"id"`) != 1 {
		t.Errorf("a refused text was stored: %s", out)
	}
	// Exactly 1 MiB is accepted.
	if code, _, errOut := runWithStdin(t, strings.Repeat("y", maxStdinText), "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "-"); code != 0 {
		t.Errorf("exactly 1 MiB: exit %d, %q", code, errOut)
	}
}

// TestAlertTextFromStandardInput: an alert's text read from standard input
// past its 64 KiB limit is refused with a message, not cut.
func TestAlertTextFromStandardInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	code, out, errOut := runWithStdin(t, strings.Repeat("down ", 20_000), "--db", db, "alert", "--to", "chain", "--text", "-", "--dry-run")
	if code != 2 || out != "" || !strings.Contains(errOut, "the limit is 65536") {
		t.Errorf("exit %d, stdout %q, stderr %q; want a usage error about the limit", code, out, errOut)
	}
	if code, out, errOut := runWithStdin(t, "The API is down\n", "--db", db, "alert", "--to", "chain", "--text", "-", "--dry-run"); code != 0 || !strings.Contains(out, "The API is down") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
