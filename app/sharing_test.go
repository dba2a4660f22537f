package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/davtest"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
)

// memSecrets keeps passwords in memory.
type memSecrets struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *memSecrets) Get(k string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.m[k]; ok {
		return p, nil
	}
	return "", dav.ErrNoSecret
}
func (s *memSecrets) Set(k, p string) error { s.mu.Lock(); defer s.mu.Unlock(); s.m[k] = p; return nil }
func (s *memSecrets) Delete(k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

// sharingWindow opens the main window on a new database holding the
// sample team.
func sharingWindow(t *testing.T) (fyne.Window, *store.DB, *memSecrets) {
	t.Helper()
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), tm); err != nil {
		t.Fatal(err)
	}
	return nil, db, &memSecrets{m: map[string]string{}}
}

func openWindow(t *testing.T, db *store.DB, secrets dav.Secrets) fyne.Window {
	t.Helper()
	w := NewMainWindow(fyne.CurrentApp(), db, Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC, Secrets: secrets})
	w.Resize(fyne.NewSize(1180, 760))
	t.Cleanup(w.Close)
	return w
}

// tabsOf finds the window's tabs, under the banner or not.
func tabsOf(t *testing.T, w fyne.Window) *container.AppTabs {
	t.Helper()
	if tabs := findTabs(w.Content()); tabs != nil {
		return tabs
	}
	t.Fatalf("no tabs in %T", w.Content())
	return nil
}

// bannerText returns the banner's text, "" when there is none.
func bannerText(w fyne.Window) string {
	c, ok := w.Content().(*fyne.Container)
	if !ok {
		return ""
	}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			if v.Visible() {
				texts = append(texts, v.Text)
			}
		case *fyne.Container:
			for _, x := range v.Objects {
				walk(x)
			}
		}
	}
	for _, o := range c.Objects[1:] {
		walk(o)
	}
	return strings.Join(texts, "\n")
}

// TestFollowingLocksEditing opens a database that follows a team: the
// banner says so and why, every control that edits the team is disabled,
// the log's are not; stopping unlocks them.
func TestFollowingLocksEditing(t *testing.T) {
	_, db, secrets := sharingWindow(t)
	tm, _ := db.Team(context.Background())
	sub := share.Subscription{URL: "https://dav.example.com/team.json", ETag: `"1"`}
	if _, err := db.ReplaceFollowedTeam(context.Background(), sub, tm, fixedNow.Add(-10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	w := openWindow(t, db, secrets)
	banner := bannerText(w)
	if !strings.Contains(banner, "Following https://dav.example.com/team.json, updated ") || !strings.Contains(banner, "read-only here") {
		t.Errorf("banner %q", banner)
	}
	tabs := tabsOf(t, w)
	disabled := func(text string, want bool) {
		t.Helper()
		b := findButton(t, w.Content(), text)
		if b.Disabled() != want {
			t.Errorf("button %q disabled: %v; want %v", text, b.Disabled(), want)
		}
	}
	// (Importing a team file from the File menu is refused by the store
	// while following; the team tab's own editing buttons are off.)
	for _, text := range []string{"Add member", "Edit", "Delete", "Edit…", "Import .ics…"} {
		disabled(text, true)
	}
	tabs.SelectIndex(2)
	oncall := innerTabs(tabs.Items[2].Content.(*lazyTab).content)
	if oncall == nil {
		t.Fatal("no views in the On-call tab")
	}
	oncall.SelectIndex(2)
	for _, text := range []string{"New rotation", "Add override", "Edit", "Delete"} {
		disabled(text, true)
	}
	disabled("Export shifts…", false)
	oncall.SelectIndex(3)
	for _, text := range []string{"Save policy", "Add level"} {
		disabled(text, true)
	}
	tabs.SelectIndex(3)
	disabled("New update", false)

	// Stop following: everything is editable again and the banner goes.
	if err := db.Unfollow(context.Background()); err != nil {
		t.Fatal(err)
	}
	sess := findSession(t, w)
	sess.share.setReadOnly(false)
	if b := bannerText(w); b != "" {
		t.Errorf("the banner stayed: %q", b)
	}
	tabs.SelectIndex(2)
	oncall.SelectIndex(3)
	disabled("Save policy", false)
	tabs.SelectIndex(0)
	for _, text := range []string{"Add member", "Edit", "Edit…", "Import .ics…"} {
		disabled(text, false)
	}
}

// sessions remembers the session of each window.
var windowSessions sync.Map

func init() {
	sessionStarted = func(w fyne.Window, s *session) { windowSessions.Store(w, s) }
}

func findSession(t *testing.T, w fyne.Window) *session {
	t.Helper()
	s, ok := windowSessions.Load(w)
	if !ok {
		t.Fatal("no session for the window")
	}
	return s.(*session)
}

// waitFor polls cond on the UI goroutine until it holds or 3 minutes pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var ok bool
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 3 minutes for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestPublishingSettings adds a CalDAV target through the Publishing
// dialog, publishes now to a Radicale on loopback, creates the missing
// calendar when the user agrees, and shows how it went.
func TestPublishingSettings(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	_, db, secrets := sharingWindow(t)
	w := openWindow(t, db, secrets)
	sess := findSession(t, w)
	p := showPublishSettings(sess.share)
	if b := findWindowButton(t, w, "Publish now"); b == nil || !b.Disabled() {
		t.Error("Publish now is enabled with no target")
	}
	test.Tap(p.add)
	f := p.form
	test.Type(f.name, "primary")
	test.Type(f.url, cal.URL+"cto/primary")
	f.feed.SetSelected("rotation:Primary")
	test.Type(f.user, "cto")
	test.Type(f.password, "pw")
	test.Tap(f.save)
	// The list shows the target before Publish now is enabled (and the test
	// driver has no UI goroutine to order them): wait for both.
	waitFor(t, "the target to be added", func() bool {
		ts, _ := db.PublishTargets(context.Background())
		return len(ts) == 1 && len(p.list.Objects) == 1 && !p.publish.Disabled()
	})
	if secrets.m["primary"] != "pw" {
		t.Errorf("the password was not kept in the secrets store: %v", secrets.m)
	}
	ts, _ := db.PublishTargets(context.Background())
	if len(ts) != 1 || ts[0].URL != cal.URL+"cto/primary/" || ts[0].Feed.String() != "rotation:Primary" {
		t.Fatalf("stored targets %+v", ts)
	}

	test.Tap(p.publish)
	// The calendar does not exist: the window asks before creating it.
	var yes *widget.Button
	waitFor(t, "the question to create the calendar", func() bool { yes = findWindowButton(t, w, "Create"); return yes != nil })
	test.Tap(yes)
	waitFor(t, "the publish to end", func() bool {
		return !sess.share.publishing() && strings.HasPrefix(p.status.Text, "All targets published just now")
	})
	if n, _ := os.ReadDir(filepath.Join(cal.Dir, "collection-root", "cto", "primary")); len(n) < 50 {
		t.Errorf("Radicale holds %d files for the rotation", len(n))
	}
	row := p.list.Objects[0]
	if !strings.Contains(sharingLabels(row), "published just now (") {
		t.Errorf("the target's row says %q", sharingLabels(row))
	}
}

// TestPublishAfterEdit: a change of the team is published by itself a
// while later, off the UI goroutine.
func TestPublishAfterEdit(t *testing.T) {
	files := davtest.StartRclone(t, "u", "pw")
	_, db, secrets := sharingWindow(t)
	secrets.m["bundle"] = "pw"
	if _, err := db.AddPublishTarget(context.Background(), share.Target{Name: "bundle", Kind: share.WebDAV, URL: files.URL + "team.json",
		User: "u", Feed: share.Feed{Kind: share.FeedTeam}}); err != nil {
		t.Fatal(err)
	}
	w := openWindow(t, db, secrets)
	sess := findSession(t, w)
	sess.share.afterEdit = 2 * time.Second
	fyne.DoAndWait(sess.teamChanged)
	fyne.DoAndWait(sess.teamChanged) // a burst of edits: one publish
	waitFor(t, "the bundle to be published", func() bool {
		ts, _ := db.PublishTargets(context.Background())
		return !ts[0].LastRun.IsZero() && !sess.share.publishing()
	})
	ts, _ := db.PublishTargets(context.Background())
	if ts[0].Last.Error != "" || ts[0].Last.Created != 1 {
		t.Errorf("the publish after the edit: %+v", ts[0].Last)
	}
	if _, err := os.Stat(filepath.Join(files.Dir, "team.json")); err != nil {
		t.Error(err)
	}
}

// labelsIn joins the texts of the labels inside o.
func sharingLabels(o fyne.CanvasObject) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, x := range v.Objects {
				walk(x)
			}
		}
	}
	walk(o)
	return strings.Join(out, " | ")
}

// TestPublishNowCancel: the progress bar moves while a publish runs and
// Cancel stops it; what was written is recorded and the row says it failed.
func TestPublishNowCancel(t *testing.T) {
	cal := davtest.StartRadicale(t, map[string]string{"cto": "pw"}, false)
	_, db, secrets := sharingWindow(t)
	secrets.m["oncall"] = "pw"
	if _, err := db.AddPublishTarget(context.Background(), share.Target{Name: "oncall", Kind: share.CalDAV, URL: cal.URL + "cto/oncall/",
		User: "cto", Feed: share.Feed{Kind: share.FeedOnCall}}); err != nil {
		t.Fatal(err)
	}
	w := openWindow(t, db, secrets)
	sess := findSession(t, w)
	p := showPublishSettings(sess.share)
	// The calendar is created by the first run, when the user agreed.
	sess.share.publish(true, map[string]bool{"oncall": true})
	waitFor(t, "some progress", func() bool { return p.bar.Visible() && p.bar.Value > 0.02 })
	if !p.cancel.Visible() || !p.publish.Disabled() {
		t.Error("during a publish, Cancel is hidden or Publish now enabled")
	}
	test.Tap(p.cancel)
	waitFor(t, "the publish to stop", func() bool { return !sess.share.publishing() && !p.bar.Visible() })
	ts, _ := db.PublishTargets(context.Background())
	if !strings.Contains(ts[0].Last.Error, "context canceled") || ts[0].Last.Created == 0 || ts[0].Last.Created > 400 {
		t.Errorf("the cancelled run recorded %+v", ts[0].Last)
	}
	if got := sharingLabels(p.list.Objects[0]); !strings.Contains(got, "failed: ") {
		t.Errorf("the row says %q", got)
	}
	if !strings.Contains(p.status.Text, "1 of 1 targets failed") {
		t.Errorf("status %q", p.status.Text)
	}
}

// innerTabs finds the first AppTabs inside o.
func innerTabs(o fyne.CanvasObject) *container.AppTabs {
	switch v := o.(type) {
	case *container.AppTabs:
		return v
	case *fyne.Container:
		for _, x := range v.Objects {
			if t := innerTabs(x); t != nil {
				return t
			}
		}
	}
	return nil
}
