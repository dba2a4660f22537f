package app

import (
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// lazyTab builds its content the first time it is shown, so a tab that is
// not open at start-up costs nothing: tabs lay out and size only the open
// tab's content, and this widget asks for no size and ignores refreshes
// until then.
//
// Once built, it passes a refresh on to its content only when the theme or
// the other settings changed since the content last saw them. Fyne's tabs
// refresh every tab's whole content each time another tab is selected (to
// apply the theme); with a 2,000-member team that re-measured every label
// of every tab built so far, seconds on each click. The content's own
// widgets refresh themselves when their data changes.
type lazyTab struct {
	widget.BaseWidget
	build   func() fyne.CanvasObject
	content fyne.CanvasObject
	seen    uint64 // settingsGeneration when the content last refreshed
}

// settingsGeneration counts changes of the app's settings (theme, variant,
// scale).
var (
	settingsGeneration atomic.Uint64
	watchedApps        sync.Map // fyne.App -> true once its settings are watched
)

func newLazyTab(build func() fyne.CanvasObject) *lazyTab {
	l := &lazyTab{build: build}
	l.ExtendBaseWidget(l)
	if a := fyne.CurrentApp(); a != nil {
		if _, watched := watchedApps.LoadOrStore(a, true); !watched {
			a.Settings().AddListener(func(fyne.Settings) { settingsGeneration.Add(1) })
		}
	}
	return l
}

// MinSize is zero until the content is built.
func (l *lazyTab) MinSize() fyne.Size {
	if l.content == nil {
		return fyne.NewSize(0, 0)
	}
	return l.BaseWidget.MinSize()
}

// Refresh does nothing until the content is built, then redraws it, and
// refreshes the whole content only after a settings change.
func (l *lazyTab) Refresh() {
	if l.content == nil {
		return
	}
	if g := settingsGeneration.Load(); g != l.seen {
		l.seen = g
		l.BaseWidget.Refresh()
		return
	}
	canvas.Refresh(l)
}

// CreateRenderer builds the content: the tab is being shown.
func (l *lazyTab) CreateRenderer() fyne.WidgetRenderer {
	l.ensure()
	return widget.NewSimpleRenderer(l.content)
}

// ensure builds the content now if it is not built yet (a keyboard shortcut
// may need the tab before it is drawn).
func (l *lazyTab) ensure() {
	if l.content == nil {
		l.content = l.build()
		l.seen = settingsGeneration.Load()
	}
}
