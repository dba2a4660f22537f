//go:build linux || freebsd || openbsd || netbsd

package app

import (
	"github.com/godbus/dbus/v5"
)

// statusNotifierWatcher is the bus name a desktop's tray owns: KDE Plasma,
// GNOME with the AppIndicator extension, XFCE, Cinnamon, MATE, LXQt, waybar
// and the rest of the StatusNotifierItem hosts. Fyne's tray speaks to it.
const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

// desktopHasTray reports whether a StatusNotifierWatcher owns its name on
// the session bus. It connects only to a bus that is already there: it
// never starts one (dbus-launch would leave a daemon behind).
func desktopHasTray() bool {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var owned bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, statusNotifierWatcher).Store(&owned)
	return err == nil && owned
}

// desktopHasBus reports whether a session bus is there to carry
// notifications, without starting one.
func desktopHasBus() bool {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return false
	}
	defer conn.Close()
	return conn.Auth(nil) == nil && conn.Hello() == nil
}
