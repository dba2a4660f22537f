package calendar

import (
	"bufio"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 section 3.1 allows,
// line break excluded.
const maxLineOctets = 75

// lineWriter writes content lines with CRLF endings, folded at 75 octets
// without splitting a UTF-8 sequence. The first write error sticks.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

// line writes one content line, folding it as needed.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		lw.w.WriteString(s[:cut])
		lw.w.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	lw.w.WriteString(s)
	_, lw.err = lw.w.WriteString("\r\n")
}

// prop writes NAME[;params]:value; params are written as given.
func (lw *lineWriter) prop(name, params, value string) {
	if params == "" {
		lw.line(name + ":" + value)
		return
	}
	lw.line(name + params + ":" + value)
}

// escapeText escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon, comma and line breaks. CRLF and lone CR become \n; other control
// characters, which TEXT does not allow, are dropped; invalid UTF-8 becomes
// U+FFFD.
func escapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			// dropped
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == ';' || c == ',' || c < 0x20 || c == 0x7f {
			return true
		}
	}
	return !utf8.ValidString(s)
}
