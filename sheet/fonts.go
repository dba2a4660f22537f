package sheet

import (
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The PDF embeds the Go fonts (regular, bold, italic; BSD licence, part of
// golang.org/x/image). They cover the WGL4 set: Latin with its accents
// (Western, Central and Eastern European, Turkish, Baltic), Greek and
// Cyrillic, and the punctuation the sheet uses (– — → … •). They do not
// cover Vietnamese letters with two marks (ễ, ộ), Hebrew, Arabic, the Indic
// scripts, Thai, CJK, Hangul or emoji: such characters print as "?" and the
// PDF says so, while the HTML sheet shows them with the device's fonts.
var pdfFonts = []struct {
	style string
	ttf   []byte
}{
	{"", goregular.TTF},
	{"B", gobold.TTF},
	{"I", goitalic.TTF},
}

// fontFamily is the family name the fonts are registered under.
const fontFamily = "go"

var (
	coverageOnce sync.Once
	coverageFont *sfnt.Font
)

// covered reports whether the regular Go font has a glyph for r. The bold
// and italic faces cover the same set.
func covered(r rune) bool {
	coverageOnce.Do(func() {
		f, err := sfnt.Parse(goregular.TTF)
		if err == nil {
			coverageFont = f
		}
	})
	if coverageFont == nil {
		return r < 0x80
	}
	var buf sfnt.Buffer
	g, err := coverageFont.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// printable returns s as the PDF prints it: control characters become
// spaces, characters the font lacks become "?", and missing says whether any did.
func printable(s string) (out string, missing bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		case covered(r):
			b.WriteRune(r)
		default:
			b.WriteByte('?')
			missing = true
		}
	}
	return b.String(), missing
}
