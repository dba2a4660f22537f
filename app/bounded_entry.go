package app

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchInputMax is the most text the search box holds, in bytes: a search
// reads its first words only, and a page pasted into an entry costs the
// entry itself seconds to lay out on the UI thread.
const searchInputMax = 512

// boundedEntry is a one-line entry that takes at most max bytes: typing
// stops there and a paste is cut to what fits.
type boundedEntry struct {
	widget.Entry
	max int
}

func newBoundedEntry(max int) *boundedEntry {
	e := &boundedEntry{max: max}
	e.ExtendBaseWidget(e)
	return e
}

// TypedRune ignores keys once the entry is full.
func (e *boundedEntry) TypedRune(r rune) {
	if len(e.Text)+utf8.RuneLen(r) > e.max {
		return
	}
	e.Entry.TypedRune(r)
}

// TypedShortcut cuts a paste to what fits.
func (e *boundedEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		s = &fyne.ShortcutPaste{Clipboard: cutClipboard{Clipboard: p.Clipboard, max: e.max - len(e.Text)}}
	}
	e.Entry.TypedShortcut(s)
}

// cutClipboard reads at most max bytes of a clipboard, on a character
// boundary.
type cutClipboard struct {
	fyne.Clipboard
	max int
}

func (c cutClipboard) Content() string {
	s := c.Clipboard.Content()
	if len(s) <= c.max {
		return s
	}
	end := max(c.max, 0)
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}
