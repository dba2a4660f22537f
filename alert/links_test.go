package alert

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestMailtoURL(t *testing.T) {
	got := MailtoURL([]string{"ana@example.com", " ", "bjorn+oncall@example.no"},
		"Emergency: DB down & 50% errors?", "Zoë, please look.\nRunbook: https://x.example/a?b=c#d\r\nThanks")
	want := "mailto:ana@example.com,bjorn%2Boncall@example.no" +
		"?subject=Emergency%3A%20DB%20down%20%26%2050%25%20errors%3F" +
		"&body=Zo%C3%AB%2C%20please%20look.%0D%0ARunbook%3A%20https%3A%2F%2Fx.example%2Fa%3Fb%3Dc%23d%0D%0AThanks"
	if got != want {
		t.Fatalf("MailtoURL =\n%s\nwant\n%s", got, want)
	}
	// A standard URL parser reads the parts back unchanged.
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "mailto" || u.Opaque != "ana@example.com,bjorn%2Boncall@example.no" ||
		q.Get("subject") != "Emergency: DB down & 50% errors?" ||
		q.Get("body") != "Zoë, please look.\r\nRunbook: https://x.example/a?b=c#d\r\nThanks" {
		t.Errorf("parsed back: opaque %q, subject %q, body %q", u.Opaque, q.Get("subject"), q.Get("body"))
	}
	if got := MailtoURL([]string{"a@b.example"}, "", ""); got != "mailto:a@b.example" {
		t.Errorf("MailtoURL without subject and body = %q", got)
	}
}

func TestTelURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+351 912 345 678", "tel:+351912345678"},
		{"0047 22 12 34 56", "tel:+4722123456"},
		{"+7 (495) 123-45-67", "tel:+74951234567"},
		{"+44 (0)20 7946 0000", "tel:+442079460000"},
		{"+1 (212) 555-0100 x42", "tel:+12125550100;ext=42"},
		{"+1.212.555.0100 ext. 7", "tel:+12125550100;ext=7"},
		{"030 / 123 456", "tel:030123456"},
		{"112", "tel:112"},
	}
	for _, tt := range tests {
		if got, err := TelURL(tt.in); err != nil || got != tt.want {
			t.Errorf("TelURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := TelURL("  "); !errors.Is(err, ErrNoPhone) {
		t.Errorf("TelURL(blank) error = %v; want ErrNoPhone", err)
	}
	for _, bad := range []string{"1-800-FLOWERS", "+1 +2", "12", "+1234567890123456", "call me"} {
		if got, err := TelURL(bad); !errors.Is(err, ErrBadPhone) {
			t.Errorf("TelURL(%q) = %q, %v; want ErrBadPhone", bad, got, err)
		}
	}
}

const secretPath = "/services/T0001/B0002/XyZsecretTOKENabcd1234"

func TestRedacted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://hooks.slack.com" + secretPath, "https://hooks.slack.com/…1234"},
		{"https://user:pw@chat.example.com/hooks/abcdefghijklmnop", "https://chat.example.com/…mnop"},
		{"https://chat.googleapis.com/v1/spaces/AAA/messages?key=K&token=T0k3n", "https://chat.googleapis.com/…0k3n"},
		{"https://chat.example.com/hooks/ab12", "https://chat.example.com/…"}, // too short to show any of it
		{"https://matrix.example.org", "https://matrix.example.org/…"},
		{"not a url", "…"},
		{"", "…"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestWebhookNeverPrintsItsSecret(t *testing.T) {
	h := Webhook{Name: "ops", Service: Matrix, URL: "https://matrix.example.org", Room: "!room:example.org", Token: "syt_secret_token_value"}
	s := Webhook{Name: "ops", Service: Slack, URL: "https://hooks.slack.com" + secretPath}
	for _, out := range []string{fmt.Sprint(h, s), fmt.Sprintf("%v %+v %#v %s", h, h, s, s), fmt.Sprintf("%+v", []Webhook{s})} {
		if strings.Contains(out, "secret") {
			t.Errorf("formatted webhook shows its secret: %s", out)
		}
	}
	bad := Webhook{Name: "ops", Service: Slack, URL: "http://hooks.slack.com" + secretPath}
	if err := bad.Validate(); !errors.Is(err, ErrBadWebhook) || strings.Contains(err.Error(), "secret") {
		t.Errorf("Validate(plain http to a remote host) = %v; want ErrBadWebhook without the secret", err)
	}
}

func TestWebhookValidate(t *testing.T) {
	good := []Webhook{
		{Name: "a", Service: Slack, URL: "https://hooks.slack.com/services/x"},
		{Name: "b", Service: Discord, URL: "http://127.0.0.1:8080/hook"},
		{Name: "c", Service: Matrix, URL: "https://matrix.example.org/", Room: "!abc:example.org", Token: "t"},
	}
	for _, h := range good {
		if err := h.Validate(); err != nil {
			t.Errorf("Validate(%v) = %v", h, err)
		}
	}
	bad := []Webhook{
		{Service: Slack, URL: "https://hooks.slack.com/services/x"},
		{Name: "a", Service: "irc", URL: "https://irc.example.org/x"},
		{Name: "a", Service: Slack, URL: "ftp://hooks.slack.com/x"},
		{Name: "a", Service: Slack, URL: "hooks.slack.com/services/x"},
		{Name: "a", Service: Matrix, URL: "https://matrix.example.org", Room: "#ops:example.org", Token: "t"},
		{Name: "a", Service: Matrix, URL: "https://matrix.example.org", Room: "!abc:example.org"},
	}
	for _, h := range bad {
		if err := h.Validate(); !errors.Is(err, ErrBadWebhook) {
			t.Errorf("Validate(%v) = %v; want ErrBadWebhook", h, err)
		}
	}
	for _, in := range []string{"Slack", "msteams", "google-chat", "MATRIX"} {
		if _, err := ParseService(in); err != nil {
			t.Errorf("ParseService(%q) = %v", in, err)
		}
	}
	if _, err := ParseService("irc"); !errors.Is(err, ErrBadWebhook) {
		t.Errorf("ParseService(irc) = %v; want ErrBadWebhook", err)
	}
}
