package protocol

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
)

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReviewDue(t *testing.T) {
	now := day("2026-11-23T12:00:00Z")
	written := Version{ID: 3, Text: "Call the on-call phone.", At: day("2026-06-01T10:00:00Z")}
	tests := []struct {
		name    string
		s       State
		want    time.Time
		overdue bool
	}{
		{"never reviewed: from the first version", State{Settings: Settings{EveryDays: 90}, Current: written, Since: day("2026-05-01T08:00:00Z")},
			day("2026-07-30T08:00:00Z"), true},
		{"reviewed: from the review", State{Settings: Settings{EveryDays: 90}, Current: written, Since: day("2026-05-01T08:00:00Z"),
			LastReview: Review{At: day("2026-10-01T09:30:00Z"), By: "Ana", VersionID: 3}}, day("2026-12-30T09:30:00Z"), false},
		{"reviews off", State{Settings: Settings{EveryDays: 0}, Current: written, Since: written.At}, time.Time{}, false},
		{"no protocol text", State{Settings: Settings{EveryDays: 90}, Current: Version{ID: 4, Text: " "}, Since: written.At}, time.Time{}, false},
		{"text with no time to count from", State{Settings: Settings{EveryDays: 30}, Current: written}, now, true},
	}
	for _, tt := range tests {
		if got := tt.s.ReviewDue(now); !got.Equal(tt.want) {
			t.Errorf("%s: ReviewDue = %s; want %s", tt.name, got, tt.want)
		}
		if got := tt.s.Overdue(now); got != tt.overdue {
			t.Errorf("%s: Overdue = %v; want %v", tt.name, got, tt.overdue)
		}
	}
}

// A cadence counts calendar days in UTC: a review an hour before a DST
// change in Europe is due at the same UTC time 90 days later.
func TestReviewDueAcrossDST(t *testing.T) {
	s := State{Settings: Settings{EveryDays: 1}, Current: Version{ID: 1, Text: "x"},
		LastReview: Review{At: day("2026-03-29T00:30:00Z"), VersionID: 1}}
	if got := s.ReviewDue(day("2026-03-29T00:30:00Z")); !got.Equal(day("2026-03-30T00:30:00Z")) {
		t.Errorf("ReviewDue = %s; want one day later in UTC", got)
	}
}

func TestStatus(t *testing.T) {
	now := day("2026-11-23T12:00:00Z")
	cur := Version{ID: 3, Text: "Call.", At: day("2026-06-01T10:00:00Z")}
	tests := []struct {
		s    State
		want string
	}{
		{State{}, "No emergency protocol written yet."},
		{State{Settings: Settings{EveryDays: 90}, Current: cur, Since: day("2026-10-01T00:00:00Z")},
			"Never reviewed (written Thu 1 Oct 2026); next review due Wed 30 Dec 2026."},
		{State{Settings: Settings{EveryDays: 90}, Current: cur, LastReview: Review{At: day("2026-09-02T00:00:00Z"), By: "Ana", VersionID: 3}},
			"Last reviewed by Ana on Wed 2 Sep 2026; next review due Tue 1 Dec 2026."},
		{State{Settings: Settings{EveryDays: 30}, Current: cur, LastReview: Review{At: day("2026-09-02T00:00:00Z"), VersionID: 2}},
			"Review due since Fri 2 Oct 2026. Last reviewed on Wed 2 Sep 2026, changed since."},
		{State{Current: cur, Since: cur.At}, "Never reviewed (written Mon 1 Jun 2026); reviews are off."},
	}
	for _, tt := range tests {
		if got := tt.s.Status(now, time.UTC); got != tt.want {
			t.Errorf("Status =\n%q\nwant\n%q", got, tt.want)
		}
	}
}

func TestCheckLink(t *testing.T) {
	good := []Link{
		{"Runbook", "https://runbooks.example.com/incident"},
		{"AWS root", "op://Ops/AWS root account"},
		{"DB credentials", "vault: secret/prod/db (read with vault kv get)"},
		{"Status page", "https://status.example.com/?utm_source=sheet"},
		{"", "https://grafana.example.com/d/abc?orgId=1&from=now-1h"},
	}
	for _, l := range good {
		n, err := CheckLink(l)
		if err != nil {
			t.Errorf("CheckLink(%+v) = %v", l, err)
		}
		if n.Title == "" {
			t.Errorf("CheckLink(%+v): empty title; want the target", l)
		}
	}
	bad := []struct {
		l    Link
		want error
	}{
		{Link{"Grafana", "https://admin:hunter2@grafana.example.com/"}, ErrSecret},
		{Link{"Hook", "https://hooks.example.com/x?token=abc123"}, ErrSecret},
		{Link{"Signed", "https://bucket.example.com/f?X-Amz-Signature=deadbeef"}, ErrSecret},
		{Link{"Root", "root password: hunter2"}, ErrSecret},
		{Link{"Slack", "xoxb-123456789012-abcdefghijkl"}, ErrSecret},
		{Link{"GitHub", "ghp_abcdefghijklmnopqrstuvwxyz0123"}, ErrSecret},
		{Link{"AWS", "AKIAABCDEFGHIJKLMNOP"}, ErrSecret},
		{Link{"Empty", " "}, ErrBadLink},
		{Link{strings.Repeat("t", 81), "https://x.example"}, ErrBadLink},
		{Link{"Long", "https://x.example/" + strings.Repeat("a", 500)}, ErrBadLink},
		{Link{"Two\nlines", "https://x.example"}, termsafe.ErrControl},
	}
	for _, tt := range bad {
		_, err := CheckLink(tt.l)
		if !errors.Is(err, tt.want) {
			t.Errorf("CheckLink(%q) = %v; want %v", tt.l.Target, err, tt.want)
			continue
		}
		if errors.Is(err, ErrSecret) && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the message repeats the secret: %v", err)
		}
	}
}

func TestSettingsNormalize(t *testing.T) {
	if _, err := (Settings{EveryDays: -1}).Normalize(); !errors.Is(err, ErrBadCadence) {
		t.Errorf("cadence -1: %v; want ErrBadCadence", err)
	}
	if _, err := (Settings{EveryDays: MaxEveryDays + 1}).Normalize(); !errors.Is(err, ErrBadCadence) {
		t.Errorf("cadence %d: %v; want ErrBadCadence", MaxEveryDays+1, err)
	}
	dup := Settings{EveryDays: 90, Links: []Link{{"Runbook", "https://a.example"}, {"runbook", "https://b.example"}}}
	if _, err := dup.Normalize(); !errors.Is(err, ErrDupLink) {
		t.Errorf("two links titled Runbook: %v; want ErrDupLink", err)
	}
	many := Settings{EveryDays: 90}
	for i := 0; i <= MaxLinks; i++ {
		many.Links = append(many.Links, Link{Title: strings.Repeat("x", i+1), Target: "https://x.example"})
	}
	if _, err := many.Normalize(); !errors.Is(err, ErrManyLinks) {
		t.Errorf("%d links: %v; want ErrManyLinks", len(many.Links), err)
	}
}

func TestLinkURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://runbooks.example.com/x": "https://runbooks.example.com/x",
		"op://Ops/AWS":                   "",
		"javascript:alert(1)":            "",
		"vault: secret/prod":             "",
		"http://intranet.example/wiki":   "http://intranet.example/wiki",
	} {
		if got := LinkURL(in); got != want {
			t.Errorf("LinkURL(%q) = %q; want %q", in, got, want)
		}
	}
}
