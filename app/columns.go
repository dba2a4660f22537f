package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// columnsLayout lays its objects out in one row, each taking a share of the
// width proportional to its weight, all at full height. Rows of a list that
// use the same weights line up as a table.
type columnsLayout struct{ weights []float32 }

// newColumns returns a row container whose cells get the given weights.
func newColumns(weights []float32, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{weights: weights}, cells...)
}

func (l *columnsLayout) total() float32 {
	var sum float32
	for _, w := range l.weights {
		sum += w
	}
	return sum
}

// Layout places the cells left to right.
func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x, total := float32(0), l.total()
	for i, o := range objs {
		if i >= len(l.weights) {
			o.Resize(fyne.NewSize(0, 0))
			continue
		}
		w := size.Width * l.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// MinSize is the tallest cell's height and the sum of the cells' widths.
func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var width, height float32
	for i, o := range objs {
		if i >= len(l.weights) {
			continue
		}
		m := o.MinSize()
		width += m.Width
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
