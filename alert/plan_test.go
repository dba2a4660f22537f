package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", file, got)
	}
}

var configuredHooks = []Webhook{
	{Name: "ops", Service: Slack, URL: "https://hooks.slack.com" + secretPath},
	{Name: "incident-room", Service: Matrix, URL: "https://matrix.example.org", Room: "!incident:example.org", Token: "syt_secret_token_value"},
}

// The dry run of the chain half an hour before and after the European DST
// change of 2026-03-29 (01:00Z): the Primary handoff at 02:00 Oslo falls in
// the gap and comes at 03:00 CEST, so level 1 changes hands; Lisbon, Oslo
// and Athens change offset; Kolkata (+05:30) and Chatham (+13:45) do not.
func TestPlanJSONAcrossDST(t *testing.T) {
	tm := sampleTeam(t)
	for _, tt := range []struct{ at, file, level1, lisbon, kolkataWake string }{
		{"2026-03-29T00:30:00Z", "plan-before-dst.json", "Ελένη Παπαδοπούλου", "2026-03-29T00:30:00+00:00", "asleep"},
		// Truncated to the second.
		{"2026-03-29T01:30:00.750+00:00", "plan-after-dst.json", "Björn Ødegård", "2026-03-29T02:30:00+01:00", "awake"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			p, err := NewPlan(tm, Request{To: To{Kind: ToChain}, Text: "Primary database unreachable; checkout failing.\nJoin the incident room.",
				From: "Ana Lúcia", At: utc(tt.at), Hooks: configuredHooks})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := p.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			golden(t, tt.file, b)
			for _, secret := range []string{"secret", "syt_"} {
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("the plan shows a secret (%s)", secret)
				}
			}
			// Every instant is UTC with Z; local times carry the member's offset.
			var v map[string]any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			if at := v["at"].(string); !strings.HasSuffix(at, "Z") || strings.Contains(at, ".") {
				t.Errorf("at = %s; want UTC RFC 3339 with Z, whole seconds", at)
			}
			if got := path(v, "recipients", 0, "name"); got != tt.level1 {
				t.Errorf("level 1 pages %v; want %s", got, tt.level1)
			}
			if got := path(v, "recipients", 3, "local_time"); got != tt.lisbon {
				t.Errorf("Lisbon local_time = %v; want %s", got, tt.lisbon)
			}
			if got := path(v, "recipients", 1, "wake"); got != tt.kolkataWake {
				t.Errorf("Kolkata wake = %v; want %s", got, tt.kolkataWake)
			}
			for i := range v["recipients"].([]any) {
				lt, _ := time.Parse(time.RFC3339, path(v, "recipients", i, "local_time").(string))
				if !lt.Equal(p.At) {
					t.Errorf("recipients[%d].local_time = %s; want the instant %s", i, lt, p.At)
				}
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	tm := sampleTeam(t)
	at := utc("2026-03-29T00:30:00Z")
	tests := []struct {
		name string
		req  Request
		want error
	}{
		{"empty text", Request{To: To{Kind: ToAll}, Text: " \n", At: at}, ErrEmptyText},
		{"long text", Request{To: To{Kind: ToAll}, Text: strings.Repeat("é", MaxText+1), At: at}, ErrTextTooLong},
		{"bad hook", Request{To: To{Kind: ToAll}, Text: "x", At: at, Hooks: []Webhook{{Name: "a", Service: Slack, URL: "http://example.com/x"}}}, ErrBadWebhook},
		{"hook twice", Request{To: To{Kind: ToAll}, Text: "x", At: at, Hooks: []Webhook{configuredHooks[0], configuredHooks[0]}}, ErrBadWebhook},
		{"nobody", Request{To: To{Kind: ToRotation, Names: []string{"APAC"}}, Text: "x", At: utc("2026-03-29T12:00:00Z")}, ErrNoRecipients},
	}
	for _, tt := range tests {
		if _, err := NewPlan(tm, tt.req); !errors.Is(err, tt.want) {
			t.Errorf("%s: NewPlan error = %v; want %v", tt.name, err, tt.want)
		}
	}
}

func TestPlanWithoutHooksWarns(t *testing.T) {
	p, err := NewPlan(sampleTeam(t), Request{To: To{Kind: ToMembers, Names: []string{"Mere", "Jack"}}, Text: "x", At: utc("2026-03-29T00:30:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.Warnings, "|")
	for _, w := range []string{"Jack has no phone number", "no email address for Mere", "no chat webhook is configured"} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings %q; want one saying %q", p.Warnings, w)
		}
	}
	if len(p.Webhooks) != 0 || p.Webhooks == nil || len(p.Email.To) != 1 || len(p.Phones) != 1 {
		t.Errorf("plan channels: %d webhooks (nil %v), email to %v, phones %v", len(p.Webhooks), p.Webhooks == nil, p.Email.To, p.Phones)
	}
}

// Three webhooks: one takes the message, one refuses it, one is down. The
// record says sent for the first only, and its log text names the failures.
func TestExecuteRecordsOnlyWhatWasSent(t *testing.T) {
	ok := newRecorder(t, nil)
	refused := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "invalid_token")
	})
	down := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	hooks := []Webhook{
		{Name: "ops", Service: Slack, URL: ok.URL + secretPath},
		{Name: "eng", Service: Discord, URL: refused.URL + secretPath},
		{Name: "room", Service: Matrix, URL: down.URL, Room: "!r:example.org", Token: "syt_secret_token_value"},
	}
	p, err := NewPlan(sampleTeam(t), Request{To: To{Kind: ToChain}, Text: "DB down", From: "Ana Lúcia", At: utc("2026-03-29T00:30:00Z"), Hooks: hooks})
	if err != nil {
		t.Fatal(err)
	}
	rec := fast.Execute(context.Background(), p)

	// The server received exactly the payload of the dry run.
	var want map[string]any
	_ = json.Unmarshal(p.Webhooks[0].Payload, &want)
	if b1, _ := json.Marshal(ok.got[0].Body); string(b1) != mustJSON(want) {
		t.Errorf("posted %s; the plan said %s", b1, p.Webhooks[0].Payload)
	}
	if !rec.Sent() || len(rec.Deliveries) != 3 {
		t.Fatalf("record %+v; want 3 deliveries, one sent", rec)
	}
	for i, d := range rec.Deliveries {
		wantSent := i == 0
		if d.Sent != wantSent || (d.Error == "") != wantSent {
			t.Errorf("delivery %s: sent %v, error %q; want sent %v", d.Name, d.Sent, d.Error, wantSent)
		}
	}
	if f := rec.Failed(); len(f) != 2 || f[0].Attempts != 1 || f[1].Attempts != 3 {
		t.Errorf("failed %+v; want eng after 1 attempt (403) and room after 3 (500)", f)
	}
	text := rec.LogText()
	wantText := strings.Join([]string{
		"Emergency alert sent to chain at 2026-03-29 00:30 UTC, raised by Ana Lúcia.",
		"Alert: DB down",
		"Addressed: Ελένη Παπαδοπούλου, Priya, Mere, Ana Lúcia.",
		`Posted to: Slack "ops" (` + hooks[0].Redacted() + `).`,
		`FAILED: Discord "eng" (` + hooks[1].Redacted() + `): Discord webhook "eng" (` + hooks[1].Redacted() + `): not sent after 1 attempt: answered 403 Forbidden "invalid_token": the service refused the message`,
		`FAILED: Matrix "room" (` + hooks[2].Redacted() + `): Matrix webhook "room" (` + hooks[2].Redacted() + `): not sent after 3 attempts: answered 500 Internal Server Error: the service failed`,
		"Left to the user, not sent by the app: email draft to eleni@example.gr, priya@example.in, ana@example.com.",
		"Left to the user, not sent by the app: phone numbers to call: Ελένη Παπαδοπούλου +30 21 0123 4567, Priya +91 98765 43210, Mere +64 3 305 0000, Ana Lúcia +351 912 345 678.",
	}, "\n")
	if text != wantText {
		t.Errorf("LogText =\n%s\nwant\n%s", text, wantText)
	}
	if strings.Contains(text, "secret") || strings.Contains(text, "syt_") {
		t.Errorf("LogText shows a secret")
	}

	// Nothing got through: the log says so first.
	p.posts, p.Webhooks = p.posts[1:], p.Webhooks[1:]
	rec = fast.Execute(context.Background(), p)
	if rec.Sent() || !strings.HasPrefix(rec.LogText(), "Emergency alert NOT sent by the app to chain") {
		t.Errorf("with every webhook failing: sent %v, log %q", rec.Sent(), rec.LogText())
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestPlanKeep(t *testing.T) {
	p, err := NewPlan(sampleTeam(t), Request{To: To{Kind: ToAll}, Text: "x", At: utc("2026-03-29T00:30:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	p.Keep(false, true)
	rec := Sender{}.Execute(context.Background(), p)
	if p.Email.URL != "" || p.Email.To == nil || len(p.Phones) == 0 || strings.Contains(rec.LogText(), "email draft") ||
		!strings.Contains(rec.LogText(), "phone numbers to call") {
		t.Errorf("Keep(false, true): email %+v, %d phones, log:\n%s", p.Email, len(p.Phones), rec.LogText())
	}
	p.Keep(true, false)
	if p.Phones == nil || len(p.Phones) != 0 {
		t.Errorf("Keep(true, false): phones %v; want none, not null", p.Phones)
	}
}
