package calendar

import (
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

// TestNeverMatchesAgreesWithRRule checks neverMatches against rrule-go
// itself on rules that match rarely or never: it may only say "never" when
// rrule-go finds nothing in four centuries.
func TestNeverMatchesAgreesWithRRule(t *testing.T) {
	for _, c := range []struct {
		rule  string
		never bool
	}{
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", true},
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", false},
		{"FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31,-31", true},
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-29", false},
		{"FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", false},
		{"FREQ=YEARLY;BYYEARDAY=366;BYMONTH=11", true},
		{"FREQ=YEARLY;BYYEARDAY=366;BYMONTH=12;BYMONTHDAY=31", false},
		{"FREQ=YEARLY;BYYEARDAY=1;BYMONTHDAY=2", true},
		{"FREQ=YEARLY;BYYEARDAY=-1;BYMONTHDAY=31", false},
		{"FREQ=YEARLY;BYMONTH=2", true}, // DTSTART is the 31st: 31 February
		{"FREQ=MONTHLY;BYMONTH=4,6,9,11", true},
		{"FREQ=MONTHLY;BYMONTH=3", false},
		{"FREQ=DAILY;BYSETPOS=2", true},
		{"FREQ=DAILY;BYHOUR=8,9;BYSETPOS=-2", false},
		{"FREQ=WEEKLY;BYDAY=MO;BYSETPOS=8", true},
		{"FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2", false},
		{"FREQ=DAILY;BYDAY=SA,SU", false},
	} {
		opt, err := rrule.StrToROption(c.rule)
		if err != nil {
			t.Fatal(err)
		}
		opt.Dtstart = time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
		if got := neverMatches(opt); got != c.never {
			t.Errorf("%s: neverMatches = %v; want %v", c.rule, got, c.never)
		}
		opt.Until = opt.Dtstart.AddDate(400, 0, 0)
		r, err := rrule.NewRRule(*opt)
		if err != nil {
			t.Fatal(err)
		}
		_, found := r.Iterator()()
		if found == c.never {
			t.Errorf("%s: rrule-go finds an instance: %v; the case is wrong", c.rule, found)
		}
	}
}
