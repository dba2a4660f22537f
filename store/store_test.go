package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"

	"bytes"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "sub", "dir", "remotecto.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func sampleTeam(t *testing.T) team.Team {
	t.Helper()
	team, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatalf("decode sample team: %v", err)
	}
	return team
}

func TestOpenCreatesPrivateFileAndMigrates(t *testing.T) {
	db := openTemp(t)
	info, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("database file mode: got %o; want 600", mode)
	}
	var version int
	if err := db.sql.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version == 0 {
		t.Errorf("user_version: got %d; want %d", version, SchemaVersion())
	}
	var fk int
	db.sql.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	var mode string
	db.sql.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if fk != 1 || mode != "wal" {
		t.Errorf("pragmas: foreign_keys=%d journal_mode=%s; want 1 and wal", fk, mode)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := db.ImportTeam(ctx, sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	ms, err := db.Members(ctx)
	if err != nil || len(ms) != len(sampleTeam(t).Members) {
		t.Fatalf("members after reopen: got %d (%v); want %d", len(ms), err, len(sampleTeam(t).Members))
	}
}

func TestImportExportRoundTripAndIdempotence(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	in := sampleTeam(t)
	sum, err := db.ImportTeam(ctx, in)
	if err != nil {
		t.Fatalf("ImportTeam: %v", err)
	}
	if sum.MembersAdded != len(in.Members) || sum.RotationsAdded != len(in.Rotations) || !sum.PolicyChanged {
		t.Errorf("first import summary: %+v", sum)
	}
	out, err := db.Team(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	teamfile.Encode(&a, in)
	teamfile.Encode(&b, out)
	if a.String() != b.String() {
		t.Errorf("export of the import differs:\n%s\n---\n%s", a.String(), b.String())
	}
	again, err := db.ImportTeam(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() {
		t.Errorf("second import of the same file changed something: %s", again)
	}
}

func TestImportWithBadRecordChangesNothing(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	team := sampleTeam(t)
	team.Members = append(team.Members, roster.Member{Name: "Zed", Zone: "Mars/Olympus"})
	if _, err := db.ImportTeam(ctx, team); !errors.Is(err, timezone.ErrUnknownZone) {
		t.Fatalf("got %v; want ErrUnknownZone", err)
	}
	ms, _ := db.Members(ctx)
	if len(ms) != 0 {
		t.Errorf("a failed import left %d members behind", len(ms))
	}
}

func TestTxRollsBackOnError(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := upsertMember(ctx, tx, roster.Member{Name: "Ana", Zone: "UTC"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v; want boom", err)
	}
	if ms, _ := db.Members(ctx); len(ms) != 0 {
		t.Errorf("rolled-back transaction left %v", ms)
	}
}

func TestSaveMemberAndDuplicateName(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := roster.Member{Name: "Priya", Zone: "Asia/Kolkata", Email: "priya@example.com"}
	m.Hours[1] = timezone.DayHours{{Start: timezone.MustClock("22:00"), End: timezone.MustClock("06:00")}}
	saved, err := db.SaveMember(ctx, m)
	if err != nil || saved.ID == 0 {
		t.Fatalf("SaveMember: %+v, %v", saved, err)
	}
	got, err := db.Member(ctx, "priya")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Hours, m.Hours) || got.Email != m.Email {
		t.Errorf("stored member: got %+v; want %+v", got, m)
	}
	if _, err := db.SaveMember(ctx, roster.Member{Name: "PRIYA", Zone: "UTC"}); !errors.Is(err, roster.ErrDuplicateName) {
		t.Errorf("duplicate name: got %v; want ErrDuplicateName", err)
	}
	saved.Role = "Data engineer"
	if _, err := db.SaveMember(ctx, saved); err != nil {
		t.Errorf("update: %v", err)
	}
	if got, _ := db.Member(ctx, "Priya"); got.Role != "Data engineer" {
		t.Errorf("role after update: got %q", got.Role)
	}
}

func TestDeleteMemberInUseIsRefused(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.ImportTeam(ctx, sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	ana, _ := db.Member(ctx, "Ana")
	err := db.DeleteMember(ctx, ana.ID)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("got %v; want ErrInUse", err)
	}
	for _, part := range []string{`"Ana"`, `rotation "Primary"`, "escalation policy"} {
		if !bytes.Contains([]byte(err.Error()), []byte(part)) {
			t.Errorf("message %q does not say %s", err, part)
		}
	}
	dana, _ := db.Member(ctx, "Dana")
	if err := db.DeleteMember(ctx, dana.ID); !errors.Is(err, ErrInUse) {
		t.Errorf("Dana is an escalation target: got %v; want ErrInUse", err)
	}
	sagar, _ := db.Member(ctx, "Sagar")
	if err := db.DeleteMember(ctx, sagar.ID); err != nil {
		t.Errorf("delete of a member in no rotation: %v", err)
	}
	if _, err := db.Member(ctx, "Sagar"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Sagar still there: %v", err)
	}
}

func TestSaveRotationAndPolicy(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.ImportTeam(ctx, sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	r := oncall.Rotation{Name: "Weekend", Members: []string{"Sagar", "Mere"}, Shift: oncall.ShiftLength{N: 12, Unit: oncall.Hours},
		Handoff: timezone.MustClock("06:00"), Zone: "Asia/Kathmandu", Start: timezone.Date{Year: 2026, Month: 11, Day: 7}}
	saved, err := db.SaveRotation(ctx, r)
	if err != nil {
		t.Fatalf("SaveRotation: %v", err)
	}
	rots, _ := db.Rotations(ctx)
	var found bool
	for _, got := range rots {
		if got.ID == saved.ID {
			found = true
			if !reflect.DeepEqual(got.Members, r.Members) || got.Shift != r.Shift || got.Zone != r.Zone {
				t.Errorf("stored rotation: got %+v; want %+v", got, r)
			}
		}
	}
	if !found {
		t.Fatal("saved rotation not listed")
	}
	r.Members = []string{"Nobody"}
	if _, err := db.SaveRotation(ctx, r); !errors.Is(err, ErrNotFound) {
		t.Errorf("rotation with unknown member: got %v; want ErrNotFound", err)
	}
	prim, _ := findRotation(rots, "Primary")
	if err := db.DeleteRotation(ctx, prim.ID); !errors.Is(err, ErrInUse) {
		t.Errorf("delete of an escalation target rotation: got %v; want ErrInUse", err)
	}
	p := oncall.Policy{Repeat: 2, Levels: []oncall.Level{{AfterMinutes: 0, Targets: []oncall.Target{{Kind: oncall.TargetRotation, Name: "Weekend"}}}}}
	if _, err := db.SavePolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Policy(ctx)
	if !reflect.DeepEqual(got, p) {
		t.Errorf("policy: got %+v; want %+v", got, p)
	}
	if err := db.DeleteRotation(ctx, prim.ID); err != nil {
		t.Errorf("delete of a rotation no longer in the policy: %v", err)
	}
}

func TestOpenRefusesNewerSchemaAndForeignFiles(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	db.sql.Exec("PRAGMA user_version = 9999")
	db.Close()
	if _, err := Open(newer); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("newer schema: got %v; want ErrNewerSchema", err)
	}

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not sqlite "), 500), 0o600)
	if _, err := Open(garbage); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("garbage file: got %v; want ErrNotDatabase", err)
	}

	other := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("CREATE TABLE notes(x)")
	raw.Close()
	if _, err := Open(other); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("someone else's database: got %v; want ErrNotDatabase", err)
	}
}

func TestTwoConnectionsToOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer b.Close()
	ctx := context.Background()
	if _, err := a.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
	if ms, err := b.Members(ctx); err != nil || len(ms) != 1 {
		t.Errorf("second connection sees %d members (%v); want 1", len(ms), err)
	}
}

func TestBackup(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.ImportTeam(ctx, sampleTeam(t)); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, target); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := db.Backup(ctx, target); err == nil {
		t.Error("backup over an existing file was not refused")
	}
	copy, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if ms, _ := copy.Members(ctx); len(ms) != len(sampleTeam(t).Members) {
		t.Errorf("backup holds %d members", len(ms))
	}
}

func TestMigrationsRunWithoutGaps(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || SchemaVersion() != len(ms) {
		t.Errorf("%d migrations, schema version %d", len(ms), SchemaVersion())
	}
}
