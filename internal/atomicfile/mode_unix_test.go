//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs f with the process umask set to mask.
func withUmask(t *testing.T, mask int, f func()) {
	t.Helper()
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

func TestWriteFileAtomicModes(t *testing.T) {
	tests := []struct {
		mode os.FileMode
		mask int
		want os.FileMode
	}{
		{Private, 0o022, 0o600},
		{Private, 0o000, 0o600},
		{Private, 0o077, 0o600},
		{Public, 0o022, 0o644},
		{Public, 0o077, 0o600},
		{Public, 0o002, 0o664},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "out.txt")
		withUmask(t, tt.mask, func() {
			err := WriteFileAtomic(path, tt.mode, func(w io.Writer) error {
				// The file has its final mode while it is written.
				tmp := entries(t, filepath.Dir(path))
				if len(tmp) != 1 {
					t.Fatalf("files while writing: %v; want one temporary file", tmp)
				}
				fi, err := os.Stat(filepath.Join(filepath.Dir(path), tmp[0]))
				if err != nil {
					t.Fatal(err)
				}
				if got := fi.Mode().Perm(); got != tt.want {
					t.Errorf("mode %o, umask %03o: temporary file has mode %o; want %o", tt.mode, tt.mask, got, tt.want)
				}
				_, err = io.WriteString(w, "hello")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tt.want {
			t.Errorf("mode %o, umask %03o: got %o; want %o", tt.mode, tt.mask, got, tt.want)
		}
	}
}
