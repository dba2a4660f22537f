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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/oncall"
)

// rotationsView lists the rotations; the selected one shows its settings,
// its overrides and its export.
type rotationsView struct {
	t        *oncallTab
	list     *widget.List
	detail   *fyne.Container
	selected string // name of the selected rotation
	content  fyne.CanvasObject

	newB, editB *widget.Button
	// The override form of the selected rotation.
	ovMember       *widget.Select
	ovFrom, ovTo   *widget.Entry
	ovErr          *widget.Label
	ovAdd          *widget.Button
	exportMember   *widget.Select
	lastForm       *rotationForm
	lastExportPath string
}

func newRotationsView(t *oncallTab) *rotationsView {
	v := &rotationsView{t: t, detail: container.NewStack()}
	v.list = widget.NewList(func() int { return len(t.rotations) },
		func() fyne.CanvasObject { return widget.NewLabel("Rotation name") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.rotations) {
				r := t.rotations[id]
				o.(*widget.Label).SetText(fmt.Sprintf("%s  (%s, %d members)", r.Name, r.Shift, len(r.Members)))
			}
		})
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < len(t.rotations) {
			v.selected = t.rotations[id].Name
			v.showDetail()
		}
	}
	v.newB = widget.NewButtonWithIcon("New rotation", theme.ContentAddIcon(), func() {
		v.lastForm = newRotationForm(t, oncall.Rotation{})
		v.lastForm.show()
	})
	v.newB.Importance = widget.HighImportance
	t.s.guard(v.newB)
	v.exportMember = widget.NewSelect(nil, nil)
	v.exportMember.PlaceHolder = "Member…"
	exportB := widget.NewButtonWithIcon("Export member's shifts (.ics)…", theme.DocumentSaveIcon(), func() {
		if v.exportMember.Selected == "" {
			dialog.ShowInformation("Export", "Choose a member first.", t.s.win)
			return
		}
		v.export("", v.exportMember.Selected)
	})
	left := container.NewBorder(container.NewVBox(v.newB), container.NewVBox(widget.NewSeparator(), v.exportMember, exportB), nil, nil, v.list)
	split := container.NewHSplit(left, container.NewPadded(v.detail))
	split.Offset = 0.3
	v.content = split
	return v
}

func (v *rotationsView) refresh() {
	v.exportMember.SetOptions(v.t.memberNames())
	if _, ok := v.current(); !ok && len(v.t.rotations) > 0 {
		v.selected = v.t.rotations[0].Name
	}
	v.list.UnselectAll()
	for i, r := range v.t.rotations {
		if strings.EqualFold(r.Name, v.selected) {
			v.list.Select(i)
		}
	}
	v.list.Refresh()
	v.showDetail()
}

func (v *rotationsView) current() (oncall.Rotation, bool) {
	for _, r := range v.t.rotations {
		if strings.EqualFold(r.Name, v.selected) && v.selected != "" {
			return r, true
		}
	}
	return oncall.Rotation{}, false
}

func (v *rotationsView) showDetail() {
	t := v.t
	r, ok := v.current()
	if !ok {
		hint := widget.NewLabel("Select a rotation, or create one.")
		v.detail.Objects = []fyne.CanvasObject{container.NewCenter(hint)}
		v.detail.Refresh()
		return
	}
	v.editB = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		v.lastForm = newRotationForm(t, r)
		v.lastForm.show()
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { v.onDelete(r) })
	del.Importance = widget.DangerImportance
	export := widget.NewButtonWithIcon("Export .ics…", theme.DocumentSaveIcon(), func() { v.export(r.Name, "") })
	cov := "around the clock"
	if r.Coverage != nil {
		cov = r.Coverage.String() + " each day"
	}
	info := widget.NewForm(
		widget.NewFormItem("Members", widget.NewLabel(strings.Join(r.Members, " → "))),
		widget.NewFormItem("Shift", widget.NewLabel(fmt.Sprintf("%s, handoff %s %s, from %s", r.Shift, r.Handoff, r.Zone, r.Start))),
		widget.NewFormItem("Coverage", widget.NewLabel(cov)),
	)
	ovs := container.NewVBox()
	for _, o := range r.Overrides {
		o := o
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.removeOverride(r, o) })
		t.s.lockEdits(rm)
		ovs.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(fmt.Sprintf("%s covers from %s to %s",
			o.Member, whenText(o.Start, t.s.viewer), whenText(o.End, t.s.viewer)))))
	}
	if len(r.Overrides) == 0 {
		ovs.Add(widget.NewLabel("No overrides."))
	}
	v.ovMember = widget.NewSelect(t.memberNames(), nil)
	v.ovMember.PlaceHolder = "Who covers"
	v.ovFrom, v.ovTo = widget.NewEntry(), widget.NewEntry()
	v.ovFrom.SetPlaceHolder("2026-03-10 09:00")
	v.ovTo.SetPlaceHolder("2026-03-11 09:00")
	v.ovErr = widget.NewLabel("")
	v.ovErr.Importance = widget.DangerImportance
	v.ovErr.Wrapping = fyne.TextWrapWord
	v.ovErr.Hide()
	v.ovAdd = widget.NewButtonWithIcon("Add override", theme.ContentAddIcon(), func() { v.addOverride(r) })
	t.s.lockEdits(v.editB, del, v.ovMember, v.ovFrom, v.ovTo, v.ovAdd)
	form := container.NewHBox(v.ovMember, widget.NewLabel("covers from"), container.NewGridWrap(fyne.NewSize(160, v.ovFrom.MinSize().Height), v.ovFrom),
		widget.NewLabel("to"), container.NewGridWrap(fyne.NewSize(160, v.ovTo.MinSize().Height), v.ovTo), v.ovAdd)
	zoneNote := widget.NewLabel("Times in " + t.s.viewer.String() + " (or RFC 3339 with an offset).")
	zoneNote.Importance = widget.LowImportance
	next := container.NewVBox()
	for i, sh := range oncall.Shifts(r, t.s.now(), t.s.now().Add(60*24*time.Hour)) {
		if i == 8 {
			break
		}
		note := ""
		if sh.Override {
			note = "  (override)"
		}
		next.Add(widget.NewLabel(fmt.Sprintf("%s   %s – %s%s", sh.Member, whenText(sh.Start, t.s.viewer), whenText(sh.End, t.s.viewer), note)))
	}
	v.detail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(export, v.editB, del), heading(r.Name)),
		info,
		widget.NewSeparator(),
		bold("Overrides"), ovs, form, zoneNote, v.ovErr,
		widget.NewSeparator(),
		bold("Next shifts (your time)"), next,
	))}
	v.detail.Refresh()
}

// addOverride validates and saves "member covers from … to …". Overlapping
// overrides are refused with the message beside the form.
func (v *rotationsView) addOverride(r oncall.Rotation) {
	t := v.t
	fail := func(err error) {
		v.ovErr.SetText(err.Error())
		v.ovErr.Show()
	}
	if v.ovMember.Selected == "" {
		fail(errors.New("choose who covers"))
		return
	}
	from, err := parseLocalInstant("from", v.ovFrom.Text, t.s.viewer)
	if err != nil {
		fail(err)
		return
	}
	to, err := parseLocalInstant("to", v.ovTo.Text, t.s.viewer)
	if err != nil {
		fail(err)
		return
	}
	r.Overrides = append(append([]oncall.Override(nil), r.Overrides...), oncall.Override{Member: v.ovMember.Selected, Start: from, End: to})
	n, err := r.Normalize()
	if errors.Is(err, oncall.ErrOverlappingOverride) {
		fail(fmt.Errorf("%s from %s to %s overlaps another override of %s; change or remove that one first",
			v.ovMember.Selected, whenText(from, t.s.viewer), whenText(to, t.s.viewer), r.Name))
		return
	}
	if err != nil {
		fail(err)
		return
	}
	if _, err := t.store.SaveRotation(context.Background(), n); err != nil {
		fail(err)
		return
	}
	t.changed()
}

func (v *rotationsView) removeOverride(r oncall.Rotation, o oncall.Override) {
	var keep []oncall.Override
	for _, x := range r.Overrides {
		if !(x.Member == o.Member && x.Start.Equal(o.Start) && x.End.Equal(o.End)) {
			keep = append(keep, x)
		}
	}
	r.Overrides = keep
	if _, err := v.t.store.SaveRotation(context.Background(), r); err != nil {
		dialog.ShowError(err, v.t.s.win)
		return
	}
	v.t.changed()
}

func (v *rotationsView) onDelete(r oncall.Rotation) {
	dialog.ShowConfirm("Delete "+r.Name+"?", "This removes the rotation and its overrides.", func(ok bool) {
		if !ok {
			return
		}
		if err := v.t.store.DeleteRotation(context.Background(), r.ID); err != nil {
			dialog.ShowError(err, v.t.s.win)
			return
		}
		v.selected = ""
		v.t.changed()
	}, v.t.s.win)
}

// exportCalendar builds the .ics of a rotation (or of a member's shifts
// across rotations) from now to one year ahead, from the team as stored.
func (v *rotationsView) exportCalendar(rotation, member string) (calendar.Calendar, error) {
	t := v.t
	team, err := t.store.Team(context.Background())
	if err != nil {
		return calendar.Calendar{}, err
	}
	from := t.s.now().UTC().Truncate(time.Second)
	to := from.AddDate(1, 0, 0)
	if rotation != "" {
		return calfeed.RotationCalendar(team, rotation, from, to)
	}
	return calfeed.MemberShiftCalendar(team, member, from, to)
}

// export asks where to save and writes the calendar there.
func (v *rotationsView) export(rotation, member string) {
	cal, err := v.exportCalendar(rotation, member)
	if err != nil {
		dialog.ShowError(err, v.t.s.win)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.t.s.win)
			return
		}
		if w == nil {
			return
		}
		defer w.Close()
		if err := calendar.Publish(context.Background(), w, cal, v.t.store, v.t.s.now()); err != nil {
			dialog.ShowError(err, v.t.s.win)
			return
		}
		v.lastExportPath = w.URI().Path()
	}, v.t.s.win)
	name := rotation
	if name == "" {
		name = member
	}
	d.SetFileName("oncall-" + strings.ToLower(strings.ReplaceAll(name, " ", "-")) + ".ics")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
