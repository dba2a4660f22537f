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

// BenchmarkDecodeLarge measures the import of a large calendar export:
// 20,000 events of which 200 repeat twice a week, with a VTIMEZONE.
func BenchmarkDecodeLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n")
	sb.WriteString("BEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		s := start.Add(time.Duration(i) * 3 * time.Hour)
		fmt.Fprintf(&sb, "BEGIN:VEVENT\r\nUID:%d@google.com\r\nDTSTART;TZID=Europe/Lisbon:%s\r\nDTEND;TZID=Europe/Lisbon:%s\r\n",
			i, s.Format(localLayout), s.Add(time.Hour).Format(localLayout))
		if i%100 == 0 {
			sb.WriteString("RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\nEXDATE;TZID=Europe/Lisbon:" + s.AddDate(0, 0, 14).Format(localLayout) + "\r\n")
		}
		sb.WriteString("SUMMARY:Meeting about things\\, and more\r\nDESCRIPTION:A longer description that goes on for a while and gets folded by the\r\n  exporter at seventy-five octets.\r\nSTATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n")
	}
	sb.WriteString("END:VCALENDAR\r\n")
	data := sb.String()
	loc := mustZone(b, "Europe/Lisbon")
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		imp, err := Decode(strings.NewReader(data), ImportOptions{Zone: loc, From: from, To: from.AddDate(1, 0, 0)})
		if err != nil {
			b.Fatal(err)
		}
		if len(imp.Busy) == 0 {
			b.Fatal("nothing imported")
		}
	}
}

// oldDailySeries is a calendar of n events that started in 1900 and repeat
// every day, every third day or weekly on three days, ending a few days or
// weeks into the window (by UNTIL or COUNT), as hostile or merely old files
// hold: expansion must not walk from 1900 to the window.
func oldDailySeries(n int) string {
	var sb strings.Builder
	sb.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Corp//Generator 1.0//EN\r\n")
	rules := []string{"FREQ=DAILY;UNTIL=20260310T000000Z", "FREQ=DAILY;INTERVAL=3;UNTIL=20260401T000000Z",
		"FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260401T000000Z", "FREQ=DAILY;COUNT=46090"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "BEGIN:VEVENT\r\nUID:old-%d@example.com\r\nDTSTART:19000101T%02d%02d00Z\r\nDURATION:PT30M\r\nRRULE:%s\r\nSUMMARY:Old series %d\r\nEND:VEVENT\r\n",
			i, 6+i%12, i%60, rules[i%len(rules)], i)
	}
	sb.WriteString("END:VCALENDAR\r\n")
	return sb.String()
}

// BenchmarkImportOldDailySeries measures the import of 2,000 daily or
// weekly series that started in 1900, over a one-year window.
func BenchmarkImportOldDailySeries(b *testing.B) {
	data := oldDailySeries(2000)
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		imp, err := Decode(strings.NewReader(data), ImportOptions{Zone: time.UTC, From: from, To: from.AddDate(1, 0, 0)})
		if err != nil {
			b.Fatal(err)
		}
		if len(imp.Busy) == 0 {
			b.Fatal("nothing imported")
		}
	}
}
