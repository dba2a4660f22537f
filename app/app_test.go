package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	s := &session{db: db, win: w, now: func() time.Time { return fixedNow }, viewer: time.UTC, done: make(chan struct{})}
	registerSession(s)
	t.Cleanup(s.close)
	return s
}

// searchButton returns the first visible button with the given text inside
// the objects, looking through containers, scrolls and widgets' renderers the
// way a user scans the screen; nil when there is none.
func searchButton(t *testing.T, text string, objs ...fyne.CanvasObject) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range objs {
		walk(o)
	}
	return found
}

// findButton returns the button with the given text inside o, failing the
// test when there is none.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b := searchButton(t, text, o)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// findWindowButton looks for a button in the window's dialogs first, then in
// its content; nil when there is none.
func findWindowButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	return searchButton(t, text, append(w.Canvas().Overlays().List(), w.Content())...)
}
