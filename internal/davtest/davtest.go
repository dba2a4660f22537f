// Package davtest starts real DAV servers on loopback for tests: Radicale
// (CalDAV) and rclone's WebDAV server, each over a temporary folder and
// stopped when the test ends, and a private desktop bus with GNOME Keyring's
// Secret Service. A test that lacks a server program is skipped with the
// Debian package to install. It is imported by tests only.
package davtest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Python is Debian's interpreter, the one its radicale package is for (a
// pyenv python3 earlier on PATH would not have it).
const Python = "/usr/bin/python3"

// FreeAddr returns a loopback address nobody listens on (the port may be
// taken again by the time it is used; good enough for a test).
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Server is a server process started by a test.
type Server struct {
	// URL is the server's root, with a slash: http://127.0.0.1:PORT/.
	URL string
	// Dir is the folder the server keeps its data in (Radicale's
	// collections, or the folder rclone serves).
	Dir string

	cmd  *exec.Cmd
	done chan struct{}
}

// Stop ends the server before the test does (to see how a client copes
// with a server that went away); stopping twice is harmless.
func (s *Server) Stop() {
	s.cmd.Process.Kill()
	<-s.done
}

// start runs a server process until the test ends and waits until addr
// accepts connections.
func start(t testing.TB, addr, logPath string, name string, args ...string) *Server {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	s := &Server{URL: "http://" + addr + "/", cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); logFile.Close(); close(s.done) }()
	t.Cleanup(s.Stop)
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return s
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(logPath)
			t.Fatalf("%s exited before listening on %s:\n%s", name, addr, log)
		default:
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("%s not listening on %s after 20 s:\n%s", name, addr, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// StartRadicale runs Radicale with htpasswd auth for the users (name →
// password), owner_only rights and its storage in a temporary folder
// (Server.Dir). With bcrypt the passwords are stored as bcrypt hashes, as a
// real installation keeps them (passlib needed). A user's calendars live at
// URL + "USER/NAME/".
func StartRadicale(t testing.TB, users map[string]string, bcrypt bool) *Server {
	t.Helper()
	if _, err := os.Stat(Python); err != nil {
		t.Skipf("Radicale tests need %s (apt-get install radicale)", Python)
	}
	if out, err := exec.Command(Python, "-c", "import radicale").CombinedOutput(); err != nil {
		t.Skipf("Radicale is not installed (apt-get install radicale): %v: %s", err, out)
	}
	dir := t.TempDir()
	var lines []string
	for user, pass := range users {
		if bcrypt {
			pass = BcryptHash(t, pass)
		}
		lines = append(lines, user+":"+pass)
	}
	usersFile := filepath.Join(dir, "users")
	if err := os.WriteFile(usersFile, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	encryption := "plain"
	if bcrypt {
		encryption = "bcrypt"
	}
	addr := FreeAddr(t)
	collections := filepath.Join(dir, "collections")
	config := fmt.Sprintf(`[server]
hosts = %s
[auth]
type = htpasswd
htpasswd_filename = %s
htpasswd_encryption = %s
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = %s
[web]
type = none
[logging]
level = warning
`, addr, usersFile, encryption, collections)
	cfg := filepath.Join(dir, "config")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, addr, filepath.Join(dir, "log"), Python, "-m", "radicale", "--config", cfg)
	s.Dir = collections
	return s
}

// HaveBcrypt reports whether Radicale can check bcrypt passwords here.
func HaveBcrypt() bool {
	return exec.Command(Python, "-c", "from passlib.hash import bcrypt; bcrypt.hash('x')").Run() == nil
}

// BcryptHash hashes a password as htpasswd does (cost 10, as htpasswd -B).
func BcryptHash(t testing.TB, pass string) string {
	t.Helper()
	out, err := exec.Command(Python, "-c",
		"import sys; from passlib.hash import bcrypt; print(bcrypt.using(rounds=10, ident='2y').hash(sys.argv[1]))", pass).Output()
	if err != nil {
		t.Skipf("bcrypt needs python3-passlib and python3-bcrypt: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// StartRclone runs rclone's WebDAV server on loopback over a temporary
// folder (Server.Dir), with Basic auth for one user.
func StartRclone(t testing.TB, user, pass string) *Server {
	t.Helper()
	bin, err := exec.LookPath("rclone")
	if err != nil {
		t.Skip("WebDAV tests need rclone (apt-get install rclone)")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	addr := FreeAddr(t)
	s := start(t, addr, filepath.Join(dir, "log"), bin, "serve", "webdav", root,
		"--addr", addr, "--user", user, "--pass", pass, "--config", filepath.Join(dir, "rclone.conf"))
	s.Dir = root
	return s
}

// Grep returns the files under dir whose content holds any of the needles,
// each with the needle found: what a server keeps on disk, searched for
// text that must not have reached it.
func Grep(t testing.TB, dir string, needles ...string) map[string]string {
	t.Helper()
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range needles {
			if strings.Contains(string(b), n) {
				found[path] = n
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// Counter is an http.RoundTripper that counts requests by method.
type Counter struct {
	mu     sync.Mutex
	counts map[string]int
	next   http.RoundTripper
	before func(*http.Request)
}

// NewCounter returns a Counter over http.DefaultTransport.
func NewCounter() *Counter {
	return &Counter{counts: map[string]int{}, next: http.DefaultTransport}
}

// RoundTrip counts the request, runs the function set with SetBefore, and
// sends it.
func (c *Counter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.counts[req.Method]++
	before := c.before
	c.mu.Unlock()
	if before != nil {
		before(req)
	}
	return c.next.RoundTrip(req)
}

// SetBefore sets a function run before each request is sent.
func (c *Counter) SetBefore(f func(*http.Request)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.before = f
}

// Get returns how many requests of the method were sent.
func (c *Counter) Get(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[method]
}

// Counts returns a copy of the counts by method.
func (c *Counter) Counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}

// Reset sets every count to zero.
func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = map[string]int{}
}
