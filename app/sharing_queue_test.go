package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/internal/davtest"
	"dev.remotecto/remotecto/share"
)

// A click on Publish now while a publish started by itself is still running
// is not lost: the run queued after it is the user's, so it asks to create
// the missing calendar. (It used to run as an unasked one and say nothing.)
func TestPublishNowDuringAnAutomaticPublishIsNotLost(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	target, err := url.Parse(cal.URL)
	if err != nil {
		t.Fatal(err)
	}
	// A gate in front of Radicale holds the first run until released.
	gate := make(chan struct{})
	var seen atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Add(1)
		<-gate
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	released := false
	t.Cleanup(func() {
		if !released {
			close(gate)
		}
	})

	_, db, secrets := sharingWindow(t)
	secrets.m["primary"] = "pw"
	if _, err := db.AddPublishTarget(context.Background(), share.Target{Name: "primary", Kind: share.CalDAV,
		URL: srv.URL + "/cto/primary/", User: "cto", Feed: share.Feed{Kind: share.FeedRotation, Name: "Primary"}}); err != nil {
		t.Fatal(err)
	}
	w := openWindow(t, db, secrets)
	sess := findSession(t, w)
	var p *publishSettings
	fyne.DoAndWait(func() {
		p = showPublishSettings(sess.share)
		sess.share.publish(false, nil) // as after an edit or on the hour
	})
	waitFor(t, "the automatic publish to reach the server", func() bool { return seen.Load() > 0 })
	fyne.DoAndWait(func() { test.Tap(p.publish) })
	close(gate)
	released = true
	var yes *widget.Button
	waitFor(t, "the question to create the calendar", func() bool { yes = findWindowButton(t, w, "Create"); return yes != nil })
}
