package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/timezone"
)

// saveMeeting stores the occurrences as a meeting series named title (one
// transaction), planned in the viewer's zone, with the chosen members. done,
// when set, receives the stored series.
func (t *overlapTab) saveMeeting(title string, occ []timezone.Interval, done func(store.MeetingSeries)) {
	if len(occ) == 0 {
		return
	}
	names := make([]string, len(t.chosen))
	for i, m := range t.chosen {
		names[i] = m.Name
	}
	s, err := t.store.SaveMeetingSeries(context.Background(), store.MeetingSeries{
		Title: title, Zone: ianaName(t.viewer), Members: names, Occurrences: occ})
	if err != nil {
		dialog.ShowError(err, t.s.win)
		return
	}
	t.saved.reload()
	if done != nil {
		done(s)
		return
	}
	dialog.ShowInformation("Meeting saved", fmt.Sprintf("Saved %q with %d occurrence(s).\nExport all saved meetings with: remotecto export ics --all -o FILE.ics", s.Title, len(s.Occurrences)), t.s.win)
}

// exportMeeting saves the meeting (so that its calendar UIDs stay stable
// across exports) and writes it as an .ics file the user picks.
func (t *overlapTab) exportMeeting(title string, occ []timezone.Interval) {
	t.saveMeeting(title, occ, t.askExport)
}

// writeMeetingICS encodes one saved series as a calendar. The sequencer
// numbers the events' SEQUENCE, so a re-export of a changed series updates
// the events in calendar apps.
func writeMeetingICS(w io.Writer, s store.MeetingSeries, seq calendar.Sequencer, now func() time.Time) error {
	evs, err := meetingEvents(s)
	if err != nil {
		return err
	}
	if err := seq.AssignSequences(context.Background(), evs); err != nil {
		return err
	}
	return calendar.Encode(w, calendar.Calendar{Name: s.Title, Events: evs}, now())
}

// meetingEvents is one event per occurrence of s, written with the series'
// zone as TZID; the UID (series UID and position) is the same in every export.
func meetingEvents(s store.MeetingSeries) ([]calendar.Event, error) {
	loc, err := timezone.LoadZone(s.Zone)
	if err != nil {
		return nil, fmt.Errorf("meeting %q: zone %w", s.Title, err)
	}
	out := make([]calendar.Event, len(s.Occurrences))
	for i, iv := range s.Occurrences {
		desc := ""
		if len(s.Members) > 0 {
			desc = "With " + strings.Join(s.Members, ", ")
		}
		if len(s.Occurrences) > 1 {
			desc = strings.TrimSpace(fmt.Sprintf("Occurrence %d of %d. %s", i+1, len(s.Occurrences), desc))
		}
		out[i] = calendar.Event{UID: fmt.Sprintf("%s-%d@remotecto", s.UID, i+1), Summary: s.Title, Description: desc,
			Start: iv.Start.In(loc), End: iv.End.In(loc), Zone: loc, Categories: []string{"Meeting"}, Sequence: s.Sequence}
	}
	return out, nil
}

// icsFileName turns a title into a file name.
func icsFileName(title string) string {
	out := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	if out == "" {
		return "meeting"
	}
	return out
}
