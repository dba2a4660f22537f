// Package alert works out who an emergency alert reaches and sends it: the
// recipients of a "--to" selector at an instant (with their local time and a
// hint of whether they are awake), an email draft, phone links, and posts to
// chat webhooks (Slack, Microsoft Teams, Mattermost, Discord, Google Chat,
// Matrix). A Plan is the dry run of an alert, a Record what was really sent.
//
// The package never imports the UI or storage. It takes the instant as an
// argument and the HTTP client from the caller.
package alert

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// Sentinel errors of recipient resolution. Unknown names are reported with
// team.ErrUnknownMember and team.ErrUnknownRotation.
var (
	ErrBadTo        = errors.New(`recipients must be "chain", "rotation:NAME", "all" or member names separated by commas`)
	ErrNoRecipients = errors.New("nobody to alert")
)

// ToKind says how a selector picks recipients.
type ToKind string

// Selector kinds.
const (
	ToChain    ToKind = "chain"    // every member the escalation policy pages now
	ToRotation ToKind = "rotation" // the person on call in one rotation now
	ToAll      ToKind = "all"      // every member of the team
	ToMembers  ToKind = "members"  // members named one by one
)

// To is a parsed "--to" selector.
type To struct {
	Kind ToKind
	// Names holds the rotation name (ToRotation) or the member names (ToMembers).
	Names []string
}

// ParseTo reads a selector: "chain", "all", "rotation:NAME", or member names
// separated by commas ("Ana,Bo"). The keywords are not case-sensitive. A
// member whose name is a keyword is named as "member:NAME".
func ParseTo(s string) (To, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return To{}, fmt.Errorf("--to %q: %w", s, ErrBadTo)
	case string(ToChain):
		return To{Kind: ToChain}, nil
	case string(ToAll):
		return To{Kind: ToAll}, nil
	}
	if k, name, ok := strings.Cut(s, ":"); ok && strings.EqualFold(strings.TrimSpace(k), string(ToRotation)) {
		name = strings.TrimSpace(name)
		if name == "" {
			return To{}, fmt.Errorf("--to %q: rotation name is empty: %w", s, ErrBadTo)
		}
		return To{Kind: ToRotation, Names: []string{name}}, nil
	}
	var names []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if k, name, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "member") {
			part = strings.TrimSpace(name)
		}
		if part != "" {
			names = append(names, part)
		}
	}
	if len(names) == 0 {
		return To{}, fmt.Errorf("--to %q: %w", s, ErrBadTo)
	}
	return To{Kind: ToMembers, Names: names}, nil
}

// String formats the selector as ParseTo reads it.
func (to To) String() string {
	switch to.Kind {
	case ToChain, ToAll:
		return string(to.Kind)
	case ToRotation:
		return "rotation:" + strings.Join(to.Names, "")
	}
	names := make([]string, len(to.Names))
	for i, n := range to.Names {
		if k := strings.ToLower(n); k == string(ToChain) || k == string(ToAll) || strings.Contains(n, ":") {
			n = "member:" + n
		}
		names[i] = n
	}
	return strings.Join(names, ",")
}

// localRFC3339 is RFC 3339 with a numeric offset always, +00:00 included.
const localRFC3339 = "2006-01-02T15:04:05-07:00"

// Wake is a hint of whether a recipient is likely awake.
type Wake string

// Wake hints.
const (
	Awake  Wake = "awake"
	Asleep Wake = "asleep"
)

// Night is the local wall-clock span in which a member outside working hours
// is taken to be asleep: 23:00 to 07:00. Inside working hours a member is
// always awake, so night-shift hours count as awake.
var Night = timezone.Range{Start: timezone.MustClock("23:00"), End: timezone.MustClock("07:00")}

// WakeAt returns the hint for a member whose wall clock shows local and who
// is, or is not, inside working hours.
func WakeAt(local time.Time, inHours bool) Wake {
	if inHours {
		return Awake
	}
	c := timezone.Clock(local.Hour()*60 + local.Minute())
	if c >= Night.Start || c < Night.End {
		return Asleep
	}
	return Awake
}

// Recipient is one person an alert reaches, as they stand at the alert's instant.
type Recipient struct {
	Name string
	Role string
	Zone string
	// Local is the alert's instant in the member's zone.
	Local time.Time
	// InHours is whether Local is inside the member's working hours.
	InHours bool
	// Away is whether the member is on time off at the instant.
	Away  bool
	Wake  Wake
	Email string
	Phone string
	Chat  string
	// Urgent is the channel to try first (roster.Member.Urgent: the
	// member's preference, else phone, chat, email); empty when the member
	// has no contact at all.
	Urgent roster.Channel
	// Response is how soon the member can be expected to answer, in their
	// words or roster.DefaultResponse.
	Response string
	// Level is the first escalation level that pages the member (1-based), and
	// AfterMinutes its delay; both are 0 unless the selector is the chain.
	Level        int
	AfterMinutes int
	// Via says why the member is alerted: escalation targets such as
	// "rotation:Primary" or "member:Ana", or "all", or "named".
	Via []string
}

// Audience is the outcome of a selector at an instant.
type Audience struct {
	To         To
	At         time.Time
	Recipients []Recipient
	// Unresolved lists the escalation targets that page nobody at the
	// instant (a rotation in a gap), as "level 2: rotation:Secondary".
	Unresolved []string
}

// Names returns the recipients' names in order.
func (a Audience) Names() []string {
	out := make([]string, len(a.Recipients))
	for i, r := range a.Recipients {
		out[i] = r.Name
	}
	return out
}

// Resolve works out who the selector reaches in team t at instant at. The
// chain pages every member of every escalation level as oncall.Resolve
// resolves it, in level order, each member once with the first level that
// names them; a rotation is whoever is on call in it; "all" is the roster in
// its order. Names are matched without regard to case.
func Resolve(t team.Team, to To, at time.Time) (Audience, error) {
	at = at.UTC()
	aud := Audience{To: to, At: at}
	add := func(m roster.Member, level, after int, via string) error {
		for i := range aud.Recipients {
			if strings.EqualFold(aud.Recipients[i].Name, m.Name) {
				if !contains(aud.Recipients[i].Via, via) {
					aud.Recipients[i].Via = append(aud.Recipients[i].Via, via)
				}
				return nil
			}
		}
		r, err := recipient(m, at)
		if err != nil {
			return err
		}
		r.Level, r.AfterMinutes, r.Via = level, after, []string{via}
		aud.Recipients = append(aud.Recipients, r)
		return nil
	}
	member := func(name string) (roster.Member, error) {
		m, ok := t.Member(name)
		if !ok {
			return m, fmt.Errorf("member %q: %w", name, team.ErrUnknownMember)
		}
		return m, nil
	}
	switch to.Kind {
	case ToChain:
		if len(t.Policy.Levels) == 0 {
			return aud, fmt.Errorf("escalation chain: the policy has no levels: %w", ErrNoRecipients)
		}
		known := func(n string) bool { _, ok := t.Member(n); return ok }
		esc := oncall.Resolve(t.Policy, t.Rotations, known, at)
		for _, pg := range esc.Levels {
			for _, tg := range pg.Unresolved {
				aud.Unresolved = append(aud.Unresolved, fmt.Sprintf("level %d: %s", pg.Level, tg))
			}
			for _, tg := range pg.Targets {
				for _, name := range targetMembers(tg, pg, t.Rotations, at) {
					m, err := member(name)
					if err != nil {
						return aud, fmt.Errorf("escalation level %d: %w", pg.Level, err)
					}
					if err := add(m, pg.Level, pg.AfterMinutes, tg.String()); err != nil {
						return aud, err
					}
				}
			}
		}
		if len(aud.Recipients) == 0 {
			return aud, fmt.Errorf("escalation chain at %s: no level pages anybody (%s): %w",
				at.Format(time.RFC3339), strings.Join(aud.Unresolved, "; "), ErrNoRecipients)
		}
	case ToRotation:
		name := strings.Join(to.Names, "")
		r, ok := t.Rotation(name)
		if !ok {
			return aud, fmt.Errorf("rotation %q: %w", name, team.ErrUnknownRotation)
		}
		sh, ok := oncall.OnCallAt(r, at)
		if !ok {
			return aud, fmt.Errorf("rotation %q has nobody on call at %s: %w", r.Name, at.Format(time.RFC3339), ErrNoRecipients)
		}
		m, err := member(sh.Member)
		if err != nil {
			return aud, fmt.Errorf("rotation %q: %w", r.Name, err)
		}
		if err := add(m, 0, 0, "rotation:"+r.Name); err != nil {
			return aud, err
		}
	case ToAll:
		for _, m := range t.Members {
			if err := add(m, 0, 0, "all"); err != nil {
				return aud, err
			}
		}
		if len(aud.Recipients) == 0 {
			return aud, fmt.Errorf("the team has no members: %w", ErrNoRecipients)
		}
	case ToMembers:
		for _, name := range to.Names {
			m, err := member(name)
			if err != nil {
				return aud, err
			}
			if err := add(m, 0, 0, "named"); err != nil {
				return aud, err
			}
		}
		if len(aud.Recipients) == 0 {
			return aud, fmt.Errorf("no member named: %w", ErrNoRecipients)
		}
	default:
		return aud, fmt.Errorf("--to %q: %w", to.String(), ErrBadTo)
	}
	return aud, nil
}

// targetMembers returns the members that target tg of page pg resolves to:
// for a rotation the person on call, for a member the member, as oncall.Resolve did.
func targetMembers(tg oncall.Target, pg oncall.Page, rotations []oncall.Rotation, at time.Time) []string {
	for _, u := range pg.Unresolved {
		if u == tg {
			return nil
		}
	}
	if tg.Kind == oncall.TargetMember {
		return []string{tg.Name}
	}
	for _, r := range rotations {
		if strings.EqualFold(r.Name, tg.Name) {
			if sh, ok := oncall.OnCallAt(r, at); ok {
				return []string{sh.Member}
			}
		}
	}
	return nil
}

// recipient describes member m at instant at.
func recipient(m roster.Member, at time.Time) (Recipient, error) {
	loc, err := m.Location()
	if err != nil {
		return Recipient{}, fmt.Errorf("member %q: zone %w", m.Name, err)
	}
	local := at.In(loc)
	in := m.Hours.Contains(loc, at)
	urgent, _, _ := m.Urgent()
	return Recipient{
		Name: m.Name, Role: m.Role, Zone: m.Zone, Local: local,
		InHours: in, Away: m.AwayAt(at), Wake: WakeAt(local, in),
		Email: m.Email, Phone: m.Phone, Chat: m.Chat,
		Urgent: urgent, Response: m.ResponseText(),
	}, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// MarshalJSON writes the recipient with local_time: the alert's instant in
// the member's zone, RFC 3339 with the member's UTC offset, written out even
// when it is +00:00 (a "Z" would read as UTC rather than local time).
func (r Recipient) MarshalJSON() ([]byte, error) {
	via := r.Via
	if via == nil {
		via = []string{}
	}
	return json.Marshal(struct {
		Name         string   `json:"name"`
		Role         string   `json:"role"`
		Zone         string   `json:"zone"`
		LocalTime    string   `json:"local_time"`
		InHours      bool     `json:"in_hours"`
		Away         bool     `json:"away"`
		Wake         Wake     `json:"wake"`
		Email        string   `json:"email"`
		Phone        string   `json:"phone"`
		Chat         string   `json:"chat"`
		Urgent       string   `json:"urgent_channel"`
		Response     string   `json:"response"`
		Level        int      `json:"level"`
		AfterMinutes int      `json:"after_minutes"`
		Via          []string `json:"via"`
	}{r.Name, r.Role, r.Zone, r.Local.Format(localRFC3339), r.InHours, r.Away, r.Wake,
		r.Email, r.Phone, r.Chat, string(r.Urgent), r.Response, r.Level, r.AfterMinutes, via})
}
