// Command remotecto helps a remote CTO run a distributed team: a time-zone
// overlap planner, an on-call rota with escalation, and a 1:1 and update log.
// With no subcommand it opens the GUI; subcommands work with no display.
package main

import (
	"context"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	_ "dev.remotecto/remotecto/internal/localeenv"  // first: see its doc
	_ "dev.remotecto/remotecto/internal/sessionbus" // never start a D-Bus of our own

	"fmt"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"dev.remotecto/remotecto/app"
	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/cli"
	"dev.remotecto/remotecto/store"
)

func main() {
	dbPath, rest, err := cli.SplitGlobal(os.Args[1:])
	if err != nil || len(rest) > 0 {
		os.Exit(cli.Run(os.Args[1:], cli.DefaultEnv()))
	}
	if dbPath == "" {
		if dbPath, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(os.Stderr, "remotecto:", err)
			os.Exit(1)
		}
	}
	a := fyneapp.NewWithID("io.remotecto.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	db, err := store.Open(dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "remotecto:", err)
		app.NewStartupErrorWindow(a, dbPath, err).ShowAndRun()
		os.Exit(1)
	}
	defer db.Close()
	opts := windowOptions()
	// File -> Restore from backup… swaps the file under the open store.
	opts.Restore = func(ctx context.Context, backup string) error {
		_, err := db.Restore(ctx, backup)
		return err
	}
	w := app.NewMainWindow(a, db, opts)
	// Hand the garbage of start-up (the fonts' parse buffers, the first
	// layout) back to the system once the first frame is up.
	time.AfterFunc(time.Second, debug.FreeOSMemory)
	w.ShowAndRun()
}

// windowOptions reads how to open the window from the environment, for
// screenshots and demonstrations (see the README): REMOTECTO_TAB (team,
// overlap, oncall, log), REMOTECTO_THEME (light, dark, system; not
// remembered), REMOTECTO_SIZE (WIDTHxHEIGHT) and REMOTECTO_OPEN (a dialog
// to open, such as add-member).
func windowOptions() app.Options {
	opts := app.Options{
		Tab:   os.Getenv("REMOTECTO_TAB"),
		Theme: os.Getenv("REMOTECTO_THEME"),
		Open:  os.Getenv("REMOTECTO_OPEN"),
	}
	if w, h, ok := strings.Cut(os.Getenv("REMOTECTO_SIZE"), "x"); ok {
		wi, err1 := strconv.Atoi(w)
		hi, err2 := strconv.Atoi(h)
		if err1 == nil && err2 == nil && wi > 0 && hi > 0 {
			opts.Size = fyne.NewSize(float32(wi), float32(hi))
		}
	}
	return opts
}
