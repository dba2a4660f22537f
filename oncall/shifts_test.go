package oncall

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
)

func u(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func rot(zone, shift, handoff, start string, members ...string) Rotation {
	l, err := ParseShiftLength(shift)
	if err != nil {
		panic(err)
	}
	d, err := timezone.ParseDate(start)
	if err != nil {
		panic(err)
	}
	return Rotation{Name: "R", Members: members, Shift: l, Handoff: timezone.MustClock(handoff), Zone: zone, Start: d}
}

// fmtShifts renders shifts as "member start end [o]" lines for comparisons.
func fmtShifts(ss []Shift) string {
	var b strings.Builder
	for _, s := range ss {
		o := ""
		if s.Override {
			o = " o"
		}
		fmt.Fprintf(&b, "%s %s %s%s\n", s.Member, s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339), o)
	}
	return b.String()
}

func TestShiftsDST(t *testing.T) {
	tests := []struct {
		name     string
		r        Rotation
		from, to string
		want     string
	}{
		{"US spring daily 09:00: 23h shift", rot("America/New_York", "1d", "09:00", "2026-03-07", "A", "B", "C"),
			"2026-03-07T20:00:00Z", "2026-03-08T14:00:00Z",
			"A 2026-03-07T14:00:00Z 2026-03-08T13:00:00Z\nB 2026-03-08T13:00:00Z 2026-03-09T13:00:00Z\n"},
		{"US fall weekly 09:00: 169h shift", rot("America/New_York", "1w", "09:00", "2026-10-26", "A", "B"),
			"2026-10-30T00:00:00Z", "2026-11-02T14:00:00Z",
			"A 2026-10-26T13:00:00Z 2026-11-02T14:00:00Z\n"},
		{"US handoff 02:30 in the gap moves to 03:30 EDT", rot("America/New_York", "1d", "02:30", "2026-03-07", "A", "B", "C"),
			"2026-03-07T07:30:00Z", "2026-03-09T07:00:00Z",
			"A 2026-03-07T07:30:00Z 2026-03-08T07:30:00Z\nB 2026-03-08T07:30:00Z 2026-03-09T06:30:00Z\nC 2026-03-09T06:30:00Z 2026-03-10T06:30:00Z\n"},
		{"US handoff 01:30 in the overlap takes EDT", rot("America/New_York", "1d", "01:30", "2026-10-31", "A", "B"),
			"2026-10-31T05:30:00Z", "2026-11-02T06:00:00Z",
			"A 2026-10-31T05:30:00Z 2026-11-01T05:30:00Z\nB 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z\n"},
		{"EU spring handoff 02:30 in the gap", rot("Europe/Berlin", "1d", "02:30", "2026-03-28", "A", "B", "C"),
			"2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z",
			"A 2026-03-28T01:30:00Z 2026-03-29T01:30:00Z\nB 2026-03-29T01:30:00Z 2026-03-30T00:30:00Z\n"},
		{"EU fall handoff 02:30 ambiguous takes CEST", rot("Europe/Berlin", "1d", "02:30", "2026-10-24", "A", "B", "C"),
			"2026-10-24T00:30:00Z", "2026-10-26T01:30:00Z",
			"A 2026-10-24T00:30:00Z 2026-10-25T00:30:00Z\nB 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z\n"},
		{"EU weekly Lisbon 09:00 across spring change", rot("Europe/Lisbon", "1w", "09:00", "2026-03-23", "A", "B"),
			"2026-03-25T00:00:00Z", "2026-03-30T08:00:01Z",
			"A 2026-03-23T09:00:00Z 2026-03-30T08:00:00Z\nB 2026-03-30T08:00:00Z 2026-04-06T08:00:00Z\n"},
		{"NZ spring handoff 02:30 in the gap", rot("Pacific/Auckland", "1d", "02:30", "2026-09-26", "A", "B"),
			"2026-09-25T14:30:00Z", "2026-09-27T13:30:00Z",
			"A 2026-09-25T14:30:00Z 2026-09-26T14:30:00Z\nB 2026-09-26T14:30:00Z 2026-09-27T13:30:00Z\n"},
		{"NZ autumn handoff 02:30 ambiguous takes NZDT", rot("Pacific/Auckland", "1d", "02:30", "2026-04-04", "A", "B"),
			"2026-04-04T13:30:00Z", "2026-04-04T13:30:01Z",
			"B 2026-04-04T13:30:00Z 2026-04-05T14:30:00Z\n"},
		{"AU Sydney autumn weekly 09:00", rot("Australia/Sydney", "1w", "09:00", "2026-03-30", "A", "B"),
			"2026-04-05T22:59:00Z", "2026-04-05T23:01:00Z",
			"A 2026-03-29T22:00:00Z 2026-04-05T23:00:00Z\nB 2026-04-05T23:00:00Z 2026-04-12T23:00:00Z\n"},
		{"AU Sydney spring handoff 02:30 in the gap", rot("Australia/Sydney", "1d", "02:30", "2026-10-03", "A", "B"),
			"2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z",
			"A 2026-10-02T16:30:00Z 2026-10-03T16:30:00Z\nB 2026-10-03T16:30:00Z 2026-10-04T15:30:00Z\n"},
		{"AU Adelaide 12h elapsed across autumn change", rot("Australia/Adelaide", "12h", "08:00", "2026-04-04", "A", "B"),
			"2026-04-03T21:30:00Z", "2026-04-05T09:30:00Z",
			"A 2026-04-03T21:30:00Z 2026-04-04T09:30:00Z\nB 2026-04-04T09:30:00Z 2026-04-04T21:30:00Z\n" +
				"A 2026-04-04T21:30:00Z 2026-04-05T09:30:00Z\n"},
		{"EU 12h elapsed across spring change", rot("Europe/Berlin", "12h", "08:00", "2026-03-28", "A"),
			"2026-03-29T06:00:00Z", "2026-03-29T08:00:00Z",
			"A 2026-03-28T19:00:00Z 2026-03-29T07:00:00Z\nA 2026-03-29T07:00:00Z 2026-03-29T19:00:00Z\n"},
		{"Chatham 45-minute zone daily across spring change", rot("Pacific/Chatham", "1d", "09:00", "2026-09-26", "A", "B"),
			"2026-09-25T20:15:00Z", "2026-09-26T19:15:01Z",
			"A 2026-09-25T20:15:00Z 2026-09-26T19:15:00Z\nB 2026-09-26T19:15:00Z 2026-09-27T19:15:00Z\n"},
		{"Kiribati +14 daily", rot("Pacific/Kiritimati", "1d", "00:00", "2026-01-01", "A", "B"),
			"2025-12-31T10:00:00Z", "2026-01-01T10:00:01Z",
			"A 2025-12-31T10:00:00Z 2026-01-01T10:00:00Z\nB 2026-01-01T10:00:00Z 2026-01-02T10:00:00Z\n"},
		{"before the first handoff nobody is scheduled", rot("UTC", "1d", "09:00", "2026-03-02", "A", "B"),
			"2026-03-01T00:00:00Z", "2026-03-02T09:00:00Z", ""},
		{"range touching a shift's end excludes it", rot("UTC", "1d", "09:00", "2026-03-02", "A", "B"),
			"2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z",
			"B 2026-03-03T09:00:00Z 2026-03-04T09:00:00Z\n"},
		{"partial overlap returns whole shifts; order cycles", rot("UTC", "2d", "12:00", "2026-03-02", "A", "B", "C"),
			"2026-03-09T00:00:00Z", "2026-03-10T13:00:00Z",
			"A 2026-03-08T12:00:00Z 2026-03-10T12:00:00Z\nB 2026-03-10T12:00:00Z 2026-03-12T12:00:00Z\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtShifts(Shifts(tt.r, u(tt.from), u(tt.to)))
			if got != tt.want {
				t.Errorf("Shifts(%s %s %s from %s, %s..%s):\ngot\n%swant\n%s", tt.r.Zone, tt.r.Shift, tt.r.Handoff, tt.r.Start, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestShiftsOverrides(t *testing.T) {
	r := rot("UTC", "1d", "09:00", "2026-03-02", "A", "B")
	r.Overrides = []Override{
		{Member: "C", Start: u("2026-03-02T20:00:00Z"), End: u("2026-03-03T12:00:00Z")},
		{Member: "A", Start: u("2026-03-05T09:00:00Z"), End: u("2026-03-06T09:00:00Z")},
		{Member: "D", Start: u("2026-03-07T00:00:00Z"), End: u("2026-03-07T01:00:00Z")},
	}
	var err error
	if r, err = r.Normalize(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to, want string
	}{
		{"override spanning a handoff cuts both shifts", "2026-03-02T09:00:00Z", "2026-03-04T00:00:00Z",
			"A 2026-03-02T09:00:00Z 2026-03-02T20:00:00Z\nC 2026-03-02T20:00:00Z 2026-03-03T12:00:00Z o\nB 2026-03-03T12:00:00Z 2026-03-04T09:00:00Z\n"},
		{"range inside an override returns it whole only", "2026-03-03T00:00:00Z", "2026-03-03T10:00:00Z",
			"C 2026-03-02T20:00:00Z 2026-03-03T12:00:00Z o\n"},
		{"range ending where an override starts", "2026-03-02T19:00:00Z", "2026-03-02T20:00:00Z",
			"A 2026-03-02T09:00:00Z 2026-03-02T20:00:00Z\n"},
		{"range starting where an override ends", "2026-03-03T12:00:00Z", "2026-03-03T12:00:01Z",
			"B 2026-03-03T12:00:00Z 2026-03-04T09:00:00Z\n"},
		{"override equal to a whole shift (B's) replaces it; neighbours are A's", "2026-03-05T00:00:00Z", "2026-03-06T10:00:00Z",
			"A 2026-03-04T09:00:00Z 2026-03-05T09:00:00Z\nA 2026-03-05T09:00:00Z 2026-03-06T09:00:00Z o\nA 2026-03-06T09:00:00Z 2026-03-07T00:00:00Z\n"},
		{"override inside a shift leaves two pieces", "2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z",
			"A 2026-03-06T09:00:00Z 2026-03-07T00:00:00Z\nD 2026-03-07T00:00:00Z 2026-03-07T01:00:00Z o\nA 2026-03-07T01:00:00Z 2026-03-07T09:00:00Z\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtShifts(Shifts(r, u(tt.from), u(tt.to)))
			if got != tt.want {
				t.Errorf("Shifts(%s..%s):\ngot\n%swant\n%s", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestShiftsOverrideBeforeStart(t *testing.T) {
	r := rot("UTC", "1d", "09:00", "2026-03-02", "A")
	r.Overrides = []Override{{Member: "B", Start: u("2026-03-01T00:00:00Z"), End: u("2026-03-02T10:00:00Z")}}
	got := fmtShifts(Shifts(r, u("2026-03-01T00:00:00Z"), u("2026-03-02T12:00:00Z")))
	want := "B 2026-03-01T00:00:00Z 2026-03-02T10:00:00Z o\nA 2026-03-02T10:00:00Z 2026-03-03T09:00:00Z\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestShiftsCoverage(t *testing.T) {
	cov := func(r Rotation, s string) Rotation {
		d, err := timezone.ParseDayHours(s)
		if err != nil {
			panic(err)
		}
		r.Coverage = &d[0]
		return r
	}
	tests := []struct {
		name     string
		r        Rotation
		from, to string
		want     string
	}{
		{"daily follow-the-sun window in Adelaide across the autumn change",
			cov(rot("Australia/Adelaide", "1d", "08:00", "2026-04-03", "J", "M", "P"), "08:00-20:00"),
			"2026-04-03T00:00:00Z", "2026-04-05T12:00:00Z",
			"J 2026-04-02T21:30:00Z 2026-04-03T09:30:00Z\nM 2026-04-03T21:30:00Z 2026-04-04T09:30:00Z\n" +
				"P 2026-04-04T22:30:00Z 2026-04-05T10:30:00Z\n"},
		{"weekly shift cut into one entry per covered day",
			cov(rot("UTC", "1w", "00:00", "2026-03-02", "A", "B"), "08:00-16:00"),
			"2026-03-07T00:00:00Z", "2026-03-09T09:00:00Z",
			"A 2026-03-07T08:00:00Z 2026-03-07T16:00:00Z\nA 2026-03-08T08:00:00Z 2026-03-08T16:00:00Z\nB 2026-03-09T08:00:00Z 2026-03-09T16:00:00Z\n"},
		{"window crossing midnight belongs to its start day; handoff inside the window splits it",
			cov(rot("UTC", "1d", "00:00", "2026-03-02", "A", "B"), "22:00-06:00"),
			"2026-03-02T00:00:00Z", "2026-03-03T05:00:00Z",
			"A 2026-03-02T00:00:00Z 2026-03-02T06:00:00Z\nA 2026-03-02T22:00:00Z 2026-03-03T00:00:00Z\nB 2026-03-03T00:00:00Z 2026-03-03T06:00:00Z\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtShifts(Shifts(tt.r, u(tt.from), u(tt.to)))
			if got != tt.want {
				t.Errorf("Shifts(%s..%s):\ngot\n%swant\n%s", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestShiftsBadRotation(t *testing.T) {
	r := rot("UTC", "1d", "09:00", "2026-03-02", "A")
	r.Zone = "Mars/Olympus"
	if got := Shifts(r, u("2026-03-02T00:00:00Z"), u("2026-03-09T00:00:00Z")); got != nil {
		t.Errorf("Shifts with unknown zone = %v; want nil", got)
	}
	r.Zone, r.Shift = "UTC", ShiftLength{N: 3, Unit: 'x'}
	if got := Shifts(r, u("2026-03-02T00:00:00Z"), u("2026-03-09T00:00:00Z")); got != nil {
		t.Errorf("Shifts with unit x = %v; want nil", got)
	}
	r = rot("UTC", "1d", "09:00", "2026-03-02")
	if got := Shifts(r, u("2026-03-02T00:00:00Z"), u("2026-03-09T00:00:00Z")); got != nil {
		t.Errorf("Shifts with no members = %v; want nil", got)
	}
}

func TestNormalizeRefusesOverlappingOverrides(t *testing.T) {
	r := rot("UTC", "1d", "09:00", "2026-03-02", "A", "B")
	r.Overrides = []Override{
		{Member: "A", Start: u("2026-03-03T00:00:00Z"), End: u("2026-03-04T00:00:00Z")},
		{Member: "B", Start: u("2026-03-03T23:00:00Z"), End: u("2026-03-05T00:00:00Z")},
	}
	if _, err := r.Normalize(); !errors.Is(err, ErrOverlappingOverride) {
		t.Errorf("Normalize = %v; want ErrOverlappingOverride", err)
	}
	r.Overrides[1].Start = u("2026-03-04T00:00:00Z") // touching is fine
	if _, err := r.Normalize(); err != nil {
		t.Errorf("touching overrides: %v", err)
	}
}
