package cli

import (
	"context"
	"fmt"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/store"
)

func init() {
	register(&command{path: "backup", args: "FILE.db",
		summary: "Write a consistent copy of the database to a new file, readable by you only (a file that exists is refused).",
		run:     runBackup, paths: true})
	register(&command{path: "restore", args: "FILE.db",
		summary: "Replace the database with a backup: the file is checked (integrity, a remotecto database not newer than this program; an older one is brought up to date) " +
			"and the current database is kept beside it as a dated .bak file. Close remotecto's window first: a database open in another program is refused. " +
			"With no database yet, the backup becomes it.",
		run: runRestore, creates: true, paths: true})
}

func runBackup(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the backup file to write")
	}
	db, err := c.DB()
	if err != nil {
		return err
	}
	if err := db.Backup(context.Background(), pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "backed up %s to %s\n", termsafe.String(db.Path()), termsafe.String(pos[0]))
	return nil
}

func runRestore(c *Context, args []string) error {
	fs := c.Flags()
	pos, err := c.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the backup file to restore")
	}
	live, err := c.Path()
	if err != nil {
		return err
	}
	kept, err := store.Restore(live, pos[0], c.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "restored %s from %s\n", termsafe.String(live), termsafe.String(pos[0]))
	if kept != "" {
		fmt.Fprintf(c.Stdout, "the database it replaced is kept in %s\n", termsafe.String(kept))
	}
	return nil
}
