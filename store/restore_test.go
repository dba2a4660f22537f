package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
)

var restoreNow = time.Date(2026, 12, 1, 2, 15, 0, 0, time.UTC)

// fileNames lists the names in dir, sorted.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// namesIn opens the database at path and returns its members' names.
func namesIn(t *testing.T, path string) string {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer db.Close()
	ms, err := db.Members(context.Background())
	if err != nil {
		t.Fatalf("members of %s: %v", filepath.Base(path), err)
	}
	return memberNames(ms)
}

// backupWith writes a backup holding the given members and returns its path.
func backupWith(t *testing.T, names ...string) string {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "src.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, n := range names {
		if _, err := db.SaveMember(context.Background(), roster.Member{Name: n, Zone: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

// liveWith creates a database at dir/remotecto.db holding the members.
func liveWith(t *testing.T, dir string, names ...string) string {
	t.Helper()
	live := filepath.Join(dir, "remotecto.db")
	db, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := db.SaveMember(context.Background(), roster.Member{Name: n, Zone: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	return live
}

func TestRestoreKeepsTheCurrentDatabase(t *testing.T) {
	dir := t.TempDir()
	live := liveWith(t, dir, "Ana", "Zed")
	from := backupWith(t, "Bo")
	kept, err := Restore(live, from, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if want := live + ".2026-12-01T021500Z.bak"; kept != want {
		t.Errorf("kept %s; want %s", kept, want)
	}
	if got := namesIn(t, live); got != "Bo" {
		t.Errorf("restored database holds %q; want Bo", got)
	}
	fi, err := os.Stat(kept)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("kept backup mode %o; want 600", fi.Mode().Perm())
	}
	if got := namesIn(t, kept); got != "Ana Zed" {
		t.Errorf("kept database holds %q; want Ana Zed", got)
	}
	// A second restore in the same second keeps the first backup.
	kept2, err := Restore(live, from, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if kept2 == kept || namesIn(t, kept) != "Ana Zed" {
		t.Errorf("a second restore replaced the first kept backup (%s)", kept2)
	}
	if got, _ := os.ReadFile(from); len(got) == 0 {
		t.Error("the source file was changed")
	}
}

// TestRestoreOverLeftoverWAL is the case that copying a backup over the
// database cannot handle: the database was not closed (a crash) and its
// -wal holds changes. Copied over, the backup gets those pages replayed
// into it; restored, the WAL goes into the kept database and nothing of it
// reaches the restored one.
func TestRestoreOverLeftoverWAL(t *testing.T) {
	src := t.TempDir()
	live := filepath.Join(src, "remotecto.db")
	db, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 50 {
		if _, err := db.SaveMember(ctx, roster.Member{Name: fmt.Sprintf("Member %02d", i), Zone: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	// The state a crash leaves: the file, its WAL and its index as they
	// are while the database is open.
	crashed := t.TempDir()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		copyFile(t, live+suffix, filepath.Join(crashed, "remotecto.db"+suffix))
	}
	db.Close()
	live = filepath.Join(crashed, "remotecto.db")
	if !hasWAL(live) {
		t.Fatal("the test needs a WAL with content")
	}
	from := backupWith(t, "Bo")
	kept, err := Restore(live, from, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := namesIn(t, live); got != "Bo" {
		t.Errorf("restored database holds %q; want Bo", got)
	}
	if got := namesIn(t, kept); !strings.HasPrefix(got, "Member 00") || !strings.HasSuffix(got, "Member 49") {
		t.Errorf("kept database holds %q; want the 50 members, the WAL's included", got)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesWhileOpen(t *testing.T) {
	dir := t.TempDir()
	live := liveWith(t, dir, "Ana")
	other, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Members(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := fileNames(t, dir)
	from := backupWith(t, "Bo")
	if _, err := Restore(live, from, restoreNow); !errors.Is(err, ErrDatabaseOpen) {
		t.Fatalf("restore while open: got %v; want ErrDatabaseOpen", err)
	}
	if got := fileNames(t, dir); strings.Join(got, " ") != strings.Join(before, " ") {
		t.Errorf("files after a refused restore: %v; want %v", got, before)
	}
	if ms, err := other.Members(context.Background()); err != nil || memberNames(ms) != "Ana" {
		t.Errorf("the open database reads %q, %v; want Ana", memberNames(ms), err)
	}
}

func TestRestoreChecksTheFile(t *testing.T) {
	foreign := filepath.Join(t.TempDir(), "foreign.db")
	if c, err := sql.Open("sqlite", foreign); err == nil {
		c.Exec(`CREATE TABLE notes(x)`)
		c.Close()
	}
	newer := backupWith(t, "Bo")
	if c, err := sql.Open("sqlite", newer); err == nil {
		c.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()+1))
		c.Close()
	}
	damaged := backupWith(t, "Bo")
	if c, err := sql.Open("sqlite", damaged); err == nil {
		// An index that no longer matches its table.
		for _, q := range []string{
			`INSERT INTO time_off(member_id, start_utc, end_utc) VALUES (1, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`,
			`PRAGMA writable_schema = ON`,
			`UPDATE sqlite_master SET sql = 'CREATE INDEX time_off_member ON time_off(end_utc, member_id)' WHERE name = 'time_off_member'`,
		} {
			if _, err := c.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		c.Close()
	}
	tests := []struct {
		name string
		from string
		want error
	}{
		{"text", writeTemp(t, "notes.db", strings.Repeat("not a database ", 500)), ErrNotDatabase},
		{"empty", writeTemp(t, "empty.db", ""), ErrNotDatabase},
		{"another program's database", foreign, ErrNotDatabase},
		{"newer schema", newer, ErrNewerSchema},
		{"damaged", damaged, ErrDamaged},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		live := liveWith(t, dir, "Ana")
		before := fileNames(t, dir)
		if _, err := Restore(live, tt.from, restoreNow); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v; want %v", tt.name, err, tt.want)
		}
		if got := fileNames(t, dir); strings.Join(got, " ") != strings.Join(before, " ") {
			t.Errorf("%s: files after a refused restore: %v; want %v", tt.name, got, before)
		}
		if got := namesIn(t, live); got != "Ana" {
			t.Errorf("%s: database holds %q after a refused restore", tt.name, got)
		}
	}
	if _, err := Restore(filepath.Join(t.TempDir(), "x.db"), filepath.Join(t.TempDir(), "missing.db"), restoreNow); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing source: got %v; want ErrNotExist", err)
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRestoreMigratesAnOlderSchema restores a database written before the
// log existed (schema 2): it arrives brought up to date.
func TestRestoreMigratesAnOlderSchema(t *testing.T) {
	from := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+from)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"001_team.sql", "002_calendar.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := old.Exec(`INSERT INTO members(name, zone) VALUES ('Ana', 'Europe/Lisbon'); PRAGMA user_version = 2`); err != nil {
		t.Fatal(err)
	}
	old.Close()
	live := filepath.Join(t.TempDir(), "new", "remotecto.db")
	kept, err := Restore(live, from, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if kept != "" {
		t.Errorf("kept %q with no database before; want none", kept)
	}
	c, _ := sql.Open("sqlite", from)
	var v int
	c.QueryRow(`PRAGMA user_version`).Scan(&v)
	c.Close()
	if v != 2 {
		t.Errorf("the source file was migrated (user_version %d)", v)
	}
	db, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.sql.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("restored user_version %d; want %d", v, SchemaVersion())
	}
	if ms, _ := db.Members(context.Background()); memberNames(ms) != "Ana" {
		t.Errorf("restored members %q; want Ana", memberNames(ms))
	}
	if got := fileNames(t, filepath.Dir(live)); len(got) != 3 { // the db, its -wal and -shm while open
		t.Errorf("files beside the restored database: %v", got)
	}
}

// TestDBRestore restores under an open DB: it reads the restored data at
// once, and goes on with its own when the restore is refused.
func TestDBRestore(t *testing.T) {
	dir := t.TempDir()
	live := liveWith(t, dir, "Ana")
	db, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return restoreNow }
	ctx := context.Background()
	if _, err := db.Restore(ctx, writeTemp(t, "bad.db", "nope")); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("bad file: got %v; want ErrNotDatabase", err)
	}
	if ms, err := db.Members(ctx); err != nil || memberNames(ms) != "Ana" {
		t.Errorf("after a refused restore: %q, %v; want Ana", memberNames(ms), err)
	}
	kept, err := db.Restore(ctx, backupWith(t, "Bo", "Chen"))
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := db.Members(ctx); err != nil || memberNames(ms) != "Bo Chen" {
		t.Errorf("after the restore: %q, %v; want Bo Chen", memberNames(ms), err)
	}
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Dee", Zone: "UTC"}); err != nil {
		t.Errorf("write after the restore: %v", err)
	}
	if got := namesIn(t, kept); got != "Ana" {
		t.Errorf("kept %q; want Ana", got)
	}
}
