package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/davtest"
)

// targetStatus reads one target of publish list --json.
func targetStatus(t *testing.T, sh *shell, db, name string) targetJSON {
	t.Helper()
	var ts []targetJSON
	if err := json.Unmarshal([]byte(sh.must("", "--db", db, "publish", "list", "--json")), &ts); err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no target %s in %v", name, ts)
	return targetJSON{}
}

// TestPublishFailures: a server that is down, a wrong password, a missing
// collection or folder: each run exits 1 with a message that says what to
// do, records the failure, and loses nothing.
func TestPublishFailures(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	files := davtest.StartRclone(t, "share", "pw")
	sh := newShell(t)
	db := filepath.Join(t.TempDir(), "cto.db")
	sh.must("", "--db", db, "team", "import", sampleTeamPath)
	sh.must("pw\n", "--db", db, "publish", "add", "good", "--caldav", cal.URL+"cto/good/", "--feed", "rotation:Primary", "--user", "cto", "--password-stdin")
	sh.must("", "--db", db, "publish", "run", "--create")
	good := targetStatus(t, sh, db, "good")

	for _, c := range []struct {
		name, stdin string
		add         []string
		want        []string
	}{
		{"down", "pw\n", []string{"--caldav", "http://" + davtest.FreeAddr(t) + "/cto/oncall/", "--user", "cto", "--password-stdin"},
			[]string{"server not reachable", "connection refused"}},
		{"wrong-password", "not-the-password\n", []string{"--caldav", cal.URL + "cto/oncall/", "--user", "cto", "--password-stdin"},
			[]string{"401", "wrong user name or password"}},
		{"missing-collection", "pw\n", []string{"--caldav", cal.URL + "cto/on-call/", "--user", "cto", "--password-stdin"},
			[]string{"calendar collection not found", cal.URL + "cto/good/", "--create"}},
		{"missing-folder", "pw\n", []string{"--webdav", files.URL + "no/such/folder/oncall.ics", "--user", "share", "--password-stdin"},
			[]string{"the folder of the file does not exist"}},
		{"no-password", "", []string{"--webdav", files.URL + "oncall.ics", "--user", "share"},
			[]string{"no password stored", "--password-stdin", dav.PasswordEnv}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh.must(c.stdin, append([]string{"--db", db, "publish", "add", c.name, "--feed", "oncall"}, c.add...)...)
			code, out, errOut := sh.run("", "--db", db, "publish", "run", c.name, "--json")
			if code != 1 || !strings.Contains(errOut, "1 of 1 targets failed") {
				t.Errorf("exit %d, stderr %q; want 1 and a count of the failures", code, errOut)
			}
			rs := results(t, out)
			for _, w := range c.want {
				if !strings.Contains(rs[0]["error"].(string), w) && !strings.Contains(errOut, w) {
					t.Errorf("the error %q (stderr %q) does not say %q", rs[0]["error"], errOut, w)
				}
			}
			st := targetStatus(t, sh, db, c.name)
			if st.Last == nil || st.Last.Error == "" || st.LastRun == "" || st.LastOK != "" {
				t.Errorf("recorded %+v; want the failure", st)
			}
			sh.must("", "--db", db, "publish", "remove", c.name)
		})
	}
	// The good target was not touched by the others' failures.
	if got := targetStatus(t, sh, db, "good"); got.LastRun != good.LastRun || got.Last.Error != "" {
		t.Errorf("good target after the failures: %+v", got)
	}
	if code, _, errOut := sh.run("", "--db", db, "publish", "run", "nope"); code != 1 || !strings.Contains(errOut, "targets: good") {
		t.Errorf("run of an unknown target: exit %d, %s", code, errOut)
	}
	if code, _, errOut := sh.run("", "--db", db, "publish", "add", "x", "--caldav", cal.URL+"cto/x/", "--feed", "rotation:Nope"); code != 1 ||
		!strings.Contains(errOut, "rotations: APAC, Primary") {
		t.Errorf("feed of an unknown rotation: exit %d, %s", code, errOut)
	}
	if code, _, errOut := sh.run("", "--db", db, "publish", "add", "x", "--caldav", cal.URL+"cto/x/", "--feed", "team"); code != 1 ||
		!strings.Contains(errOut, "--webdav") {
		t.Errorf("team bundle to CalDAV: exit %d, %s", code, errOut)
	}
}

// TestPublishStoppedHalfWay stops a first publish after 20 writes (as an
// interrupt does), then runs again: the second run completes the work and
// the collection holds each event once.
func TestPublishStoppedHalfWay(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	sh := newShell(t)
	db := filepath.Join(t.TempDir(), "cto.db")
	sh.must("", "--db", db, "team", "import", sampleTeamPath)
	sh.must("pw\n", "--db", db, "publish", "add", "oncall", "--caldav", cal.URL+"cto/oncall/", "--feed", "rotation:Primary", "--user", "cto", "--password-stdin")
	rs := results(t, sh.must("", "--db", db, "publish", "run", "--dry-run", "--json", "--create"))
	total := count(rs[0], "created")

	ctx, cancel := context.WithCancel(context.Background())
	var puts atomic.Int32
	cnt := davtest.NewCounter()
	cnt.SetBefore(func(req *http.Request) {
		if req.Method == http.MethodPut && puts.Add(1) == 20 {
			cancel()
		}
	})
	davTransport, sh.ctx = cnt, ctx
	code, out, errOut := sh.run("", "--db", db, "publish", "run", "--create", "--json")
	davTransport, sh.ctx = nil, nil
	rs = results(t, out)
	first := count(rs[0], "created")
	if code != 1 || !strings.Contains(rs[0]["error"].(string), "context canceled") || first < 18 || first > 21 {
		t.Fatalf("the stopped run: exit %d, %v, %s", code, rs, errOut)
	}
	rs = results(t, sh.must("", "--db", db, "publish", "run", "--json"))
	// A write in flight when the run stopped may have reached the server
	// unrecorded: the next run recognises it as its own and leaves it.
	again := count(rs[0], "created")
	if again+count(rs[0], "unchanged") != total || again > total-first || again < total-first-2 || count(rs[0], "conflicts") != 0 {
		t.Errorf("the run after the stopped one: %v; want the %d events not written yet created, the rest unchanged", rs, total-first)
	}
	if n := icsFiles(t, cal.Dir, "cto", "oncall"); n != total {
		t.Errorf("Radicale holds %d events; want each of the %d once", n, total)
	}
}

// TestFollowFailures: subscribing to a server that is down, with a wrong
// password, to a missing file; a refresh while the server is down, or that
// finds a bundle that is not JSON or not a valid team: each exits 1 with a
// clear message and leaves the database as it was.
func TestFollowFailures(t *testing.T) {
	files := davtest.StartRclone(t, "share", "pw")
	sh := newShell(t)
	dir := t.TempDir()
	cto, follower := filepath.Join(dir, "cto.db"), filepath.Join(dir, "follower.db")
	sh.must("", "--db", cto, "team", "import", sampleTeamPath)
	sh.must("pw\n", "--db", cto, "publish", "add", "bundle", "--webdav", files.URL+"team.json", "--feed", "team", "--user", "share", "--password-stdin")
	sh.must("", "--db", cto, "publish", "run")

	for _, c := range []struct {
		name, url, password, want string
	}{
		{"down", "http://" + davtest.FreeAddr(t) + "/team.json", "pw", "server not reachable"},
		{"wrong password", files.URL + "team.json", "nope", "wrong user name or password"},
		{"missing file", files.URL + "teams.json", "pw", "no file at that URL"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".db")
		code, _, errOut := sh.run(c.password+"\n", "--db", path, "team", "subscribe", c.url, "--user", "share", "--password-stdin")
		if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "nothing changed") {
			t.Errorf("subscribe, %s: exit %d, %s; want 1 and %q", c.name, code, errOut, c.want)
		}
		if out := sh.must("", "--db", path, "team", "export", "-"); strings.Contains(out, `"name"`) {
			t.Errorf("subscribe, %s: the database holds a team:\n%s", c.name, out)
		}
		if _, err := sh.secrets.Get("follow:" + c.url); !errors.Is(err, dav.ErrNoSecret) {
			t.Errorf("subscribe, %s: the password stayed in the keyring (%v)", c.name, err)
		}
	}

	sh.must("pw\n", "--db", follower, "team", "subscribe", files.URL+"team.json", "--user", "share", "--password-stdin")
	before := sh.must("", "--db", follower, "team", "export", "-")
	unchanged := func(when string) {
		t.Helper()
		if after := sh.must("", "--db", follower, "team", "export", "-"); after != before {
			t.Errorf("%s: the follower's team changed", when)
		}
	}
	// What is in the bundle's place is changed through the server, as a
	// publisher (or someone else) would.
	bundle := files.URL + "team.json"
	good, err := os.ReadFile(filepath.Join(files.Dir, "team.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, body, want string }{
		{"not JSON", "<html>Sign in</html>", "not valid JSON"},
		{"cut short", string(good[:len(good)/2]), "not valid JSON"},
		{"not a valid team", strings.Replace(string(good), `"name": "Greta"`, `"name": "Gretchen"`, 1), `rotation "Primary": member "Greta": unknown member`},
	} {
		put(t, bundle, "share", "pw", []byte(c.body))
		code, _, errOut := sh.run("", "--db", follower, "team", "refresh")
		if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "left as it was") {
			t.Errorf("refresh, %s: exit %d, %s; want 1 and %q", c.name, code, errOut, c.want)
		}
		unchanged("refresh of a bundle " + c.name)
	}
	put(t, bundle, "share", "pw", good)
	sh.must("", "--db", follower, "team", "refresh")
	files.Stop()
	code, _, errOut := sh.run("", "--db", follower, "team", "refresh")
	if code != 1 || !strings.Contains(errOut, "server not reachable") {
		t.Errorf("refresh with the server down: exit %d, %s", code, errOut)
	}
	unchanged("refresh with the server down")
}

// put writes a file on a WebDAV server.
func put(t *testing.T, url, user, pass string, body []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("PUT %s: %s", url, resp.Status)
	}
}
