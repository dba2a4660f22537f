package davtest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// StartKeyring runs a private D-Bus session bus with gnome-keyring-daemon's
// Secret Service on it, its login keyring unlocked with a password given on
// standard input, and returns the bus address.
func StartKeyring(t testing.TB) string {
	t.Helper()
	for _, bin := range []string{"dbus-daemon", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("the keyring test needs %s (apt-get install dbus gnome-keyring)", bin)
		}
	}
	dir := t.TempDir()
	// A session bus with no service directories: nothing is started on
	// demand (such as a keyring daemon in the real home folder).
	config := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(config, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=`+filepath.Join(dir, "bus")+`</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600); err != nil {
		t.Fatal(err)
	}
	daemon := exec.Command("dbus-daemon", "--config-file="+config, "--nofork", "--print-address=1")
	out, err := daemon.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { daemon.Process.Kill(); daemon.Wait() })
	addr := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		addr <- strings.TrimSpace(line)
	}()
	var bus string
	select {
	case bus = <-addr:
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon printed no address")
	}
	if bus == "" {
		t.Skip("dbus-daemon did not start a session bus here")
	}

	home := filepath.Join(dir, "home")
	keyring := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	keyring.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS="+bus, "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"), "XDG_RUNTIME_DIR="+dir, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	keyring.Stdin = strings.NewReader("test-keyring-password")
	logPath := filepath.Join(dir, "keyring.log")
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	keyring.Stdout, keyring.Stderr = log, log
	if err := keyring.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { keyring.Process.Kill(); keyring.Wait(); log.Close() })

	// Wait until the service owns its name on the bus.
	deadline := time.Now().Add(10 * time.Second)
	for {
		reply, err := exec.Command("dbus-send", "--bus="+bus, "--print-reply", "--dest=org.freedesktop.DBus",
			"/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets").Output()
		if err == nil && strings.Contains(string(reply), "boolean true") {
			return bus
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logPath)
			t.Skipf("gnome-keyring-daemon did not serve the Secret Service here: %v\n%s", err, b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
