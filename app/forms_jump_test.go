package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Forms used to check a field on every keystroke and show or hide its error
// line at once, so the fields below jumped under the pointer while typing.
// Now typing never moves anything: an error appears when the field is left
// (or on save), and a message already shown is updated in its place.

// relayout lays o out again from the top, as the window does when a
// minimum size changes, so that positions read afterwards are the ones on
// screen.
func relayout(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, c := range v.Objects {
			relayout(t, c)
		}
	case fyne.Widget:
		r := test.TempWidgetRenderer(t, v)
		r.Layout(v.Size())
		for _, c := range r.Objects() {
			relayout(t, c)
		}
	}
}

// relayoutWindow lays out the window's content and every overlay again.
func relayoutWindow(t *testing.T, w fyne.Window) {
	t.Helper()
	relayout(t, w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		relayout(t, o)
	}
}

// screenPositions returns where each object is drawn in the window.
func screenPositions(objs []fyne.CanvasObject) []fyne.Position {
	d := fyne.CurrentApp().Driver()
	out := make([]fyne.Position, len(objs))
	for i, o := range objs {
		out[i] = d.AbsolutePositionForObject(o)
	}
	return out
}

// typeSteps types each step into e (a "\b" is Backspace) and, after every
// key, lays the window out again and fails if any of objs moved.
func typeSteps(t *testing.T, w fyne.Window, e fyne.Focusable, objs []fyne.CanvasObject, steps ...string) {
	t.Helper()
	before := screenPositions(objs)
	for _, step := range steps {
		for _, r := range step {
			if r == '\b' {
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
			} else {
				e.TypedRune(r)
			}
			relayoutWindow(t, w)
			for i, p := range screenPositions(objs) {
				if p != before[i] {
					t.Fatalf("typing %q moved field %d below from %v to %v", step, i, before[i], p)
				}
			}
		}
	}
}

func TestMemberFormStaysStillWhileTyping(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.sampleB)
	test.Tap(tab.add)
	f := tab.form
	c := s.win.Canvas()
	relayoutWindow(t, s.win)
	below := []fyne.CanvasObject{f.role, f.zone, f.email, f.phone, f.chat}
	name := f.errs.label("name")

	// "Ana" is taken, "" is no name, "Anabel" is fine: nothing moves and
	// no error appears while typing.
	c.Focus(f.name)
	typeSteps(t, s.win, f.name, below, "Ana", "\b\b\b", "Anabel", "\b\b\b\b\b\b")
	if name.Visible() {
		t.Fatalf("an error appeared while typing: %q", name.Text)
	}

	// Leaving the empty name shows its error.
	c.Unfocus()
	relayoutWindow(t, s.win)
	if !name.Visible() || !strings.Contains(name.Text, "name") {
		t.Fatalf("leaving an empty name: error %q (visible %v); want it shown", name.Text, name.Visible())
	}

	// Typing into it again keeps the line where it is, saying how the field
	// stands now, and moves nothing.
	c.Focus(f.name)
	typeSteps(t, s.win, f.name, below, "Ana")
	if !name.Visible() || !strings.Contains(name.Text, "used by another member") {
		t.Errorf("typing a taken name: error %q (visible %v); want it updated in place", name.Text, name.Visible())
	}
	typeSteps(t, s.win, f.name, below, "bel")
	if !name.Visible() || name.Text != fixedText {
		t.Errorf("typing a good name: line %q (visible %v); want %q until the field is left", name.Text, name.Visible(), fixedText)
	}

	// Leaving it right hides the line.
	c.Unfocus()
	if name.Visible() {
		t.Errorf("leaving a good name: error %q still shown", name.Text)
	}

	// Save still shows every error at once.
	f.name.SetText("")
	f.phone.SetText("call me maybe")
	test.Tap(f.save)
	for _, field := range []string{"name", "phone", "zone"} {
		if !f.errs.label(field).Visible() {
			t.Errorf("save: no error under %s", field)
		}
	}
}

func TestMemberFormLongMessageKeepsItsLine(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.add)
	f := tab.form
	c := s.win.Canvas()
	relayoutWindow(t, s.win)
	f.name.SetText("Zed")
	f.zone.SetText("UTC")
	c.Focus(f.phone)
	test.Type(f.phone, "x")
	c.Unfocus()
	relayoutWindow(t, s.win)
	phone := f.errs.label("phone")
	if !phone.Visible() {
		t.Fatal("leaving a bad phone shows no error")
	}
	// A message that grows with the text typed wraps onto more lines once
	// the field is left, never while typing.
	c.Focus(f.phone)
	typeSteps(t, s.win, f.phone, []fyne.CanvasObject{f.chat}, strings.Repeat("y", 120))
	if !phone.Visible() || !strings.Contains(phone.Text, "yyy") {
		t.Errorf("typing on: error %q; want it updated in place", phone.Text)
	}
}

func TestRotationFormStaysStillWhileTyping(t *testing.T) {
	tab, _, w := oncallFixture(t, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
	tab.views.SelectIndex(2)
	test.Tap(tab.rots.newB)
	f := tab.rots.lastForm
	c := w.Canvas()
	relayoutWindow(t, w)
	below := []fyne.CanvasObject{f.handoff, f.zone, f.start, f.coverage}
	shift := f.errs.label("shift")

	// "7d" is fine, "7" and "7x" are not, "12h" is.
	c.Focus(f.shift)
	f.shift.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	typeSteps(t, w, f.shift, below, "\b", "x", "\b\b", "12h", "\b")
	if shift.Visible() {
		t.Fatalf("an error appeared while typing: %q", shift.Text)
	}
	c.Unfocus()
	if !shift.Visible() || !strings.Contains(shift.Text, "12") {
		t.Fatalf("leaving shift %q: error %q (visible %v); want it shown", f.shift.Text, shift.Text, shift.Visible())
	}
	relayoutWindow(t, w)

	c.Focus(f.shift)
	typeSteps(t, w, f.shift, below, "h")
	if !shift.Visible() || shift.Text != fixedText {
		t.Errorf("typing a good shift: line %q (visible %v); want %q until the field is left", shift.Text, shift.Visible(), fixedText)
	}
	c.Unfocus()
	if shift.Visible() {
		t.Errorf("leaving a good shift: error %q still shown", shift.Text)
	}

	// The zone picker is typed into too: its error waits for it to be left.
	c.Focus(f.zone)
	f.zone.SetText("")
	typeSteps(t, w, f.zone, []fyne.CanvasObject{f.start, f.coverage}, "Mars/Olympus")
	zone := f.errs.label("zone")
	if zone.Visible() {
		t.Fatalf("a zone error appeared while typing: %q", zone.Text)
	}
	if f.zone.listOpen() {
		f.zone.popup.Hide()
	}
	c.Unfocus()
	if !zone.Visible() || !strings.Contains(zone.Text, "Mars/Olympus") {
		t.Errorf("leaving zone Mars/Olympus: error %q (visible %v); want it shown", zone.Text, zone.Visible())
	}
}

func TestPolicyEditorStaysStillWhileTyping(t *testing.T) {
	tab, _, w := oncallFixture(t, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
	tab.views.SelectIndex(3)
	pv := tab.esc
	test.Tap(findButton(t, pv.content, "Add level"))
	test.Tap(findButton(t, pv.content, "Add level"))
	relayoutWindow(t, w)
	l := pv.levels[0]
	if l.err.Visible() || pv.levels[1].err.Visible() {
		t.Fatalf("new levels show errors before anything is typed: %q, %q", l.err.Text, pv.levels[1].err.Text)
	}
	below := []fyne.CanvasObject{pv.levels[1].minutes, pv.levels[1].targets, pv.repeat}
	before := screenPositions(below)
	c := w.Canvas()
	c.Focus(l.targets)
	for _, r := range "member:Nobody" {
		l.targets.TypedRune(r)
		relayoutWindow(t, w)
		if got := screenPositions(below); got[0] != before[0] || got[1] != before[1] || got[2] != before[2] {
			t.Fatalf("typing a target moved the rows below: %v → %v", before, got)
		}
	}
	if l.err.Visible() {
		t.Fatalf("an error appeared while typing: %q", l.err.Text)
	}
	c.Unfocus()
	if !l.err.Visible() || !strings.Contains(l.err.Text, "Nobody") {
		t.Errorf("leaving member:Nobody: error %q (visible %v); want it shown", l.err.Text, l.err.Visible())
	}
	if pv.levels[1].err.Visible() {
		t.Errorf("leaving level 1 shows an error under level 2, never touched: %q", pv.levels[1].err.Text)
	}
}

// The line under a field keeps its height while the field is typed into,
// whatever its message says.
func TestErrorLineHoldsItsHeightWhileTyping(t *testing.T) {
	test.NewTempApp(t)
	l := newErrorLine()
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(200, 200))
	l.set(errString("short"))
	h := l.MinSize().Height
	l.typed(errString(strings.Repeat("a much longer message ", 10)))
	if got := l.MinSize().Height; got != h {
		t.Errorf("a long message while typing: height %v; want %v", got, h)
	}
	l.typed(nil)
	if got := l.MinSize().Height; got != h || l.Text != fixedText || l.Importance != widget.SuccessImportance {
		t.Errorf("a fixed field while typing: height %v text %q; want %v and %q", got, l.Text, h, fixedText)
	}
	l.set(nil)
	if l.Visible() {
		t.Error("set(nil) leaves the line shown")
	}
}

type errString string

func (e errString) Error() string { return string(e) }
