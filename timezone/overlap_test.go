package timezone

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func ovZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func ovInstant(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ovDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// week builds WeekHours from "mon=09:00-17:00" style pairs.
func ovWeek(t testing.TB, spec ...string) WeekHours {
	t.Helper()
	var w WeekHours
	for _, s := range spec {
		k, v, _ := strings.Cut(s, "=")
		day, ok := ParseWeekday(k)
		if !ok {
			t.Fatalf("bad weekday %q", k)
		}
		h, err := ParseDayHours(v)
		if err != nil {
			t.Fatal(err)
		}
		w[day] = h
	}
	return w
}

// span formats intervals as "start/end,start/end" in UTC RFC 3339.
func ovSpan(ivs []Interval) string {
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = iv.Start.UTC().Format(time.RFC3339) + "/" + iv.End.UTC().Format(time.RFC3339)
	}
	return strings.Join(parts, ",")
}

func slotsString(ss []Slot) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%s/%s=%s", s.Start.UTC().Format("02T15:04"), s.End.UTC().Format("02T15:04"), strings.Join(s.Members(), "+"))
	}
	return strings.Join(parts, " ")
}

type personSpec struct {
	name, zone string
	hours      []string
	away       []string // "start/end" RFC 3339
}

func (ps personSpec) person(t testing.TB) Person {
	p := Person{Name: ps.name, Loc: ovZone(t, ps.zone), Hours: ovWeek(t, ps.hours...)}
	for _, a := range ps.away {
		s, e, _ := strings.Cut(a, "/")
		p.Away = append(p.Away, Interval{Start: ovInstant(t, s), End: ovInstant(t, e)})
	}
	return p
}

func TestDayWindowLength(t *testing.T) {
	tests := []struct {
		zone, date string
		start      string
		hours      float64
	}{
		{"Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00Z", 23},
		{"Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00Z", 25},
		{"America/New_York", "2026-03-08", "2026-03-08T05:00:00Z", 23},
		{"America/Los_Angeles", "2026-11-01", "2026-11-01T07:00:00Z", 25},
		{"Pacific/Auckland", "2026-04-05", "2026-04-04T11:00:00Z", 25},
		{"Pacific/Auckland", "2026-09-27", "2026-09-26T12:00:00Z", 23},
		{"Australia/Sydney", "2026-04-05", "2026-04-04T13:00:00Z", 25},
		{"Australia/Sydney", "2026-10-04", "2026-10-03T14:00:00Z", 23},
		{"Australia/Lord_Howe", "2026-04-05", "2026-04-04T13:00:00Z", 24.5},
		{"Asia/Kathmandu", "2026-06-10", "2026-06-09T18:15:00Z", 24},
		{"Pacific/Kiritimati", "2026-06-10", "2026-06-09T10:00:00Z", 24},
		// The day that Samoa skipped has no instants at all.
		{"Pacific/Apia", "2011-12-30", "2011-12-30T10:00:00Z", 0},
	}
	for _, tc := range tests {
		w := DayWindow(ovDate(t, tc.date), ovZone(t, tc.zone))
		if got := w.Start.UTC().Format(time.RFC3339); got != tc.start || w.Duration().Hours() != tc.hours {
			t.Errorf("DayWindow(%s, %s) = %s, %vh; want %s, %vh", tc.date, tc.zone, got, w.Duration().Hours(), tc.start, tc.hours)
		}
	}
}

func TestWindowsAndCoverageExact(t *testing.T) {
	tests := []struct {
		name     string
		viewer   string
		date     string
		people   []personSpec
		windows  string
		coverage string // "" skips the check
	}{
		{
			name: "EU spring forward, 23-hour viewer day", viewer: "Europe/Berlin", date: "2026-03-29",
			people: []personSpec{
				{"Berlin", "Europe/Berlin", []string{"sun=09:00-17:00"}, nil},
				{"London", "Europe/London", []string{"sun=08:00-12:00"}, nil},
			},
			windows:  "2026-03-29T07:00:00Z/2026-03-29T11:00:00Z",
			coverage: "28T23:00/29T07:00= 29T07:00/29T11:00=Berlin+London 29T11:00/29T15:00=Berlin 29T15:00/29T22:00=",
		},
		{
			name: "EU fall back, 25-hour viewer day, ambiguous start takes first occurrence", viewer: "Europe/Berlin", date: "2026-10-25",
			people: []personSpec{
				{"AllDay", "Europe/Berlin", []string{"sun=00:00-24:00"}, nil},
				{"Night", "Europe/Berlin", []string{"sun=02:30-04:00"}, nil},
			},
			windows:  "2026-10-25T00:30:00Z/2026-10-25T03:00:00Z",
			coverage: "24T22:00/25T00:30=AllDay 25T00:30/25T03:00=AllDay+Night 25T03:00/25T23:00=AllDay",
		},
		{
			name: "US spring forward, hours from Saturday crossing midnight into the gap", viewer: "America/New_York", date: "2026-03-08",
			people: []personSpec{
				{"Early", "America/New_York", []string{"sun=01:00-04:00"}, nil},
				{"Owl", "America/New_York", []string{"sat=22:00-02:30"}, nil},
			},
			// Owl: Sat 22:00 EST = 03:00Z, Sun 02:30 does not exist and moves to 03:30 EDT = 07:30Z.
			windows:  "2026-03-08T06:00:00Z/2026-03-08T07:30:00Z",
			coverage: "08T05:00/08T06:00=Owl 08T06:00/08T07:30=Early+Owl 08T07:30/08T08:00=Early 08T08:00/09T04:00=",
		},
		{
			name: "US fall back, 25-hour viewer day", viewer: "America/Los_Angeles", date: "2026-11-01",
			people: []personSpec{
				{"LA", "America/Los_Angeles", []string{"sun=01:30-09:00"}, nil},
			},
			windows: "2026-11-01T08:30:00Z/2026-11-01T17:00:00Z",
		},
		{
			name: "New Zealand fall back (April)", viewer: "Pacific/Auckland", date: "2026-04-05",
			people: []personSpec{
				{"Mere", "Pacific/Auckland", []string{"sun=02:30-03:30"}, nil},
			},
			windows:  "2026-04-04T13:30:00Z/2026-04-04T15:30:00Z",
			coverage: "04T11:00/04T13:30= 04T13:30/04T15:30=Mere 04T15:30/05T12:00=",
		},
		{
			name: "New Zealand spring forward (September), start in the gap", viewer: "Pacific/Auckland", date: "2026-09-27",
			people: []personSpec{
				{"Mere", "Pacific/Auckland", []string{"sun=02:15-05:00"}, nil},
			},
			windows: "2026-09-26T14:15:00Z/2026-09-26T16:00:00Z",
		},
		{
			name: "Australia spring forward, Sydney and Adelaide", viewer: "Australia/Sydney", date: "2026-10-04",
			people: []personSpec{
				{"Syd", "Australia/Sydney", []string{"sun=09:00-17:00"}, nil},
				{"Adl", "Australia/Adelaide", []string{"sun=09:00-17:00"}, nil},
			},
			windows:  "2026-10-03T22:30:00Z/2026-10-04T06:00:00Z",
			coverage: "03T14:00/03T22:00= 03T22:00/03T22:30=Syd 03T22:30/04T06:00=Adl+Syd 04T06:00/04T06:30=Adl 04T06:30/04T13:00=",
		},
		{
			name: "Australia fall back, whole 25-hour day", viewer: "Australia/Sydney", date: "2026-04-05",
			people: []personSpec{
				{"Syd", "Australia/Sydney", []string{"sun=00:00-24:00"}, nil},
			},
			windows: "2026-04-04T13:00:00Z/2026-04-05T14:00:00Z",
		},
		{
			name: "Kolkata and Kathmandu", viewer: "UTC", date: "2026-06-10",
			people: []personSpec{
				{"Priya", "Asia/Kolkata", []string{"wed=10:00-18:30"}, nil},
				{"Sagar", "Asia/Kathmandu", []string{"wed=10:00-18:00"}, nil},
			},
			windows:  "2026-06-10T04:30:00Z/2026-06-10T12:15:00Z",
			coverage: "10T00:00/10T04:15= 10T04:15/10T04:30=Sagar 10T04:30/10T12:15=Priya+Sagar 10T12:15/10T13:00=Priya 10T13:00/11T00:00=",
		},
		{
			name: "Chatham and Kiritimati, two windows in one UTC day", viewer: "UTC", date: "2026-06-10",
			people: []personSpec{
				{"Chatham", "Pacific/Chatham", []string{"wed=09:00-17:00", "thu=09:00-17:00"}, nil},
				{"Kiri", "Pacific/Kiritimati", []string{"wed=09:00-17:00", "thu=09:00-17:00"}, nil},
			},
			windows: "2026-06-10T00:00:00Z/2026-06-10T03:00:00Z,2026-06-10T20:15:00Z/2026-06-11T00:00:00Z",
		},
		{
			name: "St. John's and Kolkata", viewer: "America/St_Johns", date: "2026-06-10",
			people: []personSpec{
				{"Liam", "America/St_Johns", []string{"wed=08:30-16:30"}, nil},
				{"Priya", "Asia/Kolkata", []string{"wed=10:00-18:30"}, nil},
			},
			windows: "2026-06-10T11:00:00Z/2026-06-10T13:00:00Z",
		},
		{
			name: "Chatham in summer time (+13:45)", viewer: "Pacific/Chatham", date: "2026-01-14",
			people: []personSpec{
				{"Chatham", "Pacific/Chatham", []string{"wed=09:00-17:00"}, nil},
			},
			windows: "2026-01-13T19:15:00Z/2026-01-14T03:15:00Z",
		},
		{
			name: "hours crossing midnight count on the next day", viewer: "UTC", date: "2026-06-09",
			people: []personSpec{
				{"Night", "UTC", []string{"mon=22:00-06:00"}, nil},
			},
			windows: "2026-06-09T00:00:00Z/2026-06-09T06:00:00Z",
		},
		{
			name: "hours crossing midnight on the day they start", viewer: "UTC", date: "2026-06-08",
			people: []personSpec{
				{"Night", "UTC", []string{"sun=22:00-06:00", "mon=22:00-06:00"}, nil},
			},
			windows: "2026-06-08T00:00:00Z/2026-06-08T06:00:00Z,2026-06-08T22:00:00Z/2026-06-09T00:00:00Z",
		},
		{
			name: "a person with no hours that day", viewer: "UTC", date: "2026-06-09",
			people: []personSpec{
				{"Ana", "Europe/Lisbon", []string{"tue=09:00-17:00"}, nil},
				{"Off", "UTC", []string{"mon=09:00-17:00"}, nil},
			},
			windows:  "",
			coverage: "09T00:00/09T08:00= 09T08:00/09T16:00=Ana 09T16:00/10T00:00=",
		},
		{
			name: "time off cuts the window", viewer: "UTC", date: "2026-06-10",
			people: []personSpec{
				{"Ana", "UTC", []string{"wed=09:00-17:00"}, []string{"2026-06-10T12:00:00Z/2026-06-10T13:30:00Z"}},
				{"Bo", "UTC", []string{"wed=08:00-18:00"}, nil},
			},
			windows: "2026-06-10T09:00:00Z/2026-06-10T12:00:00Z,2026-06-10T13:30:00Z/2026-06-10T17:00:00Z",
		},
		{
			name: "a whole day off", viewer: "UTC", date: "2026-06-10",
			people: []personSpec{
				{"Ana", "UTC", []string{"wed=09:00-17:00"}, []string{"2026-06-09T22:00:00Z/2026-06-11T00:00:00Z"}},
				{"Bo", "UTC", []string{"wed=08:00-18:00"}, nil},
			},
			windows:  "",
			coverage: "10T00:00/10T08:00= 10T08:00/10T18:00=Bo 10T18:00/11T00:00=",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var people []Person
			for _, ps := range tc.people {
				people = append(people, ps.person(t))
			}
			win := DayWindow(ovDate(t, tc.date), ovZone(t, tc.viewer))
			if got := ovSpan(Windows(people, win)); got != tc.windows {
				t.Errorf("Windows = %s; want %s", got, tc.windows)
			}
			if tc.coverage != "" {
				if got := slotsString(Coverage(people, win)); got != tc.coverage {
					t.Errorf("Coverage = %s\nwant       %s", got, tc.coverage)
				}
			}
		})
	}
}

func TestCoverageMembersSortedAndMissing(t *testing.T) {
	people := []Person{
		personSpec{"Zoe", "UTC", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Ana", "UTC", []string{"wed=10:00-12:00"}, nil}.person(t),
		personSpec{"Mo", "UTC", nil, nil}.person(t),
	}
	cov := Coverage(people, DayWindow(ovDate(t, "2026-06-10"), time.UTC))
	var got []string
	for _, s := range cov {
		got = append(got, fmt.Sprintf("%d:%s|%s", s.Count(), strings.Join(s.Members(), ","), strings.Join(s.Missing(), ",")))
	}
	want := "0:|Ana,Mo,Zoe 1:Zoe|Ana,Mo 2:Ana,Zoe|Mo 1:Zoe|Ana,Mo 0:|Ana,Mo,Zoe"
	if strings.Join(got, " ") != want {
		t.Errorf("coverage = %s; want %s", strings.Join(got, " "), want)
	}
}

func TestBestPartial(t *testing.T) {
	people := []Person{
		personSpec{"Ana", "Europe/Lisbon", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Dana", "America/New_York", []string{"wed=09:00-17:30"}, nil}.person(t),
		personSpec{"Mere", "Pacific/Auckland", []string{"wed=07:00-15:00", "thu=07:00-15:00"}, nil}.person(t),
	}
	win := DayWindow(ovDate(t, "2026-06-10"), time.UTC)
	if w := Windows(people, win); len(w) != 0 {
		t.Fatalf("Windows = %s; want none", ovSpan(w))
	}
	best := BestPartial(people, win, 3)
	if len(best) != 3 {
		t.Fatalf("BestPartial returned %d slots; want 3", len(best))
	}
	// Ana (08:00-16:00Z) and Dana (13:00-21:30Z) share 13:00-16:00Z: the best.
	if got := ovSpan([]Interval{best[0].Interval}); got != "2026-06-10T13:00:00Z/2026-06-10T16:00:00Z" {
		t.Errorf("best slot = %s; want 13:00-16:00Z", got)
	}
	if strings.Join(best[0].Missing(), ",") != "Mere" || best[0].Count() != 2 {
		t.Errorf("best slot members %v missing %v; want Ana,Dana missing Mere", best[0].Members(), best[0].Missing())
	}
	for _, s := range best[1:] {
		if s.Count() > best[0].Count() {
			t.Errorf("slot %v ranked after a smaller one", s)
		}
	}
}

func TestWindowsNoPeopleIsWholeWindow(t *testing.T) {
	win := DayWindow(ovDate(t, "2026-06-10"), time.UTC)
	if got := Windows(nil, win); len(got) != 1 || got[0] != win {
		t.Errorf("Windows(nil) = %s; want the whole day", ovSpan(got))
	}
}

func TestBands(t *testing.T) {
	p := personSpec{"Ana", "Europe/Lisbon", []string{"wed=09:00-17:00"}, []string{"2026-06-10T14:00:00Z/2026-06-10T15:00:00Z"}}.person(t)
	p.Acceptable = ovWeek(t, "wed=08:00-20:00")
	b := Bands([]Person{p}, DayWindow(ovDate(t, "2026-06-10"), time.UTC))[0]
	checks := []struct{ what, got, want string }{
		{"working", ovSpan(b.Working), "2026-06-10T08:00:00Z/2026-06-10T14:00:00Z,2026-06-10T15:00:00Z/2026-06-10T16:00:00Z"},
		{"acceptable", ovSpan(b.Acceptable), "2026-06-10T07:00:00Z/2026-06-10T08:00:00Z,2026-06-10T16:00:00Z/2026-06-10T19:00:00Z"},
		{"away", ovSpan(b.Away), "2026-06-10T14:00:00Z/2026-06-10T15:00:00Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s; want %s", c.what, c.got, c.want)
		}
	}
}

func TestPersonWithoutZoneIsUTC(t *testing.T) {
	p := Person{Name: "Nil", Hours: ovWeek(t, "wed=09:00-17:00")}
	win := DayWindow(ovDate(t, "2026-06-10"), time.UTC)
	if got := ovSpan(Windows([]Person{p}, win)); got != "2026-06-10T09:00:00Z/2026-06-10T17:00:00Z" {
		t.Errorf("Windows = %s; want UTC hours", got)
	}
	if got := Convert(win.Start, time.UTC, []Person{p}); got[0].Time.Location() != time.UTC {
		t.Errorf("Convert gave %v", got[0].Time)
	}
	if got := Suggest([]Person{p}, win, time.Hour, time.UTC, 1); len(got) != 1 {
		t.Errorf("Suggest gave %d", len(got))
	}
}
