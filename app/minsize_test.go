package app

import (
	"bytes"
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/teamfile"
)

// sampleWindow is the main window on a database with the sample team, at
// fixedNow in UTC.
func sampleWindow(t *testing.T) *mainWindow {
	t.Helper()
	s := newTestSession(t)
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ImportTeam(context.Background(), tm); err != nil {
		t.Fatal(err)
	}
	mw := newMainWindow(fyne.CurrentApp(), s.db, Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC})
	t.Cleanup(mw.s.close)
	return mw
}

// The smallest window is at most 800x600 on every tab and every view
// inside a tab, so that a laptop screen shows all of it.
func TestEveryTabFitsIn800x600(t *testing.T) {
	mw := sampleWindow(t)
	mw.win.Resize(fyne.NewSize(800, 600))
	// The menu bar takes about 30 px of the window where it is drawn.
	limit := fyne.NewSize(800, 570)
	check := func(where string) {
		t.Helper()
		if m := mw.win.Content().MinSize(); m.Width > limit.Width || m.Height > limit.Height {
			t.Errorf("%s: the window cannot be smaller than %.0fx%.0f; want at most %.0fx%.0f", where, m.Width, m.Height, limit.Width, limit.Height)
		}
	}
	for i, item := range mw.tabs.Items {
		mw.selectTab(i)
		check(item.Text)
		var sub *container.AppTabs
		switch i {
		case tabOverlap:
			sub = mw.s.overlap.side
		case tabOncall:
			sub = mw.s.oncall.views
		case tabLog:
			sub = mw.s.log.views
		}
		if sub != nil {
			for j, v := range sub.Items {
				sub.SelectIndex(j)
				check(item.Text + " → " + v.Text)
			}
		}
	}
}
