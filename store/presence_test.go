package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

func TestMeIsAMemberInAnyCase(t *testing.T) {
	db := openLog(t)
	if me, err := db.Me(ctx); err != nil || me != "" {
		t.Fatalf("Me on a new database = %q, %v; want nobody", me, err)
	}
	got, err := db.SetMe(ctx, "  bO ")
	if err != nil || got != "Bo" {
		t.Fatalf("SetMe(bO) = %q, %v; want Bo", got, err)
	}
	if me, _ := db.Me(ctx); me != "Bo" {
		t.Errorf("Me = %q; want Bo", me)
	}
	if _, err := db.SetMe(ctx, "Zed"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetMe(Zed) error = %v; want ErrNotFound", err)
	}
	if me, _ := db.Me(ctx); me != "Bo" {
		t.Errorf("after a failed SetMe, Me = %q; want Bo still", me)
	}
	if got, err := db.SetMe(ctx, ""); err != nil || got != "" {
		t.Errorf("SetMe(\"\") = %q, %v; want cleared", got, err)
	}
	if me, _ := db.Me(ctx); me != "" {
		t.Errorf("after clearing, Me = %q; want nobody", me)
	}
}

func TestMeFollowsARenameAndGoesWithTheMember(t *testing.T) {
	db := openLog(t)
	if _, err := db.SetMe(ctx, "chen"); err != nil {
		t.Fatal(err)
	}
	chen, err := db.Member(ctx, "Chen")
	if err != nil {
		t.Fatal(err)
	}
	chen.Name = "Chen Wei"
	if _, err := db.SaveMember(ctx, chen); err != nil {
		t.Fatal(err)
	}
	if me, _ := db.Me(ctx); me != "Chen Wei" {
		t.Errorf("after the rename, Me = %q; want Chen Wei", me)
	}
	if err := db.DeleteMember(ctx, chen.ID); err != nil {
		t.Fatal(err)
	}
	// A new member may take the deleted one's id; they are not me.
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Dee", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if me, _ := db.Me(ctx); me != "" {
		t.Errorf("after deleting me, Me = %q; want nobody", me)
	}
}

func TestReminderSettingsRoundTrip(t *testing.T) {
	db := openLog(t)
	got, err := db.ReminderSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := reminders.DefaultSettings(); !reflect.DeepEqual(got, want) {
		t.Errorf("settings of a new database = %+v; want the defaults %+v", got, want)
	}
	q := timezone.Range{Start: timezone.MustClock("21:30"), End: timezone.MustClock("06:45")}
	want := reminders.Settings{
		Off:    map[reminders.Kind]bool{reminders.Handoff: true, reminders.ReviewDue: true},
		Leads:  []time.Duration{24 * time.Hour, 15 * time.Minute, 0},
		Follow: []string{"Primary", "Follow, the sun"},
		Quiet:  &q,
	}
	if err := db.SaveReminderSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ReminderSettings(ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v; want %+v", got, want)
	}
	// No quiet hours and every kind on are remembered as such, not as the defaults.
	want = reminders.Settings{Leads: []time.Duration{0}}
	if err := db.SaveReminderSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, _ = db.ReminderSettings(ctx)
	if got.Quiet != nil || len(got.Off) != 0 || !reflect.DeepEqual(got.Leads, want.Leads) || len(got.Follow) != 0 {
		t.Errorf("read back %+v; want no quiet hours, every kind on, lead 0", got)
	}
	bad := reminders.Settings{Leads: []time.Duration{-time.Minute}}
	if err := db.SaveReminderSettings(ctx, bad); !errors.Is(err, reminders.ErrBadLead) {
		t.Errorf("negative lead: error %v; want ErrBadLead", err)
	}
	if got2, _ := db.ReminderSettings(ctx); !reflect.DeepEqual(got2, got) {
		t.Errorf("a refused save changed the settings to %+v", got2)
	}
}

func TestSavePresenceIsOneTransaction(t *testing.T) {
	db := openLog(t)
	keep := false
	p, err := db.SavePresence(ctx, Presence{Me: "ana", Reminders: reminders.DefaultSettings(), KeepInTray: &keep})
	if err != nil {
		t.Fatal(err)
	}
	if p.Me != "Ana" || p.KeepInTray == nil || *p.KeepInTray {
		t.Errorf("saved %+v; want Ana, keep in tray off", p)
	}
	// An unknown member refuses the whole save: the tray choice stays.
	keep = true
	if _, err := db.SavePresence(ctx, Presence{Me: "Nobody", KeepInTray: &keep}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown member: error %v; want ErrNotFound", err)
	}
	got, err := db.Presence(ctx)
	if err != nil || got.Me != "Ana" || got.KeepInTray == nil || *got.KeepInTray {
		t.Errorf("after a refused save: %+v, %v; want Ana, keep in tray off", got, err)
	}
	if p, _ := db.SavePresence(ctx, Presence{Reminders: got.Reminders}); p.KeepInTray != nil || p.Me != "" {
		t.Errorf("cleared: %+v; want no member and no tray choice", p)
	}
}

func TestFireRemindersShowsEachOnce(t *testing.T) {
	db := openLog(t)
	if seen, err := db.LastSeen(ctx); err != nil || !seen.IsZero() {
		t.Fatalf("LastSeen on a new database = %v, %v; want zero", seen, err)
	}
	a := reminders.Reminder{Key: "handoff/Primary/2026-03-09T09:00:00Z/Bo", At: utc("2026-03-09T09:00:00Z")}
	b := reminders.Reminder{Key: "one-on-one/Bo/2026-03-09", At: utc("2026-03-09T09:00:00Z")}
	fresh, err := db.FireReminders(ctx, []reminders.Reminder{a}, utc("2026-03-09T09:00:01Z"))
	if err != nil || len(fresh) != 1 || fresh[0].Key != a.Key {
		t.Fatalf("first firing = %v, %v; want a", fresh, err)
	}
	fresh, err = db.FireReminders(ctx, []reminders.Reminder{a, b}, utc("2026-03-09T09:01:00Z"))
	if err != nil || len(fresh) != 1 || fresh[0].Key != b.Key {
		t.Errorf("second firing = %v, %v; want only b", fresh, err)
	}
	if seen, _ := db.LastSeen(ctx); !seen.Equal(utc("2026-03-09T09:01:00Z")) {
		t.Errorf("LastSeen = %v; want 09:01", seen)
	}
	// Two months on, the old keys are forgotten.
	if _, err := db.FireReminders(ctx, nil, utc("2026-05-20T00:00:00Z")); err != nil {
		t.Fatal(err)
	}
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM fired_reminders`).Scan(&n)
	if n != 0 {
		t.Errorf("%d fired keys kept after 60 days; want 0", n)
	}
}

func TestReminderInputReadsTheStore(t *testing.T) {
	db := openLog(t)
	primary := oncall.Rotation{Name: "Primary", Members: []string{"Ana", "Bo"}, Zone: "Europe/Lisbon",
		Shift: oncall.ShiftLength{N: 7, Unit: oncall.Days}, Handoff: timezone.MustClock("09:00"),
		Start: timezone.Date{Year: 2026, Month: time.March, Day: 2}}
	if _, err := db.SaveRotation(ctx, primary); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"Ana", "Bo"} {
		if err := db.SetCadence(ctx, m, worklog.CadenceWeekly, timezone.MustClock("10:00"), 30); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Bo", At: utc("2026-03-02T15:00:00Z"), Actions: []worklog.ActionItem{
		{Text: "Share the incident review", Owner: "Ana", Due: timezone.Date{Year: 2026, Month: time.March, Day: 10}},
		{Text: "No date", Owner: "Ana"},
	}}); err != nil {
		t.Fatal(err)
	}
	s := reminders.DefaultSettings()
	s.Follow = []string{"Primary", "Gone"}
	if _, err := db.SetMe(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	// A followed rotation deleted later must not break the reminders: save
	// the settings by hand, the way an older team would have left them.
	if err := db.SaveReminderSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	in, err := db.ReminderInput(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if in.Me != "Ana" || len(in.Team.Members) != 3 || len(in.Team.Rotations) != 1 {
		t.Errorf("input: me %q, %d members, %d rotations; want Ana, 3, 1", in.Me, len(in.Team.Members), len(in.Team.Rotations))
	}
	if len(in.Schedules) != 1 || in.Schedules[0].Member != "Bo" {
		t.Errorf("schedules %+v; want Bo's only (not my own)", in.Schedules)
	}
	if len(in.Actions) != 1 || in.Actions[0].Text != "Share the incident review" {
		t.Errorf("actions %+v; want the dated open item", in.Actions)
	}
	if !reflect.DeepEqual(in.Settings.Follow, []string{"Primary"}) {
		t.Errorf("follow %q; want [Primary]", in.Settings.Follow)
	}
	rs, err := reminders.List(in, utc("2026-03-09T00:00:00Z"), utc("2026-03-10T00:00:00Z"))
	if err != nil || len(rs) == 0 {
		t.Errorf("List over the input: %v, %v; want reminders", rs, err)
	}
	other, err := db.ReminderInput(ctx, "bo")
	if err != nil || other.Me != "bo" || len(other.Schedules) != 1 || other.Schedules[0].Member != "Ana" {
		t.Errorf("input for bo: me %q, schedules %+v, %v; want Ana's schedule", other.Me, other.Schedules, err)
	}
}
