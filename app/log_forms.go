package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// formDialog is a dialog with Save and Cancel whose Save runs a check: an
// error is shown inside the dialog, which stays open with everything typed.
// Enter saves and Escape cancels, as the buttons do.
type formDialog struct {
	s      *session
	dlg    *dialog.CustomDialog
	errL   *widget.Label
	save   *widget.Button
	cancel *widget.Button
}

// newFormDialog builds the dialog; onClose, when not nil, runs after it
// closes whichever way.
func newFormDialog(s *session, title, saveLabel string, body fyne.CanvasObject, size fyne.Size, onSave func() error, onClose func()) *formDialog {
	f := &formDialog{s: s, errL: widget.NewLabel("")}
	f.errL.Importance = widget.DangerImportance
	f.errL.Wrapping = fyne.TextWrapWord
	f.errL.Hide()
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, f.errL, nil, nil, body), s.win)
	f.cancel = widget.NewButton("Cancel", func() { f.dlg.Hide() })
	f.save = widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), func() {
		if err := onSave(); err != nil {
			f.errL.SetText(err.Error())
			f.errL.Show()
			return
		}
		f.dlg.Hide()
	})
	f.save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	if onClose != nil {
		f.dlg.SetOnClosed(onClose)
	}
	f.dlg.Resize(s.dialogSize(size.Width, size.Height))
	return f
}

// show opens the dialog; Enter taps Save.
func (f *formDialog) show() { f.s.show(f.dlg, f.save.OnTapped) }

// parseLocal reads "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" as a wall-clock time in
// loc (a time in a DST gap moves forward, an ambiguous one takes the first).
func parseLocal(field, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(strings.Replace(s, "T", " ", 1))
	day, clock, _ := strings.Cut(s, " ")
	d, err := timezone.ParseDate(day)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: give a date and time such as 2026-03-16 09:30", field, s)
	}
	var c timezone.Clock
	if strings.TrimSpace(clock) != "" {
		if c, err = timezone.ParseTimeOfDay(clock); err != nil {
			return time.Time{}, fmt.Errorf("%s %q: give a date and time such as 2026-03-16 09:30", field, s)
		}
	}
	return timezone.ResolveLocal(d, c, loc), nil
}

// actionRow is one action item in the 1:1 form.
type actionRow struct {
	id     int64
	raised timezone.Date
	done   *widget.Check
	text   *keyEntry
	owner  *keyEntry
	due    *keyEntry
	box    fyne.CanvasObject
}

// oneOnOneForm writes a new 1:1 or edits one: date and time in the member's zone, notes,
// and action items (the open ones of earlier 1:1s listed first, carried
// forward).
type oneOnOneForm struct {
	t      *logTab
	id     int64 // the 1:1 being edited; 0 for a new one
	member string
	loc    *time.Location
	when   *keyEntry
	notes  *keyEntry
	rows   []*actionRow
	rowBox *fyne.Container
	addB   *widget.Button
	*formDialog
}

func (t *logTab) showOneOnOneForm(member string) {
	if member == "" {
		return
	}
	open, err := t.store.OpenActions(context.Background(), member)
	if err != nil {
		t.showError(err)
		return
	}
	carried := ""
	if len(open) > 0 {
		carried = fmt.Sprintf(" (%d open from earlier 1:1s, carried forward)", len(open))
	}
	loc := t.zoneOf(member)
	t.openOneOnOneForm(worklog.OneOnOne{Member: member, At: t.s.now().In(loc), Actions: open}, "New 1:1 with "+member, carried)
}

// editOneOnOne opens the form on a stored 1:1.
func (t *logTab) editOneOnOne(o worklog.OneOnOne) {
	t.openOneOnOneForm(o, "Edit the 1:1 with "+o.Member, "")
}

func (t *logTab) openOneOnOneForm(o worklog.OneOnOne, title, carried string) {
	f := &oneOnOneForm{t: t, id: o.ID, member: o.Member, loc: t.zoneOf(o.Member)}
	f.when = newEntry()
	f.when.SetText(fieldTime(o.At, f.loc))
	f.notes = newMultiLineEntry()
	f.notes.SetPlaceHolder("Notes (Markdown: **bold**, - lists, [links](https://…); kept as typed)")
	f.notes.SetText(o.Notes)
	f.notes.SetMinRowsVisible(8)
	f.rowBox = container.NewVBox()
	for _, a := range o.Actions {
		f.addRow(a)
	}
	f.addB = widget.NewButtonWithIcon("Action item", theme.ContentAddIcon(), func() { f.addRow(worklog.ActionItem{Owner: o.Member}) })
	body := container.NewVBox(
		widget.NewForm(widget.NewFormItem("When ("+zoneName(f.loc)+")", f.when)),
		f.notes,
		container.NewBorder(nil, nil, nil, f.addB, boldLabel("Action items"+carried)),
		newColumns([]float32{0.6, 5, 2, 2.2}, widget.NewLabel("Done"), widget.NewLabel("Text"), widget.NewLabel("Owner"), widget.NewLabel("Due YYYY-MM-DD")),
		f.rowBox,
	)
	f.formDialog = newFormDialog(t.s, title, "Save 1:1", container.NewVScroll(scrollInset(body)),
		fyne.NewSize(860, 640), f.onSave, func() { t.oneForm = nil })
	t.oneForm = f
	f.show()
}

// addRow adds an action item row.
func (f *oneOnOneForm) addRow(a worklog.ActionItem) *actionRow {
	r := &actionRow{id: a.ID, raised: a.Raised, done: widget.NewCheck("", nil), text: newEntry(), owner: newEntry(), due: newEntry()}
	r.done.SetChecked(a.Done)
	r.text.SetText(a.Text)
	r.text.SetPlaceHolder("What, e.g. draft the hiring plan")
	r.owner.SetText(a.Owner)
	if !a.Due.IsZero() {
		r.due.SetText(a.Due.String())
	}
	r.due.SetPlaceHolder("optional")
	r.box = newColumns([]float32{0.6, 5, 2, 2.2}, r.done, r.text, r.owner, r.due)
	f.rows = append(f.rows, r)
	f.rowBox.Add(r.box)
	return r
}

// collect reads the form into a 1:1; the first problem is returned.
func (f *oneOnOneForm) collect() (worklog.OneOnOne, error) {
	at, err := parseLocal("date", f.when.Text, f.loc)
	if err != nil {
		return worklog.OneOnOne{}, err
	}
	o := worklog.OneOnOne{ID: f.id, Member: f.member, At: at, Notes: f.notes.Text}
	for i, r := range f.rows {
		if strings.TrimSpace(r.text.Text) == "" && r.id == 0 {
			continue // an empty new row is ignored
		}
		a := worklog.ActionItem{ID: r.id, Raised: r.raised, Text: r.text.Text, Owner: r.owner.Text, Done: r.done.Checked}
		if s := strings.TrimSpace(r.due.Text); s != "" {
			d, err := timezone.ParseDate(s)
			if err != nil {
				return o, fmt.Errorf("action item %d: due date %q is not a date YYYY-MM-DD", i+1, s)
			}
			a.Due = d
		}
		o.Actions = append(o.Actions, a)
	}
	return o, nil
}

func (f *oneOnOneForm) onSave() error {
	o, err := f.collect()
	if err != nil {
		return err
	}
	if o.ID != 0 {
		_, err = f.t.store.UpdateOneOnOne(context.Background(), o)
	} else {
		_, err = f.t.store.WriteOneOnOne(context.Background(), o)
	}
	if err != nil {
		return err
	}
	f.t.changed()
	return nil
}

// updateForm records an async update.
type updateForm struct {
	t      *logTab
	author *widget.Select
	kind   *widget.Select
	when   *keyEntry
	tags   *keyEntry
	text   *keyEntry
	*formDialog
}

func (t *logTab) showUpdateForm(kind worklog.Kind) {
	f := &updateForm{t: t}
	f.author = widget.NewSelect(t.memberNames(), nil)
	f.author.PlaceHolder = "Who wrote it"
	if sel := t.people.selected; sel != "" {
		f.author.SetSelected(sel)
	}
	var kinds []string
	for _, k := range worklog.Kinds {
		kinds = append(kinds, string(k))
	}
	f.kind = widget.NewSelect(kinds, nil)
	if kind == "" {
		kind = worklog.KindStatus
	}
	f.kind.SetSelected(string(kind))
	f.when = newEntry()
	f.when.SetText(fieldTime(t.s.now(), t.s.viewer))
	f.tags = newEntry()
	f.tags.SetPlaceHolder("comma-separated, e.g. infra, hiring")
	f.text = newMultiLineEntry()
	f.text.SetPlaceHolder("What happened, what was decided and why (Markdown; kept as typed)")
	f.text.SetMinRowsVisible(8)
	form := widget.NewForm(
		widget.NewFormItem("Author", f.author),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("When ("+zoneName(t.s.viewer)+")", f.when),
		widget.NewFormItem("Tags", f.tags),
	)
	f.formDialog = newFormDialog(t.s, "New update", "Save update", container.NewBorder(form, nil, nil, nil, f.text),
		fyne.NewSize(760, 560), f.onSave, func() { t.updForm = nil })
	t.updForm = f
	f.show()
}

func (f *updateForm) onSave() error {
	if f.author.Selected == "" {
		return fmt.Errorf("author: choose who wrote the update")
	}
	at, err := parseLocal("time", f.when.Text, f.t.s.viewer)
	if err != nil {
		return err
	}
	tags, err := worklog.ParseTags(f.tags.Text)
	if err != nil {
		return err
	}
	u := worklog.Update{Author: f.author.Selected, Kind: worklog.Kind(f.kind.Selected), At: at, Text: f.text.Text, Tags: tags}
	if _, err := f.t.store.AddUpdate(context.Background(), u); err != nil {
		return err
	}
	f.t.changed()
	return nil
}
