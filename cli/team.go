package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"dev.remotecto/remotecto/internal/atomicfile"
	"dev.remotecto/remotecto/teamfile"
)

func init() {
	register(&command{path: "team import", args: "FILE.json",
		summary: "Import members, rotations and the escalation policy from a team file (one transaction: a bad record changes nothing).",
		run:     runTeamImport, creates: true, paths: true})
	register(&command{path: "team export", args: "FILE.json",
		summary: "Write the whole team to a team file (\"-\" for standard output).",
		run:     runTeamExport, paths: true})
}

func runTeamImport(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one team file to import")
	}
	if err := refuseFollower(c); err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := teamfile.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	sum, err := db.ImportTeam(context.Background(), t)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	fmt.Fprintf(c.Stdout, "imported %s: %s\n", pos[0], sum)
	return nil
}

func runTeamExport(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the file to write")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	t, err := db.Team(context.Background())
	if err != nil {
		return err
	}
	if pos[0] == "-" {
		return teamfile.Encode(c.Stdout, t)
	}
	return writeExport(pos[0], atomicfile.Private, func(w io.Writer) error { return teamfile.Encode(w, t) })
}
