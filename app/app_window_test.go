package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

func TestMainWindowReopensOnTheLastTab(t *testing.T) {
	s := newTestSession(t)
	a := fyne.CurrentApp()
	opts := Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC}
	w := NewMainWindow(a, s.db, opts)
	tabs := w.Content().(*container.AppTabs)
	if len(tabs.Items) != 4 || tabs.SelectedIndex() != 0 {
		t.Fatalf("first start: %d tabs, tab %d selected; want 4 tabs on the Team tab", len(tabs.Items), tabs.SelectedIndex())
	}
	tabs.SelectIndex(2)
	w.Close()
	again := NewMainWindow(a, s.db, opts).Content().(*container.AppTabs)
	if got := again.SelectedIndex(); got != 2 {
		t.Errorf("second start opens tab %d; want 2", got)
	}
}
