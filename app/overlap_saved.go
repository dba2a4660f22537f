package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/team"
)

// savedPanel lists the saved meetings and series, to export or delete them.
type savedPanel struct {
	t       *overlapTab
	series  []team.MeetingSeries
	picked  int
	list    *widget.List
	export  *widget.Button
	delete  *widget.Button
	content fyne.CanvasObject
}

func newSavedPanel(t *overlapTab) *savedPanel {
	p := &savedPanel{t: t, picked: -1}
	p.list = widget.NewList(func() int { return len(p.series) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rowText(id)) })
	p.list.OnSelected = func(id widget.ListItemID) { p.picked = id; p.export.Enable(); p.delete.Enable() }
	p.export = widget.NewButtonWithIcon("Export .ics…", theme.MailSendIcon(), func() {
		if s, ok := p.selected(); ok {
			p.t.askExport(s)
		}
	})
	p.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.onDelete)
	p.export.Disable()
	p.delete.Disable()
	hint := widget.NewLabel("Meetings saved from Suggest and Rotation; the command export ics --all writes them too.")
	hint.Wrapping = fyne.TextWrapWord
	p.content = container.NewBorder(hint, container.NewHBox(p.export, p.delete), nil, nil, p.list)
	return p
}

func (p *savedPanel) rowText(id int) string {
	if id >= len(p.series) {
		return ""
	}
	s := p.series[id]
	first := s.Occurrences[0].Start.In(p.t.viewer).Format("Mon 2 Jan 15:04")
	if len(s.Occurrences) == 1 {
		return fmt.Sprintf("%s · %s", s.Title, first)
	}
	return fmt.Sprintf("%s · %d meetings from %s", s.Title, len(s.Occurrences), first)
}

func (p *savedPanel) selected() (team.MeetingSeries, bool) {
	if p.picked < 0 || p.picked >= len(p.series) {
		return team.MeetingSeries{}, false
	}
	return p.series[p.picked], true
}

// reload reads the saved series again.
func (p *savedPanel) reload() {
	all, err := p.t.store.MeetingSeries(context.Background())
	if err != nil {
		dialog.ShowError(err, p.t.s.win)
		return
	}
	p.series = all
	p.picked = -1
	p.list.UnselectAll()
	p.list.Refresh()
	p.export.Disable()
	p.delete.Disable()
}

func (p *savedPanel) onDelete() {
	s, ok := p.selected()
	if !ok {
		return
	}
	dialog.ShowConfirm("Delete "+s.Title+"?", "This removes the saved meeting. Calendars that imported it keep their copy.", func(yes bool) {
		if !yes {
			return
		}
		if err := p.t.store.DeleteMeetingSeries(context.Background(), s.ID); err != nil {
			dialog.ShowError(err, p.t.s.win)
		}
		p.t.s.sharedChanged()
		p.reload()
	}, p.t.s.win)
}

// askExport asks for a file and writes the series to it.
func (t *overlapTab) askExport(s team.MeetingSeries) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, t.s.win)
			return
		}
		if w == nil {
			return
		}
		defer w.Close()
		if err := writeMeetingICS(w, s, t.store, t.s.now); err != nil {
			dialog.ShowError(fmt.Errorf("export %s: %w", w.URI().Name(), err), t.s.win)
		}
	}, t.s.win)
	d.SetFileName(icsFileName(s.Title) + ".ics")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".ics"}))
	d.Show()
}
