package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dev.remotecto/remotecto/internal/atomicfile"
	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/sheet"
)

func init() {
	register(&command{path: "export sheet",
		args: "[--from T] [--weeks N] [--tz ZONE] -o FILE.pdf|FILE.html",
		summary: "Write the emergency sheet (protocol, escalation chain, contacts, critical links, who is on call in the coming weeks) " +
			"as a PDF or a self-contained HTML page that works offline. The file is private (mode 0600): it holds everyone's phone numbers.",
		run: runExportSheet})
}

func runExportSheet(c *Context, args []string) error {
	fs := c.Flags()
	fromS := fs.String("from", "", "the instant the sheet describes; the schedule starts there ("+tHelp+"; default now)")
	weeks := fs.Int("weeks", 4, fmt.Sprintf("weeks of on-call schedule (%d to %d)", sheet.MinWeeks, sheet.MaxWeeks))
	tz := zoneFlag(fs)
	out := fs.String("o", "", "the file to write: .pdf or .html")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	format := strings.ToLower(filepath.Ext(*out))
	switch {
	case *out == "":
		return usagef("-o FILE.pdf or -o FILE.html is required")
	case format == ".htm":
		format = ".html"
	case format != ".pdf" && format != ".html":
		return usagef("-o %s: the name must end in .pdf or .html", *out)
	}
	if *weeks < sheet.MinWeeks || *weeks > sheet.MaxWeeks {
		return usagef("--weeks %d: give %d to %d", *weeks, sheet.MinWeeks, sheet.MaxWeeks)
	}
	from, _, err := instantInZone("--from", *fromS, *tz, c.Now())
	if err != nil {
		return err
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	t, err := db.Team(ctx)
	if err != nil {
		return err
	}
	if t, err = t.Validate(); err != nil {
		return fmt.Errorf("the stored team: %w", err)
	}
	st, err := db.ProtocolState(ctx)
	if err != nil {
		return err
	}
	s := sheet.BuildReviewed(t, st, from, *weeks)
	write := func(w io.Writer) error { return sheet.WriteHTML(w, s) }
	if format == ".pdf" {
		write = func(w io.Writer) error { return sheet.WritePDF(w, s) }
	}
	if err := writeExport(*out, atomicfile.Private, write); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "wrote the emergency sheet to %s (%s, on call %d weeks from %s)\n", termsafe.String(*out), strings.TrimPrefix(format, "."),
		s.Weeks, s.From.Format("2006-01-02 15:04 UTC"))
	return nil
}
