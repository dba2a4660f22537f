package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	ovMember     *widget.Select
	ovFrom, ovTo *keyEntry
	ovErr        *widget.Label
	ovAdd        *widget.Button
	exportMember *widget.Select
	lastForm     *rotationForm
}

func newRotationsView(t *oncallTab) *rotationsView {
	v := &rotationsView{t: t, detail: container.NewStack()}
	v.list = widget.NewList(func() int { return len(t.rotations) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Rotation name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.rotations) {
				r := t.rotations[id]
				o.(*widget.Label).SetText(fmt.Sprintf("%s  (%s, %s)", r.Name, r.Shift, plural(len(r.Members), "member", "members")))
			}
		})
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < len(t.rotations) {
			v.selected = t.rotations[id].Name
			v.showDetail()
		}
	}
	v.newB = widget.NewButtonWithIcon("New rotation", theme.ContentAddIcon(), v.onNew)
	v.newB.Importance = widget.HighImportance
	t.s.guard(v.newB)
	v.exportMember = widget.NewSelect(nil, nil)
	v.exportMember.PlaceHolder = "Member…"
	exportB := widget.NewButtonWithIcon("Export shifts…", theme.DocumentSaveIcon(), func() {
		if v.exportMember.Selected == "" {
			t.s.info("Export", "Choose a member first.")
			return
		}
		v.export("", v.exportMember.Selected)
	})
	exportNote := widget.NewLabel("One member's shifts in every rotation, as .ics:")
	exportNote.Wrapping = fyne.TextWrapWord
	exportNote.Importance = widget.LowImportance
	left := container.NewBorder(container.NewVBox(v.newB), container.NewVBox(widget.NewSeparator(), exportNote, v.exportMember, exportB), nil, nil, v.list)
	split := container.NewHSplit(left, container.NewPadded(v.detail))
	split.Offset = 0.28
	v.content = split
	return v
}

// onNew opens the form of a new rotation.
func (v *rotationsView) onNew() {
	v.lastForm = newRotationForm(v.t, oncall.Rotation{})
	v.lastForm.show()
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
	export := widget.NewButtonWithIcon(".ics…", theme.DocumentSaveIcon(), func() { v.export(r.Name, "") })
	cov := "around the clock"
	if r.Coverage != nil {
		cov = r.Coverage.String() + " each day"
	}
	rotLoc, _ := r.Location()
	handoff := fmt.Sprintf("%s, handoff %s in %s, from %s", r.Shift, r.Handoff, r.Zone, r.Start)
	if rotLoc != nil {
		handoff = fmt.Sprintf("%s, handoff %s in %s, from %s", r.Shift, r.Handoff, zoneTitle(rotLoc), r.Start)
	}
	info := widget.NewForm(
		widget.NewFormItem("Members", wrapped(strings.Join(r.Members, " → "))),
		widget.NewFormItem("Shift", wrapped(handoff)),
		widget.NewFormItem("Coverage", wrapped(cov)),
	)
	ovs := container.NewVBox()
	for _, o := range r.Overrides {
		o := o
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.removeOverride(r, o) })
		rm.Importance = widget.LowImportance
		t.s.lockEdits(rm)
		ovs.Add(container.NewBorder(nil, nil, nil, rm, wrapped(o.Member+" covers "+showSpan(o.Start, o.End, t.s.viewer, formDayTime))))
	}
	if len(r.Overrides) == 0 {
		none := widget.NewLabel("No overrides.")
		none.Importance = widget.LowImportance
		ovs.Add(none)
	}
	v.ovMember = widget.NewSelect(t.memberNames(), nil)
	v.ovMember.PlaceHolder = "Who covers"
	v.ovFrom, v.ovTo = newEntry(), newEntry()
	v.ovFrom.SetPlaceHolder("e.g. 2026-03-10 09:00")
	v.ovTo.SetPlaceHolder("e.g. 2026-03-11 09:00")
	v.ovFrom.OnSubmitted = func(string) { v.addOverride(r) }
	v.ovTo.OnSubmitted = func(string) { v.addOverride(r) }
	v.ovErr = errorLabel()
	v.ovAdd = widget.NewButtonWithIcon("Add override", theme.ContentAddIcon(), func() { v.addOverride(r) })
	t.s.lockEdits(v.editB, del, v.ovMember, v.ovFrom, v.ovTo, v.ovAdd)
	form := widget.NewForm(
		widget.NewFormItem("Who covers", v.ovMember),
		widget.NewFormItem("From", v.ovFrom),
		widget.NewFormItem("To", v.ovTo),
	)
	zoneNote := widget.NewLabel("Times in " + zoneTitle(t.s.viewer) + ", or RFC 3339 with an offset.")
	zoneNote.Importance = widget.LowImportance
	zoneNote.Wrapping = fyne.TextWrapWord
	next := container.NewVBox()
	for i, sh := range oncall.Shifts(r, t.s.now(), t.s.now().Add(60*24*time.Hour)) {
		if i == 8 {
			break
		}
		note := ""
		if sh.Override {
			note = "  (override)"
		}
		next.Add(wrapped(sh.Member + "   " + showSpan(sh.Start, sh.End, t.s.viewer, formDayTime) + note))
	}
	title := heading(r.Name)
	title.Truncation = fyne.TextTruncateEllipsis
	v.detail.Objects = []fyne.CanvasObject{container.NewVScroll(scrollInset(container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(export, v.editB, del), title),
		info,
		widget.NewSeparator(),
		bold("Overrides"), ovs, form, container.NewHBox(v.ovAdd), zoneNote, v.ovErr,
		widget.NewSeparator(),
		bold("Next shifts"), next,
	)))}
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
	if !to.After(from) {
		fail(fmt.Errorf("the end must be after the start: %s is not after %s",
			showTime(to, t.s.viewer, formDayTime), showTime(from, t.s.viewer, formDayTime)))
		return
	}
	r.Overrides = append(append([]oncall.Override(nil), r.Overrides...), oncall.Override{Member: v.ovMember.Selected, Start: from, End: to})
	n, err := r.Normalize()
	if errors.Is(err, oncall.ErrOverlappingOverride) {
		fail(fmt.Errorf("%s %s overlaps another override of %s; change or remove that one first",
			v.ovMember.Selected, showSpan(from, to, t.s.viewer, formDayTime), r.Name))
		return
	}
	if errors.Is(err, oncall.ErrBadOverride) {
		fail(errors.New("choose who covers, and give an end after the start"))
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

// removeOverride removes an override at once; Undo on the bar puts it back.
func (v *rotationsView) removeOverride(r oncall.Rotation, o oncall.Override) {
	var keep []oncall.Override
	for _, x := range r.Overrides {
		if !(x.Member == o.Member && x.Start.Equal(o.Start) && x.End.Equal(o.End)) {
			keep = append(keep, x)
		}
	}
	r.Overrides = keep
	if _, err := v.t.store.SaveRotation(context.Background(), r); err != nil {
		v.t.s.showError(err)
		return
	}
	v.t.changed()
	v.t.s.undoable("Removed the override of "+o.Member+", "+showSpan(o.Start, o.End, v.t.s.viewer, formDayTime), func() error {
		cur, ok := v.t.rotationByID(r.ID)
		if !ok {
			return fmt.Errorf("rotation %q is gone", r.Name)
		}
		cur.Overrides = append(append([]oncall.Override(nil), cur.Overrides...), o)
		if _, err := v.t.store.SaveRotation(context.Background(), cur); err != nil {
			return err
		}
		v.t.changed()
		return nil
	})
}

// onDelete deletes a rotation the escalation policy does not name, after a
// confirmation; Undo on the bar puts it back with its overrides.
func (v *rotationsView) onDelete(r oncall.Rotation) {
	for i, l := range v.t.policy.Levels {
		for _, tg := range l.Targets {
			if tg.Kind == oncall.TargetRotation && strings.EqualFold(tg.Name, r.Name) {
				v.t.s.info(r.Name+" is still in use", r.Name+" cannot be deleted while the escalation policy pages it (level "+
					fmt.Sprint(i+1)+").\nTake it out under Escalation first.")
				return
			}
		}
	}
	v.t.s.confirm("Delete "+r.Name+"?", "This removes the rotation and its overrides.", "Delete", func() {
		if err := v.t.store.DeleteRotation(context.Background(), r.ID); err != nil {
			v.t.s.showError(err)
			return
		}
		v.selected = ""
		v.t.changed()
		v.t.s.undoable("Deleted the rotation "+r.Name, func() error {
			again := r
			again.ID = 0
			saved, err := v.t.store.SaveRotation(context.Background(), again)
			if err != nil {
				return err
			}
			v.selected = saved.Name
			v.t.changed()
			return nil
		})
	})
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

// export asks where to save and writes the calendar there; the calendar is
// worked out and written off the UI goroutine (a member's shifts across a
// large team's rotations take a while).
func (v *rotationsView) export(rotation, member string) {
	name := rotation
	if name == "" {
		name = member
	}
	v.t.s.saveFileCtx("oncall-"+strings.ToLower(name), ".ics", func(ctx context.Context, w io.Writer) error {
		cal, err := v.exportCalendar(rotation, member)
		if err != nil {
			return err
		}
		return calendar.Publish(ctx, w, cal, v.t.store, v.t.s.now())
	})
}
