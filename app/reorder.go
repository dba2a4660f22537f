package app

import (
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// reorderButtons returns the up, down and remove buttons of row i of an
// ordered list of n rows (rotation members, escalation levels). up and down
// are disabled at the ends; changed runs after every move or removal.
func reorderButtons[T any](items *[]T, i int, removeIcon bool, changed func()) (up, down, remove *widget.Button) {
	move := func(dir int) {
		j := i + dir
		if j < 0 || j >= len(*items) {
			return
		}
		(*items)[i], (*items)[j] = (*items)[j], (*items)[i]
		changed()
	}
	up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { move(-1) })
	down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { move(1) })
	icon := theme.DeleteIcon()
	if removeIcon {
		icon = theme.ContentRemoveIcon()
	}
	remove = widget.NewButtonWithIcon("", icon, func() {
		*items = append((*items)[:i], (*items)[i+1:]...)
		changed()
	})
	if i == 0 {
		up.Disable()
	}
	if i == len(*items)-1 {
		down.Disable()
	}
	return up, down, remove
}
