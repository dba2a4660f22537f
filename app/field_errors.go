package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// fieldErrors shows each form field's error in a label beside the field. A
// form checks a field as it is typed into and every field on save; nothing
// is saved while any field has an error, and the text typed so far is never
// lost.
type fieldErrors struct {
	labels map[string]*widget.Label
	// validate builds the form's value and returns the errors by field.
	validate func() map[string]error
	// root is the form's content, laid out again when a message appears or
	// goes (a wrapped message changes its height); nil until the form is shown.
	root fyne.CanvasObject
}

func newFieldErrors(validate func() map[string]error) *fieldErrors {
	return &fieldErrors{labels: map[string]*widget.Label{}, validate: validate}
}

// add creates the (hidden) error label of field.
func (fe *fieldErrors) add(field string) *widget.Label {
	l := errorLabel()
	fe.labels[field] = l
	return l
}

// label returns the error label of field.
func (fe *fieldErrors) label(field string) *widget.Label { return fe.labels[field] }

// entry returns an entry for field, with its error label, that checks the
// field whenever its text changes. Enter in it saves the form and Escape
// cancels it (see keyEntry).
func (fe *fieldErrors) entry(field, text, placeholder string) *keyEntry {
	e := newEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	fe.add(field)
	e.OnChanged = func(string) { fe.check(field) }
	return e
}

// check validates the form and shows field's error (or hides its label).
func (fe *fieldErrors) check(field string) {
	fe.show(field, fe.validate()[field])
}

// checkAll validates the form, shows every field's error and reports
// whether the form is valid.
func (fe *fieldErrors) checkAll() bool {
	errs := fe.validate()
	for field, l := range fe.labels {
		setError(l, errs[field])
	}
	fe.relayout()
	return len(errs) == 0
}

// show shows err beside field, or hides the label when err is nil.
func (fe *fieldErrors) show(field string, err error) {
	if l := fe.labels[field]; l != nil {
		setError(l, err)
		fe.relayout()
	}
}

func (fe *fieldErrors) relayout() {
	if fe.root != nil {
		fe.root.Refresh()
	}
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
