package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// fieldErrors holds the label that shows each form field's error beside the
// field. A form validates a field as it is typed into and every field on
// save; nothing is saved while any label shows an error, and the text typed
// so far is never lost.
type fieldErrors map[string]*widget.Label

// add creates the (hidden) error label of field.
func (fe fieldErrors) add(field string) *widget.Label {
	l := errorLabel()
	fe[field] = l
	return l
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

// entry returns an entry for field, with its error label, that calls
// validate(field) whenever its text changes.
func (fe fieldErrors) entry(field, text, placeholder string, validate func(field string)) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	fe.add(field)
	e.OnChanged = func(string) { validate(field) }
	return e
}

// show shows err beside field, or hides the label when err is nil. root, when
// set, is laid out again so that a wrapped message gets its height.
func (fe fieldErrors) show(field string, err error, root fyne.CanvasObject) {
	l := fe[field]
	if l == nil {
		return
	}
	if err == nil {
		l.SetText("")
		l.Hide()
	} else {
		l.SetText(err.Error())
		l.Show()
	}
	if root != nil {
		root.Refresh()
	}
}

// showAll shows the errors of every field (and clears the others).
func (fe fieldErrors) showAll(errs map[string]error, root fyne.CanvasObject) {
	for field := range fe {
		fe.show(field, errs[field], nil)
	}
	if root != nil {
		root.Refresh()
	}
}
