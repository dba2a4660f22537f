package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// logStore is what the 1:1s & updates tab needs from storage.
type logStore interface {
	OneOnOneSchedules(ctx context.Context) ([]worklog.Schedule, error)
	SetCadence(ctx context.Context, member string, c worklog.Cadence, meetAt timezone.Clock, minutes int) error
	OneOnOnes(ctx context.Context, member string) ([]worklog.OneOnOne, error)
	WriteOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error)
	UpdateOneOnOne(ctx context.Context, o worklog.OneOnOne) (worklog.OneOnOne, error)
	DeleteOneOnOne(ctx context.Context, id int64) error
	OpenActions(ctx context.Context, member string) ([]worklog.ActionItem, error)
	SetActionDone(ctx context.Context, id int64, done bool) error
	AddUpdate(ctx context.Context, u worklog.Update) (worklog.Update, error)
	DeleteUpdate(ctx context.Context, id int64) error
	Updates(ctx context.Context, f worklog.UpdateFilter) ([]worklog.Update, error)
	CountUpdates(ctx context.Context, f worklog.UpdateFilter) (int, error)
	SearchLog(ctx context.Context, input string, limit int) ([]worklog.Hit, error)
	WholeLog(ctx context.Context) (worklog.Log, error)
	Members(ctx context.Context) ([]roster.Member, error)
	// Sequencer numbers exported events so calendar apps see changes.
	calendar.Sequencer
}

// searchLimit is how many search results the tab shows.
const searchLimit = 100

// logTab is the "1:1s & updates" tab: members with their 1:1 rhythm, the
// update feed, the decision log, open action items and one search box.
type logTab struct {
	s       *session
	store   logStore
	item    *container.TabItem
	members []roster.Member
	zones   map[string]*time.Location // lower-case member name -> zone

	search     *boundedEntry
	views      *container.AppTabs
	people     *peopleView
	feed       *feedView
	decisions  *feedView
	actions    *actionsView
	results    *searchView
	resultsTab *container.TabItem

	newUpdateB *widget.Button
	exportMDB  *widget.Button
	exportICSB *widget.Button

	// loads counts the reloads started; only the newest one's data is shown.
	loads uint64

	// The forms open now, if any (tests drive them).
	oneForm *oneOnOneForm
	updForm *updateForm
}

func newLogTab(s *session) *container.TabItem {
	return container.NewTabItemWithIcon("1:1s & updates", theme.DocumentIcon(),
		newLazyTab(func() fyne.CanvasObject { return buildLogTab(s).item.Content }))
}

func buildLogTab(s *session) *logTab {
	t := &logTab{s: s, store: s.db}
	s.log = t
	t.search = newBoundedEntry(searchInputMax)
	t.search.SetPlaceHolder("Search notes, action items and updates")
	t.search.OnChanged = t.onSearch
	t.newUpdateB = widget.NewButtonWithIcon("New update", theme.ContentAddIcon(), func() { t.showUpdateForm("") })
	t.newUpdateB.Importance = widget.HighImportance
	t.exportMDB = widget.NewButtonWithIcon("Markdown…", theme.DocumentSaveIcon(), t.onExportMarkdown)
	t.exportICSB = widget.NewButtonWithIcon("1:1 calendar…", theme.CalendarIcon(), t.onExportICS)

	t.people = newPeopleView(t)
	t.feed = newFeedView(t, "")
	t.decisions = newFeedView(t, worklog.KindDecision)
	t.actions = newActionsView(t)
	t.results = newSearchView(t)
	t.resultsTab = container.NewTabItemWithIcon("Search", theme.SearchIcon(), t.results.content)
	t.views = container.NewAppTabs(
		container.NewTabItemWithIcon("1:1s", theme.AccountIcon(), t.people.content),
		container.NewTabItemWithIcon("Updates", theme.MailComposeIcon(), t.feed.content),
		container.NewTabItemWithIcon("Decisions", theme.ConfirmIcon(), t.decisions.content),
		container.NewTabItemWithIcon("Action items", theme.ListIcon(), t.actions.content),
		t.resultsTab,
	)
	t.views.SetTabLocation(container.TabLocationLeading)

	export := widget.NewLabel("Export:")
	toolbar := container.NewBorder(nil, nil, nil, container.NewHBox(export, t.exportMDB, t.exportICSB, t.newUpdateB), t.search)
	t.item = container.NewTabItemWithIcon("1:1s & updates", theme.DocumentIcon(), container.NewBorder(toolbar, nil, nil, nil, t.views))
	t.reload()
	s.listenTeam(t.reload)
	s.onTab(tabLog, tabActions{
		search:  func() { s.win.Canvas().Focus(t.search) },
		newItem: t.onNew,
	})
	return t
}

// onNew writes a new 1:1 with the member open in the 1:1s view, or else a
// new update (Ctrl+N).
func (t *logTab) onNew() {
	if t.views.SelectedIndex() == 0 && t.people.selected != "" {
		t.showOneOnOneForm(t.people.selected)
		return
	}
	t.showUpdateForm("")
}

// reload reads everything the tab shows from the database, off the UI
// goroutine (at 200,000 entries the counts, the open action items and the
// schedules take longer than a frame), and then shows it. A reload started
// later wins: an earlier one's data is dropped.
func (t *logTab) reload() {
	feedF, feedErr := t.feed.filter()
	decF, decErr := t.decisions.filter()
	t.loads++
	gen := t.loads
	if t.members == nil {
		t.feed.setStatus("Loading…")
		t.decisions.setStatus("Loading…")
	}
	var d logData
	t.s.inBackground(func() {
		d = t.fetch(feedF, feedErr, decF, decErr)
	}, func() {
		if gen == t.loads {
			t.apply(d)
		}
	})
}

// logData is what the tab shows, as read by fetch.
type logData struct {
	members   []roster.Member
	scheds    []worklog.Schedule
	feed      feedData
	decisions feedData
	actions   []worklog.ActionItem
	err       error
}

// fetch reads the tab's data; it touches no widget.
func (t *logTab) fetch(feedF worklog.UpdateFilter, feedErr error, decF worklog.UpdateFilter, decErr error) logData {
	ctx := context.Background()
	var d logData
	if d.members, d.err = t.store.Members(ctx); d.err != nil {
		return d
	}
	if d.scheds, d.err = t.store.OneOnOneSchedules(ctx); d.err != nil {
		return d
	}
	d.feed = fetchFeed(ctx, t.store, feedF, feedErr)
	d.decisions = fetchFeed(ctx, t.store, decF, decErr)
	d.actions, d.err = t.store.OpenActions(ctx, "")
	return d
}

// apply shows what fetch read.
func (t *logTab) apply(d logData) {
	if d.err != nil {
		t.showError(d.err)
		return
	}
	t.members = d.members
	t.zones = make(map[string]*time.Location, len(d.members))
	for _, m := range d.members {
		if loc, err := m.Location(); err == nil {
			t.zones[strings.ToLower(m.Name)] = loc
		}
	}
	t.people.apply(d.scheds)
	t.feed.reloadChoices()
	t.decisions.reloadChoices()
	t.feed.apply(d.feed)
	t.decisions.apply(d.decisions)
	t.actions.apply(d.actions)
	if t.search.Text != "" {
		t.results.run(t.search.Text)
	}
}

// changed reloads after the user changed the log.
func (t *logTab) changed() { t.reload() }

func (t *logTab) onSearch(q string) {
	t.results.run(q)
	if q != "" && t.views.Selected() != t.resultsTab {
		t.views.Select(t.resultsTab)
	}
}

// memberNames lists the members' names in order.
func (t *logTab) memberNames() []string {
	out := make([]string, 0, len(t.members))
	for _, m := range t.members {
		out = append(out, m.Name)
	}
	return out
}

// zoneOf returns a member's zone (UTC when unknown).
func (t *logTab) zoneOf(name string) *time.Location {
	if loc, ok := t.zones[strings.ToLower(name)]; ok {
		return loc
	}
	return time.UTC
}

func (t *logTab) showError(err error) { t.s.showError(err) }
