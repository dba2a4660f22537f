package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFullDiskAndReadOnlyFileSystem runs the commands on a small file
// system that fills up, and then on one that is mounted read-only: every
// command that cannot write says why in a message naming the file, exits
// with 1, changes nothing and leaves no file behind. It needs to mount a
// file system, so it runs as root only, in a mount namespace of its own
// (the test binary starts itself there).
func TestFullDiskAndReadOnlyFileSystem(t *testing.T) {
	dir := os.Getenv("REMOTECTO_TEST_SMALL_FS")
	if dir == "" {
		if os.Geteuid() != 0 {
			t.Skip("mounting a small file system needs root")
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskAndReadOnlyFileSystem$", "-test.v")
		cmd.Env = append(os.Environ(), "REMOTECTO_TEST_SMALL_FS="+t.TempDir())
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), "SKIP") {
			t.Skip(string(out))
		}
		if err != nil {
			t.Errorf("%v:\n%s", err, out)
		}
		return
	}
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		t.Skipf("SKIP: cannot make mounts private: %v", err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("SKIP: cannot mount a small file system: %v", err)
	}
	// One database on the small file system, one elsewhere that exports to
	// it.
	db := filepath.Join(dir, "r.db")
	elsewhere := filepath.Join(t.TempDir(), "r.db")
	for _, path := range []string{db, elsewhere} {
		if code, _, errOut := run(t, "--db", path, "team", "import", sampleTeamPath); code != 0 {
			t.Fatalf("import: %s", errOut)
		}
	}
	before := fileNames(t, dir)
	// Fill the disk.
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	filler.Close()
	tests := []struct {
		db   string
		args []string
		want string
	}{
		{db, []string{"log", "update", "--author", "Ana", "--kind", "win", "--text", strings.Repeat("no room ", 2000)}, "the disk is full"},
		{db, []string{"oncall", "now"}, "the disk is full"},
		{elsewhere, []string{"team", "export", filepath.Join(dir, "team.json")}, "write " + filepath.Join(dir, "team.json") + ": no space left on device"},
		{elsewhere, []string{"backup", filepath.Join(dir, "b.db")}, "the disk is full"},
		{elsewhere, []string{"export", "ics", "--all", "-o", filepath.Join(dir, "all.ics")}, "no space left on device"},
		{elsewhere, []string{"log", "export", "-o", filepath.Join(dir, "log.md")}, "no space left on device"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, append([]string{"--db", tt.db}, tt.args...)...)
		if code != 1 || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("disk full: %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.args[:2], code, out, errOut, tt.want)
		}
	}
	os.Remove(filepath.Join(dir, "filler"))
	// SQLite's -wal and -shm files, which it could not grow, may stay;
	// nothing else may.
	var got []string
	for _, n := range fileNames(t, dir) {
		if n != "r.db-wal" && n != "r.db-shm" {
			got = append(got, n)
		}
	}
	if strings.Join(got, " ") != strings.Join(before, " ") {
		t.Errorf("files after the failed writes: %v; want %v", got, before)
	}
	if _, out, _ := run(t, "--db", db, "log", "list", "--json"); out != "[]\n" {
		t.Errorf("a failed write left data: %s", out)
	}

	if err := syscall.Mount("tmpfs", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	tests = []struct {
		db   string
		args []string
		want string
	}{
		{db, []string{"log", "update", "--author", "Ana", "--kind", "win", "--text", "x"}, "open database " + db + ": read-only file system"},
		{elsewhere, []string{"team", "export", filepath.Join(dir, "team.json")}, "read-only file system"},
		{elsewhere, []string{"backup", filepath.Join(dir, "b.db")}, "read-only file system"},
		{elsewhere, []string{"restore", db}, "" /* from a read-only place is fine */},
		{db, []string{"restore", filepath.Join(filepath.Dir(elsewhere), "r.db.bak")}, "no such file"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, append([]string{"--db", tt.db}, tt.args...)...)
		if tt.want == "" {
			if code != 0 {
				t.Errorf("read-only: %v: exit %d, %q", tt.args[:2], code, errOut)
			}
			continue
		}
		if code != 1 || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("read-only: %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.args[:2], code, out, errOut, tt.want)
		}
	}
}

// fileNames lists the names in dir, sorted.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}
