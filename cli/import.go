package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/internal/termsafe"
)

func init() {
	register(&command{path: "import ics", args: "FILE --member NAME",
		summary: "Import a calendar (.ics from Google, Outlook, Apple, ...) as the member's time off for the coming year; importing it again changes nothing.",
		run:     runImportICS, paths: true})
}

func runImportICS(c *Context, args []string) error {
	fs := c.Flags()
	member := fs.String("member", "", "the member whose time off the calendar holds")
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one .ics file to import")
	}
	if *member == "" {
		return usagef("--member NAME is required")
	}
	if err := refuseFollower(c); err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	m, err := db.Member(ctx, *member)
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := calfeed.ImportTimeOff(ctx, db, m, filepath.Base(pos[0]), f, c.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "imported %s for %s:\n", termsafe.String(pos[0]), termsafe.String(m.Name))
	for _, l := range res.Report() {
		fmt.Fprintln(c.Stdout, "  "+termsafe.String(l))
	}
	return nil
}
