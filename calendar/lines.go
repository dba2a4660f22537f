package calendar

import (
	"bufio"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 section 3.1 allows,
// line break excluded.
const maxLineOctets = 75

// lineWriter writes content lines with CRLF endings, folded at 75 octets
// without splitting a UTF-8 sequence. A line is written in pieces (name,
// parameters, value) without building it first. The first write error
// sticks.
type lineWriter struct {
	w       *bufio.Writer
	err     error
	col     int      // octets on the current physical line
	scratch [64]byte // for formatting times
}

// put appends s to the current content line, folding as needed.
func (lw *lineWriter) put(s string) {
	for len(s) > 0 {
		room := maxLineOctets - lw.col
		if len(s) <= room {
			lw.w.WriteString(s)
			lw.col += len(s)
			return
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		lw.w.WriteString(s[:cut])
		lw.w.WriteString("\r\n ")
		lw.col = 1
		s = s[cut:]
	}
}

// end finishes the current content line.
func (lw *lineWriter) end() {
	_, err := lw.w.WriteString("\r\n")
	if lw.err == nil {
		lw.err = err
	}
	lw.col = 0
}

// line writes one whole content line.
func (lw *lineWriter) line(s string) {
	lw.put(s)
	lw.end()
}

// prop writes NAME[params]:value; params and value are written as given.
func (lw *lineWriter) prop(name, params, value string) {
	lw.put(name)
	lw.put(params)
	lw.put(":")
	lw.put(value)
	lw.end()
}

// text writes NAME:value with value escaped as TEXT (see escapeText),
// without building the escaped copy first.
func (lw *lineWriter) text(name, value string) {
	lw.put(name)
	lw.put(":")
	if !utf8.ValidString(value) {
		value = strings.ToValidUTF8(value, "\uFFFD")
	}
	for {
		i := 0
		for i < len(value) {
			if c := value[i]; c == '\\' || c == ';' || c == ',' || c < 0x20 || c == 0x7f {
				break
			}
			i++
		}
		lw.put(value[:i])
		if i == len(value) {
			break
		}
		switch c := value[i]; c {
		case '\\':
			lw.put(`\\`)
		case ';':
			lw.put(`\;`)
		case ',':
			lw.put(`\,`)
		case '\r':
			if i+1 < len(value) && value[i+1] == '\n' {
				i++
			}
			lw.put(`\n`)
		case '\n':
			lw.put(`\n`)
		case '\t':
			lw.put("\t")
		}
		value = value[i+1:]
	}
	lw.end()
}

// appendDateTime appends t as 20060102T150405 (with Z when utc).
func appendDateTime(b []byte, t time.Time, utc bool) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = appendDate(b, y, mo, d)
	b = append(b, 'T', byte('0'+h/10), byte('0'+h%10), byte('0'+mi/10), byte('0'+mi%10), byte('0'+s/10), byte('0'+s%10))
	if utc {
		b = append(b, 'Z')
	}
	return b
}

// appendDate appends a date as 20060102 (years 0 to 9999).
func appendDate(b []byte, y int, m time.Month, d int) []byte {
	y = min(max(y, 0), 9999)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+int(m)/10), byte('0'+int(m)%10), byte('0'+d/10), byte('0'+d%10))
}

// time writes NAME[params]:t as a DATE-TIME (with Z when utc).
func (lw *lineWriter) time(name, params string, t time.Time, utc bool) {
	lw.put(name)
	lw.put(params)
	lw.put(":")
	b := appendDateTime(lw.scratch[:0], t, utc)
	if lw.col+len(b) <= maxLineOctets {
		lw.w.Write(b)
		lw.col += len(b)
	} else {
		lw.put(string(b))
	}
	lw.end()
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
