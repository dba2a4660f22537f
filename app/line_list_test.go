package app

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrapLinesKeepsEveryWordWithinTheWidth(t *testing.T) {
	cases := []struct {
		name string
		line string
		cols int
		want []string
	}{
		{"fits", "Ana: 09:00–17:00", 20, []string{"Ana: 09:00–17:00"}},
		{"breaks at a space", "missing: Ana, Bo, Cy, Dee", 16, []string{"missing: Ana,", "  Bo, Cy, Dee"}},
		{"keeps the indent", "    Zoë Ångström: 09:00–17:00 Europe", 20, []string{"    Zoë Ångström:", "      09:00–17:00", "      Europe"}},
		{"cuts a long word", "abcdefghijklmnopqrstuvwxyz", 12, []string{"abcdefghijkl", "  mnopqrstuv", "  wxyz"}},
		{"too narrow to wrap", "a b c d e f g h i j k l m n o", 8, []string{"a b c d e f g h i j k l m n o"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrapLines([]string{c.line}, c.cols)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("wrapLines(%q, %d) = %q, want %q", c.line, c.cols, got, c.want)
			}
			if c.cols >= 12 {
				for _, r := range got {
					if utf8.RuneCountInString(r) > c.cols {
						t.Errorf("row %q is longer than %d", r, c.cols)
					}
				}
			}
		})
	}
}

func TestLineListWrapsAgainWhenResized(t *testing.T) {
	l := newLineList()
	l.SetText("first line\n" + strings.Repeat("word ", 40))
	l.Resize(l.MinSize().AddWidthHeight(2000, 200))
	wide := len(l.rows)
	l.Resize(l.MinSize().AddWidthHeight(200, 200))
	if narrow := len(l.rows); narrow <= wide {
		t.Fatalf("rows at a narrow width = %d, want more than the %d at a wide one", narrow, wide)
	}
	if l.Text != "first line\n"+strings.Repeat("word ", 40) {
		t.Fatal("Text changed")
	}
}
