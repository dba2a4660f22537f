package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// columnsLayout lays its objects out in one row, each taking a share of the
// width proportional to its weight, all at full height. Rows of a list that
// use the same layout settings line up as a table. A column may be dropped
// (given no width) when the row is narrower than its dropBelow, so that a
// narrow window keeps the columns that matter readable.
type columnsLayout struct {
	weights   []float32
	dropBelow []float32 // per column; 0 keeps it always
}

// newColumns returns a row container whose cells get the given weights.
func newColumns(weights []float32, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{weights: weights}, cells...)
}

// newDroppingColumns is newColumns whose column i is left out while the row
// is narrower than dropBelow[i] (0: never).
func newDroppingColumns(weights, dropBelow []float32, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{weights: weights, dropBelow: dropBelow}, cells...)
}

// shown reports whether column i is laid out at row width w.
func (l *columnsLayout) shown(i int, w float32) bool {
	return i >= len(l.dropBelow) || l.dropBelow[i] == 0 || w >= l.dropBelow[i]
}

// Layout places the cells left to right.
func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i, w := range l.weights {
		if l.shown(i, size.Width) {
			total += w
		}
	}
	x := float32(0)
	for i, o := range objs {
		if i >= len(l.weights) || !l.shown(i, size.Width) || total == 0 {
			if l.dropBelow != nil && o.Visible() {
				o.Hide()
			}
			continue
		}
		if l.dropBelow != nil && !o.Visible() {
			o.Show()
		}
		w := size.Width * l.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// MinSize is the tallest cell's height and the sum of the widths of the
// cells that are never dropped.
func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var width, height float32
	for i, o := range objs {
		if i >= len(l.weights) {
			continue
		}
		m := o.MinSize()
		if i >= len(l.dropBelow) || l.dropBelow[i] == 0 {
			width += m.Width
		}
		height = max(height, m.Height)
	}
	return fyne.NewSize(width, height)
}

// twoLineRow is a list row template: a bold heading over a second line, both
// cut with an ellipsis when the row is narrower than the text. sample sizes
// the heading; second is a *widget.Label or a *widget.RichText.
func twoLineRow(sample string, second fyne.CanvasObject) fyne.CanvasObject {
	head := boldLabel(sample)
	head.Truncation = fyne.TextTruncateEllipsis
	switch w := second.(type) {
	case *widget.Label:
		w.Truncation = fyne.TextTruncateEllipsis
	case *widget.RichText:
		w.Truncation = fyne.TextTruncateEllipsis
	}
	return container.NewVBox(head, second)
}

// spacer is empty room of a fixed width.
func spacer(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 1))
	return r
}
