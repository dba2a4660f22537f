package calendar

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeSequencer numbers SEQUENCE like the store does, in memory, and keeps
// what it was asked.
type fakeSequencer struct {
	last          map[string]string // uid -> joined hashes of the last export
	seq           map[string]int
	uids, hashes  []string
	short, broken bool
}

func (f *fakeSequencer) AssignSequences(_ context.Context, uids, hashes []string) ([]int, error) {
	if f.broken {
		return nil, errors.New("disk full")
	}
	f.uids, f.hashes = uids, hashes
	joined := map[string]string{}
	for i, u := range uids {
		joined[u] += hashes[i] + ","
	}
	for u, h := range joined {
		if old, ok := f.last[u]; ok && old != h {
			f.seq[u]++
		}
		f.last[u] = h
	}
	out := make([]int, len(uids))
	for i, u := range uids {
		out[i] = f.seq[u]
	}
	if f.short {
		out = out[:len(out)-1]
	}
	return out, nil
}

func TestPublishNumbersSequences(t *testing.T) {
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	events := func(summary string) []Event {
		return []Event{
			{UID: "a@x", Summary: summary, Start: s, End: s.Add(time.Hour)},
			{UID: "b@x", Summary: "fixed", Start: s, End: s.Add(time.Hour)},
		}
	}
	seq := &fakeSequencer{last: map[string]string{}, seq: map[string]int{}}
	for i, step := range []struct {
		summary string
		want    string
	}{{"one", "SEQUENCE:0 SEQUENCE:0"}, {"one", "SEQUENCE:0 SEQUENCE:0"}, {"two", "SEQUENCE:1 SEQUENCE:0"}} {
		cal := Calendar{Name: "t", Events: events(step.summary)}
		var buf bytes.Buffer
		if err := Publish(context.Background(), &buf, cal, seq, s); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range strings.Split(buf.String(), "\r\n") {
			if strings.HasPrefix(l, "SEQUENCE:") {
				got = append(got, l)
			}
		}
		if strings.Join(got, " ") != step.want {
			t.Errorf("export %d (summary %q): %s; want %s", i+1, step.summary, strings.Join(got, " "), step.want)
		}
		if cal.Events[0].Sequence != seq.seq["a@x"] {
			t.Errorf("export %d: event keeps sequence %d; want %d", i+1, cal.Events[0].Sequence, seq.seq["a@x"])
		}
		if strings.Join(seq.uids, ",") != "a@x,b@x" || seq.hashes[0] != ContentHash(cal.Events[0]) || seq.hashes[1] != ContentHash(cal.Events[1]) {
			t.Errorf("export %d: sequencer asked about %v with hashes %v", i+1, seq.uids, seq.hashes)
		}
	}
	seq.short = true
	if err := Publish(context.Background(), &bytes.Buffer{}, Calendar{Events: events("two")}, seq, s); err == nil {
		t.Error("a sequencer that returns too few numbers: no error")
	}
	seq.broken = true
	if err := Publish(context.Background(), &bytes.Buffer{}, Calendar{Events: events("two")}, seq, s); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing sequencer: %v; want its error", err)
	}
}

func TestContentHash(t *testing.T) {
	s := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	base := Event{UID: "a@x", Summary: "one", Start: s, End: s.Add(time.Hour)}
	same := base
	same.Sequence = 7 // SEQUENCE is not content
	if ContentHash(base) != ContentHash(same) {
		t.Error("the sequence number changes the content hash")
	}
	for name, change := range map[string]func(*Event){
		"summary": func(e *Event) { e.Summary = "two" },
		"start":   func(e *Event) { e.Start = e.Start.Add(time.Hour) },
		"rrule":   func(e *Event) { e.RRule = "FREQ=DAILY;COUNT=3" },
		"transp":  func(e *Event) { e.Transparent = true },
	} {
		e := base
		change(&e)
		if ContentHash(e) == ContentHash(base) {
			t.Errorf("changing the %s keeps the content hash", name)
		}
	}
}
