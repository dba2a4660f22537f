package oncall

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

func sampleRotations() []Rotation {
	p := rot("Europe/Lisbon", "7d", "09:00", "2026-03-02", "Ana", "Greta")
	p.Name = "Primary"
	p.Overrides = []Override{{Member: "Dana", Start: u("2026-03-04T00:00:00Z"), End: u("2026-03-05T00:00:00Z")}}
	a := rot("Australia/Adelaide", "1d", "08:00", "2026-03-02", "Jack", "Mere")
	a.Name = "APAC"
	d, _ := timezone.ParseDayHours("08:00-20:00")
	a.Coverage = &d[0]
	return []Rotation{p, a}
}

func TestStatusAt(t *testing.T) {
	rs := sampleRotations()
	tests := []struct {
		name, at          string
		rot               int
		member, until     string
		onCall            bool
		next, nextStarted string
	}{
		{"scheduled, next is an override", "2026-03-03T12:00:00Z", 0, "Ana", "2026-03-04T00:00:00Z", true, "Dana", "2026-03-04T00:00:00Z"},
		{"inside the override", "2026-03-04T12:00:00Z", 0, "Dana", "2026-03-05T00:00:00Z", true, "Ana", "2026-03-05T00:00:00Z"},
		{"before the first handoff", "2026-03-01T00:00:00Z", 0, "", "2026-03-02T09:00:00Z", false, "Ana", "2026-03-02T09:00:00Z"},
		// Adelaide is UTC+10:30 in March: 08:00-20:00 is 21:30Z-09:30Z.
		{"inside the coverage window", "2026-03-02T00:00:00Z", 1, "Jack", "2026-03-02T09:30:00Z", true, "Mere", "2026-03-02T21:30:00Z"},
		{"outside the coverage window", "2026-03-02T12:00:00Z", 1, "", "2026-03-02T21:30:00Z", false, "Mere", "2026-03-02T21:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := StatusAt(rs[tt.rot], u(tt.at))
			if st.OnCall != tt.onCall || st.Current.Member != tt.member || !st.Until().Equal(u(tt.until)) {
				t.Errorf("StatusAt(%s, %s) = %q on=%v until %s; want %q on=%v until %s", rs[tt.rot].Name, tt.at,
					st.Current.Member, st.OnCall, st.Until(), tt.member, tt.onCall, tt.until)
			}
			if !st.HasNext || st.Next.Member != tt.next || !st.Next.Start.Equal(u(tt.nextStarted)) {
				t.Errorf("next = %q at %s (%v); want %q at %s", st.Next.Member, st.Next.Start, st.HasNext, tt.next, tt.nextStarted)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	rs := sampleRotations()
	p := Policy{Repeat: 2, Levels: []Level{
		{AfterMinutes: 0, Targets: []Target{{TargetRotation, "Primary"}, {TargetRotation, "apac"}}},
		{AfterMinutes: 15, Targets: []Target{{TargetMember, "Ana"}, {TargetRotation, "Primary"}}},
		{AfterMinutes: 30, Targets: []Target{{TargetMember, "Ghost"}}},
	}}
	known := func(n string) bool { return n != "Ghost" }
	esc := Resolve(p, rs, known, u("2026-03-02T12:00:00Z"))
	if esc.Repeat != 2 || len(esc.Levels) != 3 {
		t.Fatalf("Resolve: repeat %d, %d levels; want 2, 3", esc.Repeat, len(esc.Levels))
	}
	want := [][]string{{"Ana"}, {"Ana"}, {}}
	for i, l := range esc.Levels {
		if l.Level != i+1 || !equalStrings(l.Members, want[i]) {
			t.Errorf("level %d: %v; want level %d %v", l.Level, l.Members, i+1, want[i])
		}
	}
	if len(esc.Levels[0].Unresolved) != 1 || esc.Levels[0].Unresolved[0].Name != "apac" {
		t.Errorf("level 1 unresolved = %v; want APAC (outside its window)", esc.Levels[0].Unresolved)
	}
	if !esc.Levels[2].Empty() {
		t.Errorf("level 3 should page nobody")
	}
	esc = Resolve(p, rs, known, u("2026-03-02T22:00:00Z"))
	if got := esc.Levels[0].Members; !equalStrings(got, []string{"Ana", "Mere"}) {
		t.Errorf("level 1 at 22:00Z = %v; want [Ana Mere]", got)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGapsAndConflicts(t *testing.T) {
	rs := sampleRotations()
	from, to := u("2026-03-01T00:00:00Z"), u("2026-03-03T00:00:00Z")
	gaps := Gaps(rs, from, to)
	// Team: nobody before Primary's first handoff except APAC's first window.
	// APAC's first window: 2026-03-01T21:30Z..2026-03-02T09:30Z.
	wantTeam := []Gap{{"", from, u("2026-03-01T21:30:00Z")}}
	var team, apac []Gap
	for _, g := range gaps {
		switch g.Rotation {
		case "":
			team = append(team, g)
		case "APAC":
			apac = append(apac, g)
		}
	}
	if len(team) != 1 || team[0] != wantTeam[0] {
		t.Errorf("team gaps = %v; want %v", team, wantTeam)
	}
	wantAPAC := []Gap{{"APAC", from, u("2026-03-01T21:30:00Z")}, {"APAC", u("2026-03-02T09:30:00Z"), u("2026-03-02T21:30:00Z")}}
	if len(apac) != 2 || apac[0] != wantAPAC[0] || apac[1] != wantAPAC[1] {
		t.Errorf("APAC gaps = %v; want %v", apac, wantAPAC)
	}
	members := []roster.Member{{Name: "Ana", Zone: "Europe/Lisbon", TimeOff: []roster.TimeOff{
		{Start: u("2026-03-05T00:00:00Z"), End: u("2026-03-06T00:00:00Z"), Summary: "dentist"}}}}
	cs := TimeOffConflicts(rs, members, u("2026-03-02T00:00:00Z"), u("2026-03-10T00:00:00Z"))
	if len(cs) != 1 || cs[0].Shift.Member != "Ana" || !cs[0].Overlap.Start.Equal(u("2026-03-05T00:00:00Z")) ||
		!cs[0].Overlap.End.Equal(u("2026-03-06T00:00:00Z")) {
		t.Errorf("conflicts = %+v; want Ana on 2026-03-05", cs)
	}
}

func TestFairness(t *testing.T) {
	hours := timezone.WeekHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		hours[d] = timezone.DayHours{{Start: timezone.MustClock("09:00"), End: timezone.MustClock("17:00")}}
	}
	members := []roster.Member{{Name: "A", Zone: "UTC", Hours: hours}, {Name: "B", Zone: "Asia/Kolkata", Hours: hours}, {Name: "Idle", Zone: "UTC"}}
	r := rot("UTC", "1w", "00:00", "2026-03-02", "A", "B") // Monday 00:00
	shares := Fairness([]Rotation{r}, members, u("2026-03-02T00:00:00Z"), u("2026-03-16T00:00:00Z"))
	if len(shares) != 3 {
		t.Fatalf("shares = %+v; want A, B, Idle", shares)
	}
	a, b, idle := shares[0], shares[1], shares[2]
	if a.Member != "A" || a.OnCall != 168*time.Hour || a.OutsideHours != 128*time.Hour || a.Weekend != 48*time.Hour {
		t.Errorf("A = %+v; want 168h on call, 128h outside hours, 48h weekend", a)
	}
	// B's week is 2026-03-09..16 UTC; in Kolkata (+05:30) the window holds
	// 5 working days of 8h and the whole local weekend (Sat 00:00..Mon 00:00).
	if b.OnCall != 168*time.Hour || b.OutsideHours != 128*time.Hour || b.Weekend != 48*time.Hour {
		t.Errorf("B = %+v; want 168h, 128h outside, 48h weekend", b)
	}
	if idle.OnCall != 0 || idle.Shifts != 0 {
		t.Errorf("Idle = %+v; want nothing", idle)
	}
}
