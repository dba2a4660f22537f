package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dev.remotecto/remotecto/store"
)

func TestBackupRefusesExistingAndSymlink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.db")
	os.WriteFile(existing, []byte("keep"), 0o600)
	dangling := filepath.Join(dir, "link.db")
	os.Symlink(filepath.Join(dir, "elsewhere.db"), dangling)
	for _, target := range []string{existing, dangling} {
		code, _, errOut := run(t, "--db", db, "backup", target)
		if code != 1 || !strings.Contains(errOut, target) {
			t.Errorf("backup to %s: exit %d, %q; want 1 naming the file", filepath.Base(target), code, errOut)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere.db")); err == nil {
		t.Error("backup wrote through a dangling symbolic link")
	}
}

// TestRestoreCommand restores a backup: the database reads the backup's
// data, the one it replaced is kept beside it.
func TestRestoreCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	backup := filepath.Join(t.TempDir(), "b.db")
	if code, _, errOut := run(t, "--db", db, "backup", backup); code != 0 {
		t.Fatal(errOut)
	}
	run(t, "--db", db, "log", "update", "--author", "Ana", "--kind", "win", "--text", "after the backup")
	code, out, errOut := run(t, "--db", db, "restore", backup)
	if code != 0 {
		t.Fatalf("restore: exit %d: %s", code, errOut)
	}
	kept := db + ".2026-11-23T120000Z.bak"
	if !strings.Contains(out, "restored "+db+" from "+backup) || !strings.Contains(out, kept) {
		t.Errorf("restore says %q; want it to name the files", out)
	}
	if _, out, _ := run(t, "--db", db, "log", "list", "--json"); strings.Contains(out, "after the backup") {
		t.Error("the restored database holds an update written after the backup")
	}
	if _, out, _ := run(t, "--db", kept, "log", "list", "--json"); !strings.Contains(out, "after the backup") {
		t.Error("the kept database lost the update written after the backup")
	}
	// No database yet: restore creates it.
	fresh := filepath.Join(t.TempDir(), "new", "r.db")
	if code, out, errOut := run(t, "--db", fresh, "restore", backup); code != 0 || strings.Contains(out, "kept") {
		t.Errorf("restore to a new path: exit %d, %q, %q", code, out, errOut)
	}
	if code, out, _ := run(t, "--db", fresh, "team", "export", "-"); code != 0 || !strings.Contains(out, "Sagar") {
		t.Errorf("the new database does not hold the team")
	}
}

func TestRestoreRefusesWhileOpen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	backup := filepath.Join(t.TempDir(), "b.db")
	run(t, "--db", db, "backup", backup)
	open, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	if _, err := open.Members(t.Context()); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "--db", db, "restore", backup)
	if code != 1 || !strings.Contains(errOut, "open in another program") {
		t.Errorf("restore while open: exit %d, %q; want 1 saying the database is open", code, errOut)
	}
}
