package app

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
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
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
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
	hint.Importance = widget.LowImportance
	p.content = container.NewBorder(hint, container.NewHBox(p.export, p.delete), nil, nil, p.list)
	return p
}

func (p *savedPanel) rowText(id int) string {
	if id >= len(p.series) {
		return ""
	}
	s := p.series[id]
	loc, err := timezone.LoadZone(s.Zone)
	if err != nil {
		loc = p.t.viewer
	}
	first := showTime(s.Occurrences[0].Start, loc, formDayTime)
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
		p.t.s.showError(err)
		return
	}
	p.series = all
	p.picked = -1
	p.list.UnselectAll()
	p.list.Refresh()
	p.export.Disable()
	p.delete.Disable()
}

// onDelete deletes the selected meeting after a confirmation; Undo on the
// bar saves it again.
func (p *savedPanel) onDelete() {
	s, ok := p.selected()
	if !ok {
		return
	}
	p.t.s.confirm("Delete "+s.Title+"?", "This removes the saved meeting. Calendars that imported it keep their copy.", "Delete", func() {
		if err := p.t.store.DeleteMeetingSeries(context.Background(), s.ID); err != nil {
			p.t.s.showError(err)
			return
		}
		p.t.s.sharedChanged()
		p.reload()
		p.t.s.undoable("Deleted the meeting "+s.Title, func() error {
			again := s
			again.ID = 0
			if _, err := p.t.store.SaveMeetingSeries(context.Background(), again); err != nil {
				return err
			}
			p.reload()
			return nil
		})
	})
}

// askExport asks for a file and writes the series to it.
func (t *overlapTab) askExport(s team.MeetingSeries) {
	t.s.saveFile(s.Title, ".ics", func(w io.Writer) error {
		return writeMeetingICS(w, s, t.store, t.s.now)
	})
}
