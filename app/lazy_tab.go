package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// lazyTab builds its content the first time it is shown, so a tab that is
// not open at start-up costs nothing: tabs lay out and size only the open
// tab's content, and this widget asks for no size and ignores refreshes
// until then.
type lazyTab struct {
	widget.BaseWidget
	build   func() fyne.CanvasObject
	content fyne.CanvasObject
}

func newLazyTab(build func() fyne.CanvasObject) *lazyTab {
	l := &lazyTab{build: build}
	l.ExtendBaseWidget(l)
	return l
}

// MinSize is zero until the content is built.
func (l *lazyTab) MinSize() fyne.Size {
	if l.content == nil {
		return fyne.NewSize(0, 0)
	}
	return l.BaseWidget.MinSize()
}

// Refresh does nothing until the content is built.
func (l *lazyTab) Refresh() {
	if l.content != nil {
		l.BaseWidget.Refresh()
	}
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
	}
}
