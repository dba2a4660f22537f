package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"dev.remotecto/remotecto/team"
)

// Sentinel errors of alert requests.
var (
	ErrEmptyText   = errors.New("alert text is empty")
	ErrTextTooLong = errors.New("alert text is longer than 1000 characters")
)

// MaxText is the longest alert text accepted, in characters: short enough
// for every service's limit with the list of recipients added.
const MaxText = 1000

// Request is an alert as the caller asks for it.
type Request struct {
	To   To
	Text string
	// From names who raises the alert; it may be empty.
	From string
	// At is the instant the recipients are worked out for (now); it is
	// truncated to the second.
	At time.Time
	// Hooks are the chat webhooks the alert is posted to.
	Hooks []Webhook
}

// Plan is an alert worked out but not sent: who it reaches, through what,
// and the exact payloads. Encoded as JSON (the dry run's output) its field
// names are stable, every instant is UTC RFC 3339 with "Z", and lists are
// [] rather than null; a recipient's local_time is the same instant written
// with the member's UTC offset. No secret appears: webhook URLs are redacted
// and the Matrix token is never included.
type Plan struct {
	At         time.Time     `json:"at"`
	To         string        `json:"to"`
	From       string        `json:"from"`
	Text       string        `json:"text"`
	Message    Message       `json:"message"`
	Recipients []Recipient   `json:"recipients"`
	Unresolved []string      `json:"unresolved"`
	Email      EmailDraft    `json:"email"`
	Phones     []PhoneLink   `json:"phones"`
	Webhooks   []WebhookPost `json:"webhooks"`
	// Warnings say what may keep the alert from reaching people: targets
	// that page nobody, recipients on time off or without contacts.
	Warnings []string `json:"warnings"`

	// posts are the webhooks, secrets included, with the exact bodies of
	// Webhooks; Execute sends these, so what runs is what the dry run showed.
	posts []post
}

type post struct {
	hook Webhook
	body []byte
}

// WriteJSON writes the plan as indented JSON, with <, > and & left as they
// are (the payloads are easier to read), ending with a newline.
func (p Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// Keep leaves the email draft out of the plan unless email is true, and the
// phone links unless phones is true, for an alert that is not to go through
// those channels: Execute's record then does not list them as left to the
// user. Webhooks are chosen with Request.Hooks.
func (p *Plan) Keep(email, phones bool) {
	if !email {
		p.Email = EmailDraft{To: []string{}, Missing: []string{}}
	}
	if !phones {
		p.Phones = []PhoneLink{}
	}
}

// EmailDraft is the email the user can send from their own mail client.
type EmailDraft struct {
	To []string `json:"to"`
	// Missing names the recipients without an email address.
	Missing []string `json:"missing"`
	// URL is the mailto: URL of the draft; empty when nobody has an address.
	URL string `json:"url"`
}

// PhoneLink is a recipient's phone number and its tel: link.
type PhoneLink struct {
	Name   string `json:"name"`
	Number string `json:"number"`
	URL    string `json:"url"`
}

// WebhookPost is one chat message the alert posts.
type WebhookPost struct {
	Name    string          `json:"name"`
	Service Service         `json:"service"`
	Method  string          `json:"method"`
	URL     string          `json:"url"` // redacted
	Payload json.RawMessage `json:"payload"`
}

// NewPlan checks the request, resolves its recipients in team t at req.At,
// and lays out every channel. It fails on an empty or too long text, a bad
// webhook, or a selector that reaches nobody.
func NewPlan(t team.Team, req Request) (Plan, error) {
	text := strings.TrimSpace(req.Text)
	if text == "" {
		return Plan{}, ErrEmptyText
	}
	if n := len([]rune(text)); n > MaxText {
		return Plan{}, fmt.Errorf("alert text of %d characters: %w", n, ErrTextTooLong)
	}
	names := map[string]bool{}
	for _, h := range req.Hooks {
		if err := h.Validate(); err != nil {
			return Plan{}, err
		}
		if key := strings.ToLower(strings.TrimSpace(h.Name)); names[key] {
			return Plan{}, fmt.Errorf("webhook %q is configured twice: %w", h.Name, ErrBadWebhook)
		} else {
			names[key] = true
		}
	}
	req.Text, req.From = text, strings.TrimSpace(req.From)
	req.At = req.At.UTC().Truncate(time.Second)
	aud, err := Resolve(t, req.To, req.At)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{
		At: req.At, To: req.To.String(), From: req.From, Text: text,
		Message:    NewMessage(req, aud),
		Recipients: aud.Recipients,
		Unresolved: append([]string{}, aud.Unresolved...),
		Email:      EmailDraft{To: []string{}, Missing: []string{}},
		Phones:     []PhoneLink{},
		Webhooks:   []WebhookPost{},
		Warnings:   []string{},
	}
	for _, u := range aud.Unresolved {
		p.Warnings = append(p.Warnings, u+" pages nobody now")
	}
	for _, r := range aud.Recipients {
		if r.Away {
			p.Warnings = append(p.Warnings, r.Name+" is on time off")
		}
		if r.Email == "" {
			p.Email.Missing = append(p.Email.Missing, r.Name)
		} else {
			p.Email.To = append(p.Email.To, r.Email)
		}
		if r.Phone == "" {
			p.Warnings = append(p.Warnings, r.Name+" has no phone number")
			continue
		}
		tel, err := TelURL(r.Phone)
		if err != nil {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s: %v", r.Name, err))
			continue
		}
		p.Phones = append(p.Phones, PhoneLink{Name: r.Name, Number: r.Phone, URL: tel})
	}
	if len(p.Email.Missing) > 0 {
		p.Warnings = append(p.Warnings, "no email address for "+strings.Join(p.Email.Missing, ", "))
	}
	if len(p.Email.To) > 0 {
		p.Email.URL = MailtoURL(p.Email.To, p.Message.Subject, p.Message.Body)
	}
	for _, h := range req.Hooks {
		body, err := Payload(h.Service, p.Message)
		if err != nil {
			return Plan{}, fmt.Errorf("webhook %q: %w", h.Name, err)
		}
		method, _ := h.Endpoint(p.Message.ID)
		p.Webhooks = append(p.Webhooks, WebhookPost{Name: h.Name, Service: h.Service, Method: method, URL: h.Redacted(), Payload: body})
		p.posts = append(p.posts, post{hook: h, body: body})
	}
	if len(req.Hooks) == 0 {
		p.Warnings = append(p.Warnings, "no chat webhook is configured: the app sends nothing by itself")
	}
	return p, nil
}

// NewMessage writes the alert's subject and body: the text, then each
// recipient with their local time and whether they are likely awake, then
// who raised the alert and when (UTC). The message ID is derived from the
// instant, the selector and the text.
func NewMessage(req Request, aud Audience) Message {
	text := strings.TrimSpace(req.Text)
	at := req.At.UTC().Truncate(time.Second)
	first, _, _ := strings.Cut(text, "\n")
	subject := "Emergency: " + truncate(strings.TrimSpace(first), 80)

	var b strings.Builder
	b.WriteString(text)
	b.WriteString("\n\nAlerted (" + describeTo(req.To) + "):\n")
	for _, r := range aud.Recipients {
		b.WriteString("- " + recipientLine(r) + "\n")
	}
	for _, u := range aud.Unresolved {
		b.WriteString("- " + u + ": nobody on call\n")
	}
	b.WriteString("\nRaised")
	if from := strings.TrimSpace(req.From); from != "" {
		b.WriteString(" by " + from)
	}
	b.WriteString(" at " + at.Format("2006-01-02 15:04") + " UTC.")

	sum := sha256.Sum256([]byte(at.Format(time.RFC3339) + "\n" + req.To.String() + "\n" + text))
	return Message{ID: "alert-" + hex.EncodeToString(sum[:12]), Subject: subject, Body: b.String()}
}

func describeTo(to To) string {
	switch to.Kind {
	case ToChain:
		return "escalation chain"
	case ToRotation:
		return "on call in " + strings.Join(to.Names, "")
	case ToAll:
		return "whole team"
	}
	return "named"
}

// recipientLine reads like "Ana (@ana), level 2 after 15 min, Sun 01:30 in
// Europe/Lisbon, outside working hours, likely asleep, on time off".
func recipientLine(r Recipient) string {
	s := r.Name
	if r.Chat != "" {
		s += " (" + r.Chat + ")"
	}
	switch {
	case r.Level > 0 && r.AfterMinutes > 0:
		s += fmt.Sprintf(", level %d after %d min", r.Level, r.AfterMinutes)
	case r.Level > 0:
		s += fmt.Sprintf(", level %d", r.Level)
	}
	s += ", " + r.Local.Format("Mon 15:04") + " in " + r.Zone
	switch {
	case r.InHours:
		s += ", working hours"
	case r.Wake == Asleep:
		s += ", outside working hours, likely asleep"
	default:
		s += ", outside working hours, likely awake"
	}
	if r.Away {
		s += ", on time off"
	}
	return s
}
