package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/store"
)

func init() {
	register(&command{path: "protocol show", args: "[--json]",
		summary: "Show the emergency protocol, when it was last reviewed and by whom, when the next review is due, and the critical links.",
		run:     runProtocolShow})
	register(&command{path: "protocol history", args: "[--json]",
		summary: "List the protocol's saved versions, newest first: when, who (the member set as me then) and the text.",
		run:     runProtocolHistory})
	register(&command{path: "protocol review", args: "",
		summary: "Record that the member set as me reviewed the protocol now.",
		run:     runProtocolReview})
	register(&command{path: "protocol cadence", args: "DAYS",
		summary: "Set how many days after a review the protocol is due again (0: no reviews; default 90).",
		run:     runProtocolCadence})
	register(&command{path: "protocol link", args: "add TITLE TARGET | remove TITLE",
		summary: "Add or remove a critical link: a URL or a vault path, never a secret (one that looks like it holds one is refused).",
		run:     runProtocolLink})
}

type protocolJSON struct {
	Text       string     `json:"text"`
	Versions   int        `json:"versions"`
	EveryDays  int        `json:"review_every_days"`
	ReviewedAt string     `json:"reviewed_at"`
	ReviewedBy string     `json:"reviewed_by"`
	ReviewDue  string     `json:"review_due"`
	Overdue    bool       `json:"overdue"`
	Links      []linkJSON `json:"links"`
}

type linkJSON struct {
	Title  string `json:"title"`
	Target string `json:"target"`
}

func runProtocolShow(c *Context, args []string) error {
	fs := c.Flags()
	asJSON := fs.Bool("json", false, "print JSON (instants in UTC)")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	st, err := db.ProtocolState(context.Background())
	if err != nil {
		return err
	}
	now := c.Now()
	if *asJSON {
		out := protocolJSON{Text: st.Current.Text, Versions: st.Versions, EveryDays: st.EveryDays,
			ReviewedAt: oncallInstant(st.LastReview.At), ReviewedBy: st.LastReview.By,
			ReviewDue: oncallInstant(st.ReviewDue(now)), Overdue: st.Overdue(now), Links: []linkJSON{}}
		for _, l := range st.Links {
			out.Links = append(out.Links, linkJSON{l.Title, l.Target})
		}
		return writeOncallJSON(c.Stdout, out)
	}
	text := st.Current.Text
	if text == "" {
		text = "(none written: set it in the GUI under On-call → Escalation, or with a team file)"
	}
	fmt.Fprintf(c.Stdout, "%s\n\n%s\n", termsafe.Text(text), st.Status(now, time.UTC))
	if len(st.Links) > 0 {
		fmt.Fprintln(c.Stdout, "\nCritical links:")
		tw := tabwriter.NewWriter(c.Stdout, 0, 2, 2, ' ', 0)
		for _, l := range st.Links {
			fmt.Fprintf(tw, "  %s\t%s\n", termsafe.String(l.Title), termsafe.String(l.Target))
		}
		tw.Flush()
	}
	return nil
}

type versionJSON struct {
	At     string `json:"at"`
	Author string `json:"author"`
	Text   string `json:"text"`
}

func runProtocolHistory(c *Context, args []string) error {
	fs := c.Flags()
	asJSON := fs.Bool("json", false, "print JSON (instants in UTC)")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	vs, err := db.ProtocolVersions(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]versionJSON, len(vs))
		for i, v := range vs {
			out[i] = versionJSON{oncallInstant(v.At), v.Author, v.Text}
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(vs) == 0 {
		fmt.Fprintln(c.Stdout, "no protocol saved yet")
	}
	for _, v := range vs {
		by := v.Author
		if by == "" {
			by = "(who: not set)"
		}
		fmt.Fprintf(c.Stdout, "== %s UTC, %s\n%s\n\n", v.At.UTC().Format("2006-01-02 15:04"), termsafe.String(by), indent(termsafe.Text(v.Text)))
	}
	return nil
}

func runProtocolReview(c *Context, args []string) error {
	fs := c.Flags()
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	st, err := db.MarkProtocolReviewed(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, st.Status(c.Now(), time.UTC))
	return nil
}

func runProtocolCadence(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the number of days")
	}
	days, err := strconv.Atoi(pos[0])
	if err != nil {
		return usagef("DAYS %s: %v", termsafe.Quote(pos[0]), protocol.ErrBadCadence)
	}
	return updateProtocolSettings(c, func(s *protocol.Settings) error {
		s.EveryDays = days
		return nil
	})
}

func runProtocolLink(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 3 && pos[0] == "add":
		return updateProtocolSettings(c, func(s *protocol.Settings) error {
			s.Links = append(s.Links, protocol.Link{Title: pos[1], Target: pos[2]})
			return nil
		})
	case len(pos) == 2 && pos[0] == "remove":
		return updateProtocolSettings(c, func(s *protocol.Settings) error {
			for i, l := range s.Links {
				if strings.EqualFold(l.Title, strings.TrimSpace(pos[1])) {
					s.Links = append(s.Links[:i], s.Links[i+1:]...)
					return nil
				}
			}
			return fmt.Errorf("link %s: %w", termsafe.Quote(pos[1]), store.ErrNotFound)
		})
	}
	return usagef("give add TITLE TARGET, or remove TITLE")
}

// updateProtocolSettings changes the stored settings with change, in one transaction.
func updateProtocolSettings(c *Context, change func(s *protocol.Settings) error) error {
	db, err := c.DB()
	if err != nil {
		return err
	}
	saved, err := db.UpdateProtocolSettings(context.Background(), change)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "%s; %d critical links\n", cadenceLine(saved.EveryDays), len(saved.Links))
	return nil
}

func cadenceLine(days int) string {
	if days == 0 {
		return "no protocol reviews"
	}
	return fmt.Sprintf("review every %d days", days)
}
