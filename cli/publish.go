package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/publish"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
)

func init() {
	register(&command{path: "publish add",
		args: "NAME (--caldav COLLECTION_URL | --webdav FILE_URL) --feed FEED [--user USER] [--password-stdin]",
		summary: "Add a publish target: FEED is rotation:NAME, member:NAME (their shifts across rotations), oncall (every rotation), " +
			"meetings, or team (the team bundle followers read; WebDAV only). The password goes to the desktop keyring, never to the database.",
		run: runPublishAdd})
	register(&command{path: "publish list", args: "[--json]",
		summary: "List the publish targets with what their last run did.",
		run:     runPublishList})
	register(&command{path: "publish remove", args: "NAME",
		summary: "Remove a publish target and its password; what it published stays on the server.",
		run:     runPublishRemove})
	register(&command{path: "publish run", args: "[NAME...] [--dry-run] [--force] [--create] [--json]",
		summary: "Publish every target (or those named) incrementally: only what changed since the last run is sent. " +
			"Feeds cover 30 days back to one year ahead. Exit status 1 when a target failed.",
		run: runPublishRun})
}

// davTransport carries the requests to DAV servers; nil means Go's default.
// Tests count requests through it.
var davTransport http.RoundTripper

// secrets returns the password store of the environment.
func (c *Context) secrets() dav.Secrets {
	if c.Secrets != nil {
		return c.Secrets
	}
	return dav.NewSecrets()
}

// serverContext is the context of a command that talks to servers: done
// when the environment's is, or on an interrupt, so that a stopped run
// still records what it did.
func (c *Context) serverContext() (context.Context, context.CancelFunc) {
	parent := c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// readPassword reads a password from standard input: the first line,
// without its line end.
func (c *Context) readPassword() (string, error) {
	if c.Stdin == nil {
		return "", usagef("--password-stdin: nothing on standard input")
	}
	line, err := bufio.NewReader(io.LimitReader(c.Stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef("--password-stdin: standard input holds no password")
	}
	return line, nil
}

// keepPassword stores a password in the keyring, with a message that names
// the variable to use instead when there is no keyring.
func keepPassword(s dav.Secrets, key, password string) error {
	if err := s.Set(key, password); err != nil {
		if errors.Is(err, dav.ErrNoKeyring) {
			return fmt.Errorf("--password-stdin needs a desktop keyring to keep the password, and none answered: "+
				"leave --password-stdin out and set %s in the environment of the commands that connect instead; nothing was changed (%w)",
				dav.PasswordEnv, err)
		}
		return fmt.Errorf("keep the password in the keyring: %w", err)
	}
	return nil
}

// refuseFollower refuses a command that edits the team when the database
// follows a published team.
func refuseFollower(c *Context) error {
	db, err := c.DB()
	if err != nil {
		return err
	}
	sub, following, err := db.Subscription(context.Background())
	if err != nil || !following {
		return err
	}
	return fmt.Errorf("following %s: %w", sub.URL, share.ErrReadOnly)
}

func runPublishAdd(c *Context, args []string) error {
	fs := c.Flags()
	caldav := fs.String("caldav", "", "URL of the CalDAV calendar collection (ends with a slash)")
	webdav := fs.String("webdav", "", "URL of the file on a WebDAV server (an .ics people subscribe to, or the team bundle)")
	feedS := fs.String("feed", "", "what to publish: rotation:NAME, member:NAME, oncall, meetings or team")
	user := fs.String("user", "", "user name on the server")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input and keep it in the desktop keyring")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the target one NAME")
	}
	t := share.Target{Name: pos[0], User: *user}
	switch {
	case *caldav != "" && *webdav != "":
		return usagef("choose one of --caldav and --webdav")
	case *caldav != "":
		t.Kind, t.URL = share.CalDAV, *caldav
	case *webdav != "":
		t.Kind, t.URL = share.WebDAV, *webdav
	default:
		return usagef("give --caldav COLLECTION_URL or --webdav FILE_URL")
	}
	if *feedS == "" {
		return usagef("--feed FEED is required: rotation:NAME, member:NAME, oncall, meetings or team")
	}
	if t.Feed, err = share.ParseFeed(*feedS); err != nil {
		return usagef("--%v", err)
	}
	if *fromStdin && strings.TrimSpace(*user) == "" {
		return usagef("--password-stdin needs --user")
	}
	if t, err = t.Normalize(); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	existing, err := db.PublishTargets(ctx)
	if err != nil {
		return err
	}
	if _, err := publish.Select(existing, []string{t.Name}); err == nil {
		return fmt.Errorf("target %q: %w (remove it first with 'remotecto publish remove')", t.Name, share.ErrDuplicateTarget)
	}
	tm, err := db.Team(ctx)
	if err != nil {
		return err
	}
	if err := checkFeed(t.Feed, tm); err != nil {
		return err
	}
	password := ""
	if *fromStdin {
		if password, err = c.readPassword(); err != nil {
			return err
		}
		if err := keepPassword(c.secrets(), t.SecretKey(), password); err != nil {
			return err
		}
	}
	added, err := db.AddPublishTarget(ctx, t)
	if err != nil {
		if *fromStdin {
			c.secrets().Delete(t.SecretKey())
		}
		return err
	}
	how := "no password"
	switch {
	case *fromStdin:
		how = "password in the desktop keyring"
	case added.User != "":
		how = "password from the keyring or " + dav.PasswordEnv + " when it runs"
	}
	fmt.Fprintf(c.Stdout, "added %s: %s to %s %s (%s)\n", added.Name, added.Feed.Describe(), added.Kind, added.URL, how)
	fmt.Fprintln(c.Stdout, "publish it with: remotecto publish run", quoteArg(added.Name))
	return nil
}

// checkFeed refuses a feed that names a rotation or a member the team does
// not have, listing those it has.
func checkFeed(f share.Feed, t team.Team) error {
	switch f.Kind {
	case share.FeedRotation:
		if _, ok := t.Rotation(f.Name); !ok {
			names := make([]string, len(t.Rotations))
			for i, r := range t.Rotations {
				names[i] = r.Name
			}
			return fmt.Errorf("--feed %s: no rotation %q (rotations: %s)", f, f.Name, listOrNone(names))
		}
	case share.FeedMember:
		if _, ok := t.Member(f.Name); !ok {
			names := make([]string, len(t.Members))
			for i, m := range t.Members {
				names[i] = m.Name
			}
			return fmt.Errorf("--feed %s: no member %q (members: %s)", f, f.Name, listOrNone(names))
		}
	}
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// quoteArg quotes a name for a shell when it needs it.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " '\"") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

type targetJSON struct {
	Name    string         `json:"name"`
	Kind    string         `json:"kind"`
	URL     string         `json:"url"`
	User    string         `json:"user"`
	Feed    string         `json:"feed"`
	LastRun string         `json:"last_run"`
	LastOK  string         `json:"last_ok"`
	Last    *share.Outcome `json:"last"`
}

func runPublishList(c *Context, args []string) error {
	fs := c.Flags()
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ts, err := db.PublishTargets(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]targetJSON, len(ts))
		for i, t := range ts {
			out[i] = targetJSON{Name: t.Name, Kind: string(t.Kind), URL: t.URL, User: t.User, Feed: t.Feed.String(),
				LastRun: oncallInstant(t.LastRun), LastOK: oncallInstant(t.LastOK)}
			if !t.LastRun.IsZero() {
				last := t.Last
				out[i].Last = &last
			}
		}
		return writeOncallJSON(c.Stdout, out)
	}
	if len(ts) == 0 {
		fmt.Fprintln(c.Stdout, "no publish targets; add one with 'remotecto publish add'")
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tFEED\tURL\tLAST RUN (UTC)\tSTATUS")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.Kind, t.Feed, t.URL, whenOrNever(t.LastRun), t.Status(c.Now()))
	}
	return tw.Flush()
}

func whenOrNever(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func runPublishRemove(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the NAME of the target to remove")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	ts, err := db.PublishTargets(ctx)
	if err != nil {
		return err
	}
	sel, err := publish.Select(ts, pos)
	if err != nil {
		return err
	}
	t := sel[0]
	if err := db.RemovePublishTarget(ctx, t.Name); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "removed %s; what it published stays at %s\n", t.Name, t.URL)
	if t.User != "" {
		if err := c.secrets().Delete(t.SecretKey()); err != nil {
			fmt.Fprintf(c.Stderr, "remotecto publish remove: the password of %s may still be in the keyring: %v\n", t.Name, err)
		}
	}
	return nil
}

func runPublishRun(c *Context, args []string) error {
	fs := c.Flags()
	dry := fs.Bool("dry-run", false, "read the servers and say what would change, writing nothing")
	force := fs.Bool("force", false, "overwrite what was changed on the server since the last publish")
	create := fs.Bool("create", false, "create a missing CalDAV calendar collection")
	asJSON := fs.Bool("json", false, "print JSON: one {\"target\",\"created\",\"updated\",\"deleted\",\"unchanged\",\"conflicts\",\"error\"} per target")
	names, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx, stop := c.serverContext()
	defer stop()
	results, err := publish.Run(ctx, db, c.secrets(), names, publish.Options{DryRun: *dry, Force: *force, Create: *create,
		Now: c.Now, Transport: davTransport})
	if err != nil {
		return err
	}
	if len(results) == 0 {
		return errors.New("no publish targets; add one with 'remotecto publish add'")
	}
	if *asJSON {
		if err := writeOncallJSON(c.Stdout, results); err != nil {
			return err
		}
	}
	failed := 0
	for _, r := range results {
		if !*asJSON {
			prefix := ""
			if *dry {
				prefix = "dry run: "
			}
			w := c.Stdout
			if r.Err != nil {
				w = c.Stderr
			}
			fmt.Fprintln(w, prefix+r.String())
		}
		if r.Err == nil {
			continue
		}
		failed++
		if errors.Is(r.Err, dav.ErrCollectionMissing) && !*create {
			fmt.Fprintf(c.Stderr, "remotecto publish run: %s: run again with --create to create the calendar collection\n", r.Target)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d targets failed (what each one did is recorded; the next run carries on from there)", failed, len(results))
	}
	return nil
}
