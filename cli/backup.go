package cli

import (
	"context"
	"fmt"
)

func init() {
	register(&command{path: "backup", args: "FILE.db",
		summary: "Write a consistent copy of the database to a new file (VACUUM INTO).",
		run:     runBackup})
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
	fmt.Fprintf(c.Stdout, "backed up %s to %s\n", db.Path(), pos[0])
	return nil
}
