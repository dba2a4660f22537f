package alert

import (
	"context"
	"strings"
	"sync"
	"time"
)

// Record says what an alert really did: who it addressed, which webhook
// posts went through and which failed, and what was left to the user (the
// email draft and the phone calls, which the app does not send). The caller
// keeps it in the log as a blocker update (see LogText).
type Record struct {
	At         time.Time  `json:"at"`
	To         string     `json:"to"`
	From       string     `json:"from"`
	Text       string     `json:"text"`
	Recipients []string   `json:"recipients"`
	Deliveries []Delivery `json:"deliveries"`
	// Prepared lists what was handed to the user, not sent by the app.
	Prepared []string `json:"prepared"`
}

// Delivery is the outcome of one webhook post.
type Delivery struct {
	Name     string  `json:"name"`
	Service  Service `json:"service"`
	URL      string  `json:"url"` // redacted
	Sent     bool    `json:"sent"`
	Attempts int     `json:"attempts"`
	// Error says why the post failed; empty when Sent.
	Error string `json:"error"`
}

// Execute posts the plan's payloads to its webhooks, all at once, and
// records the outcome in the plan's order. A delivery is Sent only when the
// service answered 2xx (see Sender.Send). Only a plan made by NewPlan holds
// the webhooks' secrets; a plan read back from JSON has none and sends nothing.
func (s Sender) Execute(ctx context.Context, p Plan) Record {
	rec := Record{
		At: p.At, To: p.To, From: p.From, Text: p.Text,
		Recipients: make([]string, len(p.Recipients)),
		Deliveries: make([]Delivery, len(p.posts)),
		Prepared:   []string{},
	}
	for i, r := range p.Recipients {
		rec.Recipients[i] = r.Name
	}
	var wg sync.WaitGroup
	for i, ps := range p.posts {
		h := ps.hook
		rec.Deliveries[i] = Delivery{Name: h.Name, Service: h.Service, URL: h.Redacted()}
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := s.post(ctx, h, ps.body, p.Message.ID)
			d := &rec.Deliveries[i]
			d.Attempts = n
			if err != nil {
				d.Error = err.Error()
				return
			}
			d.Sent = true
		}()
	}
	wg.Wait()
	if len(p.Email.To) > 0 {
		rec.Prepared = append(rec.Prepared, "email draft to "+strings.Join(p.Email.To, ", "))
	}
	if len(p.Phones) > 0 {
		var calls []string
		for _, ph := range p.Phones {
			calls = append(calls, ph.Name+" "+ph.Number)
		}
		rec.Prepared = append(rec.Prepared, "phone numbers to call: "+strings.Join(calls, ", "))
	}
	return rec
}

// Sent reports whether at least one webhook post went through.
func (r Record) Sent() bool {
	for _, d := range r.Deliveries {
		if d.Sent {
			return true
		}
	}
	return false
}

// Failed returns the deliveries that did not go through.
func (r Record) Failed() []Delivery {
	var out []Delivery
	for _, d := range r.Deliveries {
		if !d.Sent {
			out = append(out, d)
		}
	}
	return out
}

// LogText writes the record as the text of a blocker update: one line of
// what, to whom, when and by whom; the alert text; then the posts that went
// through, those that failed with their reason, and what was left to the
// user. A record that sent nothing says so in its first words. Webhook URLs
// appear redacted only.
func (r Record) LogText() string {
	var b strings.Builder
	if r.Sent() {
		b.WriteString("Emergency alert sent")
	} else {
		b.WriteString("Emergency alert NOT sent by the app")
	}
	b.WriteString(" to " + r.To + " at " + r.At.UTC().Format("2006-01-02 15:04") + " UTC")
	if r.From != "" {
		b.WriteString(", raised by " + r.From)
	}
	b.WriteString(".\n")
	b.WriteString("Alert: " + strings.ReplaceAll(r.Text, "\n", " / ") + "\n")
	b.WriteString("Addressed: " + strings.Join(r.Recipients, ", ") + ".\n")
	var sent, failed []string
	for _, d := range r.Deliveries {
		name := d.Service.Title() + " \"" + d.Name + "\" (" + d.URL + ")"
		if d.Sent {
			sent = append(sent, name)
		} else {
			failed = append(failed, name+": "+d.Error)
		}
	}
	switch {
	case len(r.Deliveries) == 0:
		b.WriteString("Posted to: no chat webhook is configured.\n")
	case len(sent) > 0:
		b.WriteString("Posted to: " + strings.Join(sent, ", ") + ".\n")
	}
	for _, f := range failed {
		b.WriteString("FAILED: " + f + "\n")
	}
	for _, p := range r.Prepared {
		b.WriteString("Left to the user, not sent by the app: " + p + ".\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
