package dav

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"dev.remotecto/remotecto/calendar"
)

// FingerprintProp is the property every event the app publishes over CalDAV
// carries: a digest of the rest of the event (all its properties but DTSTAMP
// and this one, as a calendar parser reads them, so a server may reorder,
// refold or re-escape them). An event whose fingerprint matches its content
// was written by the app and not edited since; that is how a publish
// recognises its own resources when its state was lost or is behind (a run
// killed half-way).
const FingerprintProp = "X-REMOTECTO-FINGERPRINT"

// ResourceName is the name of the resource holding the event with this UID
// in a collection: the hex SHA-256 of the UID, so any UID makes a safe,
// fixed-length name and two UIDs never share one.
func ResourceName(uid string) string {
	sum := sha256.Sum256([]byte(uid))
	return hex.EncodeToString(sum[:]) + ".ics"
}

// isResourceName reports whether name follows ResourceName's scheme; the
// app never touches any other resource in a collection.
func isResourceName(name string) bool {
	hexPart, ok := strings.CutSuffix(name, ".ics")
	if !ok || len(hexPart) != 64 {
		return false
	}
	for _, c := range []byte(hexPart) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// encodeResource writes the calendar object resource of one event: a
// VCALENDAR with the event and its VTIMEZONE, as calendar.Encode writes
// it, without METHOD (RFC 4791 section 4.1 forbids it in a collection) and
// with FingerprintProp. It returns the fingerprint too.
func encodeResource(e calendar.Event, now time.Time) (body []byte, fingerprint string, err error) {
	var buf bytes.Buffer
	if err := calendar.Encode(&buf, calendar.Calendar{Events: []calendar.Event{e}}, now); err != nil {
		return nil, "", err
	}
	body = bytes.Replace(buf.Bytes(), []byte("\r\nMETHOD:PUBLISH\r\n"), []byte("\r\n"), 1)
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		return nil, "", fmt.Errorf("event %q: read back: %w", e.UID, err)
	}
	ev := firstEvent(cal)
	if ev == nil {
		return nil, "", fmt.Errorf("event %q: no VEVENT written", e.UID)
	}
	fingerprint = fingerprintOf(ev)
	end := []byte("\r\nEND:VEVENT\r\n")
	i := bytes.Index(body, end)
	if i < 0 {
		return nil, "", fmt.Errorf("event %q: no END:VEVENT written", e.UID)
	}
	line := "\r\n" + FingerprintProp + ":" + fingerprint // 24 + 43 octets: no fold needed
	out := make([]byte, 0, len(body)+len(line))
	out = append(out, body[:i]...)
	out = append(out, line...)
	out = append(out, body[i:]...)
	return out, fingerprint, nil
}

// firstEvent is the VEVENT of a one-event calendar.
func firstEvent(cal *ical.Calendar) *ical.Component {
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			return c
		}
	}
	return nil
}

// fingerprintOf digests an event's component as a parser reads it:
// properties sorted by name, parameters by name, values unescaped; DTSTAMP
// (new on every write) and the fingerprint itself left out.
func fingerprintOf(ev *ical.Component) string {
	h := sha256.New()
	writeCanonical(h, ev)
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

func writeCanonical(w io.Writer, c *ical.Component) {
	field := func(s string) { fmt.Fprintf(w, "%d:%s", len(s), s) }
	field("BEGIN " + c.Name)
	names := make([]string, 0, len(c.Props))
	for name := range c.Props {
		if name != ical.PropDateTimeStamp && name != FingerprintProp {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		for _, p := range c.Props[name] {
			field(name)
			keys := make([]string, 0, len(p.Params))
			for k := range p.Params {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				field(";" + k + "=" + strings.Join(p.Params[k], ","))
			}
			field(":" + unescape(p.Value))
		}
	}
	children := make([]string, len(c.Children))
	for i, child := range c.Children {
		var b strings.Builder
		writeCanonical(&b, child)
		children[i] = b.String()
	}
	sort.Strings(children)
	for _, s := range children {
		field(s)
	}
	field("END " + c.Name)
}

// unescape undoes TEXT escaping (RFC 5545 section 3.3.11) so that "\N" and
// "\n", or an escaped and a bare colon, read alike.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// remoteObject is what a collection holds under one of the app's names.
type remoteObject struct {
	etag string
	uid  string
	// fingerprint is the FingerprintProp value; own is set when it matches
	// the event's content and the UID hashes to the resource's name.
	fingerprint string
	own         bool
}

// inspect reads a resource's calendar data.
func inspect(name, etag string, cal *ical.Calendar) remoteObject {
	obj := remoteObject{etag: etag}
	if cal == nil {
		return obj
	}
	ev := firstEvent(cal)
	if ev == nil {
		return obj
	}
	if p := ev.Props.Get(ical.PropUID); p != nil {
		obj.uid = unescape(p.Value)
	}
	if p := ev.Props.Get(FingerprintProp); p != nil {
		obj.fingerprint = p.Value
	}
	obj.own = obj.fingerprint != "" && obj.fingerprint == fingerprintOf(ev) && ResourceName(obj.uid) == name
	return obj
}
