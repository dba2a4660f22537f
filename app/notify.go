package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"dev.remotecto/remotecto/reminders"
)

const (
	// missedWindow is how far back the reminders missed while the app was
	// closed are looked for.
	missedWindow = 7 * 24 * time.Hour
	// listAhead is how far ahead reminders are listed at a time.
	listAhead = 48 * time.Hour
	// maxSleep is the longest the scheduler sleeps between looks at the
	// clock, so that a changed clock or a laptop waking up is noticed.
	maxSleep = time.Minute
	// lateAfter is how late a reminder may be sent before it is shown as
	// missed (the laptop slept through it).
	lateAfter = 5 * time.Minute
	// missedShown is how many missed reminders one notification names.
	missedShown = 5
)

// scheduler sends the reminders as desktop notifications, each once: on
// start the ones missed while the app was closed, in one notification;
// then each when it is due. It runs on its own goroutine until the window
// closes; notifications go out through fyne.Do.
type scheduler struct {
	p       *presence
	reloadc chan struct{}

	// The fields below belong to the scheduler's goroutine.
	rs       []reminders.Reminder
	listedTo time.Time
	// handled is the instant up to which reminders were dealt with.
	handled time.Time
}

func newScheduler(p *presence) *scheduler {
	return &scheduler{p: p, reloadc: make(chan struct{}, 1)}
}

// reload asks the scheduler to list the reminders again (the team or the
// settings changed); it never blocks.
func (sc *scheduler) reload() {
	select {
	case sc.reloadc <- struct{}{}:
	default:
	}
}

// run is the scheduler's goroutine: it sleeps until the next reminder is
// due (a minute at most) and sends what is due.
func (sc *scheduler) run() {
	sc.begin()
	timer := time.NewTimer(sc.sleep())
	defer timer.Stop()
	for {
		select {
		case <-sc.p.s.done:
			return
		case <-sc.reloadc:
			sc.relist(sc.p.s.now())
		case <-timer.C:
		}
		sc.tick()
		timer.Reset(sc.sleep())
	}
}

// sleep returns how long to wait for the next reminder, a minute at most.
func (sc *scheduler) sleep() time.Duration {
	now := sc.p.s.now()
	d := maxSleep
	if next, ok := reminders.NextAfter(sc.rs, now); ok {
		d = min(d, next.Sub(now)+10*time.Millisecond)
	}
	return max(d, 10*time.Millisecond)
}

// begin shows, once, the reminders that fell due since the app last ran
// (up to missedWindow back), and remembers them and the start as seen.
func (sc *scheduler) begin() {
	ctx := context.Background()
	now := sc.p.s.now()
	last, err := sc.p.db.LastSeen(ctx)
	from := last
	switch {
	case err != nil || last.IsZero() || last.After(now):
		from = now // first start, or a clock that went back: nothing was missed
	case now.Sub(last) > missedWindow:
		from = now.Add(-missedWindow)
	}
	sc.handled = from
	sc.relist(now)
	missed := reminders.Missed(sc.rs, nil, from, now)
	fresh, err := sc.p.db.FireReminders(ctx, missed, now)
	if err != nil {
		fyne.LogError("remember the reminders shown", err)
		return
	}
	sc.handled = now
	if len(fresh) > 0 {
		fyne.Do(func() { sc.p.notifyMissed(fresh, true) })
	}
}

// relist lists the reminders from the last instant handled to listAhead
// after now. A team or settings the reminders cannot be worked out for
// (the tray menu says why) leave nothing to send.
func (sc *scheduler) relist(now time.Time) {
	from := sc.handled
	if from.IsZero() || from.After(now) {
		from = now
	}
	sc.rs, sc.listedTo = nil, now.Add(maxSleep)
	in, err := sc.p.db.ReminderInput(context.Background(), "")
	if err != nil {
		fyne.LogError("read what the reminders depend on", err)
		return
	}
	to := now.Add(listAhead)
	rs, err := reminders.List(in, from, to)
	if err != nil {
		fyne.LogError("list the reminders", err)
		return
	}
	sc.rs, sc.listedTo = rs, to
}

// tick sends the reminders that fell due since the last tick and records
// them, with the instant, as seen.
func (sc *scheduler) tick() {
	now := sc.p.s.now()
	if !now.Before(sc.listedTo.Add(-listAhead / 2)) {
		sc.relist(now)
	}
	due := reminders.Missed(sc.rs, nil, sc.handled, now)
	fresh, err := sc.p.db.FireReminders(context.Background(), due, now)
	if err != nil {
		fyne.LogError("remember the reminders shown", err)
		return // try again at the next tick
	}
	sc.handled = now
	var onTime, late []reminders.Reminder
	for _, r := range fresh {
		if now.Sub(r.At) > lateAfter {
			late = append(late, r)
		} else {
			onTime = append(onTime, r)
		}
	}
	if len(onTime)+len(late) == 0 {
		return
	}
	fyne.Do(func() {
		for _, r := range onTime {
			sc.p.send(fyne.NewNotification(r.Title, r.Body))
		}
		if len(late) > 0 {
			sc.p.notifyMissed(late, false)
		}
	})
}

// notifyMissed shows reminders that were due while the app was closed (or
// the computer slept) in one notification that says so.
func (p *presence) notifyMissed(rs []reminders.Reminder, closed bool) {
	while := "while remotecto was closed"
	if !closed {
		while = "while the computer slept"
	}
	if len(rs) == 1 {
		r := rs[0]
		p.send(fyne.NewNotification("Missed: "+r.Title,
			fmt.Sprintf("Due %s, %s. %s", p.when(r.At), while, r.Body)))
		return
	}
	lines := make([]string, 0, missedShown+1)
	for i, r := range rs {
		if i == missedShown {
			lines = append(lines, fmt.Sprintf("and %d more", len(rs)-missedShown))
			break
		}
		lines = append(lines, p.when(r.At)+": "+r.Title)
	}
	p.send(fyne.NewNotification(fmt.Sprintf("%d reminders missed %s", len(rs), while), strings.Join(lines, "\n")))
}

// when formats an instant in my zone, "Mon 30 Mar 09:00".
func (p *presence) when(t time.Time) string { return axisLabel(t, p.zone(), formDayTime) }
