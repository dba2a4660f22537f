package dav

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/davtest"
)

// mapSecrets is a Secrets in memory.
type mapSecrets map[string]string

func (m mapSecrets) Get(target string) (string, error) {
	if p, ok := m[target]; ok {
		return p, nil
	}
	return "", ErrNoSecret
}
func (m mapSecrets) Set(target, password string) error { m[target] = password; return nil }
func (m mapSecrets) Delete(target string) error        { delete(m, target); return nil }

func TestEnvSecrets(t *testing.T) {
	s := EnvSecrets{Next: mapSecrets{"team": "stored"}}
	t.Setenv(PasswordEnv, "")
	if p, err := s.Get("team"); err != nil || p != "stored" {
		t.Errorf("without %s: %q, %v; want the stored password", PasswordEnv, p, err)
	}
	if _, err := s.Get("other"); !errors.Is(err, ErrNoSecret) {
		t.Errorf("unknown target: %v; want ErrNoSecret", err)
	}
	t.Setenv(PasswordEnv, "from-env")
	for _, target := range []string{"team", "other"} {
		if p, err := s.Get(target); err != nil || p != "from-env" {
			t.Errorf("with %s set, target %s: %q, %v; want its value", PasswordEnv, target, p, err)
		}
	}
}

// TestKeyring uses the Secret Service of GNOME Keyring on a private session
// bus, after checking the error when no keyring answers.
func TestKeyring(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	k := Keyring{Timeout: 5 * time.Second}
	_, err := k.Get("team")
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), PasswordEnv) {
		t.Fatalf("no session bus: %v; want ErrNoKeyring naming %s", err, PasswordEnv)
	}
	if err := k.Set("team", "x"); !errors.Is(err, ErrNoKeyring) {
		t.Errorf("Set with no session bus: %v; want ErrNoKeyring", err)
	}
	t.Setenv(PasswordEnv, "from-env")
	if p, err := NewSecrets().Get("team"); err != nil || p != "from-env" {
		t.Errorf("no keyring but %s set: %q, %v", PasswordEnv, p, err)
	}
	t.Setenv(PasswordEnv, "")

	bus := davtest.StartKeyring(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", bus)
	if _, err := k.Get("team"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("empty keyring: %v; want ErrNoSecret", err)
	}
	for _, pass := range []string{"s3cret with spaces ü", "replaced"} {
		if err := k.Set("team", pass); err != nil {
			t.Fatal(err)
		}
		if got, err := k.Get("team"); err != nil || got != pass {
			t.Errorf("Get after Set(%q): %q, %v", pass, got, err)
		}
	}
	if err := k.Set("other", "o"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete("team"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("team"); !errors.Is(err, ErrNoSecret) {
		t.Errorf("Get after Delete: %v; want ErrNoSecret", err)
	}
	if err := k.Delete("team"); err != nil {
		t.Errorf("Delete of a missing password: %v", err)
	}
	if got, err := k.Get("other"); err != nil || got != "o" {
		t.Errorf("the other target's password: %q, %v", got, err)
	}
}
