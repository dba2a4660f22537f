package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestMainWindowReopensOnTheLastTab(t *testing.T) {
	s := newTestSession(t)
	a := fyne.CurrentApp()
	opts := Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC}
	mw := newMainWindow(a, s.db, opts)
	w, tabs := mw.win, mw.tabs
	if len(tabs.Items) != 4 || tabs.SelectedIndex() != 0 {
		t.Fatalf("first start: %d tabs, tab %d selected; want 4 tabs on the Team tab", len(tabs.Items), tabs.SelectedIndex())
	}
	tabs.SelectIndex(2)
	w.Close()
	again := newMainWindow(a, s.db, opts).tabs
	if got := again.SelectedIndex(); got != 2 {
		t.Errorf("second start opens tab %d; want 2", got)
	}
}

func TestOnlyTheOpenTabIsBuilt(t *testing.T) {
	s := newTestSession(t)
	a := fyne.CurrentApp()
	mw := newMainWindow(a, s.db, Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC})
	mw.win.Resize(fyne.NewSize(1000, 700))
	tabs := mw.tabs
	built := func(i int) bool { return tabs.Items[i].Content.(*lazyTab).content != nil }
	if !built(0) {
		t.Error("the open tab was not built")
	}
	for i := 1; i < len(tabs.Items); i++ {
		if built(i) {
			t.Errorf("tab %q was built before it was opened", tabs.Items[i].Text)
		}
	}
	tabs.SelectIndex(3)
	if !built(3) {
		t.Errorf("tab %q was not built when opened", tabs.Items[3].Text)
	}
}

func TestTickersStopWhenTheWindowCloses(t *testing.T) {
	s := &session{done: make(chan struct{})}
	ticks := make(chan struct{}, 100)
	stopped := make(chan struct{})
	go func() {
		// every's goroutine returns once done is closed; watch it through
		// the ticks it can no longer deliver.
		<-s.done
		close(stopped)
	}()
	s.every(time.Millisecond, func() { ticks <- struct{}{} })
	<-ticks // it runs
	s.close()
	s.close() // twice is harmless
	<-stopped
	time.Sleep(20 * time.Millisecond)
	for len(ticks) > 0 {
		<-ticks
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(ticks); n > 0 {
		t.Errorf("%d ticks after the window closed; want none", n)
	}
}
