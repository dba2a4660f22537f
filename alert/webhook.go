package alert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrBadWebhook reports a webhook configuration that cannot be used.
var ErrBadWebhook = errors.New("bad webhook")

// Service is the chat service a webhook posts to; it decides the payload.
type Service string

// Chat services.
const (
	Slack      Service = "slack"      // incoming webhook, Block Kit payload
	Teams      Service = "teams"      // Microsoft Teams Workflows webhook, Adaptive Card payload
	Mattermost Service = "mattermost" // incoming webhook, Markdown text
	Discord    Service = "discord"    // channel webhook, content text
	GoogleChat Service = "googlechat" // space webhook, text message
	Matrix     Service = "matrix"     // client-server API: a message event sent to a room
)

// Services lists the services in the order the documentation names them.
var Services = []Service{Slack, Teams, Mattermost, Discord, GoogleChat, Matrix}

// ParseService reads a service name as configured: "slack", "teams" (or
// "msteams"), "mattermost", "discord", "googlechat" (or "google-chat",
// "gchat"), "matrix"; not case-sensitive.
func ParseService(s string) (Service, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "slack":
		return Slack, nil
	case "teams", "msteams", "microsoft-teams":
		return Teams, nil
	case "mattermost":
		return Mattermost, nil
	case "discord":
		return Discord, nil
	case "googlechat", "google-chat", "gchat":
		return GoogleChat, nil
	case "matrix":
		return Matrix, nil
	}
	return "", fmt.Errorf("service %q: not one of slack, teams, mattermost, discord, googlechat, matrix: %w", s, ErrBadWebhook)
}

func (s Service) known() bool {
	for _, k := range Services {
		if s == k {
			return true
		}
	}
	return false
}

// Title is the service's name as people write it.
func (s Service) Title() string {
	switch s {
	case Slack:
		return "Slack"
	case Teams:
		return "Microsoft Teams"
	case Mattermost:
		return "Mattermost"
	case Discord:
		return "Discord"
	case GoogleChat:
		return "Google Chat"
	case Matrix:
		return "Matrix"
	}
	return string(s)
}

// Webhook is a configured chat destination. Its URL (and a Matrix token) is
// a secret: anyone holding it can post to the channel. Only Redacted shows it,
// and String and GoString print the redacted form so that %v and %#v never
// leak it.
type Webhook struct {
	// Name identifies the webhook in messages and logs ("ops-slack").
	Name    string
	Service Service
	// URL is the incoming-webhook URL; for Matrix, the homeserver's base URL
	// ("https://matrix.example.org").
	URL string
	// Room is the Matrix room ID ("!abcdef:example.org"); Matrix only.
	Room string
	// Token is the access token of the Matrix account that posts; Matrix only.
	Token string
}

// Validate checks the configuration: a name, a known service, an https URL
// with a host (plain http only to the loopback address, for local relays and
// tests), and for Matrix a room ID and a token. Messages name the webhook and
// the redacted URL, never the secret.
func (h Webhook) Validate() error {
	if strings.TrimSpace(h.Name) == "" {
		return fmt.Errorf("webhook name is empty: %w", ErrBadWebhook)
	}
	if !h.Service.known() {
		return fmt.Errorf("webhook %q: service %q: not one of slack, teams, mattermost, discord, googlechat, matrix: %w", h.Name, h.Service, ErrBadWebhook)
	}
	u, err := url.Parse(strings.TrimSpace(h.URL))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("webhook %q: url %s: not an http(s) URL with a host: %w", h.Name, h.Redacted(), ErrBadWebhook)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Errorf("webhook %q: url %s: must use https (plain http is allowed to the loopback address only): %w", h.Name, h.Redacted(), ErrBadWebhook)
	}
	if h.Service == Matrix {
		if !strings.HasPrefix(h.Room, "!") || !strings.Contains(h.Room, ":") {
			return fmt.Errorf("webhook %q: room %q: a Matrix room ID looks like !abcdef:example.org (an alias #room:server must be resolved to its ID first): %w", h.Name, h.Room, ErrBadWebhook)
		}
		if strings.TrimSpace(h.Token) == "" {
			return fmt.Errorf("webhook %q: Matrix access token is empty: %w", h.Name, ErrBadWebhook)
		}
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Redacted returns the webhook URL with its secret part hidden: scheme, host
// and "/…", followed by the URL's last 4 characters when what follows the host
// is at least 16 characters long (so that the 4 characters give away little).
// It tells two webhooks apart in a log without revealing either.
func (h Webhook) Redacted() string { return RedactURL(h.URL) }

// RedactURL is Webhook.Redacted for any URL. A URL that cannot be read
// becomes "…" alone; user information (user:password@) never shows.
func RedactURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "…"
	}
	head := u.Scheme + "://" + u.Host + "/…"
	rest := []rune(u.RequestURI())
	if u.Fragment != "" {
		rest = append(rest, []rune("#"+u.EscapedFragment())...)
	}
	if len(rest) < 16 {
		return head
	}
	return head + string(rest[len(rest)-4:])
}

// String describes the webhook without its secret.
func (h Webhook) String() string {
	return fmt.Sprintf("%s webhook %q (%s)", h.Service.Title(), h.Name, h.Redacted())
}

// GoString is String, so that %#v does not print the secret either.
func (h Webhook) GoString() string { return h.String() }

// Endpoint returns the method and the full URL a message is sent to. For
// Matrix it is PUT {homeserver}/_matrix/client/v3/rooms/{room}/send/m.room.message/{txnID};
// every other service takes a POST to the webhook URL. The URL is a secret.
func (h Webhook) Endpoint(txnID string) (method, target string) {
	if h.Service == Matrix {
		base := strings.TrimRight(strings.TrimSpace(h.URL), "/")
		return http.MethodPut, base + "/_matrix/client/v3/rooms/" + url.PathEscape(h.Room) +
			"/send/m.room.message/" + url.PathEscape(txnID)
	}
	return http.MethodPost, strings.TrimSpace(h.URL)
}

// newRequest builds the HTTP request that carries body.
func (h Webhook) newRequest(ctx context.Context, body []byte, txnID string) (*http.Request, error) {
	method, target := h.Endpoint(txnID)
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("webhook %q: url %s: %w", h.Name, h.Redacted(), ErrBadWebhook)
	}
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	req.Header.Set("User-Agent", "remotecto-alert")
	if h.Service == Matrix {
		req.Header.Set("Authorization", "Bearer "+h.Token)
	}
	return req, nil
}

// scrub removes the webhook's secrets from a text that may quote them.
func (h Webhook) scrub(s string) string {
	for _, secret := range []string{strings.TrimSpace(h.URL), h.Token} {
		if len(secret) >= 8 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	if u, err := url.Parse(strings.TrimSpace(h.URL)); err == nil && len(u.RequestURI()) >= 8 && u.RequestURI() != "/" {
		s = strings.ReplaceAll(s, u.RequestURI(), "/[redacted]")
	}
	return s
}
