package timezone

import (
	"errors"
	"testing"
	"time"
)

func TestWeight(t *testing.T) {
	tests := map[string]int{"00:00": 4, "05:59": 4, "06:00": 3, "07:00": 2, "08:00": 1, "17:59": 1, "18:00": 2, "20:00": 3, "21:59": 3, "22:00": 4}
	for c, want := range tests {
		if got := Weight(MustClock(c)); got != want {
			t.Errorf("Weight(%s) = %d; want %d", c, got, want)
		}
	}
}

func TestMeetingCost(t *testing.T) {
	p := personSpec{"Ana", "Asia/Kolkata", []string{"wed=10:00-18:30"}, nil}.person(t)
	p.Acceptable = ovWeek(t, "wed=09:00-22:00")
	tests := []struct {
		start string
		min   int
		want  Cost
	}{
		// 10:00-11:00 IST: inside hours.
		{"2026-06-10T04:30:00Z", 60, Cost{InHours: true}},
		// 18:00-19:00 IST: 30 minutes late, inside acceptable hours (weight 1).
		{"2026-06-10T12:30:00Z", 60, Cost{Outside: 30, Late: 30, Burden: 30}},
		// 22:00-23:00 IST: an hour at night (weight 4).
		{"2026-06-10T16:30:00Z", 60, Cost{Outside: 60, Late: 60, Burden: 240}},
		// 07:30-08:30 IST: 30 minutes at weight 2, 30 at weight 1.
		{"2026-06-10T02:00:00Z", 60, Cost{Outside: 60, Early: 60, Burden: 90}},
	}
	for _, tc := range tests {
		s := ovInstant(t, tc.start)
		got := MeetingCost(p, Interval{Start: s, End: s.Add(time.Duration(tc.min) * time.Minute)})
		if got != tc.want {
			t.Errorf("MeetingCost(%s, %d min) = %+v; want %+v", tc.start, tc.min, got, tc.want)
		}
	}
	p.Away = []Interval{{Start: ovInstant(t, "2026-06-10T05:00:00Z"), End: ovInstant(t, "2026-06-10T06:00:00Z")}}
	if got := MeetingCost(p, Interval{Start: ovInstant(t, "2026-06-10T04:30:00Z"), End: ovInstant(t, "2026-06-10T05:30:00Z")}); !got.Away || got.InHours {
		t.Errorf("a meeting during time off: %+v; want Away and not InHours", got)
	}
}

func TestSuggest(t *testing.T) {
	people := []Person{
		personSpec{"Ana", "Europe/Lisbon", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Dana", "America/New_York", []string{"wed=09:00-17:30"}, nil}.person(t),
		personSpec{"Priya", "Asia/Kolkata", []string{"wed=10:00-18:30"}, nil}.person(t),
	}
	win := DayWindow(ovDate(t, "2026-06-10"), time.UTC)
	got := Suggest(people, win, 45*time.Minute, time.UTC, 5)
	if len(got) != 5 {
		t.Fatalf("Suggest returned %d; want 5", len(got))
	}
	// Ana and Priya share 08:00-13:00Z, Ana and Dana 13:00-16:00Z; nobody
	// shares with all three. The best keep two in hours and the third's
	// burden lowest: Priya just after 18:30 IST (13:00Z) is 15 minutes outside
	// at weight 2 ... Dana before 09:00 EDT (13:00Z) likewise.
	for i, s := range got {
		if s.Duration() != 45*time.Minute || !s.Start.Before(win.End) || s.Start.Before(win.Start) {
			t.Errorf("suggestion %d = %s; not a 45-minute slot inside the day", i, ovSpan([]Interval{s.Interval}))
		}
		if s.Start.Sub(win.Start)%SuggestGrid != 0 {
			t.Errorf("suggestion %d starts off the 15-minute grid: %s", i, s.Start.UTC())
		}
		if len(s.People) != 3 || s.People[0].Name != "Ana" {
			t.Errorf("suggestion %d people = %+v; want Ana, Dana, Priya", i, s.People)
		}
		if i > 0 && better(s, got[i-1]) {
			t.Errorf("suggestion %d ranks above %d", i, i-1)
		}
		for j := 0; j < i; j++ {
			if got[j].Overlaps(s.Interval) {
				t.Errorf("suggestions %d and %d overlap", j, i)
			}
		}
	}
	if got[0].InHours != 2 {
		t.Errorf("best suggestion has %d in hours; want 2", got[0].InHours)
	}
	// The best is 12:30-13:15Z: Ana and Priya in hours (13:30-18:15 IST ends
	// 18:45 IST: no) ... checked by brute force below instead.
	best := bruteBest(people, win, 45*time.Minute)
	if !got[0].Start.Equal(best.Start) || got[0].Burden != best.Burden {
		t.Errorf("best suggestion %s burden %d; brute force says %s burden %d", got[0].Start.UTC(), got[0].Burden, best.Start.UTC(), best.Burden)
	}
	// Local times: Priya sees the start in IST, same day.
	p := got[0].People[2]
	if p.Time.Location().String() != "Asia/Kolkata" || !p.Time.Equal(got[0].Start) || p.DayOffset != 0 {
		t.Errorf("Priya's local time = %s offset %d", p.Time, p.DayOffset)
	}
}

// bruteBest scores every grid slot with MeetingCost, one by one.
func bruteBest(people []Person, win Interval, d time.Duration) Suggestion {
	var best Suggestion
	first := true
	for s := win.Start; !s.Add(d).After(win.End); s = s.Add(SuggestGrid) {
		c := Suggestion{Interval: Interval{Start: s, End: s.Add(d)}}
		for _, p := range people {
			cost := MeetingCost(p, c.Interval)
			if cost.InHours {
				c.InHours++
			}
			c.Burden += cost.Burden
		}
		if first || better(c, best) {
			best, first = c, false
		}
	}
	return best
}

func TestSuggestEdgeCases(t *testing.T) {
	win := DayWindow(ovDate(t, "2026-06-10"), time.UTC)
	p := []Person{personSpec{"Ana", "UTC", []string{"wed=09:00-17:00"}, nil}.person(t)}
	if got := Suggest(p, win, 0, time.UTC, 5); got != nil {
		t.Errorf("zero duration gave %d suggestions", len(got))
	}
	if got := Suggest(p, win, 25*time.Hour, time.UTC, 5); got != nil {
		t.Errorf("a duration longer than the day gave %d suggestions", len(got))
	}
	got := Suggest(p, win, time.Hour, time.UTC, 1)
	if len(got) != 1 || got[0].Start.UTC().Format("15:04") != "09:00" || got[0].InHours != 1 {
		t.Errorf("one person's best hour = %+v; want 09:00 in hours", got)
	}
}

func TestConvert(t *testing.T) {
	people := []Person{
		personSpec{"Dana", "America/New_York", []string{"tue=09:00-17:30"}, nil}.person(t),
		personSpec{"Mere", "Pacific/Auckland", []string{"wed=07:00-15:00"}, nil}.person(t),
		personSpec{"Sagar", "Asia/Kathmandu", []string{"tue=10:00-18:00"}, []string{"2026-06-09T00:00:00Z/2026-06-10T00:00:00Z"}}.person(t),
		personSpec{"Kiri", "Pacific/Kiritimati", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Pago", "Pacific/Pago_Pago", nil, nil}.person(t),
	}
	// Tuesday 2026-06-09 19:00Z: 15:00 in New York, Wednesday 07:00 in Auckland.
	at := ovInstant(t, "2026-06-09T19:00:00Z")
	got := Convert(at, ovZone(t, "America/New_York"), people)
	want := []struct {
		clock  string
		offset int
		in     bool
		away   bool
	}{
		{"2026-06-09 15:00", 0, true, false},
		{"2026-06-10 07:00", 1, true, false},
		{"2026-06-10 00:45", 1, false, true},
		{"2026-06-10 09:00", 1, true, false},
		{"2026-06-09 08:00", 0, false, false},
	}
	for i, w := range want {
		g := got[i]
		if g.Time.Format("2006-01-02 15:04") != w.clock || g.DayOffset != w.offset || g.InHours != w.in || g.Away != w.away {
			t.Errorf("%s: %s %+d in=%v away=%v; want %s %+d in=%v away=%v", g.Name, g.Time.Format("2006-01-02 15:04"), g.DayOffset, g.InHours, g.Away, w.clock, w.offset, w.in, w.away)
		}
	}
	// Seen from Kiritimati, Pago Pago is a day behind.
	got = Convert(at, ovZone(t, "Pacific/Kiritimati"), people)
	if got[4].DayOffset != -1 || DayOffsetLabel(got[4].DayOffset) != "-1" || DayOffsetLabel(1) != "+1" || DayOffsetLabel(0) != "" {
		t.Errorf("Pago Pago from Kiritimati: offset %d label %q; want -1", got[4].DayOffset, DayOffsetLabel(got[4].DayOffset))
	}
}

func TestFairRotationSpreadsBurden(t *testing.T) {
	// Three people 5h30 and 10h apart with no shared hours: someone always
	// pays; over six weeks nobody pays most.
	people := []Person{
		personSpec{"Dana", "America/New_York", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Ana", "Europe/Lisbon", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Mere", "Pacific/Auckland", []string{"wed=09:00-17:00", "thu=09:00-17:00"}, nil}.person(t),
	}
	plan, err := FairRotation(people, ovDate(t, "2026-06-10"), time.UTC, 6, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Occurrences) != 6 || len(plan.Totals) != 3 {
		t.Fatalf("plan has %d occurrences, %d totals; want 6, 3", len(plan.Occurrences), len(plan.Totals))
	}
	total, most := 0, 0
	for _, tb := range plan.Totals {
		total += tb.Burden
		most = max(most, tb.Burden)
	}
	if most*2 > total {
		t.Errorf("one person carries %d of %d burden: %+v", most, total, plan.Totals)
	}
	// The same slot every week would be unfair: the plan moves.
	distinct := map[string]bool{}
	for i, o := range plan.Occurrences {
		if o.Start.UTC().Weekday() != time.Wednesday {
			t.Errorf("occurrence %d on %s; want Wednesday", i, o.Start.UTC().Weekday())
		}
		if o.Duration() != time.Hour {
			t.Errorf("occurrence %d lasts %s", i, o.Duration())
		}
		distinct[o.Start.UTC().Format("15:04")] = true
	}
	if len(distinct) < 2 {
		t.Errorf("every occurrence at the same time: %v", distinct)
	}
	// Totals add up the occurrences.
	for i, tb := range plan.Totals {
		sum := 0
		for _, o := range plan.Occurrences {
			sum += o.Costs[i].Burden
		}
		if sum != tb.Burden || tb.Early+tb.Late != tb.Outside {
			t.Errorf("%s: totals %+v do not add up (sum %d)", tb.Name, tb, sum)
		}
	}
}

func TestFairRotationKeepsSharedHours(t *testing.T) {
	people := []Person{
		personSpec{"Ana", "Europe/Lisbon", []string{"wed=09:00-17:00"}, nil}.person(t),
		personSpec{"Greta", "Europe/Berlin", []string{"wed=08:00-16:30"}, nil}.person(t),
	}
	plan, err := FairRotation(people, ovDate(t, "2026-03-25"), ovZone(t, "Europe/Lisbon"), 3, 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range plan.Occurrences {
		for j, c := range o.Costs {
			if !c.InHours {
				t.Errorf("occurrence %d (%s) is outside %s's hours though shared hours exist", i, o.Start.UTC(), people[j].Name)
			}
		}
	}
	// Across the DST change (29 March) the meeting stays on Lisbon's wall clock grid.
	if a, b := plan.Occurrences[0].Start.In(people[0].Loc), plan.Occurrences[1].Start.In(people[0].Loc); a.Format("15:04") != b.Format("15:04") {
		t.Errorf("wall clock moved across DST: %s then %s", a, b)
	}
}

func TestFairRotationBadInput(t *testing.T) {
	p := []Person{personSpec{"Ana", "UTC", nil, nil}.person(t)}
	d := ovDate(t, "2026-06-10")
	for _, tc := range []struct {
		people []Person
		n      int
		dur    time.Duration
	}{{p, 0, time.Hour}, {p, MaxOccurrences + 1, time.Hour}, {p, 3, 0}, {p, 3, 13 * time.Hour}, {nil, 3, time.Hour}} {
		if _, err := FairRotation(tc.people, d, time.UTC, tc.n, tc.dur); !errors.Is(err, ErrBadRotation) {
			t.Errorf("FairRotation(n=%d, d=%s, %d people) error = %v; want ErrBadRotation", tc.n, tc.dur, len(tc.people), err)
		}
	}
}

func TestFairRotationSkipsADayThatDoesNotExist(t *testing.T) {
	p := []Person{personSpec{"Ana", "Pacific/Apia", []string{"fri=09:00-17:00"}, nil}.person(t)}
	plan, err := FairRotation(p, ovDate(t, "2011-12-23"), ovZone(t, "Pacific/Apia"), 3, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// Friday 2011-12-30 never happened in Samoa: two meetings, 23 Dec and 6 Jan.
	if len(plan.Occurrences) != 2 || plan.Occurrences[1].Start.In(p[0].Loc).Format("2006-01-02 15:04") != "2012-01-06 09:00" {
		t.Errorf("occurrences %v", plan.Occurrences)
	}
}
