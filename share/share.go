// Package share holds the values of sharing with the team: a publish target
// (a CalDAV collection or a WebDAV file, the feed it carries, what its last
// run did), the feeds there are, and the subscription of a database that
// follows a team published by someone else. They validate themselves;
// storage keeps them, the publish and follow packages act on them. It
// imports the standard library and the team package only.
package share

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/team"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrReadOnly reports an edit of the team in a database that follows a
	// team published elsewhere.
	ErrReadOnly = errors.New("the team is read-only while this database follows a published team: " +
		"change it where it is published, or stop following with 'remotecto team unsubscribe'")
	ErrBadTarget       = errors.New("not a valid publish target")
	ErrBadFeed         = errors.New("not a feed: give rotation:NAME, member:NAME, oncall, meetings or team")
	ErrDuplicateTarget = errors.New("a publish target of that name exists")
	ErrUnknownTarget   = errors.New("no publish target of that name")
	ErrNotFollowing    = errors.New("this database does not follow a team")
)

// Kind is how a target is written.
type Kind string

// The kinds of targets.
const (
	// CalDAV publishes a feed into a calendar collection, one resource per
	// event, incrementally.
	CalDAV Kind = "caldav"
	// WebDAV publishes one file: a feed as an .ics file people subscribe to,
	// or the team bundle.
	WebDAV Kind = "webdav"
)

// FeedKind says what a feed holds.
type FeedKind string

// The feeds there are.
const (
	// FeedRotation is one rotation's shifts.
	FeedRotation FeedKind = "rotation"
	// FeedMember is one member's shifts across every rotation.
	FeedMember FeedKind = "member"
	// FeedOnCall is every rotation's shifts.
	FeedOnCall FeedKind = "oncall"
	// FeedMeetings is the saved meetings and meeting series.
	FeedMeetings FeedKind = "meetings"
	// FeedTeam is the team bundle: the team file of the roster (time off
	// as "Away"), the rotations and the escalation policy. WebDAV only.
	FeedTeam FeedKind = "team"
)

// Feed is what a target publishes.
type Feed struct {
	Kind FeedKind
	// Name is the rotation or the member, for those kinds.
	Name string
}

// ParseFeed reads "rotation:NAME", "member:NAME", "oncall", "meetings" or
// "team" (kinds in any case).
func ParseFeed(s string) (Feed, error) {
	s = strings.TrimSpace(s)
	kind, name, hasName := strings.Cut(s, ":")
	f := Feed{Kind: FeedKind(strings.ToLower(strings.TrimSpace(kind))), Name: strings.TrimSpace(name)}
	switch f.Kind {
	case FeedRotation, FeedMember:
		if f.Name == "" {
			return f, fmt.Errorf("feed %s: name the %s after the colon: %w", termsafe.Quote(s), f.Kind, ErrBadFeed)
		}
		if err := termsafe.CheckLine("feed", f.Name); err != nil {
			return f, err
		}
		return f, nil
	case FeedOnCall, FeedMeetings, FeedTeam:
		if hasName {
			return f, fmt.Errorf("feed %s: %s takes no name: %w", termsafe.Quote(s), f.Kind, ErrBadFeed)
		}
		return f, nil
	}
	return f, fmt.Errorf("feed %s: %w", termsafe.Quote(s), ErrBadFeed)
}

// String writes the feed as ParseFeed reads it.
func (f Feed) String() string {
	if f.Name != "" {
		return string(f.Kind) + ":" + f.Name
	}
	return string(f.Kind)
}

// Describe says what the feed holds, for people.
func (f Feed) Describe() string {
	switch f.Kind {
	case FeedRotation:
		return "shifts of rotation " + f.Name
	case FeedMember:
		return f.Name + "'s shifts"
	case FeedOnCall:
		return "shifts of every rotation"
	case FeedMeetings:
		return "saved meetings"
	case FeedTeam:
		return "the team bundle"
	}
	return f.String()
}

// Outcome is what a target's last run did; its JSON is the command line's
// {"target","created","updated","deleted","unchanged","conflicts","error"}.
type Outcome struct {
	Target    string `json:"target"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	Conflicts int    `json:"conflicts"`
	Error     string `json:"error"`
}

// Target is a place the team's calendar or bundle is published to. The
// password is not here: it lives in the desktop keyring under SecretKey.
type Target struct {
	ID   int64
	Name string
	Kind Kind
	// URL is the calendar collection (CalDAV, ends with a slash) or the file
	// (WebDAV).
	URL  string
	User string
	Feed Feed
	// State is what the publish remembers of the server between runs
	// (JSON, the publish package's); empty before the first run.
	State []byte
	// LastRun is when the last run ended (zero before the first), Last what
	// it did; LastOK is when a run last ended without error.
	LastRun time.Time
	Last    Outcome
	LastOK  time.Time
}

// MaxNameLength bounds a target's name, in characters.
const MaxNameLength = 64

// Normalize returns a trimmed, checked copy: a name of letters, digits,
// spaces, dots, dashes and underscores; an absolute http or https URL
// without credentials (a CalDAV collection gets its final slash); a feed a
// target of that kind can carry (the team bundle goes to WebDAV only).
func (t Target) Normalize() (Target, error) {
	t.Name = strings.TrimSpace(t.Name)
	t.URL = strings.TrimSpace(t.URL)
	t.User = strings.TrimSpace(t.User)
	if err := CheckName(t.Name); err != nil {
		return t, err
	}
	if t.Kind != CalDAV && t.Kind != WebDAV {
		return t, fmt.Errorf("target %s: kind %s: choose caldav or webdav: %w", termsafe.Quote(t.Name), termsafe.Quote(string(t.Kind)), ErrBadTarget)
	}
	u, err := CheckURL(t.URL)
	if err != nil {
		return t, fmt.Errorf("target %s: %w", termsafe.Quote(t.Name), err)
	}
	if t.Kind == CalDAV && !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	t.URL = u.String()
	if err := termsafe.CheckLine("user", t.User); err != nil {
		return t, fmt.Errorf("target %s: %w", termsafe.Quote(t.Name), err)
	}
	f, err := ParseFeed(t.Feed.String())
	if err != nil {
		return t, fmt.Errorf("target %s: %w", termsafe.Quote(t.Name), err)
	}
	t.Feed = f
	if t.Kind == CalDAV && f.Kind == FeedTeam {
		return t, fmt.Errorf("target %s: the team bundle is a file: publish it with --webdav FILE_URL, not to a calendar collection: %w",
			termsafe.Quote(t.Name), ErrBadTarget)
	}
	return t, nil
}

// CheckName validates a target's name: 1 to MaxNameLength letters, digits,
// spaces, dots, dashes and underscores.
func CheckName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("name is empty: %w", ErrBadTarget)
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return fmt.Errorf("name %s is longer than %d characters: %w", termsafe.Quote(name), MaxNameLength, ErrBadTarget)
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '.' || r == '-' || r == '_') {
			return fmt.Errorf("name %s: use letters, digits, spaces, dots, dashes and underscores: %w", termsafe.Quote(name), ErrBadTarget)
		}
	}
	return nil
}

// CheckURL accepts an absolute http or https URL without a user name or
// password in it (those go to --user and the keyring).
func CheckURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("URL %s: give an absolute http or https URL: %w", termsafe.Quote(redact(raw)), ErrBadTarget)
	}
	if u.User != nil {
		return nil, fmt.Errorf("URL %s: put the user name in --user and the password in the keyring, not in the URL: %w",
			termsafe.Quote(u.Redacted()), ErrBadTarget)
	}
	return u, nil
}

// redact hides a password in a URL that may not parse.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		return u.Redacted()
	}
	if i := strings.Index(raw, "@"); i >= 0 {
		if j := strings.Index(raw, "://"); j >= 0 && j < i {
			return raw[:j+3] + "…" + raw[i:]
		}
	}
	return raw
}

// SecretKey is the name the target's password is kept under in the keyring.
func (t Target) SecretKey() string { return t.Name }

// Status says in a few words how the target's last run went: "published 3
// min ago", "not published yet", or "failed: " and its error.
func (t Target) Status(now time.Time) string {
	switch {
	case t.LastRun.IsZero():
		return "not published yet"
	case t.Last.Error != "":
		return "failed: " + t.Last.Error
	}
	return "published " + Ago(now.Sub(t.LastRun))
}

// Ago says how long ago, in the largest whole unit: "just now", "3 min
// ago", "5 h ago", "4 days ago".
func Ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
}

// Subscription is where a following database takes its team from.
type Subscription struct {
	// URL is the team bundle's file.
	URL  string
	User string
	// ETag is the entity tag of the copy held, for a conditional GET.
	ETag string
	// Updated is when the bundle last changed the team here; Checked when a
	// refresh last reached the server; LastError what the last refresh
	// that failed said ("" after a success).
	Updated, Checked time.Time
	LastError        string
}

// SecretKey is the name the subscription's password is kept under in the
// keyring; it never equals a target's (a colon is not allowed in those).
func (s Subscription) SecretKey() string { return "follow:" + s.URL }

// Replaced says what replacing the team by a followed bundle changed.
type Replaced struct {
	team.MergeSummary
	MembersRemoved, RotationsRemoved int
	// Kept are members the bundle no longer has whom this database's own
	// 1:1 and update log still names: they stay, out of every rotation.
	Kept []string
}

// Changed reports whether the replacement changed anything.
func (r Replaced) Changed() bool {
	return r.MergeSummary.Changed() || r.MembersRemoved+r.RotationsRemoved > 0
}

// String describes the replacement in one line.
func (r Replaced) String() string {
	if !r.Changed() {
		return r.MergeSummary.String()
	}
	policy := "unchanged"
	if r.PolicyChanged {
		policy = "replaced"
	}
	s := fmt.Sprintf("members: %d added, %d updated, %d removed, %d unchanged; rotations: %d added, %d updated, %d removed, %d unchanged; escalation policy %s",
		r.MembersAdded, r.MembersUpdated, r.MembersRemoved, r.MembersUnchanged,
		r.RotationsAdded, r.RotationsUpdated, r.RotationsRemoved, r.RotationsUnchanged, policy)
	if len(r.Kept) > 0 {
		s += fmt.Sprintf("; kept %s (your log names them)", strings.Join(r.Kept, ", "))
	}
	return s
}
