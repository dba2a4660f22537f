package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"dev.remotecto/remotecto/internal/atomicfile"
)

func TestBackupRefusesExistingAndSymlinks(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	os.WriteFile(existing, []byte("keep"), 0o644)
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "nowhere.db"), dangling)
	for _, c := range []struct {
		path string
		want error
	}{{existing, atomicfile.ErrExists}, {dangling, atomicfile.ErrSymlink}} {
		if err := db.Backup(ctx, c.path); !errors.Is(err, c.want) {
			t.Errorf("Backup(%s): got %v; want %v", filepath.Base(c.path), err, c.want)
		}
	}
	if got, _ := os.ReadFile(existing); string(got) != "keep" {
		t.Errorf("an existing file was overwritten")
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the backup followed a dangling symbolic link")
	}
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("files left: %d; want the two there before", len(es))
	}
}

// TestFailedBackupLeavesNothing: a backup that fails leaves no file, so
// that trying again works and no partial copy of the data lies around.
func TestFailedBackupLeavesNothing(t *testing.T) {
	db := openTemp(t)
	if _, err := db.ImportTeam(context.Background(), sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "b.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := db.Backup(ctx, target); err == nil {
		t.Fatal("backup with a cancelled context succeeded")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("a failed backup left %v", es[0].Name())
	}
	if err := db.Backup(context.Background(), target); err != nil {
		t.Errorf("retry: %v", err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o; want 600", fi.Mode().Perm())
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("files beside the backup: %d; want none", len(es)-1)
	}
}
