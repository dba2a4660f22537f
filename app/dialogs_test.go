package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// buttonsIn lists the visible, enabled buttons inside o.
func buttonsIn(t *testing.T, o fyne.CanvasObject) []*widget.Button {
	t.Helper()
	var out []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Button:
			if !v.Disabled() {
				out = append(out, v)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// confirmButton is the button that says yes in a dialog: its main (high
// importance) button, or else OK, Done or Close.
func confirmButton(t *testing.T, o fyne.CanvasObject) *widget.Button {
	t.Helper()
	bs := buttonsIn(t, o)
	for _, b := range bs {
		if b.Importance == widget.HighImportance && b.Text != "" {
			return b
		}
	}
	for _, text := range []string{"OK", "Done", "Close", "Yes", "Send…"} {
		for _, b := range bs {
			if b.Text == text {
				return b
			}
		}
	}
	return nil
}

// A test opens every dialog of every tab and of the menu, and closes each
// both ways: with Escape (as Cancel) and with its confirm button; after
// each the window is alive and no dialog is left open.
func TestEveryDialogClosesBothWays(t *testing.T) {
	mw := sampleWindow(t)
	mw.win.Resize(fyne.NewSize(800, 600))
	s := mw.s
	ctx := context.Background()
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString(exportFolderKey, storage.NewFileURI(dir).String())
	if _, err := s.db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: fixedNow.Add(-24 * time.Hour), Notes: "**notes**"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.AddUpdate(ctx, worklog.Update{Author: "Jack", Kind: worklog.KindStatus, At: fixedNow, Text: "status"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.SetCadence(ctx, "Ana", worklog.CadenceWeekly, timezone.MustClock("10:00"), 30); err != nil {
		t.Fatal(err)
	}
	s.teamChanged()
	for i := range mw.tabs.Items {
		mw.selectTab(i) // build every tab
	}
	escape := mw.win.Canvas().OnTypedKey()
	closeAll := func(name, way string) {
		for n := 0; s.topDialog() != nil && n < 8; n++ {
			top := s.topDialog()
			if j := s.lastExport; j != nil && top.d == j.dlg {
				// A save dialog reached by confirming: save, in dir.
				if b := searchButton(t, "Save", mw.win.Canvas().Overlays().Top()); b != nil && !b.Disabled() {
					test.Tap(b)
					continue
				}
			}
			escape(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
		if s.topDialog() != nil || mw.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s, closed by %s: a dialog is left open", name, way)
			for mw.win.Canvas().Overlays().Top() != nil {
				mw.win.Canvas().Overlays().Remove(mw.win.Canvas().Overlays().Top())
			}
			s.dialogs = nil
		}
	}
	for _, d := range dialogOpeners() {
		for _, way := range []string{"Escape", "its confirm button"} {
			before := len(s.dialogs)
			mw.open(d.name)
			if len(s.dialogs) <= before {
				t.Errorf("%s did not open a dialog", d.name)
				continue
			}
			if strings.Contains(texts(t, mw.win.Canvas().Overlays().Top()), errNothingToShow.Error()) {
				t.Errorf("%s: %v", d.name, errNothingToShow)
			}
			if way == "Escape" {
				escape(&fyne.KeyEvent{Name: fyne.KeyEscape})
			} else if b := confirmButton(t, mw.win.Canvas().Overlays().Top()); b != nil {
				test.Tap(b)
			} else if o := s.lastOpen; o != nil && s.topDialog().d == o.dlg {
				// An open dialog confirms once a file is chosen: choose one.
				o.dlg.Hide()
				o.done(storage.Reader(sampleFile(t, dir, o.exts[0])))
			} else {
				t.Errorf("%s has no confirm button", d.name)
			}
			closeAll(d.name, way)
			if mw.win.Content() == nil {
				t.Fatalf("after %s the window is gone", d.name)
			}
		}
	}
}

// sampleFile writes a small valid file of the kind ext names in dir.
func sampleFile(t *testing.T, dir, ext string) fyne.URI {
	t.Helper()
	var content []byte
	switch strings.ToLower(ext) {
	case ".json":
		content = assets.SampleTeamJSON
	case ".ics":
		content = []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\n" +
			"DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Holidays\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	default:
		t.Fatalf("no sample file for %s", ext)
	}
	path := filepath.Join(dir, "sample"+ext)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return storage.NewFileURI(path)
}

// Escape closes a dialog and Enter confirms it while an entry has the
// focus, as the keys do when none has.
func TestEscapeAndEnterInDialogs(t *testing.T) {
	mw := sampleWindow(t)
	s := mw.s
	mw.selectTab(tabTeam)
	s.team.onAdd()
	f := s.team.form
	mw.win.Canvas().Focus(f.name)
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.topDialog() != nil {
		t.Fatal("Escape in the name field did not close the form")
	}
	s.team.onAdd()
	f = s.team.form
	test.Type(f.name, "Zed")
	f.zone.setText("Pacific/Chatham")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.topDialog() != nil {
		t.Fatalf("Enter did not save the form: %s", texts(t, mw.win.Canvas().Overlays().Top()))
	}
	if _, ok := findMember(s.team.members, "Zed"); !ok {
		t.Error("Enter closed the form without saving Zed")
	}
	// Enter in a multi-line field is a new line, not Save.
	mw.selectTab(tabLog)
	s.log.showUpdateForm("")
	u := s.log.updForm
	test.Type(u.text, "line")
	u.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.topDialog() == nil || !strings.Contains(u.text.Text, "\n") {
		t.Errorf("Enter in the update's text: dialog open %v, text %q; want a new line", s.topDialog() != nil, u.text.Text)
	}
	u.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.topDialog() != nil {
		t.Error("Escape in the update's text did not close the form")
	}
	// A save dialog: Escape cancels, Enter saves under the name suggested.
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString(exportFolderKey, storage.NewFileURI(dir).String())
	keys := mw.win.Canvas().OnTypedKey()
	s.exportTeamFile()
	keys(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.topDialog() != nil {
		t.Error("Escape did not close the save dialog")
	}
	s.exportTeamFile()
	keys(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.topDialog() != nil || s.lastExport.saved != filepath.Join(dir, "team.json") {
		t.Errorf("Enter in the save dialog: open %v, saved %q; want team.json in %s", s.topDialog() != nil, s.lastExport.saved, dir)
	}
	// A confirmation: Escape is No.
	sagar, _ := findMember(s.team.members, "Sagar")
	s.team.onDelete(sagar)
	mw.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, ok := findMember(s.team.members, "Sagar"); !ok || s.topDialog() != nil {
		t.Error("Escape on the confirmation deleted or stayed")
	}
}

// log-search:WORDS opens the log's search view and searches the words, as
// scripts/screens.sh asks for it.
func TestOpenLogSearchWithWords(t *testing.T) {
	mw := sampleWindow(t)
	ctx := context.Background()
	if _, err := mw.s.db.AddUpdate(ctx, worklog.Update{Author: "Ana", Kind: worklog.KindDecision,
		Text: "We start hiring in Lisbon", At: fixedNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	mw.open("log-search:hiring")
	if mw.s.log.views.Selected() != mw.s.log.resultsTab || len(mw.s.log.results.hits) != 1 {
		t.Fatalf("log-search:hiring shows %d hits (search view %v); want the one update",
			len(mw.s.log.results.hits), mw.s.log.views.Selected() == mw.s.log.resultsTab)
	}
}
