package oncall

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// within runs f and fails the test when it has not returned after limit. A
// call that never ends is left running: the test binary ends with the test.
func within(t *testing.T, limit time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%s: still running after %s", what, limit)
	}
}

// TestShiftsFarInstants asks about instants centuries away from the
// rotation's start, at the ends of the accepted range and beyond it.
func TestShiftsFarInstants(t *testing.T) {
	tests := []struct {
		name     string
		r        Rotation
		from, to string
		want     string
	}{
		{"12h rotation asked about 2330: outside the range, nothing",
			rot("UTC", "12h", "09:00", "2026-03-02", "A", "B"), "2330-01-01T00:00:00Z", "2330-01-02T00:00:00Z", ""},
		{"12h rotation asked across the end of the range: shifts up to it",
			rot("UTC", "12h", "09:00", "2026-03-02", "A", "B"), "2199-12-31T00:00:00Z", "2330-01-02T00:00:00Z",
			"B 2199-12-30T21:00:00Z 2199-12-31T09:00:00Z\nA 2199-12-31T09:00:00Z 2199-12-31T21:00:00Z\n" +
				"B 2199-12-31T21:00:00Z 2200-01-01T09:00:00Z\n"},
		{"daily rotation from 1970 asked about its 84,005th day",
			rot("UTC", "1d", "00:00", "1970-01-01", "A", "B", "C"), "2199-12-31T12:00:00Z", "2199-12-31T12:00:01Z",
			"C 2199-12-31T00:00:00Z 2200-01-01T00:00:00Z\n"},
		{"hourly rotation from 1970 asked about its last hour before 2200",
			rot("UTC", "1h", "00:00", "1970-01-01", "A", "B", "C", "D", "E", "F", "G"), "2199-12-31T23:30:00Z", "2200-01-01T00:00:00Z",
			"D 2199-12-31T23:00:00Z 2200-01-01T00:00:00Z\n"},
		{"weekly rotation in a DST zone 230 years on keeps its 09:00 handoff",
			rot("Europe/Berlin", "1w", "09:00", "1970-01-05", "A", "B"), "2199-07-01T00:00:00Z", "2199-07-01T00:00:01Z",
			"B 2199-06-24T07:00:00Z 2199-07-01T07:00:00Z\n"},
		{"rotation starting 1700 (Normalize refuses it): nothing",
			rot("UTC", "12h", "09:00", "1700-01-01", "A", "B"), "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", ""},
		{"rotation starting 1700 with daily shifts: nothing",
			rot("UTC", "1d", "09:00", "1700-01-01", "A", "B"), "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", ""},
		{"query before 1970: nothing",
			rot("UTC", "12h", "09:00", "2026-03-02", "A", "B"), "1700-01-01T00:00:00Z", "1700-01-02T00:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			within(t, 5*time.Second, "Shifts", func() { got = fmtShifts(Shifts(tt.r, u(tt.from), u(tt.to))) })
			if got != tt.want {
				t.Errorf("Shifts(%s %s from %s, %s..%s):\ngot\n%swant\n%s", tt.r.Zone, tt.r.Shift, tt.r.Start, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestStatusFarInstants(t *testing.T) {
	rs := []Rotation{rot("UTC", "12h", "09:00", "2026-03-02", "A", "B"), rot("Europe/Berlin", "1d", "09:00", "2026-03-02", "A", "B")}
	rs[1].Name = "Daily"
	for _, at := range []time.Time{u("2330-01-01T00:00:00Z"), u("1700-01-01T00:00:00Z"), u("2200-01-01T00:00:00Z"),
		time.Unix(1<<62, 0), time.Unix(-1<<62, 0)} {
		var sts []Status
		within(t, 5*time.Second, "Now at "+at.String(), func() { sts = Now(rs, at) })
		for _, st := range sts {
			if st.OnCall || st.HasNext {
				t.Errorf("Now at %s: %s on call %v (%s), next %v (%s); want nobody, no next (outside the range)",
					at, st.Rotation, st.OnCall, st.Current.Member, st.HasNext, st.Next.Member)
			}
		}
	}
	// Just inside the end of the range the status is still worked out.
	st := StatusAt(rs[0], u("2199-12-31T23:00:00Z"))
	if !st.OnCall || st.Current.Member != "B" || !st.Current.End.Equal(u("2200-01-01T09:00:00Z")) || st.HasNext {
		t.Errorf("StatusAt 2199-12-31T23:00Z = %+v; want B until 2200-01-01T09:00Z and nobody next", st)
	}
}

func TestNormalizeRefusesInstantsOutOfRange(t *testing.T) {
	ov := func(start, end string) Rotation {
		r := rot("UTC", "1d", "09:00", "2026-03-02", "A")
		r.Overrides = []Override{{Member: "A", Start: u(start), End: u(end)}}
		return r
	}
	tests := []struct {
		name string
		r    Rotation
		want error
	}{
		{"start 1700-01-01", rot("UTC", "12h", "09:00", "1700-01-01", "A"), timezone.ErrOutOfRange},
		{"start 1969-12-31", rot("UTC", "1d", "09:00", "1969-12-31", "A"), timezone.ErrOutOfRange},
		{"start 1970-01-01", rot("UTC", "1d", "09:00", "1970-01-01", "A"), nil},
		{"start 2199-12-31", rot("UTC", "1d", "09:00", "2199-12-31", "A"), nil},
		{"start 2200-01-01", rot("UTC", "1d", "09:00", "2200-01-01", "A"), timezone.ErrOutOfRange},
		{"start 2026-02-30", Rotation{Name: "R", Members: []string{"A"}, Shift: ShiftLength{1, Days}, Zone: "UTC",
			Start: timezone.Date{Year: 2026, Month: 2, Day: 30}}, timezone.ErrBadDate},
		{"override in 2330", ov("2330-01-01T00:00:00Z", "2330-01-02T00:00:00Z"), timezone.ErrOutOfRange},
		{"override ending after 2200", ov("2199-12-31T00:00:00Z", "2200-01-01T00:00:01Z"), timezone.ErrOutOfRange},
		{"override ending at 2200", ov("2199-12-31T00:00:00Z", "2200-01-01T00:00:00Z"), nil},
		{"override from 1969", ov("1969-12-31T00:00:00Z", "1970-01-02T00:00:00Z"), timezone.ErrOutOfRange},
		{"shift of 10,000 hours", Rotation{Name: "R", Members: []string{"A"}, Shift: ShiftLength{10000, Hours}, Zone: "UTC",
			Start: timezone.Date{Year: 2026, Month: 3, Day: 2}}, ErrBadShift},
		{"shift of 1<<62 hours", Rotation{Name: "R", Members: []string{"A"}, Shift: ShiftLength{1 << 62, Hours}, Zone: "UTC",
			Start: timezone.Date{Year: 2026, Month: 3, Day: 2}}, ErrBadShift},
	}
	for _, tt := range tests {
		_, err := tt.r.Normalize()
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("%s: Normalize = %v; want %v", tt.name, err, tt.want)
		}
	}
}

func TestCapRange(t *testing.T) {
	tests := []struct {
		from, to string
		want     string
		capped   bool
	}{
		{"2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z", false},
		{"2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z", "2031-01-01T00:00:00Z", false}, // five calendar years
		{"2026-01-01T00:00:00Z", "2031-01-05T00:00:00Z", "2031-01-05T00:00:00Z", false}, // 5 x 366 days
		{"2026-01-01T00:00:00Z", "2031-01-05T00:00:01Z", "2031-01-05T00:00:00Z", true},
		{"2026-01-01T00:00:00Z", "3026-01-01T00:00:00Z", "2031-01-05T00:00:00Z", true},
		{"2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", false},
	}
	for _, tt := range tests {
		got, capped := CapRange(u(tt.from), u(tt.to))
		if !got.Equal(u(tt.want)) || capped != tt.capped {
			t.Errorf("CapRange(%s, %s) = %s, %v; want %s, %v", tt.from, tt.to, got, capped, tt.want, tt.capped)
		}
	}
	far := time.Unix(1<<62, 0)
	if got, capped := CapRange(far.Add(-time.Hour), far); !got.Equal(far) || capped {
		t.Errorf("CapRange near the end of time = %s, %v; want %s, false", got, capped, far)
	}
}

// TestRangesAreCapped asks for 1,000 years of an hourly rotation (which
// once took more than 8 GB) and checks that every range query stops at
// MaxRange after from.
func TestRangesAreCapped(t *testing.T) {
	r := rot("UTC", "1h", "00:00", "2026-01-01", "A", "B")
	from, to := u("2026-01-01T00:00:00Z"), u("3026-01-01T00:00:00Z")
	end := from.Add(MaxRange)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var ss []Shift
	within(t, 10*time.Second, "Shifts over 1,000 years", func() { ss = Shifts(r, from, to) })
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if want := int(MaxRange / time.Hour); len(ss) != want || !ss[len(ss)-1].End.Equal(end) {
		t.Fatalf("Shifts over 1,000 years: %d shifts ending %s; want %d ending %s", len(ss), ss[len(ss)-1].End, want, end)
	}
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 100 {
		t.Errorf("Shifts over 1,000 years allocated %d MB; want at most 100", mb)
	}
	gaps := Gaps([]Rotation{r}, from.Add(-time.Hour), to)
	if len(gaps) != 2 || !gaps[0].End.Equal(from) {
		t.Errorf("Gaps over 1,000 years = %v; want the hour before the first handoff only", gaps)
	}
	members := []roster.Member{{Name: "A", Zone: "UTC"}, {Name: "B", Zone: "UTC"}}
	var shares []Share
	within(t, 10*time.Second, "Fairness over 1,000 years", func() { shares = Fairness([]Rotation{r}, members, from, to) })
	if len(shares) != 2 || shares[0].OnCall+shares[1].OnCall != MaxRange {
		t.Errorf("Fairness over 1,000 years = %+v; want %s in all", shares, MaxRange)
	}
	off := []roster.Member{{Name: "A", Zone: "UTC", TimeOff: []roster.TimeOff{{Start: u("2040-01-01T00:00:00Z"), End: u("2040-01-02T00:00:00Z")}}}}
	if cs := TimeOffConflicts([]Rotation{r}, off, from, to); len(cs) != 0 {
		t.Errorf("TimeOffConflicts found %d conflicts beyond MaxRange; want none", len(cs))
	}
}
