package share

import (
	"errors"
	"testing"
	"time"
)

func TestParseFeed(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Feed
		err  bool
	}{
		{"rotation:Primary", Feed{FeedRotation, "Primary"}, false},
		{" Member: Ana ", Feed{FeedMember, "Ana"}, false},
		{"ONCALL", Feed{Kind: FeedOnCall}, false},
		{"meetings", Feed{Kind: FeedMeetings}, false},
		{"team", Feed{Kind: FeedTeam}, false},
		{"rotation:", Feed{}, true},
		{"team:x", Feed{}, true},
		{"1on1s", Feed{}, true},
		{"member:a\x1b[31m", Feed{}, true},
	} {
		got, err := ParseFeed(c.in)
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("ParseFeed(%q) = %+v, %v", c.in, got, err)
		}
		if err == nil && got.String() != c.want.String() {
			t.Errorf("%+v.String() = %q", got, got.String())
		}
	}
}

func TestTargetNormalize(t *testing.T) {
	ok := Target{Name: "On-call 2", Kind: CalDAV, URL: "https://dav.example.com/c/ana/oncall", Feed: Feed{Kind: FeedOnCall}}
	n, err := ok.Normalize()
	if err != nil || n.URL != "https://dav.example.com/c/ana/oncall/" {
		t.Errorf("Normalize = %+v, %v", n, err)
	}
	for _, bad := range []Target{
		{Name: "", Kind: CalDAV, URL: ok.URL, Feed: ok.Feed},
		{Name: "a:b", Kind: CalDAV, URL: ok.URL, Feed: ok.Feed},
		{Name: "x", Kind: "ftp", URL: ok.URL, Feed: ok.Feed},
		{Name: "x", Kind: WebDAV, URL: "dav.example.com/f.ics", Feed: ok.Feed},
		{Name: "x", Kind: WebDAV, URL: "https://u:p@dav.example.com/f.ics", Feed: ok.Feed},
		{Name: "x", Kind: CalDAV, URL: ok.URL, Feed: Feed{Kind: FeedTeam}},
		{Name: "x", Kind: CalDAV, URL: ok.URL, Feed: Feed{Kind: "bogus"}},
	} {
		if _, err := bad.Normalize(); err == nil {
			t.Errorf("Normalize(%+v) accepted it", bad)
		}
	}
	if _, err := (Target{Name: "x", Kind: WebDAV, URL: "https://u:p@dav.example.com/f.ics", Feed: ok.Feed}).Normalize(); !errors.Is(err, ErrBadTarget) {
		t.Errorf("password in the URL: %v", err)
	}
}

func TestStatus(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		t    Target
		want string
	}{
		{Target{}, "not published yet"},
		{Target{LastRun: now.Add(-3 * time.Minute)}, "published 3 min ago"},
		{Target{LastRun: now.Add(-20 * time.Second)}, "published just now"},
		{Target{LastRun: now.Add(-5 * time.Hour)}, "published 5 h ago"},
		{Target{LastRun: now.Add(-72 * time.Hour)}, "published 3 days ago"},
		{Target{LastRun: now, Last: Outcome{Error: "server not reachable"}}, "failed: server not reachable"},
	} {
		if got := c.t.Status(now); got != c.want {
			t.Errorf("Status = %q; want %q", got, c.want)
		}
	}
	if (Subscription{URL: "https://x/"}).SecretKey() == (Target{Name: "follow"}).SecretKey() {
		t.Error("a subscription's key can equal a target's")
	}
}
