package alert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
)

// Message is what an alert says, the same on every channel: a subject line
// and a plain-text body of lines.
type Message struct {
	// ID identifies the alert. Matrix uses it as the transaction ID, so that
	// a retry after a lost answer does not post the message twice.
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Length limits of the services, in characters, below their documented maxima.
const (
	slackHeaderMax  = 150   // Block Kit header text
	slackSectionMax = 3000  // Block Kit section text
	discordMax      = 2000  // message content
	googleChatMax   = 4000  // text message
	mattermostMax   = 16000 // post text
	teamsMax        = 20000 // card text, well under the 28 KB card limit
	matrixMax       = 30000 // event body, well under the 64 KB event limit
)

// Payload returns the exact JSON body posted to a webhook of service s:
//
//   - Slack: {"text", "blocks": [header, section (mrkdwn)]}, with &, < and >
//     escaped as Slack asks, so user text cannot forge links or mentions.
//   - Microsoft Teams: a message with one Adaptive Card 1.4 attachment (the
//     format of Teams Workflows webhooks, which replace the retired Office
//     365 connectors and their MessageCard); one TextBlock per line.
//   - Mattermost: {"text"} in Markdown, the subject as a heading.
//   - Discord: {"content", "allowed_mentions": {"parse": []}}, so that text
//     such as "@everyone" pings nobody.
//   - Google Chat: {"text"}, the subject in bold.
//   - Matrix: an m.room.message event of msgtype m.text with a plain body and
//     an HTML formatted_body (escaped).
//
// Text longer than a service accepts is cut with "…".
func Payload(s Service, m Message) ([]byte, error) {
	var v any
	switch s {
	case Slack:
		v = slackPayload(m)
	case Teams:
		v = teamsPayload(m)
	case Mattermost:
		v = struct {
			Text string `json:"text"`
		}{truncate("#### "+m.Subject+"\n\n"+m.Body, mattermostMax)}
	case Discord:
		v = struct {
			Content         string `json:"content"`
			AllowedMentions struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
		}{Content: truncate("**"+m.Subject+"**\n"+m.Body, discordMax), AllowedMentions: struct {
			Parse []string `json:"parse"`
		}{Parse: []string{}}}
	case GoogleChat:
		v = struct {
			Text string `json:"text"`
		}{truncate("*"+m.Subject+"*\n"+m.Body, googleChatMax)}
	case Matrix:
		v = matrixPayload(m)
	default:
		return nil, fmt.Errorf("service %q: %w", s, ErrBadWebhook)
	}
	return marshal(v)
}

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type slackBlock struct {
	Type string    `json:"type"`
	Text slackText `json:"text"`
}

func slackPayload(m Message) any {
	return struct {
		Text   string       `json:"text"`
		Blocks []slackBlock `json:"blocks"`
	}{
		Text: slackFit(m.Subject+"\n"+m.Body, slackSectionMax),
		Blocks: []slackBlock{
			{Type: "header", Text: slackText{Type: "plain_text", Text: truncate(m.Subject, slackHeaderMax)}},
			{Type: "section", Text: slackText{Type: "mrkdwn", Text: slackFit(m.Body, slackSectionMax)}},
		},
	}
}

// slackFit escapes s and cuts it so that the escaped text has at most max
// characters, never inside an escape.
func slackFit(s string, max int) string {
	n := max
	for {
		out := slackEscape(truncate(s, n))
		if len([]rune(out)) <= max {
			return out
		}
		n -= len([]rune(out)) - max // each character cut shortens the escaped text by 1 to 5
		if n < 2 {
			return "…"
		}
	}
}

// slackEscape escapes the three characters Slack's text formatting gives a
// meaning to.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

type teamsTextBlock struct {
	Type    string `json:"type"`
	Text    string `json:"text"`
	Wrap    bool   `json:"wrap"`
	Weight  string `json:"weight,omitempty"`
	Size    string `json:"size,omitempty"`
	Color   string `json:"color,omitempty"`
	Spacing string `json:"spacing,omitempty"`
}

type teamsCard struct {
	Schema  string           `json:"$schema"`
	Type    string           `json:"type"`
	Version string           `json:"version"`
	Body    []teamsTextBlock `json:"body"`
}

type teamsAttachment struct {
	ContentType string    `json:"contentType"`
	Content     teamsCard `json:"content"`
}

func teamsPayload(m Message) any {
	body := []teamsTextBlock{{Type: "TextBlock", Text: m.Subject, Wrap: true, Weight: "Bolder", Size: "Large", Color: "Attention"}}
	total := 0
	for _, line := range strings.Split(m.Body, "\n") {
		if total += len(line); total > teamsMax {
			body = append(body, teamsTextBlock{Type: "TextBlock", Text: "…", Wrap: true, Spacing: "None"})
			break
		}
		if line == "" {
			continue // the next block gets default spacing instead
		}
		body = append(body, teamsTextBlock{Type: "TextBlock", Text: line, Wrap: true, Spacing: "None"})
	}
	return struct {
		Type        string            `json:"type"`
		Attachments []teamsAttachment `json:"attachments"`
	}{
		Type: "message",
		Attachments: []teamsAttachment{{
			ContentType: "application/vnd.microsoft.card.adaptive",
			Content: teamsCard{
				Schema:  "http://adaptivecards.io/schemas/adaptive-card.json",
				Type:    "AdaptiveCard",
				Version: "1.4",
				Body:    body,
			},
		}},
	}
}

func matrixPayload(m Message) any {
	plain := truncate(m.Subject+"\n\n"+m.Body, matrixMax)
	var h strings.Builder
	h.WriteString("<h4>" + html.EscapeString(m.Subject) + "</h4>")
	for i, para := range strings.Split(truncate(m.Body, matrixMax), "\n\n") {
		if i > 0 {
			h.WriteString("\n")
		}
		lines := strings.Split(para, "\n")
		for j := range lines {
			lines[j] = html.EscapeString(lines[j])
		}
		h.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	return struct {
		MsgType       string `json:"msgtype"`
		Body          string `json:"body"`
		Format        string `json:"format"`
		FormattedBody string `json:"formatted_body"`
	}{"m.text", plain, "org.matrix.custom.html", h.String()}
}

// marshal encodes v as compact JSON without Go's HTML escaping (the services
// read JSON, not HTML), with no trailing newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// truncate cuts s to at most max characters, ending with "…" when it cuts.
func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
