package reminders

import (
	"slices"
	"strings"
	"testing"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// menuInput is a team at 2026-03-04T12:00:00Z (Lisbon is on UTC):
//   - Primary: Ana's week from 2 March 09:00, and an override that gives her
//     the first day of Bo's week, up to Tuesday 10 March 09:00;
//   - APAC: Sydney 08:00-16:00 (21:00Z-05:00Z), outside its window now; Cy
//     holds the next day;
//   - Secondary: daily at 00:00 UTC, Bo today and Ana tomorrow.
func menuInput(t *testing.T, me, zone string) Input {
	primary := rotation("Primary", "Europe/Lisbon", "1w", "09:00", "2026-03-02", "Ana", "Bo")
	primary.Overrides = []oncall.Override{override("Ana", "2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z")}
	apac := rotation("APAC", "Australia/Sydney", "1d", "08:00", "2026-03-02", "Cy", "Bo", "Ana")
	apac.Coverage = coverage("08:00-16:00")
	secondary := rotation("Secondary", "UTC", "1d", "00:00", "2026-03-01", "Bo", "Ana", "Cy")
	tm := mustTeam(t, []roster.Member{person("Ana", "Europe/Lisbon", "09:00-17:00"), person("Bo", "America/New_York"), person("Cy", "Asia/Tokyo")},
		primary, apac, secondary)
	day := func(s string) timezone.Date {
		d, err := timezone.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	return Input{
		Team: tm, Me: me, Zone: zone,
		Schedules: []worklog.Schedule{
			// Due today at 10:00 EST, 15:00Z.
			{Member: "Bo", Zone: "America/New_York", Cadence: worklog.CadenceWeekly, MeetAt: timezone.MustClock("10:00"), Last: u("2026-02-25T15:00:00Z")},
			// Due Monday 2 March at 10:00 JST, 01:00Z: overdue.
			{Member: "Cy", Zone: "Asia/Tokyo", Cadence: worklog.CadenceFortnightly, MeetAt: timezone.MustClock("10:00"), Last: u("2026-02-16T01:00:00Z")},
			// No 1:1 yet: due today.
			{Member: "Di", Zone: "Europe/Lisbon", Cadence: worklog.CadenceWeekly, MeetAt: timezone.MustClock("11:00")},
			// Due next week; and one with no cadence.
			{Member: "Ed", Zone: "Europe/Lisbon", Cadence: worklog.CadenceWeekly, MeetAt: timezone.MustClock("11:00"), Last: u("2026-03-03T11:00:00Z")},
			{Member: "Fay", Zone: "Europe/Lisbon", Cadence: worklog.CadenceNone},
		},
		Actions: []worklog.ActionItem{
			{ID: 1, Text: "late", Owner: "Ana", Due: day("2026-03-03")},
			{ID: 2, Text: "due today", Owner: "Ana", Due: day("2026-03-04")},
			{ID: 3, Text: "done", Owner: "Ana", Due: day("2026-03-01"), Done: true},
			{ID: 4, Text: "Bo's", Owner: "Bo", Due: day("2026-03-01")},
			{ID: 5, Text: "no date", Owner: "Ana"},
		},
	}
}

func TestTrayMenu(t *testing.T) {
	tests := []struct {
		name     string
		in       func(t *testing.T) Input
		now      string
		onCall   bool
		overdue  int
		want     []string
		wantKind []LineKind
	}{
		{
			name: "me on call, next shift, 1:1s and items in my zone",
			in:   func(t *testing.T) Input { return menuInput(t, "Ana", "") },
			now:  "2026-03-04T12:00:00Z", onCall: true, overdue: 1,
			want: []string{
				"Primary: you until Tue 10 Mar 09:00 Europe/Lisbon",
				"APAC: nobody until 21:00 Europe/Lisbon, then Cy",
				"Secondary: Bo until Thu 5 Mar 00:00 Europe/Lisbon",
				"Your next shift: Secondary, Thu 5 Mar 00:00 to Fri 6 Mar 00:00 Europe/Lisbon",
				"1:1 with Cy overdue since Mon 2 Mar",
				"1:1 with Di due today, none logged yet",
				"1:1 with Bo due today at 15:00 Europe/Lisbon",
				"Overdue action items: 1",
			},
			wantKind: []LineKind{LineRotation, LineRotation, LineRotation, LineNextShift, LineOneOnOne, LineOneOnOne, LineOneOnOne, LineActions},
		},
		{
			// 12:00Z is 01:00 on Thursday 5 March in Auckland: Bo's 1:1 at
			// 15:00Z falls on that day, and the item due on the 4th is late.
			name: "the whole team from Auckland",
			in:   func(t *testing.T) Input { return menuInput(t, "", "Pacific/Auckland") },
			now:  "2026-03-04T12:00:00Z", onCall: false, overdue: 3,
			want: []string{
				"Primary: Ana until Tue 10 Mar 22:00 Pacific/Auckland",
				"APAC: nobody until 10:00 Pacific/Auckland, then Cy",
				"Secondary: Bo until 13:00 Pacific/Auckland",
				"1:1 with Cy overdue since Mon 2 Mar",
				"1:1 with Di due today, none logged yet",
				"1:1 with Bo due today at 04:00 Pacific/Auckland",
				"Overdue action items: 3",
			},
		},
		{
			// Within the APAC window (Sydney 09:00 on Saturday 7 March,
			// 22:00Z on Friday) Ana holds it; Cy holds Secondary.
			name: "on call through a coverage window",
			in:   func(t *testing.T) Input { return menuInput(t, "Ana", "") },
			now:  "2026-03-06T22:00:00Z", onCall: true, overdue: 2,
			want: []string{
				"Primary: you until Tue 10 Mar 09:00 Europe/Lisbon",
				"APAC: you until Sat 7 Mar 05:00 Europe/Lisbon",
				"Secondary: Cy until Sat 7 Mar 00:00 Europe/Lisbon",
				"Your next shift: Secondary, Sun 8 Mar 00:00 to Mon 9 Mar 00:00 Europe/Lisbon",
				"1:1 with Cy overdue since Mon 2 Mar",
				"1:1 with Bo overdue since Wed 4 Mar",
				"1:1 with Di due today, none logged yet",
				"Overdue action items: 2",
			},
		},
		{
			name: "an unknown me becomes a problem line",
			in:   func(t *testing.T) Input { return menuInput(t, "Zed", "UTC") },
			now:  "2026-03-04T12:00:00Z", onCall: false, overdue: 2,
			want: []string{
				`Reminders: me "Zed": unknown member`,
				"Primary: Ana until Tue 10 Mar 09:00 UTC",
				"APAC: nobody until 21:00 UTC, then Cy",
				"Secondary: Bo until Thu 5 Mar 00:00 UTC",
				"1:1 with Cy overdue since Mon 2 Mar",
				"1:1 with Di due today, none logged yet",
				"1:1 with Bo due today at 15:00 UTC",
				"Overdue action items: 2",
			},
		},
		{
			name: "alone on call without end, and a rotation not started",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Asia/Kathmandu")},
					rotation("Solo", "UTC", "1d", "00:00", "2026-01-01", "Ana"),
					rotation("Later", "UTC", "1d", "00:00", "2030-01-01", "Ana"))
				return Input{Team: tm, Me: "Ana"}
			},
			now: "2026-03-04T12:00:00Z", onCall: true,
			want: []string{
				"Solo: you, no handoff in the next 31 days",
				"Later: nobody on call",
				"Your next shift: none in the next 366 days",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := TrayMenu(tt.in(t), u(tt.now))
			if got := m.Texts(); !slices.Equal(got, tt.want) {
				t.Errorf("TrayMenu(%s) lines =\n%s\nwant\n%s", tt.now, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if m.OnCall != tt.onCall || m.OverdueActions != tt.overdue {
				t.Errorf("TrayMenu(%s) OnCall=%v OverdueActions=%d; want %v, %d", tt.now, m.OnCall, m.OverdueActions, tt.onCall, tt.overdue)
			}
			if tt.wantKind != nil {
				var kinds []LineKind
				for _, l := range m.Lines {
					kinds = append(kinds, l.Kind)
				}
				if !slices.Equal(kinds, tt.wantKind) {
					t.Errorf("line kinds = %v; want %v", kinds, tt.wantKind)
				}
			}
		})
	}
}
