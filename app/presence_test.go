package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/reminders"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
	"dev.remotecto/remotecto/timezone"
	"dev.remotecto/remotecto/worklog"
)

// fakeDesktop is the test app with a tray: it records the tray's menus and
// icons, the window given to the tray, and Quit.
type fakeDesktop struct {
	fyne.App
	mu      sync.Mutex
	menus   []*fyne.Menu
	icons   []fyne.Resource
	trayWin fyne.Window
	quits   int
}

func (d *fakeDesktop) SetSystemTrayMenu(m *fyne.Menu) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.menus = append(d.menus, m)
}

func (d *fakeDesktop) SetSystemTrayIcon(r fyne.Resource) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.icons = append(d.icons, r)
}

func (d *fakeDesktop) SetSystemTrayWindow(w fyne.Window) { d.trayWin = w }
func (d *fakeDesktop) Quit()                             { d.quits++ }

// notifications records what the app sends.
type notifications struct {
	mu  sync.Mutex
	all []*fyne.Notification
}

func (n *notifications) send(x *fyne.Notification) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.all = append(n.all, x)
}

func (n *notifications) take() []*fyne.Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.all
	n.all = nil
	return out
}

// clock is a settable "now" for the session.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// presenceFixture opens a database with the sample team, me set to me, and
// a session whose presence sends into the returned recorder. Nothing runs
// by itself: tests drive the scheduler and the tray.
func presenceFixture(t *testing.T, me string, now time.Time) (*session, *store.DB, *notifications, *clock, *fakeDesktop) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportTeam(context.Background(), tm); err != nil {
		t.Fatal(err)
	}
	if me != "" {
		if _, err := db.SetMe(context.Background(), me); err != nil {
			t.Fatal(err)
		}
	}
	c := &clock{t: now}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := &session{db: db, win: w, now: c.now, viewer: time.UTC, done: make(chan struct{})}
	t.Cleanup(s.close)
	desk := &fakeDesktop{App: a}
	s.presence = newPresence(s, db, desk)
	n := &notifications{}
	s.presence.send = n.send
	s.listenTeam(s.presence.changed) // as start does
	return s, db, n, c, desk
}

func utcTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMissedRemindersShowOnceAtStart(t *testing.T) {
	// Jack (Adelaide) last had the app open at 2026-03-31T00:00Z and opens it
	// two days later: his shift start reminders and a handoff fell due.
	s, db, n, _, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	if _, err := db.FireReminders(context.Background(), nil, utcTime("2026-03-31T00:00:00Z")); err != nil {
		t.Fatal(err)
	}
	newScheduler(s.presence).begin()
	got := n.take()
	if len(got) != 1 {
		t.Fatalf("sent %d notifications; want 1 summary of the missed reminders", len(got))
	}
	want := &fyne.Notification{
		Title: "3 reminders missed while remotecto was closed",
		Content: "Wed 1 Apr 07:00: APAC: your shift starts in 1 h\n" +
			"Wed 1 Apr 08:00: APAC: your shift starts now\n" +
			"Thu 2 Apr 08:00: APAC: Mere takes over from you",
	}
	if *got[0] != *want {
		t.Errorf("got %q / %q; want %q / %q", got[0].Title, got[0].Content, want.Title, want.Content)
	}
	// Started again a minute later: nothing is shown twice.
	s.now = func() time.Time { return utcTime("2026-04-02T00:01:00Z") }
	newScheduler(s.presence).begin()
	if got := n.take(); len(got) != 0 {
		t.Errorf("second start sent %q; want nothing", got[0].Title)
	}
}

func TestOneMissedReminderSaysWhenItWasDue(t *testing.T) {
	s, db, n, _, _ := presenceFixture(t, "Jack", utcTime("2026-04-01T22:00:00Z"))
	if _, err := db.FireReminders(context.Background(), nil, utcTime("2026-04-01T21:00:00Z")); err != nil {
		t.Fatal(err)
	}
	newScheduler(s.presence).begin()
	got := n.take()
	if len(got) != 1 || got[0].Title != "Missed: APAC: Mere takes over from you" ||
		!strings.HasPrefix(got[0].Content, "Due Thu 2 Apr 08:00, while remotecto was closed. Mere is on call for APAC") {
		t.Errorf("got %+v", got)
	}
}

func TestFirstStartMissesNothing(t *testing.T) {
	s, db, n, _, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	newScheduler(s.presence).begin()
	if got := n.take(); len(got) != 0 {
		t.Errorf("first start sent %q; want nothing", got[0].Title)
	}
	if seen, _ := db.LastSeen(context.Background()); !seen.Equal(utcTime("2026-04-02T00:00:00Z")) {
		t.Errorf("last seen %v; want the start", seen)
	}
}

func TestDueRemindersFireOnceWhenDue(t *testing.T) {
	s, db, n, c, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	sc := newScheduler(s.presence)
	sc.begin()
	// The next is Priya taking over from Mere at 08:00 Adelaide, 21:30Z.
	next := utcTime("2026-04-02T21:30:00Z")
	if d := sc.sleep(); d > maxSleep {
		t.Errorf("sleeps %v; want at most %v", d, maxSleep)
	}
	c.set(next.Add(-time.Minute + time.Second))
	if d := sc.sleep(); d < 59*time.Second || d > 59*time.Second+50*time.Millisecond {
		t.Errorf("a minute before the handoff it sleeps %v; want until the handoff", d)
	}
	sc.tick()
	if got := n.take(); len(got) != 0 {
		t.Fatalf("before it was due: sent %q", got[0].Title)
	}
	c.set(next)
	sc.tick()
	got := n.take()
	if len(got) != 1 || got[0].Title != "APAC: Priya takes over from Mere" || !strings.Contains(got[0].Content, "Australia/Adelaide") {
		t.Fatalf("at the handoff: %+v; want Priya taking over", got)
	}
	c.set(next.Add(time.Second))
	sc.tick()
	// A second window on the same database does not send it again.
	other := newScheduler(s.presence)
	other.handled = next.Add(-time.Hour)
	other.relist(next)
	other.tick()
	if got := n.take(); len(got) != 0 {
		t.Errorf("sent again: %q", got[0].Title)
	}
	if seen, _ := db.LastSeen(context.Background()); !seen.Equal(next.Add(time.Second)) {
		t.Errorf("last seen %v; want the last tick", seen)
	}
}

func TestRemindersAfterSleepAreShownAsMissed(t *testing.T) {
	s, _, n, c, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	sc := newScheduler(s.presence)
	sc.begin()
	c.set(utcTime("2026-04-04T00:00:00Z")) // the laptop slept two days
	sc.tick()
	got := n.take()
	if len(got) != 1 || !strings.HasSuffix(got[0].Title, "missed while the computer slept") {
		t.Errorf("got %+v; want one summary of what was missed in sleep", got)
	}
}

func TestSettingsTurnKindsOffForTheScheduler(t *testing.T) {
	s, db, n, c, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	ctx := context.Background()
	rs, _ := db.ReminderSettings(ctx)
	rs.Off = map[reminders.Kind]bool{reminders.Handoff: true}
	if err := db.SaveReminderSettings(ctx, rs); err != nil {
		t.Fatal(err)
	}
	sc := newScheduler(s.presence)
	sc.begin()
	c.set(utcTime("2026-04-02T21:30:00Z"))
	sc.tick()
	if got := n.take(); len(got) != 0 {
		t.Errorf("handoffs are off, yet sent %q", got[0].Title)
	}
}

func TestSchedulerStopsWhenTheWindowCloses(t *testing.T) {
	s, _, _, _, _ := presenceFixture(t, "Jack", utcTime("2026-04-02T00:00:00Z"))
	sc := newScheduler(s.presence)
	stopped := make(chan struct{})
	go func() { sc.run(); close(stopped) }()
	sc.reload()
	s.close()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the scheduler still runs after the window closed")
	}
}

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return out
}

func TestTrayShowsTheMenuAndTheOnCallIcon(t *testing.T) {
	old := trayAvailable
	trayAvailable = func() bool { return true }
	t.Cleanup(func() { trayAvailable = old })
	// Wed 1 Apr 12:00 Adelaide: Jack is on call in APAC until 20:00.
	now := utcTime("2026-04-01T01:30:00Z")
	s, db, _, c, desk := presenceFixture(t, "Jack", now)
	p := s.presence
	p.tray = newTray(p, desk)
	in, err := db.ReminderInput(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	m := reminders.TrayMenu(in, now)
	p.tray.apply(m)
	want := append(m.Texts(), "", "Open remotecto", "Settings…", "", "Quit")
	if got := menuLabels(desk.menus[0]); !slices.Equal(got, want) {
		t.Errorf("tray menu %q; want %q", got, want)
	}
	if !slices.Contains(want, "APAC: you until 20:00 Australia/Adelaide") {
		t.Errorf("menu %q does not say I am on call", want)
	}
	if desk.icons[0] != trayIconOnCall || desk.trayWin != s.win {
		t.Errorf("icon %v, tray window %v; want the on-call icon and the main window", desk.icons[0].Name(), desk.trayWin)
	}
	// The same menu again changes nothing; off call, the plain icon.
	p.tray.apply(m)
	if len(desk.menus) != 1 {
		t.Errorf("an unchanged menu was set again")
	}
	c.set(utcTime("2026-04-01T12:00:00Z"))
	p.tray.apply(reminders.TrayMenu(in, c.now()))
	if len(desk.icons) != 2 || desk.icons[1] != trayIcon {
		t.Errorf("off call: icons %v; want the plain icon last", desk.icons)
	}
}

func TestRefreshKeepsTheTrayMenuCurrent(t *testing.T) {
	old := trayAvailable
	trayAvailable = func() bool { return true }
	t.Cleanup(func() { trayAvailable = old })
	s, _, _, c, desk := presenceFixture(t, "Jack", utcTime("2026-04-01T01:30:00Z"))
	p := s.presence
	p.tray = newTray(p, desk)
	p.tray.refresh()
	if len(desk.menus) != 0 {
		t.Fatal("refresh set a menu on a tray that was never started")
	}
	p.tray.apply(p.tray.menuAt(c.now()))
	c.set(utcTime("2026-04-01T12:00:00Z")) // Jack's shift is over
	p.tray.refresh()                       // works the menu out on another goroutine, then applies it
	deadline := time.Now().Add(5 * time.Second)
	for {
		desk.mu.Lock()
		n := len(desk.menus)
		desk.mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d menus set; want a second one after Jack's shift ended", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	desk.mu.Lock()
	defer desk.mu.Unlock()
	if got := menuLabels(desk.menus[1])[0]; got != "APAC: nobody until Thu 2 Apr 08:00 Australia/Adelaide, then Mere" {
		t.Errorf("first line %q", got)
	}
	if desk.icons[len(desk.icons)-1] != trayIcon {
		t.Error("the on-call icon stayed after the shift")
	}
}

func TestClosingTheWindowKeepsTheAppInTheTrayOrQuits(t *testing.T) {
	s, _, n, _, desk := presenceFixture(t, "Jack", utcTime("2026-04-01T01:30:00Z"))
	p := s.presence
	p.tray = newTray(p, desk)
	// A window of its own: closing it here must not meet the temporary
	// window's own close at cleanup.
	p.tray.win = desk.NewWindow("remotecto")
	p.tray.available = true
	p.tray.apply(reminders.Menu{})
	p.tray.win.Show()

	// Never chosen and a tray is there: closing hides, and says so once.
	p.tray.onCloseWindow()
	if desk.quits != 0 || !p.tray.hidden {
		t.Fatalf("quit %d times, hidden %v; want hidden in the tray", desk.quits, p.tray.hidden)
	}
	if got := n.take(); len(got) != 1 || got[0].Title != "remotecto is still running" {
		t.Errorf("first close sent %+v; want the note that it keeps running", got)
	}
	p.tray.onCloseWindow()
	if got := n.take(); len(got) != 0 {
		t.Errorf("second close sent %q again", got[0].Title)
	}
	// The tray goes away while the window is hidden: the window comes back,
	// and closing it now quits.
	p.tray.update(false, reminders.Menu{})
	if p.tray.hidden {
		t.Error("the window stays hidden with no tray icon to reach it")
	}
	p.tray.onCloseWindow()
	if desk.quits != 1 {
		t.Errorf("with no tray: quits %d; want 1", desk.quits)
	}
	// The tray is back, but the user chose not to stay in it: closing (a
	// new window; the test driver cannot close one twice) quits.
	p.tray.win = desk.NewWindow("remotecto")
	p.tray.update(true, reminders.Menu{})
	keep := false
	p.keepInTray = &keep
	p.tray.onCloseWindow()
	if desk.quits != 2 || p.tray.hidden {
		t.Errorf("quits %d, hidden %v; want a second quit when the user chose not to stay in the tray", desk.quits, p.tray.hidden)
	}
}

func TestSettingsDialogSavesWhoIAmAndTheReminders(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	s, db, _, _, _ := presenceFixture(t, "", utcTime("2026-04-01T01:30:00Z"))
	s.openSettings()
	f := s.presence.form
	if f == nil || f.me.Selected != nobody || f.leads.Text != "60, 0" || f.quiet.Text != "22:00-07:00" {
		t.Fatalf("settings opened with %+v; want nobody, 60, 0 and 22:00-07:00", f)
	}
	if !f.keep.Disabled() {
		t.Error("the tray choice is offered by an app with no tray")
	}
	f.me.SetSelected("Priya")
	f.kinds.SetSelected([]string{kindLabels[0].label, kindLabels[2].label})
	retype(f.leads, "90,15 ,0")
	retype(f.quiet, "")
	f.follow.SetSelected([]string{"Primary"})
	f.autostart.SetChecked(true)
	changed := 0
	s.listenTeam(func() { changed++ })
	f.save()
	ctx := context.Background()
	p, err := db.Presence(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Me != "Priya" || !p.Reminders.On(reminders.ShiftStart) || p.Reminders.On(reminders.Handoff) ||
		p.Reminders.On(reminders.ActionDue) || p.Reminders.Quiet != nil ||
		!slices.Equal(p.Reminders.Leads, []time.Duration{90 * time.Minute, 15 * time.Minute, 0}) ||
		!slices.Equal(p.Reminders.Follow, []string{"Primary"}) || p.KeepInTray != nil {
		t.Errorf("stored %+v", p)
	}
	if s.myName() != "Priya" || changed != 1 {
		t.Errorf("after saving: me %q, views told %d times; want Priya, once", s.myName(), changed)
	}
	if loc, ok := s.myZone(); !ok || loc.String() != "Asia/Kolkata" {
		t.Errorf("my zone %v; want Asia/Kolkata", loc)
	}
	entry, err := os.ReadFile(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "io.remotecto.app.desktop"))
	if err != nil || !bytes.Contains(entry, []byte("Exec=")) {
		t.Errorf("autostart entry: %v\n%s", err, entry)
	}
	// Opened again, the dialog shows what was saved; a bad lead time is refused.
	s.openSettings()
	f = s.presence.form
	if f.me.Selected != "Priya" || f.leads.Text != "90, 15, 0" || f.quiet.Text != "" || !f.autostart.Checked {
		t.Errorf("reopened with me %q, leads %q, quiet %q, autostart %v", f.me.Selected, f.leads.Text, f.quiet.Text, f.autostart.Checked)
	}
	if f.leads.Validator("-5") == nil || f.quiet.Validator("25:00-07:00") == nil || f.quiet.Validator("07:00-07:00") == nil {
		t.Error("bad lead times or quiet hours pass the form's checks")
	}
	f.autostart.SetChecked(false)
	f.save()
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "io.remotecto.app.desktop")); err == nil {
		t.Error("the autostart entry is still there after turning it off")
	}
}

func TestViewsFollowWhoIAm(t *testing.T) {
	now := utcTime("2026-03-27T12:00:00Z")
	s, db, _, _, _ := presenceFixture(t, "Ana", now)
	// The Overlap tab opens in my zone.
	if got := newOverlapPlanner(s).viewer.String(); got != "Europe/Lisbon" {
		t.Errorf("overlap viewer %s; want Europe/Lisbon, my zone", got)
	}
	// The On-call Now view says when my next shift is, in my zone: Primary's
	// Monday 09:00 Lisbon handoff, after the clocks went forward.
	tab := newOncallTab(s, db)
	s.win.SetContent(tab.views)
	if !hasLabel(tab.now.head, "Your next shift: Primary, Mon 30 Mar 09:00 to Mon 6 Apr 09:00 Europe/Lisbon") {
		t.Errorf("the Now view does not show my next shift")
	}
	// The 1:1s list says which of mine are due: Greta's weekly 1:1 at 10:00
	// Berlin is today, 09:00 on my clock in Lisbon.
	ctx := context.Background()
	if err := db.SetCadence(ctx, "Greta", worklog.CadenceWeekly, timezone.MustClock("10:00"), 30); err != nil {
		t.Fatal(err)
	}
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Greta", At: utcTime("2026-03-20T09:00:00Z"), Notes: "weekly"}); err != nil {
		t.Fatal(err)
	}
	log := buildLogTab(s)
	if got, want := log.people.due.Text, "Yours: 1:1 with Greta due today at 09:00 Europe/Lisbon"; got != want || !log.people.due.Visible() {
		t.Errorf("1:1s due: %q (shown %v); want %q", got, log.people.due.Visible(), want)
	}
}

// hasLabel reports whether a label with exactly text is among objs or
// inside them.
func hasLabel(o fyne.CanvasObject, text string) bool {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text == text
	case *fyne.Container:
		for _, c := range v.Objects {
			if hasLabel(c, text) {
				return true
			}
		}
	}
	return false
}

func TestTrayMenuActions(t *testing.T) {
	var opened, settings, quit int
	m := trayMenu(reminders.Menu{Lines: []reminders.Line{
		{Kind: reminders.LineProblem, Text: `Reminders: me "Zed": unknown member`},
		{Kind: reminders.LineRotation, Name: "Primary", Text: "Primary: Ana until 09:00 UTC"},
	}}, func() { opened++ }, func() { settings++ }, func() { quit++ })
	if got, want := menuLabels(m), []string{`Reminders: me "Zed": unknown member`, "Primary: Ana until 09:00 UTC", "", "Open remotecto", "Settings…", "", "Quit"}; !slices.Equal(got, want) {
		t.Fatalf("labels %q; want %q", got, want)
	}
	m.Items[0].Action()
	m.Items[1].Action()
	m.Items[3].Action()
	m.Items[4].Action()
	m.Items[6].Action()
	if opened != 2 || settings != 2 || quit != 1 || !m.Items[6].IsQuit {
		t.Errorf("opened %d, settings %d, quit %d (IsQuit %v); want 2, 2, 1, true", opened, settings, quit, m.Items[6].IsQuit)
	}
}
