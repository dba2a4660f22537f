package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/follow"
	"dev.remotecto/remotecto/publish"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
)

// sharingStore is what sharing with the team needs of storage besides the
// tabs' own: publishing (publish.Store), following (follow.Store) and
// editing the targets.
type sharingStore interface {
	PublishTargets(ctx context.Context) ([]share.Target, error)
	AddPublishTarget(ctx context.Context, t share.Target) (share.Target, error)
	RemovePublishTarget(ctx context.Context, name string) error
	SavePublishRun(ctx context.Context, name string, state []byte, at time.Time, o share.Outcome) error
	Subscription(ctx context.Context) (share.Subscription, bool, error)
	ReplaceFollowedTeam(ctx context.Context, sub share.Subscription, t team.Team, at time.Time) (share.Replaced, error)
	SaveFollowCheck(ctx context.Context, at time.Time, errMsg string) error
	Unfollow(ctx context.Context) error
}

// How often the window publishes and refreshes by itself.
const (
	// publishAfterEdit is how long after the last change of the team the
	// targets are published: a burst of edits makes one publish.
	publishAfterEdit = 30 * time.Second
	// publishEvery is how often the targets are published anyway (the feeds'
	// window moves with the days).
	publishEvery = time.Hour
	// refreshEvery is how often a following window pulls the team.
	refreshEvery = 15 * time.Minute
)

// sharing is the window's side of sharing with the team: publishing in the
// background, following a published team, the banner that says so and the
// editing controls it locks.
type sharing struct {
	s       *session
	store   sharingStore
	secrets dav.Secrets
	// afterEdit is publishAfterEdit; tests shorten it.
	afterEdit time.Duration

	content fyne.CanvasObject // the tabs
	banner  *fyne.Container
	bannerL *widget.Label
	errL    *widget.Label
	// guarded are the long-lived editing controls, locked and unlocked as
	// following starts and stops.
	guarded []fyne.Disableable
	sub     share.Subscription
	// following mirrors session.readOnly for the background goroutines.
	following atomic.Bool
	// view is the Publishing dialog while it is open: it is told when a
	// publish ends.
	view *publishSettings

	mu      sync.Mutex
	running bool // a publish is under way
	again   bool // publish once more when it ends
	// againAsked says the user asked for the publish queued by again (its
	// outcome is then shown); againCreate the collections they agreed to
	// create.
	againAsked  bool
	againCreate map[string]bool
	cancel      context.CancelFunc // stops the publish under way
	progress    func(done, total int)
	debounce    *time.Timer
	refreshing  bool
}

// initSharing reads whether the database follows a team, before the tabs
// are built, so that they are built read-only.
func (s *session) initSharing(secrets dav.Secrets) {
	if secrets == nil {
		secrets = dav.NewSecrets()
	}
	sh := &sharing{s: s, store: s.db, secrets: secrets, afterEdit: publishAfterEdit}
	s.share = sh
	if sub, following, err := sh.store.Subscription(context.Background()); err == nil && following {
		sh.sub = sub
		s.readOnly = true
		sh.following.Store(true)
	}
}

// startSharing puts the banner above the tabs when the database follows a
// team, adds the Settings menu and starts publishing and refreshing in the
// background.
func (s *session) startSharing(content fyne.CanvasObject) {
	sh := s.share
	if sh == nil {
		return
	}
	sh.content = content
	sh.bannerL = widget.NewLabel("")
	sh.bannerL.Wrapping = fyne.TextWrapWord
	sh.errL = widget.NewLabel("")
	sh.errL.Importance = widget.DangerImportance
	sh.errL.Wrapping = fyne.TextWrapWord
	sh.errL.Hide()
	refresh := widget.NewButtonWithIcon("Refresh now", theme.ViewRefreshIcon(), func() { sh.refresh(true) })
	sh.banner = container.NewBorder(nil, widget.NewSeparator(), widget.NewIcon(theme.InfoIcon()), refresh,
		container.NewVBox(sh.bannerL, sh.errL))
	sh.showFollowing()
	// Publishing and following go into the window's first (File) menu.
	if mm := s.win.MainMenu(); mm != nil && len(mm.Items) > 0 {
		first := mm.Items[0]
		first.Items = append(append(sh.menu().Items, fyne.NewMenuItemSeparator()), first.Items...)
		s.win.SetMainMenu(mm)
	} else {
		s.win.SetMainMenu(fyne.NewMainMenu(sh.menu()))
	}
	s.listenTeam(sh.teamEdited)
	go sh.loop()
	if sessionStarted != nil {
		sessionStarted(s.win, s)
	}
}

// sessionStarted, when set (by tests), is told of each window's session.
var sessionStarted func(fyne.Window, *session)

// menu is the Settings menu: publishing, and following a team.
func (sh *sharing) menu() *fyne.Menu {
	follow := fyne.NewMenuItem("Follow a published team…", func() { showFollowDialog(sh) })
	return fyne.NewMenu("Settings",
		fyne.NewMenuItem("Publishing…", func() { showPublishSettings(sh) }),
		follow,
	)
}

// guard registers long-lived editing controls: they are disabled while the
// database follows a team. Controls built again on every redraw use
// lockEdits instead.
func (s *session) guard(objs ...fyne.Disableable) {
	if s.share != nil {
		s.share.guarded = append(s.share.guarded, objs...)
	}
	s.lockEdits(objs...)
}

// lockEdits disables editing controls when the database follows a team:
// its team changes only where it is published (the banner says so).
func (s *session) lockEdits(objs ...fyne.Disableable) {
	if !s.readOnly {
		return
	}
	for _, o := range objs {
		o.Disable()
	}
}

// setReadOnly switches the window to following (or back), on the UI
// goroutine: the long-lived controls are locked or unlocked, and every tab
// redraws (building its other controls as they must be).
func (sh *sharing) setReadOnly(on bool) {
	sh.s.readOnly = on
	sh.following.Store(on)
	for _, o := range sh.guarded {
		if on {
			o.Disable()
		} else {
			o.Enable()
		}
	}
	sh.showFollowing()
	sh.s.teamChanged()
}

// showFollowing shows the banner when following, or the tabs alone.
func (sh *sharing) showFollowing() {
	if sh.content == nil {
		return
	}
	if !sh.s.readOnly {
		if sh.s.win.Content() != sh.content {
			sh.s.win.SetContent(sh.content)
		}
		return
	}
	updated := "not yet"
	if !sh.sub.Updated.IsZero() {
		updated = showTime(sh.sub.Updated, sh.s.viewer, formDayTime)
	}
	sh.bannerL.SetText(fmt.Sprintf("Following %s, updated %s. The team is read-only here: it changes where it is published "+
		"(your own 1:1 and update log stays private and editable).", sh.sub.URL, updated))
	if sh.sub.LastError != "" {
		sh.errL.SetText("Last refresh failed: " + sh.sub.LastError)
		sh.errL.Show()
	} else {
		sh.errL.Hide()
	}
	if c, ok := sh.s.win.Content().(*fyne.Container); !ok || len(c.Objects) == 0 || c.Objects[0] != sh.content {
		sh.s.win.SetContent(container.NewBorder(sh.banner, nil, nil, nil, sh.content))
	}
}

// loop publishes every hour and, when following, refreshes every 15
// minutes, until the window closes.
func (sh *sharing) loop() {
	pub := time.NewTicker(publishEvery)
	defer pub.Stop()
	ref := time.NewTicker(refreshEvery)
	defer ref.Stop()
	// A first refresh (and a publish, when one is due) soon after start-up,
	// once the window is drawn.
	first := time.NewTimer(5 * time.Second)
	defer first.Stop()
	for {
		select {
		case <-sh.s.done:
			sh.stop()
			return
		case <-pub.C:
			sh.publish(false, nil)
		case <-first.C:
			sh.refresh(false)
			sh.publishIfDue()
		case <-ref.C:
			sh.refresh(false)
		}
	}
}

// publishIfDue publishes when a target has not run for publishEvery: a
// window opened once a day still keeps the feeds' window moving.
func (sh *sharing) publishIfDue() {
	ts, err := sh.store.PublishTargets(context.Background())
	if err != nil {
		return
	}
	for _, t := range ts {
		if sh.s.now().Sub(t.LastRun) >= publishEvery {
			sh.publish(false, nil)
			return
		}
	}
}

// sharedChanged tells sharing that something a feed may carry changed
// besides the team (a saved meeting): it is published a while later.
func (s *session) sharedChanged() {
	if s.share != nil {
		s.share.teamEdited()
	}
}

// teamEdited publishes a while after the last change of the team.
func (sh *sharing) teamEdited() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.debounce != nil {
		sh.debounce.Stop()
	}
	sh.debounce = time.AfterFunc(sh.afterEdit, func() { sh.publish(false, nil) })
}

// stop ends the background work: the pending publish and the one under way.
func (sh *sharing) stop() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.debounce != nil {
		sh.debounce.Stop()
	}
	if sh.cancel != nil {
		sh.cancel()
	}
}

// publishing reports whether a publish is under way.
func (sh *sharing) publishing() bool {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.running
}

// cancelPublish stops the publish under way; what it wrote is recorded.
func (sh *sharing) cancelPublish() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.cancel != nil {
		sh.cancel()
	}
}

// publish runs every target off the UI goroutine (only those named in
// create are allowed to create their calendar collection). A publish asked
// for while one runs is made after it. The views that show the status are
// told when it ends.
func (sh *sharing) publish(asked bool, create map[string]bool) {
	sh.mu.Lock()
	if sh.running {
		// One more run when this one ends; a click on Publish now (or an
		// agreement to create a calendar) made meanwhile is not lost.
		sh.again = true
		sh.againAsked = sh.againAsked || asked
		for name := range create {
			if sh.againCreate == nil {
				sh.againCreate = map[string]bool{}
			}
			sh.againCreate[name] = true
		}
		sh.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	sh.running, sh.again, sh.cancel = true, false, cancel
	progress := sh.progress
	sh.mu.Unlock()
	go func() {
		defer cancel()
		results, err := sh.run(ctx, create, progress)
		sh.mu.Lock()
		sh.running, sh.cancel = false, nil
		again := sh.again && ctx.Err() == nil
		againAsked, againCreate := sh.againAsked, sh.againCreate
		sh.againAsked, sh.againCreate = false, nil
		sh.mu.Unlock()
		fyne.Do(func() {
			sh.changed()
			if asked {
				sh.askToCreate(results)
			}
			if err != nil && asked {
				sh.s.showError(err)
			}
		})
		if again {
			sh.publish(againAsked, againCreate)
		}
	}()
}

// run publishes: the targets that may create their collection first, then
// the others.
func (sh *sharing) run(ctx context.Context, create map[string]bool, progress func(done, total int)) ([]dav.Result, error) {
	ts, err := sh.store.PublishTargets(ctx)
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	st := sh.s.db
	opt := publish.Options{Now: sh.s.now}
	if progress != nil {
		done := map[string]int{}
		totals := map[string]int{}
		var mu sync.Mutex
		opt.Progress = func(target string, d, total int) {
			mu.Lock()
			done[target], totals[target] = d, total
			var sd, st int
			for k := range totals {
				sd, st = sd+done[k], st+totals[k]
			}
			mu.Unlock()
			progress(sd, st)
		}
	}
	var names, creating []string
	for _, t := range ts {
		if create[t.Name] {
			creating = append(creating, t.Name)
		} else {
			names = append(names, t.Name)
		}
	}
	var out []dav.Result
	if len(creating) > 0 {
		o := opt
		o.Create = true
		rs, err := publish.Run(ctx, st, sh.secrets, creating, o)
		out = append(out, rs...)
		if err != nil {
			return out, err
		}
	}
	if len(names) > 0 {
		rs, err := publish.Run(ctx, st, sh.secrets, names, opt)
		out = append(out, rs...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// askToCreate offers to create the calendar collections a publish found
// missing, and publishes again for those the user agrees to.
func (sh *sharing) askToCreate(results []dav.Result) {
	for _, r := range results {
		if !errors.Is(r.Err, dav.ErrCollectionMissing) {
			continue
		}
		name := r.Target
		sh.s.confirm("Create the calendar?",
			fmt.Sprintf("The calendar of %q does not exist on the server yet.\n\nCreate it now (MKCALENDAR) and publish?", name),
			"Create", func() { sh.publish(true, map[string]bool{name: true}) })
	}
}

// changed tells the Publishing dialog, when open, that a run ended.
func (sh *sharing) changed() {
	if sh.view != nil {
		sh.view.reload()
	}
}

// refresh pulls the followed team off the UI goroutine; asked says the
// user asked (a failure is then shown in a dialog as well as the banner).
func (sh *sharing) refresh(asked bool) {
	sh.mu.Lock()
	if sh.refreshing || !sh.following.Load() {
		sh.mu.Unlock()
		return
	}
	sh.refreshing = true
	sh.mu.Unlock()
	go func() {
		res, err := follow.Refresh(context.Background(), sh.store, sh.secrets, sh.s.now(), follow.Options{})
		sub, following, serr := sh.store.Subscription(context.Background())
		sh.mu.Lock()
		sh.refreshing = false
		sh.mu.Unlock()
		fyne.Do(func() {
			if serr == nil && following {
				sh.sub = sub
			}
			sh.showFollowing()
			if err == nil && !res.NotModified && res.Replaced.Changed() {
				sh.s.teamChanged()
			}
			if err != nil && asked {
				sh.s.showError(err)
			}
			sh.changed()
		})
	}()
}
