package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// rotationForm creates or edits a rotation. Each field shows its own error
// beside it; nothing is saved until every field is valid.
type rotationForm struct {
	t        *oncallTab
	original oncall.Rotation

	name, shift, handoff, start, coverage *keyEntry
	zone                                  *zonePicker
	members                               []string
	memberList                            *fyne.Container
	addMember                             *widget.Select
	errs                                  *fieldErrors
	save                                  *widget.Button
	dlg                                   dialog.Dialog
}

func newRotationForm(t *oncallTab, r oncall.Rotation) *rotationForm {
	f := &rotationForm{t: t, original: r, members: append([]string(nil), r.Members...)}
	f.errs = newFieldErrors(func() map[string]error { _, errs := f.rotation(); return errs })
	if r.ID == 0 && r.Name == "" {
		r.Shift = oncall.ShiftLength{N: 7, Unit: oncall.Days}
		r.Handoff = timezone.MustClock("09:00")
		r.Zone = timezone.Name(t.s.viewer)
		if _, err := timezone.LoadZone(r.Zone); err != nil {
			r.Zone = "UTC"
		}
		r.Start = timezone.DateOf(t.s.now().In(t.s.viewer))
	}
	f.name = f.errs.entry("name", r.Name, "Primary")
	f.shift = f.errs.entry("shift", r.Shift.String(), "7d, 1d or 12h")
	f.handoff = f.errs.entry("handoff", r.Handoff.String(), "09:00")
	f.start = f.errs.entry("start", r.Start.String(), "2026-03-02")
	cov := ""
	if r.Coverage != nil {
		cov = r.Coverage.String()
	}
	f.coverage = f.errs.entry("coverage", cov, "optional: 08:00-16:00")
	f.zone = newZonePicker(r.Zone, "Type a city to search: lisbon, kolkata…")
	f.errs.add("zone")
	f.zone.onChange = func(string) { f.errs.typed("zone") }
	f.zone.onLeave = func() { f.errs.left("zone") }
	f.errs.add("members")
	f.memberList = container.NewVBox()
	f.addMember = widget.NewSelect(t.memberNames(), func(name string) {
		if name == "" {
			return
		}
		f.members = append(f.members, name)
		f.addMember.ClearSelected()
		f.drawMembers()
		f.errs.check("members")
	})
	f.addMember.PlaceHolder = "Add a member…"
	f.drawMembers()
	f.save = widget.NewButton("Save", f.onSave)
	f.save.Importance = widget.HighImportance
	return f
}

// drawMembers lists the members in turn order with up, down and remove.
func (f *rotationForm) drawMembers() {
	f.memberList.Objects = nil
	for i, name := range f.members {
		up, down, del := reorderButtons(&f.members, i, true, func() {
			f.drawMembers()
			f.errs.check("members")
		})
		f.memberList.Add(container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewHBox(up, down, del), widget.NewLabel(name)))
	}
	f.memberList.Refresh()
}

func (f *rotationForm) show() {
	title := "New rotation"
	if f.original.ID != 0 {
		title = "Edit " + f.original.Name
	}
	field := func(label, key string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(bold(label), w, f.errs.label(key))
	}
	help := widget.NewLabel("Nh = elapsed hours (12h); Nd and Nw follow the wall clock of the zone, so a 09:00 handoff stays at 09:00 across DST. " +
		"A coverage window (08:00-16:00) limits on-call to those hours of the zone each day, for follow-the-sun.")
	help.Wrapping = fyne.TextWrapWord
	left := container.NewVBox(
		field("Name", "name", f.name),
		field("Shift length", "shift", f.shift),
		field("Handoff time", "handoff", f.handoff),
		field("Time zone (IANA)", "zone", f.zone),
		field("Start date", "start", f.start),
		field("Coverage window (optional)", "coverage", f.coverage),
	)
	right := container.NewVBox(bold("Members, in turn order"), f.memberList, f.addMember, f.errs.label("members"), help)
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, f.save), nil, nil,
		container.NewVScroll(container.NewGridWithColumns(2, left, right)))
	f.errs.root = body
	f.dlg = dialog.NewCustomWithoutButtons(title, body, f.t.s.win)
	f.dlg.Resize(f.t.s.dialogSize(860, 600))
	f.t.s.show(f.dlg, f.onSave)
}

// rotation builds the rotation from the fields and returns the errors by field.
func (f *rotationForm) rotation() (oncall.Rotation, map[string]error) {
	errs := map[string]error{}
	r := f.original
	r.Name = strings.TrimSpace(f.name.Text)
	var err error
	if r.Shift, err = oncall.ParseShiftLength(f.shift.Text); err != nil {
		errs["shift"] = err
	}
	if r.Handoff, err = timezone.ParseTimeOfDay(f.handoff.Text); err != nil {
		errs["handoff"] = fmt.Errorf("handoff %q: %w", f.handoff.Text, timezone.ErrBadClock)
	}
	r.Zone = strings.TrimSpace(f.zone.Text)
	if zone, err := f.zone.zone(); err != nil {
		errs["zone"] = err
	} else {
		r.Zone = zone
	}
	if r.Start, err = timezone.ParseDate(strings.TrimSpace(f.start.Text)); err != nil {
		errs["start"] = fmt.Errorf("start date %w", err)
	}
	r.Coverage = nil
	if c := strings.TrimSpace(f.coverage.Text); c != "" {
		d, err := timezone.ParseDayHours(c)
		switch {
		case err != nil:
			errs["coverage"] = fmt.Errorf("coverage %w", err)
		case len(d) != 1:
			errs["coverage"] = fmt.Errorf("coverage %q: give one window like 08:00-16:00", c)
		default:
			r.Coverage = &d[0]
		}
	}
	r.Members = append([]string(nil), f.members...)
	// The rules are the rotation's own; the form only parses the text.
	_, rules := r.Check()
	for field, err := range rules.ByField() {
		if _, parsed := errs[field]; !parsed && f.errs.label(field) != nil {
			errs[field] = err
		}
	}
	if err := oncall.CheckUniqueName(f.t.rotations, r); err != nil && errs["name"] == nil {
		errs["name"] = err
	}
	return r, errs
}

func (f *rotationForm) onSave() {
	if !f.errs.checkAll() {
		return
	}
	r, _ := f.rotation()
	saved, err := f.t.store.SaveRotation(context.Background(), r)
	if err != nil {
		f.t.s.showError(err)
		return
	}
	f.dlg.Hide()
	f.t.rots.selected = saved.Name
	f.t.changed()
}
