package alert

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Sentinel errors of contact links.
var (
	ErrNoPhone  = errors.New("no phone number")
	ErrBadPhone = errors.New("not a phone number: digits with an optional leading + or 00, spaces, dashes, dots, slashes and brackets, and an optional extension")
)

// MailtoURL returns a mailto: URL (RFC 6068) that opens an email draft to
// every address, with the subject and body filled in. Addresses, subject and
// body are percent-encoded as UTF-8 (spaces as %20, not "+"), and line
// breaks of the body become CRLF, as the RFC asks. Empty addresses are left
// out. Mail clients cap URL length (a few thousand characters on some
// systems), so keep the body short.
func MailtoURL(addresses []string, subject, body string) string {
	var to []string
	for _, a := range addresses {
		if a = strings.TrimSpace(a); a != "" {
			to = append(to, percentEncode(a, "@"))
		}
	}
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	body = strings.ReplaceAll(body, "\n", "\r\n")
	var b strings.Builder
	b.WriteString("mailto:")
	b.WriteString(strings.Join(to, ","))
	sep := "?"
	if subject != "" {
		b.WriteString(sep + "subject=" + percentEncode(subject, ""))
		sep = "&"
	}
	if body != "" {
		b.WriteString(sep + "body=" + percentEncode(body, ""))
	}
	return b.String()
}

// percentEncode escapes every byte of s's UTF-8 form except the unreserved
// characters of RFC 3986 and those in keep.
func percentEncode(s, keep string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

var (
	phoneExt   = regexp.MustCompile(`(?i)\s*(?:;\s*ext=|ext\.?|extension|x|#)\s*(\d{1,10})\s*$`)
	phoneChars = regexp.MustCompile(`^\+?[0-9 ()./\-]+$`)
)

// TelURL returns a tel: URL (RFC 3966) for a phone number as people write
// it: "+351 912 345 678" becomes "tel:+351912345678". Spaces, dashes, dots,
// slashes and brackets are dropped; a leading 00 (the international call
// prefix of most countries) becomes +; an extension written "x12", "ext. 12"
// or "#12" becomes ";ext=12"; the "(0)" of "+44 (0)20 7946 0000" is dropped. A number without + or 00 is kept as a local
// number of digits. Letters are refused (spell out vanity numbers), and so is
// a number of fewer than 3 or more than 15 digits (E.164's limit).
func TelURL(phone string) (string, error) {
	p := strings.TrimSpace(phone)
	if p == "" {
		return "", ErrNoPhone
	}
	ext := ""
	if m := phoneExt.FindStringSubmatchIndex(p); m != nil {
		ext = ";ext=" + p[m[2]:m[3]]
		p = strings.TrimSpace(p[:m[0]])
	}
	if !phoneChars.MatchString(p) {
		return "", fmt.Errorf("phone %q: %w", phone, ErrBadPhone)
	}
	if strings.HasPrefix(p, "+") || strings.HasPrefix(p, "00") {
		// "+44 (0)20 ..." writes the national trunk 0 that an international call leaves out.
		p = strings.Replace(p, "(0)", "", 1)
	}
	var digits strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	d := digits.String()
	global := strings.HasPrefix(p, "+")
	if !global && strings.HasPrefix(d, "00") {
		d, global = d[2:], true
	}
	if len(d) < 3 || len(d) > 15 {
		return "", fmt.Errorf("phone %q: %d digits: %w", phone, len(d), ErrBadPhone)
	}
	if global {
		d = "+" + d
	}
	return "tel:" + d + ext, nil
}
