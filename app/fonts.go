package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// WarmFonts loads the regular and bold fonts. Parsing a font takes about a
// tenth of a second; main runs this beside the window's creation so that the
// first layout finds both fonts ready instead of parsing them one after the
// other.
func WarmFonts() {
	size := theme.TextSize()
	fyne.MeasureText("remotecto", size, fyne.TextStyle{Bold: true})
	fyne.MeasureText("remotecto", size, fyne.TextStyle{})
}
