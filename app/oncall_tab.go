package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

// oncallStore is what the On-call tab needs from storage.
type oncallStore interface {
	Members(ctx context.Context) ([]roster.Member, error)
	Rotations(ctx context.Context) ([]oncall.Rotation, error)
	SaveRotation(ctx context.Context, r oncall.Rotation) (oncall.Rotation, error)
	DeleteRotation(ctx context.Context, id int64) error
	Policy(ctx context.Context) (oncall.Policy, error)
	SavePolicy(ctx context.Context, p oncall.Policy) (oncall.Policy, error)
	// Team reads the whole team in one transaction, for the exports.
	Team(ctx context.Context) (team.Team, error)
	// Sequencer numbers exported events so calendar apps see changes.
	calendar.Sequencer
}

// oncallTab holds the on-call views: who is on call now, the timeline, the
// rotation and escalation editors, the dry run, warnings and fairness.
type oncallTab struct {
	s     *session
	store oncallStore

	members   []roster.Member
	rotations []oncall.Rotation
	policy    oncall.Policy

	views    *container.AppTabs
	now      *oncallNowView
	timeline *oncallTimelineView
	rots     *rotationsView
	esc      *policyView
	dryRun   *dryRunView
	warnings *warningsView
	fairness *fairnessView
	// emergency is the Emergency view: who to call, the protocol, alerts.
	emergency *emergencyView
	// refreshers redraw each view; stale marks views to redraw when selected.
	refreshers map[*container.TabItem]func()
	stale      map[*container.TabItem]bool
}

// newOnCallTab builds the on-call rota and escalation tab.
func newOnCallTab(s *session) *container.TabItem {
	return container.NewTabItemWithIcon("On-call", theme.WarningIcon(), newLazyTab(func() fyne.CanvasObject {
		t := newOncallTab(s, s.db)
		s.listenTeam(t.reload)
		t.s.every(30*time.Second, t.tick)
		return withReviewBanner(t)
	}))
}

func newOncallTab(s *session, st oncallStore) *oncallTab {
	t := &oncallTab{s: s, store: st}
	t.now = newOncallNowView(t)
	t.timeline = newOncallTimelineView(t)
	t.rots = newRotationsView(t)
	t.esc = newPolicyView(t)
	t.dryRun = newDryRunView(t)
	t.warnings = newWarningsView(t)
	t.fairness = newFairnessView(t)
	t.emergency = newEmergencyView(t, s.db)
	t.refreshers = map[*container.TabItem]func(){}
	var items []*container.TabItem
	for _, v := range []struct {
		title   string
		content fyne.CanvasObject
		refresh func()
	}{
		{"Now", t.now.content, t.now.refresh},
		{"Timeline", t.timeline.content, t.timeline.refresh},
		{"Rotations", t.rots.content, t.rots.refresh},
		{"Escalation", t.esc.content, t.esc.refresh},
		{"Dry run", t.dryRun.content, t.dryRun.refresh},
		{"Warnings", t.warnings.content, t.warnings.refresh},
		{"Fairness", t.fairness.content, t.fairness.refresh},
		{"Emergency", t.emergency.content, t.emergency.refresh},
	} {
		item := container.NewTabItem(v.title, v.content)
		items = append(items, item)
		t.refreshers[item] = v.refresh
	}
	t.views = container.NewAppTabs(items...)
	t.stale = map[*container.TabItem]bool{}
	t.views.OnSelected = func(item *container.TabItem) {
		if t.stale[item] {
			delete(t.stale, item)
			t.refreshers[item]()
		}
	}
	t.reload()
	return t
}

// tick refreshes "now" and the timeline's now line.
func (t *oncallTab) tick() {
	if sel := t.views.Selected(); sel != nil && (sel.Content == t.now.content || sel.Content == t.timeline.content ||
		sel.Content == t.emergency.content) {
		t.refreshers[sel]()
	}
}

// reload reads the team from the database and redraws every view.
func (t *oncallTab) reload() {
	ctx := context.Background()
	ms, err := t.store.Members(ctx)
	if err == nil {
		t.members = ms
		t.rotations, err = t.store.Rotations(ctx)
	}
	if err == nil {
		t.policy, err = t.store.Policy(ctx)
	}
	if err != nil {
		dialog.ShowError(err, t.s.win)
	}
	// Only the view on screen is redrawn now; the others when they are
	// selected, so a large team costs little at start-up.
	sel := t.views.Selected()
	for item, refresh := range t.refreshers {
		if item == sel {
			refresh()
		} else {
			t.stale[item] = true
		}
	}
}

// changed is called after a save: every tab reloads the team.
func (t *oncallTab) changed() { t.s.teamChanged() }

// member returns the member with the given name, if any.
func (t *oncallTab) member(name string) (roster.Member, bool) {
	return roster.FindMember(t.members, name)
}

// memberNames lists the team's member names in roster order.
func (t *oncallTab) memberNames() []string {
	out := make([]string, len(t.members))
	for i, m := range t.members {
		out[i] = m.Name
	}
	return out
}

// rotationNames lists the rotation names.
func (t *oncallTab) rotationNames() []string {
	out := make([]string, len(t.rotations))
	for i, r := range t.rotations {
		out[i] = r.Name
	}
	return out
}

// known reports whether a member of that name exists.
func (t *oncallTab) known(name string) bool { _, ok := t.member(name); return ok }
