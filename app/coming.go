package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

func newOverlapTab(s *session) *container.TabItem {
	return comingTab("Overlap", theme.GridIcon(), "Find the hours when the team can meet, suggest slots and rotate the early and late burden fairly.")
}

func newOnCallTab(s *session) *container.TabItem {
	return comingTab("On-call", theme.WarningIcon(), "Who is on call now, who is next, and whom to call when they do not answer.")
}

func newLogTab(s *session) *container.TabItem {
	return comingTab("1:1s & updates", theme.DocumentIcon(), "1:1 notes, action items, decisions and async updates, searchable.")
}
