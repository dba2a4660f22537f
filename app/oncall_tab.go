package app

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newOnCallTab builds the on-call rota and escalation tab.
func newOnCallTab(s *session) *container.TabItem {
	return comingTab("On-call", theme.WarningIcon(), "Who is on call now, who is next, and whom to call when they do not answer.")
}
