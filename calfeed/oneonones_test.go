package calfeed

import (
	"testing"
	"time"

	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

func TestOneOnOneEventsStayAtLocalTime(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ss := []worklog.Schedule{
		{MemberID: 7, Member: "Dana", Zone: "America/New_York", Cadence: worklog.CadenceWeekly, MeetAt: timezone.MustClock("10:00"), Minutes: 30,
			Last: time.Date(2026, 2, 23, 15, 0, 0, 0, time.UTC)},
		{MemberID: 8, Member: "Idle", Zone: "UTC"},
	}
	evs := OneOnOneEvents(ss, now, now.AddDate(1, 0, 0), now)
	if len(evs) != 1 {
		t.Fatalf("%d events; want one (members without a cadence get none)", len(evs))
	}
	e := evs[0]
	// 2 March 10:00 EST = 15:00 UTC; the zone keeps later ones at 10:00 EDT.
	if e.Zone == nil || e.Zone.String() != "America/New_York" || !e.Start.Equal(time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)) ||
		e.End.Sub(e.Start) != 30*time.Minute || e.UID != "one-on-one-7@remotecto" || e.RRule != "FREQ=WEEKLY;INTERVAL=1" {
		t.Errorf("event = %+v", e)
	}
	// An overdue series starts at the first occurrence inside the window.
	late := OneOnOneEvents(ss[:1], time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), now)
	if got := late[0].Start.In(e.Zone); got.Format("2006-01-02 15:04") != "2026-06-08 10:00" {
		t.Errorf("first meeting in a later window = %s; want 2026-06-08 10:00 local", got)
	}
}

func TestOneOnOneCalendar(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ss := []worklog.Schedule{{MemberID: 3, Member: "Ana", Zone: "Europe/Lisbon", Cadence: worklog.CadenceFortnightly,
		MeetAt: timezone.MustClock("09:30"), Minutes: 45}}
	cal := OneOnOneCalendar(ss, now, now.AddDate(1, 0, 0), now)
	if cal.Name != "1:1s" || len(cal.Events) != 1 {
		t.Fatalf("calendar %q with %d events; want \"1:1s\" with 1", cal.Name, len(cal.Events))
	}
	e := cal.Events[0]
	if e.Summary != "1:1 with Ana" || len(e.Categories) != 1 || e.Categories[0] != "1:1" || e.RRule != "FREQ=WEEKLY;INTERVAL=2" {
		t.Errorf("event = %+v", e)
	}
	if empty := OneOnOneCalendar(nil, now, now.AddDate(1, 0, 0), now); empty.Name != "1:1s" || len(empty.Events) != 0 {
		t.Errorf("no cadences: %+v; want an empty \"1:1s\" calendar", empty)
	}
}
