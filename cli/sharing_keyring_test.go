package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/davtest"
)

// TestPasswordsGoToTheKeyring runs the commands with the app's own password
// store: with no keyring, --password-stdin is refused and names the
// variable to use, which then works; with GNOME Keyring on a private bus,
// the password is kept there, never in the database, and leaves with its
// target.
func TestPasswordsGoToTheKeyring(t *testing.T) {
	const pass = "s3cret-in-keyring"
	files := davtest.StartRclone(t, "share", pass)
	sh := newShell(t)
	sh.secrets = nil // the desktop keyring, with the variable first
	dir := t.TempDir()
	db := filepath.Join(dir, "cto.db")
	sh.must("", "--db", db, "team", "import", sampleTeamPath)

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	code, _, errOut := sh.run(pass+"\n", "--db", db, "publish", "add", "bundle", "--webdav", files.URL+"team.json", "--feed", "team",
		"--user", "share", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, dav.PasswordEnv) || !strings.Contains(errOut, "nothing was changed") {
		t.Errorf("--password-stdin with no keyring: exit %d, %s; want 1 and a message naming %s", code, errOut, dav.PasswordEnv)
	}
	if out := sh.must("", "--db", db, "publish", "list"); !strings.Contains(out, "no publish targets") {
		t.Errorf("a refused add left a target:\n%s", out)
	}
	follower := filepath.Join(dir, "follower.db")
	code, _, errOut = sh.run(pass+"\n", "--db", follower, "team", "subscribe", files.URL+"team.json", "--user", "share", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, dav.PasswordEnv) {
		t.Errorf("subscribe --password-stdin with no keyring: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(follower); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused subscribe created a database (%v)", err)
	}
	// For cron and CI: the variable.
	sh.must("", "--db", db, "publish", "add", "bundle", "--webdav", files.URL+"team.json", "--feed", "team", "--user", "share")
	if code, _, errOut := sh.run("", "--db", db, "publish", "run"); code != 1 || !strings.Contains(errOut, dav.PasswordEnv) {
		t.Errorf("run with no keyring and no variable: exit %d, %s", code, errOut)
	}
	t.Setenv(dav.PasswordEnv, pass)
	sh.must("", "--db", db, "publish", "run")
	sh.must("", "--db", follower, "team", "subscribe", files.URL+"team.json", "--user", "share")
	sh.must("", "--db", follower, "team", "refresh")
	t.Setenv(dav.PasswordEnv, "")

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", davtest.StartKeyring(t))
	sh.must(pass+"\n", "--db", db, "publish", "add", "oncall file", "--webdav", files.URL+"oncall.ics", "--feed", "oncall",
		"--user", "share", "--password-stdin")
	if got, err := (dav.Keyring{}).Get("oncall file"); err != nil || got != pass {
		t.Errorf("the keyring holds %q, %v; want the password", got, err)
	}
	if out := sh.must("", "--db", db, "publish", "run", "oncall file"); !strings.Contains(out, "1 created") {
		t.Errorf("run with the keyring's password: %s", out)
	}
	if found := davtest.Grep(t, dir, pass); len(found) > 0 {
		t.Errorf("the password is written in %v", found)
	}
	sh.must("", "--db", db, "publish", "remove", "oncall file")
	if _, err := (dav.Keyring{}).Get("oncall file"); !errors.Is(err, dav.ErrNoSecret) {
		t.Errorf("the password stayed in the keyring after remove: %v", err)
	}
}
