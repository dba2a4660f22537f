package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Every dialog the window opens goes through the session, which keeps them
// in a stack: Escape closes the top one as Cancel would, and Enter confirms
// it as its main button would, whether or not an entry has the focus.

// openDialog is a dialog on screen and what Enter does in it.
type openDialog struct {
	d       dialog.Dialog
	confirm func() // nil: Enter does nothing
}

// show shows d and tracks it until it closes; confirm is what Enter does.
func (s *session) show(d dialog.Dialog, confirm func()) {
	od := &openDialog{d: d, confirm: confirm}
	s.dialogs = append(s.dialogs, od)
	d.SetOnClosed(func() { s.untrack(od) })
	d.Show()
}

func (s *session) untrack(od *openDialog) {
	for i, x := range s.dialogs {
		if x == od {
			s.dialogs = append(s.dialogs[:i], s.dialogs[i+1:]...)
			return
		}
	}
}

// topDialog is the dialog on top, or nil.
func (s *session) topDialog() *openDialog {
	if len(s.dialogs) == 0 {
		return nil
	}
	return s.dialogs[len(s.dialogs)-1]
}

// escape closes the top dialog as its Cancel button would; it reports
// whether there was one.
func (s *session) escape() bool {
	top := s.topDialog()
	if top == nil {
		return false
	}
	top.d.Dismiss()
	return true
}

// enter confirms the top dialog as its main button would; it reports whether
// there was something to confirm.
func (s *session) enter() bool {
	top := s.topDialog()
	if top == nil || top.confirm == nil {
		return false
	}
	top.confirm()
	return true
}

// typedKey handles Escape and Enter when no entry has the focus.
func (s *session) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		s.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		s.enter()
	}
}

// showError shows err in a dialog.
func (s *session) showError(err error) {
	s.show(dialog.NewError(err, s.win), nil)
}

// info shows a message with an OK button.
func (s *session) info(title, message string) {
	d := dialog.NewInformation(title, message, s.win)
	s.show(d, d.Dismiss)
}

// confirm asks a yes/no question; yes runs after the confirm button.
func (s *session) confirm(title, message, yesLabel string, yes func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			yes()
		}
	}, s.win)
	if yesLabel != "" {
		d.SetConfirmText(yesLabel)
	}
	s.show(d, d.Confirm)
	return d
}

// dialogSize fits a dialog's preferred size inside the window, so that at
// 800x600 no dialog is cut off.
func (s *session) dialogSize(w, h float32) fyne.Size {
	c := s.win.Canvas().Size()
	if c.Width > 0 {
		w = min(w, c.Width-24)
	}
	if c.Height > 0 {
		h = min(h, c.Height-24)
	}
	return fyne.NewSize(w, h)
}

// sessions maps each window's canvas to its session, so that an entry can
// find the dialogs of the window it is in.
var sessions = map[fyne.Canvas]*session{}

// registerSession makes s the session of its window's canvas and routes the
// window's Escape and Enter to it.
func registerSession(s *session) {
	c := s.win.Canvas()
	sessions[c] = s
	c.SetOnTypedKey(s.typedKey)
}

func forgetSession(s *session) {
	for c, x := range sessions {
		if x == s {
			delete(sessions, c)
		}
	}
}

// sessionOf returns the session of the window that shows o.
func sessionOf(o fyne.CanvasObject) *session {
	if d := fyne.CurrentApp().Driver(); d != nil {
		if s, ok := sessions[d.CanvasForObject(o)]; ok {
			return s
		}
	}
	for _, s := range sessions {
		return s
	}
	return nil
}

// keyEntry is an entry that passes Escape to the dialog it is in (which
// closes), and Enter too when the entry has nothing of its own to do with it
// (one line, no OnSubmitted), so that Enter saves a form.
type keyEntry struct {
	widget.Entry
	// onLeave, when set, runs after the entry has lost the focus.
	onLeave func()
}

// newEntry returns a one-line entry that knows Escape and Enter.
func newEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry returns a multi-line entry that knows Escape.
func newMultiLineEntry() *keyEntry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// FocusLost implements fyne.Focusable: the entry lets the focus go, then
// onLeave runs.
func (e *keyEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// TypedKey handles Escape and Enter before the entry does.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if handleDialogKey(e, ev, e.MultiLine || e.OnSubmitted != nil) {
		return
	}
	e.Entry.TypedKey(ev)
}

// handleDialogKey gives Escape (and Enter unless the widget keeps it) to the
// dialogs of o's window; it reports whether the key was used.
func handleDialogKey(o fyne.CanvasObject, ev *fyne.KeyEvent, keepsEnter bool) bool {
	s := sessionOf(o)
	if s == nil {
		return false
	}
	switch ev.Name {
	case fyne.KeyEscape:
		return s.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if !keepsEnter {
			return s.enter()
		}
	}
	return false
}
