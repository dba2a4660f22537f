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
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// memberForm is the add / edit dialog of a member. Each field shows its own
// error beside it; nothing is saved until every field is valid.
type memberForm struct {
	store    memberSaver
	s        *session
	original roster.Member
	others   []roster.Member // the rest of the team, for unique names
	onSaved  func(roster.Member)

	name, role, email, phone, chat *keyEntry
	zone                           *zonePicker
	urgent                         *widget.Select
	response                       *keyEntry
	hours, acceptable              [7]*keyEntry
	errs                           *fieldErrors
	save, cancel                   *widget.Button
	dlg                            dialog.Dialog
}

// weekdayOrder lists the weekdays Monday first, as people read a week.
// memberSaver stores a member.
type memberSaver interface {
	SaveMember(ctx context.Context, m roster.Member) (roster.Member, error)
}

var weekdayOrder = []int{1, 2, 3, 4, 5, 6, 0}

func newMemberForm(s *session, st memberSaver, m roster.Member, others []roster.Member, onSaved func(roster.Member)) *memberForm {
	f := &memberForm{s: s, store: st, original: m, others: others, onSaved: onSaved}
	f.errs = newFieldErrors(func() map[string]error { _, errs := f.member(); return errs })
	f.name = f.errs.entry("name", m.Name, "Ana")
	f.role = f.errs.entry("role", m.Role, "Backend lead")
	f.email = f.errs.entry("email", m.Email, "ana@example.com")
	f.phone = f.errs.entry("phone", m.Phone, "+351 210 000 001")
	f.chat = f.errs.entry("chat", m.Chat, "@ana")
	f.urgent = newUrgentSelect(m.UrgentChannel, func() { f.errs.check("urgent") })
	f.errs.add("urgent")
	f.response = f.errs.entry("response", m.Response, roster.DefaultResponse)
	f.zone = newZonePicker(m.Zone, "Type a city to search: lisbon, kolkata, new york…")
	f.zone.onChange = func(string) { f.errs.typed("zone") }
	f.zone.onLeave = func() { f.errs.left("zone") }
	f.errs.add("zone")
	for _, d := range weekdayOrder {
		key := timezone.WeekdayKeys[d]
		f.hours[d] = f.errs.entry("hours."+key, m.Hours[d].String(), "off")
		f.acceptable[d] = f.errs.entry("acceptable."+key, m.Acceptable[d].String(), "")
	}
	if m.ID == 0 && m.Hours.IsEmpty() {
		for _, d := range []int{1, 2, 3, 4, 5} {
			f.hours[d].SetText("09:00-17:00")
		}
	}
	f.save = widget.NewButton("Save", f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton("Cancel", func() { f.dlg.Hide() })
	return f
}

// show opens the form as a dialog over the window.
func (f *memberForm) show() {
	title := "Add member"
	if f.original.ID != 0 {
		title = "Edit " + f.original.Name
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content(), f.s.win)
	f.dlg.Resize(f.s.dialogSize(900, 620))
	f.s.show(f.dlg, f.onSave)
	f.s.win.Canvas().Focus(f.name)
}

func (f *memberForm) content() fyne.CanvasObject {
	field := func(label, key string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w, f.errs.label(key))
	}
	left := container.NewVBox(
		field("Name", "name", f.name),
		field("Role", "role", f.role),
		field("Time zone (IANA)", "zone", f.zone),
		field("Email", "email", f.email),
		field("Phone", "phone", f.phone),
		field("Chat handle", "chat", f.chat),
	)
	grid := container.New(layout.NewFormLayout())
	head := container.NewGridWithColumns(2,
		widget.NewLabelWithStyle("Working hours", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Acceptable (wider)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	grid.Add(widget.NewLabel(""))
	grid.Add(head)
	var errs []fyne.CanvasObject
	for _, d := range weekdayOrder {
		key := timezone.WeekdayKeys[d]
		grid.Add(widget.NewLabel(strings.ToUpper(key[:1]) + key[1:]))
		grid.Add(container.NewGridWithColumns(2, f.hours[d], f.acceptable[d]))
		errs = append(errs, f.errs.label("hours."+key), f.errs.label("acceptable."+key))
	}
	help := widget.NewLabel("Hours like 09:00-17:00; several ranges with commas; 22:00-06:00 crosses midnight and counts for the day it starts. Empty = day off.")
	help.Wrapping = fyne.TextWrapWord
	urgent := container.NewBorder(nil, nil, field("Urgent: reach by", "urgent", f.urgent), nil,
		field("Answers within", "response", f.response))
	right := container.NewVBox(grid, help, container.NewVBox(errs...), urgent)
	buttons := container.NewHBox(layout.NewSpacer(), f.cancel, f.save)
	body := container.NewGridWithColumns(2, left, right)
	f.errs.root = container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(body))
	return f.errs.root
}

// member builds the member from the fields and returns the errors by field.
func (f *memberForm) member() (roster.Member, map[string]error) {
	errs := map[string]error{}
	m := f.original
	m.Name = strings.TrimSpace(f.name.Text)
	m.Role, m.Email, m.Phone, m.Chat = f.role.Text, f.email.Text, f.phone.Text, f.chat.Text
	m.UrgentChannel, m.Response = urgentChannel(f.urgent), f.response.Text
	zoneErr := error(nil)
	if zone, err := f.zone.zone(); err != nil {
		zoneErr = err
	} else {
		m.Zone = zone
	}
	for _, d := range weekdayOrder {
		key := timezone.WeekdayKeys[d]
		h, err := timezone.ParseDayHours(f.hours[d].Text)
		if err != nil {
			errs["hours."+key] = fmt.Errorf("%s hours %q: %w", key, f.hours[d].Text, err)
		}
		m.Hours[d] = h
		a, err := timezone.ParseDayHours(f.acceptable[d].Text)
		if err != nil {
			errs["acceptable."+key] = fmt.Errorf("%s acceptable %q: %w", key, f.acceptable[d].Text, err)
		}
		m.Acceptable[d] = a
	}
	// The rules are the member's own; the form only parses the hours.
	_, rules := m.Check()
	for field, err := range rules.ByField() {
		// A rule about something the form does not edit (stored time off)
		// is reported by the store when saving.
		if _, parsed := errs[field]; !parsed && f.errs.label(field) != nil {
			errs[field] = err
		}
	}
	if zoneErr != nil {
		errs["zone"] = zoneErr // what was typed names no zone, or several
	}
	if err := roster.CheckUnique(f.others, m); err != nil && errs["name"] == nil {
		errs["name"] = err
	}
	return m, errs
}

func (f *memberForm) onSave() {
	if !f.errs.checkAll() {
		return
	}
	m, _ := f.member()
	saved, err := f.store.SaveMember(context.Background(), m)
	if err != nil {
		if errors.Is(err, roster.ErrDuplicateName) {
			f.errs.show("name", err)
			return
		}
		f.s.showError(err)
		return
	}
	f.dlg.Hide()
	if f.onSaved != nil {
		f.onSaved(saved)
	}
}
