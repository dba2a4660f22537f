//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// TestDesktopBusNotificationAndTray runs the real app (the cgo build with
// Fyne's GLFW driver) on a private session bus (dbus-run-session) under
// Xvfb, with dunst as the notification server and dbus-monitor watching.
// The test app of Fyne's ci build records notifications instead of sending
// them, so only the real binary shows the path a user gets: Fyne's
// SendNotification calling org.freedesktop.Notifications.Notify. The
// database holds one reminder that fell due while the app was closed; the
// Notify call must carry its summary and body. With a StatusNotifierWatcher
// on the bus (status-notifier-watcher, Debian's
// haskell-status-notifier-item-utils) the tray registers, and its menu,
// read over D-Bus the way a panel reads it (com.canonical.dbusmenu), must
// be reminders.TrayMenu's lines then Open, Settings… and Quit.
//
// Set REMOTECTO_BIN to test a binary already built, and
// REMOTECTO_SCREENSHOTS to a directory to keep screenshots of the screen.
func TestDesktopBusNotificationAndTray(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Xvfb, a session bus, dunst and the real app: not in -short")
	}
	var missing []string
	for _, cmd := range []string{"Xvfb", "dbus-run-session", "dbus-monitor", "dunst"} {
		if _, err := exec.LookPath(cmd); err != nil {
			missing = append(missing, cmd)
		}
	}
	if len(missing) > 0 {
		t.Skipf("%s not found: install xvfb dbus dbus-x11 dunst (scripts/test.sh does)", strings.Join(missing, ", "))
	}
	bin := realBinary(t)
	tmp := t.TempDir()
	display := startXvfb(t)
	bus := startSessionBus(t)
	env := desktopEnv(tmp, display, bus)

	monitor := &syncBuffer{}
	startProcess(t, env, monitor, "dbus-monitor", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'")
	startProcess(t, env, nil, "dunst")
	conn, err := dbus.Connect(bus)
	if err != nil {
		t.Fatalf("connect to the test's session bus: %v", err)
	}
	defer conn.Close()
	waitFor(t, "dunst on the bus", func() bool { return hasName(conn, "org.freedesktop.Notifications") })
	watcher := ""
	if _, err := exec.LookPath("status-notifier-watcher"); err == nil {
		startProcess(t, env, nil, "status-notifier-watcher")
		waitFor(t, "the StatusNotifierWatcher", func() bool { return hasName(conn, "org.kde.StatusNotifierWatcher") })
		watcher = "status-notifier-watcher"
	}

	dbPath := filepath.Join(tmp, "team.db")
	missed := prepareMissedReminder(t, dbPath)
	var appOut syncBuffer
	app := startProcess(t, env, &appOut, bin, "--db", dbPath)

	// The missed reminder reaches the notification server once.
	var call []string
	waitFor(t, "the Notify call", func() bool {
		call = notifyCall(monitor.String())
		return call != nil
	})
	if call[0] != "io.remotecto.app" || call[2] != missed.Title || call[3] != missed.Body {
		t.Errorf("Notify call %q\nwant app io.remotecto.app, summary %q, body %q\ndbus-monitor:\n%s", call, missed.Title, missed.Body, monitor.String())
	}
	t.Logf("Notify: app %q, summary %q, body %q", call[0], call[2], call[3])
	screenshot(t, env, "notification.png")

	t.Run("tray", func(t *testing.T) {
		if watcher == "" {
			t.Skip("no StatusNotifier host here (Debian: haskell-status-notifier-item-utils gives status-notifier-watcher): the tray's menu is tested through reminders.TrayMenu only")
		}
		item := fmt.Sprintf("org.kde.StatusNotifierItem-%d-1", app.Process.Pid)
		waitFor(t, "the tray item on the bus", func() bool { return hasName(conn, item) })
		var got, want []string
		waitFor(t, "the tray menu to match reminders.TrayMenu", func() bool {
			got = trayLabels(t, conn, item)
			want = append(trayTexts(t, dbPath), "Open remotecto", "Settings…", "Quit")
			return slices.Equal(got, want)
		})
		t.Logf("tray menu: %q", got)
		var owner string
		if err := conn.BusObject().Call("org.freedesktop.DBus.GetNameOwner", 0, item).Store(&owner); err != nil {
			t.Fatal(err)
		}
		v, err := conn.Object("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher").
			GetProperty("org.kde.StatusNotifierWatcher.RegisteredStatusNotifierItems")
		if err != nil || !strings.Contains(fmt.Sprint(v.Value()), owner) {
			t.Errorf("watcher's items %v (%v); want the app's %s", v.Value(), err, owner)
		}
	})

	// The app quits cleanly on SIGTERM, tray and all.
	app.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- app.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Errorf("the app did not quit within 10 s of SIGTERM")
	}
	if out := appOut.String(); strings.Contains(out, "panic:") {
		t.Errorf("the app panicked:\n%s", out)
	}
}

// realBinary returns the app built with cgo and the GLFW driver:
// REMOTECTO_BIN, or a build into a temporary directory (skipped where the
// C toolchain or the X11/OpenGL headers are missing).
func realBinary(t *testing.T) string {
	if bin := os.Getenv("REMOTECTO_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	for _, c := range []string{"gcc", "pkg-config"} {
		if _, err := exec.LookPath(c); err != nil {
			t.Skipf("%s not found: the real app (cgo, GLFW) cannot be built here", c)
		}
	}
	if out, err := exec.Command("pkg-config", "--exists", "x11", "gl", "xcursor", "xrandr", "xinerama", "xi", "xxf86vm").CombinedOutput(); err != nil {
		t.Skipf("X11/OpenGL headers missing (scripts/deps.sh lists them): %v %s", err, out)
	}
	bin := filepath.Join(t.TempDir(), "remotecto")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the app: %v\n%s", err, out)
	}
	return bin
}

// prepareMissedReminder writes the sample team into a new database, with
// Dana as me, an action item of hers due today in New York (its reminder
// fired yesterday at 09:00 her time) and the app last seen three days ago.
// It returns the notification the app must show: that one reminder, missed.
func prepareMissedReminder(t *testing.T, path string) reminders.Reminder {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(ctx, tm); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetMe(ctx, "Dana"); err != nil {
		t.Fatal(err)
	}
	ny, _ := timezone.LoadZone("America/New_York")
	now := time.Now()
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: now.Add(-72 * time.Hour), Notes: "Desktop bus test",
		Actions: []worklog.ActionItem{{Text: "Check the notification path", Owner: "Dana", Due: timezone.DateOf(now.In(ny))}}}); err != nil {
		t.Fatal(err)
	}
	lastSeen := now.Add(-72 * time.Hour)
	if _, err := db.FireReminders(ctx, nil, lastSeen); err != nil {
		t.Fatal(err)
	}
	in, err := db.ReminderInput(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := reminders.List(in, lastSeen, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Kind != reminders.ActionDue {
		t.Fatalf("reminders while closed: %+v; want the one action item", rs)
	}
	r := rs[0]
	r.Title = "Missed: " + r.Title
	r.Body = fmt.Sprintf("Due %s, while remotecto was closed. %s", r.At.In(ny).Format("Mon 2 Jan 15:04"), r.Body)
	return r
}

// trayTexts is reminders.TrayMenu's lines for the database, now.
func trayTexts(t *testing.T, path string) []string {
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in, err := db.ReminderInput(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return reminders.TrayMenu(in, time.Now()).Texts()
}

// dbusMenuLayout is com.canonical.dbusmenu's layout node: (ia{sv}av).
type dbusMenuLayout struct {
	ID         int32
	Properties map[string]dbus.Variant
	Children   []dbus.Variant
}

// trayLabels reads the labels of the tray menu's items, as a panel does.
func trayLabels(t *testing.T, conn *dbus.Conn, item string) []string {
	var revision uint32
	var layout dbusMenuLayout
	err := conn.Object(item, "/StatusNotifierMenu").Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{}).
		Store(&revision, &layout)
	if err != nil {
		t.Logf("GetLayout: %v", err)
		return nil
	}
	var out []string
	for _, c := range layout.Children {
		var child dbusMenuLayout
		if err := dbus.Store([]any{c.Value()}, &child); err != nil {
			t.Logf("menu item %v: %v", c, err)
			return nil
		}
		if v, ok := child.Properties["visible"]; ok && v.Value() == false {
			continue
		}
		if l, ok := child.Properties["label"]; ok {
			out = append(out, l.Value().(string))
		}
	}
	return out
}

// notifyCall returns the string arguments of the first Notify call in
// dbus-monitor's output: app name, icon, summary and body; nil before one.
func notifyCall(out string) []string {
	i := strings.Index(out, "member=Notify")
	if i < 0 {
		return nil
	}
	var args []string
	sc := bufio.NewScanner(strings.NewReader(out[i:]))
	sc.Scan() // the call's own line
	for sc.Scan() && len(args) < 4 {
		line := strings.TrimSpace(sc.Text())
		if s, ok := strings.CutPrefix(line, `string "`); ok {
			args = append(args, strings.TrimSuffix(s, `"`))
		}
	}
	if len(args) < 4 {
		return nil
	}
	return args
}

func hasName(conn *dbus.Conn, name string) bool {
	var owned bool
	return conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned) == nil && owned
}

// startXvfb starts a virtual screen on a free display and returns its name.
func startXvfb(t *testing.T) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { stop(cmd) })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not say its display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// startSessionBus starts a private session bus with dbus-run-session and
// returns its address; the bus ends with the test.
func startSessionBus(t *testing.T) string {
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", `echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600`)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(cmd) })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.Contains(line, "=") {
		t.Fatalf("dbus-run-session gave no bus address: %q, %v", line, err)
	}
	return strings.TrimSpace(line)
}

// desktopEnv is the environment of the desktop's programs: the virtual
// screen, the private bus, and home and XDG directories under dir.
func desktopEnv(dir, display, bus string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "LANG", "LC_ALL":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display, "DBUS_SESSION_BUS_ADDRESS="+bus, "LANG=en_US.UTF-8", "HOME="+dir,
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"))
}

// startProcess starts a program in its own process group, its output into
// out (when not nil), and stops it when the test ends.
func startProcess(t *testing.T, env []string, out *syncBuffer, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	if out != nil {
		cmd.Stdout, cmd.Stderr = out, out
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() { stop(cmd) })
	return cmd
}

// stop ends a process group started by the test: SIGTERM, then SIGKILL.
func stop(cmd *exec.Cmd) {
	if cmd.Process == nil || cmd.ProcessState != nil {
		return
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// waitFor polls ok for up to 20 seconds.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// screenshot saves the whole virtual screen into REMOTECTO_SCREENSHOTS
// when that is set.
func screenshot(t *testing.T, env []string, name string) {
	dir := os.Getenv("REMOTECTO_SCREENSHOTS")
	if dir == "" {
		return
	}
	cmd := exec.Command("import", "-window", "root", filepath.Join(dir, name))
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("screenshot %s: %v %s", name, err, out)
	}
}

// syncBuffer is a bytes.Buffer safe for a process to write while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
