package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// memberPicker chooses the members in the overlap: the Team tab's filter
// (name, role, city or zone) over a virtualised list of checks (a
// 2,000-member team builds only the rows on screen), and All and None for
// the members the filter shows, each applied in one recomputation. Changes
// apply at once.
type memberPicker struct {
	t       *overlapTab
	filter  *widget.Entry
	count   *widget.Label
	shown   []roster.Member // the members the filter matches
	list    *widget.List
	rows    map[*widget.Check]string // each row's check and the member it shows
	content fyne.CanvasObject
}

func newMemberPicker(t *overlapTab) *memberPicker {
	p := &memberPicker{t: t, rows: map[*widget.Check]string{}, count: widget.NewLabel("")}
	p.count.Importance = widget.LowImportance
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter by name, role, city or zone")
	p.filter.OnChanged = func(string) { p.apply() }
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			c := widget.NewCheck("", nil)
			p.rows[c] = ""
			return c
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				p.bind(o.(*widget.Check), p.shown[id])
			}
		})
	all := widget.NewButton("All", func() { p.setShown(true) })
	none := widget.NewButton("None", func() { p.setShown(false) })
	top := container.NewVBox(p.filter, container.NewBorder(nil, nil, nil, container.NewHBox(all, none), p.count))
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	p.apply()
	return p
}

// bind makes c the check of member m.
func (p *memberPicker) bind(c *widget.Check, m roster.Member) {
	key := strings.ToLower(m.Name)
	p.rows[c] = m.Name
	c.OnChanged = nil
	c.Text = m.Name + "  (" + timezone.City(m.Zone) + ")"
	c.Checked = !p.t.excluded[key]
	c.Refresh()
	c.OnChanged = func(on bool) {
		p.t.excluded[key] = !on
		p.t.recompute()
		p.showCount()
	}
}

// apply shows the members matching the filter.
func (p *memberPicker) apply() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = p.shown[:0]
	for _, m := range p.t.members {
		if memberMatches(m, q) {
			p.shown = append(p.shown, m)
		}
	}
	p.showCount()
	for c := range p.rows {
		p.rows[c] = "" // bound again as the list shows them
	}
	p.list.Refresh()
}

// setShown ticks (or unticks) every member the filter shows, then works
// the overlap out once.
func (p *memberPicker) setShown(on bool) {
	for _, m := range p.shown {
		p.t.excluded[strings.ToLower(m.Name)] = !on
	}
	p.t.recompute()
	p.showCount()
	p.list.Refresh()
}

func (p *memberPicker) showCount() {
	in := 0
	for _, m := range p.t.members {
		if !p.t.excluded[strings.ToLower(m.Name)] {
			in++
		}
	}
	text := plural(in, "member", "members") + " in"
	if len(p.shown) != len(p.t.members) {
		text += " · " + plural(len(p.shown), "match", "matches")
	}
	p.count.SetText(text)
}

// check returns the row showing the member named name, if it is on screen.
func (p *memberPicker) check(name string) *widget.Check {
	for c, n := range p.rows {
		if n == name && c.Visible() {
			return c
		}
	}
	return nil
}
