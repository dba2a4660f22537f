package calendar

import (
	"fmt"
	"testing"
	"time"
)

// TestExpandRuleJumpMatchesFullExpansion expands rules from old starts
// twice, from DTSTART and starting near the window, across DST changes of
// both hemispheres: from the window's start on, the instances must be the
// same.
func TestExpandRuleJumpMatchesFullExpansion(t *testing.T) {
	rules := []string{
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;INTERVAL=7;COUNT=9000", "FREQ=DAILY;COUNT=46090",
		"FREQ=DAILY;BYDAY=MO,FR", "FREQ=DAILY;BYMONTH=3,10;COUNT=5000", "FREQ=DAILY;UNTIL=20260320T000000Z",
		"FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR", "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,TU;COUNT=12000;WKST=SU",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=13170", "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1;COUNT=7000",
		"FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=8,20;COUNT=30000", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY",
	}
	starts := []time.Time{
		time.Date(1900, 1, 1, 9, 30, 0, 0, time.UTC), time.Date(1955, 7, 13, 23, 15, 0, 0, time.UTC),
		time.Date(2025, 12, 31, 2, 30, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, zone := range []string{"Europe/Berlin", "Australia/Sydney", "UTC"} {
		z := goZone{mustZone(t, zone)}
		for _, rule := range rules {
			for _, start := range starts {
				for i, allDay := range []bool{false, true} {
					counts := i == 0
					name := fmt.Sprintf("%s %s from %s all-day %v", zone, rule, start.Format(localLayout), allDay)
					fullW, fullI, err := expandRule(rule, start, z, allDay, counts, time.Time{}, end)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					lo := from.Add(-72 * time.Hour)
					jumpW, jumpI, err := expandRule(rule, start, z, allDay, counts, lo, end)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					var want, got []string
					for i, w := range fullW {
						if !w.Before(from) {
							s := w.Format(localLayout)
							if !allDay {
								s += " " + fullI[i].UTC().Format(utcLayout)
							}
							want = append(want, s)
						}
					}
					for i, w := range jumpW {
						if !w.Before(from) {
							s := w.Format(localLayout)
							if !allDay {
								s += " " + jumpI[i].UTC().Format(utcLayout)
							}
							got = append(got, s)
						}
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s:\n got %d %v\nwant %d %v", name, len(got), head(got), len(want), head(want))
					}
				}
			}
		}
	}
}

func head(xs []string) []string {
	if len(xs) > 6 {
		return xs[:6]
	}
	return xs
}
