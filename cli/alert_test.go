package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/worklog"
)

// runIn is run with standard input and a chosen clock.
func runIn(t *testing.T, stdin string, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(stdin), Now: func() time.Time { return now }})
	return code, out.String(), errOut.String()
}

// emergencyTeam spreads the chain over zones with and without DST, a
// half-hour, a 45-minute and a +13:45 zone. Primary hands off daily at
// 02:00 Europe/Berlin, which does not exist on 2026-03-29 (the clocks go
// from 02:00 CET to 03:00 CEST at 01:00Z): that handoff comes at 03:00 CEST.
const emergencyTeam = `{
  "members": [
    {"name": "Ana", "zone": "Europe/Lisbon", "email": "ana@example.com", "phone": "+351 210 000 001", "chat": "@ana",
     "urgent_channel": "chat", "response": "10 min, day or night",
     "hours": {"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "thu": "09:00-17:00", "fri": "09:00-17:00"}},
    {"name": "Greta", "zone": "Europe/Berlin", "email": "greta@example.com", "phone": "+49 30 0000 0002",
     "hours": {"mon": "08:00-16:00", "tue": "08:00-16:00", "wed": "08:00-16:00", "thu": "08:00-16:00", "fri": "08:00-16:00"}},
    {"name": "Priya", "zone": "Asia/Kolkata", "email": "priya@example.com", "phone": "+91 80 0000 0005",
     "hours": {"mon": "10:00-18:30", "tue": "10:00-18:30", "wed": "10:00-18:30", "thu": "10:00-18:30", "fri": "10:00-18:30", "sun": "06:00-12:00"}},
    {"name": "Sagar", "zone": "Asia/Kathmandu", "email": "sagar@example.com", "urgent_channel": "email",
     "hours": {"sun": "10:00-18:00"}},
    {"name": "Mere", "zone": "Pacific/Chatham", "phone": "+64 3 305 0000",
     "hours": {"mon": "08:00-16:00"}},
    {"name": "Dana", "zone": "America/New_York", "email": "dana@example.com", "phone": "+1 212 555 0100",
     "hours": {"mon": "09:00-17:00"}}
  ],
  "rotations": [
    {"name": "Primary", "members": ["Greta", "Priya", "Sagar"], "shift": "1d", "handoff": "02:00",
     "zone": "Europe/Berlin", "start": "2026-03-23"}
  ],
  "escalation": {"repeat": 0, "levels": [
    {"after_minutes": 0, "targets": ["rotation:Primary"]},
    {"after_minutes": 15, "targets": ["member:Mere", "member:Ana", "member:Priya"]},
    {"after_minutes": 30, "targets": ["member:Dana"]}],
    "protocol": "Page the chain; call if chat is quiet."}
}`

func emergencyDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errOut := run(t, "--db", db, "team", "import", writeFile(t, "team.json", emergencyTeam)); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	return db
}

type planJSON struct {
	At         string `json:"at"`
	Recipients []struct {
		Name      string `json:"name"`
		LocalTime string `json:"local_time"`
		InHours   bool   `json:"in_hours"`
		Wake      string `json:"wake"`
		Urgent    string `json:"urgent_channel"`
		Response  string `json:"response"`
		Level     int    `json:"level"`
	} `json:"recipients"`
	Email struct {
		To  []string `json:"to"`
		URL string   `json:"url"`
	} `json:"email"`
	Phones   []struct{ Name, URL string } `json:"phones"`
	Webhooks []struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"webhooks"`
}

// The dry run of the chain half an hour before and after the DST change:
// level 1 changes hands at 03:00 CEST = 01:00Z, and every local time
// carries its zone's offset, Kolkata +05:30, Kathmandu +05:45, Chatham
// +13:45 (its own DST ends on 5 April).
func TestAlertDryRunJSONAcrossDST(t *testing.T) {
	db := emergencyDB(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		at     string
		level1 string
		locals map[string]string
	}{
		{"2026-03-29T00:30:00Z", "Sagar", map[string]string{
			"Sagar": "2026-03-29T06:15:00+05:45", "Priya": "2026-03-29T06:00:00+05:30", "Ana": "2026-03-29T00:30:00+00:00",
			"Mere": "2026-03-29T14:15:00+13:45", "Dana": "2026-03-28T20:30:00-04:00"}},
		{"2026-03-29T01:30:00Z", "Greta", map[string]string{
			"Greta": "2026-03-29T03:30:00+02:00", "Priya": "2026-03-29T07:00:00+05:30", "Ana": "2026-03-29T02:30:00+01:00",
			"Mere": "2026-03-29T15:15:00+13:45", "Dana": "2026-03-28T21:30:00-04:00"}},
	} {
		code, out, errOut := runIn(t, "", now, "--db", db, "alert", "--to", "chain", "--text", "DB down", "--dry-run", "--json", "--at", tt.at)
		if code != 0 {
			t.Fatalf("dry run at %s: exit %d: %s", tt.at, code, errOut)
		}
		var p planJSON
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("dry run JSON: %v\n%s", err, out)
		}
		if p.At != tt.at || len(p.Recipients) != 5 || p.Recipients[0].Name != tt.level1 || p.Recipients[0].Level != 1 {
			t.Fatalf("at %s: plan at %s, recipients %+v; want level 1 %s and 5 recipients", tt.at, p.At, p.Recipients, tt.level1)
		}
		for _, r := range p.Recipients {
			if want, ok := tt.locals[r.Name]; ok && r.LocalTime != want {
				t.Errorf("at %s: %s local_time %s; want %s", tt.at, r.Name, r.LocalTime, want)
			}
		}
		byName := map[string]int{}
		for i, r := range p.Recipients {
			byName[r.Name] = i
		}
		if i, ok := byName["Ana"]; !ok || p.Recipients[i].Urgent != "chat" || p.Recipients[i].Response != "10 min, day or night" {
			t.Errorf("at %s: Ana's availability %+v; want chat first and her words", tt.at, p.Recipients[i])
		}
		if i, ok := byName["Sagar"]; ok && (p.Recipients[i].Urgent != "email" || p.Recipients[i].InHours || p.Recipients[i].Wake != "asleep") {
			t.Errorf("Sagar %+v; want email first, outside hours, asleep at 06:15", p.Recipients[i])
		}
		if !strings.HasPrefix(p.Email.URL, "mailto:") || len(p.Phones) == 0 {
			t.Errorf("at %s: email %+v, phones %+v", tt.at, p.Email, p.Phones)
		}
	}
	// Nothing was recorded by the dry runs.
	code, out, _ := runIn(t, "", now, "--db", db, "log", "search", "DB")
	if code != 0 || strings.Contains(out, "Emergency alert") {
		t.Errorf("the dry run left something in the log: %s", out)
	}
}

func TestAlertDryRunText(t *testing.T) {
	db := emergencyDB(t)
	code, out, errOut := runIn(t, "Primary DB down\nJoin #incident\n", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC),
		"--db", db, "alert", "--to", "rotation:primary", "--text", "-", "--dry-run", "--via", "phone")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Dry run: nothing is sent or recorded.", "Greta", "Europe/Berlin Sun 03:30", "likely asleep",
		"first by phone +49 30 0000 0002", "answers: 15 min on call", "tel:+493000000002", "Join #incident"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "mailto:") {
		t.Errorf("--via phone still shows the email draft:\n%s", out)
	}
}

// hookServer is a local chat service: it records every request and
// answers with status.
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

func newHookServer(t *testing.T, status int) *hookServer {
	t.Helper()
	h := &hookServer{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.bodies = append(h.bodies, string(b))
		h.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) received() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.bodies...)
}

func addHook(t *testing.T, db, name, service, url string) {
	t.Helper()
	code, out, errOut := runIn(t, url+"\n", time.Now(), "--db", db, "alert", "webhook", "add", name, "--service", service, "--url-stdin")
	if code != 0 {
		t.Fatalf("webhook add %s: exit %d: %s", name, code, errOut)
	}
	if strings.Contains(out, "s3cr3t") {
		t.Errorf("webhook add prints the secret: %s", out)
	}
}

func blockers(t *testing.T, db string) []worklog.Update {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	us, err := s.Updates(context.Background(), worklog.UpdateFilter{Kind: worklog.KindBlocker})
	if err != nil {
		t.Fatal(err)
	}
	return us
}

func TestAlertRealRun(t *testing.T) {
	db := emergencyDB(t)
	ok := newHookServer(t, http.StatusOK)
	refused := newHookServer(t, http.StatusForbidden)
	addHook(t, db, "ops", "slack", ok.URL+"/services/T0/B0/s3cr3t-s3cr3t-s3cr3t")
	addHook(t, db, "eng", "discord", refused.URL+"/api/webhooks/1/s3cr3t-s3cr3t-s3cr3t")
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)

	// Both webhooks: one posts, one is refused; exit 1, and the log says so.
	code, out, errOut := runIn(t, "", now, "--db", db, "alert", "--to", "chain", "--text", "Checkout failing", "--from", "ana")
	if code != 1 {
		t.Fatalf("exit %d; want 1 (a webhook failed): %s %s", code, out, errOut)
	}
	if got := ok.received(); len(got) != 1 || !strings.Contains(got[0], "Checkout failing") || !strings.Contains(got[0], "Greta, level 1, Sun 03:30 in Europe/Berlin") {
		t.Errorf("the Slack server received %q; want one post naming the alert and who is paged", got)
	}
	if len(refused.received()) != 1 {
		t.Errorf("the refused webhook was tried %d times; want 1 (a 403 is not retried)", len(refused.received()))
	}
	for _, want := range []string{`posted   Slack "ops"`, `FAILED   Discord "eng"`, "mailto:greta@example.com,ana@example.com,priya@example.com,dana@example.com", "tel:+6433050000", "Recorded in the log as blocker update"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "s3cr3t") {
		t.Errorf("the output shows a webhook secret:\n%s\n%s", out, errOut)
	}
	us := blockers(t, db)
	if len(us) != 1 {
		t.Fatalf("%d blocker updates; want 1", len(us))
	}
	u := us[0]
	for _, want := range []string{"Emergency alert sent to chain at 2026-03-29 01:30 UTC, raised by Ana.", "Alert: Checkout failing",
		"Addressed: Greta, Mere, Ana, Priya, Dana.", `Posted to: Slack "ops"`, `FAILED: Discord "eng"`,
		"Left to the user, not sent by the app: email draft to greta@example.com", "phone numbers to call: Greta +49 30 0000 0002"} {
		if !strings.Contains(u.Text, want) {
			t.Errorf("log text lacks %q:\n%s", want, u.Text)
		}
	}
	if u.Author != "Ana" || !u.At.Equal(now) || len(u.Tags) != 1 || u.Tags[0] != "alert" || strings.Contains(u.Text, "s3cr3t") {
		t.Errorf("update by %s at %s tagged %v; want Ana at %s tagged alert, no secret", u.Author, u.At, u.Tags, now)
	}

	// Only the refused webhook: nothing went out, and the log does not say sent.
	code, _, _ = runIn(t, "", now.Add(time.Minute), "--db", db, "alert", "--to", "Dana", "--text", "Still failing", "--from", "Ana", "--via", "webhook:eng")
	if code != 1 {
		t.Errorf("exit %d with the only webhook failing; want 1", code)
	}
	us = blockers(t, db)
	if len(us) != 2 || !strings.HasPrefix(us[0].Text, "Emergency alert NOT sent by the app to Dana") || strings.Contains(us[0].Text, "Posted to") ||
		strings.Contains(us[0].Text, "email draft") {
		t.Errorf("log of the failed alert:\n%s\nwant NOT sent, no post, no email draft (not chosen)", us[0].Text)
	}

	// Only the working webhook, as JSON: exit 0.
	code, out, errOut = runIn(t, "", now.Add(2*time.Minute), "--db", db, "alert", "--to", "all", "--text", "Resolved", "--from", "Ana",
		"--via", "webhook:OPS", "--json")
	var rec struct {
		Deliveries []struct {
			Name string `json:"name"`
			Sent bool   `json:"sent"`
		} `json:"deliveries"`
		LogID int64 `json:"log_update_id"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rec) != nil || len(rec.Deliveries) != 1 || !rec.Deliveries[0].Sent || rec.LogID == 0 {
		t.Errorf("alert --json: exit %d, %s %s", code, out, errOut)
	}
}

func TestAlertRefusals(t *testing.T) {
	db := emergencyDB(t)
	srv := newHookServer(t, http.StatusOK)
	addHook(t, db, "ops", "mattermost", srv.URL+"/hooks/s3cr3t-s3cr3t-s3cr3t")
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nobody raises it", []string{"--to", "chain", "--text", "x"}, 2, "who raises the alert"},
		{"at on a real run", []string{"--to", "chain", "--text", "x", "--from", "Ana", "--at", "2026-03-01"}, 2, "--at is for --dry-run only"},
		{"no text", []string{"--to", "chain", "--from", "Ana"}, 2, "--text TEXT is required"},
		{"bad selector", []string{"--to", "rotation:", "--text", "x", "--from", "Ana"}, 2, "rotation name is empty"},
		{"unknown member", []string{"--to", "Zed", "--text", "x", "--from", "Ana"}, 1, `"Zed": unknown member`},
		{"unknown webhook", []string{"--to", "chain", "--text", "x", "--from", "Ana", "--via", "webhook:irc"}, 2, "no webhook of that name"},
		{"unknown channel", []string{"--to", "chain", "--text", "x", "--from", "Ana", "--via", "pager"}, 2, "channels are email"},
		{"unknown raiser", []string{"--to", "chain", "--text", "x", "--from", "Zed"}, 1, "unknown member"},
		{"escape in text", []string{"--to", "chain", "--text", "x\x1b[2J", "--from", "Ana"}, 2, "control characters"},
	} {
		code, _, errOut := runIn(t, "", now, append([]string{"--db", db, "alert"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, errOut, tt.code, tt.want)
		}
	}
	if n := len(srv.received()); n != 0 {
		t.Errorf("refused alerts posted %d messages", n)
	}
	if us := blockers(t, db); len(us) != 0 {
		t.Errorf("refused alerts left %d log entries", len(us))
	}
}

func TestAlertWebhookCommands(t *testing.T) {
	db := emergencyDB(t)
	now := time.Now()
	const secret = "https://hooks.slack.com/services/T0000/B0000/s3cr3tXXXXXXXXXXXXXXX1234"
	addHook(t, db, "ops", "slack", secret)
	code, _, errOut := runIn(t, "https://matrix.example.org\nsyt_s3cr3t_token\n", now, "--db", db, "alert", "webhook", "add", "room",
		"--service", "matrix", "--room", "!incident:example.org", "--url-stdin")
	if code != 0 {
		t.Fatalf("add matrix: %s", errOut)
	}
	code, _, errOut = runIn(t, "https://matrix.example.org\n", now, "--db", db, "alert", "webhook", "add", "room2",
		"--service", "matrix", "--room", "!incident:example.org", "--url-stdin")
	if code != 2 || !strings.Contains(errOut, "two lines") {
		t.Errorf("matrix without a token: exit %d, %s", code, errOut)
	}
	code, _, errOut = runIn(t, "", now, "--db", db, "alert", "webhook", "add", "x", "--service", "slack")
	if code != 2 || !strings.Contains(errOut, "--url-stdin is required") {
		t.Errorf("add without --url-stdin: exit %d, %s", code, errOut)
	}
	code, _, errOut = runIn(t, secret+"\n", now, "--db", db, "alert", "webhook", "add", "OPS", "--service", "slack", "--url-stdin")
	if code != 1 || !strings.Contains(errOut, "already exists") || strings.Contains(errOut, "s3cr3t") {
		t.Errorf("add a second ops: exit %d, %s", code, errOut)
	}
	code, out, _ := runIn(t, "", now, "--db", db, "alert", "webhook", "list")
	if code != 0 || !strings.Contains(out, "ops") || !strings.Contains(out, "https://hooks.slack.com/…1234") ||
		!strings.Contains(out, "!incident:example.org") || strings.Contains(out, "s3cr3t") {
		t.Errorf("list: exit %d:\n%s", code, out)
	}
	code, out, _ = runIn(t, "", now, "--db", db, "alert", "webhook", "list", "--json")
	if code != 0 || !strings.Contains(out, `"url": "https://hooks.slack.com/…1234"`) || strings.Contains(out, "s3cr3t") {
		t.Errorf("list --json: exit %d:\n%s", code, out)
	}
	if code, _, errOut := runIn(t, "", now, "--db", db, "alert", "webhook", "remove", "OPS"); code != 0 {
		t.Errorf("remove: %s", errOut)
	}
	if code, _, errOut := runIn(t, "", now, "--db", db, "alert", "webhook", "remove", "ops"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("remove twice: exit %d, %s", code, errOut)
	}
	srv := newHookServer(t, http.StatusNoContent)
	addHook(t, db, "discord", "discord", srv.URL+"/api/webhooks/1/s3cr3t")
	if code, out, errOut := runIn(t, "", now, "--db", db, "alert", "webhook", "test", "DISCORD"); code != 0 || !strings.Contains(out, "posted a test message") {
		t.Errorf("test: exit %d, %s %s", code, out, errOut)
	}
	if got := srv.received(); len(got) != 1 || !strings.Contains(got[0], "Test message from remotecto") {
		t.Errorf("test posted %q", got)
	}
}
