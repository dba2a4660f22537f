package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// How long the feedback bar stays: a plain notice, and one with Undo.
const (
	noticeTime = 5 * time.Second
	undoTime   = 10 * time.Second
)

// feedbackBar is the strip along the bottom of the window that says what just
// happened ("Saved to …", "Copied …", "Deleted Ana"), with a button for what
// may follow (Open folder, Undo). It hides itself after a few seconds.
type feedbackBar struct {
	box     *fyne.Container
	bg      *canvas.Rectangle
	line    *canvas.Rectangle
	text    *widget.Label
	action  *widget.Button
	dismiss *widget.Button
	// run is what the action button does.
	run func()
	// shown counts messages, so that the timer of an older one does not
	// hide a newer one.
	shown int
}

func newFeedbackBar() *feedbackBar {
	b := &feedbackBar{text: widget.NewLabel("")}
	b.text.Truncation = fyne.TextTruncateEllipsis
	b.action = widget.NewButton("", func() {
		run := b.run
		b.hide()
		if run != nil {
			run()
		}
	})
	b.action.Importance = widget.HighImportance
	b.dismiss = widget.NewButtonWithIcon("", theme.CancelIcon(), b.hide)
	b.dismiss.Importance = widget.LowImportance
	b.bg = canvas.NewRectangle(color.Transparent)
	b.line = canvas.NewRectangle(color.Transparent)
	b.line.SetMinSize(fyne.NewSize(4, 4))
	b.box = container.NewStack(b.bg, container.NewBorder(nil, nil, b.line,
		container.NewHBox(b.action, b.dismiss), b.text))
	b.box.Hide()
	return b
}

// feedback returns the session's bar, made on first use (a window places it
// at the bottom; tests read it).
func (s *session) feedback() *feedbackBar {
	if s.bar == nil {
		s.bar = newFeedbackBar()
	}
	return s.bar
}

// notify says what just happened, for a few seconds.
func (s *session) notify(msg string) { s.feedback().show(msg, "", nil, noticeTime) }

// notifyAction says what just happened with a button for what may follow.
func (s *session) notifyAction(msg, label string, run func()) {
	s.feedback().show(msg, label, run, noticeTime*2)
}

// undoable says what was just deleted, with an Undo button that runs undo
// (which puts it back) for a few seconds.
func (s *session) undoable(msg string, undo func() error) {
	s.feedback().show(msg, "Undo", func() {
		if err := undo(); err != nil {
			s.showError(err)
			return
		}
		s.notify("Restored")
	}, undoTime)
}

// copyText puts text on the clipboard and says so.
func (s *session) copyText(text string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Clipboard().SetContent(text)
	}
	s.notify("Copied " + text)
}

func (b *feedbackBar) show(msg, label string, run func(), d time.Duration) {
	b.shown++
	n := b.shown
	b.text.SetText(msg)
	b.run = run
	if label == "" {
		b.action.Hide()
	} else {
		b.action.SetText(label)
		b.action.Show()
	}
	// The colours follow the theme, which may have changed since.
	b.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	b.line.FillColor = theme.Color(theme.ColorNamePrimary)
	b.box.Show()
	b.box.Refresh()
	time.AfterFunc(d, func() {
		fyne.Do(func() {
			if b.shown == n {
				b.hide()
			}
		})
	})
}

func (b *feedbackBar) hide() {
	b.run = nil
	b.box.Hide()
}

// message is the text on the bar now ("" when it is hidden).
func (b *feedbackBar) message() string {
	if !b.box.Visible() {
		return ""
	}
	return b.text.Text
}
