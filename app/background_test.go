package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/worklog"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A task that runs long shows a progress dialog; its Cancel button, and
// Escape, cancel its context, close the dialog and drop its outcome.
func TestRunTaskShowsProgressAndCancels(t *testing.T) {
	for _, way := range []string{"Cancel", "Escape"} {
		t.Run(way, func(t *testing.T) {
			s := newTestSession(t)
			asyncTasksInTests = true
			t.Cleanup(func() { asyncTasksInTests = false })
			stopped := make(chan error, 1)
			doneCalled := make(chan error, 1)
			s.runTask("Exporting", func(ctx context.Context) error {
				<-ctx.Done()
				stopped <- ctx.Err()
				return ctx.Err()
			}, func(err error) { doneCalled <- err })

			if way == "Cancel" {
				tapProgressCancel(t, s)
			} else {
				for deadline := time.Now().Add(10 * time.Second); s.topDialog() == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				}
				if !s.escape() {
					t.Fatal("no progress dialog for Escape to close")
				}
			}
			select {
			case err := <-stopped:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("task's context ended with %v; want cancelled", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s did not cancel the task", way)
			}
			select {
			case err := <-doneCalled:
				t.Errorf("done called with %v after %s; want the outcome dropped", err, way)
			case <-time.After(300 * time.Millisecond):
			}
			if s.topDialog() != nil {
				t.Errorf("the progress dialog is still open after %s", way)
			}
		})
	}
}

// A task that ends reports to done, and shows no dialog once it ended.
func TestRunTaskReportsItsOutcome(t *testing.T) {
	s := newTestSession(t)
	asyncTasksInTests = true
	t.Cleanup(func() { asyncTasksInTests = false })
	boom := errors.New("boom")
	got := make(chan error, 1)
	s.runTask("Importing", func(context.Context) error { return boom }, func(err error) { got <- err })
	if err := <-got; !errors.Is(err, boom) {
		t.Errorf("done got %v; want the task's error", err)
	}
}

// The 1:1s & updates tab reads its data off the UI goroutine: it opens at
// once saying "Loading…" and shows the updates when they are read; a
// reload started later wins over one still reading.
func TestLogTabLoadsOffTheUIThread(t *testing.T) {
	s := newTestSession(t)
	ctx := context.Background()
	asyncTasksInTests = true
	t.Cleanup(func() { asyncTasksInTests = false })
	team, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ImportTeam(ctx, team); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		u := worklog.Update{Author: "Ana", Kind: worklog.KindWin, Text: fmt.Sprintf("win %d", i), At: fixedNow.Add(-time.Duration(i) * time.Hour)}
		if _, err := s.db.AddUpdate(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	var tab *logTab
	fyne.DoAndWait(func() {
		tab = buildLogTab(s)
		s.win.SetContent(tab.item.Content)
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status string
		fyne.DoAndWait(func() { status = tab.feed.status.Text })
		if status == "3 updates" {
			break
		}
		if status != "Loading…" && status != "" {
			t.Fatalf("feed status %q; want Loading… and then 3 updates", status)
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed status still %q after 10 s", status)
		}
		time.Sleep(10 * time.Millisecond)
	}
	fyne.DoAndWait(func() {
		if len(tab.feed.items) != 3 || len(tab.members) == 0 {
			t.Errorf("after loading: %d updates, %d members; want 3 and the sample team", len(tab.feed.items), len(tab.members))
		}
	})
}

// A task that finishes although Cancel was pressed (an import already
// saved) still reports its outcome, so the window shows what changed.
func TestRunTaskFinishedDespiteCancelIsReported(t *testing.T) {
	s := newTestSession(t)
	asyncTasksInTests = true
	t.Cleanup(func() { asyncTasksInTests = false })
	release := make(chan struct{})
	got := make(chan error, 1)
	s.runTask("Importing", func(ctx context.Context) error {
		<-release
		return nil // saved: it ignores the cancel that came too late
	}, func(err error) { got <- err })
	tapProgressCancel(t, s)
	close(release)
	select {
	case err := <-got:
		if err != nil {
			t.Errorf("done got %v; want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("a task that finished after Cancel was not reported")
	}
}

// Cancel during an export leaves no file under the chosen name.
func TestCancelledExportLeavesNoFile(t *testing.T) {
	s := newTestSession(t)
	asyncTasksInTests = true
	t.Cleanup(func() { asyncTasksInTests = false })
	stopped := make(chan struct{})
	j := s.saveFileCtx("log", ".md", func(ctx context.Context, w io.Writer) error {
		io.WriteString(w, "half of it")
		<-ctx.Done()
		defer close(stopped)
		return ctx.Err()
	})
	j.dlg.Hide()
	path := filepath.Join(t.TempDir(), "log.md")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	j.done(w, nil)
	tapProgressCancel(t, s)
	<-stopped
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			if j.saved != "" {
				t.Errorf("a cancelled export says it saved %s", j.saved)
			}
			return
		}
	}
	t.Errorf("%s is still there after Cancel", path)
}

// tapProgressCancel waits for the progress dialog of a running task and
// taps its Cancel.
func tapProgressCancel(t *testing.T, s *session) {
	t.Helper()
	var cancel *widget.Button
	for deadline := time.Now().Add(10 * time.Second); cancel == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if top := s.win.Canvas().Overlays().Top(); top != nil {
			cancel = searchButton(t, "Cancel", top)
		}
	}
	if cancel == nil {
		t.Fatal("no progress dialog with a Cancel button while the task runs")
	}
	test.Tap(cancel)
}
