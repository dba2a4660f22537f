package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
)

// teamStore is what the Team tab needs from storage.
type teamStore interface {
	Members(ctx context.Context) ([]roster.Member, error)
	Team(ctx context.Context) (team.Team, error)
	ImportTeam(ctx context.Context, t team.Team) (team.MergeSummary, error)
	SaveMember(ctx context.Context, m roster.Member) (roster.Member, error)
	DeleteMember(ctx context.Context, id int64) error
}

// teamTab lists the members with their local time and whether they are
// working now, and edits them.
type teamTab struct {
	s        *session
	store    teamStore
	members  []roster.Member
	shown    []roster.Member // members matching the filter
	selected int64           // ID of the selected member, 0 for none

	filter  *widget.Entry
	list    *widget.List
	detail  *fyne.Container
	body    *fyne.Container // list + detail, or the empty state
	empty   fyne.CanvasObject
	split   *container.Split
	add     *widget.Button
	count   *widget.Label
	edit    *widget.Button
	delete  *widget.Button
	sampleB *widget.Button
	form    *memberForm // the add / edit form last opened
	item    *container.TabItem
}

func newTeamTab(s *session) *container.TabItem {
	return container.NewTabItemWithIcon("Team", theme.AccountIcon(),
		newLazyTab(func() fyne.CanvasObject { return buildTeamTab(s).item.Content }))
}

func buildTeamTab(s *session) *teamTab {
	t := &teamTab{s: s, store: s.db}
	t.filter = widget.NewEntry()
	t.filter.SetPlaceHolder("Filter by name, role or zone")
	t.filter.OnChanged = func(string) { t.applyFilter() }
	t.add = widget.NewButtonWithIcon("Add member", theme.ContentAddIcon(), t.onAdd)
	t.add.Importance = widget.HighImportance
	importB := widget.NewButtonWithIcon("Import team file…", theme.FolderOpenIcon(), t.onImport)
	exportB := widget.NewButtonWithIcon("Export team file…", theme.DocumentSaveIcon(), t.onExport)
	s.guard(t.add, importB)
	t.count = widget.NewLabel("")
	t.list = widget.NewList(func() int { return len(t.shown) }, newMemberRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(t.shown) {
			t.selected = t.shown[id].ID
			t.showDetail()
		}
	}
	t.detail = container.NewStack()
	header := newColumns(memberRowWeights, columnHeader("Name"), columnHeader("Role"), columnHeader("Zone"),
		columnHeader("Local time"), columnHeader("Now"))
	t.split = container.NewHSplit(container.NewBorder(header, nil, nil, nil, t.list), container.NewPadded(t.detail))
	t.split.Offset = 0.55
	t.empty = t.emptyState()
	t.body = container.NewStack()
	toolbar := container.NewBorder(nil, nil, nil, container.NewHBox(t.count, importB, exportB, t.add), t.filter)
	content := container.NewBorder(toolbar, nil, nil, nil, t.body)
	t.reload()
	s.listenTeam(t.reload)
	s.every(30*time.Second, t.tick)
	t.item = container.NewTabItemWithIcon("Team", theme.AccountIcon(), content)
	return t
}

// tick refreshes the local times.
func (t *teamTab) tick() {
	t.list.Refresh()
	t.showDetail()
}

func (t *teamTab) emptyState() fyne.CanvasObject {
	head := widget.NewLabelWithStyle("No team yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel("Add the people you work with, with their time zone and working hours,\n" +
		"or start from a sample team spread across awkward time zones.")
	msg.Alignment = fyne.TextAlignCenter
	t.sampleB = widget.NewButtonWithIcon("Load sample team", theme.DownloadIcon(), t.onLoadSample)
	t.sampleB.Importance = widget.HighImportance
	importB := widget.NewButtonWithIcon("Import team file…", theme.FolderOpenIcon(), t.onImport)
	addB := widget.NewButtonWithIcon("Add member", theme.ContentAddIcon(), t.onAdd)
	t.s.guard(t.sampleB, importB, addB)
	return container.NewCenter(container.NewVBox(head, msg, container.NewCenter(container.NewHBox(t.sampleB, importB, addB))))
}

// reload reads the members from the database and redraws the tab.
func (t *teamTab) reload() {
	ms, err := t.store.Members(context.Background())
	if err != nil {
		dialog.ShowError(err, t.s.win)
		return
	}
	t.members = ms
	if len(ms) == 0 {
		t.body.Objects = []fyne.CanvasObject{t.empty}
	} else {
		t.body.Objects = []fyne.CanvasObject{t.split}
	}
	t.body.Refresh()
	t.count.SetText(fmt.Sprintf("%d members", len(ms)))
	t.applyFilter()
}

func (t *teamTab) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(t.filter.Text))
	t.shown = t.shown[:0]
	for _, m := range t.members {
		hay := strings.ToLower(m.Name + " " + m.Role + " " + m.Zone)
		if q == "" || strings.Contains(hay, q) {
			t.shown = append(t.shown, m)
		}
	}
	t.list.UnselectAll()
	index := -1
	for i, m := range t.shown {
		if m.ID == t.selected {
			index = i
		}
	}
	if index < 0 && len(t.shown) > 0 {
		index = 0 // never leave the detail pane empty while members are listed
	}
	if index >= 0 {
		t.selected = t.shown[index].ID
		t.list.Select(index)
	}
	t.list.Refresh()
	t.showDetail()
}

func newMemberRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("Name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel("Role")
	role.Truncation = fyne.TextTruncateEllipsis
	zone := widget.NewLabel("Zone")
	zone.Truncation = fyne.TextTruncateEllipsis
	local := widget.NewLabel("Mon 00:00")
	status := widget.NewLabel("off hours")
	return newColumns(memberRowWeights, name, role, zone, local, status)
}

// columnHeader is the bold title of a list column.
func columnHeader(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.LowImportance
	return l
}

// memberRowWeights are the relative widths of the member list's columns.
var memberRowWeights = []float32{1, 1.4, 1.6, 1.5, 0.9}

func (t *teamTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.shown) {
		return
	}
	m := t.shown[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(m.Name)
	cells[1].(*widget.Label).SetText(m.Role)
	cells[2].(*widget.Label).SetText(m.Zone)
	now := t.s.now()
	local, status, imp := memberNow(m, now)
	cells[3].(*widget.Label).SetText(local)
	st := cells[4].(*widget.Label)
	st.Importance = imp
	st.SetText(status)
}

// memberNow returns the member's local time now, their status and its colour.
func memberNow(m roster.Member, now time.Time) (local, status string, imp widget.Importance) {
	loc, err := m.Location()
	if err != nil {
		return "?", "unknown zone", widget.DangerImportance
	}
	t := now.In(loc)
	local = t.Format("Mon 15:04") + "  " + utcOffset(t)
	switch {
	case m.AwayAt(now):
		return local, "away", widget.WarningImportance
	case m.Hours.Contains(loc, now):
		return local, "working", widget.SuccessImportance
	case m.Acceptable.Contains(loc, now):
		return local, "reachable", widget.MediumImportance
	}
	return local, "off hours", widget.LowImportance
}

// utcOffset formats t's offset as UTC+5:30.
func utcOffset(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

func (t *teamTab) selectedMember() (roster.Member, bool) {
	for _, m := range t.members {
		if m.ID == t.selected && t.selected != 0 {
			return m, true
		}
	}
	return roster.Member{}, false
}

// showDetail draws the selected member's card: contacts, hours, time off.
func (t *teamTab) showDetail() {
	m, ok := t.selectedMember()
	if !ok {
		hint := widget.NewLabel("Select a member to see their contacts and hours.")
		hint.Alignment = fyne.TextAlignCenter
		t.detail.Objects = []fyne.CanvasObject{container.NewCenter(hint)}
		t.detail.Refresh()
		return
	}
	local, status, imp := memberNow(m, t.s.now())
	statusL := widget.NewLabel(status)
	statusL.Importance = imp
	title := widget.NewLabelWithStyle(m.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	info := widget.NewForm(
		widget.NewFormItem("Role", widget.NewLabel(orDash(m.Role))),
		widget.NewFormItem("Zone", widget.NewLabel(m.Zone)),
		widget.NewFormItem("Local time", container.NewHBox(widget.NewLabel(local), statusL)),
		widget.NewFormItem("Email", contactRow(t.s.win, m.Email)),
		widget.NewFormItem("Phone", contactRow(t.s.win, m.Phone)),
		widget.NewFormItem("Chat", contactRow(t.s.win, m.Chat)),
		widget.NewFormItem("Urgent", wrapped(urgentText(m))),
		widget.NewFormItem("Answers within", wrapped(m.ResponseText())),
	)
	hours := widget.NewForm()
	for _, d := range weekdayOrder {
		text := m.Hours[d].String()
		if text == "" {
			text = "off"
		}
		if a := m.Acceptable[d].String(); a != "" {
			text += "   (acceptable " + a + ")"
		}
		key := timezone.WeekdayKeys[d]
		hours.Append(strings.ToUpper(key[:1])+key[1:], widget.NewLabel(text))
	}
	off := container.NewVBox()
	upcoming := 0
	loc, _ := m.Location()
	for _, o := range m.TimeOff {
		if o.End.After(t.s.now()) && loc != nil {
			upcoming++
			off.Add(widget.NewLabel(timeOffSpan(o, loc) + "  " + o.Summary))
		}
	}
	if upcoming == 0 {
		off.Add(widget.NewLabel("No time off ahead."))
	}
	t.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { t.onEdit(m) })
	t.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { t.onDelete(m) })
	t.delete.Importance = widget.DangerImportance
	offB := widget.NewButtonWithIcon("Time off…", theme.CalendarIcon(), func() { showTimeOffEditor(t.s, m, t.s.teamChanged) })
	calB := widget.NewButtonWithIcon("Import calendar…", theme.FolderOpenIcon(), func() { showTimeOffImport(t.s, m, t.s.teamChanged) })
	t.s.lockEdits(offB, calB, t.edit, t.delete)
	t.detail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(offB, calB, t.edit, t.delete), title),
		info,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Working hours ("+m.Zone+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hours,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Time off ("+m.Zone+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		off,
	))}
	t.detail.Refresh()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// contactRow shows a contact with a button that copies it to the clipboard.
func contactRow(win fyne.Window, value string) fyne.CanvasObject {
	if value == "" {
		return widget.NewLabel("—")
	}
	copyB := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(value)
	})
	return container.NewHBox(widget.NewLabel(value), copyB, layout.NewSpacer())
}

func (t *teamTab) onAdd() {
	t.form = newMemberForm(t.s, t.store, roster.Member{}, t.members, func(m roster.Member) {
		t.selected = m.ID
		t.s.teamChanged()
	})
	t.form.show()
}

func (t *teamTab) onEdit(m roster.Member) {
	t.form = newMemberForm(t.s, t.store, m, t.members, func(roster.Member) { t.s.teamChanged() })
	t.form.show()
}

func (t *teamTab) onDelete(m roster.Member) {
	dialog.ShowConfirm("Delete "+m.Name+"?", "This removes "+m.Name+" and their time off. It cannot be undone.", func(ok bool) {
		if !ok {
			return
		}
		if err := t.store.DeleteMember(context.Background(), m.ID); err != nil {
			dialog.ShowError(err, t.s.win)
			return
		}
		t.selected = 0
		t.s.teamChanged()
	}, t.s.win)
}

func (t *teamTab) onLoadSample() {
	t.importFrom(bytes.NewReader(assets.SampleTeamJSON), "the sample team")
}

func (t *teamTab) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, t.s.win)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		t.importFrom(r, r.URI().Name())
	}, t.s.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFrom imports a team file and reports what changed.
func (t *teamTab) importFrom(r io.Reader, name string) {
	team, err := teamfile.Decode(r)
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s: %w", name, err), t.s.win)
		return
	}
	sum, err := t.store.ImportTeam(context.Background(), team)
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s: %w", name, err), t.s.win)
		return
	}
	t.s.teamChanged()
	dialog.ShowInformation("Team imported", "Imported "+name+":\n"+strings.ReplaceAll(sum.String(), "; ", "\n"), t.s.win)
}

func (t *teamTab) onExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, t.s.win)
			return
		}
		if w == nil {
			return
		}
		defer w.Close()
		team, err := t.store.Team(context.Background())
		if err == nil {
			err = teamfile.Encode(w, team)
		}
		if err != nil {
			dialog.ShowError(err, t.s.win)
		}
	}, t.s.win)
	d.SetFileName("team.json")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
