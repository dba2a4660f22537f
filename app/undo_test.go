package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// undo taps Undo on the window's feedback bar after checking what it says.
func undo(t *testing.T, s *session, says string) {
	t.Helper()
	if msg := s.feedback().message(); !strings.HasPrefix(msg, says) || s.bar.action.Text != "Undo" {
		t.Fatalf("the bar says %q with %q; want %q… Undo", msg, s.bar.action.Text, says)
	}
	test.Tap(s.bar.action)
}

func TestUndoDeletedMember(t *testing.T) {
	mw := sampleWindow(t)
	s, tab := mw.s, mw.s.team
	ctx := context.Background()
	sagar, _ := roster.FindMember(tab.members, "Sagar")
	if _, err := s.db.AddTimeOff(ctx, sagar.ID, roster.TimeOff{Start: fixedNow.Add(48 * time.Hour), End: fixedNow.Add(72 * time.Hour), Summary: "Dashain"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.SetCadence(ctx, "Sagar", worklog.CadenceFortnightly, timezone.MustClock("09:30"), 45); err != nil {
		t.Fatal(err)
	}
	s.teamChanged()
	sagar, _ = roster.FindMember(tab.members, "Sagar")
	tab.onDelete(sagar)
	test.Tap(topButton(t, s, "Delete"))
	if _, ok := roster.FindMember(tab.members, "Sagar"); ok {
		t.Fatal("Sagar is still listed after Delete")
	}
	undo(t, s, "Deleted Sagar")
	back, ok := roster.FindMember(tab.members, "Sagar")
	if !ok || len(back.TimeOff) != 1 || back.TimeOff[0].Summary != "Dashain" || back.Zone != sagar.Zone || back.Email != sagar.Email {
		t.Fatalf("after Undo: %+v", back)
	}
	ss, _ := s.db.OneOnOneSchedules(ctx)
	for _, sc := range ss {
		if sc.Member == "Sagar" && (sc.Cadence != worklog.CadenceFortnightly || sc.MeetAt.String() != "09:30" || sc.Minutes != 45) {
			t.Errorf("cadence after Undo: %+v", sc)
		}
	}
}

func TestUndoDeletedRotationAndOverride(t *testing.T) {
	tab, db, _ := oncallFixture(t, fixedNow)
	importSample(t, db)
	ctx := context.Background()
	r, err := db.SaveRotation(ctx, oncall.Rotation{Name: "Weekend", Members: []string{"Ana", "Dana"}, Zone: "UTC",
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Weeks}, Start: timezone.DateOf(fixedNow),
		Overrides: []oncall.Override{{Member: "Dana", Start: fixedNow.Add(24 * time.Hour), End: fixedNow.Add(30 * time.Hour)}}})
	if err != nil {
		t.Fatal(err)
	}
	tab.s.teamChanged()
	// An override: removed at once, back with Undo.
	tab.rots.removeOverride(r, r.Overrides[0])
	if got, _ := tab.rotationByID(r.ID); len(got.Overrides) != 0 {
		t.Fatal("the override is still there")
	}
	undo(t, tab.s, "Removed the override of Dana")
	if got, _ := tab.rotationByID(r.ID); len(got.Overrides) != 1 || !got.Overrides[0].Start.Equal(r.Overrides[0].Start) {
		t.Fatalf("after Undo: %+v", got.Overrides)
	}
	// The rotation: confirmed, deleted, back with its override.
	tab.rots.onDelete(r)
	test.Tap(topButton(t, tab.s, "Delete"))
	if len(tab.rotations) != 2 {
		t.Fatalf("%d rotations after Delete; want 2", len(tab.rotations))
	}
	undo(t, tab.s, "Deleted the rotation Weekend")
	var back oncall.Rotation
	for _, x := range tab.rotations {
		if x.Name == "Weekend" {
			back = x
		}
	}
	if back.Name == "" || len(back.Overrides) != 1 || strings.Join(back.Members, ",") != "Ana,Dana" {
		t.Errorf("after Undo: %+v", back)
	}
	// A rotation the escalation policy pages is refused before any question.
	primary, _ := tab.rotationByName("Primary")
	tab.rots.onDelete(primary)
	if searchLabel(t, tab.s.win.Canvas().Overlays().Top(), "escalation policy") == nil {
		t.Error("deleting Primary does not say the policy pages it")
	}
}

func TestUndoDeletedOneOnOneAndUpdate(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	ctx := context.Background()
	o, err := tab.store.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: fixedNow.Add(-time.Hour), Notes: "talked",
		Actions: []worklog.ActionItem{{Text: "write it up", Owner: "Ana"}}})
	if err != nil {
		t.Fatal(err)
	}
	u, err := tab.store.AddUpdate(ctx, worklog.Update{Author: "Jack", Kind: worklog.KindWin, At: fixedNow, Text: "shipped", Tags: []string{"ios"}})
	if err != nil {
		t.Fatal(err)
	}
	tab.reload()
	tab.showOneOnOne(o)
	test.Tap(topButton(t, s, "Delete…"))
	test.Tap(topButton(t, s, "Delete"))
	if hist, _ := tab.store.OneOnOnes(ctx, "Ana"); len(hist) != 0 {
		t.Fatal("the 1:1 is still there")
	}
	undo(t, s, "Deleted the 1:1 with Ana")
	hist, _ := tab.store.OneOnOnes(ctx, "Ana")
	if len(hist) != 1 || hist[0].Notes != "talked" || !hist[0].At.Equal(o.At) || len(hist[0].Actions) != 1 || hist[0].Actions[0].Text != "write it up" {
		t.Fatalf("after Undo: %+v", hist)
	}

	tab.showUpdate(u)
	test.Tap(topButton(t, s, "Delete…"))
	test.Tap(topButton(t, s, "Delete"))
	undo(t, s, "Deleted the win by Jack")
	us, _ := tab.store.Updates(ctx, worklog.UpdateFilter{})
	if len(us) != 1 || us[0].Text != "shipped" || !us[0].At.Equal(u.At) || strings.Join(us[0].Tags, ",") != "ios" {
		t.Errorf("after Undo: %+v", us)
	}
}

func TestUndoDeletedMeeting(t *testing.T) {
	tab, s, db := overlapFixture(t)
	tab.suggest.onSuggest()
	test.Tap(tab.suggest.save)
	tab.saved.list.Select(0)
	tab.saved.onDelete()
	test.Tap(topButton(t, s, "Delete"))
	if all, _ := db.MeetingSeries(context.Background()); len(all) != 0 {
		t.Fatal("the meeting is still saved")
	}
	undo(t, s, "Deleted the meeting Team meeting")
	if all, _ := db.MeetingSeries(context.Background()); len(all) != 1 || len(tab.saved.series) != 1 {
		t.Errorf("after Undo: %d saved", len(all))
	}
}
