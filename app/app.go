// Package app is remotecto's Fyne user interface: one tab per capability,
// calling the same domain and storage code as the command line.
package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/timezone"
)

// Options configure the main window.
type Options struct {
	// Now returns the current time; tests fix it. Defaults to time.Now.
	Now func() time.Time
	// Viewer is the zone times are shown in. Defaults to the computer's zone.
	Viewer *time.Location
	// Secrets keeps the publishing passwords; nil means the desktop keyring
	// (dav.NewSecrets).
	Secrets dav.Secrets
}

// Store is what the window needs of the database: each tab's own small
// interface, which *store.DB satisfies.
type Store interface {
	teamStore
	overlapStore
	oncallStore
	emergencyStore
	logStore
	timeOffStore
	calfeed.TimeOffStore
	sharingStore
}

// session is what every tab shares: the database, the window, the clock and
// the viewer's zone, and a way to tell the other tabs that the team changed.
type session struct {
	db     Store
	win    fyne.Window
	now    func() time.Time
	viewer *time.Location
	// onTeamChanged are called (on the UI goroutine) after the team changed.
	onTeamChanged []func()
	// done is closed when the window closes; it stops the session's tickers.
	done     chan struct{}
	doneOnce sync.Once
	// readOnly is set while the database follows a team published
	// elsewhere: the tabs disable every control that edits the team.
	readOnly bool
	share    *sharing
}

// every runs f on the UI goroutine every d until the window closes.
func (s *session) every(d time.Duration, f func()) {
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-s.done:
				return
			case <-t.C:
				fyne.Do(f)
			}
		}
	}()
}

// close stops the session's background work; it is safe to call twice.
func (s *session) close() { s.doneOnce.Do(func() { close(s.done) }) }

// teamChanged tells every tab to reload what it shows of the team.
func (s *session) teamChanged() {
	for _, f := range s.onTeamChanged {
		f()
	}
}

// listenTeam registers f to run whenever the team changes.
func (s *session) listenTeam(f func()) { s.onTeamChanged = append(s.onTeamChanged, f) }

// lastTabKey is the preference that remembers the open tab.
const lastTabKey = "main.lastTab"

// NewMainWindow builds the main window with one tab per capability.
func NewMainWindow(a fyne.App, db Store, opts Options) fyne.Window {
	w := a.NewWindow("remotecto")
	s := &session{db: db, win: w, now: opts.Now, viewer: opts.Viewer, done: make(chan struct{})}
	w.SetOnClosed(s.close)
	if s.now == nil {
		s.now = time.Now
	}
	if s.viewer == nil {
		s.viewer = timezone.Local()
	}
	s.initSharing(opts.Secrets)
	tabs := container.NewAppTabs(
		newTeamTab(s),
		newOverlapTab(s),
		newOnCallTab(s),
		newLogTab(s),
	)
	tabs.SetTabLocation(container.TabLocationTop)
	registerEmergencyShortcut(s, tabs)
	// Reopen on the tab that was open last time.
	prefs := a.Preferences()
	if i := prefs.IntWithFallback(lastTabKey, 0); i > 0 && i < len(tabs.Items) {
		tabs.SelectIndex(i)
	}
	tabs.OnSelected = func(*container.TabItem) { prefs.SetInt(lastTabKey, tabs.SelectedIndex()) }
	w.SetContent(tabs)
	s.startSharing(tabs)
	w.Resize(fyne.NewSize(1180, 760))
	return w
}
