package worklog

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"dev.remotecto/remotecto/timezone"
)

// ErrBadAction reports an action item written in a way ParseAction cannot read.
var ErrBadAction = errors.New("action item must read \"[Owner: ]text [@YYYY-MM-DD]\"")

// ParseAction reads an action item written on one line as
//
//	[Owner: ]text [@YYYY-MM-DD]
//
// "Ana: send the draft @2026-12-01" is owned by Ana and due on 1 December.
// The owner prefix is recognised only when it names one of members (any
// case), so "Note: ask about X" stays text; with no owner the item belongs
// to defaultOwner. A trailing "@" word must be a valid date.
func ParseAction(s, defaultOwner string, members []string) (ActionItem, error) {
	a := ActionItem{Owner: defaultOwner}
	text := strings.TrimSpace(s)
	if !utf8.ValidString(text) {
		return a, fmt.Errorf("action item %q: not valid UTF-8: %w", s, ErrBadAction)
	}
	if head, rest, ok := strings.Cut(text, ":"); ok {
		for _, m := range members {
			if strings.EqualFold(strings.TrimSpace(head), m) {
				a.Owner, text = m, strings.TrimSpace(rest)
				break
			}
		}
	}
	if i := strings.LastIndexAny(text, " \t"); i >= 0 || strings.HasPrefix(text, "@") {
		last := text[i+1:]
		if strings.HasPrefix(last, "@") {
			d, err := timezone.ParseDate(last[1:])
			if err != nil {
				return a, fmt.Errorf("action item %q: due date %q: %w", s, last[1:], ErrBadAction)
			}
			a.Due = d
			text = strings.TrimSpace(text[:max(i, 0)])
		}
	}
	if text == "" {
		return a, fmt.Errorf("action item %q: %w", s, ErrEmptyText)
	}
	a.Text = text
	return a, nil
}

// FormatAction writes an item back in the form ParseAction reads.
func FormatAction(a ActionItem) string {
	s := a.Text
	if a.Owner != "" {
		s = a.Owner + ": " + s
	}
	if !a.Due.IsZero() {
		s += " @" + a.Due.String()
	}
	return s
}
