package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	fynetest "fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/worklog"
)

// menuItem finds the item labelled label in the menu titled menu.
func menuItem(t *testing.T, mw *mainWindow, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range mw.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s → %s in the menu", menu, label)
	return nil
}

func TestMainMenuAndShortcuts(t *testing.T) {
	mw := sampleWindow(t)
	s := mw.s
	var menus []string
	for _, m := range mw.win.MainMenu().Items {
		menus = append(menus, m.Label)
	}
	if strings.Join(menus, ",") != "File,View,Help" {
		t.Fatalf("menus %v; want File, View, Help", menus)
	}
	for _, label := range []string{"Import team file…", "Export team file…", "Back up database…", "Restore from backup…", "Quit"} {
		menuItem(t, mw, "File", label)
	}
	if r := menuItem(t, mw, "File", "Restore from backup…"); !r.Disabled {
		t.Error("Restore is enabled with no restore hook")
	}
	// Ctrl+1 … Ctrl+4 open the tabs.
	for i, item := range mw.tabs.Items {
		mi := menuItem(t, mw, "View", item.Text)
		sc, ok := mi.Shortcut.(*desktop.CustomShortcut)
		if !ok || sc.KeyName != tabShortcuts[i] || sc.Modifier != fyne.KeyModifierShortcutDefault {
			t.Errorf("View → %s has shortcut %v; want Ctrl+%d", item.Text, mi.Shortcut, i+1)
		}
		mi.Action()
		if mw.tabs.SelectedIndex() != i {
			t.Errorf("View → %s shows tab %d", item.Text, mw.tabs.SelectedIndex())
		}
	}
	search := menuItem(t, mw, "View", "Search in this tab")
	newItem := menuItem(t, mw, "View", "New in this tab…")
	// Team: Ctrl+F focuses the filter, Ctrl+N adds a member.
	mw.selectTab(tabTeam)
	search.Action()
	if mw.win.Canvas().Focused() != s.team.filter {
		t.Errorf("Ctrl+F on Team focuses %T; want the filter", mw.win.Canvas().Focused())
	}
	newItem.Action()
	if s.topDialog() == nil || s.team.form == nil {
		t.Fatal("Ctrl+N on Team did not open the member form")
	}
	s.escape()
	// On-call: Ctrl+N is a new rotation; 1:1s: Ctrl+F searches the log.
	mw.selectTab(tabOncall)
	newItem.Action()
	if s.topDialog() == nil || s.oncall.rots.lastForm == nil {
		t.Fatal("Ctrl+N on On-call did not open the rotation form")
	}
	s.escape()
	mw.selectTab(tabLog)
	search.Action()
	if mw.win.Canvas().Focused() != s.log.search {
		t.Errorf("Ctrl+F on 1:1s & updates focuses %T; want the search box", mw.win.Canvas().Focused())
	}
	newItem.Action()
	if s.log.updForm == nil {
		t.Error("Ctrl+N on 1:1s & updates did not open a new update")
	}
	s.escape()
	mw.selectTab(tabOverlap)
	newItem.Action()
	if mw.s.overlap.side.SelectedIndex() != 1 {
		t.Error("Ctrl+N on Overlap does not show the suggestions")
	}
	// Help.
	for _, label := range []string{"Keyboard shortcuts", "Where my data lives", "About remotecto"} {
		menuItem(t, mw, "Help", label).Action()
		if s.topDialog() == nil {
			t.Errorf("Help → %s opened nothing", label)
		}
		s.escape()
	}
	menuItem(t, mw, "Help", "Where my data lives").Action()
	if !strings.Contains(texts(t, mw.win.Canvas().Overlays().Top()), s.db.Path()) {
		t.Error("Where my data lives does not give the database's path")
	}
	s.escape()
}

// The Restore hook: File → Restore from backup… hands the chosen file to
// Options.Restore after a confirmation, then every tab reads again.
func TestRestoreHook(t *testing.T) {
	s := newTestSession(t)
	var got string
	restored := false
	mw := newMainWindow(fyne.CurrentApp(), s.db, Options{Now: func() time.Time { return fixedNow }, Viewer: time.UTC,
		Restore: func(_ context.Context, path string) error { got = path; return nil }})
	mw.s.listenTeam(func() { restored = true })
	item := menuItem(t, mw, "File", "Restore from backup…")
	if item.Disabled {
		t.Fatal("Restore is disabled with a hook")
	}
	item.Action()
	o := mw.s.lastOpen
	if o == nil {
		t.Fatal("Restore did not ask for a file")
	}
	o.dlg.Hide()
	o.done(fileReader(t, sampleFile(t, t.TempDir(), ".json")))
	if mw.s.topDialog() == nil {
		t.Fatal("no confirmation before restoring")
	}
	mw.s.enter()
	if !strings.HasSuffix(got, "sample.json") || !restored {
		t.Errorf("the hook got %q, tabs reloaded %v", got, restored)
	}
}

func TestThemeFollowsTheSystemOrTheChoice(t *testing.T) {
	mw := sampleWindow(t)
	a := fyne.CurrentApp()
	if th, ok := a.Settings().Theme().(*appTheme); !ok || !th.follow {
		t.Fatalf("the theme at start is %T; want the app's theme following the system", a.Settings().Theme())
	}
	var themeItems []*fyne.MenuItem
	for _, it := range mw.win.MainMenu().Items[1].Items {
		if it.Label == "Theme" {
			themeItems = it.ChildMenu.Items
		}
	}
	if len(themeItems) != 3 || !themeItems[0].Checked {
		t.Fatalf("View → Theme: %d items, first checked %v", len(themeItems), len(themeItems) > 0 && themeItems[0].Checked)
	}
	themeItems[1].Action() // Light
	th := a.Settings().Theme().(*appTheme)
	if th.follow || th.forced != theme.VariantLight || a.Preferences().String(themeKey) != themeLight || !themeItems[1].Checked || themeItems[0].Checked {
		t.Errorf("after Light: %+v, stored %q", th, a.Preferences().String(themeKey))
	}
	// The choice is remembered for the next start; REMOTECTO_THEME-style
	// overrides are not.
	applyTheme(a, "")
	if th := a.Settings().Theme().(*appTheme); th.forced != theme.VariantLight {
		t.Error("the next start forgets Light")
	}
	applyTheme(a, themeDark)
	if a.Preferences().String(themeKey) != themeLight {
		t.Error("an override for one run was stored")
	}
}

// Notes and updates are shown rendered from their Markdown, and stored as
// typed.
func TestNotesRenderMarkdown(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	o, err := tab.store.WriteOneOnOne(context.Background(), worklog.OneOnOne{Member: "Ana", At: fixedNow, Notes: "Talked about **hiring**.\n\n- one\n- two"})
	if err != nil {
		t.Fatal(err)
	}
	tab.showOneOnOne(o)
	var rt *widget.RichText
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.RichText:
			if rt == nil {
				rt = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range testRenderer(t, v) {
				walk(c)
			}
		}
	}
	walk(s.win.Canvas().Overlays().Top())
	if rt == nil {
		t.Fatal("the 1:1's notes are not rendered text")
	}
	bold, list := false, false
	for _, seg := range rt.Segments {
		switch v := seg.(type) {
		case *widget.TextSegment:
			bold = bold || (v.Text == "hiring" && v.Style.TextStyle.Bold)
		case *widget.ListSegment:
			list = true
		}
	}
	if !bold || !list {
		t.Errorf("notes rendered without bold (%v) or the list (%v)", bold, list)
	}
	if hist, _ := tab.store.OneOnOnes(context.Background(), "Ana"); hist[0].Notes != o.Notes {
		t.Errorf("notes stored as %q", hist[0].Notes)
	}
}

// fileReader opens a file for reading.
func fileReader(t *testing.T, u fyne.URI) (fyne.URIReadCloser, error) {
	t.Helper()
	return storage.Reader(u)
}

// testRenderer lists the objects a widget draws.
func testRenderer(t *testing.T, w fyne.Widget) []fyne.CanvasObject {
	t.Helper()
	return fynetest.TempWidgetRenderer(t, w).Objects()
}

// A row of a list shows Markdown as plain words.
func TestMarkdownLine(t *testing.T) {
	if got := markdownLine("We move the **primary** rotation.\n\n- one\n- two"); strings.Contains(got, "*") || got != "We move the primary rotation. • one • two" {
		t.Errorf("markdownLine = %q", got)
	}
}
