package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/worklog"
)

var actionColumns = []float32{0.6, 6, 2, 2.6, 2}

// actionsView lists the open action items across the team, overdue first;
// ticking one marks it done.
type actionsView struct {
	t       *logTab
	items   []worklog.ActionItem
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject
}

func newActionsView(t *logTab) *actionsView {
	v := &actionsView{t: t}
	v.list = widget.NewList(func() int { return len(v.items) }, newActionRow, v.updateRow)
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	head := newColumns(actionColumns, widget.NewLabel(""), boldLabel("Action item"), boldLabel("Owner"), boldLabel("Due"), boldLabel("1:1 with"))
	v.content = container.NewBorder(container.NewVBox(v.count, head), nil, nil, nil, v.list)
	return v
}

func (v *actionsView) reload() {
	items, err := v.t.store.OpenActions(context.Background(), "")
	if err != nil {
		v.t.showError(err)
		return
	}
	v.apply(items)
}

// apply shows the open action items, the most pressing first.
func (v *actionsView) apply(items []worklog.ActionItem) {
	v.items = worklog.SortActions(items, v.t.zoneOf, v.t.s.now())
	over := 0
	for _, a := range v.items {
		if a.Overdue(v.t.zoneOf(a.Member), v.t.s.now()) {
			over++
		}
	}
	v.count.SetText(fmt.Sprintf("%s, %d overdue. Tick one when it is done.", plural(len(v.items), "open action item", "open action items"), over))
	v.list.Refresh()
}

func newActionRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	text := widget.NewLabel("text")
	text.Truncation = fyne.TextTruncateEllipsis
	owner := widget.NewLabel("owner")
	owner.Truncation = fyne.TextTruncateEllipsis
	due := widget.NewLabel("2026-01-01 overdue")
	due.Truncation = fyne.TextTruncateEllipsis
	member := widget.NewLabel("member")
	member.Truncation = fyne.TextTruncateEllipsis
	return newColumns(actionColumns, check, text, owner, due, member)
}

func (v *actionsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.items) {
		return
	}
	a := v.items[id]
	cells := o.(*fyne.Container).Objects
	check := cells[0].(*widget.Check)
	check.OnChanged = nil // a recycled row must not fire for its old item
	check.SetChecked(a.Done)
	check.OnChanged = func(done bool) { v.onDone(a, done) }
	cells[1].(*widget.Label).SetText(oneLine(a.Text))
	cells[2].(*widget.Label).SetText(a.Owner)
	due := cells[3].(*widget.Label)
	switch {
	case a.Due.IsZero():
		due.Importance = widget.LowImportance
		due.SetText("no due date")
	case a.Overdue(v.t.zoneOf(a.Member), v.t.s.now()):
		due.Importance = widget.WarningImportance
		due.SetText(a.Due.String() + " overdue")
	default:
		due.Importance = widget.MediumImportance
		due.SetText(a.Due.String())
	}
	cells[4].(*widget.Label).SetText(a.Member)
}

func (v *actionsView) onDone(a worklog.ActionItem, done bool) {
	if err := v.t.store.SetActionDone(context.Background(), a.ID, done); err != nil {
		v.t.showError(err)
		return
	}
	v.t.changed()
}
