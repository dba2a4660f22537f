package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/worklog"
)

func TestPublishTargets(t *testing.T) {
	db := openTemp(t)
	added, err := db.AddPublishTarget(ctx, share.Target{Name: " oncall ", Kind: share.CalDAV, URL: "https://dav.example.com/cal/ana/oncall",
		User: "ana", Feed: share.Feed{Kind: share.FeedOnCall}})
	if err != nil {
		t.Fatal(err)
	}
	if added.Name != "oncall" || added.URL != "https://dav.example.com/cal/ana/oncall/" || added.ID == 0 {
		t.Errorf("added %+v; want the name trimmed and the collection URL ending with a slash", added)
	}
	if _, err := db.AddPublishTarget(ctx, share.Target{Name: "ONCALL", Kind: share.WebDAV, URL: "https://x.example/a.ics",
		Feed: share.Feed{Kind: share.FeedOnCall}}); !errors.Is(err, share.ErrDuplicateTarget) {
		t.Errorf("same name in another case: %v; want ErrDuplicateTarget", err)
	}
	if _, err := db.AddPublishTarget(ctx, share.Target{Name: "team", Kind: share.CalDAV, URL: "https://x.example/c/",
		Feed: share.Feed{Kind: share.FeedTeam}}); !errors.Is(err, share.ErrBadTarget) {
		t.Errorf("team bundle to CalDAV: %v; want ErrBadTarget", err)
	}
	if _, err := db.AddPublishTarget(ctx, share.Target{Name: "team", Kind: share.WebDAV, URL: "https://u:pw@x.example/team.json",
		Feed: share.Feed{Kind: share.FeedTeam}}); !errors.Is(err, share.ErrBadTarget) || strings.Contains(err.Error(), "pw") {
		t.Errorf("password in the URL: %v; want ErrBadTarget without the password", err)
	}
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	o := share.Outcome{Target: "oncall", Created: 3, Unchanged: 1}
	if err := db.SavePublishRun(ctx, "OnCall", []byte(`{"a":{}}`), at, o); err != nil {
		t.Fatal(err)
	}
	failed := share.Outcome{Target: "oncall", Error: "server not reachable"}
	if err := db.SavePublishRun(ctx, "oncall", []byte(`{"b":{}}`), at.Add(time.Hour), failed); err != nil {
		t.Fatal(err)
	}
	ts, err := db.PublishTargets(ctx)
	if err != nil || len(ts) != 1 {
		t.Fatalf("targets %+v, %v", ts, err)
	}
	got := ts[0]
	if string(got.State) != `{"b":{}}` || !got.LastRun.Equal(at.Add(time.Hour)) || !got.LastOK.Equal(at) || got.Last != failed ||
		got.Feed != (share.Feed{Kind: share.FeedOnCall}) || got.Kind != share.CalDAV || got.User != "ana" {
		t.Errorf("stored target %+v", got)
	}
	if err := db.SavePublishRun(ctx, "nope", nil, at, o); !errors.Is(err, share.ErrUnknownTarget) {
		t.Errorf("run of an unknown target: %v", err)
	}
	if err := db.RemovePublishTarget(ctx, "ONCALL"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemovePublishTarget(ctx, "oncall"); !errors.Is(err, share.ErrUnknownTarget) {
		t.Errorf("second remove: %v; want ErrUnknownTarget", err)
	}
}

// TestFollowedTeamIsReadOnly follows the sample team: every way of editing
// the team is refused with share.ErrReadOnly, the log still works, and a
// refresh replaces the team, keeping a dropped member the log names.
func TestFollowedTeamIsReadOnly(t *testing.T) {
	db := openTemp(t)
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	sample := sampleTeam(t)
	// Imported time off of the publisher becomes "Away" in a bundle; here
	// it is whatever the bundle says.
	sample.Members[1].TimeOff = []roster.TimeOff{{Start: at, End: at.Add(48 * time.Hour), Summary: "Away"}}
	sub := share.Subscription{URL: "https://dav.example.com/team.json", User: "ana", ETag: `"1"`}
	sum, err := db.ReplaceFollowedTeam(ctx, sub, sample, at)
	if err != nil {
		t.Fatal(err)
	}
	if sum.MembersAdded != 9 || sum.RotationsAdded != 2 || !sum.PolicyChanged {
		t.Errorf("first replace: %s", sum)
	}
	got, ok, err := db.Subscription(ctx)
	if err != nil || !ok || got.URL != sub.URL || got.ETag != `"1"` || !got.Updated.Equal(at) || !got.Checked.Equal(at) {
		t.Fatalf("subscription %+v, %v, %v", got, ok, err)
	}

	ana, _ := db.Member(ctx, "Ana")
	rs, _ := db.Rotations(ctx)
	refused := map[string]error{}
	changed := sample
	changed.Members = append([]roster.Member(nil), sample.Members...)
	changed.Members[0].Role = "Changed here" // an import that would write
	_, refused["ImportTeam"] = db.ImportTeam(ctx, changed)
	_, refused["SaveMember"] = db.SaveMember(ctx, roster.Member{Name: "Zoe", Zone: "UTC"})
	sagar, _ := db.Member(ctx, "Sagar") // in no rotation: only the follower rule stops it
	refused["DeleteMember"] = db.DeleteMember(ctx, sagar.ID)
	_, refused["AddTimeOff"] = db.AddTimeOff(ctx, ana.ID, roster.TimeOff{Start: at, End: at.Add(time.Hour)})
	_, refused["SaveRotation"] = db.SaveRotation(ctx, rs[0])
	_, refused["SavePolicy"] = db.SavePolicy(ctx, oncall.Policy{Protocol: "Call."})
	for what, err := range refused {
		if !errors.Is(err, share.ErrReadOnly) {
			t.Errorf("%s while following: %v; want share.ErrReadOnly", what, err)
		}
	}
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Ana", At: at, Kind: worklog.KindStatus, Text: "private"}); err != nil {
		t.Errorf("the log while following: %v", err)
	}

	// The publisher drops Ana (named by this log) and Sagar, and the APAC
	// rotation.
	next := sampleTeam(t)
	next.Members = slicesDelete(next.Members, "Ana", "Sagar")
	next.Rotations = next.Rotations[:1]
	next.Rotations[0].Name = "Primary"
	next.Rotations[0].Members = []string{"Greta", "Lucas", "Liam"}
	next.Rotations[0].Overrides = nil
	next.Policy.Levels = []oncall.Level{{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Primary"}}}}
	sub.ETag = `"2"`
	sum, err = db.ReplaceFollowedTeam(ctx, sub, next, at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if sum.MembersRemoved != 1 || !reflect.DeepEqual(sum.Kept, []string{"Ana"}) || sum.RotationsRemoved != 1 || sum.RotationsUpdated != 1 ||
		sum.MembersUpdated != 0 || sum.MembersUnchanged != 7 {
		t.Errorf("second replace: %s", sum)
	}
	if !strings.Contains(sum.String(), "kept Ana") {
		t.Errorf("summary %q does not say Ana was kept", sum)
	}
	tm, _ := db.Team(ctx)
	if len(tm.Members) != 8 || len(tm.Rotations) != 1 || len(tm.Policy.Levels) != 1 {
		t.Errorf("team after the refresh: %d members, %d rotations, %d levels; want 8, 1, 1", len(tm.Members), len(tm.Rotations), len(tm.Policy.Levels))
	}
	// The same bundle again changes nothing.
	sum, err = db.ReplaceFollowedTeam(ctx, sub, next, at.Add(2*time.Hour))
	if err != nil || sum.Changed() {
		t.Errorf("the same bundle again: %s, %v", sum, err)
	}
	// An invalid bundle changes nothing, not even the subscription.
	bad := next
	bad.Rotations = []oncall.Rotation{{Name: "X", Members: []string{"Nobody"}}}
	if _, err := db.ReplaceFollowedTeam(ctx, share.Subscription{URL: "https://evil.example/"}, bad, at); err == nil {
		t.Error("an invalid team was accepted")
	}
	if got, _, _ := db.Subscription(ctx); got.URL != sub.URL || got.ETag != `"2"` {
		t.Errorf("after an invalid bundle: %+v", got)
	}
	if err := db.SaveFollowCheck(ctx, at.Add(3*time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveFollowCheck(ctx, at.Add(4*time.Hour), "server not reachable"); err != nil {
		t.Fatal(err)
	}
	// Updated stays at the last bundle that changed the team.
	if got, _, _ := db.Subscription(ctx); !got.Checked.Equal(at.Add(3*time.Hour)) || got.LastError != "server not reachable" || !got.Updated.Equal(at.Add(time.Hour)) {
		t.Errorf("after checks: %+v", got)
	}

	if err := db.Unfollow(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.Subscription(ctx); ok {
		t.Error("still following after Unfollow")
	}
	if err := db.Unfollow(ctx); !errors.Is(err, share.ErrNotFollowing) {
		t.Errorf("second Unfollow: %v", err)
	}
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Zoe", Zone: "UTC"}); err != nil {
		t.Errorf("edit after Unfollow: %v", err)
	}
	if tm2, _ := db.Team(ctx); len(tm2.Members) != 9 {
		t.Errorf("unfollowing lost data: %d members; want 8 + Zoe", len(tm2.Members))
	}
}

func slicesDelete(ms []roster.Member, names ...string) []roster.Member {
	var out []roster.Member
	for _, m := range ms {
		keep := true
		for _, n := range names {
			if m.Name == n {
				keep = false
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}
