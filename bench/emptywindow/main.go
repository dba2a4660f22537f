// Command emptywindow opens an empty Fyne window: the baseline that
// remotecto's start-up time and memory are measured against.
package main

import (
	_ "dev.remotecto/remotecto/internal/localeenv" // same locale handling as the app

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("io.remotecto.emptywindow")
	w := a.NewWindow("empty")
	w.SetContent(widget.NewLabel(""))
	w.Resize(fyne.NewSize(1180, 760))
	w.ShowAndRun()
}
