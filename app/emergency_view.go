package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/worklog"
)

// emergencyStore is what the Emergency view needs from storage besides the
// On-call tab's: the reviewed protocol, the chat webhooks, the log (where an
// alert is recorded) and who uses the database.
type emergencyStore interface {
	ProtocolState(ctx context.Context) (protocol.State, error)
	ProtocolVersions(ctx context.Context) ([]protocol.Version, error)
	MarkProtocolReviewed(ctx context.Context) (protocol.State, error)
	SaveProtocolSettings(ctx context.Context, s protocol.Settings) (protocol.Settings, error)
	Webhooks(ctx context.Context) ([]alert.Webhook, error)
	AddWebhook(ctx context.Context, h alert.Webhook) (alert.Webhook, error)
	RemoveWebhook(ctx context.Context, name string) error
	AddUpdate(ctx context.Context, u worklog.Update) (worklog.Update, error)
	Me(ctx context.Context) (string, error)
}

// emergencyView is On-call → Emergency: who to call now, level by level,
// with one-click call, email and copy buttons, the protocol and its review
// state, the critical links, and the Alert… and Emergency sheet… actions.
type emergencyView struct {
	t     *oncallTab
	store emergencyStore

	state protocol.State
	hooks []alert.Webhook

	body    *fyne.Container
	content *emergencyPane
	// banner is the On-call tab's warning line when a review is due.
	banner *widget.Label
	status *widget.Label

	alertB, sheetB, hooksB, reviewB, historyB, cadenceB, linksB *widget.Button

	// open opens tel:, mailto: and web links; tests replace it.
	open func(*url.URL) error
	// The dialogs last opened, for tests.
	lastAlert   *alertDialog
	lastLinks   *linksDialog
	lastHooks   *webhooksDialog
	lastHistory *historyDialog
}

// emergencyPane is the view's root, a type of its own so that Ctrl+E finds
// the view among the On-call tab's views.
type emergencyPane struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func (p *emergencyPane) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

func newEmergencyView(t *oncallTab, st emergencyStore) *emergencyView {
	v := &emergencyView{t: t, store: st, body: container.NewVBox(), status: widget.NewLabel("")}
	v.open = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }
	v.banner = widget.NewLabel("")
	v.banner.Importance = widget.DangerImportance
	v.banner.Wrapping = fyne.TextWrapWord
	v.banner.Hide()
	v.alertB = widget.NewButtonWithIcon("Alert…", theme.WarningIcon(), v.onAlert)
	v.alertB.Importance = widget.DangerImportance
	v.sheetB = widget.NewButtonWithIcon("Emergency sheet…", theme.DocumentPrintIcon(), v.onSheet)
	v.hooksB = widget.NewButtonWithIcon("Webhooks…", theme.SettingsIcon(), v.onWebhooks)
	v.reviewB = widget.NewButtonWithIcon("Mark reviewed", theme.ConfirmIcon(), v.onMarkReviewed)
	v.historyB = widget.NewButtonWithIcon("History…", theme.HistoryIcon(), v.onHistory)
	v.cadenceB = widget.NewButton("Review every…", v.onCadence)
	v.linksB = widget.NewButtonWithIcon("Edit links…", theme.DocumentCreateIcon(), v.onLinks)
	v.content = &emergencyPane{content: container.NewVScroll(container.NewPadded(v.body))}
	v.content.ExtendBaseWidget(v.content)
	t.s.listenTeam(v.loadState)
	v.loadState()
	return v
}

// loadState reads the protocol's review state and the webhooks, and shows
// or hides the review warning.
func (v *emergencyView) loadState() {
	ctx := context.Background()
	st, err := v.store.ProtocolState(ctx)
	if err == nil {
		v.state = st
		v.hooks, err = v.store.Webhooks(ctx)
	}
	if err != nil {
		v.t.s.showError(err)
	}
	now := v.t.s.now()
	if v.state.Overdue(now) {
		v.banner.SetText(fmt.Sprintf("⚠ The emergency protocol is due for review (since %s): open Emergency (Ctrl+E) and mark it reviewed.",
			showTime(v.state.ReviewDue(now), v.t.s.viewer, formDate)))
		v.banner.Show()
	} else {
		v.banner.Hide()
	}
}

// withReviewBanner puts the review warning line above the On-call tab's views.
func withReviewBanner(t *oncallTab) fyne.CanvasObject {
	return container.NewBorder(container.NewPadded(t.emergency.banner), nil, nil, nil, t.views)
}

// team is the On-call tab's team as one value.
func (t *oncallTab) team() team.Team {
	return team.Team{Members: t.members, Rotations: t.rotations, Policy: t.policy}
}

func (v *emergencyView) refresh() {
	v.loadState()
	s := v.t.s
	now := s.now()
	head := container.NewBorder(nil, nil, nil, container.NewHBox(v.alertB, v.sheetB, v.hooksB),
		heading("Emergency  ·  "+showTime(now, s.viewer, formDayTime)))
	objs := []fyne.CanvasObject{head}
	if v.state.Overdue(now) {
		l := widget.NewLabel("The protocol is due for review: read it below with the team, fix what changed, then Mark reviewed.")
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	objs = append(objs, heading("Who to call now"), v.whoToCall(now), widget.NewSeparator(),
		heading("Emergency protocol"), v.protocolBlock(now), widget.NewSeparator(),
		heading("Critical links"), v.linksBlock())
	v.body.Objects = objs
	v.body.Refresh()
}

// whoToCall lists the escalation chain as it resolves now, each person with
// their local time, whether they are in hours and likely awake, how soon
// they answer, and contact buttons, the preferred channel first.
func (v *emergencyView) whoToCall(now time.Time) fyne.CanvasObject {
	t := v.t
	box := container.NewVBox()
	if len(t.policy.Levels) == 0 {
		box.Add(widget.NewLabel("No escalation policy yet: set one under Escalation, or alert people by name with Alert…."))
		return box
	}
	aud, err := alert.Resolve(t.team(), alert.To{Kind: alert.ToChain}, now)
	if err != nil {
		l := widget.NewLabel(err.Error())
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for i, l := range t.policy.Levels {
		level := i + 1
		when := "at once"
		if l.AfterMinutes > 0 {
			when = fmt.Sprintf("after %d min without an answer", l.AfterMinutes)
		}
		box.Add(bold(fmt.Sprintf("Level %d  ·  %s", level, when)))
		n := 0
		for _, r := range aud.Recipients {
			if r.Level == level {
				box.Add(v.person(r))
				n++
			}
		}
		for _, u := range aud.Unresolved {
			if strings.HasPrefix(u, fmt.Sprintf("level %d: ", level)) {
				w := widget.NewLabel("    " + strings.TrimPrefix(u, fmt.Sprintf("level %d: ", level)) + ": nobody on call now")
				w.Importance = widget.WarningImportance
				box.Add(w)
			}
		}
		if n == 0 && len(aud.Unresolved) == 0 {
			box.Add(widget.NewLabel("    (everyone at this level is paged at an earlier level)"))
		}
	}
	if t.policy.Repeat > 0 {
		box.Add(widget.NewLabel("Nobody answers? Run the chain again, up to " + times(t.policy.Repeat) + " more."))
	}
	return box
}

// person is one recipient's block.
func (v *emergencyView) person(r alert.Recipient) fyne.CanvasObject {
	m, _ := v.t.member(r.Name)
	title := r.Name
	if r.Role != "" {
		title += "  ·  " + r.Role
	}
	var via []string
	for _, x := range r.Via {
		if name, ok := strings.CutPrefix(x, "rotation:"); ok {
			via = append(via, "on call in "+name)
		}
	}
	if len(via) > 0 {
		title += "  ·  " + strings.Join(via, ", ")
	}
	when := axisLabel(r.Local, r.Local.Location(), formDayClock) + " " + utcOffset(r.Local) + " their time"
	color := theme.ColorNameForeground
	switch {
	case r.InHours:
		when += "  ·  working hours"
		color = theme.ColorNameSuccess
	case r.Wake == alert.Asleep:
		when += "  ·  outside working hours  ·  likely asleep"
		color = theme.ColorNameWarning
	default:
		when += "  ·  outside working hours  ·  likely awake"
	}
	if r.Away {
		when += "  ·  ON TIME OFF"
		color = theme.ColorNameError
	}
	status := widget.NewRichText(
		&widget.TextSegment{Text: when, Style: widget.RichTextStyle{Inline: true, ColorName: color, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "  ·  answers: " + r.Response, Style: widget.RichTextStyleInline},
	)
	status.Wrapping = fyne.TextWrapWord
	name := bold(title)
	name.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, nil, container.NewHBox(v.contactButtons(m)...), name)
	info := container.New(layout.NewCustomPaddedVBoxLayout(0), head, status)
	return container.NewBorder(nil, nil, widget.NewLabel(" "), nil, info)
}

// contactButtons are a member's call, email and copy buttons, the channel
// to try first leading and highlighted.
func (v *emergencyView) contactButtons(m roster.Member) []fyne.CanvasObject {
	first, _, ok := m.Urgent()
	if !ok {
		l := widget.NewLabel("No phone, email or chat handle on record.")
		l.Importance = widget.DangerImportance
		return []fyne.CanvasObject{l}
	}
	order := []roster.Channel{first}
	for _, c := range []roster.Channel{roster.Phone, roster.Chat, roster.Email} {
		if c != first {
			order = append(order, c)
		}
	}
	var out []fyne.CanvasObject
	for _, c := range order {
		value := m.Contact(c)
		if value == "" {
			continue
		}
		var b *widget.Button
		switch c {
		case roster.Phone:
			b = widget.NewButton("Call "+value, func() { v.openTel(value) })
		case roster.Email:
			b = widget.NewButtonWithIcon("Email "+value, theme.MailComposeIcon(), func() {
				v.openLink(alert.MailtoURL([]string{value}, "Emergency", ""))
			})
		case roster.Chat:
			b = widget.NewButtonWithIcon("Copy "+value, theme.ContentCopyIcon(), func() { v.copy(value) })
		}
		if c == first {
			b.Importance = widget.HighImportance
		}
		out = append(out, b)
		if c != roster.Chat {
			out = append(out, widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { v.copy(value) }))
		}
	}
	return out
}

func (v *emergencyView) openTel(phone string) {
	tel, err := alert.TelURL(phone)
	if err != nil {
		v.copy(phone)
		v.t.s.info("Number copied", fmt.Sprintf("%v.\nThe number is on the clipboard: dial it by hand.", err))
		return
	}
	v.openLink(tel)
}

// openLink opens a URL with the desktop; when that fails it is copied.
func (v *emergencyView) openLink(raw string) {
	u, err := url.Parse(raw)
	if err == nil {
		err = v.open(u)
	}
	if err != nil {
		v.copy(raw)
		v.t.s.info("Copied instead", "The desktop could not open it ("+err.Error()+"); it is on the clipboard.")
	}
}

func (v *emergencyView) copy(s string) { fyne.CurrentApp().Clipboard().SetContent(s) }

// protocolBlock is the protocol text and its review state with actions.
func (v *emergencyView) protocolBlock(now time.Time) fyne.CanvasObject {
	text := strings.TrimSpace(v.t.policy.Protocol)
	if text == "" {
		text = "No protocol written yet: write one under Escalation (channels, who decides, runbook link)."
	}
	p := widget.NewLabel(text)
	p.Wrapping = fyne.TextWrapWord
	st := widget.NewLabel(v.state.Status(now, v.t.s.viewer))
	st.Wrapping = fyne.TextWrapWord
	if v.state.Overdue(now) {
		st.Importance = widget.DangerImportance
	}
	if strings.TrimSpace(v.state.Current.Text) == "" {
		v.reviewB.Disable()
	} else {
		v.reviewB.Enable()
	}
	v.cadenceB.SetText(cadenceText(v.state.EveryDays) + "…")
	return container.NewVBox(p, st, container.NewHBox(v.reviewB, v.historyB, v.cadenceB, v.status, layout.NewSpacer()))
}

func cadenceText(days int) string {
	if days == 0 {
		return "No review cadence"
	}
	return fmt.Sprintf("Review every %d days", days)
}

// linksBlock lists the critical links: web links open, vault paths copy.
func (v *emergencyView) linksBlock() fyne.CanvasObject {
	box := container.NewVBox()
	if len(v.state.Links) == 0 {
		box.Add(widget.NewLabel("No critical links yet: add the runbook, the status page and where credentials are kept (a vault path, never the secret)."))
	}
	for _, l := range v.state.Links {
		target := l.Target
		copyB := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { v.copy(target) })
		var title fyne.CanvasObject = bold(l.Title)
		if raw := protocol.LinkURL(target); raw != "" {
			u, _ := url.Parse(raw)
			h := widget.NewHyperlink(l.Title, u)
			h.OnTapped = func() { v.openLink(raw) }
			title = h
		}
		tl := widget.NewLabel(target)
		tl.Truncation = fyne.TextTruncateEllipsis
		tl.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, title, copyB, tl))
	}
	box.Add(container.NewHBox(v.linksB))
	for _, o := range box.Objects {
		if l, ok := o.(*widget.Label); ok {
			l.Wrapping = fyne.TextWrapWord
		}
	}
	return box
}

func (v *emergencyView) onMarkReviewed() {
	st, err := v.store.MarkProtocolReviewed(context.Background())
	if err != nil {
		v.t.s.showError(err)
		return
	}
	v.state = st
	by := st.LastReview.By
	if by == "" {
		by = "nobody in particular (say who you are with: remotecto me NAME)"
	}
	v.refresh()
	v.status.SetText("Marked reviewed by " + by + ".")
}

func (v *emergencyView) onCadence() {
	e := widget.NewEntry()
	e.SetText(fmt.Sprint(v.state.EveryDays))
	errL := errorLabel()
	form := container.NewVBox(widget.NewLabel("Review the protocol every this many days (0: no reviews):"), e, errL)
	d := dialog.NewCustomConfirm("Review cadence", "Save", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		var days int
		if _, err := fmt.Sscan(strings.TrimSpace(e.Text), &days); err != nil {
			v.t.s.showError(fmt.Errorf("review every %q days: %w", e.Text, protocol.ErrBadCadence))
			return
		}
		s := v.state.Settings
		s.EveryDays = days
		if _, err := v.store.SaveProtocolSettings(context.Background(), s); err != nil {
			v.t.s.showError(err)
			return
		}
		v.refresh()
	}, v.t.s.win)
	d.Resize(v.t.s.dialogSize(420, 200))
	v.t.s.show(d, nil)
}

// showEmergency selects On-call → Emergency in the main window's tabs,
// building the On-call tab if it was never shown.
func showEmergency(tabs *container.AppTabs) {
	for _, item := range tabs.Items {
		lazy, ok := item.Content.(*lazyTab)
		if !ok {
			continue
		}
		views := findTabs(lazy.built())
		if views == nil {
			continue
		}
		for _, sub := range views.Items {
			if _, ok := sub.Content.(*emergencyPane); ok {
				tabs.Select(item)
				views.Select(sub)
				return
			}
		}
	}
}

// built returns the tab's content, building it now if it was never shown.
func (l *lazyTab) built() fyne.CanvasObject {
	if l.content == nil {
		l.content = l.build()
	}
	return l.content
}

// findTabs returns the first AppTabs in o, looking through containers.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	switch x := o.(type) {
	case *container.AppTabs:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if t := findTabs(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// emergencyShortcut is Ctrl+E (⌘E on macOS).
var emergencyShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}

// registerEmergencyShortcut makes Ctrl+E open On-call → Emergency from any tab.
func registerEmergencyShortcut(s *session, tabs *container.AppTabs) {
	s.win.Canvas().AddShortcut(emergencyShortcut, func(fyne.Shortcut) { showEmergency(tabs) })
}
