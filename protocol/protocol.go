// Package protocol keeps the team's emergency protocol reviewed: every saved
// text as a version with who saved it and when, a review cadence in days,
// who reviewed it last and when, and the critical links kept beside it (a
// runbook, the status page, where credentials are kept). A link holds no
// secret itself; CheckLink refuses one that looks like it does.
//
// The package never imports the UI or storage, and takes the instant as an
// argument.
package protocol

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"dev.remotecto/remotecto/internal/termsafe"
)

// Sentinel errors, checked with errors.Is.
var (
	ErrBadCadence = errors.New("review cadence must be 0 (no reviews) to 3650 days")
	ErrBadLink    = errors.New("a link needs a title of at most 80 characters and a URL or vault path of at most 500")
	ErrSecret     = errors.New("a link must not hold a secret: point to where it is kept (a vault path) instead")
	ErrManyLinks  = errors.New("at most 50 critical links")
	ErrDupLink    = errors.New("two links have the same title")
)

// Defaults and limits.
const (
	// DefaultEveryDays is the review cadence of a team that never chose one.
	DefaultEveryDays = 90
	// MaxEveryDays is the longest cadence accepted, ten years.
	MaxEveryDays = 3650
	// MaxLinks is how many critical links are kept.
	MaxLinks = 50
	// MaxTitle and MaxTarget bound a link's title and target, in characters.
	MaxTitle  = 80
	MaxTarget = 500
)

// Version is one saved text of the protocol.
type Version struct {
	ID   int64
	Text string
	// Author is the member who saved it (the one set as "me"), empty when
	// nobody was set.
	Author string
	At     time.Time
}

// Review is one "reviewed, still right" mark on the protocol.
type Review struct {
	At time.Time
	// By is the member who reviewed it, empty when nobody was set as "me".
	By string
	// VersionID is the version that was reviewed.
	VersionID int64
}

// Link is a critical link: a title and a URL or a vault path (such as
// "op://Ops/AWS root" or "vault: secret/prod/db"), never a secret itself.
type Link struct {
	Title  string
	Target string
}

// Settings are the choices about the protocol that are not its text.
type Settings struct {
	// EveryDays is the review cadence: the protocol is due for review this
	// many days after the last review. 0 turns reviews off.
	EveryDays int
	Links     []Link
}

// Normalize returns a checked copy: the cadence in range, every link
// checked (CheckLink), titles unique without regard to case.
func (s Settings) Normalize() (Settings, error) {
	if s.EveryDays < 0 || s.EveryDays > MaxEveryDays {
		return s, fmt.Errorf("review every %d days: %w", s.EveryDays, ErrBadCadence)
	}
	links, err := NormalizeLinks(s.Links)
	s.Links = links
	return s, err
}

// State is the protocol as it stands: its settings, its current version,
// when it was first written and its last review.
type State struct {
	Settings
	// Current is the latest version; its ID is 0 when none was saved.
	Current Version
	// Versions counts the saved versions.
	Versions int
	// Since is when the first version was saved; zero when none was.
	Since time.Time
	// LastReview is the latest review; its At is zero when none was made.
	LastReview Review
}

// ReviewDue returns when the protocol is next due for review: the last
// review, or when the protocol was first written if it was never reviewed,
// plus the cadence in calendar days (in UTC). With a protocol on record but
// no time to count from, it is due now. It is the zero time when reviews
// are off (cadence 0) or there is no protocol text.
func (s State) ReviewDue(now time.Time) time.Time {
	if s.EveryDays <= 0 || strings.TrimSpace(s.Current.Text) == "" {
		return time.Time{}
	}
	base := s.LastReview.At
	if base.IsZero() {
		base = s.Since
	}
	if base.IsZero() {
		return now.UTC()
	}
	return base.UTC().AddDate(0, 0, s.EveryDays)
}

// Overdue reports whether a review is due at now.
func (s State) Overdue(now time.Time) bool {
	due := s.ReviewDue(now)
	return !due.IsZero() && !now.Before(due)
}

// ReviewedSinceChange reports whether the last review was of the current
// version.
func (s State) ReviewedSinceChange() bool {
	return !s.LastReview.At.IsZero() && s.LastReview.VersionID == s.Current.ID
}

// Status describes the review state in one line, dates in loc: "Last
// reviewed by Ana on Wed 2 Sep 2026; next review due Tue 1 Dec 2026." A
// review that is due says so first.
func (s State) Status(now time.Time, loc *time.Location) string {
	day := func(t time.Time) string { return t.In(loc).Format("Mon 2 Jan 2006") }
	if strings.TrimSpace(s.Current.Text) == "" {
		return "No emergency protocol written yet."
	}
	var b strings.Builder
	due := s.ReviewDue(now)
	if !due.IsZero() && !now.Before(due) {
		b.WriteString("Review due since " + day(due) + ". ")
	}
	if s.LastReview.At.IsZero() {
		b.WriteString("Never reviewed")
		if !s.Since.IsZero() {
			b.WriteString(" (written " + day(s.Since) + ")")
		}
	} else {
		b.WriteString("Last reviewed")
		if s.LastReview.By != "" {
			b.WriteString(" by " + s.LastReview.By)
		}
		b.WriteString(" on " + day(s.LastReview.At))
		if !s.ReviewedSinceChange() {
			b.WriteString(", changed since")
		}
	}
	switch {
	case s.EveryDays == 0:
		b.WriteString("; reviews are off.")
	case due.IsZero() || !now.Before(due):
		b.WriteString(".")
	default:
		b.WriteString("; next review due " + day(due) + ".")
	}
	return b.String()
}

// NormalizeLinks checks every link (CheckLink), refuses two with the same
// title (in any case) and more than MaxLinks, and returns the trimmed links.
func NormalizeLinks(links []Link) ([]Link, error) {
	if len(links) > MaxLinks {
		return links, fmt.Errorf("%d links: %w", len(links), ErrManyLinks)
	}
	out := make([]Link, 0, len(links))
	seen := map[string]bool{}
	for i, l := range links {
		n, err := CheckLink(l)
		if err != nil {
			return links, fmt.Errorf("link %d: %w", i+1, err)
		}
		key := strings.ToLower(n.Title)
		if seen[key] {
			return links, fmt.Errorf("link %d: title %s: %w", i+1, termsafe.Quote(n.Title), ErrDupLink)
		}
		seen[key] = true
		out = append(out, n)
	}
	return out, nil
}

// CheckLink returns the link trimmed, or an error naming what is wrong: an
// empty or too long title or target, a control character, or a secret in
// the target (see Secret). An empty title takes the target.
func CheckLink(l Link) (Link, error) {
	l.Title, l.Target = strings.TrimSpace(l.Title), strings.TrimSpace(l.Target)
	if l.Title == "" {
		l.Title = l.Target
	}
	if err := termsafe.CheckLine("link title", l.Title); err != nil {
		return l, err
	}
	if err := termsafe.CheckLine("link target", l.Target); err != nil {
		return l, err
	}
	if l.Target == "" || utf8.RuneCountInString(l.Title) > MaxTitle || utf8.RuneCountInString(l.Target) > MaxTarget {
		return l, fmt.Errorf("link %s: %w", termsafe.Quote(l.Title), ErrBadLink)
	}
	if what := Secret(l.Target); what != "" {
		return l, fmt.Errorf("link %s: the target holds %s: %w", termsafe.Quote(l.Title), what, ErrSecret)
	}
	return l, nil
}

var (
	// secretParam matches names of URL query parameters whose values are
	// secrets, as the emergency sheet hides them.
	secretParam = regexp.MustCompile(`(?i)(token|secret|passw|pwd|key|sig|auth|credential|session)`)
	// secretAssign matches "password=…", "token: …" and the like in any text.
	secretAssign = regexp.MustCompile(`(?i)\b(password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key)\s*[:=]\s*[^\s&]+`)
	// secretShapes are well-known shapes of tokens: Slack, GitHub, GitLab,
	// AWS access keys, Stripe live keys, private key blocks.
	secretShapes = regexp.MustCompile(`xox[abposr]-[0-9A-Za-z-]{10,}|gh[pousr]_[0-9A-Za-z]{20,}|glpat-[0-9A-Za-z_-]{20,}|\bAKIA[0-9A-Z]{16}\b|\b[rs]k_live_[0-9A-Za-z]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY`)
)

// Secret returns what looks like a secret in a link's target, "" when
// nothing does: a password in a URL's user information, the value of a
// query parameter named like a token, key, signature or password, an
// assignment such as "password=…", or the shape of a well-known token.
func Secret(target string) string {
	if u, err := url.Parse(target); err == nil && u.Scheme != "" {
		if _, ok := u.User.Password(); ok {
			return "a password in the URL"
		}
		for k, vs := range u.Query() {
			for _, v := range vs {
				if v != "" && secretParam.MatchString(k) {
					return fmt.Sprintf("the value of %s", termsafe.Quote(k))
				}
			}
		}
	}
	if m := secretAssign.FindString(target); m != "" {
		name, _, _ := strings.Cut(m, "=")
		name, _, _ = strings.Cut(name, ":")
		return fmt.Sprintf("a value for %s", termsafe.Quote(strings.TrimSpace(name)))
	}
	if secretShapes.MatchString(target) {
		return "something shaped like an access token"
	}
	return ""
}

// LinkURL returns the URL to open for a link's target: the target itself
// when it is an http or https URL with a host, "" otherwise (a vault path is
// copied, not opened).
func LinkURL(target string) string {
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}
