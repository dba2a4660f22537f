package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// comingTab is the placeholder of a capability not built yet.
func comingTab(title string, icon fyne.Resource, what string) *container.TabItem {
	msg := widget.NewLabel(what)
	msg.Wrapping = fyne.TextWrapWord
	msg.Alignment = fyne.TextAlignCenter
	head := widget.NewLabelWithStyle(title+" is coming", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewTabItemWithIcon(title, icon, container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 120),
		container.NewVBox(head, msg))))
}
