package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
)

func init() {
	register(&command{path: "oncall shifts",
		args:    "--rotation NAME --from T --to T [--tz ZONE] [--json]",
		summary: "List a rotation's shifts that overlap [from, to), whole, with overrides applied (default window: from now, one year ahead).",
		run:     runOncallShifts})
	register(&command{path: "oncall now",
		args:    "[--at T] [--tz ZONE] [--json]",
		summary: "Show who is on call in each rotation, until when, and the escalation chain as it stands (default: now).",
		run:     runOncallNow})
}

// oncallInstant formats an instant as the JSON outputs do: UTC, RFC 3339, Z.
func oncallInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

type shiftJSON struct {
	Rotation string `json:"rotation"`
	Member   string `json:"member"`
	Start    string `json:"start"`
	End      string `json:"end"`
}

func runOncallShifts(c *Context, args []string) error {
	fs := c.Flags()
	name := fs.String("rotation", "", "the rotation (required)")
	rng := addRangeFlags(fs, aheadRange)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("--rotation NAME is required")
	}
	loc, from, to, err := rng.parse(c)
	if err != nil {
		return err
	}
	r, err := loadRotation(c, *name)
	if err != nil {
		return err
	}
	shifts := oncall.Shifts(r, from, to)
	if *asJSON {
		return writeJSONArray(c.Stdout, len(shifts), func(i int) any {
			s := shifts[i]
			return shiftJSON{s.Rotation, s.Member, oncallInstant(s.Start), oncallInstant(s.End)}
		}, true)
	}
	if len(shifts) == 0 {
		fmt.Fprintf(c.Stdout, "no shifts of %s between %s and %s\n", termsafe.String(r.Name), from.In(loc).Format(time.RFC3339), to.In(loc).Format(time.RFC3339))
		return nil
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintf(tw, "MEMBER\tSTART (%s)\tEND\tHOURS\t\n", loc)
	for _, s := range shifts {
		note := ""
		if s.Override {
			note = "override"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", termsafe.String(s.Member), s.Start.In(loc).Format("Mon 2006-01-02 15:04"),
			s.End.In(loc).Format("Mon 2006-01-02 15:04"), shiftHours(s.End.Sub(s.Start)), note)
	}
	return tw.Flush()
}

type nowJSON struct {
	At         string           `json:"at"`
	Rotations  []nowRotation    `json:"rotations"`
	Escalation []escalationJSON `json:"escalation"`
}

type nowRotation struct {
	Rotation string `json:"rotation"`
	Member   string `json:"member"`
	Until    string `json:"until"`
}

type escalationJSON struct {
	Level        int      `json:"level"`
	AfterMinutes int      `json:"after_minutes"`
	Members      []string `json:"members"`
}

func runOncallNow(c *Context, args []string) error {
	fs := c.Flags()
	atS := fs.String("at", "", "the instant ("+tHelp+"; default now)")
	tz := zoneFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	at, loc, err := instantInZone("--at", *atS, *tz, c.Now())
	if err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	rots, err := db.Rotations(ctx)
	if err != nil {
		return err
	}
	members, err := db.Members(ctx)
	if err != nil {
		return err
	}
	policy, err := db.Policy(ctx)
	if err != nil {
		return err
	}
	statuses := oncall.Now(rots, at)
	esc := oncall.Resolve(policy, rots, memberKnown(members), at)
	if *asJSON {
		out := nowJSON{At: oncallInstant(at), Rotations: []nowRotation{}, Escalation: []escalationJSON{}}
		for _, st := range statuses {
			out.Rotations = append(out.Rotations, nowRotation{st.Rotation, st.Current.Member, oncallInstant(st.Until())})
		}
		for _, l := range esc.Levels {
			out.Escalation = append(out.Escalation, escalationJSON{l.Level, l.AfterMinutes, l.Members})
		}
		return writeOncallJSON(c.Stdout, out)
	}
	printOncallNow(c.Stdout, at, loc, statuses, esc, members)
	return nil
}

func printOncallNow(w io.Writer, at time.Time, loc *time.Location, statuses []oncall.Status, esc oncall.Escalation, members []roster.Member) {
	fmt.Fprintf(w, "On call at %s\n\n", at.In(loc).Format("Mon 2006-01-02 15:04 MST"))
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ROTATION\tON CALL\tUNTIL\tTHEIR TIME NOW\tNEXT\tCONTACT")
	for _, st := range statuses {
		who, local, contact := "nobody", "", ""
		if st.OnCall {
			who = st.Current.Member
			if m, ok := roster.FindMember(members, who); ok {
				if ml, err := m.Location(); err == nil {
					local = at.In(ml).Format("Mon 15:04 MST")
				}
				contact = memberContacts(m)
			}
		}
		until := "-"
		if u := st.Until(); !u.IsZero() {
			until = u.In(loc).Format("Mon 01-02 15:04")
		}
		next := "-"
		if st.HasNext {
			next = st.Next.Member
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", termsafe.String(st.Rotation), termsafe.String(who), until, local,
			termsafe.String(next), termsafe.String(contact))
	}
	tw.Flush()
	if len(esc.Levels) == 0 {
		fmt.Fprintln(w, "\nNo escalation policy.")
		return
	}
	fmt.Fprintf(w, "\nEscalation (the chain repeats %d more times when nobody answers)\n", esc.Repeat)
	tw = tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "LEVEL\tAFTER\tPAGES\tCONTACT")
	for _, l := range esc.Levels {
		who := strings.Join(l.Members, ", ")
		if l.Empty() {
			who = "NOBODY (no one resolves)"
		}
		var contacts []string
		for _, n := range l.Members {
			if m, ok := roster.FindMember(members, n); ok {
				contacts = append(contacts, memberContacts(m))
			}
		}
		fmt.Fprintf(tw, "%d\t%d min\t%s\t%s\n", l.Level, l.AfterMinutes, termsafe.String(who), termsafe.String(strings.Join(contacts, "; ")))
	}
	tw.Flush()
	if esc.Protocol != "" {
		fmt.Fprintf(w, "\nProtocol: %s\n", termsafe.Text(esc.Protocol))
	}
}

// memberContacts joins a member's phone, email and chat handle.
func memberContacts(m roster.Member) string { return calfeed.Contacts(m) }

func memberKnown(members []roster.Member) func(string) bool {
	return func(name string) bool { _, ok := roster.FindMember(members, name); return ok }
}

// loadRotation loads the rotation with the given name (case-insensitive).
func loadRotation(c *Context, name string) (oncall.Rotation, error) {
	db, err := c.DB()
	if err != nil {
		return oncall.Rotation{}, err
	}
	rots, err := db.Rotations(context.Background())
	if err != nil {
		return oncall.Rotation{}, err
	}
	for _, r := range rots {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			return r, nil
		}
	}
	names := make([]string, len(rots))
	for i, r := range rots {
		names[i] = r.Name
	}
	return oncall.Rotation{}, fmt.Errorf("rotation %s (known: %s): %w", termsafe.Quote(name), termsafe.String(strings.Join(names, ", ")), store.ErrNotFound)
}

func shiftHours(d time.Duration) string {
	h := d.Hours()
	if h == float64(int(h)) {
		return fmt.Sprintf("%dh", int(h))
	}
	return fmt.Sprintf("%.1fh", h)
}

func writeOncallJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
