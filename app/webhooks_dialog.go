package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/alert"
)

// webhooksDialog lists the chat webhooks (URLs redacted) and adds, tests
// and removes them. The URL and a Matrix token are typed into password
// fields and never shown again.
type webhooksDialog struct {
	v       *emergencyView
	list    *fyne.Container
	name    *widget.Entry
	service *widget.Select
	url     *widget.Entry
	room    *widget.Entry
	token   *widget.Entry
	err     *widget.Label
	status  *widget.Label
	addB    *widget.Button
	dlg     dialog.Dialog
	content fyne.CanvasObject
}

func (v *emergencyView) onWebhooks() {
	d := &webhooksDialog{v: v, list: container.NewVBox(), err: errorLabel(), status: widget.NewLabel("")}
	d.name = widget.NewEntry()
	d.name.SetPlaceHolder("ops-slack")
	var titles []string
	for _, s := range alert.Services {
		titles = append(titles, s.Title())
	}
	d.url = widget.NewPasswordEntry()
	d.url.SetPlaceHolder("https://hooks.slack.com/services/…")
	d.room = widget.NewEntry()
	d.room.SetPlaceHolder("!roomid:example.org")
	d.token = widget.NewPasswordEntry()
	d.token.SetPlaceHolder("Matrix access token")
	d.service = widget.NewSelect(titles, func(string) { d.onService() })
	d.service.SetSelectedIndex(0)
	d.addB = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), d.onAdd)
	d.addB.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Name", d.name),
		widget.NewFormItem("Service", d.service),
		widget.NewFormItem("Webhook URL", d.url),
		widget.NewFormItem("Matrix room", d.room),
		widget.NewFormItem("Matrix token", d.token),
	)
	help := widget.NewLabel("Secrets are kept in the database file, which only you can read; they are shown redacted. " +
		"See the README for where each service gives the URL.")
	help.Wrapping = fyne.TextWrapWord
	d.draw()
	d.content = container.NewBorder(container.NewVBox(bold("Configured"), d.list, widget.NewSeparator(), bold("Add a webhook")),
		container.NewVBox(help, d.err, d.status), nil, nil,
		container.NewVBox(form, container.NewHBox(layout.NewSpacer(), d.addB)))
	d.dlg = dialog.NewCustom("Chat webhooks", "Close", d.content, v.t.s.win)
	d.dlg.SetOnClosed(v.refresh)
	d.dlg.Resize(v.t.s.dialogSize(820, 560))
	v.lastHooks = d
	v.t.s.show(d.dlg, d.dlg.Hide)
}

// onService shows the Matrix fields for Matrix only.
func (d *webhooksDialog) onService() {
	if d.selected() == alert.Matrix {
		d.url.SetPlaceHolder("https://matrix.example.org (the homeserver)")
		d.room.Enable()
		d.token.Enable()
	} else {
		d.url.SetPlaceHolder("https://… (the incoming webhook URL)")
		d.room.Disable()
		d.token.Disable()
	}
}

func (d *webhooksDialog) selected() alert.Service {
	for _, s := range alert.Services {
		if s.Title() == d.service.Selected {
			return s
		}
	}
	return ""
}

// draw lists the webhooks, each with Test and Remove buttons.
func (d *webhooksDialog) draw() {
	d.list.Objects = nil
	hs, err := d.v.store.Webhooks(context.Background())
	if err != nil {
		setError(d.err, err)
	}
	d.v.hooks = hs
	if len(hs) == 0 {
		d.list.Add(widget.NewLabel("None yet."))
	}
	for _, h := range hs {
		h := h
		test := widget.NewButton("Test", func() { d.onTest(h) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.onRemove(h) })
		label := widget.NewLabel(fmt.Sprintf("%s  ·  %s  ·  %s", h.Name, h.Service.Title(), h.Redacted()))
		label.Truncation = fyne.TextTruncateEllipsis
		d.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(test, remove), label))
	}
	d.list.Refresh()
}

func (d *webhooksDialog) onAdd() {
	h := alert.Webhook{Name: d.name.Text, Service: d.selected(), URL: d.url.Text}
	if h.Service == alert.Matrix {
		h.Room, h.Token = d.room.Text, d.token.Text
	}
	saved, err := d.v.store.AddWebhook(context.Background(), h)
	if err != nil {
		setError(d.err, err)
		d.content.Refresh()
		return
	}
	setError(d.err, nil)
	d.status.SetText("Added " + saved.String() + ". Try it with Test.")
	for _, e := range []*widget.Entry{d.name, d.url, d.room, d.token} {
		e.SetText("")
	}
	d.draw()
	d.content.Refresh()
}

func (d *webhooksDialog) onRemove(h alert.Webhook) {
	d.v.t.s.confirm("Remove "+h.Name+"?", "Alerts will no longer be posted to "+h.String()+".", "Remove", func() {
		if err := d.v.store.RemoveWebhook(context.Background(), h.Name); err != nil {
			setError(d.err, err)
			return
		}
		d.status.SetText("Removed " + h.Name + ".")
		d.draw()
	})
}

// onTest posts a test message off the UI thread.
func (d *webhooksDialog) onTest(h alert.Webhook) {
	d.status.SetText("Posting a test message to " + h.Name + "…")
	at := d.v.t.s.now().UTC()
	msg := alert.Message{ID: fmt.Sprintf("test-%d", at.Unix()), Subject: "remotecto test message",
		Body: "Test message from remotecto: the webhook " + h.Name + " works. No action needed."}
	go func() {
		err := alert.Send(context.Background(), nil, h, msg)
		fyne.Do(func() {
			if err != nil {
				d.status.SetText("")
				setError(d.err, err)
			} else {
				setError(d.err, nil)
				d.status.SetText("✓ " + strings.TrimSpace(h.Name) + " took the test message.")
			}
			d.content.Refresh()
		})
	}()
}
