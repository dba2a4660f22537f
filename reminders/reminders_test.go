package reminders

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// listCase is one call of List and the reminders it must return, as
// "AT KEY" lines.
type listCase struct {
	name     string
	in       func(t *testing.T) Input
	from, to string
	want     []string
}

func runListCases(t *testing.T, cases []listCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in(t)
			got, err := List(in, u(tc.from), u(tc.to))
			if err != nil {
				t.Fatalf("List(%s, %s): %v", tc.from, tc.to, err)
			}
			want := strings.Join(tc.want, "\n")
			if len(tc.want) > 0 {
				want += "\n"
			}
			if g := render(got); g != want {
				t.Errorf("List(me %q, %s, %s) =\n%s; want\n%s", in.Me, tc.from, tc.to, g, want)
			}
		})
	}
}

// TestShiftStartLeads checks the shift-start reminders at exact instants
// across DST changes in both directions, in 45-minute, +13:45 and +14
// zones: a lead time is elapsed time before the start, whatever the clock
// does in between.
func TestShiftStartLeads(t *testing.T) {
	runListCases(t, []listCase{
		{
			name: "US spring: 09:00 EST then 09:00 EDT, 1 h before each",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "America/New_York"), person("Bo", "America/New_York")},
					rotation("Primary", "America/New_York", "1d", "09:00", "2026-03-06", "Ana", "Bo"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart)}}
			},
			from: "2026-03-06T00:00:00Z", to: "2026-03-11T00:00:00Z",
			want: []string{
				"2026-03-06T13:00:00Z shift-start/Primary/2026-03-06T14:00:00Z/60m",
				"2026-03-06T14:00:00Z shift-start/Primary/2026-03-06T14:00:00Z/0m",
				"2026-03-08T12:00:00Z shift-start/Primary/2026-03-08T13:00:00Z/60m",
				"2026-03-08T13:00:00Z shift-start/Primary/2026-03-08T13:00:00Z/0m",
				"2026-03-10T12:00:00Z shift-start/Primary/2026-03-10T13:00:00Z/60m",
				"2026-03-10T13:00:00Z shift-start/Primary/2026-03-10T13:00:00Z/0m",
			},
		},
		{
			// 02:00 EST on 1 November is 07:00Z; an hour before is 06:00Z,
			// which the clock shows as the second 01:00 (EST), not the first.
			name: "US fall: 1 h before 02:00 EST is the second 01:00",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "America/New_York"), person("Bo", "America/New_York")},
					rotation("Primary", "America/New_York", "1d", "02:00", "2026-10-30", "Ana", "Bo"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart)}}
			},
			from: "2026-11-01T00:00:00Z", to: "2026-11-01T12:00:00Z",
			want: []string{
				"2026-11-01T06:00:00Z shift-start/Primary/2026-11-01T07:00:00Z/60m",
				"2026-11-01T07:00:00Z shift-start/Primary/2026-11-01T07:00:00Z/0m",
			},
		},
		{
			// 03:00 CEST on 29 March is 01:00Z; 1 h before is 01:00 CET and
			// 2 h 30 min before is 23:30 CET the day before.
			name: "EU spring: leads across the gap",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Europe/Berlin"), person("Bo", "Europe/Berlin")},
					rotation("Primary", "Europe/Berlin", "1d", "03:00", "2026-03-29", "Ana", "Bo"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart), Leads: leads(0, 60, 150)}}
			},
			from: "2026-03-28T00:00:00Z", to: "2026-03-30T00:00:00Z",
			want: []string{
				"2026-03-28T22:30:00Z shift-start/Primary/2026-03-29T01:00:00Z/150m",
				"2026-03-29T00:00:00Z shift-start/Primary/2026-03-29T01:00:00Z/60m",
				"2026-03-29T01:00:00Z shift-start/Primary/2026-03-29T01:00:00Z/0m",
			},
		},
		{
			// Berlin leaves summer time on 25 October at 03:00 CEST; a start
			// at 03:30 CET is 02:30Z, and 1 h before is 02:30 CET, after the
			// repeated hour, not the first 02:30 (CEST, 00:30Z).
			name: "EU fall: 1 h before 03:30 CET",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Europe/Berlin"), person("Bo", "Europe/Berlin")},
					rotation("Primary", "Europe/Berlin", "1d", "03:30", "2026-10-24", "Bo", "Ana"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart)}}
			},
			from: "2026-10-24T12:00:00Z", to: "2026-10-25T12:00:00Z",
			want: []string{
				"2026-10-25T01:30:00Z shift-start/Primary/2026-10-25T02:30:00Z/60m",
				"2026-10-25T02:30:00Z shift-start/Primary/2026-10-25T02:30:00Z/0m",
			},
		},
		{
			// Auckland goes from +12 to +13 at 02:00 on 27 September: a 02:30
			// handoff that day is 03:30 NZDT, 14:30Z on the 26th; the next
			// day's 02:30 NZDT is 13:30Z.
			name: "NZ spring: a 02:30 start on the spring-forward day",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Pacific/Auckland"), person("Bo", "Pacific/Auckland")},
					rotation("Primary", "Pacific/Auckland", "1d", "02:30", "2026-09-26", "Bo", "Ana"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart)}}
			},
			from: "2026-09-25T00:00:00Z", to: "2026-09-28T00:00:00Z",
			want: []string{
				"2026-09-26T13:30:00Z shift-start/Primary/2026-09-26T14:30:00Z/60m",
				"2026-09-26T14:30:00Z shift-start/Primary/2026-09-26T14:30:00Z/0m",
			},
		},
		{
			// Auckland goes from +13 back to +12 at 03:00 on 5 April: 09:00
			// is 20:00Z before and 21:00Z after.
			name: "NZ autumn: 09:00 NZDT then 09:00 NZST",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Pacific/Auckland")},
					rotation("Solo", "Pacific/Auckland", "1d", "09:00", "2026-04-04", "Ana"))
				tm.Rotations[0].Coverage = coverage("09:00-17:00")
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(ShiftStart), Leads: leads(60)}}
			},
			from: "2026-04-03T12:00:00Z", to: "2026-04-06T12:00:00Z",
			want: []string{
				"2026-04-03T19:00:00Z shift-start/Solo/2026-04-03T20:00:00Z/60m",
				"2026-04-04T20:00:00Z shift-start/Solo/2026-04-04T21:00:00Z/60m",
				"2026-04-05T20:00:00Z shift-start/Solo/2026-04-05T21:00:00Z/60m",
			},
		},
		{
			// Kathmandu is +05:45: 09:00 is 03:15Z.
			name: "Kathmandu: every kind in a +05:45 zone",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Asia/Kathmandu", "10:00-18:00"), person("Bo", "Asia/Kathmandu")},
					rotation("Primary", "Asia/Kathmandu", "1d", "09:00", "2026-03-09", "Ana", "Bo"))
				return Input{
					Team: tm, Me: "Ana",
					// Bo's last 1:1 was Tuesday 3 March at 11:00 NPT: the next
					// is due Tuesday 10 March; Ana's day starts at 10:00 NPT.
					Schedules: []worklog.Schedule{{Member: "Bo", Zone: "Asia/Kathmandu", Cadence: worklog.CadenceWeekly,
						MeetAt: timezone.MustClock("11:00"), Minutes: 30, Last: u("2026-03-03T05:15:00Z")}},
					Actions: []worklog.ActionItem{
						{ID: 7, Text: "Draft the runbook", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: 3, Day: 11}, Member: "Bo"},
						{ID: 8, Text: "Bo's item", Owner: "Bo", Due: timezone.Date{Year: 2026, Month: 3, Day: 11}},
						{ID: 9, Text: "Done already", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: 3, Day: 11}, Done: true},
						{ID: 10, Text: "No due date", Owner: "Ana"},
					},
				}
			},
			from: "2026-03-09T00:00:00Z", to: "2026-03-12T00:00:00Z",
			want: []string{
				"2026-03-09T02:15:00Z shift-start/Primary/2026-03-09T03:15:00Z/60m",
				"2026-03-09T03:15:00Z shift-start/Primary/2026-03-09T03:15:00Z/0m",
				"2026-03-10T03:15:00Z handoff/Primary/2026-03-10T03:15:00Z/Bo",
				"2026-03-10T03:15:00Z action-due/7/2026-03-11",
				"2026-03-10T04:15:00Z one-on-one/Bo/2026-03-10",
				"2026-03-11T02:15:00Z shift-start/Primary/2026-03-11T03:15:00Z/60m",
				"2026-03-11T03:15:00Z shift-start/Primary/2026-03-11T03:15:00Z/0m",
			},
		},
		{
			// Chatham is +13:45 until 5 April 03:45, then +12:45: 09:00 is
			// 19:15Z the day before, then 20:15Z. The review due on 10 March
			// (00:00Z is 13:45 that day in Chatham) fires at 09:00 +13:45.
			name: "Chatham: +13:45 and its autumn change",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Pacific/Chatham"), person("Bo", "Pacific/Chatham")},
					rotation("Primary", "Pacific/Chatham", "1d", "09:00", "2026-04-04", "Ana", "Bo"))
				return Input{Team: tm, Me: "Ana", ProtocolReviewDue: u("2026-03-10T00:00:00Z")}
			},
			from: "2026-03-09T00:00:00Z", to: "2026-04-07T00:00:00Z",
			want: []string{
				"2026-03-09T19:15:00Z review-due/2026-03-10T00:00:00Z",
				"2026-04-03T18:15:00Z shift-start/Primary/2026-04-03T19:15:00Z/60m",
				"2026-04-03T19:15:00Z shift-start/Primary/2026-04-03T19:15:00Z/0m",
				"2026-04-04T20:15:00Z handoff/Primary/2026-04-04T20:15:00Z/Bo",
				"2026-04-05T19:15:00Z shift-start/Primary/2026-04-05T20:15:00Z/60m",
				"2026-04-05T20:15:00Z shift-start/Primary/2026-04-05T20:15:00Z/0m",
				"2026-04-06T20:15:00Z handoff/Primary/2026-04-06T20:15:00Z/Bo",
			},
		},
		{
			// Kiritimati is +14 and Honolulu -10: the same wall clock a day
			// apart. Bo's 1:1 due Monday 9 March at 10:00 HST (20:00Z) is
			// Tuesday 10:00 for Ana, whose Tuesday starts at 08:00 (18:00Z
			// on Monday). The item due 10 March fires at 09:00 on 9 March
			// in Kiritimati, 19:00Z on the 8th.
			name: "Kiritimati: +14 against -10",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Pacific/Kiritimati", "08:00-16:00"), person("Bo", "Pacific/Honolulu")})
				return Input{
					Team: tm, Me: "ana",
					Schedules: []worklog.Schedule{{Member: "Bo", Zone: "Pacific/Honolulu", Cadence: worklog.CadenceWeekly,
						MeetAt: timezone.MustClock("10:00"), Minutes: 30, Last: u("2026-03-02T20:00:00Z")}},
					Actions: []worklog.ActionItem{{ID: 3, Text: "Send the budget", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: 3, Day: 10}}},
				}
			},
			from: "2026-03-08T00:00:00Z", to: "2026-03-11T00:00:00Z",
			want: []string{
				"2026-03-08T19:00:00Z action-due/3/2026-03-10",
				"2026-03-09T18:00:00Z one-on-one/Bo/2026-03-09",
			},
		},
	})
}

// TestHandoffs checks handoff reminders: a 02:30 handoff on spring-forward
// days, merging, overrides and coverage windows.
func TestHandoffs(t *testing.T) {
	runListCases(t, []listCase{
		{
			// New York skips 02:00-03:00 on 8 March: the 02:30 handoff that
			// day is at 03:30 EDT (07:30Z); the next day's is 06:30Z.
			name: "US spring: 02:30 handoff moves to 03:30",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("A", "America/New_York"), person("B", "UTC"), person("C", "UTC")},
					rotation("Night", "America/New_York", "1d", "02:30", "2026-03-07", "A", "B", "C"))
				return Input{Team: tm, Zone: "America/New_York", Settings: Settings{Off: only(Handoff)}}
			},
			from: "2026-03-07T12:00:00Z", to: "2026-03-10T00:00:00Z",
			want: []string{
				"2026-03-08T07:30:00Z handoff/Night/2026-03-08T07:30:00Z/B",
				"2026-03-09T06:30:00Z handoff/Night/2026-03-09T06:30:00Z/C",
			},
		},
		{
			name: "NZ spring: 02:30 handoff moves to 03:30",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "Pacific/Auckland"), person("Bo", "Pacific/Auckland")},
					rotation("Primary", "Pacific/Auckland", "1d", "02:30", "2026-09-25", "Ana", "Bo"))
				return Input{Team: tm, Zone: "Pacific/Auckland", Settings: Settings{Off: only(Handoff)}}
			},
			from: "2026-09-25T00:00:00Z", to: "2026-09-28T00:00:00Z",
			want: []string{
				"2026-09-25T14:30:00Z handoff/Primary/2026-09-25T14:30:00Z/Bo",
				"2026-09-26T14:30:00Z handoff/Primary/2026-09-26T14:30:00Z/Ana",
				"2026-09-27T13:30:00Z handoff/Primary/2026-09-27T13:30:00Z/Bo",
			},
		},
		{
			// Ana's own day, an override giving her Bo's day, a one-hour
			// override for Cy inside her day, and an override that runs into
			// her next day: three starts of Ana's, and handoffs only where
			// someone else takes over.
			name: "merging and overrides",
			in: func(t *testing.T) Input {
				r := rotation("Primary", "Europe/Berlin", "1d", "09:00", "2026-03-02", "Ana", "Bo")
				r.Overrides = []oncall.Override{
					override("Ana", "2026-03-03T08:00:00Z", "2026-03-04T08:00:00Z"),
					override("Cy", "2026-03-04T12:00:00Z", "2026-03-04T13:00:00Z"),
					override("Ana", "2026-03-05T20:00:00Z", "2026-03-06T08:00:00Z"),
				}
				tm := mustTeam(t, []roster.Member{person("Ana", "Europe/Berlin"), person("Bo", "Europe/Berlin"), person("Cy", "Europe/Berlin")}, r)
				return Input{Team: tm, Me: "Ana", Settings: Settings{Leads: leads(0)}}
			},
			from: "2026-03-02T00:00:00Z", to: "2026-03-08T00:00:00Z",
			want: []string{
				"2026-03-02T08:00:00Z shift-start/Primary/2026-03-02T08:00:00Z/0m",
				"2026-03-04T12:00:00Z handoff/Primary/2026-03-04T12:00:00Z/Cy",
				"2026-03-04T13:00:00Z shift-start/Primary/2026-03-04T13:00:00Z/0m",
				"2026-03-05T08:00:00Z handoff/Primary/2026-03-05T08:00:00Z/Bo",
				"2026-03-05T20:00:00Z shift-start/Primary/2026-03-05T20:00:00Z/0m",
				"2026-03-07T08:00:00Z handoff/Primary/2026-03-07T08:00:00Z/Bo",
			},
		},
		{
			// Sydney is +11 in March: the 08:00-16:00 window is 21:00Z-05:00Z.
			// Ana holds the first week: each day's window is a start of hers,
			// and Bo's first window is a handoff after a night's gap.
			name: "coverage windows: a start each day, a handoff across the gap",
			in: func(t *testing.T) Input {
				r := rotation("APAC", "Australia/Sydney", "1w", "08:00", "2026-03-02", "Ana", "Bo")
				r.Coverage = coverage("08:00-16:00")
				tm := mustTeam(t, []roster.Member{person("Ana", "Australia/Sydney"), person("Bo", "Australia/Sydney")}, r)
				return Input{Team: tm, Me: "Ana", Settings: Settings{Leads: leads(0)}}
			},
			from: "2026-03-01T00:00:00Z", to: "2026-03-10T00:00:00Z",
			want: []string{
				"2026-03-01T21:00:00Z shift-start/APAC/2026-03-01T21:00:00Z/0m",
				"2026-03-02T21:00:00Z shift-start/APAC/2026-03-02T21:00:00Z/0m",
				"2026-03-03T21:00:00Z shift-start/APAC/2026-03-03T21:00:00Z/0m",
				"2026-03-04T21:00:00Z shift-start/APAC/2026-03-04T21:00:00Z/0m",
				"2026-03-05T21:00:00Z shift-start/APAC/2026-03-05T21:00:00Z/0m",
				"2026-03-06T21:00:00Z shift-start/APAC/2026-03-06T21:00:00Z/0m",
				"2026-03-07T21:00:00Z shift-start/APAC/2026-03-07T21:00:00Z/0m",
				"2026-03-08T21:00:00Z handoff/APAC/2026-03-08T21:00:00Z/Bo",
			},
		},
		{
			// With the shift-start kind off, a handoff to me is listed.
			name: "a handoff to me when shift starts are off",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "UTC"), person("Bo", "UTC")},
					rotation("Primary", "UTC", "1d", "09:00", "2026-03-02", "Ana", "Bo"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(Handoff)}}
			},
			from: "2026-03-02T00:00:00Z", to: "2026-03-04T12:00:00Z",
			want: []string{
				"2026-03-02T09:00:00Z handoff/Primary/2026-03-02T09:00:00Z/Ana",
				"2026-03-03T09:00:00Z handoff/Primary/2026-03-03T09:00:00Z/Bo",
				"2026-03-04T09:00:00Z handoff/Primary/2026-03-04T09:00:00Z/Ana",
			},
		},
	})
}

// TestWeeklyHandoffLocalClock checks that a weekly 09:00 handoff fires at
// 09:00 on Monday of the rotation's zone on both sides of a DST change, in
// the US, the EU and New Zealand, both ways.
func TestWeeklyHandoffLocalClock(t *testing.T) {
	tests := []struct {
		zone, start string
		want        []string // the handoff instants, UTC
	}{
		{"America/New_York", "2026-03-02", []string{"2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"}},
		{"America/New_York", "2026-10-26", []string{"2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z", "2026-11-09T14:00:00Z"}},
		{"Europe/Berlin", "2026-03-23", []string{"2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z"}},
		{"Europe/Berlin", "2026-10-19", []string{"2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z"}},
		{"Pacific/Auckland", "2026-03-30", []string{"2026-03-29T20:00:00Z", "2026-04-05T21:00:00Z", "2026-04-12T21:00:00Z"}},
		{"Pacific/Auckland", "2026-09-21", []string{"2026-09-20T21:00:00Z", "2026-09-27T20:00:00Z", "2026-10-04T20:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.start, func(t *testing.T) {
			loc, err := timezone.LoadZone(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			tm := mustTeam(t, []roster.Member{person("Ana", tt.zone), person("Bo", tt.zone)},
				rotation("Weekly", tt.zone, "1w", "09:00", tt.start, "Ana", "Bo"))
			from := u(tt.want[0]).Add(-time.Hour)
			rs, err := List(Input{Team: tm, Zone: tt.zone, Settings: Settings{Off: only(Handoff)}}, from, from.Add(15*24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, stamp(r.At))
				if l := r.At.In(loc); l.Weekday() != time.Monday || l.Format("15:04") != "09:00" {
					t.Errorf("handoff at %s is %s in %s; want Monday 09:00", stamp(r.At), l.Format("Mon 15:04"), tt.zone)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("handoffs = %v; want %v", got, tt.want)
			}
		})
	}
}

// TestQuietHours checks that reminders in quiet hours that cross midnight
// move to their end, that the bounds are half-open, that the span follows
// a DST change, and that shift starts are never held back.
func TestQuietHours(t *testing.T) {
	members := []roster.Member{person("Ana", "Europe/Berlin"), person("Bo", "UTC"), person("Cy", "UTC")}
	runListCases(t, []listCase{
		{
			// Berlin is +1 in January: quiet hours are 21:00Z-06:00Z.
			name: "22:00-07:00 in winter",
			in: func(t *testing.T) Input {
				var rs []oncall.Rotation
				for _, h := range []string{"21:59", "22:00", "23:30", "06:59", "07:00"} {
					rs = append(rs, rotation("Q"+strings.ReplaceAll(h, ":", ""), "Europe/Berlin", "1d", h, "2026-01-11", "Bo", "Cy"))
				}
				rs = append(rs, rotation("Mine", "Europe/Berlin", "1d", "23:00", "2026-01-12", "Ana", "Bo"))
				tm := mustTeam(t, members, rs...)
				return Input{Team: tm, Me: "Ana", Settings: Settings{
					Off: only(ShiftStart, Handoff), Quiet: quiet("22:00-07:00"),
					Follow: []string{"Q2159", "q2200", "Q2330", "Q0659", "Q0700"},
				}}
			},
			from: "2026-01-12T12:00:00Z", to: "2026-01-13T12:00:00Z",
			want: []string{
				"2026-01-12T20:59:00Z handoff/Q2159/2026-01-12T20:59:00Z/Cy",
				"2026-01-12T21:00:00Z shift-start/Mine/2026-01-12T22:00:00Z/60m",
				"2026-01-12T22:00:00Z shift-start/Mine/2026-01-12T22:00:00Z/0m",
				"2026-01-13T06:00:00Z handoff/Q0659/2026-01-13T05:59:00Z/Bo",
				"2026-01-13T06:00:00Z handoff/Q0700/2026-01-13T06:00:00Z/Bo",
				"2026-01-13T06:00:00Z handoff/Q2200/2026-01-12T21:00:00Z/Cy",
				"2026-01-13T06:00:00Z handoff/Q2330/2026-01-12T22:30:00Z/Cy",
			},
		},
		{
			// The night of 28-29 March is an hour short in Berlin: quiet hours
			// run from 22:00 CET (21:00Z) to 07:00 CEST (05:00Z). The 02:30
			// handoff is at 03:30 CEST (01:30Z) and waits until 05:00Z.
			name: "the spring-forward night",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, members, rotation("Night", "Europe/Berlin", "1d", "02:30", "2026-03-27", "Bo", "Cy"))
				return Input{Team: tm, Me: "Ana", Settings: Settings{Off: only(Handoff), Quiet: quiet("22:00-07:00"), Follow: []string{"Night"}}}
			},
			from: "2026-03-28T12:00:00Z", to: "2026-03-29T12:00:00Z",
			want: []string{"2026-03-29T05:00:00Z handoff/Night/2026-03-29T01:30:00Z/Bo"},
		},
		{
			// Day reminders held back too: an action due at 09:00 with quiet
			// hours until 09:30 (New York, EST).
			name: "an action item waits for the end of late quiet hours",
			in: func(t *testing.T) Input {
				tm := mustTeam(t, []roster.Member{person("Ana", "America/New_York")})
				return Input{Team: tm, Me: "Ana", Settings: Settings{Quiet: quiet("23:00-09:30")},
					Actions: []worklog.ActionItem{{ID: 1, Text: "Call the bank", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: 1, Day: 14}}}}
			},
			from: "2026-01-13T00:00:00Z", to: "2026-01-14T00:00:00Z",
			want: []string{"2026-01-13T14:30:00Z action-due/1/2026-01-14"},
		},
	})
}

// TestTexts checks titles and bodies: times in my zone with its name, dates
// when the day differs, and the note of quiet hours.
func TestTexts(t *testing.T) {
	r := rotation("Primary", "Europe/Berlin", "1d", "09:00", "2026-03-02", "Ana", "Bo")
	r.Overrides = []oncall.Override{override("Ana", "2026-03-03T08:00:00Z", "2026-03-04T08:00:00Z")}
	tm := mustTeam(t, []roster.Member{person("Ana", "Europe/Lisbon"), person("Bo", "America/New_York")}, r)
	in := Input{
		Team: tm, Me: "Ana",
		Settings:  Settings{Quiet: quiet("22:00-07:00"), Leads: leads(90, 0)},
		Schedules: []worklog.Schedule{{Member: "Bo", Zone: "America/New_York", Cadence: worklog.CadenceFortnightly, MeetAt: timezone.MustClock("10:00"), Minutes: 45, Last: u("2026-02-20T15:00:00Z")}},
		Actions:   []worklog.ActionItem{{ID: 4, Text: "Write   the\npost-mortem", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: 3, Day: 5}, Member: "Bo"}},
		// Due on 6 March.
		ProtocolReviewDue: u("2026-03-06T12:00:00Z"),
	}
	rs, err := List(in, u("2026-03-02T00:00:00Z"), u("2026-03-07T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, stamp(r.At)+" "+string(r.Kind)+" | "+r.Title+" | "+r.Body)
	}
	// Ana holds 2 March, Bo's 3 March by an override, and 4 March.
	want := []string{
		"2026-03-02T06:30:00Z shift-start | Primary: your shift starts in 1 h 30 min | You are on call for Primary from 08:00 to Thu 5 Mar 08:00 Europe/Lisbon.",
		"2026-03-02T08:00:00Z shift-start | Primary: your shift starts now | You are on call for Primary from 08:00 to Thu 5 Mar 08:00 Europe/Lisbon.",
		"2026-03-04T09:00:00Z action-due | Due tomorrow: Write the post-mortem | Action item of Ana, due Thu 5 Mar, from the 1:1 with Bo.",
		"2026-03-05T08:00:00Z handoff | Primary: Bo takes over from you | Bo is on call for Primary from 08:00 to Fri 6 Mar 08:00 Europe/Lisbon.",
		"2026-03-06T06:30:00Z shift-start | Primary: your shift starts in 1 h 30 min | You are on call for Primary from 08:00 to Sat 7 Mar 08:00 Europe/Lisbon, taking over from Bo.",
		"2026-03-06T08:00:00Z shift-start | Primary: your shift starts now | You are on call for Primary from 08:00 to Sat 7 Mar 08:00 Europe/Lisbon, taking over from Bo.",
		// Bo's fortnightly 1:1 is due Friday 6 March at 10:00 EST (15:00Z).
		"2026-03-06T09:00:00Z one-on-one | 1:1 with Bo due today | 1:1 with Bo at 15:00 Europe/Lisbon (10:00 America/New_York), 45 minutes, every 2 weeks; the last one was on Fri 20 Feb.",
		"2026-03-06T09:00:00Z review-due | Escalation protocol review due today | Read the escalation levels, their contacts and the emergency protocol through and bring them up to date (due Fri 6 Mar).",
	}
	if !slices.Equal(got, want) {
		t.Errorf("List =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A handoff held back by quiet hours names its own day and says why.
	night := rotation("Night", "Europe/Lisbon", "1d", "23:30", "2026-03-01", "Ana", "Bo")
	tm2 := mustTeam(t, []roster.Member{person("Ana", "Europe/Lisbon"), person("Bo", "Europe/Lisbon")}, night)
	rs, err = List(Input{Team: tm2, Me: "Ana", Settings: Settings{Off: only(Handoff), Quiet: quiet("22:00-07:00")}},
		u("2026-03-03T00:00:00Z"), u("2026-03-03T12:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("List = %v; want one handoff", rs)
	}
	wantTitle := "Night: Bo takes over from you"
	wantBody := "Bo is on call for Night from Mon 2 Mar 23:30 to Tue 3 Mar 23:30 Europe/Lisbon. Held back by quiet hours (22:00-07:00 Europe/Lisbon)."
	if rs[0].Title != wantTitle || rs[0].Body != wantBody || !rs[0].At.Equal(u("2026-03-03T07:00:00Z")) {
		t.Errorf("held handoff = %s %q %q; want 2026-03-03T07:00:00Z %q %q", stamp(rs[0].At), rs[0].Title, rs[0].Body, wantTitle, wantBody)
	}
}

// TestMeEmpty checks the whole-team view: no shift starts, handoffs of every
// rotation, action items of every owner.
func TestMeEmpty(t *testing.T) {
	tm := mustTeam(t, []roster.Member{person("Ana", "UTC"), person("Bo", "UTC")},
		rotation("A", "UTC", "1d", "09:00", "2026-03-02", "Ana", "Bo"),
		rotation("B", "UTC", "1d", "10:00", "2026-03-02", "Bo", "Ana"))
	d := timezone.Date{Year: 2026, Month: 3, Day: 3}
	in := Input{Team: tm, Actions: []worklog.ActionItem{
		{ID: 1, Text: "x", Owner: "Ana", Due: d}, {ID: 2, Text: "y", Owner: "Bo", Due: d}, {Text: "z", Owner: "Bo", Due: d},
	}}
	rs, err := List(in, u("2026-03-02T00:00:00Z"), u("2026-03-02T23:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-03-02T09:00:00Z handoff/A/2026-03-02T09:00:00Z/Ana\n" +
		"2026-03-02T09:00:00Z action-due/1/2026-03-03\n" +
		"2026-03-02T09:00:00Z action-due/2/2026-03-03\n" +
		"2026-03-02T09:00:00Z action-due/" + textKey("Bo", "z") + "/2026-03-03\n" +
		"2026-03-02T10:00:00Z handoff/B/2026-03-02T10:00:00Z/Bo\n"
	if g := render(rs); g != want {
		t.Errorf("List(no me) =\n%s; want\n%s", g, want)
	}
}

// TestListErrors checks that bad input is refused with the documented errors.
func TestListErrors(t *testing.T) {
	tm := mustTeam(t, []roster.Member{person("Ana", "UTC")}, rotation("Primary", "UTC", "1d", "09:00", "2026-03-02", "Ana"))
	from, to := u("2026-03-02T00:00:00Z"), u("2026-03-09T00:00:00Z")
	tests := []struct {
		name     string
		in       Input
		from, to time.Time
		want     error
	}{
		{"unknown me", Input{Team: tm, Me: "Zed"}, from, to, team.ErrUnknownMember},
		{"unknown rotation followed", Input{Team: tm, Settings: Settings{Follow: []string{"Nope"}}}, from, to, team.ErrUnknownRotation},
		{"unknown zone", Input{Team: tm, Zone: "Mars/Olympus"}, from, to, timezone.ErrUnknownZone},
		{"unknown kind", Input{Team: tm, Settings: Settings{Off: map[Kind]bool{"birthday": true}}}, from, to, ErrUnknownKind},
		{"negative lead", Input{Team: tm, Settings: Settings{Leads: []time.Duration{-time.Minute}}}, from, to, ErrBadLead},
		{"lead in seconds", Input{Team: tm, Settings: Settings{Leads: []time.Duration{90 * time.Second}}}, from, to, ErrBadLead},
		{"lead twice", Input{Team: tm, Settings: Settings{Leads: leads(5, 5)}}, from, to, ErrBadLead},
		{"lead too long", Input{Team: tm, Settings: Settings{Leads: []time.Duration{MaxLead + time.Minute}}}, from, to, ErrBadLead},
		{"empty quiet hours", Input{Team: tm, Settings: Settings{Quiet: &timezone.Range{Start: 600, End: 600}}}, from, to, ErrBadQuiet},
		{"quiet hours 00:00-24:00", Input{Team: tm, Settings: Settings{Quiet: &timezone.Range{Start: 0, End: 1440}}}, from, to, ErrBadQuiet},
		{"range backwards", Input{Team: tm}, to, from, ErrBadRange},
		{"range empty", Input{Team: tm}, from, from, ErrBadRange},
		{"range too long", Input{Team: tm}, from, from.Add(MaxRange + time.Second), ErrBadRange},
	}
	for _, tt := range tests {
		if _, err := List(tt.in, tt.from, tt.to); !errors.Is(err, tt.want) {
			t.Errorf("%s: List error = %v; want %v", tt.name, err, tt.want)
		}
	}
	if err := DefaultSettings().Check(); err != nil {
		t.Errorf("DefaultSettings().Check() = %v; want nil", err)
	}
}

// TestParseKind checks kind names both ways.
func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(" " + strings.ToUpper(string(k)) + " "); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", k, got, err, k)
		}
	}
	if _, err := ParseKind("shift"); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("ParseKind(shift) error = %v; want ErrUnknownKind", err)
	}
}

// TestMissedAndNextAfter checks the half-open window (lastSeen, now], the
// fired filter and the timer's next instant.
func TestMissedAndNextAfter(t *testing.T) {
	rs := []Reminder{
		{At: u("2026-03-02T08:00:00Z"), Key: "a"},
		{At: u("2026-03-02T09:00:00Z"), Key: "b"},
		{At: u("2026-03-02T10:00:00Z"), Key: "c"},
		{At: u("2026-03-02T11:00:00Z"), Key: "d"},
		{At: u("2026-03-02T12:00:00Z"), Key: "e"},
	}
	fired := func(k string) bool { return k == "c" }
	keys := func(rs []Reminder) string {
		var ks []string
		for _, r := range rs {
			ks = append(ks, r.Key)
		}
		return strings.Join(ks, ",")
	}
	tests := []struct {
		lastSeen, now string
		fired         func(string) bool
		want          string
	}{
		{"2026-03-02T08:00:00Z", "2026-03-02T11:00:00Z", fired, "b,d"},
		{"2026-03-02T08:00:00Z", "2026-03-02T11:00:00Z", nil, "b,c,d"},
		{"2026-03-02T07:59:59Z", "2026-03-02T08:00:00Z", nil, "a"},
		{"2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z", nil, ""},
	}
	for _, tt := range tests {
		if got := keys(Missed(rs, tt.fired, u(tt.lastSeen), u(tt.now))); got != tt.want {
			t.Errorf("Missed(%s, %s) = %q; want %q", tt.lastSeen, tt.now, got, tt.want)
		}
	}
	for now, want := range map[string]string{
		"2026-03-02T07:00:00Z": "2026-03-02T08:00:00Z",
		"2026-03-02T08:00:00Z": "2026-03-02T09:00:00Z",
		"2026-03-02T11:30:00Z": "2026-03-02T12:00:00Z",
	} {
		if got, ok := NextAfter(rs, u(now)); !ok || !got.Equal(u(want)) {
			t.Errorf("NextAfter(%s) = %s, %v; want %s", now, got, ok, want)
		}
	}
	if got, ok := NextAfter(rs, u("2026-03-02T12:00:00Z")); ok {
		t.Errorf("NextAfter(after the last) = %s; want none", got)
	}
}
