//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestExportModes: the team file and the log hold contact details and
// private notes and are written 0600 whatever the umask; a calendar feed is
// meant to be shared and follows the umask like any new file.
func TestExportModes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errOut := run(t, "--db", db, "team", "import", sampleTeamPath); code != 0 {
		t.Fatal(errOut)
	}
	run(t, "--db", db, "log", "one-on-one", "--member", "Ana", "--at", "2026-03-03", "--notes", "private")
	tests := []struct {
		name string
		args func(out string) []string
		mask int
		want os.FileMode
	}{
		{"team.json", func(o string) []string { return []string{"team", "export", o} }, 0o022, 0o600},
		{"team.json", func(o string) []string { return []string{"team", "export", o} }, 0o000, 0o600},
		{"log.md", func(o string) []string { return []string{"log", "export", "-o", o} }, 0o022, 0o600},
		{"log.md", func(o string) []string { return []string{"log", "export", "-o", o} }, 0o000, 0o600},
		{"feed.ics", func(o string) []string { return []string{"export", "ics", "--all", "-o", o} }, 0o022, 0o644},
		{"feed.ics", func(o string) []string { return []string{"export", "ics", "--all", "-o", o} }, 0o077, 0o600},
		{"feed.ics", func(o string) []string { return []string{"export", "ics", "--all", "-o", o} }, 0o002, 0o664},
		{"sheet.html", func(o string) []string { return []string{"export", "sheet", "-o", o} }, 0o000, 0o600},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), tt.name)
		// An existing file's mode is not what decides.
		if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		old := syscall.Umask(tt.mask)
		code, _, errOut := run(t, append([]string{"--db", db}, tt.args(out)...)...)
		syscall.Umask(old)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, errOut)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tt.want {
			t.Errorf("%s with umask %03o: mode %o; want %o", tt.name, tt.mask, got, tt.want)
		}
	}
}

// TestExportRefusesSymlink: an export never writes where a symbolic link
// points.
func TestExportRefusesSymlink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o644)
	link := filepath.Join(dir, "team.json")
	os.Symlink(victim, link)
	code, _, errOut := run(t, "--db", db, "team", "export", link)
	if code != 1 {
		t.Errorf("exit %d, stderr %q; want 1", code, errOut)
	}
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Errorf("the export wrote through the link")
	}
}

// TestReadOnlyDatabaseFile: a database file the user may not write gives a
// message saying so, naming the file.
func TestReadOnlyDatabaseFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file; see TestFullDiskAndReadOnlyFileSystem")
	}
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "x")
	if want := "open database " + db + ": permission denied"; code != 1 || out != "" || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errOut, want)
	}
}
