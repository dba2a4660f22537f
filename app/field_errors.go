package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// fieldErrors shows each form field's error in a line under the field. A
// field's error appears when the field is left (or, for a field chosen
// rather than typed into, when it changes) and every field's on save;
// nothing is saved while any field has an error, and the text typed so far
// is never lost. Typing never moves the form: a message already shown is
// kept up to date in its place while the field is typed into (see
// errorLine.typed), and it goes when the field is left valid.
type fieldErrors struct {
	lines map[string]*errorLine
	// validate builds the form's value and returns the errors by field.
	validate func() map[string]error
	// root is the form's content, laid out again when a message appears or
	// goes (a wrapped message changes its height); nil until the form is shown.
	root fyne.CanvasObject
}

func newFieldErrors(validate func() map[string]error) *fieldErrors {
	return &fieldErrors{lines: map[string]*errorLine{}, validate: validate}
}

// add creates the (hidden) error line of field.
func (fe *fieldErrors) add(field string) *errorLine {
	l := newErrorLine()
	fe.lines[field] = l
	return l
}

// label returns the error line of field, or nil for a field with none.
func (fe *fieldErrors) label(field string) *errorLine { return fe.lines[field] }

// entry returns an entry for field, with its error line: typing updates a
// message already shown, leaving the entry shows its error. Enter in it
// saves the form and Escape cancels it (see keyEntry).
func (fe *fieldErrors) entry(field, text, placeholder string) *keyEntry {
	e := newEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	fe.add(field)
	e.OnChanged = func(string) { fe.typed(field) }
	e.onLeave = func() { fe.left(field) }
	return e
}

// typed is called as field is typed into: a message shown under it says
// how the field stands now, in the same place and height; no message
// appears.
func (fe *fieldErrors) typed(field string) {
	l := fe.lines[field]
	if l == nil {
		return
	}
	l.edited = true
	if l.Visible() {
		l.typed(fe.validate()[field])
	}
}

// left is called when field loses the focus: its error shows (if it was
// edited) or its message goes, and the messages shown under other fields
// are brought up to date (a field may be wrong because of another), without
// any new one appearing there.
func (fe *fieldErrors) left(field string) {
	errs := fe.validate()
	changed := false
	for f, l := range fe.lines {
		if l.Visible() || (f == field && l.edited) {
			changed = l.set(errs[f]) || changed
		}
	}
	if changed {
		fe.relayout()
	}
}

// check validates the form and shows field's error (or hides its line), for
// fields that are chosen rather than typed into.
func (fe *fieldErrors) check(field string) {
	fe.show(field, fe.validate()[field])
}

// checkAll validates the form, shows every field's error and reports
// whether the form is valid.
func (fe *fieldErrors) checkAll() bool {
	errs := fe.validate()
	for field, l := range fe.lines {
		l.set(errs[field])
	}
	fe.relayout()
	return len(errs) == 0
}

// show shows err under field, or hides the line when err is nil.
func (fe *fieldErrors) show(field string, err error) {
	if l := fe.lines[field]; l != nil {
		l.set(err)
		fe.relayout()
	}
}

func (fe *fieldErrors) relayout() {
	if fe.root != nil {
		fe.root.Refresh()
	}
}

// fixedText is what the line of a shown error says while the field, being
// typed into, is right: the line stays until the field is left.
const fixedText = "Fixed."

// errorLine is the message under a form field: an error in the danger
// colour, wrapped, hidden while there is none. While the field is typed
// into, the line keeps the height it had (a longer message is cut short
// with an ellipsis), so that nothing under it moves.
type errorLine struct {
	widget.Label
	// held is the height kept while the field is typed into; 0 otherwise.
	held float32
	// edited is set once the field has been changed: leaving a field that
	// was never changed shows no new error.
	edited bool
}

func newErrorLine() *errorLine {
	l := &errorLine{}
	l.ExtendBaseWidget(l)
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// MinSize is the label's, or the held height while the field is typed into.
func (l *errorLine) MinSize() fyne.Size {
	min := l.Label.MinSize()
	if l.held > 0 {
		min.Height = l.held
	}
	return min
}

// typed shows err (or fixedText when err is nil) in place of the message
// shown, keeping the line's height.
func (l *errorLine) typed(err error) {
	if l.held == 0 {
		l.held = l.Label.MinSize().Height
		l.Truncation = fyne.TextTruncateEllipsis
	}
	if err == nil {
		l.Importance = widget.SuccessImportance
		l.SetText(fixedText)
		return
	}
	l.Importance = widget.DangerImportance
	l.SetText(err.Error())
}

// set shows err, or hides the line when err is nil; the line takes the
// height its message needs again. It reports whether the line may have
// changed its height.
func (l *errorLine) set(err error) bool {
	wasHeld, wasShown, oldText := l.held > 0, l.Visible(), l.Text
	l.held = 0
	l.Truncation = fyne.TextTruncateOff
	l.Importance = widget.DangerImportance
	setError(&l.Label, err)
	return wasHeld || wasShown != l.Visible() || oldText != l.Text
}

func setError(l *widget.Label, err error) {
	if err == nil {
		l.SetText("")
		l.Hide()
		return
	}
	l.SetText(err.Error())
	l.Show()
}

// errorLabel is a hidden label for an error message, shown in the danger
// colour and wrapped, for placing beside the field it speaks of.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}
