package dav

import (
	"context"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/davtest"
)

// The servers and the request counter of these tests are davtest's.
var (
	freeAddr   = davtest.FreeAddr
	haveBcrypt = davtest.HaveBcrypt
	newCounter = davtest.NewCounter
)

func startRadicale(t testing.TB, users map[string]string, bcrypt bool) *davtest.Server {
	t.Helper()
	return davtest.StartRadicale(t, users, bcrypt)
}

// startRclone returns the server's URL and the folder it serves.
func startRclone(t testing.TB, user, pass string) (url, dir string) {
	t.Helper()
	s := davtest.StartRclone(t, user, pass)
	return s.URL, s.Dir
}

// bg is a context for tests.
func bg(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
