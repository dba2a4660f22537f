package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"dev.remotecto/remotecto/roster"
)

func memberNames(ms []roster.Member) string {
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	return strings.Join(names, " ")
}

// TestReadWhileWriting holds a write transaction open (a member inserted,
// not yet committed) and reads the team meanwhile, from the same DB and from
// a second one on the same file (as "team export -" does while the GUI
// writes): the read completes and returns the last committed data.
func TestReadWhileWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rw.db")
	writer, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	if _, err := writer.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
	committed := "Ana"
	for _, c := range []struct {
		name   string
		reader *DB
		member string
	}{{"same DB", writer, "Bo"}, {"second DB on the file", other, "Chen"}} {
		written := make(chan struct{})
		release := make(chan struct{})
		done := make(chan error, 1)
		name := c.member
		go func() {
			done <- writer.Tx(ctx, func(tx *sql.Tx) error {
				if _, err := upsertMember(ctx, tx, roster.Member{Name: name, Zone: "America/New_York"}); err != nil {
					close(written)
					return err
				}
				close(written)
				<-release
				return nil
			})
		}()
		<-written
		got, err := c.reader.Team(ctx)
		close(release)
		if err != nil || memberNames(got.Members) != committed {
			t.Errorf("%s: Team during a write = %q, %v; want %q (the committed data) and no error", c.name, memberNames(got.Members), err, committed)
		}
		if err := <-done; err != nil {
			t.Fatalf("%s: the write: %v", c.name, err)
		}
		committed += " " + name
		if ms, err := c.reader.Members(ctx); err != nil || memberNames(ms) != committed {
			t.Errorf("%s: members after the commit = %q, %v; want %q", c.name, memberNames(ms), err, committed)
		}
	}
}

// TestReadTxRefusesWrites checks that a read transaction cannot change the
// file.
func TestReadTxRefusesWrites(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM members`)
		return err
	})
	if err == nil {
		t.Error("a delete in a read transaction succeeded; want it refused")
	}
	if ms, _ := db.Members(ctx); memberNames(ms) != "Ana" {
		t.Errorf("members after a refused delete = %q; want Ana", memberNames(ms))
	}
}
