package calendar

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// onset is when an observance of a written VTIMEZONE begins.
type onset struct {
	at     time.Time
	offset int
}

// readOnsets evaluates a VTIMEZONE the way a client does: every observance's
// DTSTART, RRULE and RDATEs, read in TZOFFSETFROM, up to the year end.
func readOnsets(t *testing.T, tz *ical.Component, end time.Time) []onset {
	t.Helper()
	var out []onset
	for _, o := range tz.Children {
		from, to := parseOffset(t, o.Props.Get("TZOFFSETFROM").Value), parseOffset(t, o.Props.Get("TZOFFSETTO").Value)
		fixed := time.FixedZone("", from)
		start, err := time.ParseInLocation(localLayout, o.Props.Get("DTSTART").Value, fixed)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, onset{start, to})
		if p := o.Props.Get("RRULE"); p != nil {
			opt, err := rrule.StrToROption(p.Value)
			if err != nil {
				t.Fatalf("RRULE %q: %v", p.Value, err)
			}
			opt.Dtstart = start
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range r.Between(start, end, false) {
				out = append(out, onset{at, to})
			}
		}
		for _, p := range o.Props.Values("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				at, err := time.ParseInLocation(localLayout, v, fixed)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, onset{at, to})
			}
		}
	}
	return out
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	d := s[1:] + "00"
	h, m, sec := int(d[0]-'0')*10+int(d[1]-'0'), int(d[2]-'0')*10+int(d[3]-'0'), int(d[4]-'0')*10+int(d[5]-'0')
	return sign * (h*3600 + m*60 + sec)
}

func offsetAt(ons []onset, at time.Time) (int, bool) {
	var best *onset
	for i := range ons {
		if !ons[i].at.After(at) && (best == nil || ons[i].at.After(best.at)) {
			best = &ons[i]
		}
	}
	if best == nil {
		return 0, false
	}
	return best.offset, true
}

// TestVTimezoneAgreesWithGo walks every zone hour by hour (and a second on
// either side of every change) across the years the events span and checks
// that the written VTIMEZONE gives Go's offset.
func TestVTimezoneAgreesWithGo(t *testing.T) {
	zones := []string{"Europe/Berlin", "Europe/Lisbon", "Europe/Dublin", "America/New_York", "America/St_Johns",
		"America/Sao_Paulo", "America/Santiago", "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe",
		"Pacific/Auckland", "Pacific/Chatham", "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Tongatapu",
		"Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran", "Asia/Jerusalem", "Africa/Casablanca", "Africa/Cairo",
		"America/Godthab", "Antarctica/Troll", "UTC", "Etc/GMT+5"}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := mustZone(t, name)
			first, last := 2016, 2029
			var b bytes.Buffer
			lw := &lineWriter{w: bufio.NewWriter(&b)}
			lw.line("BEGIN:VCALENDAR")
			writeVTimezone(lw, loc, first, last)
			lw.line("END:VCALENDAR")
			lw.w.Flush()
			cal, err := ical.NewDecoder(&b).Decode()
			if err != nil {
				t.Fatalf("written VTIMEZONE does not parse: %v\n%s", err, b.String())
			}
			from := time.Date(first, 1, 1, 0, 0, 0, 0, loc)
			to := time.Date(last+1, 1, 1, 0, 0, 0, 0, loc)
			ons := readOnsets(t, cal.Children[0], to.Add(48*time.Hour))
			check := func(at time.Time) {
				_, want := at.In(loc).Zone()
				got, ok := offsetAt(ons, at)
				if !ok || got != want {
					t.Fatalf("at %s: VTIMEZONE gives offset %d (found %v); Go gives %d\n%s",
						at.UTC().Format(time.RFC3339), got, ok, want, b.String())
				}
			}
			for at := from; at.Before(to); at = at.Add(time.Hour) {
				check(at)
			}
			for _, tr := range zoneTransitions(loc, from, to) {
				if tr.at.After(from) {
					check(tr.at.Add(-time.Second))
				}
				check(tr.at)
			}
		})
	}
}

func TestVTimezoneShapes(t *testing.T) {
	for _, c := range []struct {
		zone string
		want []string
		not  []string
	}{
		{"Asia/Kolkata", []string{"BEGIN:STANDARD", "TZOFFSETTO:+0530"}, []string{"DAYLIGHT", "RRULE"}},
		{"Asia/Kathmandu", []string{"BEGIN:STANDARD", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0545"}, []string{"DAYLIGHT", "RRULE"}},
		{"Pacific/Kiritimati", []string{"TZOFFSETTO:+1400"}, []string{"DAYLIGHT"}},
		{"Europe/Berlin", []string{"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200"}, nil},
		{"Australia/Sydney", []string{"BEGIN:DAYLIGHT", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "TZOFFSETTO:+1100",
			"RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "TZOFFSETTO:+1000"}, nil},
		{"Pacific/Auckland", []string{"RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", "TZOFFSETTO:+1300", "TZOFFSETTO:+1200"}, nil},
		{"Pacific/Chatham", []string{"DTSTART:20250928T024500", "TZOFFSETFROM:+1245", "TZOFFSETTO:+1345", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"}, nil},
		{"America/St_Johns", []string{"TZOFFSETFROM:-0330", "TZOFFSETTO:-0230", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"}, nil},
	} {
		var b bytes.Buffer
		lw := &lineWriter{w: bufio.NewWriter(&b)}
		writeVTimezone(lw, mustZone(t, c.zone), 2026, 2027)
		lw.w.Flush()
		out := b.String()
		for _, w := range c.want {
			if !strings.Contains(out, "\r\n"+w+"\r\n") {
				t.Errorf("%s: missing %q in\n%s", c.zone, w, out)
			}
		}
		for _, n := range c.not {
			if strings.Contains(out, n) {
				t.Errorf("%s: unexpected %q in\n%s", c.zone, n, out)
			}
		}
	}
}
