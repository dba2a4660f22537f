package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"dev.remotecto/remotecto/worklog"
)

// TestUpgradeFromSchema2 opens a database written before the log existed
// (schema 2, with a member) and checks that the log's tables arrive and the
// member is kept.
func TestUpgradeFromSchema2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
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

	db, err := Open(path)
	if err != nil {
		t.Fatalf("open a schema 2 database: %v", err)
	}
	defer db.Close()
	var v int
	db.sql.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v < 3 {
		t.Errorf("user_version %d after opening; want at least 3", v)
	}
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Ana", Kind: "win", At: utc("2026-03-01T10:00:00Z"), Text: "upgraded"}); err != nil {
		t.Fatalf("the old member cannot write to the log: %v", err)
	}
	if hits, err := db.SearchLog(ctx, "upgraded", 5); err != nil || len(hits) != 1 {
		t.Errorf("search after the upgrade: %d hits, %v; want 1", len(hits), err)
	}
}
