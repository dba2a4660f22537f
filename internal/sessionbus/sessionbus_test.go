package sessionbus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestNoBusMeansDisabledNotAutolaunched(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("dbus-launch autolaunch is a Linux and BSD matter")
	}
	if _, err := os.Stat(filepath.Join("/run/user", "0", "bus")); err == nil && os.Getuid() == 0 {
		t.Skip("this machine has a session bus socket in /run/user/0")
	}
	dir := t.TempDir()
	for _, c := range []struct {
		addr, runtimeDir, socket, want string
	}{
		{"", dir, "", Disabled},
		{"autolaunch:", dir, "", Disabled},
		{"unix:path=/tmp/x", dir, "", "unix:path=/tmp/x"},
		{"", dir, "bus", ""},
	} {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", c.addr)
		t.Setenv("XDG_RUNTIME_DIR", c.runtimeDir)
		if c.socket != "" {
			os.WriteFile(filepath.Join(dir, c.socket), nil, 0o600)
		}
		want := c.want
		if want == "" {
			want = c.addr
		}
		disableAutolaunch()
		if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != want {
			t.Errorf("address %q, socket %q: set to %q; want %q", c.addr, c.socket, got, want)
		}
	}
}
