package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/davtest"
)

// sharingNow is the clock of the sharing tests: the sample team's rotations
// have run since March, and Greta's override (24-27 December) is ahead.
var sharingNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// memSecrets is a password store in memory, for tests that are not about
// the keyring.
type memSecrets struct {
	mu sync.Mutex
	m  map[string]string
}

func newMemSecrets() *memSecrets { return &memSecrets{m: map[string]string{}} }

func (s *memSecrets) Get(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.m[key]; ok {
		return p, nil
	}
	return "", dav.ErrNoSecret
}

func (s *memSecrets) Set(key, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = password
	return nil
}

func (s *memSecrets) Delete(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

// shell runs commands the way a person at a terminal would, with one
// password store, a fixed clock and standard input per command.
type shell struct {
	t       *testing.T
	secrets dav.Secrets
	now     time.Time
	ctx     context.Context
}

func newShell(t *testing.T) *shell {
	t.Setenv(dav.PasswordEnv, "")
	return &shell{t: t, secrets: newMemSecrets(), now: sharingNow}
}

// run runs one command with stdin as its standard input.
func (sh *shell) run(stdin string, args ...string) (code int, stdout, stderr string) {
	sh.t.Helper()
	var out, errOut bytes.Buffer
	now := sh.now
	code = Run(args, Env{Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(stdin), Now: func() time.Time { return now },
		Secrets: sh.secrets, Ctx: sh.ctx})
	return code, out.String(), errOut.String()
}

// must runs a command that has to succeed and returns its output.
func (sh *shell) must(stdin string, args ...string) string {
	sh.t.Helper()
	code, out, errOut := sh.run(stdin, args...)
	if code != 0 {
		sh.t.Fatalf("remotecto %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// results reads the output of publish run --json.
func results(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rs []map[string]any
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("publish run --json printed %q: %v", out, err)
	}
	return rs
}

// count reads a number of a result.
func count(r map[string]any, key string) int {
	f, _ := r[key].(float64)
	return int(f)
}

// icsFiles counts the calendar resources Radicale keeps for a collection.
func icsFiles(t *testing.T, root, user, collection string) int {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "collection-root", user, collection))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".ics") {
			n++
		}
	}
	return n
}

// statusLog is a transport that keeps the status of every answer.
type statusLog struct {
	mu       sync.Mutex
	statuses []int
}

func (l *statusLog) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		l.mu.Lock()
		l.statuses = append(l.statuses, resp.StatusCode)
		l.mu.Unlock()
	}
	return resp, err
}

func (l *statusLog) take() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.statuses
	l.statuses = nil
	return s
}

// TestPublishAndFollow is the whole story: a CTO publishes the on-call
// calendar to Radicale and the team bundle to a WebDAV server; a second
// database follows the bundle and answers "who is on call" exactly as the
// CTO's does; a change made by the CTO reaches the follower with the next
// publish and refresh; a refresh with nothing new costs one 304.
func TestPublishAndFollow(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "cal-pass"}, false)
	files := davtest.StartRclone(t, "share", "file-pass")
	sh := newShell(t)
	dir := t.TempDir()
	cto, follower := filepath.Join(dir, "cto.db"), filepath.Join(dir, "follower", "team.db")
	bundleURL := files.URL + "team.json"

	sh.must("", "--db", cto, "team", "import", sampleTeamPath)
	out := sh.must("cal-pass\n", "--db", cto, "publish", "add", "oncall", "--caldav", cal.URL+"cto/oncall", "--feed", "oncall",
		"--user", "cto", "--password-stdin")
	if !strings.Contains(out, "added oncall: shifts of every rotation to caldav "+cal.URL+"cto/oncall/") {
		t.Errorf("publish add said %q", out)
	}
	sh.must("file-pass\n", "--db", cto, "publish", "add", "team bundle", "--webdav", bundleURL, "--feed", "team",
		"--user", "share", "--password-stdin")

	// The collection does not exist yet: the run says so and how to go on.
	code, out, errOut := sh.run("", "--db", cto, "publish", "run", "oncall", "--json")
	if code != 1 || !strings.Contains(errOut, "--create") || !strings.Contains(out, "calendar collection not found") {
		t.Fatalf("publish to a missing collection: exit %d\n%s\n%s", code, out, errOut)
	}
	rs := results(t, sh.must("", "--db", cto, "publish", "run", "--create", "--json"))
	if len(rs) != 2 || rs[0]["target"] != "oncall" || rs[1]["target"] != "team bundle" {
		t.Fatalf("results %v", rs)
	}
	shifts := count(rs[0], "created")
	if shifts < 300 || rs[0]["error"] != "" || count(rs[1], "created") != 1 || rs[1]["error"] != "" {
		t.Fatalf("first publish: %v", rs)
	}
	if n := icsFiles(t, cal.Dir, "cto", "oncall"); n != shifts {
		t.Errorf("Radicale holds %d events; %d were created", n, shifts)
	}
	list := sh.must("", "--db", cto, "publish", "list")
	if strings.Count(list, "published just now") != 2 {
		t.Errorf("publish list:\n%s", list)
	}

	// A new database follows the bundle (its folder does not exist yet).
	out = sh.must("file-pass\n", "--db", follower, "team", "subscribe", bundleURL, "--user", "share", "--password-stdin")
	if !strings.Contains(out, "following "+bundleURL+": members: 9 added") {
		t.Errorf("subscribe said %q", out)
	}
	sameOnCall := func(when string, ats ...string) {
		t.Helper()
		for _, at := range ats {
			want := sh.must("", "--db", cto, "oncall", "now", "--at", at, "--json")
			got := sh.must("", "--db", follower, "oncall", "now", "--at", at, "--json")
			if got != want {
				t.Errorf("%s, oncall now at %s: the follower says\n%s\nthe CTO's database says\n%s", when, at, got, want)
			}
		}
	}
	sameOnCall("after subscribing", "2026-11-23T12:00:00Z", "2026-12-25T12:00:00Z", "2027-03-01T07:30:00Z")

	// The follower's team is read-only; its own log is its own.
	code, _, errOut = sh.run("", "--db", follower, "team", "import", sampleTeamPath)
	if code != 1 || !strings.Contains(errOut, "following "+bundleURL+": the team is read-only") || !strings.Contains(errOut, "read-only") {
		t.Errorf("team import in a follower: exit %d, %s", code, errOut)
	}
	code, _, errOut = sh.run("", "--db", follower, "import", "ics", writeFile(t, "x.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "--member", "Ana")
	if code != 1 || !strings.Contains(errOut, "read-only") {
		t.Errorf("import ics in a follower: exit %d, %s", code, errOut)
	}
	sh.must("", "--db", follower, "log", "update", "--author", "Ana", "--kind", "status", "--text", "the follower's own note")

	// The CTO moves Greta's override by a day and republishes: only the
	// shifts that changed are sent.
	sample, err := os.ReadFile(sampleTeamPath)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(sample), `"end": "2026-12-27T00:00:00Z"`, `"end": "2026-12-28T00:00:00Z"`, 1)
	if moved == string(sample) {
		t.Fatal("the sample team's override moved: update the test")
	}
	sh.must("", "--db", cto, "team", "import", writeFile(t, "moved.json", moved))
	rs = results(t, sh.must("", "--db", cto, "publish", "run", "--json"))
	t.Logf("moving an override by a day: %v", rs[0])
	changed := count(rs[0], "created") + count(rs[0], "updated") + count(rs[0], "deleted")
	if changed == 0 || changed > 4 || count(rs[1], "updated") != 1 {
		t.Errorf("republish after moving an override: %v", rs)
	}
	if n := icsFiles(t, cal.Dir, "cto", "oncall"); n != shifts+count(rs[0], "created")-count(rs[0], "deleted") {
		t.Errorf("Radicale holds %d events after the change", n)
	}
	out = sh.must("", "--db", follower, "team", "refresh")
	if !strings.Contains(out, "refreshed from "+bundleURL+": members: 0 added, 0 updated, 0 removed, 9 unchanged; rotations: 0 added, 1 updated") {
		t.Errorf("refresh said %q", out)
	}
	sameOnCall("after the change", "2026-12-27T12:00:00Z", "2026-12-28T12:00:00Z")

	// Nothing changed since: the server answers 304 and nothing is read.
	log := &statusLog{}
	davTransport = log
	defer func() { davTransport = nil }()
	out = sh.must("", "--db", follower, "team", "refresh")
	if got := log.take(); len(got) != 1 || got[0] != http.StatusNotModified || !strings.Contains(out, "304 Not Modified") {
		t.Errorf("refresh with nothing new: statuses %v, said %q; want one 304", got, out)
	}
	rs = results(t, sh.must("", "--db", cto, "publish", "run", "--json"))
	for _, r := range rs {
		if count(r, "created")+count(r, "updated")+count(r, "deleted") != 0 || count(r, "unchanged") == 0 {
			t.Errorf("a run with nothing changed: %v", r)
		}
	}
	if got := log.take(); containsStatus(got, http.StatusCreated) || containsStatus(got, http.StatusNoContent) {
		t.Errorf("a run with nothing changed wrote: statuses %v", got)
	}

	// Unsubscribing keeps the team and the follower's log, and makes the
	// team editable.
	out = sh.must("", "--db", follower, "team", "unsubscribe")
	if !strings.Contains(out, "the team (9 members) stays") {
		t.Errorf("unsubscribe said %q", out)
	}
	sh.must("", "--db", follower, "team", "import", sampleTeamPath)
	if out := sh.must("", "--db", follower, "log", "search", "own note"); !strings.Contains(out, "the follower's") {
		t.Errorf("the follower's log after unsubscribing: %q", out)
	}
	if code, _, errOut := sh.run("", "--db", follower, "team", "refresh"); code != 1 || !strings.Contains(errOut, "does not follow a team") {
		t.Errorf("refresh after unsubscribing: exit %d, %s", code, errOut)
	}
}

func containsStatus(ss []int, s int) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
