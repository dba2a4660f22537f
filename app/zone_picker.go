package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
)

// zonePickerRows is how many matches the list under a zone picker shows at
// once.
const zonePickerRows = 6

// zonePicker is an entry for a time zone that searches as you type: typing
// a city ("toronto", "st johns", "são paulo") or part of an IANA name opens a
// list of the matching zones under it, best first; Enter or a tap picks one,
// Up and Down move through the list, Escape closes it. Text that names one
// zone is accepted as it is (see timezone.ResolveZone).
type zonePicker struct {
	widget.Entry
	// onChange runs after every change of the text, typed or picked.
	onChange func(text string)
	// onPick runs after a zone is picked from the list or with Enter.
	onPick func(zone string)
	// onLeave runs after the picker has lost the focus to anything but its
	// own list.
	onLeave func()

	matches []string
	popup   *widget.PopUp
	search  *zoneSearchEntry
	list    *widget.List
	focused bool
	quiet   bool // set while the text is changed by the picker itself
}

func newZonePicker(text, placeholder string) *zonePicker {
	p := &zonePicker{}
	p.ExtendBaseWidget(p)
	p.SetPlaceHolder(placeholder)
	p.SetText(text)
	p.Entry.OnChanged = func(s string) { p.changed(s, true) }
	return p
}

// zone resolves the text to a zone name.
func (p *zonePicker) zone() (string, error) { return timezone.ResolveZone(p.Text) }

// setText sets the text without opening the list.
func (p *zonePicker) setText(s string) {
	p.quiet = true
	p.SetText(s)
	p.quiet = false
	p.changed(s, false)
}

func (p *zonePicker) changed(s string, typed bool) {
	p.matches = timezone.FindZones(s)
	if len(p.matches) > 50 {
		p.matches = p.matches[:50]
	}
	if typed && !p.quiet && p.focused && len(p.matches) > 0 {
		p.openList()
	}
	if p.list != nil {
		p.list.UnselectAll()
		p.list.Refresh()
	}
	if p.onChange != nil && !p.quiet {
		p.onChange(s)
	}
}

// FocusGained implements fyne.Focusable.
func (p *zonePicker) FocusGained() {
	p.focused = true
	p.Entry.FocusGained()
}

// FocusLost implements fyne.Focusable.
func (p *zonePicker) FocusLost() {
	p.focused = false
	p.Entry.FocusLost()
	if p.onLeave != nil && !p.listOpen() {
		p.onLeave()
	}
}

// TypedKey implements fyne.Focusable: Enter picks the first match (or, when
// the text already is a zone, confirms the dialog), Escape closes the list
// or the dialog, Down opens the list.
func (p *zonePicker) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if _, err := timezone.LoadZone(p.Text); err == nil && (len(p.matches) == 0 || p.matches[0] == p.Text) {
			if !handleDialogKey(p, ev, false) && p.onPick != nil {
				p.onPick(p.Text)
			}
			return
		}
		p.pickFirst()
		return
	case fyne.KeyEscape:
		if p.listOpen() {
			p.popup.Hide()
			return
		}
		handleDialogKey(p, ev, true)
		return
	case fyne.KeyDown:
		if len(p.matches) > 0 {
			p.openList()
			return
		}
	}
	p.Entry.TypedKey(ev)
}

func (p *zonePicker) listOpen() bool { return p.popup != nil && p.popup.Visible() }

// pickFirst picks the best match, if any.
func (p *zonePicker) pickFirst() {
	if len(p.matches) > 0 {
		p.pick(p.matches[0])
	}
}

// pick sets the zone, closes the list and gives the focus back.
func (p *zonePicker) pick(zone string) {
	p.setText(zone)
	if p.popup != nil {
		p.popup.Hide()
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
	if p.onPick != nil {
		p.onPick(zone)
	}
}

// openList shows the matches under the entry, with a search field over the
// entry that takes the typing from here on.
func (p *zonePicker) openList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	if p.popup == nil {
		p.search = newZoneSearchEntry(p)
		p.list = widget.NewList(func() int { return len(p.matches) },
			func() fyne.CanvasObject {
				l := widget.NewLabel("Buenos Aires — America/Argentina/Buenos_Aires")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(id widget.ListItemID, o fyne.CanvasObject) {
				if id < len(p.matches) {
					z := p.matches[id]
					o.(*widget.Label).SetText(timezone.City(z) + " — " + z)
				}
			})
		p.list.OnSelected = func(id widget.ListItemID) {
			if id < len(p.matches) {
				p.pick(p.matches[id])
			}
		}
		p.popup = widget.NewPopUp(container.NewBorder(p.search, nil, nil, nil, p.list), c)
	}
	p.list.UnselectAll()
	p.list.Refresh()
	rowH := p.list.MinSize().Height
	if rowH < 30 {
		rowH = 36
	}
	p.search.quiet = true
	p.search.SetText(p.Text)
	p.search.quiet = false
	p.search.CursorColumn = len([]rune(p.Text))
	p.search.Refresh()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	w := max(p.Size().Width, 320)
	p.popup.Resize(fyne.NewSize(w, p.Size().Height+rowH*zonePickerRows))
	p.popup.ShowAtPosition(pos)
	c.Focus(p.search)
}

// zoneSearchEntry is the field over a zone picker while its list is open.
type zoneSearchEntry struct {
	widget.Entry
	p     *zonePicker
	quiet bool
	// highlight is the match Up and Down moved to; -1 for none.
	highlight int
}

func newZoneSearchEntry(p *zonePicker) *zoneSearchEntry {
	e := &zoneSearchEntry{p: p, highlight: -1}
	e.ExtendBaseWidget(e)
	e.OnChanged = func(s string) {
		if e.quiet {
			return
		}
		e.highlight = -1
		p.quiet = true
		p.SetText(s)
		p.CursorColumn = len([]rune(s))
		p.quiet = false
		p.changed(s, false)
	}
	return e
}

// TypedKey moves through the matches with Up and Down, picks with Enter and
// closes the list with Escape.
func (e *zoneSearchEntry) TypedKey(ev *fyne.KeyEvent) {
	p := e.p
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(p.matches) == 0 {
			return
		}
		if ev.Name == fyne.KeyDown {
			e.highlight = min(e.highlight+1, len(p.matches)-1)
		} else {
			e.highlight = max(e.highlight-1, 0)
		}
		p.list.ScrollTo(e.highlight)
		// Show the highlight without picking: select quietly.
		sel := p.list.OnSelected
		p.list.OnSelected = nil
		p.list.Select(e.highlight)
		p.list.OnSelected = sel
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.highlight >= 0 && e.highlight < len(p.matches) {
			p.pick(p.matches[e.highlight])
		} else {
			p.pickFirst()
		}
		return
	case fyne.KeyEscape:
		p.popup.Hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
			c.Focus(p)
		}
		return
	}
	e.Entry.TypedKey(ev)
}
