package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/internal/atomicfile"
	"dev.remotecto/remotecto/internal/termsafe"
)

func init() {
	register(&command{path: "export ics",
		args:    "(--rotation NAME | --member NAME | --one-on-ones | --all) [--from T] [--to T] [--tz ZONE] -o FILE",
		summary: "Export a calendar: a rotation's shifts, one member's shifts across rotations, the 1:1 cadences, or everything (default window: from now, one year ahead).",
		run:     runExportICS})
}

func runExportICS(c *Context, args []string) error {
	fs := c.Flags()
	rotation := fs.String("rotation", "", "export this rotation's shifts")
	member := fs.String("member", "", "export this member's shifts across all rotations")
	oneOnOnes := fs.Bool("one-on-ones", false, "export the 1:1 cadences as recurring events")
	all := fs.Bool("all", false, "export everything")
	rng := addRangeFlags(fs, aheadRange)
	out := fs.String("o", "", "the .ics file to write (\"-\" for standard output)")
	if err := c.ParseFlags(fs, args); err != nil {
		return err
	}
	chosen := 0
	for _, b := range []bool{*rotation != "", *member != "", *oneOnOnes, *all} {
		if b {
			chosen++
		}
	}
	if chosen != 1 {
		return usagef("choose one of --rotation, --member, --one-on-ones, --all")
	}
	if *out == "" {
		return usagef("-o FILE is required")
	}
	_, from, to, err := rng.parse(c)
	if err != nil {
		return err
	}
	var cal calendar.Calendar
	switch {
	case *rotation != "":
		cal, err = rotationCalendar(c, *rotation, from, to)
	case *member != "":
		cal, err = memberShiftCalendar(c, *member, from, to)
	case *oneOnOnes:
		cal, err = oneOnOneCalendar(c, from, to)
	default:
		cal, err = allCalendar(c, from, to)
	}
	if err != nil {
		return err
	}
	if err := writeCalendar(c, cal, *out); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(c.Stdout, "wrote %d events to %s\n", len(cal.Events), termsafe.String(*out))
	}
	return nil
}

// allCalendar is every calendar the app exports, in one file.
func allCalendar(c *Context, from, to time.Time) (calendar.Calendar, error) {
	cal := calendar.Calendar{Name: "remotecto"}
	t, err := storedTeam(c)
	if err != nil {
		return cal, err
	}
	cal.Events = calfeed.AllShiftsCalendar(t, from, to).Events
	oc, err := oneOnOneCalendar(c, from, to)
	if err != nil {
		return cal, err
	}
	cal.Events = append(cal.Events, oc.Events...)
	mc, err := meetingCalendar(c, from, to)
	if err != nil {
		return cal, err
	}
	cal.Events = append(cal.Events, mc.Events...)
	return cal, nil
}

// writeCalendar encodes cal to path ("-" for standard output), atomically.
// Every event gets its SEQUENCE from the database first: unchanged events
// keep their number, changed ones go up by one.
func writeCalendar(c *Context, cal calendar.Calendar, path string) error {
	db, err := c.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if path == "-" {
		return calendar.Publish(ctx, c.Stdout, cal, db, c.Now())
	}
	return writeExport(path, atomicfile.Public, func(w io.Writer) error { return calendar.Publish(ctx, w, cal, db, c.Now()) })
}
