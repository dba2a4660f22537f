package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
)

// nowCards shows one card per rotation (who is on call, until when, their
// contacts) in a virtualised grid: only the cards on screen are built, so
// 100 rotations cost what a handful do, at the tab's first opening and at
// every 30-second refresh.
type nowCards struct {
	v        *oncallNowView
	statuses []oncall.Status
	grid     *widget.GridWrap
	cell     fyne.Size // the size of every cell: the largest card seen
}

func newNowCards(v *oncallNowView) *nowCards {
	c := &nowCards{v: v, cell: fyne.NewSize(300, 120)}
	c.grid = widget.NewGridWrap(func() int { return len(c.statuses) },
		func() fyne.CanvasObject {
			size := canvas.NewRectangle(color.Transparent)
			size.SetMinSize(c.cell)
			return container.NewStack(size, container.NewStack())
		},
		func(id widget.GridWrapItemID, o fyne.CanvasObject) {
			if id >= len(c.statuses) {
				return
			}
			holder := o.(*fyne.Container).Objects[1].(*fyne.Container)
			holder.Objects = []fyne.CanvasObject{c.v.rotationCard(c.statuses[id])}
			holder.Refresh()
		})
	return c
}

// set shows these statuses. Every cell has the size of the largest of the
// first three cards (the grid measures its template, which carries the size).
func (c *nowCards) set(statuses []oncall.Status) {
	c.statuses = statuses
	cell := fyne.NewSize(300, 0)
	for _, st := range statuses[:min(len(statuses), 3)] {
		cell = cell.Max(c.v.rotationCard(st).MinSize())
	}
	c.cell = cell
	c.grid.Refresh()
}
