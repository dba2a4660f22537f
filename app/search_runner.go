package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// searchDebounce is how long typing must pause before a search starts: a
// fast typist's keys come closer together, so a word typed in one go is
// searched once.
const searchDebounce = 150 * time.Millisecond

// showBusyAfter is how long work may run before its progress shows.
const showBusyAfter = 100 * time.Millisecond

// searchRunner runs a search-as-you-type off the UI goroutine. Each request
// restarts the debounce timer; when it fires the search before it is
// cancelled and the new one runs on its own goroutine. Its outcome is
// applied on the UI goroutine (fyne.Do) unless a newer request came in
// meanwhile: stale results are dropped. When a search runs longer than
// showBusyAfter, busy(true) is called (on the UI goroutine) so the view can
// show a progress bar and a Cancel button; busy(false) when it ends.
type searchRunner[T any] struct {
	search func(ctx context.Context, q string) (T, error) // off the UI goroutine
	apply  func(q string, res T, err error)               // on the UI goroutine
	busy   func(bool)                                     // on the UI goroutine

	// immediate runs each request at once on the caller's goroutine: for
	// UI tests, whose driver runs fyne.Do on the calling goroutine.
	immediate bool

	mu      sync.Mutex
	gen     uint64 // the newest request
	timer   *time.Timer
	cancel  context.CancelFunc
	running sync.WaitGroup // timers pending and searches running
	ui      sync.Mutex
}

// request asks for q to be searched; an empty q is applied at once.
func (r *searchRunner[T]) request(q string) {
	r.mu.Lock()
	r.gen++
	gen := r.gen
	r.stopLocked()
	if q == "" {
		r.mu.Unlock()
		var zero T
		r.apply(q, zero, nil)
		r.busy(false)
		return
	}
	if r.immediate {
		r.mu.Unlock()
		res, err := r.search(context.Background(), q)
		r.apply(q, res, err)
		return
	}
	r.running.Add(1)
	r.timer = time.AfterFunc(searchDebounce, func() { r.start(gen, q) })
	r.mu.Unlock()
}

// stop cancels what is pending or running; its outcome is dropped.
func (r *searchRunner[T]) stop() {
	r.mu.Lock()
	r.gen++
	r.stopLocked()
	r.mu.Unlock()
}

func (r *searchRunner[T]) stopLocked() {
	if r.timer != nil && r.timer.Stop() {
		r.running.Done() // its start will never run
	}
	r.timer = nil
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}

// start runs the search of request gen, unless a newer one came in.
func (r *searchRunner[T]) start(gen uint64, q string) {
	defer r.running.Done()
	r.mu.Lock()
	if gen != r.gen {
		r.mu.Unlock()
		return
	}
	r.timer = nil
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.mu.Unlock()
	defer cancel()

	done := make(chan struct{})
	finished := false // set on the UI goroutine once the outcome is in
	r.running.Add(1)
	go func() {
		defer r.running.Done()
		select {
		case <-done:
		case <-time.After(showBusyAfter):
			r.do(func() {
				if !finished && r.current(gen) {
					r.busy(true)
				}
			})
		}
	}()
	res, err := r.search(ctx, q)
	close(done)
	r.do(func() {
		finished = true
		if !r.current(gen) {
			return // a newer request, or cancelled: drop it
		}
		r.busy(false)
		r.apply(q, res, err)
	})
}

// do runs f on the UI goroutine. The lock only matters under the test
// driver, where fyne.Do runs f on the calling goroutine.
func (r *searchRunner[T]) do(f func()) {
	fyne.Do(func() {
		r.ui.Lock()
		defer r.ui.Unlock()
		f()
	})
}

func (r *searchRunner[T]) current(gen uint64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return gen == r.gen
}

// wait blocks until no search is pending or running (tests).
func (r *searchRunner[T]) wait() { r.running.Wait() }
