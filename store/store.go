// Package store keeps remotecto's data in one SQLite file (modernc.org/sqlite,
// no cgo): the team, time off, saved meetings, calendar sequences and the 1:1
// and update log with its full-text index. Versioned migrations are embedded
// in the binary; the file runs in WAL mode with foreign keys on. Every user
// action that changes something is one write transaction (DB.Tx); every read
// is one read transaction (DB.ReadTx), which never waits for a writer.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"dev.remotecto/remotecto/share"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Sentinel errors of the store.
var (
	ErrNewerSchema = errors.New("database was written by a newer remotecto")
	ErrNotDatabase = errors.New("file is not a remotecto database")
	ErrLocked      = errors.New("database is locked by another program")
	ErrNotFound    = errors.New("not found")
	ErrInUse       = errors.New("still in use")
	// ErrNoDatabase reports a database path with no database file.
	ErrNoDatabase = errors.New("no database")
	// ErrDatabaseOpen reports a database that another program has open
	// while Restore would replace it.
	ErrDatabaseOpen = errors.New("the database is open in another program")
	// ErrDamaged reports a database file that fails SQLite's integrity check.
	ErrDamaged = errors.New("database file is damaged")
	// ErrDiskFull reports a write that found no room on the disk.
	ErrDiskFull = errors.New("the disk is full")
	// ErrReadOnly reports a write to a database file, or a directory, that
	// may only be read.
	ErrReadOnly = errors.New("the database file is read-only")
)

// DB is an open remotecto database. It keeps two connection pools on the
// file: sql begins every transaction with BEGIN IMMEDIATE (it takes the
// write lock at once, so two writers never meet half-way), read begins
// deferred transactions on query-only connections (WAL gives each a snapshot
// of the last commit, so reading never waits for a writer).
type DB struct {
	// mu is held for reading by every transaction and for writing while
	// Restore swaps the file under the pools.
	mu   sync.RWMutex
	sql  *sql.DB
	read *sql.DB
	path string
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// DefaultPath returns the database path in the user's data directory
// ($XDG_DATA_HOME/remotecto/remotecto.db on Linux).
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the data directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
		if cfg, err := os.UserConfigDir(); err == nil && !strings.HasPrefix(cfg, home+"/.config") {
			dir = cfg // macOS and Windows keep app data beside the config
		}
	}
	return filepath.Join(dir, "remotecto", "remotecto.db"), nil
}

// Open opens (creating if needed, mode 0600, parent directories 0700) the
// database at path and brings its schema up to date.
func Open(path string) (*DB, error) { return open(path, true) }

// OpenExisting is Open for a database that must exist already: a path with
// no file, or with an empty one (which SQLite would take for a new
// database), is refused with ErrNoDatabase instead of becoming a new, empty
// database. Commands that only read or add to the data use it, so that a
// mistyped path is not answered from an empty team.
func OpenExisting(path string) (*DB, error) { return open(path, false) }

func open(path string, create bool) (*DB, error) {
	if path == "" {
		return nil, errors.New("database path is empty")
	}
	if create {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create the database directory: %w", err)
		}
	} else if err := checkExists(path); err != nil {
		return nil, err
	}
	// SQLite opens a file it may not write read-only and fails later with
	// a vaguer message; the system's own says why.
	flags := os.O_RDWR
	if create {
		flags |= os.O_CREATE
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	f.Close()
	db := &DB{path: path, Now: time.Now}
	if err := db.openPools(); err != nil {
		return nil, err
	}
	return db, nil
}

// checkExists refuses a database path with no file or an empty one.
func checkExists(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", path, ErrNoDatabase)
	case err != nil:
		return fmt.Errorf("open database %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("open database %s: is a directory", path)
	case fi.Size() == 0 && !hasWAL(path):
		return fmt.Errorf("%s is an empty file: %w", path, ErrNoDatabase)
	}
	return nil
}

// hasWAL reports whether a write-ahead log with content lies beside path.
func hasWAL(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// openPools opens the two connection pools on db.path and brings the
// schema up to date.
func (db *DB) openPools() error {
	file := "file:" + (&url.URL{Path: db.path}).EscapedPath()
	writer, err := sql.Open("sqlite", file+
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"+
		"&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	// The readers' connections open after the migrations below have put the
	// file in WAL mode (a persistent setting), and refuse to write.
	reader, err := sql.Open("sqlite", file+
		"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=query_only(1)")
	if err != nil {
		writer.Close()
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	db.sql, db.read = writer, reader
	if err := db.migrate(context.Background()); err != nil {
		db.closePools()
		return fmt.Errorf("open database %s: %w", db.path, classify(err))
	}
	return nil
}

// Close closes the database: the readers first, so that the last connection
// to close (the one that checkpoints the WAL into the file) is a writer.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.closePools()
}

func (db *DB) closePools() error {
	return errors.Join(db.read.Close(), db.sql.Close())
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// Tx runs fn in one write transaction: it takes the write lock when it
// begins (BEGIN IMMEDIATE, waiting up to the busy timeout for another
// writer), commits when fn returns nil and rolls back otherwise. Every user
// action that changes something goes through one call.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	err := runTx(ctx, db.sql, fn)
	if errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		return fmt.Errorf("database %s: %w", db.path, err)
	}
	return err
}

// ReadTx runs fn in one read transaction: a deferred BEGIN on a query-only
// connection, so fn sees one consistent snapshot of the last commit and
// neither waits for a writer nor holds one up. A statement that writes fails.
func (db *DB) ReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return runTx(ctx, db.read, fn)
}

// readValue runs query in one read transaction and returns what it read.
func readValue[T any](ctx context.Context, db *DB, query func(context.Context, querier) (T, error)) (T, error) {
	var out T
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = query(ctx, tx)
		return err
	})
	return out, err
}

func runTx(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(err)
	}
	return classify(tx.Commit())
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %q has no version prefix", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	// Versions run 1, 2, 3… without gaps: a database at version N has every
	// migration up to N, so a gap filled later would never be applied.
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d (versions must run without gaps)", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if latest := SchemaVersion(); current > latest {
		return fmt.Errorf("schema version %d, this program knows up to %d: %w", current, latest, ErrNewerSchema)
	}
	if current == 0 {
		if err := db.checkForeignFile(ctx); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkForeignFile refuses a file with tables but no remotecto schema version.
func (db *DB) checkForeignFile(ctx context.Context) error {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrNotDatabase
	}
	return nil
}

// classify turns driver errors a user can act on into the store's sentinels.
func classify(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked"):
		return fmt.Errorf("%w (%v)", ErrLocked, err)
	case strings.Contains(msg, "file is not a database") || strings.Contains(msg, "SQLITE_NOTADB"):
		return fmt.Errorf("%w (%v)", ErrNotDatabase, err)
	case strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "SQLITE_FULL") ||
		strings.Contains(msg, "(4874)"): // SQLITE_IOERR_SHMSIZE: no room to grow the -shm file
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case strings.Contains(msg, "readonly database") || strings.Contains(msg, "SQLITE_READONLY"):
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case strings.Contains(msg, "remotecto: read-only follower"):
		return share.ErrReadOnly
	}
	return err
}

const instantLayout = "2006-01-02T15:04:05Z"

// FormatInstant formats an instant as stored: RFC 3339 in UTC, whole seconds.
func FormatInstant(t time.Time) string { return t.UTC().Truncate(time.Second).Format(instantLayout) }

// ParseInstant reads an instant written by FormatInstant.
func ParseInstant(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }
