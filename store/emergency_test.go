package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// clock returns a settable clock for db.Now.
func clock(db *DB, start string) func(string) {
	now := utc(start)
	db.Now = func() time.Time { return now }
	return func(s string) { now = utc(s) }
}

func TestMemberAvailabilityRoundTrip(t *testing.T) {
	db := openLog(t)
	ana, err := db.Member(ctx, "Ana")
	if err != nil {
		t.Fatal(err)
	}
	if ana.UrgentChannel != "" || ana.Response != "" || ana.ResponseText() != roster.DefaultResponse {
		t.Errorf("a member saved without availability reads back %q %q", ana.UrgentChannel, ana.Response)
	}
	ana.Phone, ana.UrgentChannel, ana.Response = "+351 210 000 001", roster.Phone, "5 min on call, 2 h otherwise"
	if _, err := db.SaveMember(ctx, ana); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Member(ctx, "ana")
	if got.UrgentChannel != roster.Phone || got.Response != "5 min on call, 2 h otherwise" {
		t.Errorf("read back %q %q; want phone and the words saved", got.UrgentChannel, got.Response)
	}
	// Importing the same member changes nothing; another channel updates it.
	tm, _ := db.Team(ctx)
	if sum, err := db.ImportTeam(ctx, tm); err != nil || sum.MembersUpdated != 0 {
		t.Errorf("re-import of the same team: %+v, %v; want nothing updated", sum, err)
	}
	got.UrgentChannel = roster.Chat
	got.Chat = "@ana"
	if sum, err := db.ImportTeam(ctx, team.Team{Members: []roster.Member{got}}); err != nil || sum.MembersUpdated != 1 {
		t.Errorf("import with another channel: %+v, %v; want one member updated", sum, err)
	}
	got.UrgentChannel, got.Chat = roster.Chat, ""
	if _, err := db.SaveMember(ctx, got); !errors.Is(err, roster.ErrNoChannel) {
		t.Errorf("chat preferred without a handle: %v; want ErrNoChannel", err)
	}
}

func TestProtocolVersionsAndReviews(t *testing.T) {
	db := openLog(t)
	set := clock(db, "2026-06-01T09:00:00Z")
	s, err := db.ProtocolState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.EveryDays != protocol.DefaultEveryDays || s.Versions != 0 || !s.ReviewDue(utc("2026-06-01T09:00:00Z")).IsZero() {
		t.Errorf("fresh state %+v; want the default cadence, no versions, nothing due", s)
	}
	if _, err := db.MarkProtocolReviewed(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("review with no protocol: %v; want ErrNotFound", err)
	}
	policy := oncall.Policy{Protocol: "Call the on-call phone."}
	if _, err := db.SavePolicy(ctx, policy); err != nil {
		t.Fatal(err)
	}
	set("2026-06-02T09:00:00Z")
	if _, err := db.SetMe(ctx, "bo"); err != nil {
		t.Fatal(err)
	}
	// Saving the same text again is no new version; another text is, by me.
	if _, err := db.SavePolicy(ctx, policy); err != nil {
		t.Fatal(err)
	}
	policy.Protocol = "Call the on-call phone.\nThen open #incident."
	if _, err := db.SavePolicy(ctx, policy); err != nil {
		t.Fatal(err)
	}
	vs, err := db.ProtocolVersions(ctx)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions %+v, %v; want 2", vs, err)
	}
	if vs[0].Author != "Bo" || vs[0].Text != policy.Protocol || !vs[0].At.Equal(utc("2026-06-02T09:00:00Z")) ||
		vs[1].Author != "" || !vs[1].At.Equal(utc("2026-06-01T09:00:00Z")) {
		t.Errorf("versions %+v; want Bo's newest first, then the first by nobody", vs)
	}
	s, _ = db.ProtocolState(ctx)
	if due := s.ReviewDue(utc("2026-06-02T09:00:00Z")); !due.Equal(utc("2026-08-30T09:00:00Z")) {
		t.Errorf("due %s; want 90 days after the first version", due)
	}

	set("2026-07-01T12:00:00Z")
	s, err = db.MarkProtocolReviewed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.LastReview.By != "Bo" || !s.LastReview.At.Equal(utc("2026-07-01T12:00:00Z")) || !s.ReviewedSinceChange() ||
		!s.ReviewDue(utc("2026-07-01T12:00:00Z")).Equal(utc("2026-09-29T12:00:00Z")) {
		t.Errorf("after review: %+v, due %s", s.LastReview, s.ReviewDue(utc("2026-07-01T12:00:00Z")))
	}
	// A team file with another protocol is a new version too.
	tm, _ := db.Team(ctx)
	tm.Policy.Protocol = "Page Primary first."
	if _, err := db.ImportTeam(ctx, tm); err != nil {
		t.Fatal(err)
	}
	s, _ = db.ProtocolState(ctx)
	if s.Versions != 3 || s.Current.Text != "Page Primary first." || s.ReviewedSinceChange() {
		t.Errorf("after import: %d versions, current %q, reviewed since change %v", s.Versions, s.Current.Text, s.ReviewedSinceChange())
	}
}

func TestProtocolSettings(t *testing.T) {
	db := openLog(t)
	links := []protocol.Link{{Title: "Runbook", Target: "https://runbooks.example.com/incident"}, {Title: "AWS root", Target: "op://Ops/AWS root"}}
	if _, err := db.SaveProtocolSettings(ctx, protocol.Settings{EveryDays: 30, Links: links}); err != nil {
		t.Fatal(err)
	}
	bad := append(links, protocol.Link{Title: "Grafana", Target: "https://admin:hunter2@grafana.example.com"})
	if _, err := db.SaveProtocolSettings(ctx, protocol.Settings{EveryDays: 7, Links: bad}); !errors.Is(err, protocol.ErrSecret) {
		t.Errorf("a link with a password: %v; want ErrSecret", err)
	}
	s, err := db.ProtocolState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.EveryDays != 30 || len(s.Links) != 2 || s.Links[1] != links[1] {
		t.Errorf("settings %+v; want the first save, unchanged by the refused one", s.Settings)
	}
}

func TestWebhooks(t *testing.T) {
	db := openLog(t)
	slack := alert.Webhook{Name: "ops", Service: alert.Slack, URL: "https://hooks.slack.com/services/T0/B0/secretsecretsecret"}
	matrix := alert.Webhook{Name: "Incident", Service: alert.Matrix, URL: "https://matrix.example.org", Room: "!r:example.org", Token: "syt_secret"}
	for _, h := range []alert.Webhook{slack, matrix} {
		if _, err := db.AddWebhook(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AddWebhook(ctx, alert.Webhook{Name: "OPS", Service: alert.Discord, URL: "https://discord.com/api/webhooks/1/x"}); !errors.Is(err, ErrExists) {
		t.Errorf("a second webhook named OPS: %v; want ErrExists", err)
	}
	_, err := db.AddWebhook(ctx, alert.Webhook{Name: "plain", Service: alert.Slack, URL: "http://hooks.example.com/secretsecretsecret"})
	if !errors.Is(err, alert.ErrBadWebhook) || strings.Contains(err.Error(), "secretsecret") {
		t.Errorf("plain http: %v; want ErrBadWebhook without the secret", err)
	}
	hs, err := db.Webhooks(ctx)
	if err != nil || len(hs) != 2 || hs[0] != matrix || hs[1] != slack {
		t.Fatalf("webhooks %v, %v; want Incident then ops, secrets kept", hs, err)
	}
	if err := db.RemoveWebhook(ctx, "INCIDENT"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveWebhook(ctx, "incident"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it twice: %v; want ErrNotFound", err)
	}
	// The secrets live in the database file: only its owner may read it.
	for _, p := range []string{db.Path(), db.Path() + "-wal"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v; want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// TestUpgradeFromSchema5 builds a database as it was before the emergency
// kit (migrations 1 to 5 as they are, a member and a policy with a
// protocol), opens it, and checks that the members keep their data with no
// channel preference, the protocol becomes the first version, and nothing
// is due before the default cadence has passed.
func TestUpgradeFromSchema5(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > 5 {
			break
		}
		if _, err := old.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	if _, err := old.Exec(`INSERT INTO members(name, zone, phone) VALUES ('Ana', 'Europe/Lisbon', '+351 210 000 001');
		INSERT INTO escalation_policy(id, repeat, protocol) VALUES (1, 1, 'Call Ana.');
		INSERT INTO settings(key, value) VALUES ('me.member_id', '1');
		PRAGMA user_version = 5`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	before := time.Now().UTC().Add(-time.Second)
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open a schema 5 database: %v", err)
	}
	defer db.Close()
	var v int
	db.sql.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v < 6 {
		t.Errorf("user_version %d after opening; want at least 6", v)
	}
	ana, err := db.Member(ctx, "Ana")
	if err != nil || ana.Phone != "+351 210 000 001" || ana.UrgentChannel != "" || ana.Response != "" {
		t.Errorf("Ana after the upgrade: %+v, %v", ana, err)
	}
	s, err := db.ProtocolState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Versions != 1 || s.Current.Text != "Call Ana." || s.Current.Author != "" || s.Since.Before(before.Truncate(time.Second)) {
		t.Errorf("protocol after the upgrade: %+v; want the old text as the first version, as of the upgrade", s)
	}
	if due := s.ReviewDue(time.Now()); !due.After(time.Now().AddDate(0, 0, 89)) {
		t.Errorf("review due %s right after the upgrade; want about 90 days ahead", due)
	}
	ana.UrgentChannel = roster.Phone
	if _, err := db.SaveMember(ctx, ana); err != nil {
		t.Errorf("save a channel after the upgrade: %v", err)
	}
	if _, err := db.AddWebhook(ctx, alert.Webhook{Name: "ops", Service: alert.Slack, URL: "https://hooks.slack.com/services/x"}); err != nil {
		t.Errorf("add a webhook after the upgrade: %v", err)
	}
}
