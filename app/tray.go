package app

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/reminders"
)

// trayRefresh is how often the tray menu is worked out again: its lines say
// "until 09:00", and who is on call changes on the minute.
const trayRefresh = time.Minute

// Tray icons: the app icon, and the app icon with a red dot while I am on call.
var (
	trayIcon       = fyne.NewStaticResource("remotecto.png", assets.IconPNG)
	trayIconOnCall = fyne.NewStaticResource("remotecto-on-call.png", assets.OnCallIconPNG())
)

// trayAvailable reports whether the desktop shows tray icons now; on Linux
// and the BSDs, whether a StatusNotifierWatcher owns its name on the session
// bus. Tests replace it.
var trayAvailable = desktopHasTray

// tray is the system tray icon and menu: who is on call in each rotation,
// my next shift, 1:1s and action items due, then Open, Settings and Quit.
// It is refreshed every minute and after changes.
type tray struct {
	p    *presence
	host desktop.App // nil when the app has no tray (the test app)
	win  fyne.Window

	running bool
	// available caches trayAvailable, checked off the UI goroutine every
	// minute (a D-Bus round trip must not hold the UI up).
	available bool
	menu      *fyne.Menu
	texts     []string
	onCall    bool
	// hidden is set while the window is hidden in the tray.
	hidden bool
	// told is set once the user was told that the app keeps running in the
	// tray after the window closed.
	told bool
}

func newTray(p *presence, a fyne.App) *tray {
	t := &tray{p: p, win: p.s.win}
	t.host, _ = a.(desktop.App)
	return t
}

// start sets the close button's behaviour and, where a session bus is,
// the tray: now, before the app runs, since Fyne starts its tray only then.
// A panel that comes up later still gets the icon (the tray registers again
// when a StatusNotifierWatcher appears). The menu is refreshed every minute.
func (t *tray) start() {
	t.win.SetCloseIntercept(t.onCloseWindow)
	if t.host != nil && desktopHasBus() {
		t.available = trayAvailable()
		t.apply(t.menuAt(t.p.s.now()))
	}
	t.p.s.every(trayRefresh, t.refresh)
}

// keep reports whether closing the window keeps the app in the tray: the
// stored choice, or yes when there is a tray and no choice was made.
func (t *tray) keep() bool {
	if t.p.keepInTray != nil {
		return *t.p.keepInTray
	}
	return t.host != nil && t.available
}

// onCloseWindow hides the window when the app stays in the tray, and quits
// otherwise. A tray icon must be shown now: a hidden window with no icon
// would leave a process nobody can reach.
func (t *tray) onCloseWindow() {
	if t.running && t.keep() && t.available {
		t.win.Hide()
		t.hidden = true
		if !t.told {
			t.told = true
			t.p.send(fyne.NewNotification("remotecto is still running",
				"Reminders keep coming. Open it again from the tray icon; Quit is in the tray menu. Settings… changes this."))
		}
		return
	}
	t.win.Close()
	if t.running {
		t.p.app.Quit() // the tray's own hidden window would keep the app alive
	}
}

// refresh looks for the tray and works the menu out again off the UI
// goroutine, then applies it. When the tray went away while the window was
// hidden, the window comes back.
func (t *tray) refresh() {
	if !t.running {
		return
	}
	go func() {
		available := trayAvailable()
		var m reminders.Menu
		if available {
			m = t.menuAt(t.p.s.now())
		}
		fyne.Do(func() { t.update(available, m) })
	}()
}

// update takes in what refresh found: whether a tray is there, and the menu.
func (t *tray) update(available bool, m reminders.Menu) {
	t.available = available
	if !available {
		if t.hidden {
			t.open() // never leave the app hidden with no tray icon to reach it
		}
		return
	}
	t.apply(m)
}

// menuAt reads the team and works the tray menu out at now; a problem with
// the database becomes the menu's first line.
func (t *tray) menuAt(now time.Time) reminders.Menu {
	in, err := t.p.db.ReminderInput(context.Background(), "")
	if err != nil {
		return reminders.Menu{Lines: []reminders.Line{{Kind: reminders.LineProblem, Text: "Reminders: " + err.Error()}}}
	}
	return reminders.TrayMenu(in, now)
}

// apply shows menu content m in the tray, when it changed.
func (t *tray) apply(m reminders.Menu) {
	texts := m.Texts()
	if t.running && m.OnCall == t.onCall && slices.Equal(texts, t.texts) {
		return
	}
	t.texts, t.onCall = texts, m.OnCall
	t.menu = trayMenu(m, t.open, t.openSettings, t.p.app.Quit)
	t.host.SetSystemTrayMenu(t.menu)
	if m.OnCall {
		t.host.SetSystemTrayIcon(trayIconOnCall)
	} else {
		t.host.SetSystemTrayIcon(trayIcon)
	}
	if !t.running {
		t.running = true
		// A click on the icon shows the window; this sets the close button
		// to hide it, so set ours again.
		t.host.SetSystemTrayWindow(t.win)
		t.win.SetCloseIntercept(t.onCloseWindow)
	}
}

// open shows the window and brings it to the front.
func (t *tray) open() {
	t.hidden = false
	t.win.Show()
	t.win.RequestFocus()
}

// openSettings shows the window, which may be hidden in the tray, with the
// Settings dialog on it.
func (t *tray) openSettings() {
	t.open()
	t.p.s.openSettings()
}

// trayMenu builds the tray menu: one item per line of m (a click opens the
// window; on a problem with who I am, Settings), then Open, Settings… and
// Quit.
func trayMenu(m reminders.Menu, open, settings, quit func()) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, l := range m.Lines {
		action := open
		if l.Kind == reminders.LineProblem {
			action = settings
		}
		items = append(items, fyne.NewMenuItem(l.Text, action))
	}
	if len(items) == 0 {
		items = append(items, fyne.NewMenuItem("No rotations yet", open))
	}
	q := fyne.NewMenuItem("Quit", quit)
	q.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open remotecto", open),
		fyne.NewMenuItem("Settings…", settings),
		fyne.NewMenuItemSeparator(), q)
	return fyne.NewMenu("remotecto", items...)
}
