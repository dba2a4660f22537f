// Package privatefile writes files that only their owner may read, such as
// the emergency sheet with everyone's phone numbers.
package privatefile

import (
	"io"

	"dev.remotecto/remotecto/internal/atomicfile"
)

// Write writes the file at path with mode 0600 (also when it replaces an
// existing file of another mode), atomically: it is
// atomicfile.WriteFileAtomic with atomicfile.Private, the one way exports
// are written (a temporary file created 0600 beside path, synced and
// renamed into place; a symbolic link at path is refused).
func Write(path string, write func(w io.Writer) error) error {
	return atomicfile.WriteFileAtomic(path, atomicfile.Private, write)
}
