package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// saveMeeting stores the occurrences as a meeting series named title (one
// transaction), planned in the viewer's zone, with the chosen members. done,
// when set, receives the stored series.
func (t *overlapTab) saveMeeting(title string, occ []timezone.Interval, done func(team.MeetingSeries)) {
	if len(occ) == 0 {
		return
	}
	names := make([]string, len(t.chosen))
	for i, m := range t.chosen {
		names[i] = m.Name
	}
	s, err := t.store.SaveMeetingSeries(context.Background(), team.MeetingSeries{
		Title: title, Zone: timezone.Name(t.viewer), Members: names, Occurrences: occ})
	if err != nil {
		t.s.showError(err)
		return
	}
	t.saved.reload()
	t.s.sharedChanged()
	if done != nil {
		done(s)
		return
	}
	t.s.notifyAction(fmt.Sprintf("Saved %q, %s", s.Title, plural(len(s.Occurrences), "meeting", "meetings")), "Show", func() {
		t.side.SelectIndex(4)
	})
}

// exportMeeting saves the meeting (so that its calendar UIDs stay stable
// across exports) and writes it as an .ics file the user picks.
func (t *overlapTab) exportMeeting(title string, occ []timezone.Interval) {
	t.saveMeeting(title, occ, t.askExport)
}

// writeMeetingICS encodes one saved series as a calendar. The sequencer
// numbers the events' SEQUENCE, so a re-export of a changed series updates
// the events in calendar apps.
func writeMeetingICS(w io.Writer, s team.MeetingSeries, seq calendar.Sequencer, now func() time.Time) error {
	evs, err := calfeed.MeetingEvents(s, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	return calendar.Publish(context.Background(), w, calendar.Calendar{Name: s.Title, Events: evs}, seq, now())
}
