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
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, tt := range []struct {
		in  string
		loc *time.Location
	}{{"0001-01-01", time.UTC}, {"1970-01-01", tokyo}, {"2200-01-01T00:00:01Z", time.UTC}, {"1969-12-31T23:59:59-00:00", time.UTC}} {
		if _, err := parseT("--at", tt.in, tt.loc); err == nil || !strings.Contains(err.Error(), "--at") || !strings.Contains(err.Error(), "outside the accepted range") {
			t.Errorf("parseT(%q, %s): got %v; want an error naming --at and the range", tt.in, tt.loc, err)
		}
	}
}

// TestMissingDatabase: a mistyped --db is refused instead of answered from
// a new, empty database; only the commands that fill a database create one.
func TestMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{
		{"oncall", "now"}, {"team", "export", "-"}, {"overlap"}, {"log", "list"}, {"backup", filepath.Join(dir, "b.db")},
	} {
		code, out, errOut := run(t, append([]string{"--db", missing}, args...)...)
		want := "no database at " + missing + "; create one with `remotecto --db " + missing + " team import FILE.json`"
		if code != 1 || out != "" || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errOut, want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a refused command created the database file")
	}
	// An empty file (left by a program killed before it wrote anything)
	// is no database either.
	empty := writeFile(t, "empty.db", "")
	if code, _, errOut := run(t, "--db", empty, "oncall", "now"); code != 1 || !strings.Contains(errOut, "the file is empty") {
		t.Errorf("empty file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "--db", missing, "team", "import", sampleTeamPath); code != 0 {
		t.Errorf("team import creates the database: exit %d, %q", code, errOut)
	}
	for _, args := range [][]string{{"--db", "", "oncall", "now"}, {"--db=", "oncall", "now"}, {"oncall", "now", "--db", ""}} {
		if code, _, errOut := run(t, args...); code != 2 || !strings.Contains(errOut, "--db needs a path") {
			t.Errorf("%q: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
}

// TestArgumentsMustBeUTF8: text arguments that are not UTF-8 are refused
// where arguments are parsed, naming the option; file paths need not be.
func TestArgumentsMustBeUTF8(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	bad := "Ana\xff\xfe"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"log", "update", "--author", "Ana", "--kind", "win", "--text", "ok \xc3"}, `--text "ok \xc3": text is not valid UTF-8`},
		{[]string{"log", "one-on-one", "--member", bad, "--notes", "x"}, `--member "Ana\xff\xfe": text is not valid UTF-8`},
		{[]string{"log", "one-on-one", "--member", "Ana", "--action", "ok", "--action", bad}, "--action"},
		{[]string{"log", "search", bad}, `argument 1 "Ana\xff\xfe"`},
		{[]string{"oncall", "shifts", "--rotation", bad}, "--rotation"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, append([]string{"--db", db}, tt.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
	if _, out, _ := run(t, "--db", db, "log", "list", "--json"); out != "[]\n" {
		t.Errorf("a refused argument was stored: %s", out)
	}
	// A file name that is not UTF-8 is a file name.
	odd := filepath.Join(t.TempDir(), "team\xff.json")
	if code, _, errOut := run(t, "--db", db, "team", "export", odd); code != 0 {
		t.Errorf("export to a non-UTF-8 file name: exit %d, %q", code, errOut)
	}
}
