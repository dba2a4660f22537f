package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/atomicfile"
)

// keptLayout names the copy of the replaced database that Restore keeps:
// remotecto.db.2026-12-01T021500Z.bak.
const keptLayout = "2006-01-02T150405Z"

// Restore replaces the database at live with the remotecto database in the
// file from (a file written by Backup, or any remotecto database that is not
// open), and returns the path where the database it replaced is kept.
//
// It never touches from: it copies it beside live, checks the copy (SQLite's
// integrity check; a remotecto schema, not newer than this program's, which
// it brings up to date) and only then swaps it in. The current database is
// first checkpointed and taken out of WAL mode, which SQLite refuses while
// any other connection has the file open: then Restore fails with
// ErrDatabaseOpen and changes nothing (close the GUI, or restore through its
// menu). It holds an exclusive lock on the file meanwhile, keeps it as
// live.<now in UTC>.bak (mode 0600) and removes the -wal and -shm files
// that belonged to it, so that they can never be replayed into the restored
// file. When live does not exist, the restored file becomes it and kept is
// empty.
func Restore(live, from string, now time.Time) (kept string, err error) {
	if live == "" {
		return "", errors.New("restore: database path is empty")
	}
	if err := checkRestoreSource(live, from); err != nil {
		return "", fmt.Errorf("restore from %s: %w", from, err)
	}
	dir := filepath.Dir(live)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("restore: create the database directory: %w", err)
	}
	tmp, err := copyToTemp(from, dir, filepath.Base(live))
	if err != nil {
		return "", fmt.Errorf("restore from %s: %w", from, err)
	}
	installed := false
	defer func() {
		if !installed {
			removeDatabaseFiles(tmp)
		}
	}()
	if err := prepareRestored(tmp); err != nil {
		return "", fmt.Errorf("restore from %s: %w", from, err)
	}
	fi, err := os.Lstat(live)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if hasWAL(live) {
			return "", fmt.Errorf("restore: %s-wal is there without %s: move it away first", live, live)
		}
		os.Remove(live + "-shm")
		if err := atomicfile.Install(tmp, live); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
		installed = true
		return "", nil
	case err != nil:
		return "", fmt.Errorf("restore: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return "", fmt.Errorf("restore: %s %w", live, atomicfile.ErrSymlink)
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("restore: %s is not a regular file", live)
	}
	kept, err = swapIn(live, tmp, now)
	if err != nil {
		return "", fmt.Errorf("restore %s: %w", live, err)
	}
	installed = true
	return kept, nil
}

// Restore replaces the database with the one in the file from while db is
// open, as the package's Restore does, and returns where the database it
// replaced is kept. It waits for the transactions under way, closes db's
// connections, restores and opens the restored file in their place, so
// that everything holding db reads the restored data from then on. When
// the restore fails, db goes on with the database it had.
func (db *DB) Restore(ctx context.Context, from string) (kept string, err error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	db.closePools()
	kept, err = Restore(db.path, from, db.Now())
	if oerr := db.openPools(); oerr != nil {
		return kept, errors.Join(err, oerr)
	}
	return kept, err
}

// checkRestoreSource refuses a source that is missing, the live database
// itself, or a database that another program has open with changes not yet
// in the file.
func checkRestoreSource(live, from string) error {
	fi, err := os.Stat(from)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if fi.Size() == 0 {
		return fmt.Errorf("the file is empty: %w", ErrNotDatabase)
	}
	if li, err := os.Stat(live); err == nil && os.SameFile(fi, li) {
		return errors.New("that is the database itself")
	}
	if hasWAL(from) {
		return fmt.Errorf("%s-wal lies beside it: the file is open in another program or was not closed; "+
			"restore from a file written by remotecto backup", from)
	}
	return nil
}

// copyToTemp copies from into a new temporary file (mode 0600) in dir,
// synced to disk, and returns its path.
func copyToTemp(from, dir, base string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := atomicfile.CreateTemp(dir, base, 0o600)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

// prepareRestored checks the copy at path and brings its schema up to
// date; it leaves it a single file in rollback-journal mode, with no -wal
// beside it, ready to take the database's name.
func prepareRestored(path string) error {
	ctx := context.Background()
	conn, err := openSingle(path, "")
	if err != nil {
		return err
	}
	if err := checkRemotectoFile(ctx, conn); err != nil {
		conn.Close()
		return err
	}
	if err := conn.Close(); err != nil {
		return err
	}
	db, err := Open(path)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	if conn, err = openSingle(path, ""); err != nil {
		return err
	}
	defer conn.Close()
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
		return classify(err)
	}
	if !strings.EqualFold(mode, "delete") {
		return fmt.Errorf("the copy stays in journal mode %s", mode)
	}
	return nil
}

// checkRemotectoFile runs SQLite's integrity check and checks that the file
// holds a remotecto schema this program can read.
func checkRemotectoFile(ctx context.Context, conn *sql.DB) error {
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check(5)")
	if err != nil {
		return classify(err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return classify(err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return classify(err)
	}
	rows.Close()
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(problems, "; "))
	}
	var version, tables int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	if err := conn.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'members'").Scan(&tables); err != nil {
		return classify(err)
	}
	switch latest := SchemaVersion(); {
	case version == 0 || tables == 0:
		return ErrNotDatabase
	case version > latest:
		return fmt.Errorf("schema version %d, this program knows up to %d: %w", version, latest, ErrNewerSchema)
	}
	return nil
}

// openSingle opens one connection to the database file at path, with extra
// DSN parameters.
func openSingle(path, params string) (*sql.DB, error) {
	conn, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(2000)"+params)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	return conn, nil
}

// swapIn replaces the database at live with the prepared file tmp and
// returns where the old one is kept.
func swapIn(live, tmp string, now time.Time) (string, error) {
	ctx := context.Background()
	// A handle on the old file, opened before SQLite's: closing a handle on
	// a file drops every lock the process holds on it, so this one closes
	// only once the swap is done. A copy of the old file, when it cannot be
	// hard-linked, is read through it.
	old, err := os.Open(live)
	if err != nil {
		return "", err
	}
	defer old.Close()
	conn, err := openSingle(live, "")
	if err != nil {
		return "", err
	}
	defer conn.Close()
	lock, err := conn.Conn(ctx)
	if err != nil {
		return "", classify(err)
	}
	defer lock.Close()
	// Everything in the WAL goes into the file, and the file leaves WAL
	// mode: SQLite refuses that while another connection has it open.
	broken := false
	if _, err := lock.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		if err := inUse(err); err != nil {
			return "", err
		}
		broken = true
	}
	if !broken {
		var mode string
		if err := lock.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
			if err := inUse(err); err != nil {
				return "", err
			}
			broken = true
		} else if !strings.EqualFold(mode, "delete") {
			return "", fmt.Errorf("%w; %s", ErrDatabaseOpen, closeHint)
		}
	}
	if !broken {
		if _, err := lock.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
			if err := inUse(err); err != nil {
				return "", err
			}
			broken = true
		} else {
			defer lock.ExecContext(ctx, "ROLLBACK")
		}
	}
	kept, err := keep(live, old, now)
	if err != nil {
		return "", err
	}
	// A file SQLite cannot read (the reason to restore, often) was neither
	// checkpointed nor locked: its WAL goes with it, so that nothing of it
	// is lost and nothing of it is replayed into the restored file.
	if broken && hasWAL(live) {
		if err := os.Rename(live+"-wal", kept+"-wal"); err != nil {
			return "", err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(live + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	if runtime.GOOS == "windows" {
		// Windows does not rename over a file that is open.
		lock.ExecContext(ctx, "ROLLBACK")
		lock.Close()
		conn.Close()
		old.Close()
	}
	if err := atomicfile.Replace(tmp, live); err != nil {
		return "", err
	}
	return kept, nil
}

// closeHint says what to do about ErrDatabaseOpen.
const closeHint = "close remotecto's window first, or restore from its File menu"

// inUse turns a lock error into ErrDatabaseOpen; it returns nil for the
// other errors, those of a file SQLite cannot read.
func inUse(err error) error {
	if errors.Is(classify(err), ErrLocked) {
		return fmt.Errorf("%w; %s (%v)", ErrDatabaseOpen, closeHint, err)
	}
	return nil
}

// keep keeps the database file at live (open as old) under a new name
// beside it, mode 0600, and returns that name: a hard link where the file
// system has them (the file itself, nothing copied), a copy otherwise.
func keep(live string, old *os.File, now time.Time) (string, error) {
	base := live + "." + now.UTC().Format(keptLayout)
	for n := 1; ; n++ {
		kept := base + ".bak"
		if n > 1 {
			kept = fmt.Sprintf("%s-%d.bak", base, n)
		}
		err := os.Link(live, kept)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err == nil {
			return kept, os.Chmod(kept, 0o600)
		}
		if _, err := os.Lstat(kept); err == nil {
			continue
		}
		return kept, copyKept(old, kept)
	}
}

// copyKept copies the open file old to the new file kept.
func copyKept(old *os.File, kept string) error {
	f, err := atomicfile.CreateTemp(filepath.Dir(kept), filepath.Base(kept), 0o600)
	if err != nil {
		return err
	}
	if _, err = old.Seek(0, io.SeekStart); err == nil {
		_, err = io.Copy(f, old)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = atomicfile.Install(f.Name(), kept)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
