package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/protocol"
)

// historyDialog lists the protocol's saved versions, newest first: who saved
// each and when; selecting one shows its text.
type historyDialog struct {
	versions []protocol.Version
	list     *widget.List
	text     *widget.Label
	dlg      dialog.Dialog
}

func (v *emergencyView) onHistory() {
	vs, err := v.store.ProtocolVersions(context.Background())
	if err != nil {
		v.t.s.showError(err)
		return
	}
	h := &historyDialog{versions: vs, text: widget.NewLabel("")}
	h.text.Wrapping = fyne.TextWrapWord
	viewer := v.t.s.viewer
	h.list = widget.NewList(func() int { return len(h.versions) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Mon 2 Jan 2006 15:04 MST · someone with a long name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(versionTitle(h.versions[i], viewer))
		})
	h.list.OnSelected = func(i widget.ListItemID) {
		text := h.versions[i].Text
		if text == "" {
			text = "(the protocol was emptied)"
		}
		h.text.SetText(text)
	}
	var content fyne.CanvasObject
	if len(vs) == 0 {
		content = widget.NewLabel("No version saved yet: the protocol is written under Escalation.")
	} else {
		split := container.NewHSplit(h.list, container.NewVScroll(h.text))
		split.Offset = 0.4
		content = split
		h.list.Select(0)
	}
	h.dlg = dialog.NewCustom(fmt.Sprintf("Protocol history (%d versions)", len(vs)), "Close", content, v.t.s.win)
	h.dlg.Resize(v.t.s.dialogSize(860, 520))
	v.lastHistory = h
	v.t.s.show(h.dlg, h.dlg.Hide)
}

// versionTitle reads "Tue 2 Jun 2026 09:00 CEST · Bo" in the viewer's zone.
func versionTitle(ver protocol.Version, viewer *time.Location) string {
	by := ver.Author
	if by == "" {
		by = "(who: not set)"
	}
	return showTime(ver.At, viewer, formFull) + " · " + by
}

// linksDialog edits the critical links: a title and a URL or vault path per
// row. Nothing is saved while a row is wrong; a link that holds a secret is
// refused with the reason beside it.
type linksDialog struct {
	v       *emergencyView
	rows    []*linkRow
	list    *fyne.Container
	err     *widget.Label
	saveB   *widget.Button
	addB    *widget.Button
	dlg     dialog.Dialog
	content fyne.CanvasObject
}

type linkRow struct {
	title, target *widget.Entry
}

func (v *emergencyView) onLinks() {
	d := &linksDialog{v: v, list: container.NewVBox(), err: errorLabel()}
	for _, l := range v.state.Links {
		d.addRow(l)
	}
	if len(d.rows) == 0 {
		d.addRow(protocol.Link{})
	}
	d.addB = widget.NewButtonWithIcon("Add link", theme.ContentAddIcon(), func() { d.addRow(protocol.Link{}); d.draw() })
	d.saveB = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), d.onSave)
	d.saveB.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.dlg.Hide() })
	help := widget.NewLabel("A link is a URL (runbook, status page, dashboards) or a vault path (op://Ops/AWS root, " +
		"vault: secret/prod/db). Never the secret itself: links are printed on the emergency sheet.")
	help.Wrapping = fyne.TextWrapWord
	d.draw()
	d.content = container.NewBorder(help, container.NewVBox(d.err, container.NewHBox(d.addB, layout.NewSpacer(), cancel, d.saveB)),
		nil, nil, container.NewVScroll(d.list))
	d.dlg = dialog.NewCustomWithoutButtons("Critical links", d.content, v.t.s.win)
	d.dlg.Resize(v.t.s.dialogSize(860, 480))
	v.lastLinks = d
	v.t.s.show(d.dlg, nil)
}

func (d *linksDialog) addRow(l protocol.Link) {
	r := &linkRow{title: widget.NewEntry(), target: widget.NewEntry()}
	r.title.SetPlaceHolder("Runbook")
	r.title.SetText(l.Title)
	r.target.SetPlaceHolder("https://… or a vault path")
	r.target.SetText(l.Target)
	d.rows = append(d.rows, r)
}

func (d *linksDialog) draw() {
	d.list.Objects = nil
	for i, r := range d.rows {
		up, down, del := reorderButtons(&d.rows, i, true, d.draw)
		title := container.NewGridWrap(fyne.NewSize(200, r.title.MinSize().Height), r.title)
		d.list.Add(container.NewBorder(nil, nil, title, container.NewHBox(up, down, del), r.target))
	}
	d.list.Refresh()
}

// links reads the rows, leaving out those left empty.
func (d *linksDialog) links() []protocol.Link {
	var out []protocol.Link
	for _, r := range d.rows {
		if strings.TrimSpace(r.title.Text) == "" && strings.TrimSpace(r.target.Text) == "" {
			continue
		}
		out = append(out, protocol.Link{Title: r.title.Text, Target: r.target.Text})
	}
	return out
}

func (d *linksDialog) onSave() {
	s := d.v.state.Settings
	s.Links = d.links()
	if _, err := d.v.store.SaveProtocolSettings(context.Background(), s); err != nil {
		setError(d.err, err)
		d.content.Refresh()
		return
	}
	d.dlg.Hide()
	d.v.refresh()
}
