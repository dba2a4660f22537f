package app

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newOverlapTab builds the time-zone overlap planner tab.
func newOverlapTab(s *session) *container.TabItem {
	return comingTab("Overlap", theme.GridIcon(), "Find the hours when the team can meet, suggest slots and rotate the early and late burden fairly.")
}
