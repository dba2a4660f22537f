package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

func init() {
	register(&command{path: "overlap", args: "--date YYYY-MM-DD [--tz ZONE] [--members A,B,...] [--json]",
		summary: "Show when the chosen members (all by default) are all in working hours on a day of --tz, and who is available through the day. Hours crossing midnight count on the day they reach into; time off is left out.",
		run:     runOverlap})
}

// overlapJSON is the --json output; field order and names are part of the
// command's contract.
type overlapJSON struct {
	Date     string         `json:"date"`
	TZ       string         `json:"tz"`
	Windows  []spanJSON     `json:"windows"`
	Coverage []coverageJSON `json:"coverage"`
}

type spanJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type coverageJSON struct {
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Count   int      `json:"count"`
	Members []string `json:"members"`
}

func runOverlap(c *Context, args []string) error {
	fs := c.Flags()
	dateS := fs.String("date", "", "the day, YYYY-MM-DD, in --tz (default: today in --tz)")
	tz := zoneFlag(fs)
	membersS := fs.String("members", "", "comma-separated member names (default: everyone)")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	loc, err := loadZoneFlag(*tz)
	if err != nil {
		return err
	}
	day := timezone.DateOf(c.Now().In(loc))
	if *dateS != "" {
		if day, err = parseDate("--date", *dateS); err != nil {
			return err
		}
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	all, err := db.Members(context.Background())
	if err != nil {
		return err
	}
	chosen, err := chooseMembers(all, *membersS)
	if err != nil {
		return err
	}
	people, err := roster.People(chosen)
	if err != nil {
		return err
	}
	win := timezone.DayWindow(day, loc)
	windows := timezone.Windows(people, win)
	coverage := timezone.Coverage(people, win)
	if *asJSON {
		return writeOverlapJSON(c.Stdout, day, loc, windows, coverage)
	}
	writeOverlapTable(c.Stdout, day, loc, people, win, windows, coverage)
	return nil
}

// chooseMembers picks the members named in list (comma-separated, matched
// case-insensitively), or everyone when list is empty. Names come back as
// stored, sorted by name.
func chooseMembers(all []roster.Member, list string) ([]roster.Member, error) {
	if strings.TrimSpace(list) == "" {
		if len(all) == 0 {
			return nil, fmt.Errorf("the team has no members yet: import a team file first")
		}
		return all, nil
	}
	var out []roster.Member
	seen := map[int64]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		m, ok := roster.FindMember(all, name)
		if !ok {
			return nil, fmt.Errorf("--members: member %q: %w", name, store.ErrNotFound)
		}
		if !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, usagef("--members %q names nobody", list)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func utcText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func writeOverlapJSON(w io.Writer, day timezone.Date, loc *time.Location, windows []timezone.Interval, coverage []timezone.Slot) error {
	out := overlapJSON{Date: day.String(), TZ: loc.String(), Windows: []spanJSON{}, Coverage: []coverageJSON{}}
	for _, iv := range windows {
		out.Windows = append(out.Windows, spanJSON{Start: utcText(iv.Start), End: utcText(iv.End)})
	}
	for _, s := range coverage {
		members := s.Members()
		if members == nil {
			members = []string{}
		}
		out.Coverage = append(out.Coverage, coverageJSON{Start: utcText(s.Start), End: utcText(s.End), Count: s.Count(), Members: members})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// wall formats an instant as the viewer's wall clock, "24:00" for the end of
// the day and with the zone abbreviation when the day has a DST change (so a
// repeated hour is told apart).
func wall(t time.Time, loc *time.Location, win timezone.Interval, dst bool) string {
	if t.Equal(win.End) {
		return "24:00"
	}
	lt := t.In(loc)
	if dst {
		return lt.Format("15:04 MST")
	}
	return lt.Format("15:04")
}

func writeOverlapTable(w io.Writer, day timezone.Date, loc *time.Location, people []timezone.Person, win timezone.Interval, windows []timezone.Interval, coverage []timezone.Slot) {
	_, off1 := win.Start.In(loc).Zone()
	_, off2 := win.End.Add(-time.Nanosecond).In(loc).Zone()
	dst := off1 != off2
	fmt.Fprintf(w, "%s (%s) in %s, %d members", day, day.Weekday(), loc, len(people))
	switch h := win.Duration().Hours(); {
	case h == 0:
		fmt.Fprintf(w, "; this day does not exist in %s (the clocks skipped it)", loc)
	case h != 24:
		fmt.Fprintf(w, "; this day is %g hours long", h)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "\nEveryone in working hours:")
	if len(windows) == 0 {
		fmt.Fprintln(w, "  never")
		if best := timezone.BestPartial(people, win, 3); len(best) > 0 {
			fmt.Fprintln(w, "\nBest partial windows:")
			fmt.Fprintln(tw, "  START\tEND\tUTC\tAVAILABLE\tMISSING")
			for _, s := range best {
				fmt.Fprintf(tw, "  %s\t%s\t%s-%s\t%d\t%s\n", wall(s.Start, loc, win, dst), wall(s.End, loc, win, dst),
					s.Start.UTC().Format("15:04"), s.End.UTC().Format("15:04"), s.Count(), termsafe.String(strings.Join(s.Missing(), ", ")))
			}
			tw.Flush()
		}
	} else {
		fmt.Fprintln(tw, "  START\tEND\tUTC\tLENGTH")
		for _, iv := range windows {
			fmt.Fprintf(tw, "  %s\t%s\t%s-%s\t%s\n", wall(iv.Start, loc, win, dst), wall(iv.End, loc, win, dst),
				iv.Start.UTC().Format("15:04"), iv.End.UTC().Format("15:04"), hm(iv.Duration()))
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\nWho is available:")
	fmt.Fprintln(tw, "  START\tEND\tUTC\tCOUNT\tMEMBERS")
	for _, s := range coverage {
		who := termsafe.String(strings.Join(s.Members(), ", "))
		if who == "" {
			who = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s-%s\t%d\t%s\n", wall(s.Start, loc, win, dst), wall(s.End, loc, win, dst),
			s.Start.UTC().Format("15:04"), s.End.UTC().Format("15:04"), s.Count(), who)
	}
	tw.Flush()
}

// hm formats a duration as 2h30.
func hm(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	return fmt.Sprintf("%dh%02d", m/60, m%60)
}
