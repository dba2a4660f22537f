package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/worklog"
)

func init() {
	register(&command{path: "alert",
		args: "--to chain|rotation:NAME|all|NAME,NAME --text TEXT|- [--via email,phone,webhooks,webhook:NAME,...] [--from NAME] [--dry-run [--at T]] [--json] [--open-mail]",
		summary: "Alert people in an emergency: post to the chat webhooks, print the email draft (mailto:) and phone (tel:) links, " +
			"and record the alert in the log as a blocker. --dry-run shows the plan and sends nothing. Exit 1 when a webhook failed.",
		run: runAlert})
	register(&command{path: "alert webhook",
		args: "add NAME --service slack|teams|mattermost|discord|googlechat|matrix --url-stdin [--room ROOM] | list [--json] | remove NAME | test NAME",
		summary: "Configure the chat webhooks alerts are posted to. The URL (and a Matrix access token, on the second line) is read from " +
			"standard input, never from the command line, and is only ever shown redacted.",
		run: runAlertWebhook})
}

// tagAlert tags the log entry of every alert.
const tagAlert = "alert"

func runAlert(c *Context, args []string) error {
	fs := c.Flags()
	toS := fs.String("to", "", `who: "chain" (the escalation chain now), "rotation:NAME", "all", or member names separated by commas`)
	text := fs.String("text", "", `what happened ("-" reads it from standard input)`)
	via := fs.String("via", "", "channels: email, phone, webhooks (all of them), webhook:NAME; comma-separated (default: all)")
	from := fs.String("from", "", "who raises the alert (default: the member set with 'remotecto me')")
	dry := fs.Bool("dry-run", false, "show who would be alerted and through what; send and record nothing")
	atS := fs.String("at", "", "with --dry-run: work the recipients out at this instant (RFC 3339 or date in UTC; default now)")
	asJSON := fs.Bool("json", false, "print JSON: the plan (dry run) or the record of what was sent")
	openMail := fs.Bool("open-mail", false, "open the email draft in the desktop's mail client (needs a desktop session)")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	to, err := alert.ParseTo(*toS)
	if err != nil {
		return usagef("%v", err)
	}
	body, err := alertText(c, *text)
	if err != nil {
		return err
	}
	at := c.Now()
	if *atS != "" {
		if !*dry {
			return usagef("--at is for --dry-run only: a real alert goes out now")
		}
		if at, err = parseT("--at", *atS, time.UTC); err != nil {
			return err
		}
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	t, err := storedTeam(c)
	if err != nil {
		return err
	}
	if t, err = t.Validate(); err != nil {
		return fmt.Errorf("the stored team: %w", err)
	}
	raiser, err := alertFrom(ctx, db, t, *from, *dry)
	if err != nil {
		return err
	}
	hooks, err := db.Webhooks(ctx)
	if err != nil {
		return err
	}
	ch, err := parseVia(*via, hooks)
	if err != nil {
		return err
	}
	plan, err := alert.NewPlan(t, alert.Request{To: to, Text: body, From: raiser, At: at, Hooks: ch.hooks})
	if err != nil {
		return err
	}
	plan.Keep(ch.email, ch.phone)
	if *dry {
		if *asJSON {
			return plan.WriteJSON(c.Stdout)
		}
		return printPlan(c.Stdout, plan)
	}

	rec := alert.Sender{}.Execute(ctx, plan)
	logged, logErr := db.AddUpdate(ctx, worklog.Update{Author: raiser, At: rec.At, Kind: worklog.KindBlocker,
		Text: rec.LogText(), Tags: []string{tagAlert}})
	if *asJSON {
		if err := writeRecordJSON(c.Stdout, rec, logged.ID); err != nil {
			return err
		}
	} else {
		printRecord(c.Stdout, plan, rec)
		if logErr == nil {
			fmt.Fprintf(c.Stdout, "Recorded in the log as blocker update %d.\n", logged.ID)
		}
	}
	if *openMail && plan.Email.URL != "" {
		if err := openURL(plan.Email.URL); err != nil {
			fmt.Fprintf(c.Stderr, "remotecto alert: could not open the email draft (%v); open the mailto: link above\n", err)
		}
	}
	if logErr != nil {
		fmt.Fprintf(c.Stderr, "remotecto alert: the alert went out as shown but was NOT recorded in the log: %v\nWhat to record:\n%s\n",
			logErr, termsafe.Text(rec.LogText()))
		return fmt.Errorf("record the alert: %w", logErr)
	}
	if failed := rec.Failed(); len(failed) > 0 {
		return fmt.Errorf("%d of %d webhook posts failed", len(failed), len(rec.Deliveries))
	}
	return nil
}

// alertText reads --text, or standard input for "-".
func alertText(c *Context, text string) (string, error) {
	if text == "-" {
		b, err := io.ReadAll(io.LimitReader(c.Stdin, 64<<10))
		if err != nil {
			return "", fmt.Errorf("read the alert text from standard input: %w", err)
		}
		text = string(b)
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return "", usagef("--text TEXT is required (\"-\" reads it from standard input)")
	}
	if err := termsafe.CheckText("--text", text); err != nil {
		return "", usagef("%v", err)
	}
	return text, nil
}

// alertFrom returns who raises the alert: --from, else the member set as
// me. A real alert needs one, since the log records it under their name.
func alertFrom(ctx context.Context, db *store.DB, t team.Team, from string, dry bool) (string, error) {
	if strings.TrimSpace(from) != "" {
		m, ok := t.Member(from)
		if !ok {
			return "", fmt.Errorf("--from %s: %w", termsafe.Quote(from), team.ErrUnknownMember)
		}
		return m.Name, nil
	}
	me, err := db.Me(ctx)
	if err != nil {
		return "", err
	}
	if me == "" && !dry {
		return "", usagef("who raises the alert? Pass --from NAME, or set it once with 'remotecto me NAME'")
	}
	return me, nil
}

// channels are the channels an alert goes through.
type channels struct {
	email, phone bool
	hooks        []alert.Webhook
}

// parseVia reads --via against the configured webhooks; empty means every channel.
func parseVia(s string, configured []alert.Webhook) (channels, error) {
	if strings.TrimSpace(s) == "" {
		return channels{email: true, phone: true, hooks: configured}, nil
	}
	var ch channels
	picked := map[string]bool{}
	add := func(h alert.Webhook) {
		if key := strings.ToLower(h.Name); !picked[key] {
			picked[key] = true
			ch.hooks = append(ch.hooks, h)
		}
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		kind, name, _ := strings.Cut(part, ":")
		switch strings.ToLower(kind) {
		case "":
		case "email":
			ch.email = true
		case "phone":
			ch.phone = true
		case "webhooks":
			for _, h := range configured {
				add(h)
			}
		case "webhook":
			found := false
			for _, h := range configured {
				if strings.EqualFold(h.Name, strings.TrimSpace(name)) {
					add(h)
					found = true
				}
			}
			if !found {
				return ch, usagef("--via %s: no webhook of that name (see 'remotecto alert webhook list')", termsafe.Quote(part))
			}
		default:
			return ch, usagef("--via %s: channels are email, phone, webhooks and webhook:NAME", termsafe.Quote(part))
		}
	}
	return ch, nil
}

// recipientText describes a recipient on one line: "Ana (Backend lead),
// Europe/Lisbon, Sun 01:30, outside working hours, likely asleep; first by
// phone +351 210 000 001; answers: 15 min on call, ...".
func recipientText(r alert.Recipient) string {
	s := r.Name
	if r.Role != "" {
		s += " (" + r.Role + ")"
	}
	s += ", " + r.Zone + " " + r.Local.Format("Mon 15:04")
	switch {
	case r.InHours:
		s += ", working hours"
	case r.Wake == alert.Asleep:
		s += ", outside working hours, likely asleep"
	default:
		s += ", outside working hours, likely awake"
	}
	if r.Away {
		s += ", ON TIME OFF"
	}
	if r.Urgent != "" {
		contact := (roster.Member{Phone: r.Phone, Email: r.Email, Chat: r.Chat}).Contact(r.Urgent)
		s += "; first by " + string(r.Urgent) + " " + contact
	}
	return s + "; answers: " + r.Response
}

func printPlan(w io.Writer, p alert.Plan) error {
	fmt.Fprintf(w, "Dry run: nothing is sent or recorded.\nAlert to %s at %s UTC", p.To, p.At.Format("2006-01-02 15:04"))
	if p.From != "" {
		fmt.Fprintf(w, ", raised by %s", termsafe.String(p.From))
	}
	fmt.Fprintf(w, "\nSubject: %s\n\nRecipients:\n", termsafe.String(p.Message.Subject))
	for _, r := range p.Recipients {
		prefix := "  - "
		switch {
		case r.Level > 0 && r.AfterMinutes > 0:
			prefix = fmt.Sprintf("  level %d, after %d min: ", r.Level, r.AfterMinutes)
		case r.Level > 0:
			prefix = fmt.Sprintf("  level %d, at once: ", r.Level)
		}
		fmt.Fprintln(w, prefix+termsafe.String(recipientText(r)))
	}
	for _, u := range p.Unresolved {
		fmt.Fprintf(w, "  %s: nobody on call\n", termsafe.String(u))
	}
	printLinks(w, p)
	if len(p.Webhooks) > 0 {
		fmt.Fprintln(w, "\nWould post to:")
		for _, h := range p.Webhooks {
			fmt.Fprintf(w, "  %s %s %q (%s)\n", h.Method, h.Service.Title(), termsafe.String(h.Name), h.URL)
		}
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, x := range p.Warnings {
			fmt.Fprintln(w, "  - "+termsafe.String(x))
		}
	}
	fmt.Fprintf(w, "\nMessage:\n%s\n", indent(termsafe.Text(p.Message.Body)))
	return nil
}

// printLinks prints the email draft and the phone links of a plan.
func printLinks(w io.Writer, p alert.Plan) {
	if p.Email.URL != "" {
		fmt.Fprintf(w, "\nEmail draft to %s (send it from your mail client):\n  %s\n", termsafe.String(strings.Join(p.Email.To, ", ")), p.Email.URL)
	}
	if len(p.Phones) > 0 {
		fmt.Fprintln(w, "\nCall:")
		tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
		for _, ph := range p.Phones {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", termsafe.String(ph.Name), termsafe.String(ph.Number), ph.URL)
		}
		tw.Flush()
	}
}

func printRecord(w io.Writer, p alert.Plan, rec alert.Record) {
	fmt.Fprintf(w, "Alert to %s at %s UTC: %s\n", rec.To, rec.At.Format("2006-01-02 15:04"),
		termsafe.String(strings.Join(rec.Recipients, ", ")))
	if len(rec.Deliveries) == 0 {
		fmt.Fprintln(w, "No chat webhook chosen or configured: nothing was posted.")
	}
	for _, d := range rec.Deliveries {
		if d.Sent {
			fmt.Fprintf(w, "posted   %s %q (%s)\n", d.Service.Title(), termsafe.String(d.Name), d.URL)
		} else {
			fmt.Fprintf(w, "FAILED   %s %q (%s): %s\n", d.Service.Title(), termsafe.String(d.Name), d.URL, termsafe.String(d.Error))
		}
	}
	printLinks(w, p)
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, x := range p.Warnings {
			fmt.Fprintln(w, "  - "+termsafe.String(x))
		}
	}
	fmt.Fprintln(w)
}

func writeRecordJSON(w io.Writer, rec alert.Record, logID int64) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		alert.Record
		At    string `json:"at"`
		LogID int64  `json:"log_update_id"`
	}{rec, rec.At.UTC().Format(time.RFC3339), logID})
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// openURL hands a URL to the desktop (xdg-open, or open on macOS); it fails
// without a desktop session.
func openURL(u string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "linux", "freebsd", "openbsd", "netbsd":
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display")
		}
	default:
		return fmt.Errorf("not supported on %s", runtime.GOOS)
	}
	cmd := exec.Command(name, u)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

func runAlertWebhook(c *Context, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintf(c.Stdout, "usage: remotecto %s %s\n\n%s\n", c.cmd.path, c.cmd.args, c.cmd.summary)
			return nil
		}
		return usagef("give add, list, remove or test")
	}
	switch args[0] {
	case "add":
		return runWebhookAdd(c, args[1:])
	case "list":
		return runWebhookList(c, args[1:])
	case "remove":
		return runWebhookRemove(c, args[1:])
	case "test":
		return runWebhookTest(c, args[1:])
	}
	return usagef("unknown webhook command %s: give add, list, remove or test", termsafe.Quote(args[0]))
}

func runWebhookAdd(c *Context, args []string) error {
	fs := c.Flags()
	service := fs.String("service", "", "slack, teams, mattermost, discord, googlechat or matrix")
	fromStdin := fs.Bool("url-stdin", false, "read the webhook URL from standard input (for Matrix: the homeserver URL, then the access token on the next line)")
	room := fs.String("room", "", "Matrix only: the room ID, like !abcdef:example.org")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one webhook NAME")
	}
	svc, err := alert.ParseService(*service)
	if err != nil {
		return usagef("--service: %v", err)
	}
	if !*fromStdin {
		return usagef("--url-stdin is required: the URL is a secret and is read from standard input, not the command line")
	}
	sc := bufio.NewScanner(io.LimitReader(c.Stdin, 16<<10))
	var lines []string
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read the webhook URL from standard input: %w", err)
	}
	h := alert.Webhook{Name: pos[0], Service: svc, Room: *room}
	want := 1
	if svc == alert.Matrix {
		want = 2
	}
	if len(lines) != want {
		if svc == alert.Matrix {
			return usagef("standard input must hold two lines: the homeserver URL, then the access token")
		}
		return usagef("standard input must hold one line: the webhook URL")
	}
	h.URL = lines[0]
	if svc == alert.Matrix {
		h.Token = lines[1]
	} else if *room != "" {
		return usagef("--room is for Matrix only")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	if h, err = db.AddWebhook(context.Background(), h); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "added %s\n", termsafe.String(h.String()))
	return nil
}

type webhookJSON struct {
	Name    string `json:"name"`
	Service string `json:"service"`
	URL     string `json:"url"` // redacted
	Room    string `json:"room"`
}

func runWebhookList(c *Context, args []string) error {
	fs := c.Flags()
	asJSON := fs.Bool("json", false, "print JSON (URLs redacted)")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	hs, err := db.Webhooks(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]webhookJSON, len(hs))
		for i, h := range hs {
			out[i] = webhookJSON{h.Name, string(h.Service), h.Redacted(), h.Room}
		}
		return writeOncallJSON(c.Stdout, out)
	}
	if len(hs) == 0 {
		fmt.Fprintln(c.Stdout, "no webhooks: add one with 'remotecto alert webhook add NAME --service SERVICE --url-stdin'")
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSERVICE\tURL\tROOM")
	for _, h := range hs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.String(h.Name), h.Service.Title(), h.Redacted(), termsafe.String(h.Room))
	}
	return tw.Flush()
}

func runWebhookRemove(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one webhook NAME")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	if err := db.RemoveWebhook(context.Background(), pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "removed webhook %s\n", termsafe.Quote(pos[0]))
	return nil
}

// runWebhookTest posts a short test message through one webhook.
func runWebhookTest(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one webhook NAME")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	hs, err := db.Webhooks(context.Background())
	if err != nil {
		return err
	}
	for _, h := range hs {
		if strings.EqualFold(h.Name, strings.TrimSpace(pos[0])) {
			at := c.Now().UTC().Truncate(time.Second)
			msg := alert.Message{ID: fmt.Sprintf("test-%d", at.Unix()), Subject: "remotecto test message",
				Body: "Test message from remotecto: the webhook " + h.Name + " works. No action needed."}
			if err := alert.Send(context.Background(), nil, h, msg); err != nil {
				return err
			}
			fmt.Fprintf(c.Stdout, "posted a test message to %s\n", termsafe.String(h.String()))
			return nil
		}
	}
	return fmt.Errorf("webhook %s: %w", termsafe.Quote(pos[0]), store.ErrNotFound)
}
