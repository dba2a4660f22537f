package cli

import (
	"io"
	"os"

	"dev.remotecto/remotecto/internal/atomicfile"
)

// writeExport writes an export file atomically (atomicfile.WriteFileAtomic):
// a failed write leaves no half file and the old one in place, and a path
// that is a symbolic link is refused. mode is atomicfile.Private for files
// with people's details or notes (the team file, the log), whatever the
// umask allows, and atomicfile.Public for feeds meant to be shared.
func writeExport(path string, mode os.FileMode, write func(w io.Writer) error) error {
	return atomicfile.WriteFileAtomic(path, mode, write)
}
