package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs the command line with a fixed clock and returns exit status,
// standard output and standard error.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	now := func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	code := Run(args, Env{Stdout: &out, Stderr: &errOut, Now: now})
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const sampleTeamPath = "../assets/sample-team.json"

func TestTeamImportExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	code, out, errOut := run(t, "--db", db, "team", "import", sampleTeamPath)
	if code != 0 || !strings.Contains(out, "9 added") {
		t.Fatalf("import: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = run(t, "team", "import", sampleTeamPath, "--db", db)
	if code != 0 || !strings.Contains(out, "nothing changed") {
		t.Errorf("second import: exit %d, out %q; want nothing changed", code, out)
	}
	exported := filepath.Join(t.TempDir(), "team.json")
	if code, _, errOut := run(t, "--db="+db, "team", "export", exported); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	// The export imported into a fresh database exports the same file again.
	db2 := filepath.Join(t.TempDir(), "r2.db")
	if code, _, errOut := run(t, "--db", db2, "team", "import", exported); code != 0 {
		t.Fatalf("import of export: %s", errOut)
	}
	code, again, _ := run(t, "--db", db2, "team", "export", "-")
	first, _ := os.ReadFile(exported)
	if code != 0 || again != string(first) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first, again)
	}
}

func TestTeamImportBadRecordChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	sample, err := os.ReadFile(sampleTeamPath)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(sample), `"zone": "Europe/Lisbon", "email"`, `"zone": "Mars/Olympus", "email"`, 1)
	if bad == string(sample) {
		t.Fatal("sample team changed: the replacement found nothing")
	}
	code, out, errOut := run(t, "--db", db, "team", "import", writeFile(t, "bad.json", bad))
	if code != 1 {
		t.Errorf("exit: got %d; want 1", code)
	}
	if !strings.Contains(errOut, `member "Ana": zone "Mars/Olympus": unknown time zone`) {
		t.Errorf("stderr %q does not name the member, field and value", errOut)
	}
	if out != "" {
		t.Errorf("stdout %q; want nothing", out)
	}
	_, exported, _ := run(t, "--db", db, "team", "export", "-")
	if strings.Contains(exported, `"name"`) {
		t.Errorf("a failed import left members behind:\n%s", exported)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"team", "bogus"}, 2, `unknown command "team bogus"`},
		{[]string{"--db", db, "team", "import"}, 2, "give one team file"},
		{[]string{"--db", db, "team", "import", "a.json", "b.json"}, 2, "give one team file"},
		{[]string{"--db"}, 2, "--db needs a path"},
		{[]string{"--db", db, "team", "export", "--nope", "x"}, 2, "flag provided but not defined"},
		{[]string{"--db", db, "team", "import", "/no/such/file.json"}, 1, "no such file"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.wantCode, tt.wantErr)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"team"}, {"team", "import", "--help"}} {
		code, out, errOut := run(t, args...)
		if code != 0 || !strings.Contains(out, "usage: remotecto") || errOut != "" {
			t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
		}
	}
}

func TestCorruptDatabase(t *testing.T) {
	db := writeFile(t, "corrupt.db", strings.Repeat("this is not a database ", 400))
	code, _, errOut := run(t, "--db", db, "team", "export", "-")
	if code != 1 || !strings.Contains(errOut, "not a remotecto database") || !strings.Contains(errOut, db) {
		t.Errorf("exit %d, stderr %q; want exit 1 naming the file", code, errOut)
	}
}

func TestBackupCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	target := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := run(t, "--db", db, "backup", target); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	code, out, _ := run(t, "--db", target, "team", "export", "-")
	if code != 0 || !strings.Contains(out, `"Sagar"`) {
		t.Errorf("backup does not hold the team: exit %d", code)
	}
}

func TestParseT(t *testing.T) {
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"2026-03-10T09:00:00Z", time.UTC, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)},
		{"2026-03-10T09:00:00+05:45", time.UTC, time.Date(2026, 3, 10, 3, 15, 0, 0, time.UTC)},
		{"2026-03-10", time.UTC, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)},
		{"2026-03-10", kolkata, time.Date(2026, 3, 9, 18, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := parseT("--from", tt.in, tt.loc)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseT(%q, %s) = %v, %v; want %v", tt.in, tt.loc, got, err, tt.want)
		}
	}
	if _, err := parseT("--from", "10/03/2026", time.UTC); err == nil || !strings.Contains(err.Error(), `"10/03/2026"`) {
		t.Errorf("bad T: got %v; want an error naming the value", err)
	}
}
