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

// feedPage is how many updates the feed reads at a time; the next page is
// read when the list scrolls near the end of what is loaded.
const feedPage = 200

const (
	allKinds   = "All kinds"
	everyone   = "Everyone"
	dateLayout = "2006-01-02"
)

// feedView is the async update feed, newest first, with filters by kind,
// member, tag and date range. With a fixed kind (decision) it is the
// decision log.
type feedView struct {
	t         *logTab
	fixedKind worklog.Kind
	items     []worklog.Update // the pages loaded so far, newest first
	total     int              // how many the filter chooses
	shown     worklog.UpdateFilter
	loading   bool

	kind    *widget.Select
	member  *widget.Select
	tag     *keyEntry
	from    *keyEntry
	to      *keyEntry
	status  *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

func newFeedView(t *logTab, fixed worklog.Kind) *feedView {
	v := &feedView{t: t, fixedKind: fixed}
	kinds := []string{allKinds}
	for _, k := range worklog.Kinds {
		kinds = append(kinds, string(k))
	}
	v.kind = widget.NewSelect(kinds, func(string) { v.reload() })
	v.kind.SetSelected(allKinds)
	v.member = widget.NewSelect([]string{everyone}, func(string) { v.reload() })
	v.member.SetSelected(everyone)
	v.tag = newEntry()
	v.tag.SetPlaceHolder("tag")
	v.from = newEntry()
	v.from.SetPlaceHolder("from YYYY-MM-DD")
	v.to = newEntry()
	v.to.SetPlaceHolder("to YYYY-MM-DD")
	for _, e := range []*keyEntry{v.tag, v.from, v.to} {
		e.OnChanged = func(string) { v.reload() }
	}
	v.status = widget.NewLabel("")
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.list = widget.NewList(func() int { return len(v.items) }, newFeedRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		v.list.Unselect(id)
		if id >= 0 && id < len(v.items) {
			t.showUpdate(v.items[id])
		}
	}
	filters := []fyne.CanvasObject{}
	if fixed == "" {
		filters = append(filters, v.kind)
	}
	filters = append(filters, v.member, v.tag)
	add := widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { t.showUpdateForm(fixed) })
	if fixed == worklog.KindDecision {
		add.SetText("Record a decision")
	}
	bar := container.NewVBox(
		container.NewGridWithColumns(len(filters), filters...),
		container.NewBorder(nil, nil, container.NewHBox(sized(v.from, 140), sized(v.to, 140)), add, v.status))
	v.content = container.NewBorder(bar, nil, nil, nil, v.list)
	return v
}

// sized gives an entry a fixed width in a row.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// reloadChoices refreshes the member filter's options.
func (v *feedView) reloadChoices() {
	opts := append([]string{everyone}, v.t.memberNames()...)
	v.member.Options = opts
	found := false
	for _, o := range opts {
		found = found || o == v.member.Selected
	}
	if !found {
		v.member.SetSelected(everyone)
	}
	v.member.Refresh()
}

// filter reads the filter fields; a date that does not parse is reported
// and the field keeps what was typed.
func (v *feedView) filter() (worklog.UpdateFilter, error) {
	f := worklog.UpdateFilter{Kind: v.fixedKind, Tag: v.tag.Text}
	if v.fixedKind == "" && v.kind.Selected != allKinds && v.kind.Selected != "" {
		f.Kind = worklog.Kind(v.kind.Selected)
	}
	if v.member.Selected != everyone {
		f.Author = v.member.Selected
	}
	var err error
	if f.From, err = parseDay("from", v.from.Text, v.t.s.viewer, 0); err != nil {
		return f, err
	}
	if f.To, err = parseDay("to", v.to.Text, v.t.s.viewer, 1); err != nil {
		return f, err
	}
	return f, nil
}

// parseDay reads an optional date (midnight in loc, plus plusDays, so "to"
// includes its whole day).
func parseDay(field, s string, loc *time.Location, plusDays int) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(dateLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date YYYY-MM-DD", field, s)
	}
	return t.AddDate(0, 0, plusDays), nil
}

// reload reads the first page of the updates the filters choose.
func (v *feedView) reload() {
	if v.list == nil {
		return
	}
	f, err := v.filter()
	v.apply(fetchFeed(context.Background(), v.t.store, f, err))
}

// feedData is a first page of updates and how many the filter chooses.
type feedData struct {
	filter worklog.UpdateFilter
	items  []worklog.Update
	total  int
	// filterErr is a filter field that does not parse; err a failed read.
	filterErr, err error
}

// fetchFeed reads the first page of the updates f chooses; it touches no
// widget. filterErr, from reading the filter fields, is passed on.
func fetchFeed(ctx context.Context, st logStore, f worklog.UpdateFilter, filterErr error) feedData {
	d := feedData{filter: f, filterErr: filterErr}
	if filterErr != nil {
		return d
	}
	if d.total, d.err = st.CountUpdates(ctx, f); d.err != nil {
		return d
	}
	f.Limit = feedPage
	d.items, d.err = st.Updates(ctx, f)
	return d
}

// apply shows a page read by fetchFeed, unless the filter fields changed
// since (then it reads again).
func (v *feedView) apply(d feedData) {
	if v.list == nil {
		return
	}
	if f, err := v.filter(); err == nil && d.filterErr == nil && f != d.filter {
		v.reload()
		return
	}
	if d.filterErr != nil {
		v.status.Importance = widget.DangerImportance
		v.status.SetText(d.filterErr.Error())
		return
	}
	if d.err != nil {
		v.t.showError(d.err)
		return
	}
	f := d.filter
	f.Limit = feedPage
	v.items, v.total, v.shown = d.items, d.total, f
	v.status.Importance = widget.LowImportance
	v.status.SetText(plural(d.total, "update", "updates"))
	v.list.Refresh()
}

// setStatus shows a word in the status line (such as "Loading…").
func (v *feedView) setStatus(s string) {
	if v.status != nil {
		v.status.Importance = widget.LowImportance
		v.status.SetText(s)
	}
}

// loadMore appends the next page.
func (v *feedView) loadMore() {
	v.loading = false
	if len(v.items) >= v.total {
		return
	}
	f := v.shown
	f.Offset = len(v.items)
	more, err := v.t.store.Updates(context.Background(), f)
	if err != nil {
		v.t.showError(err)
		return
	}
	v.items = append(v.items, more...)
	v.list.Refresh()
}

func newFeedRow() fyne.CanvasObject {
	return twoLineRow("decision · Name · Mon 2 Jan 2006 15:04", widget.NewLabel("text"))
}

func (v *feedView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.items) {
		return
	}
	if id >= len(v.items)-feedPage/4 && len(v.items) < v.total && !v.loading {
		v.loading = true // read the next page after this redraw
		go fyne.Do(v.loadMore)
	}
	u := v.items[id]
	box := o.(*fyne.Container)
	head := box.Objects[0].(*widget.Label)
	head.SetText(updateHeading(u, v.t.s.viewer))
	head.Importance = kindImportance(u.Kind)
	head.Refresh()
	box.Objects[1].(*widget.Label).SetText(markdownLine(u.Text))
}

// updateHeading is "kind · author · time in the viewer's zone (time in the
// author's zone) · #tags".
func updateHeading(u worklog.Update, viewer *time.Location) string {
	s := fmt.Sprintf("%s · %s · %s", u.Kind, u.Author, showTime(u.At, viewer, formFull))
	if loc, err := timezone.LoadZone(u.AuthorZone); err == nil {
		if fieldTime(u.At, loc) != fieldTime(u.At, viewer) {
			s += fmt.Sprintf(" (%s for %s)", showTime(u.At, loc, formDayClock), u.Author)
		}
	}
	if len(u.Tags) > 0 {
		s += " · #" + strings.Join(u.Tags, " #")
	}
	return s
}

// kindImportance colours an update by its kind.
func kindImportance(k worklog.Kind) widget.Importance {
	switch k {
	case worklog.KindBlocker:
		return widget.DangerImportance
	case worklog.KindDecision:
		return widget.HighImportance
	case worklog.KindWin:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// showUpdate shows a whole update, its text rendered from Markdown; it can
// be deleted (with Undo).
func (t *logTab) showUpdate(u worklog.Update) {
	text := markdown(u.Text)
	var d *dialog.CustomDialog
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() {
		t.s.confirm("Delete this update?", "This removes the "+string(u.Kind)+" by "+u.Author+".", "Delete", func() {
			if err := t.store.DeleteUpdate(context.Background(), u.ID); err != nil {
				t.showError(err)
				return
			}
			d.Hide()
			t.changed()
			t.s.undoable("Deleted the "+string(u.Kind)+" by "+u.Author, func() error {
				again := u
				again.ID = 0
				if _, err := t.store.AddUpdate(context.Background(), again); err != nil {
					return err
				}
				t.changed()
				return nil
			})
		})
	})
	del.Importance = widget.DangerImportance
	closeB := widget.NewButton("Close", func() { d.Hide() })
	head := widget.NewLabel(updateHeading(u, t.s.viewer))
	head.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(strings.ToUpper(string(u.Kind[:1]))+string(u.Kind[1:])+" by "+u.Author,
		container.NewBorder(head, nil, nil, nil, container.NewVScroll(scrollInset(text))), t.s.win)
	d.SetButtons([]fyne.CanvasObject{del, closeB})
	d.Resize(t.s.dialogSize(720, 480))
	t.s.show(d, d.Hide)
}
