package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
)

// shortcut is Ctrl (Cmd on macOS) with key.
func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// tabShortcuts are Ctrl+1 to Ctrl+4, one per tab.
var tabShortcuts = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4}

// menu builds the main menu: File (team file, backup, restore, quit), View
// (the tabs, search and new in the open tab, the theme) and Help.
func (mw *mainWindow) menu() *fyne.MainMenu {
	s := mw.s
	a := fyne.CurrentApp()
	restore := fyne.NewMenuItem("Restore from backup…", s.onRestore)
	restore.Disabled = s.restore == nil
	quit := fyne.NewMenuItem("Quit", a.Quit)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Import team file…", s.importTeamFile),
		fyne.NewMenuItem("Export team file…", s.exportTeamFile),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Back up database…", s.onBackup),
		restore,
		fyne.NewMenuItemSeparator(),
		quit,
	)

	var viewItems []*fyne.MenuItem
	for i, item := range mw.tabs.Items {
		i := i
		mi := fyne.NewMenuItem(item.Text, func() { mw.selectTab(i) })
		mi.Shortcut = shortcut(tabShortcuts[i])
		viewItems = append(viewItems, mi)
	}
	search := fyne.NewMenuItem("Search in this tab", func() { mw.action(func(a tabActions) func() { return a.search }) })
	search.Shortcut = shortcut(fyne.KeyF)
	newItem := fyne.NewMenuItem("New in this tab…", func() { mw.action(func(a tabActions) func() { return a.newItem }) })
	newItem.Shortcut = shortcut(fyne.KeyN)
	themeMenu := fyne.NewMenuItem("Theme", nil)
	choices := []struct{ label, key string }{
		{"Follow the system", themeSystem}, {"Light", themeLight}, {"Dark", themeDark},
	}
	var themeItems []*fyne.MenuItem
	for _, c := range choices {
		c := c
		themeItems = append(themeItems, fyne.NewMenuItem(c.label, func() {
			chooseTheme(a, c.key)
			mw.checkTheme(themeItems)
		}))
	}
	themeMenu.ChildMenu = fyne.NewMenu("", themeItems...)
	mw.checkTheme(themeItems)
	viewItems = append(viewItems, fyne.NewMenuItemSeparator(), search, newItem, fyne.NewMenuItemSeparator(), themeMenu)
	view := fyne.NewMenu("View", viewItems...)

	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", s.showShortcuts),
		fyne.NewMenuItem("Where my data lives", s.showDataLocation),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("About remotecto", s.showAbout),
	)
	return fyne.NewMainMenu(file, view, help)
}

// checkTheme ticks the theme chosen in the View menu.
func (mw *mainWindow) checkTheme(items []*fyne.MenuItem) {
	chosen := fyne.CurrentApp().Preferences().StringWithFallback(themeKey, themeSystem)
	for i, key := range []string{themeSystem, themeLight, themeDark} {
		if i < len(items) {
			items[i].Checked = key == chosen
		}
	}
	if m := mw.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// keys adds the keyboard shortcuts to the window's canvas as well, for
// platforms that draw no menu bar; where there is one, its items take them
// first.
func (mw *mainWindow) keys() {
	c := mw.win.Canvas()
	for i, k := range tabShortcuts {
		i := i
		c.AddShortcut(shortcut(k), func(fyne.Shortcut) { mw.selectTab(i) })
	}
	c.AddShortcut(shortcut(fyne.KeyF), func(fyne.Shortcut) { mw.action(func(a tabActions) func() { return a.search }) })
	c.AddShortcut(shortcut(fyne.KeyN), func(fyne.Shortcut) { mw.action(func(a tabActions) func() { return a.newItem }) })
}

// onBackup saves a consistent copy of the database where the user chooses.
func (s *session) onBackup() {
	name := "remotecto-backup-" + timezone.DateOf(s.now().In(s.viewer)).String()
	s.saveFileAt(name, ".db", func(path string) error {
		return s.db.Backup(context.Background(), path)
	})
}

// onRestore asks for a backup file and, after a confirmation, hands it to
// the Restore hook; then every tab reads the restored data.
func (s *session) onRestore() {
	if s.restore == nil {
		s.info("Restore", "Restoring from a backup is not available in this window yet.")
		return
	}
	s.openFile("Restore", []string{".db"}, func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		s.confirm("Restore from "+filepath.Base(path)+"?",
			"Everything in "+s.db.Path()+" is replaced by the backup "+path+".\nBack up the current data first if you may want it again.",
			"Restore", func() {
				if err := s.restore(context.Background(), path); err != nil {
					s.showError(err)
					return
				}
				s.teamChanged()
				s.notify("Restored from " + path)
			})
	})
}

// showAbout says what the app is and which version.
func (s *session) showAbout() {
	meta := fyne.CurrentApp().Metadata()
	version := meta.Version
	if version == "" {
		version = "development build"
	}
	title := widget.NewLabelWithStyle("remotecto "+version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel("Time-zone overlap, a fair on-call rota with escalation, and a log of 1:1s and async updates " +
		"for a remote CTO. Everything stays in one local SQLite file; calendars export as ICS.")
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About remotecto", "Close", container.NewVBox(title, text), s.win)
	d.Resize(s.dialogSize(520, 240))
	s.show(d, d.Dismiss)
}

// showDataLocation says where the database file is, to copy or open.
func (s *session) showDataLocation() {
	path := s.db.Path()
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	note := widget.NewLabel("Everything — the team, the rota, the log — is in this one SQLite file. " +
		"Back it up with File → Back up database…, or start the app with --db PATH to use another file.")
	note.Wrapping = fyne.TextWrapWord
	copyB := widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() { s.copyText(path) })
	openB := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
		openFolder(storage.NewFileURI(filepath.Dir(path)))
	})
	d := dialog.NewCustom("Where my data lives", "Close", container.NewVBox(where, note, container.NewHBox(copyB, openB)), s.win)
	d.Resize(s.dialogSize(600, 260))
	s.show(d, d.Dismiss)
}

// shortcutsHelp lists the keyboard shortcuts.
var shortcutsHelp = [][2]string{
	{"Ctrl+1 … Ctrl+4", "Team, Overlap, On-call, 1:1s & updates"},
	{"Ctrl+F", "search in the open tab"},
	{"Ctrl+N", "new member, meeting, rotation or 1:1 in the open tab"},
	{"Enter", "confirm the open dialog"},
	{"Escape", "close the open dialog"},
	{"Ctrl+Q", "quit"},
}

// showShortcuts lists the keyboard shortcuts.
func (s *session) showShortcuts() {
	f := widget.NewForm()
	for _, k := range shortcutsHelp {
		l := widget.NewLabel(k[1])
		l.Wrapping = fyne.TextWrapWord
		f.Append(k[0], l)
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", f, s.win)
	d.Resize(s.dialogSize(560, 340))
	s.show(d, d.Dismiss)
}

// dialogOpener opens one of the window's dialogs by name.
type dialogOpener struct {
	name string
	tab  int
	open func(mw *mainWindow) error
}

// open opens the dialog or the view of that name (Options.Open).
func (mw *mainWindow) open(name string) {
	// log-search:WORDS opens the log's search and searches WORDS.
	if q, ok := strings.CutPrefix(name, "log-search:"); ok {
		mw.open("log-search")
		mw.s.log.search.SetText(q)
		return
	}
	for _, v := range viewOpeners() {
		if v.name == name {
			mw.selectTab(v.tab)
			if l, ok := mw.tabs.Items[v.tab].Content.(*lazyTab); ok {
				l.ensure()
			}
			_ = v.open(mw)
			return
		}
	}
	for _, d := range dialogOpeners() {
		if d.name == name {
			mw.selectTab(d.tab)
			if l, ok := mw.tabs.Items[d.tab].Content.(*lazyTab); ok {
				l.ensure()
			}
			if err := d.open(mw); err != nil {
				mw.s.showError(err)
			}
			return
		}
	}
	mw.s.showError(fmt.Errorf("no dialog named %q; known: %s", name, dialogNames()))
}
