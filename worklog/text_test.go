package worklog

import (
	"errors"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

// TestNormalizeRefusesControlCharacters: notes and update text keep
// newlines and tabs; any other control character, and bytes that are not
// UTF-8, are refused in every text field of the log, whoever writes it
// (the command line or the GUI).
func TestNormalizeRefusesControlCharacters(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	upd := func(f func(*Update)) Update {
		u := Update{Author: "Ana", Kind: KindDecision, At: at, Text: "Use Postgres\n\n- fast\t- boring"}
		f(&u)
		return u
	}
	updates := []struct {
		name string
		u    Update
		want error
	}{
		{"plain", upd(func(*Update) {}), nil},
		{"escape in text", upd(func(u *Update) { u.Text = "Use \x1b[2JPostgres" }), termsafe.ErrControl},
		{"carriage return in text", upd(func(u *Update) { u.Text = "a\rb" }), termsafe.ErrControl},
		{"text not UTF-8", upd(func(u *Update) { u.Text = "caf\xe9" }), termsafe.ErrInvalidUTF8},
		{"author with newline", upd(func(u *Update) { u.Author = "Ana\nBo" }), termsafe.ErrControl},
		{"tag not UTF-8", upd(func(u *Update) { u.Tags = []string{"db\xff"} }), termsafe.ErrInvalidUTF8},
		{"time before 1970", upd(func(u *Update) { u.At = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Hour) }), timezone.ErrOutOfRange},
	}
	for _, tt := range updates {
		if _, err := tt.u.Normalize(); !errors.Is(err, tt.want) {
			t.Errorf("update %s: got %v; want %v", tt.name, err, tt.want)
		}
	}
	one := func(f func(*OneOnOne)) OneOnOne {
		o := OneOnOne{Member: "Ana", At: at, Notes: "Growth\n\tplan", Actions: []ActionItem{{Text: "Write RFC", Owner: "Ana"}}}
		f(&o)
		return o
	}
	oneOnOnes := []struct {
		name string
		o    OneOnOne
		want error
	}{
		{"plain", one(func(*OneOnOne) {}), nil},
		{"escape in notes", one(func(o *OneOnOne) { o.Notes = "\x1b]0;owned\x07" }), termsafe.ErrControl},
		{"notes not UTF-8", one(func(o *OneOnOne) { o.Notes = "\xff" }), termsafe.ErrInvalidUTF8},
		{"action of two lines", one(func(o *OneOnOne) { o.Actions[0].Text = "Write\nRFC" }), termsafe.ErrControl},
		{"action owner not UTF-8", one(func(o *OneOnOne) { o.Actions[0].Owner = "Bo\xff" }), termsafe.ErrInvalidUTF8},
		{"time after 2200", one(func(o *OneOnOne) { o.At = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }), timezone.ErrOutOfRange},
	}
	for _, tt := range oneOnOnes {
		if _, err := tt.o.Normalize(time.UTC); !errors.Is(err, tt.want) {
			t.Errorf("1:1 %s: got %v; want %v", tt.name, err, tt.want)
		}
	}
}
