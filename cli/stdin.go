package cli

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// maxStdinText is the most text an option reads from standard input.
const maxStdinText = 1 << 20

// textArg returns the text given with an option: the value itself, or, when
// the value is "-", what standard input holds (at most maxStdinText bytes;
// CRLF line ends become LF and the final line end is dropped). This is how
// text longer than the system allows in an argument (a 1 MB set of notes)
// is entered.
func (c *Context) textArg(field, value string) (string, error) {
	if value != "-" {
		return value, nil
	}
	if c.Stdin == nil {
		return "", usagef("%s -: there is no standard input to read", field)
	}
	data, err := io.ReadAll(io.LimitReader(c.Stdin, maxStdinText+1))
	if err != nil {
		return "", errors.Join(usagef("%s -: read standard input", field), err)
	}
	if len(data) > maxStdinText {
		return "", usagef("%s -: standard input holds more than 1 MiB (%d bytes); the limit is %d bytes", field, maxStdinText, maxStdinText)
	}
	if !utf8.Valid(data) {
		return "", usagef("%s -: standard input is not valid UTF-8", field)
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.TrimSuffix(s, "\n"), nil
}
