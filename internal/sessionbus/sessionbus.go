// Package sessionbus keeps the app from starting a D-Bus session bus of its
// own. When no session bus is there (a server, a bare X session, a CI
// runner), the D-Bus library Fyne uses for notifications, the tray and the
// desktop's colour scheme runs dbus-launch, which leaves a dbus-daemon
// running after the app quits, reachable by nobody. Where no bus address is
// set and no bus socket exists, this package sets the address to
// "disabled:", a transport nothing speaks: every connection fails at once
// and nothing is started. Import it for its side effect from main.
package sessionbus

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// Disabled is the bus address set when there is no session bus.
const Disabled = "disabled:"

func init() { disableAutolaunch() }

// disableAutolaunch sets DBUS_SESSION_BUS_ADDRESS to Disabled when it is
// unset (or asks for autolaunch) and no bus socket is where the D-Bus
// library would look for one.
func disableAutolaunch() {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
	default:
		return // Windows and macOS do not autolaunch through dbus-launch
	}
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return
	}
	dirs := []string{filepath.Join("/run/user", strconv.Itoa(os.Getuid()))}
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		dirs = append([]string{d}, dirs...)
	}
	for _, d := range dirs {
		for _, f := range []string{"bus", "dbus-session"} {
			if _, err := os.Stat(filepath.Join(d, f)); err == nil {
				return // the library finds this bus by itself
			}
		}
	}
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", Disabled)
}
