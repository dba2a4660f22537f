package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// presenceStore is what the desktop presence (who I am, reminders, the
// tray) needs from storage.
type presenceStore interface {
	Presence(ctx context.Context) (store.Presence, error)
	SavePresence(ctx context.Context, p store.Presence) (store.Presence, error)
	ReminderInput(ctx context.Context, me string) (reminders.Input, error)
	LastSeen(ctx context.Context) (time.Time, error)
	FireReminders(ctx context.Context, due []reminders.Reminder, seen time.Time) ([]reminders.Reminder, error)
	Member(ctx context.Context, name string) (roster.Member, error)
	// Path is the database file, for the autostart entry.
	Path() string
}

// presence is the app's life on the desktop beyond its window: who I am,
// the reminders sent as notifications, and the tray icon and menu.
type presence struct {
	s   *session
	db  presenceStore
	app fyne.App
	// send shows a notification; tests record them.
	send func(*fyne.Notification)

	// me and myLoc are who I am and my zone (nil when nobody is set);
	// read and written on the UI goroutine only.
	me    string
	myLoc *time.Location
	// keepInTray is the stored choice; nil when never made.
	keepInTray *bool

	sched *scheduler
	tray  *tray
	// form is the Settings dialog last opened (tests fill it in).
	form *settingsForm
}

// newPresence reads who I am from storage, for the views built next; start
// sets the rest going.
func newPresence(s *session, db presenceStore, a fyne.App) *presence {
	p := &presence{s: s, db: db, app: a}
	// With no session bus, Fyne's notification would start one (dbus-launch)
	// and leave it running: send only where one is.
	hasBus := desktopHasBus()
	p.send = func(n *fyne.Notification) {
		if hasBus {
			a.SendNotification(n)
		}
	}
	p.load()
	return p
}

// start gives the main window its desktop presence: the reminder
// scheduler, the tray when the desktop has one, and the Settings entry.
func (p *presence) start() {
	p.sched = newScheduler(p)
	go p.sched.run()
	p.tray = newTray(p, p.app)
	p.tray.start()
	p.s.listenTeam(p.changed)
	p.s.addSettingsMenu()
}

// load reads who I am and the tray choice.
func (p *presence) load() {
	pr, err := p.db.Presence(context.Background())
	if err != nil {
		fyne.LogError("read who I am", err)
		return
	}
	p.me, p.myLoc, p.keepInTray = pr.Me, nil, pr.KeepInTray
	if pr.Me == "" {
		return
	}
	if m, err := p.db.Member(context.Background(), pr.Me); err == nil {
		if loc, err := m.Location(); err == nil {
			p.myLoc = loc
		}
	}
}

// changed is called on the UI goroutine after the team or the settings
// changed: who I am is read again, the reminders are listed again and the
// tray menu redrawn.
func (p *presence) changed() {
	p.load()
	if p.sched != nil {
		p.sched.reload()
	}
	if p.tray != nil {
		p.tray.refresh()
	}
}

// zone is the zone reminders are shown in: mine, or the viewer's when
// nobody is set.
func (p *presence) zone() *time.Location {
	if p.myLoc != nil {
		return p.myLoc
	}
	return p.s.viewer
}

// myZone returns my zone when I said who I am (Settings, or `remotecto me`).
func (s *session) myZone() (*time.Location, bool) {
	if s.presence == nil || s.presence.myLoc == nil {
		return nil, false
	}
	return s.presence.myLoc, true
}

// myName returns who I am; empty when nobody is set.
func (s *session) myName() string {
	if s.presence == nil {
		return ""
	}
	return s.presence.me
}

// yourNextShift says when my next stretch on call starts and ends, in my
// zone ("Your next shift: Primary, Mon 30 Mar 09:00 to Mon 6 Apr 09:00
// Europe/Lisbon"); empty when nobody is set.
func (s *session) yourNextShift(members []roster.Member, rotations []oncall.Rotation, now time.Time) string {
	me := s.myName()
	if me == "" {
		return ""
	}
	in := reminders.Input{Team: team.Team{Members: members, Rotations: rotations}, Me: me}
	for _, l := range reminders.TrayMenu(in, now).Lines {
		if l.Kind == reminders.LineNextShift {
			return l.Text
		}
	}
	return ""
}

// yourOneOnOnesDue lists the 1:1s due today or overdue, in my zone (the
// viewer's when nobody is set), one line each; my own schedule is left out.
func (s *session) yourOneOnOnesDue(scheds []worklog.Schedule, now time.Time) []string {
	in := reminders.Input{Me: "", Zone: timezone.Name(s.viewer)}
	if loc, ok := s.myZone(); ok {
		in.Zone = timezone.Name(loc)
	}
	me := s.myName()
	for _, sc := range scheds {
		if sc.Cadence != worklog.CadenceNone && !strings.EqualFold(sc.Member, me) {
			in.Schedules = append(in.Schedules, sc)
		}
	}
	var out []string
	for _, l := range reminders.TrayMenu(in, now).Lines {
		if l.Kind == reminders.LineOneOnOne {
			out = append(out, l.Text)
		}
	}
	return out
}
