//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestBackupIsPrivateWhileWritten: whatever the umask, the backup file is
// 0600 from its creation: a reader polling the directory while the copy is
// written never sees a file others may read.
func TestBackupIsPrivateWhileWritten(t *testing.T) {
	db := openTemp(t)
	if _, err := db.ImportTeam(context.Background(), sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	stop := make(chan struct{})
	seen := make(chan os.FileMode, 1)
	go func() {
		var worst os.FileMode
		for {
			select {
			case <-stop:
				seen <- worst
				return
			default:
			}
			es, _ := os.ReadDir(dir)
			for _, e := range es {
				if fi, err := e.Info(); err == nil {
					worst |= fi.Mode().Perm()
				}
			}
		}
	}()
	for i := 0; i < 20; i++ {
		if err := db.Backup(context.Background(), filepath.Join(dir, "b"+string(rune('a'+i))+".db")); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if worst := <-seen; worst&0o077 != 0 {
		t.Errorf("a file in the backup directory had mode bits %o; want none for group or others", worst)
	}
}
