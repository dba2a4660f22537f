package calendar

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// Sequencer remembers what every exported event looked like and numbers
// its SEQUENCE: an event keeps its UID across exports and its SEQUENCE goes
// up by one each time its content changes (RFC 5545 section 3.8.7.4).
// *store.DB implements it. It speaks in plain strings so that whoever keeps
// the numbers needs nothing of this package.
type Sequencer interface {
	// AssignSequences is given the events about to be exported as two
	// parallel slices, the UID and the ContentHash of each, and returns the
	// SEQUENCE of each, in the same order. Events sharing a UID (a
	// recurring event and its overrides) share one number.
	AssignSequences(ctx context.Context, uids, hashes []string) ([]int, error)
}

// ContentHash is a digest of everything an export writes about the event
// except DTSTAMP and SEQUENCE: equal hashes mean calendar clients need no
// update.
func ContentHash(e Event) string {
	// The fields are appended to one buffer and hashed at once: a hash's
	// Write takes bytes, and writing each string to it would copy it first.
	bp := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(bp)
	b := (*bp)[:0]
	defer func() { *bp = b }()
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	field(e.UID)
	field(e.Summary)
	field(e.Description)
	field(e.Location)
	if e.AllDay {
		s, end := e.dates()
		field("all-day " + s.String() + " " + end.String())
	} else {
		field(e.Start.UTC().Format(time.RFC3339Nano) + " " + e.End.UTC().Format(time.RFC3339Nano))
	}
	if e.zoned() {
		field(e.Zone.String())
	} else {
		field("")
	}
	field(strconv.FormatBool(e.Transparent))
	field(e.RRule)
	for _, c := range e.Categories {
		field(c)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// hashBuffers hold the bytes ContentHash hashes, reused across events.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Publish numbers the events' SEQUENCE with seq, then encodes the calendar:
// the one way every export of the app is written, so a re-exported event that
// changed always reaches calendar apps as an update.
func Publish(ctx context.Context, w io.Writer, cal Calendar, seq Sequencer, now time.Time) error {
	uids := make([]string, len(cal.Events))
	hashes := make([]string, len(cal.Events))
	// Hashing is shared out among the processors in contiguous parts.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(cal.Events)/1000))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*len(cal.Events)/workers, (w+1)*len(cal.Events)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				uids[i], hashes[i] = cal.Events[i].UID, ContentHash(cal.Events[i])
			}
		}()
	}
	wg.Wait()
	seqs, err := seq.AssignSequences(ctx, uids, hashes)
	if err != nil {
		return err
	}
	if len(seqs) != len(cal.Events) {
		return fmt.Errorf("assign calendar sequences: %d numbers for %d events", len(seqs), len(cal.Events))
	}
	for i := range cal.Events {
		cal.Events[i].Sequence = seqs[i]
	}
	return Encode(w, cal, now)
}
