package app

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newLogTab builds the 1:1 and async update log tab.
func newLogTab(s *session) *container.TabItem {
	return comingTab("1:1s & updates", theme.DocumentIcon(), "1:1 notes, action items, decisions and async updates, searchable.")
}
