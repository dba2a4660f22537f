package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/roster"
)

func init() {
	register(&command{path: "timeoff list", args: "--member NAME [--from T] [--to T] [--json]",
		summary: "List a member's time off with where each span came from (a calendar file, the team file, entered by hand), in the member's zone (default: from now, one year ahead).",
		run:     runTimeOffList})
	register(&command{path: "timeoff clear", args: "--member NAME --source FILE",
		summary: "Remove every span of a member's time off that came from one source (as 'timeoff list' names it), undoing a calendar import.",
		run:     runTimeOffClear})
}

// timeOffJSON is one span of time off in `timeoff list --json`.
type timeOffJSON struct {
	Start   string `json:"start"`
	End     string `json:"end"`
	AllDay  bool   `json:"all_day"`
	Summary string `json:"summary"`
	Source  string `json:"source"`
	UID     string `json:"uid,omitempty"`
}

func runTimeOffList(c *Context, args []string) error {
	fs := c.Flags()
	member := fs.String("member", "", "the member")
	fromS := fs.String("from", "", "first instant ("+strings.Replace(tHelp, "--tz", "the member's zone", 1)+"; default now)")
	toS := fs.String("to", "", "end instant, exclusive")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *member == "" {
		return usagef("--member NAME is required")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	m, err := db.Member(context.Background(), *member)
	if err != nil {
		return err
	}
	loc, err := m.Location()
	if err != nil {
		return err
	}
	from, to, _, err := parseRange(*fromS, *toS, loc, c.Now(), yearRange)
	if err != nil {
		return err
	}
	var offs []roster.TimeOff
	for _, o := range m.TimeOff {
		if o.End.After(from) && o.Start.Before(to) {
			offs = append(offs, o)
		}
	}
	if *asJSON {
		out := make([]timeOffJSON, 0, len(offs))
		for _, o := range offs {
			out = append(out, timeOffJSON{Start: o.Start.UTC().Format(time.RFC3339), End: o.End.UTC().Format(time.RFC3339),
				AllDay: o.AllDay, Summary: o.Summary, Source: o.Source, UID: o.UID})
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(offs) == 0 {
		fmt.Fprintf(c.Stdout, "%s has no time off from %s to %s.\n", termsafe.String(m.Name),
			from.In(loc).Format("2006-01-02 15:04"), to.In(loc).Format("2006-01-02 15:04 MST"))
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "START (%s)\tEND\tSOURCE\tSUMMARY\n", loc)
	for _, o := range offs {
		layout := "Mon 2006-01-02 15:04"
		end := o.End
		if o.AllDay {
			layout = "Mon 2006-01-02"
			end = end.Add(-time.Nanosecond) // whole days end on the last day
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", o.Start.In(loc).Format(layout), end.In(loc).Format(layout),
			termsafe.String(o.Source), termsafe.String(o.Summary))
	}
	return tw.Flush()
}

func runTimeOffClear(c *Context, args []string) error {
	fs := c.Flags()
	member := fs.String("member", "", "the member")
	source := fs.String("source", "", "the source to remove, as 'timeoff list' names it")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *member == "" || *source == "" {
		return usagef("--member NAME and --source FILE are required")
	}
	if err := refuseFollower(c); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	n, err := db.ClearTimeOffSource(context.Background(), *member, *source)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "removed %d time off %s from %s\n", n, map[bool]string{true: "span", false: "spans"}[n == 1], termsafe.String(*source))
	return nil
}
