// Package roster holds the team's members: who they are, where they live in
// time, when they work and when they are away. Values validate themselves with
// Normalize; nothing here knows about storage or the UI.
package roster

import (
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/validation"
)

// Sentinel errors of member validation, checked with errors.Is.
var (
	ErrEmptyName     = errors.New("name is empty")
	ErrNameTooLong   = errors.New("name is longer than 80 characters")
	ErrBadEmail      = errors.New("not an email address")
	ErrBadTimeOff    = errors.New("time off must end after it starts")
	ErrDuplicateName = errors.New("name is used by another member")
	ErrNoZone        = errors.New("zone: choose a time zone")
	ErrBadPhone      = errors.New("not a phone number (digits, +, spaces, dashes, brackets; an extension like x42)")
	// ErrNarrowAcceptable reports acceptable hours that leave out some
	// working hours of the same day.
	ErrNarrowAcceptable = errors.New("acceptable hours must include the working hours")
	ErrBadChannel       = errors.New("urgent channel must be phone, email or chat")
	ErrNoChannel        = errors.New("the urgent channel has no contact: fill it in or choose another channel")
	ErrLongResponse     = errors.New("response expectation is longer than 200 characters")
)

// Channel is how a member prefers to be reached about something urgent.
type Channel string

// Urgent channels. The empty Channel means no preference (see Member.Urgent).
const (
	Phone Channel = "phone"
	Email Channel = "email"
	Chat  Channel = "chat"
)

// Channels lists the channels in the order forms offer them.
var Channels = []Channel{Phone, Email, Chat}

// ParseChannel reads "phone", "email" or "chat" in any case; blank is no
// preference.
func ParseChannel(s string) (Channel, error) {
	c := Channel(strings.ToLower(strings.TrimSpace(s)))
	switch c {
	case "", Phone, Email, Chat:
		return c, nil
	}
	return "", fmt.Errorf("urgent channel %s: %w", termsafe.Quote(s), ErrBadChannel)
}

// DefaultResponse is the response-time expectation of a member who has not
// said otherwise.
const DefaultResponse = "15 min on call, 4 h in working hours, next working day otherwise"

// maxResponse is the longest response expectation, in characters.
const maxResponse = 200

// Member is one person of the team.
type Member struct {
	ID    int64 // storage identity; 0 for a member not yet saved
	Name  string
	Role  string
	Email string
	Phone string
	Chat  string // chat handle, e.g. "@ana" on Slack
	Zone  string // IANA zone name, e.g. "Europe/Lisbon"
	// Hours are the preferred working hours per weekday in Zone.
	Hours timezone.WeekHours
	// Acceptable are wider hours the member is willing to meet in; they
	// include Hours. Empty means no hours beyond Hours.
	Acceptable timezone.WeekHours
	TimeOff    []TimeOff
	// UrgentChannel is how the member prefers to be reached about something
	// urgent; empty means no preference (Urgent picks one).
	UrgentChannel Channel
	// Response is how soon the member can be expected to answer, in their
	// words ("15 min on call, 4 h in hours, next working day otherwise");
	// empty means DefaultResponse (see ResponseText).
	Response string
}

// Urgent returns the channel to try first in an emergency and its contact:
// the member's preferred channel, or with no preference the phone, then
// chat, then email, whichever the member has first. ok is false when the
// member has no contact at all.
func (m Member) Urgent() (c Channel, contact string, ok bool) {
	if m.UrgentChannel != "" {
		if v := m.Contact(m.UrgentChannel); v != "" {
			return m.UrgentChannel, v, true
		}
	}
	for _, c := range []Channel{Phone, Chat, Email} {
		if v := m.Contact(c); v != "" {
			return c, v, true
		}
	}
	return "", "", false
}

// Contact returns the member's contact on channel c, "" when none.
func (m Member) Contact(c Channel) string {
	switch c {
	case Phone:
		return m.Phone
	case Email:
		return m.Email
	case Chat:
		return m.Chat
	}
	return ""
}

// ResponseText returns the member's response expectation, DefaultResponse
// when they gave none.
func (m Member) ResponseText() string {
	if m.Response == "" {
		return DefaultResponse
	}
	return m.Response
}

// TimeOff is a span when a member is away (holiday, out of office) or busy.
type TimeOff struct {
	ID      int64
	Start   time.Time // instant, inclusive
	End     time.Time // instant, exclusive
	AllDay  bool      // whole local days in the member's zone
	Summary string
	Source  string // "manual", or the file it was imported from
	UID     string // identity in the source calendar, for re-imports
}

// Interval returns the time off as a half-open interval.
func (t TimeOff) Interval() timezone.Interval { return timezone.Interval{Start: t.Start, End: t.End} }

// Location loads the member's zone.
func (m Member) Location() (*time.Location, error) { return timezone.LoadZone(m.Zone) }

// Normalize returns a trimmed, checked copy of the member, time off sorted
// by start. The error names the field and quotes the value that is wrong.
// Name, role, email, phone, chat handle and response expectation must be one
// line of valid UTF-8 with no control character (termsafe.CheckLine); an
// urgent channel must name a contact the member has; time off is checked by
// TimeOff.Normalize.
func (m Member) Normalize() (Member, error) {
	n, errs := m.Check()
	return n, errs.Err()
}

// Check returns a trimmed copy of the member, time off sorted by start, and
// every broken rule keyed by field: "name", "role", "phone", "chat", "zone",
// "email", "acceptable.mon" … "acceptable.sun", "timeoff.N" (N from 1). Forms
// show each beside its field; Normalize returns the first.
func (m Member) Check() (Member, validation.Errors) {
	var errs validation.Errors
	m.Name = strings.TrimSpace(m.Name)
	m.Role = strings.TrimSpace(m.Role)
	m.Email = strings.TrimSpace(m.Email)
	m.Phone = strings.TrimSpace(m.Phone)
	m.Chat = strings.TrimSpace(m.Chat)
	m.Zone = strings.TrimSpace(m.Zone)
	m.Response = strings.TrimSpace(m.Response)
	errs.Add("name", CheckName(m.Name))
	for _, f := range []struct{ field, value string }{{"role", m.Role}, {"phone", m.Phone}, {"chat", m.Chat}} {
		errs.Add(f.field, termsafe.CheckLine(f.field, f.value))
	}
	errs.Add("phone", CheckPhone(m.Phone))
	errs.Add("response", CheckResponse(m.Response))
	c, err := ParseChannel(string(m.UrgentChannel))
	errs.Add("urgent", err)
	if err == nil {
		m.UrgentChannel = c
		if c != "" && strings.TrimSpace(m.Contact(c)) == "" {
			errs.Add("urgent", fmt.Errorf("urgent channel %s: %w", c, ErrNoChannel))
		}
	}
	if m.Zone == "" {
		errs.Add("zone", ErrNoZone)
	} else if _, err := timezone.LoadZone(m.Zone); err != nil {
		errs.Add("zone", fmt.Errorf("zone %w", err))
	}
	errs.Add("email", CheckEmail(m.Email))
	for d := range m.Acceptable {
		errs.Add("acceptable."+timezone.WeekdayKeys[d], checkAcceptable(m.Hours[d], m.Acceptable[d], d))
	}
	offs := make([]TimeOff, len(m.TimeOff))
	for i, t := range m.TimeOff {
		n, err := t.Normalize()
		errs.Add(fmt.Sprintf("timeoff.%d", i+1), err)
		offs[i] = n
	}
	sort.SliceStable(offs, func(i, j int) bool { return offs[i].Start.Before(offs[j].Start) })
	if len(m.TimeOff) > 0 {
		m.TimeOff = offs
	}
	return m, errs
}

// CheckUnique checks that no other member (another ID, or any member when m
// is not saved yet) has m's name, in any case.
func CheckUnique(members []Member, m Member) error {
	if other, ok := FindMember(members, m.Name); ok && (m.ID == 0 || other.ID != m.ID) {
		return fmt.Errorf("name %s: %w", termsafe.Quote(strings.TrimSpace(m.Name)), ErrDuplicateName)
	}
	return nil
}

// CheckPhone validates a phone number; the empty number is allowed. A number
// is digits with an optional leading +, spaces, dots, dashes, slashes and
// brackets, and an optional extension ("x42", "ext. 42", "#42"), with at
// least three digits.
func CheckPhone(phone string) error {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		return nil
	}
	main := phone
	lower := strings.ToLower(phone)
	for _, sep := range []string{"ext.", "ext", "x", "#"} {
		if i := strings.LastIndex(lower, sep); i > 0 {
			ext := strings.TrimSpace(phone[i+len(sep):])
			if ext != "" && strings.Trim(ext, "0123456789") == "" {
				main = phone[:i]
				break
			}
		}
	}
	digits := 0
	for i, r := range main {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, strings.ContainsRune(" .-/()", r):
		default:
			return fmt.Errorf("phone %s: %w", termsafe.Quote(phone), ErrBadPhone)
		}
	}
	if digits < 3 {
		return fmt.Errorf("phone %s: %w", termsafe.Quote(phone), ErrBadPhone)
	}
	return nil
}

// checkAcceptable checks that a day's acceptable hours, when given, include
// its working hours (they are the wider hours a member is willing to meet in).
func checkAcceptable(hours, acceptable timezone.DayHours, day int) error {
	if len(acceptable) == 0 || len(hours) == 0 {
		return nil
	}
	var in [2 * timezone.MinutesPerDay]bool
	for _, r := range acceptable {
		end := int(r.End)
		if r.CrossesMidnight() {
			end += timezone.MinutesPerDay
		}
		for t := int(r.Start); t < end; t++ {
			in[t] = true
		}
	}
	for _, r := range hours {
		end := int(r.End)
		if r.CrossesMidnight() {
			end += timezone.MinutesPerDay
		}
		for t := int(r.Start); t < end; t++ {
			if !in[t] {
				return fmt.Errorf("%s acceptable %s: %w (working hours %s)", timezone.WeekdayKeys[day],
					termsafe.Quote(acceptable.String()), ErrNarrowAcceptable, hours)
			}
		}
	}
	return nil
}

// Normalize returns a checked copy of the time off, its bounds in UTC. It
// must end after it starts, inside the accepted range of instants
// (timezone.CheckInstant), and its summary may have several lines but no
// other control character (termsafe.CheckText). UID and Source are
// identities kept as given.
func (t TimeOff) Normalize() (TimeOff, error) {
	t.Start, t.End = t.Start.UTC(), t.End.UTC()
	if err := termsafe.CheckText("time off summary", t.Summary); err != nil {
		return t, err
	}
	what := "time off " + termsafe.Quote(t.Summary)
	if !t.End.After(t.Start) {
		return t, fmt.Errorf("%s from %s to %s: %w", what,
			t.Start.Format(time.RFC3339), t.End.Format(time.RFC3339), ErrBadTimeOff)
	}
	for _, err := range []error{timezone.CheckInstant("start", t.Start), timezone.CheckInstant("end", t.End)} {
		if err != nil {
			return t, fmt.Errorf("%s: %w", what, err)
		}
	}
	return t, nil
}

// CheckName validates a member name on its own: not empty, at most 80
// characters, one line of valid UTF-8 with no control character.
func CheckName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return ErrEmptyName
	}
	if utf8.RuneCountInString(name) > 80 {
		return fmt.Errorf("name %s: %w", termsafe.Quote(name), ErrNameTooLong)
	}
	return termsafe.CheckLine("name", name)
}

// CheckResponse validates a response expectation on its own: one line of
// valid UTF-8 with no control character, at most 200 characters; empty is
// allowed (DefaultResponse applies).
func CheckResponse(s string) error {
	s = strings.TrimSpace(s)
	if err := termsafe.CheckLine("response", s); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > maxResponse {
		return fmt.Errorf("response %s: %w", termsafe.Quote(s), ErrLongResponse)
	}
	return nil
}

// CheckEmail validates an email address; the empty address is allowed.
func CheckEmail(email string) error {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil
	}
	if err := termsafe.CheckLine("email", email); err != nil {
		return err
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email {
		return fmt.Errorf("email %s: %w", termsafe.Quote(email), ErrBadEmail)
	}
	return nil
}

// WorkingAt reports whether the member is inside working hours at instant t
// (and not on time off).
func (m Member) WorkingAt(t time.Time) bool {
	loc, err := m.Location()
	if err != nil || m.AwayAt(t) {
		return false
	}
	return m.Hours.Contains(loc, t)
}

// AwayAt reports whether instant t falls in one of the member's time-off spans.
func (m Member) AwayAt(t time.Time) bool {
	for _, off := range m.TimeOff {
		if off.Interval().Contains(t) {
			return true
		}
	}
	return false
}

// FindMember returns the member with the given name (case-insensitive).
func FindMember(members []Member, name string) (Member, bool) {
	for _, m := range members {
		if strings.EqualFold(m.Name, strings.TrimSpace(name)) {
			return m, true
		}
	}
	return Member{}, false
}
