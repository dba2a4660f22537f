package dav

import (
	"context"
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

// python is Debian's interpreter, the one its radicale package is for (a
// pyenv python3 earlier on PATH would not have it).
const python = "/usr/bin/python3"

// freeAddr returns a loopback address nobody listens on (the port may be
// taken again by the time it is used; good enough for a test).
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// startServer runs a server process until the test ends and waits until
// addr accepts connections.
func startServer(t testing.TB, addr, logPath string, name string, args ...string) {
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
	done := make(chan struct{})
	go func() { cmd.Wait(); logFile.Close(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-done:
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

// radicale is a Radicale CalDAV server on loopback.
type radicale struct {
	URL string // http://127.0.0.1:PORT/
}

// startRadicale runs Radicale with htpasswd auth for the users (name →
// password), owner_only rights and its storage in a temporary folder. With
// bcrypt the passwords are stored as bcrypt hashes (passlib needed).
func startRadicale(t testing.TB, users map[string]string, bcrypt bool) *radicale {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skipf("Radicale tests need %s (apt-get install radicale)", python)
	}
	if out, err := exec.Command(python, "-c", "import radicale").CombinedOutput(); err != nil {
		t.Skipf("Radicale is not installed (apt-get install radicale): %v: %s", err, out)
	}
	dir := t.TempDir()
	var lines []string
	for user, pass := range users {
		if bcrypt {
			pass = bcryptHash(t, pass)
		}
		lines = append(lines, user+":"+pass)
	}
	users_ := filepath.Join(dir, "users")
	if err := os.WriteFile(users_, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	encryption := "plain"
	if bcrypt {
		encryption = "bcrypt"
	}
	addr := freeAddr(t)
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
`, addr, users_, encryption, filepath.Join(dir, "collections"))
	cfg := filepath.Join(dir, "config")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	startServer(t, addr, filepath.Join(dir, "log"), python, "-m", "radicale", "--config", cfg)
	return &radicale{URL: "http://" + addr + "/"}
}

// haveBcrypt reports whether Radicale can check bcrypt passwords here.
func haveBcrypt() bool {
	return exec.Command(python, "-c", "from passlib.hash import bcrypt; bcrypt.hash('x')").Run() == nil
}

// bcryptHash hashes a password as htpasswd does (cost 10, as htpasswd -B).
func bcryptHash(t testing.TB, pass string) string {
	t.Helper()
	out, err := exec.Command(python, "-c",
		"import sys; from passlib.hash import bcrypt; print(bcrypt.using(rounds=10, ident='2y').hash(sys.argv[1]))", pass).Output()
	if err != nil {
		t.Skipf("bcrypt needs python3-passlib and python3-bcrypt: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// startRclone runs rclone's WebDAV server on loopback over a temporary
// folder, which it returns with the server's URL.
func startRclone(t testing.TB, user, pass string) (url, dir string) {
	t.Helper()
	bin, err := exec.LookPath("rclone")
	if err != nil {
		t.Skip("WebDAV tests need rclone (apt-get install rclone)")
	}
	dir = t.TempDir()
	root := filepath.Join(dir, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	startServer(t, addr, filepath.Join(dir, "log"), bin, "serve", "webdav", root,
		"--addr", addr, "--user", user, "--pass", pass, "--config", filepath.Join(dir, "rclone.conf"))
	return "http://" + addr + "/", root
}

// counter is a transport that counts requests by method.
type counter struct {
	mu     sync.Mutex
	counts map[string]int
	next   http.RoundTripper
	// before, when set, runs before each request is sent.
	before func(*http.Request)
}

func newCounter() *counter {
	return &counter{counts: map[string]int{}, next: http.DefaultTransport}
}

func (c *counter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.counts[req.Method]++
	before := c.before
	c.mu.Unlock()
	if before != nil {
		before(req)
	}
	return c.next.RoundTrip(req)
}

func (c *counter) get(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[method]
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = map[string]int{}
}

// bg is a context for tests.
func bg(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
