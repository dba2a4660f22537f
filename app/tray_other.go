//go:build !linux && !freebsd && !openbsd && !netbsd

package app

// desktopHasTray reports whether the desktop shows tray icons: Windows'
// notification area and macOS's menu bar always do.
func desktopHasTray() bool { return true }

// desktopHasBus reports whether notifications have a way out: on Windows
// and macOS the system's own.
func desktopHasBus() bool { return true }
