package publish

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func sample(t *testing.T) team.Team {
	t.Helper()
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestWindow(t *testing.T) {
	from, to := Window(now.Add(500 * time.Millisecond))
	if !from.Equal(time.Date(2026, 10, 24, 12, 0, 0, 0, time.UTC)) || !to.Equal(time.Date(2027, 11, 23, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("Window = %s, %s; want 30 days back, one year ahead, to the second", from, to)
	}
}

// TestPublicTeam: time off leaves as "Away" with its interval, only inside
// the window; nothing else of it does.
func TestPublicTeam(t *testing.T) {
	tm := sample(t)
	from, to := Window(now)
	tm.Members[0].ID = 7
	tm.Members[0].TimeOff = []roster.TimeOff{
		{ID: 1, Start: now.AddDate(0, 0, -60), End: now.AddDate(0, 0, -59), Summary: "old"},
		{ID: 2, Start: now.AddDate(0, 0, 3), End: now.AddDate(0, 0, 5), AllDay: true, Summary: "Surgery", Source: "doctor.ics", UID: "x#1"},
		{ID: 3, Start: now.AddDate(2, 0, 0), End: now.AddDate(2, 0, 1), Summary: "far"},
	}
	pub := PublicTeam(tm, from, to)
	got := pub.Members[0]
	want := roster.TimeOff{Start: now.AddDate(0, 0, 3), End: now.AddDate(0, 0, 5), AllDay: true, Summary: AwaySummary}
	if got.ID != 0 || len(got.TimeOff) != 1 || got.TimeOff[0] != want {
		t.Errorf("public member %q: ID %d, time off %+v; want only %+v", got.Name, got.ID, got.TimeOff, want)
	}
	if tm.Members[0].TimeOff[1].Summary != "Surgery" {
		t.Error("PublicTeam changed the team it was given")
	}
	b1, err := Bundle(tm, now)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := Bundle(tm, now.Add(time.Second))
	if !bytes.Equal(b1, b2) || strings.Contains(string(b1), "Surgery") || strings.Contains(string(b1), "doctor") {
		t.Errorf("bundle not stable, or private:\n%s", b1)
	}
	back, err := teamfile.Decode(bytes.NewReader(b1))
	if err != nil || len(back.Members) != len(tm.Members) || len(back.Rotations) != 2 || len(back.Policy.Levels) != 3 {
		t.Errorf("the bundle reads back as %d members, %d rotations, %v", len(back.Members), len(back.Rotations), err)
	}
}

func TestCalendar(t *testing.T) {
	tm := sample(t)
	from, to := Window(now)
	counts := map[string]int{}
	for _, f := range []string{"rotation:primary", "rotation:APAC", "member:Ana", "oncall", "meetings"} {
		feed, err := share.ParseFeed(f)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := Calendar(feed, tm, nil, from, to)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		counts[f] = len(cal.Events)
	}
	if counts["oncall"] != counts["rotation:primary"]+counts["rotation:APAC"] || counts["member:Ana"] == 0 || counts["meetings"] != 0 {
		t.Errorf("events per feed: %v", counts)
	}
	if _, err := Calendar(share.Feed{Kind: share.FeedRotation, Name: "Nope"}, tm, nil, from, to); err == nil {
		t.Error("a feed of an unknown rotation gave a calendar")
	}
	if _, err := Calendar(share.Feed{Kind: share.FeedTeam}, tm, nil, from, to); !errors.Is(err, share.ErrBadFeed) {
		t.Errorf("team feed as a calendar: %v", err)
	}
}

func TestSelect(t *testing.T) {
	all := []share.Target{{Name: "oncall"}, {Name: "Team bundle"}}
	got, err := Select(all, []string{"team BUNDLE", "oncall"})
	if err != nil || len(got) != 2 || got[0].Name != "Team bundle" {
		t.Errorf("Select = %v, %v", got, err)
	}
	if _, err := Select(all, []string{"x"}); !errors.Is(err, share.ErrUnknownTarget) || !strings.Contains(err.Error(), "oncall, Team bundle") {
		t.Errorf("unknown name: %v", err)
	}
	if got, _ := Select(all, nil); len(got) != 2 {
		t.Errorf("no names: %v", got)
	}
}
