package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// NewStartupErrorWindow is shown instead of the main window when the
// database cannot be opened (corrupt, locked, written by a newer version):
// it says what is wrong and which file, and touches nothing.
func NewStartupErrorWindow(a fyne.App, path string, err error) fyne.Window {
	w := a.NewWindow("remotecto")
	head := widget.NewLabelWithStyle("remotecto cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel("File: " + path + "\nNothing was changed. Start with --db PATH to use another file.")
	where.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	w.SetContent(container.NewPadded(container.NewBorder(head, container.NewHBox(quit), nil, nil, container.NewVBox(msg, where))))
	w.Resize(fyne.NewSize(640, 240))
	return w
}
