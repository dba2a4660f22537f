package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dev.remotecto/remotecto/store"
)

// The test binary doubles as the command line: with REMOTECTO_TEST_ARGS
// set (a JSON list of command lines) it runs them in turn as remotecto
// would, and with REMOTECTO_TEST_LOOP set it starts over again and again
// until it is killed. Tests start it as separate processes, as people and
// cron do.
func TestMain(m *testing.M) {
	if list := os.Getenv("REMOTECTO_TEST_ARGS"); list != "" {
		var lines [][]string
		if err := json.Unmarshal([]byte(list), &lines); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		for {
			for _, args := range lines {
				if code := Run(args, DefaultEnv()); code != 0 {
					os.Exit(code)
				}
			}
			if os.Getenv("REMOTECTO_TEST_LOOP") == "" {
				os.Exit(0)
			}
		}
	}
	os.Exit(m.Run())
}

// process returns the command line as a separate process running args.
func process(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	return processRunning(t, false, args)
}

// processRunning returns a separate process running the command lines in
// turn, over and over when loop is set.
func processRunning(t *testing.T, loop bool, lines ...[]string) *exec.Cmd {
	t.Helper()
	list, _ := json.Marshal(lines)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "REMOTECTO_TEST_ARGS="+string(list))
	if loop {
		cmd.Env = append(cmd.Env, "REMOTECTO_TEST_LOOP=1")
	}
	return cmd
}

// TestConcurrentProcessesLoseNothing: several processes writing to one
// database at once each get their write in; none is lost or refused.
func TestConcurrentProcessesLoseNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	const procs, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan string, procs*each)
	for p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				var stderr bytes.Buffer
				cmd := process(t, "--db", db, "log", "update", "--author", "Ana", "--kind", "status",
					"--text", fmt.Sprintf("process %d update %d", p, i))
				cmd.Stderr = &stderr
				if err := cmd.Run(); err != nil {
					errs <- fmt.Sprintf("process %d update %d: %v: %s", p, i, err, stderr.String())
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	_, out, _ := run(t, "--db", db, "log", "list", "--json")
	if n := strings.Count(out, `"id"`); n != procs*each {
		t.Errorf("%d updates stored; want %d", n, procs*each)
	}
}

// TestKillDuringImportLeavesAConsistentDatabase kills a process importing
// team files over and over at random moments: the database is never
// damaged and always holds one whole team file, never a mix.
func TestKillDuringImportLeavesAConsistentDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	files := [2]string{teamOfRole(t, dir, "first"), teamOfRole(t, dir, "second")}
	run(t, "--db", db, "team", "import", files[0])
	for round := range 6 {
		cmd := processRunning(t, true, []string{"--db", db, "team", "import", files[round%2]},
			[]string{"--db", db, "team", "import", files[1-round%2]})
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+round*70) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		checkIntegrity(t, db)
		roles := map[string]int{}
		st, err := store.Open(db)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		ms, err := st.Members(context.Background())
		st.Close()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, m := range ms {
			roles[m.Role]++
		}
		if len(roles) != 1 || len(ms) != 300 {
			t.Errorf("round %d: %d members with roles %v; want 300 of one file", round, len(ms), roles)
		}
	}
}

// teamOfRole writes a team file of 300 members who all have the given role.
func teamOfRole(t *testing.T, dir, role string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"members": [`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": "Member %03d", "zone": "Europe/Lisbon", "role": %q, "hours": {"mon": "09:00-17:00"},
			"time_off": [{"start": "2026-0%d-01T00:00:00Z", "end": "2026-0%d-03T00:00:00Z", "summary": %q}]}`, i, role, 1+i%9, 1+i%9, role)
	}
	b.WriteString(`], "rotations": [{"name": "Primary", "members": ["Member 001", "Member 002"], "shift": "1w", "handoff": "09:00", "zone": "UTC", "start": "2026-01-05"}]}`)
	path := filepath.Join(dir, role+".json")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkIntegrity runs SQLite's integrity check on the database at path.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	c, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var res string
	if err := c.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity check: %q, %v", res, err)
	}
}

// TestKillDuringBackupLeavesNoPartialFile kills backups at random moments:
// the backup's name is either free or holds a whole backup, never the
// start of one that would open as an empty database.
func TestKillDuringBackupLeavesNoPartialFile(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	run(t, "--db", db, "team", "import", teamOfRole(t, dir, "first"))
	const updates = 100
	for i := range updates {
		run(t, "--db", db, "log", "update", "--author", "Member 001", "--kind", "status", "--text", strings.Repeat("words ", 2000+i))
	}
	// How long a whole backup takes, from the start of the process.
	start := time.Now()
	if err := process(t, "--db", db, "backup", filepath.Join(dir, "whole.db")).Run(); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	killed := 0
	for round := range 6 {
		target := filepath.Join(dir, fmt.Sprintf("b%d.db", round))
		cmd := process(t, "--db", db, "backup", target)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(whole * time.Duration(4+round) / 8)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(target); err != nil {
			killed++ // killed before the end: nothing under that name
			continue
		}
		checkIntegrity(t, target)
		code, out, errOut := run(t, "--db", target, "log", "list", "--json")
		if code != 0 || strings.Count(out, `"id"`) != updates {
			t.Errorf("round %d: the backup holds %d updates (%s); want %d", round, strings.Count(out, `"id"`), errOut, updates)
		}
	}
	t.Logf("%d of 6 backups killed before they were done", killed)
}
