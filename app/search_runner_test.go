package app

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// recorder collects what a searchRunner applies, safely across goroutines.
type recorder struct {
	mu       sync.Mutex
	searched []string
	applied  []string
	busy     []bool
}

func newTestRunner(t *testing.T, r *recorder, slow time.Duration) *searchRunner[string] {
	test.NewTempApp(t)
	return &searchRunner[string]{
		search: func(ctx context.Context, q string) (string, error) {
			r.mu.Lock()
			r.searched = append(r.searched, q)
			r.mu.Unlock()
			select {
			case <-time.After(slow):
			case <-ctx.Done():
				return "", ctx.Err()
			}
			return "result " + q, nil
		},
		apply: func(q, res string, err error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			if err == nil {
				r.applied = append(r.applied, res)
			}
		},
		busy: func(b bool) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.busy = append(r.busy, b)
		},
	}
}

// Keys typed faster than the debounce make one search, of the whole word.
func TestSearchRunnerDebouncesTyping(t *testing.T) {
	var rec recorder
	r := newTestRunner(t, &rec, 0)
	for _, q := range []string{"l", "la", "lat", "late"} {
		r.request(q)
		time.Sleep(searchDebounce / 10)
	}
	r.wait()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.searched) != 1 || rec.searched[0] != "late" || len(rec.applied) != 1 || rec.applied[0] != "result late" {
		t.Errorf("searched %q, applied %q; want one search of \"late\"", rec.searched, rec.applied)
	}
}

// A search overtaken by a newer request is cancelled and its outcome
// dropped; a slow one shows progress, and hides it when done.
func TestSearchRunnerDropsStaleResults(t *testing.T) {
	var rec recorder
	r := newTestRunner(t, &rec, 3*showBusyAfter)
	r.request("first")
	time.Sleep(searchDebounce + showBusyAfter/2) // "first" is running
	r.request("second")
	r.wait()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.applied) != 1 || rec.applied[0] != "result second" {
		t.Errorf("applied %q; want only the second search's result", rec.applied)
	}
	if n := len(rec.busy); n == 0 || rec.busy[n-1] {
		t.Errorf("busy calls %v; want progress shown for the slow search, then hidden", rec.busy)
	}
}

// stop (the Cancel button) drops what is pending or running.
func TestSearchRunnerStop(t *testing.T) {
	var rec recorder
	r := newTestRunner(t, &rec, 3*showBusyAfter)
	r.request("pending")
	r.stop()
	r.request("running")
	time.Sleep(searchDebounce + showBusyAfter/2)
	r.stop()
	r.wait()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.applied) != 0 {
		t.Errorf("applied %q after stop; want nothing", rec.applied)
	}
}

// The search box takes typing and pastes up to its bound only.
func TestSearchBoxIsBounded(t *testing.T) {
	a := test.NewTempApp(t)
	e := newBoundedEntry(16)
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	test.Type(e, "latency latency latency")
	if e.Text != "latency latency " {
		t.Errorf("typed text = %q; want the first 16 bytes", e.Text)
	}
	e.SetText("é")
	a.Clipboard().SetContent(strings.Repeat("ü", 100))
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	if len(e.Text) > 16 || !utf8.ValidString(e.Text) || !strings.HasPrefix(e.Text, "éü") {
		t.Errorf("pasted text = %q (%d bytes); want at most 16 valid bytes", e.Text, len(e.Text))
	}
}
