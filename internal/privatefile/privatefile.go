// Package privatefile writes files that only their owner may read, such as
// the emergency sheet with everyone's phone numbers.
package privatefile

import (
	"io"
	"os"
	"path/filepath"
)

// Write writes the file at path with mode 0600 (also when it replaces an
// existing file of another mode), through a temporary file in the same
// directory that is renamed into place, so that a failed write leaves no
// half file and the content is never readable by others, not even briefly.
func Write(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
