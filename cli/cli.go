// Package cli is remotecto's command line: subcommands that never open a
// window and work with no display at all. They call the same domain and
// storage code as the GUI.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/store"
)

// Env is what a command needs from the outside world.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// Now returns the current time; tests fix it.
	Now func() time.Time
	// Secrets keeps the passwords of servers; nil means the desktop keyring,
	// with REMOTECTO_DAV_PASSWORD first (dav.NewSecrets).
	Secrets dav.Secrets
	// Ctx, when set, stops the commands that talk to servers when it is
	// done; they also stop on an interrupt.
	Ctx context.Context
}

// DefaultEnv is the process's own environment.
func DefaultEnv() Env {
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Now: time.Now}
}

// command is one leaf of the command tree, such as "team import".
type command struct {
	path    string // words after the program name, e.g. "team import"
	args    string // synopsis of the arguments
	summary string
	run     func(c *Context, args []string) error
	// creates marks the commands that may run on a database that does not
	// exist yet (and create it); the others refuse a missing file.
	creates bool
	// paths marks the commands whose positional arguments are file paths,
	// which need not be UTF-8; every other argument must be.
	paths bool
}

var commands = map[string]*command{}

// register adds a command; each command file registers its own in init.
func register(c *command) {
	if _, dup := commands[c.path]; dup {
		panic("cli: command registered twice: " + c.path)
	}
	commands[c.path] = c
}

// UsageError marks a mistake in how a command was called (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// errHelp is returned when help was asked for and printed.
var errHelp = errors.New("help shown")

// SplitGlobal reads the options that may stand before a subcommand
// (--db PATH) and returns them with the remaining arguments.
func SplitGlobal(args []string) (dbPath string, rest []string, err error) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--db" || a == "-db":
			if len(args) < 2 || args[1] == "" {
				return "", nil, usagef("--db needs a path")
			}
			dbPath, args = args[1], args[2:]
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			dbPath, args = a[strings.Index(a, "=")+1:], args[1:]
			if dbPath == "" {
				return "", nil, usagef("--db needs a path")
			}
		default:
			return dbPath, args, nil
		}
	}
	return dbPath, nil, nil
}

// Run runs the subcommand in args (without the program name) and returns the
// exit status: 0 success, 1 failure, 2 usage error.
func Run(args []string, env Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	dbPath, rest, err := SplitGlobal(args)
	if err != nil {
		fmt.Fprintf(env.Stderr, "remotecto: %v\n", err)
		return 2
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		printUsage(env.Stdout, "")
		return 0
	}
	cmd, tail := lookup(rest)
	if cmd == nil {
		prefix := strings.Join(rest[:min(2, len(rest))], " ")
		if !groupExists(rest[0]) {
			fmt.Fprintf(env.Stderr, "remotecto: unknown command %q\n\n", rest[0])
			printUsage(env.Stderr, "")
			return 2
		}
		if len(rest) > 1 && rest[1] != "-h" && rest[1] != "--help" {
			fmt.Fprintf(env.Stderr, "remotecto: unknown command %q\n\n", prefix)
			printUsage(env.Stderr, rest[0])
			return 2
		}
		printUsage(env.Stdout, rest[0])
		return 0
	}
	c := &Context{Env: env, dbPath: dbPath, cmd: cmd}
	defer c.close()
	err = cmd.run(c, tail)
	var ue *UsageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "remotecto %s: %s\nusage: remotecto %s %s\n", cmd.path, termsafe.Text(err.Error()), cmd.path, cmd.args)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "remotecto %s: %s\n", cmd.path, termsafe.Text(err.Error()))
		return 1
	}
}

func lookup(args []string) (*command, []string) {
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c, args[2:]
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c, args[1:]
	}
	return nil, nil
}

func groupExists(word string) bool {
	for p := range commands {
		if p == word || strings.HasPrefix(p, word+" ") {
			return true
		}
	}
	return false
}

func printUsage(w io.Writer, group string) {
	fmt.Fprintln(w, "usage: remotecto [--db PATH] [COMMAND]")
	fmt.Fprintln(w, "\nWith no command the GUI opens. Commands never open a window:")
	paths := make([]string, 0, len(commands))
	for p := range commands {
		if group == "" || p == group || strings.HasPrefix(p, group+" ") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		c := commands[p]
		fmt.Fprintf(w, "\n  remotecto %s %s\n      %s\n", p, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (default: the database in your data directory);")
	fmt.Fprintln(w, "only team import and restore create a database that does not exist.")
	fmt.Fprintln(w, "T is an RFC 3339 instant or a date YYYY-MM-DD (midnight in --tz, default UTC),")
	fmt.Fprintf(w, "from 1970-01-01 to 2200-01-01; rota and calendar ranges stop %d days after --from.\n", maxRange/(24*time.Hour))
	fmt.Fprintln(w, "Run 'remotecto COMMAND --help' for a command's options.")
}

// Context carries one command's run: its environment, its flags and the
// database, opened on first use.
type Context struct {
	Env
	dbPath string
	cmd    *command
	db     *store.DB
}

// Flags returns a flag set for the command that already knows --db.
func (c *Context) Flags() *flag.FlagSet {
	fs := flag.NewFlagSet("remotecto "+c.cmd.path, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var((*dbFlag)(&c.dbPath), "db", "the database `PATH` (default: the one in your data directory)")
	return fs
}

// dbFlag is --db: a path that must not be empty.
type dbFlag string

func (d *dbFlag) String() string { return string(*d) }

func (d *dbFlag) Set(s string) error {
	if s == "" {
		return errors.New("--db needs a path")
	}
	*d = dbFlag(s)
	return nil
}

// pathFlags are the options that name files, which need not be UTF-8.
var pathFlags = map[string]bool{"db": true, "o": true}

// checkUTF8 refuses an argument that is not valid UTF-8, naming the option
// it was given to: text that is stored or compared must be UTF-8, and a
// byte that is not would reach the database and the terminal as it is.
func (c *Context) checkUTF8(fs *flag.FlagSet, pos []string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if v := f.Value.String(); err == nil && !pathFlags[f.Name] && !utf8.ValidString(v) {
			err = usagef("--%s %s: %v", f.Name, termsafe.Quote(v), termsafe.ErrInvalidUTF8)
		}
	})
	if err != nil || c.cmd.paths {
		return err
	}
	for i, p := range pos {
		if !utf8.ValidString(p) {
			return usagef("argument %d %s: %v", i+1, termsafe.Quote(p), termsafe.ErrInvalidUTF8)
		}
	}
	return nil
}

// Parse parses args with fs, allowing flags after positional arguments, and
// returns the positional arguments. --help prints the command's usage.
func (c *Context) Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printHelp(fs)
				return nil, errHelp
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, c.checkUTF8(fs, pos)
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			return pos, c.checkUTF8(fs, pos)
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// ParseFlags parses a command that takes options only: any positional
// argument is a usage error.
func (c *Context) ParseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := c.Parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q", pos[0])
	}
	return err
}

func (c *Context) printHelp(fs *flag.FlagSet) {
	fmt.Fprintf(c.Stdout, "usage: remotecto %s %s\n\n%s\n\noptions:\n", c.cmd.path, c.cmd.args, c.cmd.summary)
	fs.SetOutput(c.Stdout)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// Path returns the database path: --db, or the default one.
func (c *Context) Path() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	return store.DefaultPath()
}

// DB opens the database on first use. Only the commands marked creates
// make a new database; the others refuse a path with no database, so that
// a mistyped --db is not answered from an empty team.
func (c *Context) DB() (*store.DB, error) {
	if c.db != nil {
		return c.db, nil
	}
	path, err := c.Path()
	if err != nil {
		return nil, err
	}
	open := store.OpenExisting
	if c.cmd.creates {
		open = store.Open
	}
	db, err := open(path)
	if errors.Is(err, store.ErrNoDatabase) {
		what := "no database at " + path
		if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
			what = "no database at " + path + " (the file is empty)"
		}
		return nil, fmt.Errorf("%s; create one with `remotecto --db %s team import FILE.json`", what, path)
	}
	if err != nil {
		return nil, err
	}
	db.Now = c.Now
	c.db = db
	return db, nil
}

func (c *Context) close() {
	if c.db != nil {
		c.db.Close()
	}
}
