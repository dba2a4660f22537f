package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/share"
)

// publishSettings is Settings → Publishing: the targets with how their last
// run went, adding and removing them, and publishing now with a progress
// bar and Cancel.
type publishSettings struct {
	sh      *sharing
	dlg     *dialog.CustomDialog
	list    *fyne.Container
	status  *widget.Label
	bar     *widget.ProgressBar
	publish *widget.Button
	cancel  *widget.Button
	add     *widget.Button
	// form is the add form last opened (tests fill it in).
	form *targetForm
}

// showPublishSettings opens the Publishing dialog.
func showPublishSettings(sh *sharing) *publishSettings {
	p := &publishSettings{sh: sh, list: container.NewVBox(), status: widget.NewLabel(""), bar: widget.NewProgressBar()}
	p.status.Wrapping = fyne.TextWrapWord
	p.publish = widget.NewButtonWithIcon("Publish now", theme.UploadIcon(), p.onPublish)
	p.publish.Importance = widget.HighImportance
	p.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), sh.cancelPublish)
	p.add = widget.NewButtonWithIcon("Add target…", theme.ContentAddIcon(), p.onAdd)
	help := widget.NewLabel("Each target keeps one calendar on a server your team already uses: a CalDAV calendar " +
		"(Nextcloud, Fastmail, iCloud, Radicale) gets one event per shift and only what changed is sent; a WebDAV file " +
		"is an .ics people subscribe to, or the team bundle others follow. Nothing private is published: no log, " +
		"no 1:1 notes, and time off only as \"Away\". Targets are published 30 s after the team changes, and every hour.")
	help.Wrapping = fyne.TextWrapWord
	bottom := container.NewVBox(p.bar, container.NewBorder(nil, nil, nil, container.NewHBox(p.add, p.cancel, p.publish), p.status))
	content := container.NewBorder(help, bottom, nil, nil, container.NewVScroll(p.list))
	p.dlg = dialog.NewCustom("Publishing", "Close", content, sh.s.win)
	p.dlg.SetOnClosed(func() {
		sh.mu.Lock()
		sh.progress = nil
		sh.mu.Unlock()
		if sh.view == p {
			sh.view = nil
		}
	})
	sh.view = p
	sh.mu.Lock()
	sh.progress = func(done, total int) {
		fyne.Do(func() {
			// A publish started by itself shows its progress too.
			p.bar.Show()
			p.cancel.Show()
			p.publish.Disable()
			if total > 0 {
				p.bar.SetValue(float64(done) / float64(total))
			}
			p.status.SetText(fmt.Sprintf("Publishing… %d of %d changes sent", done, total))
		})
	}
	sh.mu.Unlock()
	p.reload()
	p.dlg.Resize(sh.s.dialogSize(860, 520))
	sh.s.show(p.dlg, p.dlg.Hide)
	return p
}

// reload lists the targets and how their last run went.
func (p *publishSettings) reload() {
	ts, err := p.sh.store.PublishTargets(context.Background())
	if err != nil {
		p.status.SetText(err.Error())
		return
	}
	now := p.sh.s.now()
	p.list.Objects = nil
	for _, t := range ts {
		t := t
		name := widget.NewLabelWithStyle(t.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		where := widget.NewLabel(fmt.Sprintf("%s → %s %s", t.Feed.Describe(), strings.ToUpper(string(t.Kind)), t.URL))
		where.Truncation = fyne.TextTruncateEllipsis
		st := widget.NewLabel(targetStatus(t, now))
		st.Wrapping = fyne.TextWrapWord
		if t.Last.Error != "" {
			st.Importance = widget.DangerImportance
		}
		rm := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { p.onRemove(t) })
		p.list.Add(container.NewBorder(nil, widget.NewSeparator(), nil, rm, container.NewVBox(name, where, st)))
	}
	if len(ts) == 0 {
		p.list.Add(widget.NewLabel("No targets yet: add one to publish the rota or the team bundle."))
	}
	p.list.Refresh()
	running := p.sh.publishing()
	if running {
		p.bar.Show()
		p.cancel.Show()
		p.publish.Disable()
		return
	}
	p.bar.Hide()
	p.bar.SetValue(0)
	p.cancel.Hide()
	if len(ts) == 0 {
		p.publish.Disable()
		p.status.SetText("")
		return
	}
	p.publish.Enable()
	p.status.SetText(overallStatus(ts, now))
}

// targetStatus is a target's status line: when it was published and what
// the run did, or its error.
func targetStatus(t share.Target, now time.Time) string {
	s := t.Status(now)
	if t.Last.Error == "" && !t.LastRun.IsZero() {
		s += fmt.Sprintf(" (%d new, %d changed, %d removed, %d unchanged)", t.Last.Created, t.Last.Updated, t.Last.Deleted, t.Last.Unchanged)
	}
	return s
}

// overallStatus sums the targets up in one line.
func overallStatus(ts []share.Target, now time.Time) string {
	failed := 0
	var last share.Target
	for _, t := range ts {
		if t.Last.Error != "" {
			failed++
		}
		if t.LastRun.After(last.LastRun) {
			last = t
		}
	}
	switch {
	case failed > 0:
		return fmt.Sprintf("%d of %d targets failed last time: see above.", failed, len(ts))
	case last.LastRun.IsZero():
		return "Not published yet."
	}
	return "All targets " + last.Status(now) + "."
}

func (p *publishSettings) onPublish() {
	p.bar.SetValue(0)
	p.bar.Show()
	p.cancel.Show()
	p.publish.Disable()
	p.status.SetText("Publishing…")
	p.sh.publish(true, nil)
}

func (p *publishSettings) onRemove(t share.Target) {
	p.sh.s.confirm("Remove "+t.Name+"?", "remotecto stops publishing to "+t.URL+
		" and forgets its password. What it published stays on the server.", "Remove", func() {
		if err := p.sh.store.RemovePublishTarget(context.Background(), t.Name); err != nil {
			p.sh.s.showError(err)
			return
		}
		if t.User != "" {
			go p.sh.secrets.Delete(t.SecretKey())
		}
		p.reload()
	})
}

func (p *publishSettings) onAdd() {
	p.form = newTargetForm(p)
	p.sh.s.show(p.form.dlg, nil)
}

// targetForm adds a publish target.
type targetForm struct {
	p        *publishSettings
	dlg      *dialog.CustomDialog
	name     *widget.Entry
	kind     *widget.RadioGroup
	url      *widget.Entry
	feed     *widget.Select
	user     *widget.Entry
	password *widget.Entry
	errL     *widget.Label
	save     *widget.Button
}

const (
	kindCalDAV = "CalDAV calendar (one event per shift)"
	kindWebDAV = "WebDAV file (.ics to subscribe to, or the team bundle)"
)

func newTargetForm(p *publishSettings) *targetForm {
	f := &targetForm{p: p, name: widget.NewEntry(), url: widget.NewEntry(), user: widget.NewEntry(), password: widget.NewPasswordEntry(),
		errL: widget.NewLabel("")}
	f.name.SetPlaceHolder("team calendar")
	f.kind = widget.NewRadioGroup([]string{kindCalDAV, kindWebDAV}, func(k string) {
		if k == kindWebDAV {
			f.url.SetPlaceHolder("https://HOST/remote.php/dav/files/USER/oncall.ics")
		} else {
			f.url.SetPlaceHolder("https://HOST/remote.php/dav/calendars/USER/oncall/")
		}
	})
	f.kind.SetSelected(kindCalDAV)
	f.feed = widget.NewSelect(p.feedOptions(), nil)
	f.feed.SetSelected("oncall")
	f.errL.Importance = widget.DangerImportance
	f.errL.Wrapping = fyne.TextWrapWord
	f.errL.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("URL", f.url),
		widget.NewFormItem("Feed", f.feed),
		widget.NewFormItem("User", f.user),
		widget.NewFormItem("Password", f.password),
	)
	note := widget.NewLabel("Use an app password. It is kept in the desktop keyring, never in the database.")
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButtonWithIcon("Add", theme.ConfirmIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	content := container.NewVBox(form, note, f.errL, container.NewHBox(layout.NewSpacer(), cancel, f.save))
	f.dlg = dialog.NewCustomWithoutButtons("Add a publish target", content, p.sh.s.win)
	f.dlg.Resize(p.sh.s.dialogSize(720, 420))
	return f
}

// feedOptions lists what can be published: every rotation and member by
// name, every rotation, the meetings and the team bundle.
func (p *publishSettings) feedOptions() []string {
	opts := []string{"oncall", "meetings", "team"}
	t, err := p.sh.s.db.Team(context.Background())
	if err != nil {
		return opts
	}
	for _, r := range t.Rotations {
		opts = append(opts, "rotation:"+r.Name)
	}
	for _, m := range t.Members {
		opts = append(opts, "member:"+m.Name)
	}
	return opts
}

// onSave checks the target, keeps the password in the keyring (which may
// ask the user to unlock it, so off the UI goroutine) and adds the target.
func (f *targetForm) onSave() {
	t := share.Target{Name: f.name.Text, URL: f.url.Text, User: f.user.Text, Kind: share.CalDAV}
	if f.kind.Selected == kindWebDAV {
		t.Kind = share.WebDAV
	}
	feed, err := share.ParseFeed(f.feed.Selected)
	if err == nil {
		t.Feed = feed
		t, err = t.Normalize()
	}
	if err == nil && f.password.Text != "" && strings.TrimSpace(t.User) == "" {
		err = errors.New("give the user name that goes with the password")
	}
	if err != nil {
		f.showErr(err)
		return
	}
	f.save.Disable()
	password := f.password.Text
	sh := f.p.sh
	go func() {
		var err error
		if password != "" {
			if err = sh.secrets.Set(t.SecretKey(), password); errors.Is(err, dav.ErrNoKeyring) {
				err = fmt.Errorf("no desktop keyring answered to keep the password: set %s in the environment "+
					"remotecto starts in, and leave the password empty here (%w)", dav.PasswordEnv, err)
			}
		}
		if err == nil {
			_, err = sh.store.AddPublishTarget(context.Background(), t)
			if err != nil && password != "" && !errors.Is(err, share.ErrDuplicateTarget) {
				sh.secrets.Delete(t.SecretKey())
			}
		}
		fyne.Do(func() {
			f.save.Enable()
			if err != nil {
				f.showErr(err)
				return
			}
			f.dlg.Hide()
			f.p.reload()
		})
	}()
}

func (f *targetForm) showErr(err error) {
	f.errL.SetText(err.Error())
	f.errL.Show()
}
