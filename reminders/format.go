package reminders

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dev.remotecto/remotecto/timezone"
)

// zoneName is the IANA name of loc, as titles and bodies print it.
func zoneName(loc *time.Location) string { return timezone.Name(loc) }

// clock formats instant t on the wall clock of my zone, without the zone's
// name: "09:00" on the local day of ref, "Mon 16 Mar 09:00" on another day
// of ref's year, "Mon 4 Jan 2027 09:00" in another year.
func (e env) clock(t, ref time.Time) string {
	lt, lr := t.In(e.loc), ref.In(e.loc)
	switch {
	case timezone.DateOf(lt) == timezone.DateOf(lr):
		return lt.Format("15:04")
	case lt.Year() == lr.Year():
		return lt.Format("Mon 2 Jan 15:04")
	}
	return lt.Format("Mon 2 Jan 2006 15:04")
}

// at is clock followed by the zone's name: "09:00 Europe/Lisbon".
func (e env) at(t, ref time.Time) string { return e.clock(t, ref) + " " + zoneName(e.loc) }

// day formats a civil date as "Tue 10 Mar", with the year when it is not
// ref's year in my zone.
func (e env) day(d timezone.Date, ref time.Time) string {
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	if d.Year != ref.In(e.loc).Year() {
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("Mon 2 Jan")
}

// leadText says how far ahead a shift starts: "now", "in 1 h", "in 30 min",
// "in 1 h 30 min", "in 2 days".
func leadText(d time.Duration) string {
	if d <= 0 {
		return "now"
	}
	if d%(24*time.Hour) == 0 {
		n := int(d / (24 * time.Hour))
		if n == 1 {
			return "in 1 day"
		}
		return fmt.Sprintf("in %d days", n)
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("in %d min", m)
	case m == 0:
		return fmt.Sprintf("in %d h", h)
	}
	return fmt.Sprintf("in %d h %d min", h, m)
}

// stamp formats an instant for a key: RFC 3339 in UTC.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// shorten cuts s to at most n runes on one line, ending in "…" when cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// textKey is a short stable name for a text, for the key of an action item
// that storage has not numbered.
func textKey(parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("t%016x", h.Sum64())
}
