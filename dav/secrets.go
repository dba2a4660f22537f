package dav

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/zalando/go-keyring"
)

// PasswordEnv names the environment variable whose value, when set, is the
// password of every target: for machines without a desktop keyring (a
// server, cron, CI).
const PasswordEnv = "REMOTECTO_DAV_PASSWORD"

// KeyringService is the service name the passwords are filed under in the
// desktop keyring; the target's name is the account.
const KeyringService = "remotecto"

var (
	// ErrNoKeyring reports that no desktop keyring answered.
	ErrNoKeyring = errors.New("no desktop keyring (Secret Service) answered; set the password in " + PasswordEnv + " instead")
	// ErrNoSecret reports a target with no stored password.
	ErrNoSecret = errors.New("no password stored")
)

// Secrets keeps the password of each publish target, by target name.
type Secrets interface {
	// Get returns the password, or an error wrapping ErrNoSecret.
	Get(target string) (string, error)
	// Set stores the password, replacing any.
	Set(target, password string) error
	// Delete forgets the password; deleting a missing one is no error.
	Delete(target string) error
}

// Keyring keeps passwords in the desktop keyring: the Secret Service
// (GNOME Keyring, KWallet) on Linux and BSD, the Keychain on macOS, the
// Credential Manager on Windows.
type Keyring struct {
	// Timeout bounds each call; zero means 30 seconds. A keyring that asks
	// the user to unlock it waits for them until then.
	Timeout time.Duration
}

// NewSecrets returns the app's password store: the desktop keyring, with
// PasswordEnv taking precedence when set.
func NewSecrets() Secrets {
	return EnvSecrets{Next: Keyring{}}
}

// Get returns the target's password.
func (k Keyring) Get(target string) (string, error) {
	return keyringCall(k.Timeout, func() (string, error) { return keyring.Get(KeyringService, target) }, target)
}

// Set stores the target's password.
func (k Keyring) Set(target, password string) error {
	_, err := keyringCall(k.Timeout, func() (string, error) { return "", keyring.Set(KeyringService, target, password) }, target)
	return err
}

// Delete forgets the target's password.
func (k Keyring) Delete(target string) error {
	_, err := keyringCall(k.Timeout, func() (string, error) { return "", keyring.Delete(KeyringService, target) }, target)
	if errors.Is(err, ErrNoSecret) {
		return nil
	}
	return err
}

// keyringCall runs f with a time limit (a Secret Service may block on a
// prompt, or a bus that never answers) and maps its errors.
func keyringCall(timeout time.Duration, f func() (string, error), target string) (string, error) {
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		s, err := f()
		ch <- result{s, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		switch {
		case r.err == nil:
			return r.s, nil
		case errors.Is(r.err, keyring.ErrNotFound):
			return "", fmt.Errorf("password of %q: %w", target, ErrNoSecret)
		}
		return "", fmt.Errorf("password of %q: %v: %w", target, r.err, ErrNoKeyring)
	case <-timer.C:
		return "", fmt.Errorf("password of %q: no answer within %s: %w", target, timeout, ErrNoKeyring)
	}
}

// EnvSecrets returns the password in PasswordEnv, when set, for every
// target, and otherwise asks Next. Set and Delete go to Next.
type EnvSecrets struct {
	Next Secrets
}

// Get returns PasswordEnv's value if it is set, else Next's password.
func (e EnvSecrets) Get(target string) (string, error) {
	if p, ok := os.LookupEnv(PasswordEnv); ok && p != "" {
		return p, nil
	}
	return e.Next.Get(target)
}

// Set stores the password with Next.
func (e EnvSecrets) Set(target, password string) error { return e.Next.Set(target, password) }

// Delete forgets the password with Next.
func (e EnvSecrets) Delete(target string) error { return e.Next.Delete(target) }
