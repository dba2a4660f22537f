package calendar

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// benchCalendar is 10,000 events like the app exports: on-call shifts in
// UTC, 1:1 series and meetings with zones, a few all-day events.
func benchCalendar(b *testing.B) Calendar {
	zones := []*time.Location{mustZone(b, "Europe/Berlin"), mustZone(b, "Australia/Sydney"),
		mustZone(b, "Pacific/Chatham"), mustZone(b, "Asia/Kathmandu"), mustZone(b, "America/St_Johns")}
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	cal := Calendar{Name: "Benchmark"}
	for i := 0; i < 10000; i++ {
		s := start.Add(time.Duration(i) * 5 * time.Hour)
		e := Event{UID: MakeUID("shift", "Primary", s.Format(time.RFC3339)), Summary: fmt.Sprintf("On call: Primary (member %d)", i%20),
			Description: "Escalation: rotation Primary, then Ana (+351 210 000 001); runbook https://example.com/runbook",
			Start:       s, End: s.Add(12 * time.Hour), Transparent: true, Categories: []string{"On call"}}
		switch i % 10 {
		case 1, 2:
			z := zones[i%len(zones)]
			e.Zone, e.Start, e.End = z, s.In(z), s.Add(30*time.Minute).In(z)
			e.RRule = "FREQ=WEEKLY;INTERVAL=2;COUNT=26"
			e.Summary = "1:1 " + strings.Repeat("ü", i%30)
		case 3:
			e.AllDay = true
		}
		cal.Events = append(cal.Events, e)
	}
	return cal
}

// BenchmarkEncode10000 measures an ICS export of 10,000 events.
func BenchmarkEncode10000(b *testing.B) {
	cal := benchCalendar(b)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Encode(io.Discard, cal, now); err != nil {
			b.Fatal(err)
		}
	}
}
