package alert

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// received is one request as a test server saw it.
type received struct {
	Method, Path, RawPath, Auth, ContentType string
	Body                                     map[string]any
}

// recorder is a local HTTP server that decodes every JSON body it receives
// and answers with the status its answer function picks (200 by default).
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	got    []received
	hits   atomic.Int32
	answer func(n int, w http.ResponseWriter, r *http.Request)
}

func newRecorder(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) *recorder {
	t.Helper()
	rec := &recorder{answer: answer}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(rec.hits.Add(1))
		b, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(b, &body); err != nil {
			t.Errorf("request %d: body is not a JSON object: %v: %s", n, err, b)
		}
		rec.mu.Lock()
		rec.got = append(rec.got, received{r.Method, r.URL.Path, r.URL.EscapedPath(), r.Header.Get("Authorization"), r.Header.Get("Content-Type"), body})
		rec.mu.Unlock()
		if rec.answer != nil {
			rec.answer(n, w, r)
		}
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) hook(service Service) Webhook {
	h := Webhook{Name: "test-" + string(service), Service: service, URL: rec.URL + secretPath}
	if service == Matrix {
		h.URL, h.Room, h.Token = rec.URL, "!incident:example.org", "syt_secret_token_value"
	}
	return h
}

// fast retries at once and gives up on a silent server after 50 ms.
var fast = Sender{Timeout: 50 * time.Millisecond, Backoff: func(int) time.Duration { return 0 }}

// path walks a decoded JSON value: keys for objects, indexes for arrays.
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

var testMessage = Message{
	ID:      "alert-0123",
	Subject: "Emergency: DB <down> & out",
	Body:    "Primary DB is down. @everyone\n\nAlerted (escalation chain):\n- Zoë (@zoe), level 1",
}

func TestPayloadPerService(t *testing.T) {
	tests := []struct {
		service Service
		method  string
		check   func(t *testing.T, got received)
	}{
		{Slack, "POST", func(t *testing.T, got received) {
			b := got.Body
			if path(b, "blocks", 0, "type") != "header" || path(b, "blocks", 0, "text", "type") != "plain_text" ||
				path(b, "blocks", 0, "text", "text") != testMessage.Subject {
				t.Errorf("header block = %v", path(b, "blocks", 0))
			}
			if path(b, "blocks", 1, "type") != "section" || path(b, "blocks", 1, "text", "type") != "mrkdwn" ||
				path(b, "blocks", 1, "text", "text") != testMessage.Body {
				t.Errorf("section block = %v", path(b, "blocks", 1))
			}
			if want := "Emergency: DB &lt;down&gt; &amp; out\n" + testMessage.Body; path(b, "text") != want {
				t.Errorf("text = %q; want %q", path(b, "text"), want)
			}
		}},
		{Teams, "POST", func(t *testing.T, got received) {
			b := got.Body
			card := path(b, "attachments", 0, "content")
			if path(b, "type") != "message" || path(b, "attachments", 0, "contentType") != "application/vnd.microsoft.card.adaptive" ||
				path(card, "type") != "AdaptiveCard" || path(card, "version") != "1.4" ||
				path(card, "$schema") != "http://adaptivecards.io/schemas/adaptive-card.json" {
				t.Errorf("not an Adaptive Card message: %v", b)
			}
			var texts []string
			for i := 0; path(card, "body", i) != nil; i++ {
				if path(card, "body", i, "type") != "TextBlock" || path(card, "body", i, "wrap") != true {
					t.Errorf("body[%d] = %v; want a wrapping TextBlock", i, path(card, "body", i))
				}
				texts = append(texts, path(card, "body", i, "text").(string))
			}
			want := []string{testMessage.Subject, "Primary DB is down. @everyone", "Alerted (escalation chain):", "- Zoë (@zoe), level 1"}
			if strings.Join(texts, "|") != strings.Join(want, "|") {
				t.Errorf("text blocks = %q; want %q", texts, want)
			}
			if path(card, "body", 0, "weight") != "Bolder" {
				t.Errorf("subject block = %v; want bold", path(card, "body", 0))
			}
		}},
		{Mattermost, "POST", func(t *testing.T, got received) {
			if want := "#### " + testMessage.Subject + "\n\n" + testMessage.Body; path(got.Body, "text") != want {
				t.Errorf("text = %q; want %q", path(got.Body, "text"), want)
			}
		}},
		{Discord, "POST", func(t *testing.T, got received) {
			if want := "**" + testMessage.Subject + "**\n" + testMessage.Body; path(got.Body, "content") != want {
				t.Errorf("content = %q; want %q", path(got.Body, "content"), want)
			}
			if p, ok := path(got.Body, "allowed_mentions", "parse").([]any); !ok || len(p) != 0 {
				t.Errorf("allowed_mentions = %v; want parse: [] so that @everyone pings nobody", path(got.Body, "allowed_mentions"))
			}
		}},
		{GoogleChat, "POST", func(t *testing.T, got received) {
			if want := "*" + testMessage.Subject + "*\n" + testMessage.Body; path(got.Body, "text") != want {
				t.Errorf("text = %q; want %q", path(got.Body, "text"), want)
			}
		}},
		{Matrix, "PUT", func(t *testing.T, got received) {
			if want := "/_matrix/client/v3/rooms/%21incident:example.org/send/m.room.message/alert-0123"; got.RawPath != want {
				t.Errorf("path = %s; want %s", got.RawPath, want)
			}
			if got.Auth != "Bearer syt_secret_token_value" {
				t.Errorf("Authorization = %q", got.Auth)
			}
			b := got.Body
			if path(b, "msgtype") != "m.text" || path(b, "format") != "org.matrix.custom.html" ||
				path(b, "body") != testMessage.Subject+"\n\n"+testMessage.Body {
				t.Errorf("event = %v", b)
			}
			want := "<h4>Emergency: DB &lt;down&gt; &amp; out</h4><p>Primary DB is down. @everyone</p>\n" +
				"<p>Alerted (escalation chain):<br>- Zoë (@zoe), level 1</p>"
			if path(b, "formatted_body") != want {
				t.Errorf("formatted_body = %q; want %q", path(b, "formatted_body"), want)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.service), func(t *testing.T) {
			srv := newRecorder(t, nil)
			if err := fast.Send(context.Background(), srv.hook(tt.service), testMessage); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if len(srv.got) != 1 {
				t.Fatalf("server got %d requests; want 1", len(srv.got))
			}
			got := srv.got[0]
			if got.Method != tt.method || got.ContentType != "application/json; charset=UTF-8" {
				t.Errorf("%s with Content-Type %q; want %s of JSON", got.Method, got.ContentType, tt.method)
			}
			if tt.service != Matrix && (got.Path != secretPath || got.Auth != "") {
				t.Errorf("posted to %s with Authorization %q; want the webhook URL and no token", got.Path, got.Auth)
			}
			tt.check(t, got)
		})
	}
}

func TestPayloadLimits(t *testing.T) {
	long := Message{Subject: strings.Repeat("S", 300), Body: strings.Repeat("<&>", 2000)}
	b, err := Payload(Slack, long)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	header, section := path(v, "blocks", 0, "text", "text").(string), path(v, "blocks", 1, "text", "text").(string)
	if n := len([]rune(header)); n != slackHeaderMax || !strings.HasSuffix(header, "…") {
		t.Errorf("header of %d characters; want %d ending in …", n, slackHeaderMax)
	}
	if n := len([]rune(section)); n > slackSectionMax || !strings.HasSuffix(section, "…") || strings.Contains(section, "&…") || strings.Contains(section, "&a…") {
		t.Errorf("section of %d characters ends %q; want at most %d, cut between escapes", n, section[len(section)-12:], slackSectionMax)
	}
	b, _ = Payload(Discord, long)
	_ = json.Unmarshal(b, &v)
	if n := len([]rune(path(v, "content").(string))); n != discordMax {
		t.Errorf("Discord content of %d characters; want %d", n, discordMax)
	}
}

func TestSendTimeout(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		select { // longer than the sender waits
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	start := time.Now()
	err := fast.Send(context.Background(), srv.hook(Slack), testMessage)
	if took := time.Since(start); took > time.Second {
		t.Errorf("Send took %s; want 3 attempts of 50 ms", took)
	}
	var se *SendError
	if !errors.Is(err, ErrTimeout) || !errors.As(err, &se) || se.Attempts != 3 || se.Status != 0 {
		t.Fatalf("Send to a silent server = %v; want a SendError of ErrTimeout after 3 attempts", err)
	}
	if got := int(srv.hits.Load()); got != 3 {
		t.Errorf("server got %d requests; want 3", got)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error shows the secret URL: %v", err)
	}
}

func TestSendRetriesServerErrorThenSucceeds(t *testing.T) {
	var waits []int
	s := fast
	s.Backoff = func(retry int) time.Duration { waits = append(waits, retry); return time.Millisecond }
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			http.Error(w, "upstream hiccup", http.StatusInternalServerError)
		}
	})
	if err := s.Send(context.Background(), srv.hook(Discord), testMessage); err != nil {
		t.Fatalf("Send after one 500 = %v; want nil", err)
	}
	if got := int(srv.hits.Load()); got != 2 || len(waits) != 1 || waits[0] != 1 {
		t.Errorf("server got %d requests, backoff asked for %v; want 2 requests and one wait", got, waits)
	}
	// Matrix retries under the same transaction ID, so the homeserver posts once.
	srv = newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			w.WriteHeader(http.StatusBadGateway)
		}
	})
	if err := s.Send(context.Background(), srv.hook(Matrix), testMessage); err != nil {
		t.Fatal(err)
	}
	if len(srv.got) != 2 || srv.got[0].RawPath != srv.got[1].RawPath {
		t.Errorf("Matrix retry paths %v; want the same transaction twice", srv.got)
	}
}

func TestSendGivesUpAfterServerErrors(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	err := fast.Send(context.Background(), srv.hook(GoogleChat), testMessage)
	var se *SendError
	if !errors.Is(err, ErrServer) || !errors.As(err, &se) || se.Status != 503 || se.Attempts != 3 || srv.hits.Load() != 3 {
		t.Fatalf("Send to a failing server = %v (%d requests); want ErrServer, status 503, 3 attempts", err, srv.hits.Load())
	}
}

func TestSendClientErrorIsNotRetried(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "no_service\n")
	})
	hook := srv.hook(Slack)
	err := fast.Send(context.Background(), hook, testMessage)
	var se *SendError
	if !errors.Is(err, ErrRejected) || !errors.As(err, &se) || se.Status != 404 || se.Attempts != 1 || srv.hits.Load() != 1 {
		t.Fatalf("Send answered 404 = %v (%d requests); want ErrRejected, status 404, 1 attempt", err, srv.hits.Load())
	}
	want := `Slack webhook "test-slack" (` + hook.Redacted() + `): not sent after 1 attempt: answered 404 Not Found "no_service": the service refused the message`
	if err.Error() != want {
		t.Errorf("error =\n%s\nwant\n%s", err, want)
	}
	if !strings.HasSuffix(hook.Redacted(), "/…1234") || strings.Contains(err.Error(), "secret") {
		t.Errorf("redacted URL %s; error must not show the secret", hook.Redacted())
	}
}

func TestSendDoesNotFollowRedirects(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			http.Redirect(w, r, "/moved", http.StatusFound)
		}
	})
	err := fast.Send(context.Background(), srv.hook(Mattermost), testMessage)
	if !errors.Is(err, ErrRedirected) || srv.hits.Load() != 1 {
		t.Fatalf("Send to a redirecting webhook = %v (%d requests); want ErrRedirected and no GET", err, srv.hits.Load())
	}
}

func TestSendTeamsDeliveryFailedIn200(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429")
	})
	if err := fast.Send(context.Background(), srv.hook(Teams), testMessage); !errors.Is(err, ErrServer) {
		t.Fatalf("Send with a failed delivery in a 200 = %v; want ErrServer", err)
	}
}

func TestSendNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	hook := Webhook{Name: "gone", Service: Slack, URL: srv.URL + secretPath}
	srv.Close() // nothing listens any more
	err := fast.Send(context.Background(), hook, testMessage)
	var se *SendError
	if !errors.Is(err, ErrNetwork) || !errors.As(err, &se) || se.Attempts != 3 {
		t.Fatalf("Send to a closed port = %v; want ErrNetwork after 3 attempts", err)
	}
	if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "services/") {
		t.Errorf("error shows the URL: %v", err)
	}
}

func TestSendCancelled(t *testing.T) {
	srv := newRecorder(t, func(n int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
	ctx, cancel := context.WithCancel(context.Background())
	s := fast
	s.Backoff = func(int) time.Duration { cancel(); return time.Minute }
	err := s.Send(ctx, srv.hook(Slack), testMessage)
	if !errors.Is(err, context.Canceled) || srv.hits.Load() != 1 {
		t.Fatalf("Send cancelled during backoff = %v (%d requests); want context.Canceled after 1", err, srv.hits.Load())
	}
}

func TestSendRefusesBadWebhook(t *testing.T) {
	err := Send(context.Background(), nil, Webhook{Name: "x", Service: Slack, URL: "http://hooks.slack.com/x"}, testMessage)
	if !errors.Is(err, ErrBadWebhook) {
		t.Fatalf("Send(plain http) = %v; want ErrBadWebhook", err)
	}
}
