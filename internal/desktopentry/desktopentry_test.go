package desktopentry

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestEntryQuotesExec(t *testing.T) {
	for _, c := range []struct {
		argv []string
		want string
	}{
		{[]string{"/usr/bin/remotecto"}, "Exec=/usr/bin/remotecto\n"},
		{[]string{"/opt/my apps/remotecto", "--db", "/home/a/100%.db"}, `Exec="/opt/my apps/remotecto" --db /home/a/100%%.db` + "\n"},
		{[]string{`/opt/a"b$c\d/remotecto`}, `Exec="/opt/a\\"b\\$c\\\\d/remotecto"` + "\n"},
	} {
		got, err := Entry(c.argv, false)
		if err != nil {
			t.Fatalf("Entry(%q): %v", c.argv, err)
		}
		if !strings.Contains(string(got), c.want) {
			t.Errorf("Entry(%q) lacks %q:\n%s", c.argv, c.want, got)
		}
	}
	for _, argv := range [][]string{{"remotecto"}, {"/bin/remotecto", "a\nb"}, nil} {
		if _, err := Entry(argv, false); !errors.Is(err, ErrBadPath) {
			t.Errorf("Entry(%q) error = %v; want ErrBadPath", argv, err)
		}
	}
}

func TestInstallWritesEntryAndIconsAndUninstallRemovesThem(t *testing.T) {
	prefix := t.TempDir()
	files, err := Install(prefix, []string{"/opt/remotecto/bin/remotecto"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1+len(IconSizes) {
		t.Fatalf("wrote %d files; want %d", len(files), 1+len(IconSizes))
	}
	entry, err := os.ReadFile(filepath.Join(prefix, "share/applications/io.remotecto.app.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[Desktop Entry]\n", "Exec=/opt/remotecto/bin/remotecto\n", "Icon=io.remotecto.app\n",
		"Categories=Office;ProjectManagement;\n", "StartupWMClass=remotecto\n", "Type=Application\n"} {
		if !strings.Contains(string(entry), want) {
			t.Errorf("entry lacks %q:\n%s", want, entry)
		}
	}
	for _, n := range IconSizes {
		f, err := os.Open(iconPath(prefix, n))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != n || cfg.Height != n {
			t.Errorf("icon %d: %dx%d, %v; want %dx%d PNG", n, cfg.Width, cfg.Height, err, n, n)
		}
	}
	removed, err := Uninstall(prefix)
	if err != nil || len(removed) != len(files) {
		t.Errorf("Uninstall removed %d files, %v; want %d", len(removed), err, len(files))
	}
	for _, f := range files {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is still there", f)
		}
	}
	if removed, err := Uninstall(prefix); err != nil || len(removed) != 0 {
		t.Errorf("second Uninstall: %v, %v; want nothing to do", removed, err)
	}
}

func TestAutostartFollowsXDGConfigHome(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	want := filepath.Join(dir, "autostart", "io.remotecto.app.desktop")
	if p, err := AutostartPath(); err != nil || p != want {
		t.Fatalf("AutostartPath = %q, %v; want %q", p, err, want)
	}
	if Autostart() {
		t.Fatal("autostart on before it was turned on")
	}
	if err := SetAutostart(true, []string{"/usr/bin/remotecto"}); err != nil {
		t.Fatal(err)
	}
	if !Autostart() {
		t.Fatal("autostart off after turning it on")
	}
	data, _ := os.ReadFile(want)
	if !bytes.Contains(data, []byte("Exec=/usr/bin/remotecto\n")) || !bytes.Contains(data, []byte("X-GNOME-Autostart-enabled=true\n")) {
		t.Errorf("autostart entry:\n%s", data)
	}
	if err := SetAutostart(false, nil); err != nil || Autostart() {
		t.Errorf("turning autostart off: %v, still on %v", err, Autostart())
	}
	if err := SetAutostart(false, nil); err != nil {
		t.Errorf("turning it off twice: %v", err)
	}
}

// TestWrittenEntriesPassDesktopFileValidate runs desktop-file-validate
// (desktop-file-utils) on what Install and SetAutostart write, and on an
// entry whose Exec needs quoting.
func TestWrittenEntriesPassDesktopFileValidate(t *testing.T) {
	bin, err := exec.LookPath("desktop-file-validate")
	if err != nil {
		t.Skip("desktop-file-validate not found: install desktop-file-utils (scripts/test.sh does) to check the entries")
	}
	prefix := t.TempDir()
	if _, err := Install(prefix, []string{"/opt/remotecto/bin/remotecto"}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(prefix, "config"))
	if err := SetAutostart(true, []string{"/opt/remotecto/bin/remotecto"}); err != nil {
		t.Fatal(err)
	}
	autostart, _ := AutostartPath()
	quoted, err := Entry([]string{"/opt/my apps/remote$cto", "--db", "/home/a/it's 100%.db"}, false)
	if err != nil {
		t.Fatal(err)
	}
	quotedPath := filepath.Join(prefix, "quoted", ID+".desktop")
	if err := writeFile(quotedPath, quoted); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{Files(prefix)[0], autostart, quotedPath} {
		out, err := exec.Command(bin, p).CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			data, _ := os.ReadFile(p)
			t.Errorf("desktop-file-validate %s: %v\n%s\n%s", p, err, out, data)
		}
	}
}
