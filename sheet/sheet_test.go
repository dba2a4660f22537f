package sheet

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// The schedule lines stand for exactly the shifts oncall.Shifts gives for
// the same weeks, in order, whether a line is one shift or a run of days.
func TestBuildShiftsMatchOncall(t *testing.T) {
	tm := nineTeam(t)
	for _, weeks := range []int{1, 4, 12} {
		s := Build(tm, "", nil, sheetFrom, weeks)
		if want := sheetFrom.AddDate(0, 0, 7*weeks); !s.To.Equal(want) {
			t.Fatalf("weeks %d: To = %s; want %s", weeks, s.To, want)
		}
		for i, r := range tm.Rotations {
			var got []string
			for _, line := range s.Rotations[i].Shifts {
				for _, e := range line.Entries() {
					got = append(got, fmt.Sprintf("%s %s %s %v", e.Member, e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339), e.Override))
				}
			}
			var want []string
			for _, e := range oncall.Shifts(r, s.From, s.To) {
				want = append(want, fmt.Sprintf("%s %s %s %v", e.Member, e.Start.UTC().Format(time.RFC3339), e.End.UTC().Format(time.RFC3339), e.Override))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("weeks %d, %s: sheet lines stand for\n%s\nwant oncall.Shifts\n%s", weeks, r.Name, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

func TestBuildScheduleLines(t *testing.T) {
	s := sampleSheet(t)
	type line struct{ member, local, utc string }
	var apac, primary []line
	for _, sh := range s.Rotations[2].Shifts {
		apac = append(apac, line{sh.Member, sh.Local, sh.UTC})
	}
	for _, sh := range s.Rotations[0].Shifts {
		primary = append(primary, line{sh.Member, sh.Local, sh.UTC})
	}
	// Sydney leaves DST on Sun 05 Apr (and Chatham the same day): the daily
	// window moves an hour in UTC, so the run of days is cut there.
	wantAPAC := []line{
		{"Jack O'Brien", "Tue 17 Mar – Sun 22 Mar, daily 08:00–18:00 AEDT", "Mon 16 Mar – Sat 21 Mar, daily 21:00–07:00 UTC"},
		{"Mere Tūhoe", "Mon 23 Mar – Sun 29 Mar, daily 10:45–20:45 UTC+13:45", "Sun 22 Mar – Sat 28 Mar, daily 21:00–07:00 UTC"},
		{"Jack O'Brien", "Mon 30 Mar – Sat 04 Apr, daily 08:00–18:00 AEDT", "Sun 29 Mar – Fri 03 Apr, daily 21:00–07:00 UTC"},
		{"Jack O'Brien", "Sun 05 Apr 08:00–18:00 AEST", "Sat 04 Apr 22:00 – Sun 05 Apr 08:00 UTC"},
		{"Mere Tūhoe", "Mon 06 Apr – Sun 12 Apr, daily 10:45–20:45 UTC+12:45", "Sun 05 Apr – Sat 11 Apr, daily 22:00–08:00 UTC"},
		{"Jack O'Brien", "Mon 13 Apr 08:00–18:00 AEST", "Sun 12 Apr 22:00 – Mon 13 Apr 08:00 UTC"},
	}
	if !reflect.DeepEqual(apac, wantAPAC) {
		t.Errorf("APAC lines =\n%q\nwant\n%q", apac, wantAPAC)
	}
	// The weekly Primary shift that spans the European change is written in
	// the member's zone with both abbreviations; the override is its own line.
	wantPrimary := []line{
		{"Łukasz Żółkiewski", "Mon 09 Mar 10:00 – Mon 16 Mar 10:00 CET", "Mon 09 Mar 09:00 – Mon 16 Mar 09:00 UTC"},
		{"Дмитрий Иванов", "Mon 16 Mar 12:00 – Mon 23 Mar 12:00 MSK", "Mon 16 Mar 09:00 – Mon 23 Mar 09:00 UTC"},
		{"Ελένη Παπαδοπούλου", "Mon 23 Mar 11:00 – Wed 25 Mar 20:00 EET", "Mon 23 Mar 09:00 – Wed 25 Mar 18:00 UTC"},
		{"Ana Lúcia Conceição", "Wed 25 Mar 18:00 – Thu 26 Mar 06:00 WET", "Wed 25 Mar 18:00 – Thu 26 Mar 06:00 UTC"},
		{"Ελένη Παπαδοπούλου", "Thu 26 Mar 08:00 – Mon 30 Mar 11:00 EET→EEST", "Thu 26 Mar 06:00 – Mon 30 Mar 08:00 UTC"},
		{"Björn Ødegård", "Mon 30 Mar 10:00 – Mon 06 Apr 10:00 CEST", "Mon 30 Mar 08:00 – Mon 06 Apr 08:00 UTC"},
		{"Łukasz Żółkiewski", "Mon 06 Apr 10:00 – Mon 13 Apr 10:00 CEST", "Mon 06 Apr 08:00 – Mon 13 Apr 08:00 UTC"},
	}
	if !reflect.DeepEqual(primary, wantPrimary) {
		t.Errorf("Primary lines =\n%q\nwant\n%q", primary, wantPrimary)
	}
	if !s.Rotations[0].Shifts[3].Override {
		t.Errorf("the override line is not marked")
	}
}

func TestBuildWeeksCapped(t *testing.T) {
	tm := nineTeam(t)
	for _, tt := range []struct{ ask, want int }{{-3, 1}, {0, 1}, {1, 1}, {12, 12}, {13, 12}, {1000, 12}} {
		s := Build(tm, "", nil, sheetFrom, tt.ask)
		if s.Weeks != tt.want || !s.To.Equal(sheetFrom.AddDate(0, 0, 7*tt.want)) {
			t.Errorf("Build(weeks %d): %d weeks to %s; want %d", tt.ask, s.Weeks, s.To, tt.want)
		}
		if capped := tt.ask != tt.want; capped != (len(s.Notes) == 1) {
			t.Errorf("Build(weeks %d) notes %q; want a note exactly when capped", tt.ask, s.Notes)
		}
	}
}

func TestBuildChainAndProtocol(t *testing.T) {
	tm := nineTeam(t)
	s := Build(tm, "  ", nil, sheetFrom, 1)
	if s.Protocol != tm.Policy.Protocol {
		t.Errorf("blank protocol: got %q; want the policy's %q", s.Protocol, tm.Policy.Protocol)
	}
	want := Chain{Repeat: 2, Levels: []Level{
		{Number: 1, AfterMinutes: 0, When: "at once", Targets: []Target{
			{Label: "On call in Primary", Now: "Łukasz Żółkiewski"},
			{Label: "On call in APAC daytime", Note: "covers 08:00–18:00 Australia/Sydney only"},
		}},
		{Number: 2, AfterMinutes: 15, When: "after 15 min", Targets: []Target{{Label: "On call in Secondary", Now: "Priya Raghunathan"}}},
		{Number: 3, AfterMinutes: 30, When: "after 30 min", Targets: []Target{{Label: "Ana Lúcia Conceição", Now: "Ana Lúcia Conceição"}}},
	}}
	if !reflect.DeepEqual(s.Chain, want) {
		t.Errorf("chain = %+v\nwant %+v", s.Chain, want)
	}
	// A rotation without coverage window that pages nobody is a warning.
	tm.Rotations[0].Start = timezone.Date{Year: 2027, Month: time.January, Day: 4}
	s = Build(tm, "", nil, sheetFrom, 1)
	if len(s.Warnings) == 0 || !strings.Contains(s.Warnings[0], "Escalation level 1: On call in Primary pages nobody") {
		t.Errorf("warnings %q; want level 1 paging nobody first", s.Warnings)
	}
	if !strings.Contains(strings.Join(s.Warnings, "\n"), "Nobody is on call in Primary from Mon 16 Mar 08:00 to Mon 23 Mar 08:00 UTC.") {
		t.Errorf("warnings %q; want the stretches with nobody on call", s.Warnings)
	}
}

func TestBuildTimeOffWarning(t *testing.T) {
	s := sampleSheet(t)
	want := []string{"Zoë Martínez is on call in Secondary during time off (dentist) from Thu 02 Apr 00:00 to Fri 03 Apr 00:00 UTC."}
	if !reflect.DeepEqual(s.Warnings, want) {
		t.Errorf("warnings %q; want %q", s.Warnings, want)
	}
}

func TestBuildContacts(t *testing.T) {
	s := sampleSheet(t)
	var names []string
	for _, c := range s.Contacts {
		names = append(names, c.Name)
	}
	// Sorted as people read names: Ł after L, accents beside their letter,
	// Latin, then Greek, then Cyrillic.
	want := []string{"Ana Lúcia Conceição", "Björn Ødegård", "Jack O'Brien", "Łukasz Żółkiewski", "Mere Tūhoe",
		"Priya Raghunathan", "Zoë Martínez", "Ελένη Παπαδοπούλου", "Дмитрий Иванов"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("contacts in order %q; want %q", names, want)
	}
	zoe := s.Contacts[6]
	if zoe.Tel != "tel:+12125550100;ext=42" || zoe.Hours != "Thu–Sun 22:00–06:00" || zoe.Email != "zoe@example.com" || zoe.Chat != "@zoe" {
		t.Errorf("Zoë's card = %+v", zoe)
	}
	// The channel to try first: the stated preference, else phone, chat, email.
	for i, want := range map[int]string{0: "chat @ana", 4: "email mere@example.nz", 6: "phone +1 (212) 555-0100 x42"} {
		if got := s.Contacts[i].First(); got != want {
			t.Errorf("%s: First() = %q; want %q", s.Contacts[i].Name, got, want)
		}
	}
	if ana := s.Contacts[0]; ana.Urgent != roster.Chat || ana.Response != "10 min, day or night" || zoe.Urgent != "" || zoe.Response != "" {
		t.Errorf("availability: Ana %q %q, Zoë %q %q; want Ana's own, Zoë's empty (the defaults apply)", ana.Urgent, ana.Response, zoe.Urgent, zoe.Response)
	}
	if (Contact{Name: "Nobody"}).First() != "" {
		t.Error("First() of a contact without any contact is not empty")
	}
}

func TestSummarizeHours(t *testing.T) {
	tests := []struct {
		days map[string]string
		want string
	}{
		{weekdays("09:00-17:00"), "Mon–Fri 09:00–17:00"},
		{map[string]string{"mon": "09:00-17:00", "tue": "09:00-17:00", "sat": "10:00-14:00"}, "Mon, Tue 09:00–17:00; Sat 10:00–14:00"},
		{map[string]string{"mon": "08:00-12:00,13:00-17:00", "wed": "08:00-12:00,13:00-17:00"}, "Mon 08:00–12:00, 13:00–17:00; Wed 08:00–12:00, 13:00–17:00"},
		{map[string]string{"sun": "22:00-06:00", "mon": "22:00-06:00"}, "Mon 22:00–06:00; Sun 22:00–06:00"},
		{map[string]string{"mon": "00:00-24:00"}, "Mon 00:00–24:00"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := summarizeHours(week(t, tt.days)); got != tt.want {
			t.Errorf("summarizeHours(%v) = %q; want %q", tt.days, got, tt.want)
		}
	}
}

func TestZoneLabel(t *testing.T) {
	at := utc("2026-01-15T12:00:00Z")
	for zone, want := range map[string]string{
		"Europe/Lisbon": "WET", "Asia/Kolkata": "IST", "Asia/Kathmandu": "UTC+05:45", "Pacific/Chatham": "UTC+13:45",
		"America/Sao_Paulo": "UTC-03", "Pacific/Kiritimati": "UTC+14", "UTC": "UTC",
	} {
		loc, err := timezone.LoadZone(zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := zoneLabel(at.In(loc)); got != want {
			t.Errorf("zoneLabel(%s) = %q; want %q", zone, got, want)
		}
	}
}

func TestBuildLinksHideSecrets(t *testing.T) {
	s := Build(team.Team{}, "", []Link{
		{Title: " Console ", Target: "https://ops:hunter2@console.example.com/x?user=me&access_token=s3cr3t&sig=abc"},
		{Title: "", Target: "vault://ops/db"},
		{Title: "Empty", Target: "  "},
		{Title: "Status", Target: "https://status.example.com"},
	}, sheetFrom, 1)
	want := []Link{
		{Title: "Console", Target: "https://ops@console.example.com/x?access_token=HIDDEN&sig=HIDDEN&user=me"},
		{Title: "vault://ops/db", Target: "vault://ops/db"},
		{Title: "Status", Target: "https://status.example.com"},
	}
	if !reflect.DeepEqual(s.Links, want) {
		t.Errorf("links = %q; want %q", s.Links, want)
	}
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "a password and the value of access_token, sig hidden") {
		t.Errorf("notes = %q; want one saying what was hidden", s.Notes)
	}
	if strings.Contains(fmt.Sprint(s), "hunter2") || strings.Contains(fmt.Sprint(s), "s3cr3t") {
		t.Errorf("a secret is left in the sheet")
	}
}
