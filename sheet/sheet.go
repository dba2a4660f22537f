// Package sheet makes the emergency sheet: a printable one- or two-page
// document with the protocol, the escalation chain, every contact, the
// critical links and who is on call in the coming weeks, each shift in the
// on-call person's own time and in UTC. Build computes the Sheet value from
// the team; WriteHTML and WritePDF render it. It never imports the UI or
// storage.
package sheet

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// The range of weeks a sheet covers; Build caps the request and says so in Notes.
const (
	MinWeeks = 1
	MaxWeeks = 12
)

// maxListed caps the gaps and time-off conflicts listed; the rest are counted.
const maxListed = 6

// Link is a critical link: a runbook, the status page, where credentials are
// kept. Target is a URL or a vault path; it must never be a secret itself
// (Build hides passwords and token-like query values it finds).
type Link struct {
	Title  string
	Target string
}

// Sheet is the emergency sheet's content, every text ready to print.
type Sheet struct {
	Title string
	// Generated is the instant the sheet describes ("now"), UTC; the on-call
	// schedule covers [From, To).
	Generated time.Time
	From, To  time.Time
	Weeks     int
	Protocol  string
	// Review says when the protocol was last reviewed and by whom ("Last
	// reviewed by Ana on Wed 2 Sep 2026"); empty prints nothing. Build leaves
	// it for the caller, which knows the review history.
	Review    string
	Chain     Chain
	Rotations []Rotation
	Contacts  []Contact
	Links     []Link
	// Notes say how the request was adjusted (weeks capped, a link's secret hidden).
	Notes []string
	// Warnings say what may fail in an emergency: nobody on call, an on-call
	// member on time off, an escalation target that pages nobody now.
	Warnings []string
}

// Chain is the escalation policy as printed.
type Chain struct {
	// Repeat is how many times the whole chain is run again without an answer.
	Repeat int
	Levels []Level
}

// Level is one escalation level.
type Level struct {
	Number       int
	AfterMinutes int
	// When reads "at once" or "after 15 min".
	When    string
	Targets []Target
}

// Target is one escalation target.
type Target struct {
	// Label reads "On call in Primary" or the member's name.
	Label string
	// Now is who the target pages at Generated; empty when nobody.
	Now string
	// Note explains an empty Now that is expected: a rotation outside its
	// daily coverage window ("covers 08:00–18:00 Australia/Sydney only").
	Note string
}

// Rotation is one rotation's schedule for the sheet's weeks.
type Rotation struct {
	Name string
	// Rule describes the rotation: shift length, handoff, zone, coverage, order.
	Rule   string
	Shifts []Shift
}

// Shift is one line of the schedule: an oncall.Shift, or Days of them when a
// member covers the same hours (the same wall-clock times in their zone and
// in UTC) on consecutive days, as a rotation with a daily coverage window does.
type Shift struct {
	Member string
	// Zone is the member's zone, in which Local is written.
	Zone string
	// Start and End bound the first entry; entry i is 24 h × i later.
	Start, End time.Time
	Days       int
	Override   bool
	// Local and UTC write the shift in the member's time and in UTC, as
	// "Mon 02 Mar 09:00 – Mon 09 Mar 09:00 WET" or, for several days,
	// "Mon 02 Mar – Fri 06 Mar, daily 08:00–18:00 AEDT".
	Local string
	UTC   string
}

// Entries returns the oncall shifts the line stands for.
func (s Shift) Entries() []oncall.Shift {
	out := make([]oncall.Shift, s.Days)
	for i := range out {
		d := time.Duration(i) * 24 * time.Hour
		out[i] = oncall.Shift{Member: s.Member, Start: s.Start.Add(d), End: s.End.Add(d), Override: s.Override}
	}
	return out
}

// Contact is one member's contact card.
type Contact struct {
	Name, Role, Zone string
	// Hours summarises working hours: "Mon–Fri 09:00–17:00".
	Hours string
	Email string
	Phone string
	// Tel is the phone's tel: link; empty when the number cannot be dialled as written.
	Tel  string
	Chat string
	// Urgent is the channel the member prefers for something urgent; empty
	// when they stated none (then phone, chat, email: see First).
	Urgent roster.Channel
	// Response is how soon the member answers, in their words; empty when
	// they gave none (then roster.DefaultResponse applies).
	Response string
}

// First returns the contact to try first, as "phone +351 912 345 678": the
// preferred channel, else the phone, chat or email the member has first
// (roster.Member.Urgent); empty when the member has no contact.
func (c Contact) First() string {
	ch, v, ok := (roster.Member{Phone: c.Phone, Email: c.Email, Chat: c.Chat, UrgentChannel: c.Urgent}).Urgent()
	if !ok {
		return ""
	}
	return string(ch) + " " + v
}

// DefaultsNote says what holds for a contact that states no preference.
func DefaultsNote() string {
	return "Unless a contact says otherwise, call first (then chat, then email), and expect an answer in " +
		roster.DefaultResponse + "."
}

// Build computes the sheet of team t at instant from for weeks weeks
// (capped to MinWeeks..MaxWeeks). protocol is the emergency protocol text;
// when blank, the escalation policy's own protocol is used. Names of
// rotations, members and targets are matched without regard to case; t should
// be validated (team.Team.Validate) first.
func Build(t team.Team, protocol string, links []Link, from time.Time, weeks int) Sheet {
	from = from.UTC()
	s := Sheet{Title: "Emergency sheet", Generated: from, From: from}
	switch {
	case weeks < MinWeeks:
		s.Notes = append(s.Notes, fmt.Sprintf("%d weeks asked for; the sheet shows %d.", weeks, MinWeeks))
		weeks = MinWeeks
	case weeks > MaxWeeks:
		s.Notes = append(s.Notes, fmt.Sprintf("%d weeks asked for; the sheet shows at most %d.", weeks, MaxWeeks))
		weeks = MaxWeeks
	}
	s.Weeks = weeks
	s.To = from.AddDate(0, 0, 7*weeks)

	s.Protocol = strings.TrimSpace(protocol)
	if s.Protocol == "" {
		s.Protocol = strings.TrimSpace(t.Policy.Protocol)
	}
	s.Chain, s.Warnings = buildChain(t, from)
	for _, r := range t.Rotations {
		s.Rotations = append(s.Rotations, buildRotation(t, r, s.From, s.To))
	}
	s.Contacts = buildContacts(t.Members)
	for _, l := range links {
		l, note := cleanLink(l)
		if note != "" {
			s.Notes = append(s.Notes, note)
		}
		if l.Target != "" {
			s.Links = append(s.Links, l)
		}
	}
	s.Warnings = append(s.Warnings, scheduleWarnings(t, s.From, s.To)...)
	return s
}

func buildChain(t team.Team, at time.Time) (Chain, []string) {
	known := func(n string) bool { _, ok := t.Member(n); return ok }
	esc := oncall.Resolve(t.Policy, t.Rotations, known, at)
	c := Chain{Repeat: t.Policy.Repeat}
	var warnings []string
	for _, pg := range esc.Levels {
		l := Level{Number: pg.Level, AfterMinutes: pg.AfterMinutes, When: "at once"}
		if pg.AfterMinutes > 0 {
			l.When = "after " + minutes(pg.AfterMinutes)
		}
		for _, tg := range pg.Targets {
			x := Target{Label: tg.Name}
			switch tg.Kind {
			case oncall.TargetRotation:
				x.Label = "On call in " + tg.Name
				if r, ok := t.Rotation(tg.Name); ok {
					x.Label = "On call in " + r.Name
					if sh, ok := oncall.OnCallAt(r, at); ok {
						x.Now = sh.Member
					} else if r.Coverage != nil {
						x.Note = fmt.Sprintf("covers %s %s only", dashRange(*r.Coverage), r.Zone)
					}
				}
			case oncall.TargetMember:
				if m, ok := t.Member(tg.Name); ok {
					x.Label, x.Now = m.Name, m.Name
				}
			}
			if x.Now == "" && x.Note == "" {
				warnings = append(warnings, fmt.Sprintf("Escalation level %d: %s pages nobody at %s.", pg.Level, x.Label, at.Format("Mon 02 Jan 15:04 UTC")))
			}
			l.Targets = append(l.Targets, x)
		}
		c.Levels = append(c.Levels, l)
	}
	return c, warnings
}

func minutes(n int) string {
	switch {
	case n%(24*60) == 0:
		return plural(n/(24*60), "day")
	case n%60 == 0:
		return plural(n/60, "hour")
	}
	return fmt.Sprintf("%d min", n)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func buildRotation(t team.Team, r oncall.Rotation, from, to time.Time) Rotation {
	out := Rotation{Name: r.Name, Rule: rotationRule(r)}
	zoneOf := func(member string) (string, *time.Location) {
		if m, ok := t.Member(member); ok {
			if loc, err := m.Location(); err == nil {
				return m.Zone, loc
			}
		}
		loc, err := r.Location()
		if err != nil {
			return "UTC", time.UTC
		}
		return r.Zone, loc
	}
	shifts := oncall.Shifts(r, from, to)
	for i := 0; i < len(shifts); {
		sh := shifts[i]
		zone, loc := zoneOf(sh.Member)
		line := Shift{Member: sh.Member, Zone: zone, Start: sh.Start.UTC(), End: sh.End.UTC(), Days: 1, Override: sh.Override}
		j := i + 1
		for ; j < len(shifts) && sameHoursNextDay(shifts[j-1], shifts[j], loc); j++ {
			line.Days++
		}
		line.Local = formatShift(line, loc)
		line.UTC = formatShift(line, time.UTC)
		out.Shifts = append(out.Shifts, line)
		i = j
	}
	return out
}

// sameHoursNextDay reports whether b repeats a exactly one day later, not
// touching it, for the same member, with the same UTC offsets in loc (so
// that the wall-clock times read the same in loc and in UTC).
func sameHoursNextDay(a, b oncall.Shift, loc *time.Location) bool {
	const day = 24 * time.Hour
	if a.Member != b.Member || a.Override || b.Override || !b.Start.Equal(a.Start.Add(day)) ||
		!b.End.Equal(a.End.Add(day)) || !b.Start.After(a.End) {
		return false
	}
	return offset(a.Start, loc) == offset(b.Start, loc) && offset(a.End, loc) == offset(b.End, loc)
}

func offset(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

func rotationRule(r oncall.Rotation) string {
	var every string
	switch {
	case r.Shift.Unit == oncall.Weeks && r.Shift.N == 1:
		every = "Weekly shifts"
	case r.Shift.Unit == oncall.Days && r.Shift.N == 1:
		every = "Daily shifts"
	case r.Shift.Unit == oncall.Weeks:
		every = fmt.Sprintf("%d-week shifts", r.Shift.N)
	case r.Shift.Unit == oncall.Days:
		every = fmt.Sprintf("%d-day shifts", r.Shift.N)
	default:
		every = fmt.Sprintf("%d-hour shifts", r.Shift.N)
	}
	rule := fmt.Sprintf("%s, handoff %s %s", every, r.Handoff, r.Zone)
	if r.Coverage != nil {
		rule += fmt.Sprintf(", covering %s only", dashRange(*r.Coverage))
	}
	return rule + "; order: " + strings.Join(r.Members, ", ") + "."
}

// buildContacts returns the members' cards sorted as people read names
// (Unicode collation: accents beside their letter, numbers by value).
func buildContacts(members []roster.Member) []Contact {
	out := make([]Contact, 0, len(members))
	for _, m := range members {
		c := Contact{Name: m.Name, Role: m.Role, Zone: m.Zone, Hours: summarizeHours(m.Hours),
			Email: m.Email, Phone: m.Phone, Chat: m.Chat, Urgent: m.UrgentChannel, Response: m.Response}
		if tel, err := alert.TelURL(m.Phone); err == nil {
			c.Tel = tel
		}
		out = append(out, c)
	}
	col := collate.New(language.Und, collate.IgnoreCase, collate.Numeric)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Name, out[j].Name) < 0 })
	return out
}

var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// summarizeHours writes week hours compactly, runs of weekdays with the same
// hours together: "Mon–Fri 09:00–17:00, Sat 10:00–14:00". No hours at all is "".
func summarizeHours(w timezone.WeekHours) string {
	var parts []string
	for i := 0; i < len(weekOrder); {
		d := w[weekOrder[i]]
		j := i + 1
		for j < len(weekOrder) && w[weekOrder[j]].String() == d.String() {
			j++
		}
		if len(d) > 0 {
			days := weekOrder[i].String()[:3]
			switch j - i {
			case 1:
			case 2:
				days += ", " + weekOrder[j-1].String()[:3]
			default:
				days += "–" + weekOrder[j-1].String()[:3]
			}
			var ranges []string
			for _, r := range d {
				ranges = append(ranges, dashRange(r))
			}
			parts = append(parts, days+" "+strings.Join(ranges, ", "))
		}
		i = j
	}
	return strings.Join(parts, "; ")
}

// dashRange writes a range with an en dash: "09:00–17:00".
func dashRange(r timezone.Range) string { return strings.Replace(r.String(), "-", "–", 1) }

var secretParam = regexp.MustCompile(`(?i)(token|secret|passw|pwd|key|sig|auth|credential|session|code)`)

// cleanLink trims a link and hides what looks like a secret in its target: a
// password in user information and the values of query parameters whose
// names suggest a token, key, signature or password. The note says what was hidden.
func cleanLink(l Link) (Link, string) {
	l.Title = strings.TrimSpace(l.Title)
	l.Target = strings.TrimSpace(l.Target)
	if l.Title == "" {
		l.Title = l.Target
	}
	u, err := url.Parse(l.Target)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		return l, ""
	}
	var hidden []string
	if _, ok := u.User.Password(); ok {
		u.User = url.User(u.User.Username())
		hidden = append(hidden, "a password")
	}
	q := u.Query()
	var keys []string
	for k := range q {
		if secretParam.MatchString(k) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		sort.Strings(keys)
		for _, k := range keys {
			q.Set(k, "HIDDEN")
		}
		u.RawQuery = q.Encode()
		hidden = append(hidden, "the value of "+strings.Join(keys, ", "))
	}
	if len(hidden) == 0 {
		return l, ""
	}
	l.Target = u.String()
	return l, fmt.Sprintf("Link %q: %s hidden; keep secrets in the vault, not on the sheet.", l.Title, strings.Join(hidden, " and "))
}

func scheduleWarnings(t team.Team, from, to time.Time) []string {
	var out []string
	if len(t.Rotations) == 0 {
		return []string{"No rotation: nobody is on call."}
	}
	// Stretches with nobody on call in any rotation, then in each rotation
	// that is meant to cover the whole day (a coverage window leaves the
	// rest of the day to other rotations by design).
	var gaps []oncall.Gap
	if len(t.Rotations) > 1 {
		gaps = oncall.TeamGaps(t.Rotations, from, to)
	}
	for _, r := range t.Rotations {
		if r.Coverage == nil {
			gaps = append(gaps, oncall.RotationGaps(r, from, to)...)
		}
	}
	for i, g := range gaps {
		if i == maxListed {
			out = append(out, fmt.Sprintf("…and %d more stretches with nobody on call.", len(gaps)-maxListed))
			break
		}
		where := "in any rotation"
		if g.Rotation != "" {
			where = "in " + g.Rotation
		}
		out = append(out, fmt.Sprintf("Nobody is on call %s %s.", where, span(g.Start, g.End)))
	}
	conflicts := oncall.TimeOffConflicts(t.Rotations, t.Members, from, to)
	for i, c := range conflicts {
		if i == maxListed {
			out = append(out, fmt.Sprintf("…and %d more on-call shifts during time off.", len(conflicts)-maxListed))
			break
		}
		what := "time off"
		if c.TimeOff.Summary != "" {
			what = "time off (" + c.TimeOff.Summary + ")"
		}
		out = append(out, fmt.Sprintf("%s is on call in %s during %s %s.", c.Shift.Member, c.Shift.Rotation, what,
			span(c.Overlap.Start, c.Overlap.End)))
	}
	return out
}

// span writes [a, b) in UTC: "Mon 02 Mar 09:00 – Tue 03 Mar 09:00 UTC".
func span(a, b time.Time) string {
	return "from " + a.UTC().Format(dayClock) + " to " + b.UTC().Format(dayClock) + " UTC"
}

// BuildReviewed is Build for a team whose protocol is kept reviewed: the
// links are the protocol's critical links, and the review line says when it
// was last reviewed and when it is due (protocol.State.Status, dates in UTC).
// The protocol text is the escalation policy's.
func BuildReviewed(t team.Team, st protocol.State, from time.Time, weeks int) Sheet {
	links := make([]Link, len(st.Links))
	for i, l := range st.Links {
		links[i] = Link{Title: l.Title, Target: l.Target}
	}
	s := Build(t, "", links, from, weeks)
	if s.Protocol != "" && strings.TrimSpace(st.Current.Text) != "" {
		s.Review = "Protocol: " + st.Status(from, time.UTC)
	}
	return s
}
