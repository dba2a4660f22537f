package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomicReplacesAndFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "team.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomic(path, Private, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial ", 100_000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v; want the writer's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("after a failed write the file holds %q; want the old content", got)
	}
	if es := entries(t, dir); len(es) != 1 {
		t.Errorf("files after a failed write: %v; want only team.json", es)
	}
	if err := WriteFileAtomic(path, Private, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("got %q; want new", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %o; want 600 (the old file's 644 is not kept)", fi.Mode().Perm())
	}
}

func TestWriteFileAtomicRefusesSymlinks(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{victim, filepath.Join(dir, "nowhere")} {
		link := filepath.Join(dir, "link-"+filepath.Base(target))
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		err := WriteFileAtomic(link, Public, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
		if !errors.Is(err, ErrSymlink) {
			t.Errorf("write to a link to %s: got %v; want ErrSymlink", target, err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link %s was replaced", link)
		}
	}
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Errorf("the file a link points to was written: %q", got)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a dangling link's target was created")
	}
}

func TestInstallNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing")
	os.WriteFile(existing, []byte("keep"), 0o600)
	dangling := filepath.Join(dir, "dangling")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	for _, path := range []string{existing, dangling} {
		f, err := CreateTemp(dir, "x", Private)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := Install(f.Name(), path); !errors.Is(err, ErrExists) {
			t.Errorf("Install over %s: got %v; want ErrExists", path, err)
		}
		os.Remove(f.Name())
	}
	if got, _ := os.ReadFile(existing); string(got) != "keep" {
		t.Errorf("an existing file was replaced")
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Install followed a dangling link")
	}
	f, _ := CreateTemp(dir, "new", Private)
	f.WriteString("fresh")
	f.Close()
	path := filepath.Join(dir, "new")
	if err := Install(f.Name(), path); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "fresh" {
		t.Errorf("got %q", got)
	}
	if _, err := os.Stat(f.Name()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary name is left behind")
	}
}

// A temporary file left by a killed process is removed by the next write
// of the same file once it is StaleAfter old; a recent one (a write in
// progress elsewhere) and other files are left alone.
func TestStaleTemporaryFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".team.json.tmp-0123456789ab")
	recent := filepath.Join(dir, ".team.json.tmp-ba9876543210")
	other := filepath.Join(dir, ".other.json.tmp-0123456789ab")
	odd := filepath.Join(dir, ".team.json.tmp-notours")
	for _, p := range []string{old, recent, other, odd} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * StaleAfter)
	for _, p := range []string{old, other, odd} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFileAtomic(filepath.Join(dir, "team.json"), 0o600, func(w io.Writer) error {
		_, err := io.WriteString(w, "{}")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the stale leftover is still there (%v)", err)
	}
	for _, p := range []string{recent, other, odd} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
