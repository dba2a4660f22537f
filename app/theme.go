package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// themeKey is the preference that remembers the theme chosen in the View
// menu: "system" (follow the desktop), "light" or "dark".
const themeKey = "view.theme"

// The theme choices, as stored.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// appTheme is Fyne's theme with text that stays readable: secondary text
// (hints, counters, "off hours"), the borders of checkboxes and entries and
// the status colours reach a contrast of at least 4.5:1 on the background in
// both variants, and the light variant's text is near black. It follows the
// desktop's light or dark setting unless one is chosen.
type appTheme struct {
	// forced is the variant chosen; follow is true to follow the desktop.
	forced fyne.ThemeVariant
	follow bool
}

func newAppTheme(choice string) *appTheme {
	switch choice {
	case themeLight:
		return &appTheme{forced: theme.VariantLight}
	case themeDark:
		return &appTheme{forced: theme.VariantDark}
	}
	return &appTheme{follow: true}
}

// readable are the colours that replace Fyne's where its own are too faint.
var readable = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantDark: {
		theme.ColorNameDisabled:    color.NRGBA{R: 0xa4, G: 0xa4, B: 0xaa, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x8e, G: 0x8e, B: 0x94, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x80, G: 0x80, B: 0x88, A: 0xff},
		theme.ColorNameSeparator:   color.NRGBA{R: 0x3c, G: 0x3c, B: 0x42, A: 0xff},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x5c, G: 0xd6, B: 0x5c, A: 0xff},
		theme.ColorNameWarning:     color.NRGBA{R: 0xff, G: 0xa7, B: 0x26, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xff, G: 0x6b, B: 0x60, A: 0xff},
		// A lighter blue reads as text on the dark background; buttons
		// filled with it take dark text.
		theme.ColorNamePrimary:             color.NRGBA{R: 0x5c, G: 0x9c, B: 0xff, A: 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{R: 0x5c, G: 0x9c, B: 0xff, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x0b, G: 0x1a, B: 0x33, A: 0xff},
	},
	theme.VariantLight: {
		theme.ColorNameForeground:       color.NRGBA{R: 0x1f, G: 0x1f, B: 0x22, A: 0xff},
		theme.ColorNameDisabled:         color.NRGBA{R: 0x66, G: 0x66, B: 0x6b, A: 0xff},
		theme.ColorNamePlaceHolder:      color.NRGBA{R: 0x6b, G: 0x6b, B: 0x70, A: 0xff},
		theme.ColorNameInputBorder:      color.NRGBA{R: 0x8a, G: 0x8a, B: 0x90, A: 0xff},
		theme.ColorNameSeparator:        color.NRGBA{R: 0xd0, G: 0xd0, B: 0xd4, A: 0xff},
		theme.ColorNameSuccess:          color.NRGBA{R: 0x1b, G: 0x7a, B: 0x27, A: 0xff},
		theme.ColorNameWarning:          color.NRGBA{R: 0xa8, G: 0x50, B: 0x00, A: 0xff},
		theme.ColorNameError:            color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		theme.ColorNamePrimary:          color.NRGBA{R: 0x1a, G: 0x5f, B: 0xd6, A: 0xff},
		theme.ColorNameHyperlink:        color.NRGBA{R: 0x1a, G: 0x5f, B: 0xd6, A: 0xff},
		theme.ColorNameButton:           color.NRGBA{R: 0xe8, G: 0xe8, B: 0xec, A: 0xff},
		theme.ColorNameHeaderBackground: color.NRGBA{R: 0xee, G: 0xee, B: 0xf2, A: 0xff},
	},
}

func (t *appTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	if t.follow {
		return v
	}
	return t.forced
}

// Color implements fyne.Theme.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	if c, ok := readable[v][n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font implements fyne.Theme.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon implements fyne.Theme.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size implements fyne.Theme.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// applyTheme sets the theme: override when given (for this run only),
// otherwise the one chosen in the View menu.
func applyTheme(a fyne.App, override string) {
	choice := override
	if choice == "" {
		choice = a.Preferences().StringWithFallback(themeKey, themeSystem)
	}
	a.Settings().SetTheme(newAppTheme(choice))
}

// chooseTheme sets and remembers the theme.
func chooseTheme(a fyne.App, choice string) {
	a.Preferences().SetString(themeKey, choice)
	a.Settings().SetTheme(newAppTheme(choice))
}

// luminance is the relative luminance of c (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		x := float64(v>>8) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// textOn picks black or white text, whichever reads better on bg.
func textOn(bg color.Color) color.Color {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if contrast(bg, black) > contrast(bg, white) {
		return black
	}
	return white
}
