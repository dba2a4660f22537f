package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/atomicfile"
	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

func init() {
	register(&command{path: "log update",
		args:    "--author NAME --kind status|decision|blocker|win --text TEXT [--tags a,b] [--at T]",
		summary: "Record an async update (a status, a decision for the decision log, a blocker or a win).",
		run:     runLogUpdate})
	register(&command{path: "log one-on-one",
		args: "--member NAME [--at T] --notes TEXT [--action \"[Owner: ]TEXT [@YYYY-MM-DD]\"]... [--every none|1w|2w|4w]",
		summary: "Record a 1:1. Open action items of earlier 1:1s with the member are carried forward into it. " +
			"An --action is owned by the member unless it starts with another member's name and a colon; a trailing @date is its due date.",
		run: runLogOneOnOne})
	register(&command{path: "log cadence", args: "--member NAME --every none|1w|2w|4w [--time HH:MM] [--minutes N]",
		summary: "Set how often a member has a 1:1 and the agreed local time (in the member's zone) used by the calendar export.",
		run:     runLogCadence})
	register(&command{path: "log search", args: "QUERY [--limit N] [--json]",
		summary: "Search 1:1 notes, action items and updates, best match first (words are matched as typed; no query syntax).",
		run:     runLogSearch})
	register(&command{path: "log list", args: "[--kind K] [--member NAME] [--tag T] [--from T] [--to T] [--json]",
		summary: "List async updates, newest first (--kind decision is the decision log).",
		run:     runLogList})
	register(&command{path: "log actions", args: "[--member NAME] [--json]",
		summary: "List open action items across the team, overdue first.",
		run:     runLogActions})
	register(&command{path: "log done", args: "ID...",
		summary: "Mark action items done (IDs as shown by 'log actions').",
		run:     runLogDone})
	register(&command{path: "log overdue", args: "[--all]",
		summary: "List members whose 1:1 is overdue (with --all: every member with a cadence and when the next 1:1 is due).",
		run:     runLogOverdue})
	register(&command{path: "log export", args: "--format markdown -o FILE [--member NAME] [--from T] [--to T] [--tz ZONE]",
		summary: "Export the log (everything, one member, or a date range) as Markdown.",
		run:     runLogExport})
}

// multiFlag collects a flag given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, "; ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func runLogUpdate(c *Context, args []string) error {
	fs := c.Flags()
	author := fs.String("author", "", "the member who wrote it")
	kind := fs.String("kind", "", "status, decision, blocker or win")
	text := fs.String("text", "", "the update (Markdown is kept as written; \"-\" reads it from standard input, at most 1 MiB)")
	tags := fs.String("tags", "", "comma-separated tags")
	at := fs.String("at", "", "when ("+tHelp+"; default now)")
	tz := zoneFlag(fs)
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *author == "" || *kind == "" || *text == "" {
		return usagef("--author, --kind and --text are required")
	}
	body, err := c.textArg("--text", *text)
	if err != nil {
		return err
	}
	k, err := worklog.ParseKind(*kind)
	if err != nil {
		return usagef("--kind: %v", err)
	}
	tagList, err := worklog.ParseTags(*tags)
	if err != nil {
		return usagef("--tags: %v", err)
	}
	when, _, err := instantInZone("--at", *at, *tz, c.Now())
	if err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	u, err := db.AddUpdate(context.Background(), worklog.Update{Author: *author, Kind: k, At: when, Text: body, Tags: tagList})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "recorded %s %d by %s at %s\n", u.Kind, u.ID, termsafe.String(u.Author), u.At.Format(time.RFC3339))
	return nil
}

func runLogOneOnOne(c *Context, args []string) error {
	fs := c.Flags()
	memberName := fs.String("member", "", "the member the 1:1 was with")
	notes := fs.String("notes", "", "the notes (Markdown is kept as written; \"-\" reads them from standard input, at most 1 MiB)")
	var actions multiFlag
	fs.Var(&actions, "action", "an action item \"[Owner: ]TEXT [@YYYY-MM-DD]\" (repeat for several)")
	every := fs.String("every", "", "set the cadence too: none, 1w, 2w or 4w")
	at := fs.String("at", "", "when ("+tHelp+"; default now)")
	tz := zoneFlag(fs)
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *memberName == "" {
		return usagef("--member is required")
	}
	notesText, err := c.textArg("--notes", *notes)
	if err != nil {
		return err
	}
	if strings.TrimSpace(notesText) == "" && len(actions) == 0 {
		return usagef("give --notes or at least one --action")
	}
	var cadence *worklog.Cadence
	if *every != "" {
		cd, err := worklog.ParseCadence(*every)
		if err != nil {
			return usagef("--every: %v", err)
		}
		cadence = &cd
	}
	when, _, err := instantInZone("--at", *at, *tz, c.Now())
	if err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	members, err := db.Members(ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	m, err := db.Member(ctx, *memberName)
	if err != nil {
		return err
	}
	o := worklog.OneOnOne{Member: m.Name, At: when, Notes: notesText}
	for _, s := range actions {
		a, err := worklog.ParseAction(s, m.Name, names)
		if err != nil {
			return usagef("--action: %v", err)
		}
		o.Actions = append(o.Actions, a)
	}
	saved, err := db.WriteOneOnOne(ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "recorded 1:1 %d with %s at %s, %d action items (%d open)\n",
		saved.ID, termsafe.String(saved.Member), saved.At.Format(time.RFC3339), len(saved.Actions), saved.OpenCount())
	if cadence != nil {
		if err := setCadenceKeepingTime(ctx, db, m.Name, *cadence); err != nil {
			return err
		}
		fmt.Fprintf(c.Stdout, "cadence of %s: %s\n", termsafe.String(m.Name), cadence.Label())
	}
	return nil
}

// setCadenceKeepingTime changes a member's cadence and keeps the agreed time
// and length already set.
func setCadenceKeepingTime(ctx context.Context, db *store.DB, member string, cd worklog.Cadence) error {
	meetAt, minutes := worklog.DefaultMeetAt, worklog.DefaultMinutes
	ss, err := db.OneOnOneSchedules(ctx)
	if err != nil {
		return err
	}
	for _, s := range ss {
		if strings.EqualFold(s.Member, member) && s.Cadence != worklog.CadenceNone {
			meetAt, minutes = s.MeetAt, s.Minutes
		}
	}
	return db.SetCadence(ctx, member, cd, meetAt, minutes)
}

func runLogCadence(c *Context, args []string) error {
	fs := c.Flags()
	memberName := fs.String("member", "", "the member")
	every := fs.String("every", "", "none, 1w, 2w or 4w")
	clock := fs.String("time", worklog.DefaultMeetAt.String(), "agreed local time of the 1:1 in the member's zone")
	minutes := fs.Int("minutes", worklog.DefaultMinutes, "length of the 1:1 in minutes")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *memberName == "" || *every == "" {
		return usagef("--member and --every are required")
	}
	cd, err := worklog.ParseCadence(*every)
	if err != nil {
		return usagef("--every: %v", err)
	}
	meetAt, err := timezone.ParseTimeOfDay(*clock)
	if err != nil {
		return usagef("--time %q: give a time of day HH:MM", *clock)
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	if err := db.SetCadence(context.Background(), *memberName, cd, meetAt, *minutes); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "cadence of %s: %s\n", termsafe.String(*memberName), cd.Label())
	return nil
}

// searchEntry is one search hit in --json output.
type searchEntry struct {
	Kind    string `json:"kind"`
	Member  string `json:"member"`
	At      string `json:"at"`
	Text    string `json:"text"`
	Snippet string `json:"snippet"`
	ID      int64  `json:"id"`
}

func runLogSearch(c *Context, args []string) error {
	fs := c.Flags()
	asJSON := fs.Bool("json", false, "print JSON: [{\"kind\", \"member\", \"at\", \"text\", \"snippet\", \"id\"}]")
	limit := fs.Int("limit", 50, "at most this many results")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("give something to search for")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	hits, err := db.SearchLog(context.Background(), strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]searchEntry, 0, len(hits))
		for _, h := range hits {
			out = append(out, searchEntry{Kind: h.Kind, Member: h.Member, At: formatUTC(h.At), Text: h.Text,
				Snippet: h.SnippetText("**", "**"), ID: h.ID})
		}
		return writeJSON(c, out)
	}
	if len(hits) == 0 {
		fmt.Fprintln(c.Stdout, "no matches")
		return nil
	}
	for _, h := range hits {
		fmt.Fprintf(c.Stdout, "%s  %-10s %-12s %s\n", formatUTC(h.At), termsafe.String(h.Kind), termsafe.String(h.Member), oneLine(h.SnippetText("[", "]")))
	}
	return nil
}

func formatUTC(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// oneLine folds a text's lines into one for a table row, with every
// character that acts on a terminal escaped.
func oneLine(s string) string { return termsafe.String(strings.Join(strings.Fields(s), " ")) }

func writeJSON(c *Context, v any) error {
	enc := json.NewEncoder(c.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// updateEntry is one update in --json output.
type updateEntry struct {
	ID     int64    `json:"id"`
	Kind   string   `json:"kind"`
	Member string   `json:"member"`
	At     string   `json:"at"`
	Text   string   `json:"text"`
	Tags   []string `json:"tags"`
}

func runLogList(c *Context, args []string) error {
	fs := c.Flags()
	kind := fs.String("kind", "", "only this kind: status, decision, blocker or win")
	memberName := fs.String("member", "", "only updates by this member")
	tag := fs.String("tag", "", "only updates with this tag")
	rng := addRangeFlags(fs, openRange)
	asJSON := fs.Bool("json", false, "print JSON: [{\"id\", \"kind\", \"member\", \"at\", \"text\", \"tags\"}]")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	f := worklog.UpdateFilter{Author: *memberName, Tag: *tag}
	if *kind != "" {
		kind, err := worklog.ParseKind(*kind)
		if err != nil {
			return usagef("--kind: %v", err)
		}
		f.Kind = kind
	}
	loc, from, to, err := rng.parse(c)
	if err != nil {
		return err
	}
	f.From, f.To = from, to
	db, err := c.DB()
	if err != nil {
		return err
	}
	us, err := db.Updates(context.Background(), f)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONArray(c.Stdout, len(us), func(i int) any {
			u := us[i]
			tags := u.Tags
			if tags == nil {
				tags = []string{}
			}
			return updateEntry{ID: u.ID, Kind: string(u.Kind), Member: u.Author, At: formatUTC(u.At), Text: u.Text, Tags: tags}
		}, false)
	}
	for _, u := range us {
		tags := ""
		if len(u.Tags) > 0 {
			tags = termsafe.String("  #" + strings.Join(u.Tags, " #"))
		}
		fmt.Fprintf(c.Stdout, "%s  %-8s %-12s %s%s\n", u.At.In(loc).Format("2006-01-02 15:04"), u.Kind, termsafe.String(u.Author), oneLine(u.Text), tags)
	}
	return nil
}

// actionEntry is one action item in --json output.
type actionEntry struct {
	ID      int64  `json:"id"`
	Member  string `json:"member"`
	Owner   string `json:"owner"`
	Text    string `json:"text"`
	Due     string `json:"due,omitempty"`
	Raised  string `json:"raised"`
	Overdue bool   `json:"overdue"`
}

func runLogActions(c *Context, args []string) error {
	fs := c.Flags()
	memberName := fs.String("member", "", "only items from 1:1s with this member")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	items, err := db.OpenActions(ctx, *memberName)
	if err != nil {
		return err
	}
	zones, err := memberZones(c)
	if err != nil {
		return err
	}
	items = worklog.SortActions(items, zones, c.Now())
	if *asJSON {
		out := make([]actionEntry, 0, len(items))
		for _, a := range items {
			out = append(out, actionEntry{ID: a.ID, Member: a.Member, Owner: a.Owner, Text: a.Text, Due: dateOrEmpty(a.Due),
				Raised: dateOrEmpty(a.Raised), Overdue: a.Overdue(zones(a.Member), c.Now())})
		}
		return writeJSON(c, out)
	}
	if len(items) == 0 {
		fmt.Fprintln(c.Stdout, "no open action items")
		return nil
	}
	for _, a := range items {
		due := "no due date"
		if !a.Due.IsZero() {
			due = "due " + a.Due.String()
		}
		if a.Overdue(zones(a.Member), c.Now()) {
			due += " OVERDUE"
		}
		fmt.Fprintf(c.Stdout, "#%-5d %-12s %s  (%s, 1:1 with %s)\n", a.ID, termsafe.String(a.Owner), oneLine(a.Text), due, termsafe.String(a.Member))
	}
	return nil
}

func dateOrEmpty(d timezone.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// memberZones returns a lookup of a member's zone by name (UTC when unknown).
func memberZones(c *Context) (func(string) *time.Location, error) {
	db, err := c.DB()
	if err != nil {
		return nil, err
	}
	ms, err := db.Members(context.Background())
	if err != nil {
		return nil, err
	}
	locs := map[string]*time.Location{}
	for _, m := range ms {
		if loc, err := m.Location(); err == nil {
			locs[strings.ToLower(m.Name)] = loc
		}
	}
	return func(name string) *time.Location {
		if loc, ok := locs[strings.ToLower(name)]; ok {
			return loc
		}
		return time.UTC
	}, nil
}

func runLogDone(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("give the IDs of the action items that are done")
	}
	var ids []int64
	for _, p := range pos {
		id, err := strconv.ParseInt(strings.TrimPrefix(p, "#"), 10, 64)
		if err != nil || id <= 0 {
			return usagef("action item ID %q is not a number", p)
		}
		ids = append(ids, id)
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := db.SetActionDone(context.Background(), id, true); err != nil {
			return err
		}
		fmt.Fprintf(c.Stdout, "action item %d done\n", id)
	}
	return nil
}

func runLogOverdue(c *Context, args []string) error {
	fs := c.Flags()
	all := fs.Bool("all", false, "list every member with a cadence, not only the overdue ones")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ss, err := db.OneOnOneSchedules(context.Background())
	if err != nil {
		return err
	}
	now := c.Now()
	worklog.SortByDue(ss, now)
	shown := 0
	for _, s := range ss {
		d := s.DueAt(now)
		if d.Next.IsZero() || (!d.Overdue && !*all) {
			continue
		}
		shown++
		last := "never"
		if !s.Last.IsZero() {
			last = timezone.DateOf(s.Last.In(s.Location())).String()
		}
		state := "due " + d.Next.String()
		if d.Overdue {
			state = fmt.Sprintf("OVERDUE since %s (%d days)", d.Next, d.DaysLate)
		}
		fmt.Fprintf(c.Stdout, "%-14s %-14s last %-10s  %s\n", termsafe.String(s.Member), s.Cadence.Label(), last, state)
	}
	if shown == 0 {
		fmt.Fprintln(c.Stdout, "no overdue 1:1s")
	}
	return nil
}

func runLogExport(c *Context, args []string) error {
	fs := c.Flags()
	format := fs.String("format", "markdown", "export format (markdown)")
	out := fs.String("o", "", "the file to write (\"-\" for standard output)")
	memberName := fs.String("member", "", "only this member's 1:1s and updates")
	rng := addRangeFlags(fs, openRange)
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *format != "markdown" && *format != "md" {
		return usagef("--format %q: only markdown is supported", *format)
	}
	if *out == "" {
		return usagef("-o FILE is required")
	}
	loc, from, to, err := rng.parse(c)
	if err != nil {
		return err
	}
	scope := worklog.Scope{Member: *memberName, From: from, To: to}
	db, err := c.DB()
	if err != nil {
		return err
	}
	if scope.Member != "" {
		m, err := db.Member(context.Background(), scope.Member)
		if err != nil {
			return err
		}
		scope.Member = m.Name
	}
	l, err := db.WholeLog(context.Background())
	if err != nil {
		return err
	}
	if *out == "-" {
		return worklog.WriteMarkdown(c.Stdout, l, scope, loc)
	}
	if err := writeExport(*out, atomicfile.Private, func(w io.Writer) error { return worklog.WriteMarkdown(w, l, scope, loc) }); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "wrote %s\n", termsafe.String(*out))
	return nil
}
