package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dev.remotecto/remotecto/follow"
	"dev.remotecto/remotecto/share"
)

func init() {
	register(&command{path: "team subscribe", args: "URL [--user USER] [--password-stdin]",
		summary: "Follow the team bundle published at URL: this database takes its team from there and the team becomes read-only here " +
			"(your own 1:1 and update log stays private and editable). A new --db file is created.",
		run: runTeamSubscribe, creates: true})
	register(&command{path: "team refresh", args: "",
		summary: "Pull the followed team bundle again (a conditional GET: nothing is read when it did not change).",
		run:     runTeamRefresh})
	register(&command{path: "team unsubscribe", args: "",
		summary: "Stop following: the team stays as it is and becomes editable again.",
		run:     runTeamUnsubscribe})
}

func runTeamSubscribe(c *Context, args []string) error {
	fs := c.Flags()
	user := fs.String("user", "", "user name on the server")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input and keep it in the desktop keyring")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the URL of the team bundle to follow")
	}
	if *fromStdin && *user == "" {
		return usagef("--password-stdin needs --user")
	}
	u, err := share.CheckURL(pos[0])
	if err != nil {
		return err
	}
	password := ""
	if *fromStdin {
		if password, err = c.readPassword(); err != nil {
			return err
		}
		// Find out whether a keyring keeps it before the database is
		// opened (or created).
		if err := keepPassword(c.secrets(), share.Subscription{URL: u.String()}.SecretKey(), password); err != nil {
			return err
		}
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx, stop := c.serverContext()
	defer stop()
	res, err := follow.Subscribe(ctx, db, c.secrets(), u.String(), *user, password, *fromStdin, c.Now(), follow.Options{Transport: davTransport})
	if err != nil {
		return fmt.Errorf("nothing changed: %w", err)
	}
	fmt.Fprintf(c.Stdout, "following %s: %s\n", res.Subscription.URL, res.Replaced)
	fmt.Fprintln(c.Stdout, "the team is read-only here; 'remotecto team refresh' pulls changes, 'remotecto team unsubscribe' stops following")
	return nil
}

func runTeamRefresh(c *Context, args []string) error {
	fs := c.Flags()
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx, stop := c.serverContext()
	defer stop()
	res, err := follow.Refresh(ctx, db, c.secrets(), c.Now(), follow.Options{Transport: davTransport})
	if err != nil {
		if errors.Is(err, share.ErrNotFollowing) {
			return err
		}
		return fmt.Errorf("the team was left as it was: %w", err)
	}
	sub := res.Subscription
	if res.NotModified {
		fmt.Fprintf(c.Stdout, "%s has not changed (the server said 304 Not Modified); last update %s\n", sub.URL, updatedAt(sub.Updated))
		return nil
	}
	fmt.Fprintf(c.Stdout, "refreshed from %s: %s\n", sub.URL, res.Replaced)
	return nil
}

func updatedAt(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}

func runTeamUnsubscribe(c *Context, args []string) error {
	fs := c.Flags()
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	sub, err := follow.Unsubscribe(ctx, db, c.secrets())
	if err != nil {
		return err
	}
	ms, err := db.Members(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "no longer following %s; the team (%d members) stays here and is editable again\n", sub.URL, len(ms))
	return nil
}
