package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dev.remotecto/remotecto/store"
)

// fixedNow is the clock of the UI tests: Monday 23 November 2026, 12:00 UTC.
var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// newTestSession opens a real database in a temporary directory and a test
// window, the way the app starts.
func newTestSession(t *testing.T) *session {
	t.Helper()
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := test.NewTempWindow(t, nil)
	return &session{db: db, win: w, now: func() time.Time { return fixedNow }, viewer: time.UTC}
}
