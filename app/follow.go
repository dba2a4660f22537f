package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/follow"
)

// followDialog is Settings → Follow a published team: subscribing to a team
// bundle, or, while following, stopping.
type followDialog struct {
	sh       *sharing
	dlg      *dialog.CustomDialog
	url      *widget.Entry
	user     *widget.Entry
	password *widget.Entry
	errL     *widget.Label
	ok       *widget.Button
}

// showFollowDialog opens the dialog that fits: follow a team, or stop.
func showFollowDialog(sh *sharing) *followDialog {
	d := &followDialog{sh: sh, errL: widget.NewLabel("")}
	d.errL.Importance = widget.DangerImportance
	d.errL.Wrapping = fyne.TextWrapWord
	d.errL.Hide()
	cancel := widget.NewButton("Cancel", func() { d.dlg.Hide() })
	var content fyne.CanvasObject
	if sh.s.readOnly {
		msg := widget.NewLabel(fmt.Sprintf("This database follows the team published at\n%s\n\n"+
			"Stop following to edit the team here again: the team stays as it is now, and so does your log.", sh.sub.URL))
		msg.Wrapping = fyne.TextWrapWord
		d.ok = widget.NewButtonWithIcon("Stop following", theme.CancelIcon(), d.onStop)
		d.ok.Importance = widget.DangerImportance
		content = container.NewVBox(msg, d.errL, container.NewHBox(layout.NewSpacer(), cancel, d.ok))
		d.dlg = dialog.NewCustomWithoutButtons("Following a team", content, sh.s.win)
	} else {
		d.url, d.user, d.password = widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry()
		d.url.SetPlaceHolder("https://HOST/remote.php/dav/files/USER/team.json")
		msg := widget.NewLabel("Follow the team bundle someone publishes (a WebDAV file): this database takes its team from " +
			"there, refreshes it every 15 minutes, and the team becomes read-only here. Your own 1:1 and update log stays " +
			"here, private and editable. The team you have now is replaced.")
		msg.Wrapping = fyne.TextWrapWord
		d.ok = widget.NewButtonWithIcon("Follow", theme.ConfirmIcon(), d.onFollow)
		d.ok.Importance = widget.HighImportance
		form := widget.NewForm(widget.NewFormItem("Bundle URL", d.url), widget.NewFormItem("User", d.user),
			widget.NewFormItem("Password", d.password))
		content = container.NewVBox(msg, form, d.errL, container.NewHBox(layout.NewSpacer(), cancel, d.ok))
		d.dlg = dialog.NewCustomWithoutButtons("Follow a published team", content, sh.s.win)
	}
	d.dlg.Resize(sh.s.dialogSize(680, 320))
	sh.s.show(d.dlg, nil)
	return d
}

func (d *followDialog) showErr(err error) {
	d.errL.SetText(err.Error())
	d.errL.Show()
}

// onFollow subscribes off the UI goroutine (a network fetch, maybe a
// keyring prompt) and switches the window to following.
func (d *followDialog) onFollow() {
	url, user, password := strings.TrimSpace(d.url.Text), strings.TrimSpace(d.user.Text), d.password.Text
	if password != "" && user == "" {
		d.showErr(errors.New("give the user name that goes with the password"))
		return
	}
	d.ok.Disable()
	sh := d.sh
	go func() {
		res, err := follow.Subscribe(context.Background(), sh.store, sh.secrets, url, user, password, password != "",
			sh.s.now(), follow.Options{})
		if errors.Is(err, dav.ErrNoKeyring) && password != "" {
			err = fmt.Errorf("no desktop keyring answered to keep the password: set %s in the environment remotecto "+
				"starts in and leave the password empty here (%w)", dav.PasswordEnv, err)
		}
		fyne.Do(func() {
			d.ok.Enable()
			if err != nil {
				d.showErr(fmt.Errorf("nothing changed: %w", err))
				return
			}
			d.dlg.Hide()
			sh.sub = res.Subscription
			sh.setReadOnly(true)
			sh.s.info("Following", "Following "+res.Subscription.URL+":\n"+
				strings.ReplaceAll(res.Replaced.String(), "; ", "\n"))
		})
	}()
}

// onStop stops following off the UI goroutine (the keyring may be slow to
// forget the password) and makes the team editable again.
func (d *followDialog) onStop() {
	sh := d.sh
	d.ok.Disable()
	go func() {
		_, err := follow.Unsubscribe(context.Background(), sh.store, sh.secrets)
		fyne.Do(func() {
			d.ok.Enable()
			if err != nil {
				d.showErr(err)
				return
			}
			d.dlg.Hide()
			sh.setReadOnly(false)
		})
	}()
}
