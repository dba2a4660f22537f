// Package desktopentry writes remotecto's freedesktop.org desktop entry and
// icons, so that the app shows in menus and launchers like any other, and
// the autostart entry that starts it with the session. It knows nothing of
// Fyne or the database; the command line and the GUI both use it.
package desktopentry

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"

	"dev.remotecto/remotecto/assets"
)

// ID is the application's id: the desktop file's and the icon's name, and the
// Fyne app id.
const ID = "io.remotecto.app"

// WMClass is the X11 class of the app's window (GLFW names it after the
// window title), so that docks match the window to the entry.
const WMClass = "remotecto"

// IconSizes are the sizes of the icons Install writes, in pixels.
var IconSizes = []int{16, 24, 32, 48, 64, 128, 256}

// ErrBadPath reports a path a desktop entry cannot hold: relative, or with
// a line break or another control character.
var ErrBadPath = errors.New("path must be absolute and without control characters")

// Entry returns the desktop entry that starts the app with argv (the binary's
// absolute path first, then its arguments). An autostart entry says so, for
// the desktops that let the user turn it off without deleting it.
func Entry(argv []string, autostart bool) ([]byte, error) {
	if len(argv) == 0 || !filepath.IsAbs(argv[0]) {
		return nil, fmt.Errorf("program %q: %w", strings.Join(argv, " "), ErrBadPath)
	}
	exec := make([]string, len(argv))
	for i, a := range argv {
		if strings.IndexFunc(a, isControl) >= 0 {
			return nil, fmt.Errorf("argument %q: %w", a, ErrBadPath)
		}
		exec[i] = quoteArg(a)
	}
	var b bytes.Buffer
	b.WriteString("[Desktop Entry]\n")
	for _, kv := range [][2]string{
		{"Type", "Application"},
		{"Version", "1.4"},
		{"Name", "remotecto"},
		{"GenericName", "Distributed team planner"},
		{"Comment", "Time-zone overlap, on-call rota with escalation, and a 1:1 and update log"},
		{"Exec", strings.Join(exec, " ")},
		{"TryExec", escapeString(argv[0])},
		{"Icon", ID},
		{"Terminal", "false"},
		{"Categories", "Office;ProjectManagement;"},
		{"Keywords", "time zone;overlap;on-call;rota;escalation;1:1;meeting;"},
		{"StartupWMClass", WMClass},
	} {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	if autostart {
		b.WriteString("X-GNOME-Autostart-enabled=true\n")
	}
	return b.Bytes(), nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// quoteArg writes one argument of Exec: as it is when it holds no reserved
// character, else in double quotes with ", `, $ and \ escaped; then escaped
// as a string value (a backslash doubles again) with % doubled as a field
// code's escape.
func quoteArg(a string) string {
	if a != "" && !strings.ContainsAny(a, " \t\n\"'\\><~|&;$*?#()`") {
		return strings.ReplaceAll(a, "%", "%%")
	}
	var q strings.Builder
	q.WriteByte('"')
	for _, r := range a {
		if strings.ContainsRune("\"`$\\", r) {
			q.WriteByte('\\')
		}
		q.WriteRune(r)
	}
	q.WriteByte('"')
	return strings.ReplaceAll(escapeString(q.String()), "%", "%%")
}

// escapeString escapes a value of type string: a backslash doubles.
func escapeString(s string) string { return strings.ReplaceAll(s, `\`, `\\`) }

// Files returns the files Install writes under prefix: the desktop entry,
// then one icon per size.
func Files(prefix string) []string {
	out := []string{filepath.Join(prefix, "share", "applications", ID+".desktop")}
	for _, n := range IconSizes {
		out = append(out, iconPath(prefix, n))
	}
	return out
}

func iconPath(prefix string, size int) string {
	return filepath.Join(prefix, "share", "icons", "hicolor", fmt.Sprintf("%dx%d", size, size), "apps", ID+".png")
}

// Install writes the desktop entry that runs argv and the icon in every size
// under prefix (~/.local for one user, /usr/local for everyone) and returns
// the files written. A file that cannot be written stops it with the files
// written so far left in place; running it again finishes the job.
func Install(prefix string, argv []string) ([]string, error) {
	entry, err := Entry(argv, false)
	if err != nil {
		return nil, err
	}
	icons, err := Icons()
	if err != nil {
		return nil, err
	}
	files := Files(prefix)
	var written []string
	if err := writeFile(files[0], entry); err != nil {
		return written, err
	}
	written = append(written, files[0])
	for i, n := range IconSizes {
		if err := writeFile(files[i+1], icons[n]); err != nil {
			return written, err
		}
		written = append(written, files[i+1])
	}
	return written, nil
}

// Uninstall removes what Install wrote under prefix and returns the files it
// removed; files already gone are no error.
func Uninstall(prefix string) ([]string, error) {
	var removed []string
	for _, f := range Files(prefix) {
		err := os.Remove(f)
		switch {
		case err == nil:
			removed = append(removed, f)
		case !errors.Is(err, fs.ErrNotExist):
			return removed, err
		}
	}
	return removed, nil
}

// Icons returns the app icon as PNG in each of IconSizes, scaled from the
// embedded 256×256 icon.
func Icons() (map[int][]byte, error) {
	src, err := png.Decode(bytes.NewReader(assets.IconPNG))
	if err != nil {
		return nil, fmt.Errorf("app icon: %w", err)
	}
	out := map[int][]byte{}
	for _, n := range IconSizes {
		if n == src.Bounds().Dx() && n == src.Bounds().Dy() {
			out[n] = assets.IconPNG
			continue
		}
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return nil, err
		}
		out[n] = b.Bytes()
	}
	return out, nil
}

// writeFile writes data to path through a temporary file in the same
// directory, so that a reader never sees half a file.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// AutostartPath returns where the autostart entry lives:
// $XDG_CONFIG_HOME/autostart/io.remotecto.app.desktop, with ~/.config when
// XDG_CONFIG_HOME is not set.
func AutostartPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the autostart directory: %w", err)
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", ID+".desktop"), nil
}

// Autostart reports whether the autostart entry exists.
func Autostart() bool {
	p, err := AutostartPath()
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

// SetAutostart writes the autostart entry that runs argv (on) or removes it
// (off; no error when it is not there).
func SetAutostart(on bool, argv []string) error {
	p, err := AutostartPath()
	if err != nil {
		return err
	}
	if !on {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", p, err)
		}
		return nil
	}
	entry, err := Entry(argv, true)
	if err != nil {
		return err
	}
	return writeFile(p, entry)
}

// Executable returns the absolute path of the running program with symbolic
// links resolved, for an entry's Exec.
func Executable() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find the running program: %w", err)
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return filepath.Abs(p)
}
