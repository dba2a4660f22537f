// Package atomicfile writes files so that whoever reads one sees either what
// was there before or the whole new content, never a part: the content goes
// to a temporary file created exclusively in the same directory, with its
// final permissions from the first byte, is synced to disk and only then
// takes the file's name. A write that fails leaves no temporary file behind.
// No function here writes through a symbolic link: a path that is one is
// refused. It depends on the standard library only.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrSymlink reports a target path that is a symbolic link.
	ErrSymlink = errors.New("is a symbolic link; give the path of the file itself")
	// ErrExists reports a target that must not exist but does.
	ErrExists = errors.New("file exists")
)

// Modes for WriteFileAtomic. The process's umask applies to both, as it does
// to every file a program creates, so it can only make them stricter.
const (
	// Private is for files that hold people's contact details or notes:
	// readable and writable by their owner only.
	Private os.FileMode = 0o600
	// Public is for files meant to be shared, such as calendar feeds.
	Public os.FileMode = 0o666
)

// WriteFileAtomic writes the file at path with write, atomically: write gets
// a buffered writer on a temporary file created exclusively beside path
// with mode (less the umask); when it returns nil the file is synced and
// renamed to path, replacing a regular file already there. When write or
// any step fails, path is left as it was. A path that is a symbolic link is
// refused (ErrSymlink) rather than followed or replaced.
func WriteFileAtomic(path string, mode os.FileMode, write func(io.Writer) error) error {
	if err := checkNotSymlink(path); err != nil {
		return err
	}
	f, err := CreateTemp(filepath.Dir(path), filepath.Base(path), mode)
	if err != nil {
		return err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// An error writing the temporary file names the file being written.
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == tmp {
			return fmt.Errorf("write %s: %w", path, pe.Err)
		}
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := Replace(tmp, path); err != nil {
		return err
	}
	done = true
	return nil
}

// CreateTemp creates a new, empty file in dir for a file to be named base,
// with mode (less the umask), and opens it for reading and writing. Its name
// starts with a dot and base, so that a file left behind by a killed
// process says what it was for. It never opens an existing file or follows
// a symbolic link (O_EXCL).
//
// Leftovers of base by a process killed earlier (regular files named as
// above and untouched for StaleAfter) are removed first.
func CreateTemp(dir, base string, mode os.FileMode) (*os.File, error) {
	removeStale(dir, base, time.Now())
	var b [6]byte
	for try := 0; ; try++ {
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode.Perm())
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create a temporary file beside %s: %w", filepath.Join(dir, base), err)
		}
		return f, nil
	}
}

// StaleAfter is how long a temporary file must have been left untouched
// before CreateTemp takes it for the leftover of a killed process: far
// longer than any write takes.
const StaleAfter = time.Hour

// removeStale removes the temporary files of base in dir that were left
// untouched for StaleAfter. Only regular files whose name is exactly a
// temporary name of base are touched; errors are ignored (a leftover that
// stays costs only its space).
func removeStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + ".tmp-"
	for _, e := range entries {
		suffix, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || len(suffix) != 12 || strings.Trim(suffix, "0123456789abcdef") != "" || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil || now.Sub(fi.ModTime()) < StaleAfter {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

// Replace renames the finished file tmp to path, replacing a regular file
// already there, and syncs the directory so the new name survives a crash.
// A path that is a symbolic link is refused (ErrSymlink).
func Replace(tmp, path string) error {
	if err := checkNotSymlink(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return SyncDir(filepath.Dir(path))
}

// Install gives the finished file tmp the name path, which must not exist:
// unlike Replace it never replaces anything, a symbolic link (even one
// pointing nowhere) included, and reports ErrExists instead. It hard-links
// tmp to path, which fails when the name is taken however it was taken
// meanwhile, then removes tmp; where the file system has no hard links it
// checks that path is free and renames.
func Install(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, ErrExists)
	default:
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return SyncDir(filepath.Dir(path))
}

// SyncDir flushes a directory's entries to disk, so that a file created or
// renamed in it is still there after a crash. Systems that cannot sync a
// directory (Windows) keep their entries by other means; there it does
// nothing.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// checkNotSymlink refuses a path that is a symbolic link.
func checkNotSymlink(path string) error {
	fi, err := os.Lstat(path)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s %w", path, ErrSymlink)
	}
	return nil
}
