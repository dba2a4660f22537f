package app

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/internal/desktopentry"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

// nobody is the "I am" choice that names no member.
const nobody = "Nobody in particular"

// kindLabels are the reminder kinds offered in Settings, in order.
var kindLabels = []struct {
	kind  reminders.Kind
	label string
}{
	{reminders.ShiftStart, "A shift of mine starts"},
	{reminders.Handoff, "Someone else goes on call in a rotation I follow"},
	{reminders.OneOnOne, "A 1:1 is due today"},
	{reminders.ActionDue, "An action item of mine is due tomorrow"},
	{reminders.ReviewDue, "The emergency protocol is due for review"},
}

// settingsShortcut opens Settings: Ctrl+, (Cmd+, on macOS).
var settingsShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}

// addSettingsMenu puts "Settings…" in the window's first menu (a File menu
// when the window has none yet) and binds its shortcut.
func (s *session) addSettingsMenu() {
	item := fyne.NewMenuItem("Settings…", s.openSettings)
	item.Shortcut = settingsShortcut
	s.win.Canvas().AddShortcut(settingsShortcut, func(fyne.Shortcut) { s.openSettings() })
	mm := s.win.MainMenu()
	if mm == nil || len(mm.Items) == 0 {
		s.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File", item)))
		return
	}
	first := mm.Items[0]
	first.Items = append([]*fyne.MenuItem{item, fyne.NewMenuItemSeparator()}, first.Items...)
	s.win.SetMainMenu(mm)
}

// settingsForm is the Settings dialog: who I am, the reminders, and how the
// app lives on the desktop.
type settingsForm struct {
	s *session
	p *presence

	me        *widget.Select
	kinds     *widget.CheckGroup
	leads     *widget.Entry
	follow    *widget.CheckGroup
	quiet     *widget.Entry
	keep      *widget.Check
	autostart *widget.Check

	// stored is what Settings opened with: a kind it does not offer keeps
	// its value.
	stored store.Presence
	dialog dialog.Dialog
}

// openSettings shows the Settings dialog.
func (s *session) openSettings() {
	if s.presence == nil {
		return
	}
	f, err := newSettingsForm(s)
	if err != nil {
		s.showError(err)
		return
	}
	s.presence.form = f
	f.show()
}

func newSettingsForm(s *session) (*settingsForm, error) {
	p := s.presence
	ctx := context.Background()
	stored, err := p.db.Presence(ctx)
	if err != nil {
		return nil, err
	}
	in, err := p.db.ReminderInput(ctx, "")
	if err != nil {
		return nil, err
	}
	f := &settingsForm{s: s, p: p, stored: stored}
	names := []string{nobody}
	for _, m := range in.Team.Members {
		names = append(names, m.Name)
	}
	f.me = widget.NewSelect(names, nil)
	f.me.SetSelected(nobody)
	if stored.Me != "" {
		f.me.SetSelected(stored.Me)
	}

	var labels, on []string
	for _, k := range kindLabels {
		labels = append(labels, k.label)
		if stored.Reminders.On(k.kind) {
			on = append(on, k.label)
		}
	}
	f.kinds = widget.NewCheckGroup(labels, nil)
	f.kinds.SetSelected(on)

	f.leads = widget.NewEntry()
	f.leads.SetText(leadsText(stored.Reminders.Leads))
	f.leads.Validator = func(s string) error { _, err := parseLeads(s); return err }

	var rotations []string
	for _, r := range in.Team.Rotations {
		rotations = append(rotations, r.Name)
	}
	f.follow = widget.NewCheckGroup(rotations, nil)
	f.follow.SetSelected(stored.Reminders.Follow)

	f.quiet = widget.NewEntry()
	f.quiet.SetPlaceHolder("none")
	if q := stored.Reminders.Quiet; q != nil {
		f.quiet.SetText(q.String())
	}
	f.quiet.Validator = func(s string) error { _, err := parseQuiet(s); return err }

	f.keep = widget.NewCheck("Keep running in the tray when the window is closed", nil)
	f.keep.SetChecked(p.tray != nil && p.tray.keep())
	if p.tray == nil || p.tray.host == nil || !p.tray.running || !p.tray.available {
		f.keep.SetChecked(false)
		f.keep.Disable()
	}
	f.autostart = widget.NewCheck("Start remotecto when I log in", nil)
	f.autostart.SetChecked(desktopentry.Autostart())
	return f, nil
}

func (f *settingsForm) items() []*widget.FormItem {
	zone := "my zone"
	if loc, ok := f.s.myZone(); ok {
		zone = zoneName(loc)
	}
	keepHint := "Closing the window quits remotecto: this desktop shows no tray icons."
	if !f.keep.Disabled() {
		keepHint = "Reminders keep coming while the window is closed; Quit is in the tray menu."
	}
	items := []*widget.FormItem{
		{Text: "I am", Widget: f.me, HintText: "Reminders and the \"your\" views follow who you are; same as 'remotecto me NAME'."},
		{Text: "Remind me when", Widget: f.kinds},
		{Text: "Shift reminders", Widget: f.leads, HintText: "Minutes before a shift of mine starts, 0 for when it starts: 60, 0"},
		{Text: "Handoffs in", Widget: f.follow, HintText: "None ticked: the rotations I am in."},
		{Text: "Quiet hours", Widget: f.quiet, HintText: "In " + zone + ", like 22:00-07:00; empty for none. Shift reminders still come."},
		{Text: "Tray", Widget: f.keep, HintText: keepHint},
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		items = append(items, &widget.FormItem{Text: "Session", Widget: f.autostart,
			HintText: "Writes or removes the autostart entry in ~/.config/autostart."})
	}
	return items
}

func (f *settingsForm) show() {
	// The form scrolls: with its hints it is taller than a 600-pixel window.
	body := container.NewVScroll(widget.NewForm(f.items()...))
	body.SetMinSize(fyne.NewSize(0, 200))
	d := dialog.NewCustomConfirm("Settings", "Save", "Cancel", body, func(ok bool) {
		if ok {
			f.save()
		}
	}, f.s.win)
	d.Resize(f.s.dialogSize(680, 640))
	f.dialog = d
	f.s.show(d, func() {
		d.Hide()
		f.save()
	})
}

// presence reads the form into what storage keeps.
func (f *settingsForm) presence() (store.Presence, error) {
	out := f.stored
	out.Me = ""
	if f.me.Selected != nobody {
		out.Me = f.me.Selected
	}
	rs := f.stored.Reminders
	rs.Off = map[reminders.Kind]bool{}
	for k, off := range f.stored.Reminders.Off {
		rs.Off[k] = off
	}
	for _, k := range kindLabels {
		rs.Off[k.kind] = !slices.Contains(f.kinds.Selected, k.label)
	}
	var err error
	if rs.Leads, err = parseLeads(f.leads.Text); err != nil {
		return out, err
	}
	rs.Follow = slices.Clone(f.follow.Selected)
	if rs.Quiet, err = parseQuiet(f.quiet.Text); err != nil {
		return out, err
	}
	out.Reminders = rs
	if !f.keep.Disabled() {
		keep := f.keep.Checked
		out.KeepInTray = &keep
	}
	return out, nil
}

// save stores the choices in one transaction, writes or removes the
// autostart entry, and tells every view.
func (f *settingsForm) save() {
	p, err := f.presence()
	if err == nil {
		_, err = f.p.db.SavePresence(context.Background(), p)
	}
	if err == nil && f.autostart.Checked != desktopentry.Autostart() {
		err = f.setAutostart(f.autostart.Checked)
	}
	if err != nil {
		f.s.showError(err)
	}
	f.s.teamChanged() // who I am may have changed what every view shows
}

// setAutostart writes the autostart entry for the running program (with its
// database when that is not the default one), or removes it.
func (f *settingsForm) setAutostart(on bool) error {
	if !on {
		return desktopentry.SetAutostart(false, nil)
	}
	exe, err := desktopentry.Executable()
	if err != nil {
		return err
	}
	argv := []string{exe}
	if def, err := store.DefaultPath(); err == nil && f.p.db.Path() != def {
		argv = append(argv, "--db", f.p.db.Path())
	}
	return desktopentry.SetAutostart(true, argv)
}

// leadsText writes lead times as the form shows them: "60, 0".
func leadsText(ls []time.Duration) string {
	if len(ls) == 0 {
		ls = reminders.DefaultLeads
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strconv.Itoa(int(l / time.Minute))
	}
	return strings.Join(out, ", ")
}

// errLeads says how lead times are written.
var errLeads = errors.New("give minutes before the shift separated by commas, like 60, 0")

// parseLeads reads "60, 0" as lead times; empty means the defaults.
func parseLeads(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("shift reminders %q: %w", s, errLeads)
		}
		out = append(out, time.Duration(n)*time.Minute)
	}
	if err := (reminders.Settings{Leads: out}).Check(); err != nil {
		return nil, err
	}
	return out, nil
}

// parseQuiet reads quiet hours; empty means none.
func parseQuiet(s string) (*timezone.Range, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	q, err := store.ParseQuietHours(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	if err := (reminders.Settings{Quiet: &q}).Check(); err != nil {
		return nil, err
	}
	return &q, nil
}
