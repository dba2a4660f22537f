package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dev.remotecto/remotecto/internal/atomicfile"
)

// Backup writes a consistent copy of the database to path, a new file: a
// path that exists, or is a symbolic link even to nothing, is refused
// (atomicfile.ErrExists, atomicfile.ErrSymlink). The copy is made with
// VACUUM INTO in a temporary file created beside path with mode 0600 before
// anything is written to it, synced to disk and only then given its name,
// so that a backup that fails or is killed leaves nothing under that name
// and the data is never readable by others, even while it is written.
func (db *DB) Backup(ctx context.Context, path string) error {
	if err := checkNewFile(path); err != nil {
		return err
	}
	f, err := atomicfile.CreateTemp(filepath.Dir(path), filepath.Base(path), 0o600)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	installed := false
	defer func() {
		if !installed {
			removeDatabaseFiles(tmp)
		}
	}()
	// VACUUM INTO writes into an existing file when it is empty, and keeps
	// its mode.
	db.mu.RLock()
	_, err = db.sql.ExecContext(ctx, "VACUUM INTO ?", tmp)
	db.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, classify(err))
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := atomicfile.Install(tmp, path); err != nil {
		return err
	}
	installed = true
	return nil
}

// checkNewFile refuses a path that exists or is a symbolic link.
func checkNewFile(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", path, atomicfile.ErrSymlink)
	case err == nil:
		return fmt.Errorf("%s: %w", path, atomicfile.ErrExists)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// syncFile flushes a file SQLite wrote (it does not sync the output of
// VACUUM INTO) to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeDatabaseFiles removes a database file of ours and the journal files
// SQLite may keep beside it.
func removeDatabaseFiles(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
