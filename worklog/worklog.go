// Package worklog is the 1:1 and async update log of a remote CTO: 1:1 notes
// with action items and a cadence per member, async updates (status,
// decision, blocker, win) with tags, carry-forward of open action items,
// when the next 1:1 is due, and a Markdown export. It never imports Fyne or
// database/sql; its storage lives in package store.
package worklog

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

// Errors a caller checks with errors.Is.
var (
	ErrBadKind     = errors.New("kind must be status, decision, blocker or win")
	ErrEmptyText   = errors.New("text is empty")
	ErrNoMember    = errors.New("member is empty")
	ErrNoTime      = errors.New("time is missing")
	ErrBadTag      = errors.New("tag must be one word without commas")
	ErrBadCadence  = errors.New("cadence must be none, 1w, 2w or 4w")
	ErrBadDuration = errors.New("1:1 length must be 5 to 480 minutes")
)

// Kind is what an async update is about.
type Kind string

// The kinds of update.
const (
	KindStatus   Kind = "status"
	KindDecision Kind = "decision"
	KindBlocker  Kind = "blocker"
	KindWin      Kind = "win"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindStatus, KindDecision, KindBlocker, KindWin}

// ParseKind reads a kind name (case-insensitive).
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Kinds {
		if k == known {
			return k, nil
		}
	}
	return "", fmt.Errorf("kind %q: %w", s, ErrBadKind)
}

// Update is one async update: a status report, a decision, a blocker or a win.
type Update struct {
	ID     int64 // storage identity; 0 for an update not yet saved
	Author string
	// AuthorZone is the author's IANA zone, filled in by storage for display.
	AuthorZone string
	At         time.Time
	Kind       Kind
	// Text is kept exactly as written (Markdown, emoji, several lines).
	Text string
	Tags []string
}

// Normalize returns a checked copy: author trimmed, time in UTC to the
// second and inside the accepted range, tags trimmed, lower-cased and
// without duplicates. Text is kept exactly but must not be blank. Text may
// hold newlines and tabs but no other control character, author and tags
// none at all, and all of them must be valid UTF-8 (termsafe.CheckText and
// CheckLine).
func (u Update) Normalize() (Update, error) {
	u.Author = strings.TrimSpace(u.Author)
	if u.Author == "" {
		return u, fmt.Errorf("author: %w", ErrNoMember)
	}
	if err := termsafe.CheckLine("author", u.Author); err != nil {
		return u, err
	}
	k, err := ParseKind(string(u.Kind))
	if err != nil {
		return u, err
	}
	u.Kind = k
	if u.At.IsZero() {
		return u, fmt.Errorf("update time: %w", ErrNoTime)
	}
	if err := timezone.CheckInstant("update time", u.At); err != nil {
		return u, err
	}
	u.At = u.At.UTC().Truncate(time.Second)
	if strings.TrimSpace(u.Text) == "" {
		return u, fmt.Errorf("update text: %w", ErrEmptyText)
	}
	if err := termsafe.CheckText("update text", u.Text); err != nil {
		return u, err
	}
	tags, err := NormalizeTags(u.Tags)
	if err != nil {
		return u, err
	}
	u.Tags = tags
	return u, nil
}

// UpdateFilter chooses updates: by kind, author, tag and a half-open time
// range [From, To); zero values match everything. Limit 0 means no limit;
// Offset skips that many of the newest (for paging).
type UpdateFilter struct {
	Kind   Kind
	Author string
	Tag    string
	From   time.Time
	To     time.Time
	Limit  int
	Offset int
}

// ParseTags splits a comma-separated tag list ("infra, hiring").
func ParseTags(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	return NormalizeTags(strings.Split(s, ","))
}

// NormalizeTags trims and lower-cases tags, drops empty ones and duplicates,
// and refuses a tag with spaces or commas inside. Leading "#"s are dropped.
func NormalizeTags(in []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, t := range in {
		if err := termsafe.CheckLine("tag", strings.TrimSpace(t)); err != nil {
			return nil, fmt.Errorf("%w: %w", err, ErrBadTag)
		}
		t = strings.ToLower(strings.TrimLeft(strings.TrimSpace(t), "#"))
		if t == "" {
			continue
		}
		if strings.ContainsFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || unicode.IsControl(r) }) || len(t) > 40 {
			return nil, fmt.Errorf("tag %q: %w", t, ErrBadTag)
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// ActionItem is a task agreed in a 1:1.
type ActionItem struct {
	ID    int64 // storage identity; 0 for an item not yet saved
	Text  string
	Owner string
	// Due is the day it should be done by; the zero Date means no due date.
	Due  timezone.Date
	Done bool
	// Raised is the date of the 1:1 that first recorded the item; it stays
	// when the item is carried forward.
	Raised timezone.Date
	// Member is whose 1:1 the item belongs to, filled in by storage.
	Member string
	// OneOnOneID is the 1:1 the item is listed under now, filled in by storage.
	OneOnOneID int64
}

// Overdue reports whether the item is open and its due date has passed in
// loc at now (an item due today is not overdue).
func (a ActionItem) Overdue(loc *time.Location, now time.Time) bool {
	return !a.Done && !a.Due.IsZero() && timezone.DateOf(now.In(loc)).After(a.Due)
}

// OneOnOne is one 1:1 meeting with a member.
type OneOnOne struct {
	ID     int64 // storage identity; 0 for a 1:1 not yet saved
	Member string
	At     time.Time
	// Notes are kept exactly as written (Markdown, emoji, several lines).
	Notes   string
	Actions []ActionItem
}

// Normalize returns a checked copy: member trimmed, time in UTC to the
// second and inside the accepted range, action items with text and an
// owner (the member when none is given) and Raised set to the 1:1's date in
// loc when missing. Notes may hold newlines and tabs but no other control
// character; the member, action items and owners are one line each; all of
// them must be valid UTF-8 (termsafe.CheckText and CheckLine).
func (o OneOnOne) Normalize(loc *time.Location) (OneOnOne, error) {
	o.Member = strings.TrimSpace(o.Member)
	if o.Member == "" {
		return o, fmt.Errorf("1:1 member: %w", ErrNoMember)
	}
	if err := termsafe.CheckLine("1:1 member", o.Member); err != nil {
		return o, err
	}
	if o.At.IsZero() {
		return o, fmt.Errorf("1:1 date: %w", ErrNoTime)
	}
	if err := timezone.CheckInstant("1:1 date", o.At); err != nil {
		return o, err
	}
	o.At = o.At.UTC().Truncate(time.Second)
	if strings.TrimSpace(o.Notes) == "" && len(o.Actions) == 0 {
		return o, fmt.Errorf("1:1 notes: %w", ErrEmptyText)
	}
	if err := termsafe.CheckText("1:1 notes", o.Notes); err != nil {
		return o, err
	}
	acts := make([]ActionItem, 0, len(o.Actions))
	for i, a := range o.Actions {
		if strings.TrimSpace(a.Text) == "" {
			return o, fmt.Errorf("action item %d: %w", i+1, ErrEmptyText)
		}
		a.Owner = strings.TrimSpace(a.Owner)
		if err := termsafe.CheckLine(fmt.Sprintf("action item %d", i+1), a.Text); err != nil {
			return o, err
		}
		if err := termsafe.CheckLine(fmt.Sprintf("action item %d owner", i+1), a.Owner); err != nil {
			return o, err
		}
		if a.Owner == "" {
			a.Owner = o.Member
		}
		if a.Raised.IsZero() {
			a.Raised = timezone.DateOf(o.At.In(loc))
		}
		acts = append(acts, a)
	}
	o.Actions = acts
	return o, nil
}

// OpenCount returns how many of the 1:1's action items are not done.
func (o OneOnOne) OpenCount() int {
	n := 0
	for _, a := range o.Actions {
		if !a.Done {
			n++
		}
	}
	return n
}

// CarryForward returns the action items of a new 1:1: the open items of
// earlier 1:1s first (in their order), then the new ones. An earlier item
// the new list already holds (same ID) is not added twice, so the state the
// user gave it (done, edited text) wins.
func CarryForward(open, items []ActionItem) []ActionItem {
	have := map[int64]bool{}
	for _, a := range items {
		if a.ID != 0 {
			have[a.ID] = true
		}
	}
	out := make([]ActionItem, 0, len(open)+len(items))
	for _, a := range open {
		if !a.Done && !have[a.ID] {
			out = append(out, a)
		}
	}
	// Keep carried items that the caller already listed in front, in order.
	var carried, fresh []ActionItem
	for _, a := range items {
		if a.ID != 0 {
			carried = append(carried, a)
		} else {
			fresh = append(fresh, a)
		}
	}
	out = append(carried, out...)
	return append(out, fresh...)
}

// SortActions orders open action items for the team list: overdue first (the
// oldest due date on top), then by due date, then items with no due date; by
// the date raised within each. zone gives the zone of the member whose 1:1
// an item belongs to, in which "overdue" is judged.
func SortActions(items []ActionItem, zone func(member string) *time.Location, now time.Time) []ActionItem {
	out := append([]ActionItem(nil), items...)
	over := make(map[int64]bool, len(out))
	for _, a := range out {
		over[a.ID] = a.Overdue(zone(a.Member), now)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if over[a.ID] != over[b.ID] {
			return over[a.ID]
		}
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		if a.Due != b.Due {
			return a.Due.Before(b.Due)
		}
		return a.Raised.Before(b.Raised)
	})
	return out
}
