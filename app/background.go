package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// runTask runs work off the UI goroutine: imports, exports and anything
// else whose cost grows with the data. When it is still running after
// showBusyAfter, a dialog shows title, a progress bar and a Cancel button.
// Cancel cancels work's context and closes the dialog; the outcome of a
// task that then stops (returns an error) is dropped, while one that had
// already finished (returns nil) is reported as usual. done receives work's
// error on the UI goroutine. Under the test driver (whose fyne.Do runs on the calling
// goroutine) the work runs at once, on the caller's goroutine.
func (s *session) runTask(title string, work func(ctx context.Context) error, done func(err error)) {
	if isTestDriver() && !asyncTasksInTests {
		err := work(context.Background())
		if done != nil {
			done(err)
		}
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	var (
		mu        sync.Mutex
		finished  bool
		cancelled bool
		dlg       dialog.Dialog
	)
	busy := time.AfterFunc(showBusyAfter, func() {
		fyne.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			if finished || cancelled {
				return
			}
			bar := widget.NewProgressBarInfinite()
			stop := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { dlg.Hide() })
			body := container.NewVBox(widget.NewLabel(title+"…"), bar, container.NewCenter(stop))
			dlg = dialog.NewCustomWithoutButtons(title, body, s.win)
			// Closed by Cancel or Escape before the work ended: cancel it.
			dlg.SetOnClosed(func() {
				bar.Stop()
				mu.Lock()
				stopping := !finished
				cancelled = cancelled || stopping
				mu.Unlock()
				if stopping {
					cancel()
				}
			})
			dlg.Resize(s.dialogSize(420, 0))
			s.show(dlg, nil) // Enter does not cancel; Escape does
		})
	})
	go func() {
		defer cancel()
		err := work(ctx)
		busy.Stop()
		fyne.Do(func() {
			mu.Lock()
			finished = true
			wasCancelled := cancelled
			d := dlg
			mu.Unlock()
			if d != nil {
				d.Hide()
			}
			if wasCancelled && err != nil {
				return // it stopped as asked
			}
			// Not cancelled, or it finished before it could stop: its
			// outcome stands (an import that was saved is shown).
			if done != nil {
				done(err)
			}
		})
	}()
}

// inBackground runs work off the UI goroutine and then apply on it: for
// reading what a view shows without holding up the window. Under the test
// driver both run at once, on the caller's goroutine, as runTask's do.
func (s *session) inBackground(work, apply func()) {
	if isTestDriver() && !asyncTasksInTests {
		work()
		apply()
		return
	}
	go func() {
		work()
		fyne.Do(apply)
	}()
}

// asyncTasksInTests makes runTask asynchronous under the test driver too
// (the test of runTask itself).
var asyncTasksInTests = false

// isTestDriver reports whether the app runs on Fyne's test driver.
func isTestDriver() bool {
	a := fyne.CurrentApp()
	return a != nil && strings.HasPrefix(fmt.Sprintf("%T", a.Driver()), "*test.")
}
