package app

import (
	"sync"
	"testing"
)

// TestWarmFontsBesideTheFirstLayout runs the font warm-up while a tab is
// built and laid out, as main does; under -race it checks the two may overlap.
func TestWarmFontsBesideTheFirstLayout(t *testing.T) {
	s := newTestSession(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		WarmFonts()
	}()
	tab := buildTeamTab(s)
	s.win.SetContent(tab.item.Content)
	wg.Wait()
	if tab.item.Content.MinSize().Width <= 0 {
		t.Error("the tab has no size after the fonts were warmed")
	}
}
