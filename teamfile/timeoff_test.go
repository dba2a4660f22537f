package teamfile

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// TestEncodeTimeOff: time off read from a calendar (it has a UID) stays out
// of the team file; time off entered by hand goes in with its note, or
// AwaySummary when it has none; time off from a team file goes in as read.
func TestEncodeTimeOff(t *testing.T) {
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	span := func(n int, summary, source, uid string) roster.TimeOff {
		return roster.TimeOff{Start: day.AddDate(0, 0, n), End: day.AddDate(0, 0, n+1), Summary: summary, Source: source, UID: uid}
	}
	tm := team.Team{Members: []roster.Member{{Name: "Ana", Zone: "UTC", TimeOff: []roster.TimeOff{
		span(0, "", "manual", ""),
		span(1, "Dentist", "manual", ""),
		span(2, "Job interview at Rival Corp", "ana.ics", "evt-1#20260603T000000Z"),
		span(3, "", "team file", ""),
		span(4, "Holiday", "team file", ""),
	}}}}
	var b bytes.Buffer
	if err := Encode(&b, tm); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "Rival") || strings.Contains(out, `"start": "2026-06-03`) {
		t.Errorf("time off from a calendar is in the team file:\n%s", out)
	}
	back, err := Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range back.Members[0].TimeOff {
		got = append(got, o.Start.Format("02")+" "+o.Summary)
	}
	if want := "01 Away|02 Dentist|04 |05 Holiday"; strings.Join(got, "|") != want {
		t.Errorf("time off in the file: %q; want %q", strings.Join(got, "|"), want)
	}
}
