package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// Tests for the defects found by trying the app as a new user would; each
// reproduces one as it was reported.

// topButton finds a button in the dialog on top of the window.
func topButton(t *testing.T, s *session, text string) *widget.Button {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open; want one with %q", text)
	}
	return findButton(t, top, text)
}

// 1. Export: Markdown… → Cancel, or → Choose file…, closed the app with a
// nil-pointer panic (the form dialog handed a nil on-close callback on).
func TestMarkdownExportCancelAndChooseFileKeepTheAppAlive(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	test.Tap(tab.exportMDB)
	test.Tap(topButton(t, s, "Cancel"))
	if s.topDialog() != nil {
		t.Fatal("Cancel left the export dialog open")
	}
	test.Tap(tab.exportMDB)
	test.Tap(topButton(t, s, "Choose file…"))
	if s.lastExport == nil || s.lastExport.name != "log.md" {
		t.Fatalf("Choose file… did not ask where to save log.md: %+v", s.lastExport)
	}
	s.escape() // the file dialog
	if s.topDialog() != nil {
		t.Errorf("%d dialogs still open; want none", len(s.dialogs))
	}
}

// 2. 1:1s: after a re-sort the highlight stayed on row 3 while the panel
// showed another member, and clicking the highlighted row did nothing.
func TestOneOnOneSelectionStaysOnThePersonAfterResort(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	v := tab.people
	third := v.scheds[2].Member
	v.list.Select(2)
	if v.selected != third {
		t.Fatalf("selected %q; want %q", v.selected, third)
	}
	v.cadence.SetSelected(worklog.CadenceWeekly.Label())
	test.Tap(v.cadenceB) // a cadence and no 1:1 yet: due now, sorted first
	if v.scheds[2].Member == third {
		t.Fatal("the list did not re-sort; the test needs a member that moves")
	}
	if v.highlight < 0 || v.scheds[v.highlight].Member != third || v.title.Text != third {
		t.Fatalf("after the re-sort the highlight is on row %d (%s), the panel shows %q; want both on %s",
			v.highlight, v.scheds[max(v.highlight, 0)].Member, v.title.Text, third)
	}
	// Clicking another row and then the first member's row works.
	other := (v.highlight + 1) % len(v.scheds)
	v.list.Select(other)
	if v.title.Text != v.scheds[other].Member {
		t.Errorf("clicking row %d shows %q; want %q", other, v.title.Text, v.scheds[other].Member)
	}
	// Saving a 1:1 re-sorts too.
	selectMember(t, tab, third)
	tab.showOneOnOneForm(third)
	test.Tap(tab.oneForm.save)
	if v.highlight < 0 || v.scheds[v.highlight].Member != third || v.title.Text != third {
		t.Errorf("after saving a 1:1 the highlight is on row %d, the panel shows %q; want both on %s", v.highlight, v.title.Text, third)
	}
}

// 3. Suggest offered this week's Monday 14:00 at Monday 22:10.
func TestSuggestOffersOnlyTimesToCome(t *testing.T) {
	tab, s, _ := overlapFixture(t)
	lisbon := tab.viewer
	now := time.Date(2026, 6, 8, 22, 10, 0, 0, lisbon) // Monday evening
	s.now = func() time.Time { return now }
	tab.setDay(timezone.DateOf(now))
	tab.suggest.duration.SetSelected("45 min")
	tab.suggest.onSuggest()
	for _, r := range tab.suggest.results {
		if r.Start.Before(now) {
			t.Errorf("suggested %s, before now (%s)", r.Start.In(lisbon), now)
		}
	}
	if len(tab.suggest.results) == 0 && !strings.Contains(tab.suggest.detail.Text, "left") {
		t.Errorf("no slot and no word why: %q", tab.suggest.detail.Text)
	}
	// The whole of tomorrow is to come.
	tab.setDay(timezone.DateOf(now).AddDays(1))
	tab.suggest.onSuggest()
	if len(tab.suggest.results) == 0 {
		t.Error("nothing suggested for tomorrow")
	}
	// A day gone by offers nothing and says so.
	tab.setDay(timezone.DateOf(now).AddDays(-7))
	tab.suggest.onSuggest()
	if len(tab.suggest.results) != 0 || !strings.Contains(tab.suggest.detail.Text, "Step to a later day") {
		t.Errorf("last week: %d suggestions, %q; want none and a word why", len(tab.suggest.results), tab.suggest.detail.Text)
	}
}

// 4. At about 1000 px the UTC offsets ran over the status, zones were cut to
// "America/..." and the window could not be made smaller than ~960 px (see
// TestEveryTabFitsIn800x600 for the last).
func TestTeamTableShowsCitiesThatFitAt1000px(t *testing.T) {
	mw := sampleWindow(t)
	mw.win.Resize(fyne.NewSize(1000, 700))
	tab := mw.s.team
	listW := tab.list.Size().Width
	if listW <= 0 {
		t.Fatal("the list has no size")
	}
	for i, m := range tab.shown {
		row := tab.list.CreateItem()
		row.Resize(fyne.NewSize(listW, row.MinSize().Height))
		tab.updateRow(i, row)
		cells := row.(*fyne.Container).Objects
		zone := cells[2].(*widget.Label)
		if zone.Text != timezone.City(m.Zone) || strings.Contains(zone.Text, "/") {
			t.Errorf("%s: zone cell %q; want the city", m.Name, zone.Text)
		}
		for _, c := range []int{2, 3, 4} {
			l := cells[c].(*widget.Label)
			if !l.Visible() {
				continue
			}
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if need > l.Size().Width+0.5 {
				t.Errorf("%s: column %d %q needs %.0f px, has %.0f", m.Name, c, l.Text, need, l.Size().Width)
			}
		}
	}
	// The detail names the zone in full.
	if tab.selected == 0 {
		t.Fatal("nothing selected")
	}
	m, _ := tab.selectedMember()
	if searchLabel(t, tab.detail, m.Zone) == nil {
		t.Errorf("the detail of %s does not give the zone %s in full", m.Name, m.Zone)
	}
}

// searchLabel finds a label whose text contains text.
func searchLabel(t *testing.T, o fyne.CanvasObject, text string) *widget.Label {
	t.Helper()
	var found *widget.Label
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			if strings.Contains(v.Text, text) {
				found = v
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
	return found
}

// 5. "toronto" found nothing, the form said `"toronto": unknown time zone`,
// and Overlap ignored "kolkata" + Enter.
func TestZonePickersSearchByCity(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.add)
	f := tab.form
	test.Type(f.name, "Tom")
	test.Type(f.zone, "toronto")
	if len(f.zone.matches) == 0 || f.zone.matches[0] != "America/Toronto" {
		t.Fatalf("typing toronto offers %v", f.zone.matches)
	}
	if !f.zone.listOpen() {
		t.Error("typing did not open the list of matches")
	}
	if l := f.errs.label("zone"); l.Visible() {
		t.Errorf("toronto is refused: %q", l.Text)
	}
	test.Tap(f.save)
	ms, _ := s.db.Members(context.Background())
	if len(ms) != 1 || ms[0].Zone != "America/Toronto" {
		t.Fatalf("saved %+v; want Tom in America/Toronto", ms)
	}
	// Several words, underscores, case: all the same.
	for _, q := range []string{"St Johns", "st_johns", "ST. JOHN'S"} {
		if z, err := timezone.ResolveZone(q); err != nil || z != "America/St_Johns" {
			t.Errorf("%q resolves to %q, %v", q, z, err)
		}
	}

	otab, _, _ := overlapFixture(t)
	overlapRetype(otab.zone, "kolkata")
	otab.zone.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if otab.zone.Text != "Asia/Kolkata" || zoneName(otab.viewer) != "Asia/Kolkata" {
		t.Errorf("kolkata + Enter: text %q, viewer %s; want Asia/Kolkata", otab.zone.Text, zoneName(otab.viewer))
	}
	// Enter picks the first match of a partial name.
	overlapRetype(otab.zone, "new y")
	otab.zone.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if zoneName(otab.viewer) != "America/New_York" {
		t.Errorf("new y + Enter: viewer %s; want America/New_York", zoneName(otab.viewer))
	}
}

// 6. Search showed a 1:1 at 09:00 (UTC) that opened as 10:00 (Berlin); Saved
// showed a time with no zone; several views said "(Local)".
func TestTimesNameTheirZone(t *testing.T) {
	s := newTestSession(t)
	tab := showLogTab(t, s)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	o, err := tab.store.WriteOneOnOne(context.Background(), worklog.OneOnOne{Member: "Greta", At: at, Notes: "budget review"})
	if err != nil {
		t.Fatal(err)
	}
	tab.reload()
	test.Type(tab.search, "budget")
	if len(tab.results.hits) != 1 {
		t.Fatalf("search found %d hits", len(tab.results.hits))
	}
	heading := hitHeading(tab.results.hits[0], tab.results.hitTime(tab.results.hits[0]))
	opened := showTime(o.At, tab.zoneOf("Greta"), formFull)
	if !strings.Contains(heading, opened) || !strings.Contains(opened, "10:00 Berlin") {
		t.Errorf("search says %q; the 1:1 opens as %q; want the same time, named Berlin", heading, opened)
	}

	otab, _, _ := overlapFixture(t)
	otab.suggest.onSuggest()
	otab.suggest.list.Select(0)
	test.Tap(otab.suggest.save)
	if row := otab.saved.rowText(0); !strings.HasSuffix(row, "Lisbon") {
		t.Errorf("saved row %q names no zone", row)
	}

	oc, _, _ := oncallFixture(t, fixedNow)
	berlin, _ := timezone.LoadZone("Europe/Berlin")
	oc.s.viewer = berlin
	for _, text := range []string{zoneTitle(berlin), showTime(fixedNow, berlin, formDayTime)} {
		if strings.Contains(text, "Local") || !strings.Contains(text, "Berlin") {
			t.Errorf("%q; want Berlin named", text)
		}
	}
	// The computer's zone without a name is never "Local".
	if name := zoneName(viewerZone()); name == "Local" {
		t.Errorf("the computer's zone is named %q", name)
	}
}

// 7. No feedback after an export or a copy; the save dialog did not
// remember the folder; a hostile name could leave the chosen folder.
func TestExportAndCopySayWhatHappened(t *testing.T) {
	s := newTestSession(t)
	dir := t.TempDir()
	j := s.saveFile("notes", ".md", func(w io.Writer) error {
		_, err := w.Write([]byte("# notes\n"))
		return err
	})
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "notes.md")))
	if err != nil {
		t.Fatal(err)
	}
	s.escape()
	j.done(w, nil)
	want := filepath.Join(dir, "notes.md")
	if got := s.feedback().message(); got != "Saved to "+want || s.bar.action.Text != "Open folder" || !s.bar.action.Visible() {
		t.Errorf("after the export the bar says %q with %q; want Saved to %s with Open folder", got, s.bar.action.Text, want)
	}
	if b, _ := os.ReadFile(want); string(b) != "# notes\n" {
		t.Errorf("file holds %q", b)
	}
	// The next save dialog opens in that folder.
	if l := s.exportFolder(); l == nil || filepath.Clean(l.Path()) != dir {
		t.Errorf("the next export starts in %v; want %s", l, dir)
	}
	s.copyText("+351 210 000 001")
	if got := s.feedback().message(); got != "Copied +351 210 000 001" {
		t.Errorf("after a copy the bar says %q", got)
	}
}

// 7. A rotation named ../../../x/PWNED must not export outside the chosen
// folder: the name is made safe, and saving through the real dialog writes
// inside it.
func TestExportFileNamesStayInTheChosenFolder(t *testing.T) {
	tab, db, w := oncallFixture(t, fixedNow)
	ctx := context.Background()
	if _, err := db.SaveMember(ctx, roster.Member{Name: "Ana", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	hostile := "../../../x/PWNED"
	if _, err := db.SaveRotation(ctx, oncall.Rotation{Name: hostile, Members: []string{"Ana"}, Zone: "UTC",
		Shift: oncall.ShiftLength{N: 1, Unit: oncall.Days}, Start: timezone.DateOf(fixedNow)}); err != nil {
		t.Skipf("storage refuses the name (%v); the file name is checked below", err)
	}
	tab.s.teamChanged()
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString(exportFolderKey, storage.NewFileURI(dir).String())
	tab.rots.export(hostile, "")
	j := tab.s.lastExport
	if j == nil || strings.ContainsAny(j.name, `/\`) || strings.Contains(j.name, "..") {
		t.Fatalf("suggested file name %q", j.name)
	}
	save := searchButton(t, "Save", w.Canvas().Overlays().Top())
	if save == nil {
		t.Fatal("no Save button in the file dialog")
	}
	test.Tap(save)
	if j.saved == "" || filepath.Dir(j.saved) != dir {
		t.Errorf("saved to %q; want a file inside %s", j.saved, dir)
	}
	for _, name := range []string{"../../x/PWNED", "..", "a/b\\c", " .hidden", "CON:*?"} {
		got := safeFileName(name, ".ics")
		if strings.ContainsAny(got, `/\:*?`) || strings.HasPrefix(got, ".") || strings.Contains(got, "..") {
			t.Errorf("safeFileName(%q) = %q", name, got)
		}
	}
}
