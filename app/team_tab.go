package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// teamStore is what the Team tab needs from storage.
type teamStore interface {
	Members(ctx context.Context) ([]roster.Member, error)
	Team(ctx context.Context) (team.Team, error)
	ImportTeam(ctx context.Context, t team.Team) (team.MergeSummary, error)
	SaveMember(ctx context.Context, m roster.Member) (roster.Member, error)
	DeleteMember(ctx context.Context, id int64) error
	AddTimeOff(ctx context.Context, memberID int64, t roster.TimeOff) (roster.TimeOff, error)
	// For the on-call marker, and to tell whether a member is still in use.
	Rotations(ctx context.Context) ([]oncall.Rotation, error)
	OneOnOnes(ctx context.Context, member string) ([]worklog.OneOnOne, error)
	CountUpdates(ctx context.Context, f worklog.UpdateFilter) (int, error)
	// To put a deleted member's 1:1 cadence back.
	OneOnOneSchedules(ctx context.Context) ([]worklog.Schedule, error)
	SetCadence(ctx context.Context, member string, c worklog.Cadence, meetAt timezone.Clock, minutes int) error
}

// teamTab lists the members with their local time, whether they are
// working now and whether they are on call, and edits them.
type teamTab struct {
	s        *session
	store    teamStore
	members  []roster.Member
	shown    []roster.Member // members matching the filter
	selected int64           // ID of the selected member, 0 for none
	// onCall lists, by member name, the rotations they are on call in now.
	onCall map[string][]string

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

// The member list's columns: Name, Role, Zone, Local time, Now, On call.
var (
	memberRowWeights = []float32{1, 1.3, 1.1, 1.1, 0.9, 0.9}
	// memberRowDrop leaves out the role below 560 px of list; the detail
	// pane still shows it.
	memberRowDrop = []float32{0, 560, 0, 0, 0, 0}
)

func buildTeamTab(s *session) *teamTab {
	t := &teamTab{s: s, store: s.db}
	s.team = t
	t.filter = widget.NewEntry()
	t.filter.SetPlaceHolder("Filter by name, role or zone")
	t.filter.OnChanged = func(string) { t.applyFilter() }
	t.add = widget.NewButtonWithIcon("Add member", theme.ContentAddIcon(), t.onAdd)
	t.add.Importance = widget.HighImportance
	s.guard(t.add)
	t.count = widget.NewLabel("")
	t.count.Importance = widget.LowImportance
	t.list = widget.NewList(func() int { return len(t.shown) }, newMemberRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(t.shown) {
			t.selected = t.shown[id].ID
			t.showDetail()
		}
	}
	t.detail = container.NewStack()
	header := newDroppingColumns(memberRowWeights, memberRowDrop, columnHeader("Name"), columnHeader("Role"),
		columnHeader("Zone"), columnHeader("Local time"), columnHeader("Now"), columnHeader("On call"))
	t.split = container.NewHSplit(container.NewBorder(header, nil, nil, nil, t.list), container.NewPadded(t.detail))
	t.split.Offset = 0.58
	t.empty = t.emptyState()
	t.body = container.NewStack()
	toolbar := container.NewBorder(nil, nil, nil, container.NewHBox(t.count, t.add), t.filter)
	content := container.NewBorder(toolbar, nil, nil, nil, t.body)
	t.reload()
	s.listenTeam(t.reload)
	s.every(30*time.Second, t.tick)
	s.onTab(tabTeam, tabActions{
		search:  func() { s.win.Canvas().Focus(t.filter) },
		newItem: t.onAdd,
	})
	t.item = container.NewTabItemWithIcon("Team", theme.AccountIcon(), content)
	return t
}

// tick refreshes the local times and who is on call.
func (t *teamTab) tick() {
	t.readOnCall()
	t.list.Refresh()
	t.showDetail()
}

func (t *teamTab) emptyState() fyne.CanvasObject {
	head := widget.NewLabelWithStyle("No team yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel("Add the people you work with, with their time zone and working hours,\n" +
		"or start from a sample team spread across awkward time zones.")
	msg.Alignment = fyne.TextAlignCenter
	t.sampleB = widget.NewButtonWithIcon("Load sample team", theme.DownloadIcon(), t.s.loadSampleTeam)
	t.sampleB.Importance = widget.HighImportance
	importB := widget.NewButtonWithIcon("Import team file…", theme.FolderOpenIcon(), t.s.importTeamFile)
	addB := widget.NewButtonWithIcon("Add member", theme.ContentAddIcon(), t.onAdd)
	t.s.guard(t.sampleB, importB, addB)
	return container.NewCenter(container.NewVBox(head, msg, container.NewCenter(container.NewHBox(t.sampleB, importB, addB))))
}

// reload reads the members from the database and redraws the tab.
func (t *teamTab) reload() {
	ms, err := t.store.Members(context.Background())
	if err != nil {
		t.s.showError(err)
		return
	}
	t.members = ms
	if len(ms) == 0 {
		t.body.Objects = []fyne.CanvasObject{t.empty}
	} else {
		t.body.Objects = []fyne.CanvasObject{t.split}
	}
	t.body.Refresh()
	t.readOnCall()
	t.applyFilter()
}

// readOnCall finds who is on call now, in which rotations.
func (t *teamTab) readOnCall() {
	t.onCall = map[string][]string{}
	rots, err := t.store.Rotations(context.Background())
	if err != nil {
		return // the marker is a convenience; the On-call tab reports errors
	}
	for _, st := range oncall.Now(rots, t.s.now()) {
		if st.OnCall {
			key := strings.ToLower(st.Current.Member)
			t.onCall[key] = append(t.onCall[key], st.Rotation)
		}
	}
}

// onCallIn lists the rotations the member is on call in now.
func (t *teamTab) onCallIn(name string) []string { return t.onCall[strings.ToLower(name)] }

// memberMatches reports whether a member's name, role, zone or city holds
// q (lower case; "" matches everyone): the Team filter's and the overlap
// member chooser's rule.
func memberMatches(m roster.Member, q string) bool {
	return q == "" || strings.Contains(strings.ToLower(m.Name+" "+m.Role+" "+m.Zone+" "+timezone.City(m.Zone)), q)
}

func (t *teamTab) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(t.filter.Text))
	t.shown = t.shown[:0]
	for _, m := range t.members {
		if memberMatches(m, q) {
			t.shown = append(t.shown, m)
		}
	}
	if q == "" {
		t.count.SetText(plural(len(t.members), "member", "members"))
	} else {
		t.count.SetText(fmt.Sprintf("%d of %s", len(t.shown), plural(len(t.members), "member", "members")))
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
	cells := []fyne.CanvasObject{name}
	for _, sample := range []string{"Role", "Zone", "Mon 00:00", "off hours", "Primary"} {
		cells = append(cells, widget.NewLabel(sample))
	}
	for _, c := range cells {
		c.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
	}
	return newDroppingColumns(memberRowWeights, memberRowDrop, cells...)
}

// columnHeader is the bold title of a list column.
func columnHeader(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (t *teamTab) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.shown) {
		return
	}
	m := t.shown[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(m.Name)
	cells[1].(*widget.Label).SetText(m.Role)
	cells[2].(*widget.Label).SetText(timezone.City(m.Zone))
	local, status, imp := memberNow(m, t.s.now())
	cells[3].(*widget.Label).SetText(local)
	st := cells[4].(*widget.Label)
	st.Importance = imp
	st.SetText(status)
	rots := t.onCallIn(m.Name)
	oc := cells[5].(*widget.Label)
	oc.Importance = widget.HighImportance
	oc.SetText(strings.Join(rots, ", "))
}

// memberNow returns the member's local time now (for the row of the list,
// where the zone is shown beside it), their status and its colour.
func memberNow(m roster.Member, now time.Time) (local, status string, imp widget.Importance) {
	loc, err := m.Location()
	if err != nil {
		return "?", "unknown zone", widget.DangerImportance
	}
	local = axisLabel(now, loc, formDayClock)
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
		sign, off = "−", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// selectedMember is the selected member if the filter shows them.
func (t *teamTab) selectedMember() (roster.Member, bool) {
	for _, m := range t.shown {
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
		text := "Select a member to see their contacts and hours."
		if len(t.shown) == 0 && t.filter.Text != "" {
			text = fmt.Sprintf("No member matches %q.", strings.TrimSpace(t.filter.Text))
		}
		hint := widget.NewLabel(text)
		hint.Alignment = fyne.TextAlignCenter
		hint.Truncation = fyne.TextTruncateEllipsis
		t.detail.Objects = []fyne.CanvasObject{container.NewVBox(layout.NewSpacer(), hint, layout.NewSpacer())}
		t.detail.Refresh()
		return
	}
	now := t.s.now()
	_, status, imp := memberNow(m, now)
	statusL := widget.NewLabel(status)
	statusL.Importance = imp
	title := widget.NewLabelWithStyle(m.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	loc, _ := m.Location()
	localText := "?"
	zoneText := m.Zone
	if loc != nil {
		localText = showTime(now, loc, formDayClock) + "  " + utcOffset(now.In(loc))
		zoneText = timezone.City(m.Zone) + "  (" + m.Zone + ")"
	}
	local := widget.NewLabel(localText)
	local.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Role", wrapped(orDash(m.Role))),
		widget.NewFormItem("Zone", wrapped(zoneText)),
		widget.NewFormItem("Local time", container.NewVBox(local, statusL)),
	}
	if rots := t.onCallIn(m.Name); len(rots) > 0 {
		l := widget.NewLabel("on call now in " + strings.Join(rots, ", "))
		l.Importance = widget.HighImportance
		items = append(items, widget.NewFormItem("On call", l))
	}
	items = append(items,
		widget.NewFormItem("Email", contactRow(t.s, m.Email)),
		widget.NewFormItem("Phone", contactRow(t.s, m.Phone)),
		widget.NewFormItem("Chat", contactRow(t.s, m.Chat)),
		widget.NewFormItem("Urgent", wrapped(urgentText(m))),
		widget.NewFormItem("Answers within", wrapped(m.ResponseText())))
	info := widget.NewForm(items...)
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
		hours.Append(strings.ToUpper(key[:1])+key[1:], wrapped(text))
	}
	off := container.NewVBox()
	upcoming := 0
	for _, o := range m.TimeOff {
		if o.End.After(now) && loc != nil {
			upcoming++
			off.Add(wrapped(timeOffSpan(o, loc) + "  " + o.Summary))
		}
	}
	if upcoming == 0 {
		none := widget.NewLabel("No time off ahead.")
		none.Importance = widget.LowImportance
		off.Add(none)
	}
	t.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { t.onEdit(m) })
	t.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { t.onDelete(m) })
	t.delete.Importance = widget.DangerImportance
	zone := zoneText
	timeOffB := widget.NewButtonWithIcon("Edit…", theme.CalendarIcon(), func() { showTimeOffEditor(t.s, m, t.s.teamChanged) })
	importB := widget.NewButtonWithIcon("Import .ics…", theme.FolderOpenIcon(), func() { showTimeOffImport(t.s, m, t.s.teamChanged) })
	t.s.lockEdits(timeOffB, importB, t.edit, t.delete)
	t.detail.Objects = []fyne.CanvasObject{container.NewVScroll(scrollInset(container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(t.edit, t.delete), title),
		info,
		widget.NewSeparator(),
		boldLabel("Working hours"),
		wrapped("In "+zone+"."),
		hours,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(timeOffB, importB), boldLabel("Time off")),
		off,
	)))}
	t.detail.Refresh()
}

// wrapped is a label that wraps its text at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// scrollInset keeps content clear of a vertical scroll bar, which is drawn
// over the right edge of what it scrolls.
func scrollInset(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()+theme.Padding()), o)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// contactRow shows a contact with a button that copies it to the clipboard.
func contactRow(s *session, value string) fyne.CanvasObject {
	if value == "" {
		return widget.NewLabel("—")
	}
	copyB := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { s.copyText(value) })
	copyB.Importance = widget.LowImportance
	text := widget.NewLabel(value)
	text.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, copyB, text)
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

// memberUses says where the member is still named (rotations, overrides,
// the escalation policy, the log); a member named anywhere cannot be deleted.
func (t *teamTab) memberUses(m roster.Member) ([]string, error) {
	ctx := context.Background()
	tm, err := t.store.Team(ctx)
	if err != nil {
		return nil, err
	}
	var uses []string
	for _, r := range tm.Rotations {
		in := false
		for _, n := range r.Members {
			in = in || strings.EqualFold(n, m.Name)
		}
		for _, o := range r.Overrides {
			in = in || strings.EqualFold(o.Member, m.Name)
		}
		if in {
			uses = append(uses, "the rotation "+r.Name)
		}
	}
	for _, l := range tm.Policy.Levels {
		found := false
		for _, tg := range l.Targets {
			found = found || (tg.Kind == oncall.TargetMember && strings.EqualFold(tg.Name, m.Name))
		}
		if found {
			uses = append(uses, "the escalation policy")
			break
		}
	}
	ones, err := t.store.OneOnOnes(ctx, m.Name)
	if err != nil {
		return nil, err
	}
	if len(ones) > 0 {
		uses = append(uses, plural(len(ones), "1:1", "1:1s")+" in the log")
	}
	ups, err := t.store.CountUpdates(ctx, worklog.UpdateFilter{Author: m.Name})
	if err != nil {
		return nil, err
	}
	if ups > 0 {
		uses = append(uses, plural(ups, "update", "updates")+" in the log")
	}
	return uses, nil
}

// onDelete deletes a member who is named nowhere else, after a
// confirmation; Undo on the bar puts them back with their time off and 1:1
// cadence.
func (t *teamTab) onDelete(m roster.Member) {
	uses, err := t.memberUses(m)
	if err != nil {
		t.s.showError(err)
		return
	}
	if len(uses) > 0 {
		t.s.info(m.Name+" is still in use", m.Name+" cannot be deleted while named in "+joinAnd(uses)+
			".\nTake them out there first.")
		return
	}
	t.s.confirm("Delete "+m.Name+"?", "This removes "+m.Name+" and their time off.", "Delete", func() {
		ctx := context.Background()
		var cadence *worklog.Schedule
		if ss, err := t.store.OneOnOneSchedules(ctx); err == nil {
			for _, s := range ss {
				if s.MemberID == m.ID && s.Cadence != worklog.CadenceNone {
					s := s
					cadence = &s
				}
			}
		}
		if err := t.store.DeleteMember(ctx, m.ID); err != nil {
			t.s.showError(err)
			return
		}
		t.selected = 0
		t.s.teamChanged()
		t.s.undoable("Deleted "+m.Name, func() error { return t.restoreMember(m, cadence) })
	})
}

// restoreMember saves a deleted member again with their time off and cadence.
func (t *teamTab) restoreMember(m roster.Member, cadence *worklog.Schedule) error {
	ctx := context.Background()
	again := m
	again.ID, again.TimeOff = 0, nil
	saved, err := t.store.SaveMember(ctx, again)
	if err != nil {
		return err
	}
	for _, o := range m.TimeOff {
		o.ID = 0
		if _, err := t.store.AddTimeOff(ctx, saved.ID, o); err != nil {
			return err
		}
	}
	if cadence != nil {
		if err := t.store.SetCadence(ctx, saved.Name, cadence.Cadence, cadence.MeetAt, cadence.Minutes); err != nil {
			return err
		}
	}
	t.selected = saved.ID
	t.s.teamChanged()
	return nil
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
