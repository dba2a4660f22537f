// Package app is remotecto's Fyne user interface: one tab per capability,
// calling the same domain and storage code as the command line.
package app

import (
	"context"
	"strconv"
	"strings"
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
	// Tab opens the window on this tab ("team", "overlap", "oncall", "log"
	// or 1 to 4) instead of the one open last time.
	Tab string
	// Theme, when set ("light", "dark" or "system"), is used for this run
	// instead of the one chosen in the View menu; it is not remembered.
	Theme string
	// Size, when set, is the window's size instead of the default.
	Size fyne.Size
	// Open names a dialog to open once the window is up (see
	// dialogNames); for screenshots and demonstrations.
	Open string
	// Restore is the hook behind File → Restore from backup…: it replaces
	// the open database with the backup file at backupPath and returns
	// once the window may read the restored data. While it is nil the menu
	// item is disabled.
	Restore func(ctx context.Context, backupPath string) error
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
	presenceStore
	databaseFile
	sharingStore
}

// databaseFile is what the File and Help menus need of the database itself.
type databaseFile interface {
	// Path is the database file's location.
	Path() string
	// Backup writes a consistent copy of the database to path.
	Backup(ctx context.Context, path string) error
}

// The tabs of the main window, in order.
const (
	tabTeam = iota
	tabOverlap
	tabOncall
	tabLog
)

// tabKeys name the tabs for Options.Tab.
var tabKeys = []string{"team", "overlap", "oncall", "log"}

// tabActions are what the keyboard shortcuts do on a tab once it is built.
type tabActions struct {
	search  func() // Ctrl+F
	newItem func() // Ctrl+N
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
	// presence is who I am, the reminders and the tray; nil in tests of
	// one tab.
	presence *presence

	// bar says what just happened, with Undo or Open folder; see feedback.go.
	bar *feedbackBar
	// dialogs are the dialogs open now, the top one last (see dialogs.go).
	dialogs []*openDialog
	// actions are the built tabs' shortcut actions, by tab index.
	actions map[int]tabActions
	// lastExport and lastOpen are the save and open dialogs shown last
	// (tests finish them).
	lastExport *exportJob
	lastOpen   *openJob
	// restore is Options.Restore.
	restore func(ctx context.Context, backupPath string) error
	// The tabs, once built (the menu, shortcuts and tests reach them).
	team    *teamTab
	overlap *overlapTab
	oncall  *oncallTab
	log     *logTab
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
func (s *session) close() {
	s.doneOnce.Do(func() {
		if s.done != nil {
			close(s.done)
		}
		forgetSession(s)
	})
}

// teamChanged tells every tab to reload what it shows of the team.
func (s *session) teamChanged() {
	for _, f := range s.onTeamChanged {
		f()
	}
}

// listenTeam registers f to run whenever the team changes.
func (s *session) listenTeam(f func()) { s.onTeamChanged = append(s.onTeamChanged, f) }

// onTab registers the shortcut actions of a built tab.
func (s *session) onTab(index int, a tabActions) {
	if s.actions == nil {
		s.actions = map[int]tabActions{}
	}
	s.actions[index] = a
}

// lastTabKey is the preference that remembers the open tab.
const lastTabKey = "main.lastTab"

// mainWindow is the window with its tabs, menu and feedback bar.
type mainWindow struct {
	s    *session
	win  fyne.Window
	tabs *container.AppTabs
}

// NewMainWindow builds the main window with one tab per capability.
func NewMainWindow(a fyne.App, db Store, opts Options) fyne.Window {
	return newMainWindow(a, db, opts).win
}

func newMainWindow(a fyne.App, db Store, opts Options) *mainWindow {
	w := a.NewWindow("remotecto")
	s := &session{db: db, win: w, now: opts.Now, viewer: opts.Viewer, done: make(chan struct{}), restore: opts.Restore}
	w.SetOnClosed(s.close)
	if s.now == nil {
		s.now = time.Now
	}
	if s.viewer == nil {
		s.viewer = viewerZone()
	}
	registerSession(s)
	applyTheme(a, opts.Theme)
	s.presence = newPresence(s, db, a)
	s.initSharing(opts.Secrets)
	mw := &mainWindow{s: s, win: w}
	mw.tabs = container.NewAppTabs(
		newTeamTab(s),
		newOverlapTab(s),
		newOnCallTab(s),
		newLogTab(s),
	)
	mw.tabs.SetTabLocation(container.TabLocationTop)
	registerEmergencyShortcut(s, mw.tabs)
	// Reopen on the tab asked for, or on the one that was open last time.
	prefs := a.Preferences()
	if i := tabIndex(opts.Tab); i >= 0 {
		mw.tabs.SelectIndex(i)
	} else if i := prefs.IntWithFallback(lastTabKey, 0); i > 0 && i < len(mw.tabs.Items) {
		mw.tabs.SelectIndex(i)
	}
	mw.tabs.OnSelected = func(*container.TabItem) { prefs.SetInt(lastTabKey, mw.tabs.SelectedIndex()) }
	w.SetContent(container.NewBorder(nil, s.feedback().box, nil, nil, mw.tabs))
	w.SetMainMenu(mw.menu())
	mw.keys()
	size := opts.Size
	if size.IsZero() {
		size = fyne.NewSize(1180, 760)
	}
	w.Resize(size)
	s.presence.start()
	s.startSharing(w.Content())
	if opts.Open != "" {
		// Once the window is on screen, so the dialog is sized to it.
		go func() {
			time.Sleep(400 * time.Millisecond)
			fyne.Do(func() { mw.open(opts.Open) })
		}()
	}
	return mw
}

// tabIndex reads Options.Tab: a tab's key or its number from 1; -1 for none.
func tabIndex(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(tabKeys) {
		return n - 1
	}
	for i, k := range tabKeys {
		if s == k {
			return i
		}
	}
	return -1
}

// viewerZone is the computer's zone by its IANA name. A computer whose zone
// has no name and is plain UTC (no zone database, no TZ) gets UTC, so that
// every label says "UTC" rather than "Local".
func viewerZone() *time.Location {
	loc := timezone.Local()
	if timezone.Name(loc) != "Local" {
		return loc
	}
	now := time.Now().In(loc)
	if _, off := now.Zone(); off == 0 {
		if start, end := now.ZoneBounds(); start.IsZero() && end.IsZero() {
			return time.UTC
		}
	}
	return loc
}

// selectTab shows tab i.
func (mw *mainWindow) selectTab(i int) {
	if i >= 0 && i < len(mw.tabs.Items) {
		mw.tabs.SelectIndex(i)
	}
}

// action runs a shortcut action of the open tab, building it first if needed.
func (mw *mainWindow) action(pick func(tabActions) func()) {
	i := mw.tabs.SelectedIndex()
	if l, ok := mw.tabs.Items[i].Content.(*lazyTab); ok {
		l.ensure()
	}
	if f := pick(mw.s.actions[i]); f != nil {
		f()
	}
}
