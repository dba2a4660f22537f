package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/alert"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/worklog"
)

// Who an alert goes to, as the dialog offers it.
const (
	whoChain    = "Escalation chain now"
	whoRotation = "On call in a rotation"
	whoAll      = "Everyone"
	whoPicked   = "Hand-picked"
)

// alertDialog raises an emergency alert: who (the chain now, a rotation,
// everyone, or people picked one by one), the message, who raises it, and
// the channels (an email draft, phone links, each configured webhook). A
// dry-run preview shows what would happen; Send asks to confirm, posts to
// the webhooks off the UI thread, opens the email draft, records the alert
// in the log as a blocker and shows what worked.
type alertDialog struct {
	v     *emergencyView
	team  team.Team
	hooks []alert.Webhook

	who          *widget.RadioGroup
	rotation     *widget.Select
	picks        *widget.CheckGroup
	picksBox     *container.Scroll
	text         *widget.Entry
	from         *widget.Select
	email, phone *widget.Check
	hookChecks   []*widget.Check
	preview      *widget.Label
	previewHead  *widget.Label
	progress     *widget.ProgressBarInfinite
	result       *widget.Label

	previewB, sendB, cancelB *widget.Button
	dlg                      dialog.Dialog
	confirm                  *dialog.ConfirmDialog

	// sender posts the messages; tests shorten its retries.
	sender alert.Sender
	// done is closed when a send has finished and its result is shown.
	done chan struct{}
	// record and logID are the outcome of the send.
	record alert.Record
	logID  int64
}

func (v *emergencyView) onAlert() {
	me, err := v.store.Me(context.Background())
	if err != nil {
		v.t.s.showError(err)
		return
	}
	v.loadState()
	d := newAlertDialog(v, me)
	v.lastAlert = d
	d.show()
}

func newAlertDialog(v *emergencyView, me string) *alertDialog {
	d := &alertDialog{v: v, team: v.t.team(), hooks: v.hooks, done: make(chan struct{})}
	d.who = widget.NewRadioGroup([]string{whoChain, whoRotation, whoAll, whoPicked}, func(string) { d.onWho() })
	d.rotation = widget.NewSelect(v.t.rotationNames(), func(string) { d.onPreview() })
	d.rotation.PlaceHolder = "Choose a rotation"
	if len(d.rotation.Options) > 0 {
		d.rotation.SetSelectedIndex(0)
	}
	d.picks = widget.NewCheckGroup(v.t.memberNames(), func([]string) { d.onPreview() })
	d.text = widget.NewMultiLineEntry()
	d.text.SetPlaceHolder("What is happening, what you need, where to join (#incident, a call link)…")
	d.text.Wrapping = fyne.TextWrapWord
	d.text.SetMinRowsVisible(3)
	d.text.OnChanged = func(string) { d.onPreview() }
	d.from = widget.NewSelect(v.t.memberNames(), func(string) {})
	d.from.PlaceHolder = "Who raises it"
	if me != "" {
		d.from.SetSelected(me)
	}
	d.email = widget.NewCheck("Email draft (opens in your mail client)", func(bool) { d.onPreview() })
	d.phone = widget.NewCheck("Phone numbers to call", func(bool) { d.onPreview() })
	d.email.SetChecked(true)
	d.phone.SetChecked(true)
	for _, h := range d.hooks {
		c := widget.NewCheck(h.Service.Title()+" "+h.Name+"  ("+h.Redacted()+")", func(bool) { d.onPreview() })
		c.SetChecked(true)
		d.hookChecks = append(d.hookChecks, c)
	}
	d.preview = widget.NewLabel("")
	d.preview.Wrapping = fyne.TextWrapWord
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Stop()
	d.progress.Hide()
	d.result = widget.NewLabel("")
	d.result.Wrapping = fyne.TextWrapWord
	d.result.Hide()
	d.previewB = widget.NewButtonWithIcon("Preview", theme.VisibilityIcon(), d.onPreview)
	d.sendB = widget.NewButtonWithIcon("Send…", theme.MailSendIcon(), d.onSend)
	d.sendB.Importance = widget.DangerImportance
	d.cancelB = widget.NewButton("Cancel", func() { d.dlg.Hide() })
	d.who.SetSelected(whoChain)
	return d
}

func (d *alertDialog) show() {
	hooks := container.NewVBox()
	for _, c := range d.hookChecks {
		hooks.Add(c)
	}
	if len(d.hookChecks) == 0 {
		none := widget.NewLabel("No chat webhook configured (Webhooks…): the app posts nothing by itself.")
		none.Wrapping = fyne.TextWrapWord
		none.Importance = widget.WarningImportance
		hooks.Add(none)
	}
	d.picksBox = container.NewVScroll(d.picks)
	d.picksBox.SetMinSize(fyne.NewSize(0, 180))
	d.onWho()
	left := container.NewVBox(
		bold("Who"), d.who, d.rotation, d.picksBox,
		bold("Message"), d.text,
		bold("Raised by"), d.from,
		bold("Channels"), d.email, d.phone, hooks,
	)
	d.previewHead = bold("Preview (dry run: nothing is sent yet)")
	right := container.NewBorder(d.previewHead, nil, nil, nil, container.NewVScroll(d.preview))
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.47
	bottom := container.NewVBox(d.progress, d.result,
		container.NewHBox(layout.NewSpacer(), d.cancelB, d.previewB, d.sendB))
	d.dlg = dialog.NewCustomWithoutButtons("Alert the team", container.NewBorder(nil, bottom, nil, nil, split), d.v.t.s.win)
	d.dlg.Resize(d.v.t.s.dialogSize(1080, 680))
	d.v.t.s.show(d.dlg, nil) // sending takes a click, never a stray Enter
	d.v.t.s.win.Canvas().Focus(d.text)
}

// onWho shows the rotation and people pickers only when they apply.
func (d *alertDialog) onWho() {
	if d.who.Selected == whoRotation {
		d.rotation.Show()
	} else {
		d.rotation.Hide()
	}
	if d.picksBox != nil {
		if d.who.Selected == whoPicked {
			d.picksBox.Show()
		} else {
			d.picksBox.Hide()
		}
	}
	d.onPreview()
}

// to is the selector the dialog's choice stands for.
func (d *alertDialog) to() (alert.To, error) {
	switch d.who.Selected {
	case whoChain:
		return alert.To{Kind: alert.ToChain}, nil
	case whoRotation:
		if d.rotation.Selected == "" {
			return alert.To{}, errors.New("choose a rotation")
		}
		return alert.To{Kind: alert.ToRotation, Names: []string{d.rotation.Selected}}, nil
	case whoAll:
		return alert.To{Kind: alert.ToAll}, nil
	case whoPicked:
		if len(d.picks.Selected) == 0 {
			return alert.To{}, errors.New("pick at least one person")
		}
		return alert.To{Kind: alert.ToMembers, Names: append([]string(nil), d.picks.Selected...)}, nil
	}
	return alert.To{}, errors.New("choose who to alert")
}

// plan works the alert out as it stands in the dialog, now.
func (d *alertDialog) plan() (alert.Plan, error) { return d.planFor(d.text.Text) }

// planFor is plan with another text.
func (d *alertDialog) planFor(text string) (alert.Plan, error) {
	to, err := d.to()
	if err != nil {
		return alert.Plan{}, err
	}
	var hooks []alert.Webhook
	for i, c := range d.hookChecks {
		if c.Checked {
			hooks = append(hooks, d.hooks[i])
		}
	}
	p, err := alert.NewPlan(d.team, alert.Request{To: to, Text: text, From: d.from.Selected, At: d.v.t.s.now(), Hooks: hooks})
	if err != nil {
		return p, err
	}
	p.Keep(d.email.Checked, d.phone.Checked)
	return p, nil
}

func (d *alertDialog) onPreview() {
	if d.preview == nil || d.result.Visible() {
		return
	}
	p, err := d.plan()
	if errors.Is(err, alert.ErrEmptyText) {
		p, err = d.planFor("(your message)")
	}
	if err != nil {
		d.preview.Importance = widget.DangerImportance
		d.preview.SetText(err.Error())
		return
	}
	d.preview.Importance = widget.MediumImportance
	d.preview.SetText(planSummary(p))
}

// planSummary is the dry run as the dialog shows it.
func planSummary(p alert.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d people:\n", len(p.Recipients))
	for _, r := range p.Recipients {
		line := "• " + r.Name + ": " + axisLabel(r.Local, r.Local.Location(), formDayClock) + " their time"
		switch {
		case r.InHours:
			line += ", working"
		case r.Wake == alert.Asleep:
			line += ", likely asleep"
		default:
			line += ", off hours"
		}
		if r.Away {
			line += ", ON TIME OFF"
		}
		if r.Level > 0 {
			line += fmt.Sprintf(" (level %d)", r.Level)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\nThrough:\n")
	for _, h := range p.Webhooks {
		fmt.Fprintf(&b, "• post to %s %q\n", h.Service.Title(), h.Name)
	}
	if len(p.Email.To) > 0 {
		fmt.Fprintf(&b, "• email draft to %s (you send it)\n", strings.Join(p.Email.To, ", "))
	}
	for _, ph := range p.Phones {
		fmt.Fprintf(&b, "• call %s: %s\n", ph.Name, ph.Number)
	}
	if len(p.Webhooks) == 0 && len(p.Email.To) == 0 && len(p.Phones) == 0 {
		b.WriteString("• nothing: choose a channel\n")
	}
	if len(p.Warnings) > 0 {
		b.WriteString("\nWatch out:\n")
		for _, w := range p.Warnings {
			b.WriteString("• " + w + "\n")
		}
	}
	b.WriteString("\nThe message:\n" + p.Message.Subject + "\n\n" + p.Message.Body)
	return b.String()
}

// onSend checks the alert and asks to confirm it.
func (d *alertDialog) onSend() {
	p, err := d.plan()
	if err == nil && d.from.Selected == "" {
		err = errors.New("choose who raises the alert: the log records it under their name")
	}
	if err == nil && len(p.Webhooks) == 0 && len(p.Email.To) == 0 && len(p.Phones) == 0 {
		err = errors.New("choose at least one channel")
	}
	if err != nil {
		d.preview.Importance = widget.DangerImportance
		d.preview.SetText(err.Error())
		return
	}
	d.preview.Importance = widget.MediumImportance
	d.preview.SetText(planSummary(p))
	var what []string
	if n := len(p.Webhooks); n > 0 {
		what = append(what, "post to "+plural(n, "chat webhook", "chat webhooks"))
	}
	if p.Email.URL != "" {
		what = append(what, "open an email draft")
	}
	what = append(what, "record it in the log")
	msg := fmt.Sprintf("Alert %d people (%s): %s?", len(p.Recipients), p.To, strings.Join(what, ", "))
	d.confirm = dialog.NewConfirm("Send the alert?", msg, func(ok bool) {
		if ok {
			d.execute(p)
		}
	}, d.v.t.s.win)
	d.confirm.SetConfirmText("Send")
	d.confirm.SetDismissText("Don't send")
	d.confirm.SetConfirmImportance(widget.DangerImportance)
	d.confirm.Show()
}

// execute sends the plan off the UI thread, then opens the email draft,
// records the alert and shows the result.
func (d *alertDialog) execute(p alert.Plan) {
	from := d.from.Selected
	for _, w := range []fyne.Disableable{d.who, d.rotation, d.picks, d.text, d.from, d.email, d.phone, d.previewB, d.sendB, d.cancelB} {
		w.Disable()
	}
	for _, c := range d.hookChecks {
		c.Disable()
	}
	d.progress.Show()
	d.progress.Start()
	d.result.SetText("Sending to " + plural(len(p.Webhooks), "webhook", "webhooks") + "…")
	d.result.Show()
	st := d.v.store
	go func() {
		ctx := context.Background()
		rec := d.sender.Execute(ctx, p)
		u, logErr := st.AddUpdate(ctx, worklog.Update{Author: from, At: rec.At, Kind: worklog.KindBlocker,
			Text: rec.LogText(), Tags: []string{"alert"}})
		fyne.Do(func() {
			defer close(d.done)
			d.record, d.logID = rec, u.ID
			d.progress.Stop()
			d.progress.Hide()
			var openErr error
			if p.Email.URL != "" {
				mailto, err := url.Parse(p.Email.URL)
				if err == nil {
					err = d.v.open(mailto)
				}
				openErr = err
			}
			d.result.SetText(resultText(p, rec, logErr, u.ID, openErr))
			if len(rec.Failed()) > 0 || logErr != nil {
				d.result.Importance = widget.DangerImportance
			} else {
				d.result.Importance = widget.SuccessImportance
			}
			d.result.Refresh()
			d.previewHead.SetText("The alert as it went out")
			d.sendB.Hide()
			d.previewB.Hide()
			d.cancelB.SetText("Close")
			d.cancelB.Enable()
			if logErr == nil {
				d.v.t.s.teamChanged() // the log tab shows the new blocker
			}
		})
	}()
}

// resultText says which channels worked.
func resultText(p alert.Plan, rec alert.Record, logErr error, logID int64, openErr error) string {
	var lines []string
	for _, dl := range rec.Deliveries {
		if dl.Sent {
			lines = append(lines, fmt.Sprintf("✓ Posted to %s %q", dl.Service.Title(), dl.Name))
		} else {
			lines = append(lines, fmt.Sprintf("✗ NOT posted to %s %q: %s", dl.Service.Title(), dl.Name, dl.Error))
		}
	}
	switch {
	case p.Email.URL != "" && openErr == nil:
		lines = append(lines, "✓ Email draft handed to your mail client: check it there and press send")
	case p.Email.URL != "":
		lines = append(lines, "✗ The email draft could not be opened ("+openErr.Error()+"): send it yourself to "+strings.Join(p.Email.To, ", "))
	}
	if len(p.Phones) > 0 {
		var calls []string
		for _, ph := range p.Phones {
			calls = append(calls, ph.Name+" "+ph.Number)
		}
		lines = append(lines, "☎ Call: "+strings.Join(calls, ", "))
	}
	if logErr != nil {
		lines = append(lines, "✗ NOT recorded in the log: "+logErr.Error())
	} else {
		lines = append(lines, fmt.Sprintf("✓ Recorded in the log as blocker update %d", logID))
	}
	return strings.Join(lines, "\n")
}
