package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A task that runs long shows a progress dialog; Cancel cancels its context,
// closes the dialog and drops its outcome.
func TestRunTaskShowsProgressAndCancels(t *testing.T) {
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
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("task's context ended with %v; want cancelled", err)
	}
	select {
	case err := <-doneCalled:
		t.Errorf("done called with %v after Cancel; want the outcome dropped", err)
	case <-time.After(300 * time.Millisecond):
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
