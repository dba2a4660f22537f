package team

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dev.remotecto/remotecto/timezone"
)

// ErrBadMeeting reports a meeting series that cannot be saved.
var ErrBadMeeting = errors.New("not a valid meeting series")

// MaxMeetingOccurrences bounds the occurrences of one series.
const MaxMeetingOccurrences = 1000

// MeetingSeries is a saved meeting, or a series of meetings whose times may
// move from one occurrence to the next (a fair rotation).
type MeetingSeries struct {
	ID    int64
	Title string
	// Zone is the IANA zone the times were planned in; exports write their
	// times with this TZID.
	Zone string
	// Members are the names of the people invited.
	Members []string
	// UID is the stable identity of the series' calendar events; it is made
	// on first save and never changes.
	UID string
	// Sequence counts the changes since the first save.
	Sequence int
	// Occurrences are the meetings in time order.
	Occurrences []timezone.Interval
}

// Normalize returns a trimmed, checked copy with occurrences in UTC, to the
// second, in time order.
func (s MeetingSeries) Normalize() (MeetingSeries, error) {
	s.Title = strings.TrimSpace(s.Title)
	s.Zone = strings.TrimSpace(s.Zone)
	if s.Title == "" {
		return s, fmt.Errorf("title is empty: %w", ErrBadMeeting)
	}
	if len([]rune(s.Title)) > 120 {
		return s, fmt.Errorf("title %q is longer than 120 characters: %w", s.Title, ErrBadMeeting)
	}
	if _, err := timezone.LoadZone(s.Zone); err != nil {
		return s, fmt.Errorf("meeting %q: zone %w", s.Title, err)
	}
	if len(s.Occurrences) == 0 || len(s.Occurrences) > MaxMeetingOccurrences {
		return s, fmt.Errorf("meeting %q has %d occurrences, want 1 to %d: %w", s.Title, len(s.Occurrences), MaxMeetingOccurrences, ErrBadMeeting)
	}
	occ := make([]timezone.Interval, len(s.Occurrences))
	for i, iv := range s.Occurrences {
		iv = timezone.Interval{Start: iv.Start.UTC().Truncate(time.Second), End: iv.End.UTC().Truncate(time.Second)}
		if !iv.End.After(iv.Start) {
			return s, fmt.Errorf("meeting %q occurrence %d from %s to %s: end is not after start: %w",
				s.Title, i+1, iv.Start.Format(time.RFC3339), iv.End.Format(time.RFC3339), ErrBadMeeting)
		}
		occ[i] = iv
	}
	slices.SortFunc(occ, func(a, b timezone.Interval) int { return a.Start.Compare(b.Start) })
	s.Occurrences = occ
	var members []string
	for _, m := range s.Members {
		if m = strings.TrimSpace(m); m != "" && !slices.Contains(members, m) {
			members = append(members, m)
		}
	}
	s.Members = members
	return s, nil
}
