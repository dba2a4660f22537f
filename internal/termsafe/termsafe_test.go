package termsafe

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want, wantText string }{
		{"Ana", "Ana", "Ana"},
		{"café ☕ 日本語 🎉", "café ☕ 日本語 🎉", "café ☕ 日本語 🎉"},
		{`C:\path`, `C:\path`, `C:\path`},
		{"red\x1b[31malert\x1b[0m", `red\x1b[31malert\x1b[0m`, `red\x1b[31malert\x1b[0m`},
		{"a\x00b", `a\x00b`, `a\x00b`},
		{"two\nlines\tand tab", `two\nlines\tand tab`, "two\nlines\tand tab"},
		{"over\rwrite", `over\rwrite`, `over\rwrite`},
		{"windows\r\nline", `windows\r\nline`, "windows\nline"},
		{"del\x7f", `del\x7f`, `del\x7f`},
		{"c1\u009bcsi", `c1\u009bcsi`, `c1\u009bcsi`},
		{"bidi \u202egnp.exe", `bidi \u202egnp.exe`, `bidi \u202egnp.exe`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`, `isolate \u2066x\u2069`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`, `bad \xff\xfe utf8`},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if got := Text(tt.in); got != tt.wantText {
			t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.wantText)
		}
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("a", 10<<20)
	tests := []struct{ in, want string }{
		{"Ana", `"Ana"`},
		{"", `""`},
		{"a\x1bb\n", `"a\x1bb\n"`},
		{"\xff", `"\xff"`},
		{strings.Repeat("x", 78), `"` + strings.Repeat("x", 78) + `"`},
		{strings.Repeat("x", 79), `"` + strings.Repeat("x", 61) + `"… (79 characters)`},
		{long, `"` + strings.Repeat("a", 55) + `"… (10485760 characters)`},
		{strings.Repeat("日", 100), `"` + strings.Repeat("日", 60) + `"… (100 characters)`},
		{strings.Repeat("\x1b", 100), `"` + strings.Repeat(`\x1b`, 15) + `"… (100 characters)`},
	}
	for _, tt := range tests {
		got := Quote(tt.in)
		if got != tt.want {
			t.Errorf("Quote(%.40q) = %s; want %s", tt.in, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > MaxQuoted {
			t.Errorf("Quote(%.40q) is %d characters; want at most %d", tt.in, n, MaxQuoted)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		in               string
		lineErr, textErr error
		wantText         string // part of the CheckLine message
	}{
		{"Ana Lima", nil, nil, ""},
		{"café ☕", nil, nil, ""},
		{"a\tb", ErrControl, nil, `\t at character 2`},
		{"notes\nmore", ErrControl, nil, `\n at character 6`},
		{"a\r\nb", ErrControl, ErrControl, `\r at character 2`},
		{"Ana\x1b[31m", ErrControl, ErrControl, `"Ana\x1b[31m": \x1b at character 4`},
		{"nul\x00", ErrControl, ErrControl, `\x00`},
		{"c1\u0085", ErrControl, ErrControl, `\u0085`},
		{"bad\xc3(", ErrInvalidUTF8, ErrInvalidUTF8, `byte 0xc3 at character 4`},
	}
	for _, tt := range tests {
		err := CheckLine("name", tt.in)
		if !errors.Is(err, tt.lineErr) || (err == nil) != (tt.lineErr == nil) {
			t.Errorf("CheckLine(%q) = %v; want %v", tt.in, err, tt.lineErr)
		}
		if err != nil && (!strings.HasPrefix(err.Error(), "name ") || !strings.Contains(err.Error(), tt.wantText)) {
			t.Errorf("CheckLine(%q) = %q; want the field and %s", tt.in, err, tt.wantText)
		}
		if err := CheckText("notes", tt.in); !errors.Is(err, tt.textErr) || (err == nil) != (tt.textErr == nil) {
			t.Errorf("CheckText(%q) = %v; want %v", tt.in, err, tt.textErr)
		}
	}
	huge := strings.Repeat("x", 10<<20) + "\x00"
	if err := CheckLine("name", huge); err == nil || len(err.Error()) > 200 {
		t.Errorf("CheckLine of a 10 MB value: message of %d bytes; want an error of at most 200", len(err.Error()))
	}
}

func FuzzString(f *testing.F) {
	f.Add("red\x1b[31m\r\n\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{String(s), Text(s)} {
			if !utf8.ValidString(got) {
				t.Fatalf("String(%q) = %q is not valid UTF-8", s, got)
			}
			for _, r := range got {
				if isBidi(r) || (isControl(r) && r != '\n' && r != '\t') {
					t.Fatalf("escape of %q keeps %U", s, r)
				}
			}
		}
		if strings.ContainsAny(String(s), "\n\t") {
			t.Fatalf("String(%q) keeps a newline or tab", s)
		}
		if q := Quote(s); utf8.RuneCountInString(q) > MaxQuoted || !utf8.ValidString(q) {
			t.Fatalf("Quote(%q) = %q", s, q)
		}
	})
}
