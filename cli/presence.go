package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dev.remotecto/remotecto/internal/desktopentry"
	"dev.remotecto/remotecto/reminders"
)

func init() {
	register(&command{path: "me", args: "[NAME] [--clear]",
		summary: "Say who uses this database (a member, any case), clear it, or print it. The reminders and the GUI's \"your\" views follow it.",
		run:     runMe})
	register(&command{path: "reminders", args: "[--me NAME] [--from T] [--to T] [--tz ZONE] [--json]",
		summary: "List the reminders the desktop app would show in a range, in order (default: mine, as set with 'me', from now for 7 days).",
		run:     runReminders})
	register(&command{path: "install-desktop", args: "[--prefix DIR] [--uninstall]",
		summary: "Install the desktop entry and icons so the app shows in menus and launchers (default prefix ~/.local), or remove them.",
		run:     runInstallDesktop})
}

func runMe(c *Context, args []string) error {
	fs := c.Flags()
	clear := fs.Bool("clear", false, "forget who uses this database")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(strings.Join(pos, " "))
	if *clear && name != "" {
		return usagef("give a NAME or --clear, not both")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	switch {
	case *clear:
		if _, err := db.SetMe(ctx, ""); err != nil {
			return err
		}
		fmt.Fprintln(c.Stdout, "me: nobody (cleared)")
		return nil
	case name != "":
		stored, err := db.SetMe(ctx, name)
		if err != nil {
			return withMemberNames(ctx, c, err)
		}
		name = stored
	default:
		if name, err = db.Me(ctx); err != nil {
			return err
		}
		if name == "" {
			fmt.Fprintln(c.Stdout, "me: nobody; say who with: remotecto me NAME")
			return nil
		}
	}
	m, err := db.Member(ctx, name)
	if err != nil {
		return err
	}
	who := m.Name + " (" + m.Zone
	if m.Role != "" {
		who += ", " + m.Role
	}
	fmt.Fprintf(c.Stdout, "me: %s)\n", who)
	return nil
}

// withMemberNames adds the members' names to an unknown-member error, so the
// user sees what they could have typed.
func withMemberNames(ctx context.Context, c *Context, err error) error {
	db, _ := c.DB()
	ms, merr := db.Members(ctx)
	if merr != nil || len(ms) == 0 {
		return err
	}
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		names = append(names, m.Name)
	}
	return fmt.Errorf("%w (members: %s)", err, strings.Join(names, ", "))
}

// reminderJSON is one reminder as `reminders --json` prints it.
type reminderJSON struct {
	At       string `json:"at"`
	Kind     string `json:"kind"`
	Rotation string `json:"rotation,omitempty"`
	Member   string `json:"member,omitempty"`
	Title    string `json:"title,omitempty"`
	Body     string `json:"body,omitempty"`
}

// reminderDays is the default length of the range of `reminders`.
const reminderDays = 7

func runReminders(c *Context, args []string) error {
	fs := c.Flags()
	me := fs.String("me", "", "whose reminders (default: the member set with 'remotecto me')")
	fromS := fs.String("from", "", "start of the range (RFC 3339 instant or date; default now)")
	toS := fs.String("to", "", fmt.Sprintf("end of the range, exclusive (default %d days after the start)", reminderDays))
	tz := zoneFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	loc, err := loadZoneFlag(*tz)
	if err != nil {
		return err
	}
	from := c.Now().UTC().Truncate(time.Second)
	if *fromS != "" {
		if from, err = parseT("--from", *fromS, loc); err != nil {
			return err
		}
	}
	to := from.AddDate(0, 0, reminderDays)
	if *toS != "" {
		if to, err = parseT("--to", *toS, loc); err != nil {
			return err
		}
	}
	if !from.Before(to) {
		return usagef("--from %s is not before --to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if to.Sub(from) > reminders.MaxRange {
		return usagef("--from %s to --to %s is longer than %d days", from.Format(time.RFC3339), to.Format(time.RFC3339), reminders.MaxRange/(24*time.Hour))
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	in, err := db.ReminderInput(ctx, *me)
	if err != nil {
		return err
	}
	rs, err := reminders.List(in, from, to)
	if err != nil {
		if *me != "" {
			return withMemberNames(ctx, c, err)
		}
		return err
	}
	if *asJSON {
		out := make([]reminderJSON, len(rs))
		for i, r := range rs {
			out[i] = reminderJSON{At: r.At.UTC().Format(time.RFC3339), Kind: string(r.Kind), Rotation: r.Rotation,
				Member: r.Member, Title: r.Title, Body: r.Body}
		}
		return writeOncallJSON(c.Stdout, out)
	}
	who := "the whole team (nobody set with 'remotecto me NAME')"
	if in.Me != "" {
		if m, ok := in.Team.Member(in.Me); ok {
			who = m.Name + " (" + m.Zone + ")"
		}
	}
	const layout = "Mon 2006-01-02 15:04"
	fmt.Fprintf(c.Stdout, "Reminders for %s from %s to %s %s\n", who, from.In(loc).Format(layout), to.In(loc).Format(layout), loc)
	if len(rs) == 0 {
		fmt.Fprintln(c.Stdout, "\nnone")
		return nil
	}
	for _, r := range rs {
		fmt.Fprintf(c.Stdout, "\n%s  %-11s  %s\n", r.At.In(loc).Format(layout), r.Kind, r.Title)
		if r.Body != "" {
			fmt.Fprintf(c.Stdout, "    %s\n", r.Body)
		}
	}
	return nil
}

// executable returns the running program's absolute path; tests replace it.
var executable = desktopentry.Executable

func runInstallDesktop(c *Context, args []string) error {
	fs := c.Flags()
	prefix := fs.String("prefix", "", "install under DIR/share (default ~/.local)")
	uninstall := fs.Bool("uninstall", false, "remove the entry and icons instead")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	if *prefix == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("find the home directory: %w (give --prefix DIR)", err)
		}
		*prefix = filepath.Join(home, ".local")
	}
	dir, err := filepath.Abs(*prefix)
	if err != nil {
		return fmt.Errorf("--prefix %q: %w", *prefix, err)
	}
	if *uninstall {
		removed, err := desktopentry.Uninstall(dir)
		for _, f := range removed {
			fmt.Fprintln(c.Stdout, "removed", f)
		}
		if err == nil && len(removed) == 0 {
			fmt.Fprintf(c.Stdout, "nothing to remove under %s\n", dir)
		}
		return err
	}
	exe, err := executable()
	if err != nil {
		return err
	}
	argv := []string{exe}
	if c.dbPath != "" {
		p, err := filepath.Abs(c.dbPath)
		if err != nil {
			return fmt.Errorf("--db %q: %w", c.dbPath, err)
		}
		argv = append(argv, "--db", p)
	}
	written, err := desktopentry.Install(dir, argv)
	for _, f := range written {
		fmt.Fprintln(c.Stdout, "wrote", f)
	}
	if err != nil {
		return err
	}
	if tmp := os.TempDir(); strings.HasPrefix(exe, filepath.Clean(tmp)+string(filepath.Separator)) {
		fmt.Fprintf(c.Stderr, "warning: %s is in a temporary directory (go run?); the entry stops working when it goes. Build the program and install from there.\n", exe)
	}
	fmt.Fprintf(c.Stdout, "remotecto is in your applications menu now (some desktops notice after you log in again). Undo with: remotecto install-desktop --prefix %s --uninstall\n", dir)
	return nil
}
