package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/roster"
)

// noPreference is the urgent-channel choice of a member who states none
// (then the phone comes first, then chat, then email).
const noPreference = "No preference"

// newUrgentSelect chooses how a member prefers to be reached about
// something urgent; changed runs on every choice.
func newUrgentSelect(c roster.Channel, changed func()) *widget.Select {
	opts := []string{noPreference}
	for _, ch := range roster.Channels {
		opts = append(opts, channelTitle(ch))
	}
	s := widget.NewSelect(opts, nil)
	if c == "" {
		s.SetSelected(noPreference)
	} else {
		s.SetSelected(channelTitle(c))
	}
	s.OnChanged = func(string) { changed() }
	return s
}

// urgentChannel reads the choice back.
func urgentChannel(s *widget.Select) roster.Channel {
	for _, ch := range roster.Channels {
		if s.Selected == channelTitle(ch) {
			return ch
		}
	}
	return ""
}

// channelTitle is "Phone", "Email" or "Chat".
func channelTitle(c roster.Channel) string {
	if c == "" {
		return ""
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// urgentText describes a member's urgent preference for the Team tab:
// "Phone (+351 …)" or "No preference: phone first (+351 …)".
func urgentText(m roster.Member) string {
	c, contact, ok := m.Urgent()
	switch {
	case !ok:
		return "No contact to reach them by"
	case m.UrgentChannel == "":
		return "No preference: " + string(c) + " first (" + contact + ")"
	}
	return channelTitle(c) + " (" + contact + ")"
}

// wrapped is a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
