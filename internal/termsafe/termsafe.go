// Package termsafe makes text that comes from outside the program (a team
// file, a calendar, a command-line argument, a database written by another
// version) safe to show: on a terminal, where control characters move the
// cursor, change colours or rewrite what was printed, and in error messages,
// where a value may be megabytes long. It also holds the checks that keep
// such characters out of the fields that are meant to hold one line or a
// few lines of text. It depends on the standard library only.
package termsafe

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sentinel errors of the text checks, checked with errors.Is.
var (
	ErrControl     = errors.New("control characters are not allowed")
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
)

// MaxQuoted is the most characters Quote returns.
const MaxQuoted = 80

// String returns s with every character that can act on a terminal written
// as a visible escape, so that printing the result shows the text and does
// nothing else: C0 control characters (tab, newline and carriage return
// included) and DEL as \t, \n, \r or \xHH; C1 control characters and the
// bidirectional-text controls, which can make a line read in another order
// than it is stored, as \uHHHH; and each byte that is not valid UTF-8 as
// \xHH. Every other character, backslashes included, is kept, so that text
// without such characters comes back unchanged.
func String(s string) string { return escape(s, false) }

// Text is String for text of several lines, such as notes and the emergency
// protocol: newlines and tabs are kept, everything else that String escapes
// is escaped (a carriage return too, since it moves the cursor back over
// the line; "\r\n" line ends become "\n").
func Text(s string) string { return escape(strings.ReplaceAll(s, "\r\n", "\n"), true) }

func escape(s string, lines bool) string {
	clean := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size, lines) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size, lines) {
			writeEscape(&b, s[i:i+size], r, size)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether a rune read from text (size is its length in
// bytes) must be escaped; lines keeps newlines and tabs.
func unsafeRune(r rune, size int, lines bool) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case lines && (r == '\n' || r == '\t'):
		return false
	}
	return isControl(r) || isBidi(r)
}

func writeEscape(b *strings.Builder, raw string, r rune, size int) {
	switch {
	case r == utf8.RuneError && size == 1:
		fmt.Fprintf(b, `\x%02x`, raw[0])
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < 0x80:
		fmt.Fprintf(b, `\x%02x`, r)
	default:
		fmt.Fprintf(b, `\u%04x`, r)
	}
}

// isControl reports the control characters of Unicode's Cc category: C0,
// DEL and C1.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }

// isBidi reports the characters that reorder bidirectional text: the marks
// and the embeddings, overrides and isolates (Unicode's Bidi_Control).
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Quote returns s quoted in Go syntax for a message (as %q would, so that
// control characters and bytes that are not UTF-8 show as escapes), at most
// MaxQuoted characters long. A value too long for that is cut: the result
// ends with "…" after the closing quote and the value's whole length, as in
//
//	"Anaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"… (10485760 characters)
//
// Its cost does not grow with the value beyond counting its characters.
func Quote(s string) string {
	// A value of more than 4*MaxQuoted bytes has more than MaxQuoted
	// characters, so only a shorter one can be shown whole.
	if len(s) <= 4*MaxQuoted {
		if q := strconv.Quote(s); utf8.RuneCountInString(q) <= MaxQuoted {
			return q
		}
	}
	suffix := fmt.Sprintf("… (%d characters)", utf8.RuneCountInString(s))
	budget := MaxQuoted - utf8.RuneCountInString(suffix) - 2 // the two quotes
	var b strings.Builder
	b.WriteByte('"')
	for i, used := 0, 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		piece := strconv.Quote(s[i : i+size])
		piece = piece[1 : len(piece)-1]
		w := utf8.RuneCountInString(piece)
		if used+w > budget {
			break
		}
		b.WriteString(piece)
		used += w
		i += size
	}
	b.WriteByte('"')
	b.WriteString(suffix)
	return b.String()
}

// CheckLine checks a field that holds one line of text (a name, a role, an
// email address, a target): it must be valid UTF-8 and hold no control
// character, tab and newline included. The error names the field, the
// quoted value and the first offending character, and wraps ErrInvalidUTF8
// or ErrControl.
func CheckLine(field, s string) error { return check(field, s, false) }

// CheckText is CheckLine for free text of several lines (notes, the
// emergency protocol): newlines and tabs are allowed, other control
// characters (a carriage return included) are not.
func CheckText(field, s string) error { return check(field, s, true) }

func check(field, s string, lines bool) error {
	pos := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("%s %s: byte %#02x at character %d: %w", field, Quote(s), s[i], pos, ErrInvalidUTF8)
		case isControl(r) && !(lines && (r == '\n' || r == '\t')):
			return fmt.Errorf("%s %s: %s at character %d: %w", field, Quote(s), String(string(r)), pos, ErrControl)
		}
		i += size
	}
	return nil
}
