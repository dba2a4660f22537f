package dav

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Result is what one publish did (or, in a dry run, would do).
type Result struct {
	// Target names the destination: Options.Target, or the URL.
	Target    string
	Created   int
	Updated   int
	Deleted   int
	Unchanged int
	Conflicts int
	// ConflictList says which resources were left alone, and why.
	ConflictList []Conflict
	// Err is what stopped the run, or, when it ran to the end but left
	// conflicts, an error wrapping ErrConflict.
	Err error
}

// Conflict is one resource the publish did not write because it changed on
// the server behind the app's back (or was never the app's).
type Conflict struct {
	// Resource is the file name in the collection, or the file URL.
	Resource string
	// UID is the event's UID, when known.
	UID    string
	Reason string
}

func (c Conflict) String() string {
	if c.UID != "" {
		return fmt.Sprintf("%s (event %s): %s", c.Resource, c.UID, c.Reason)
	}
	return c.Resource + ": " + c.Reason
}

// resultJSON is the form of Result in the command line's --json output.
type resultJSON struct {
	Target    string `json:"target"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	Conflicts int    `json:"conflicts"`
	Error     string `json:"error"`
}

// MarshalJSON writes {"target","created","updated","deleted","unchanged",
// "conflicts","error"}; error is "" when the run succeeded.
func (r Result) MarshalJSON() ([]byte, error) {
	j := resultJSON{Target: r.Target, Created: r.Created, Updated: r.Updated, Deleted: r.Deleted,
		Unchanged: r.Unchanged, Conflicts: r.Conflicts}
	if r.Err != nil {
		j.Error = r.Err.Error()
	}
	return json.Marshal(j)
}

// String is a one-line summary for a status bar or a log.
func (r Result) String() string {
	s := fmt.Sprintf("%s: %d created, %d updated, %d deleted, %d unchanged, %d conflicts",
		r.Target, r.Created, r.Updated, r.Deleted, r.Unchanged, r.Conflicts)
	if r.Err != nil {
		s += ": " + r.Err.Error()
	}
	return s
}

// conflictError sums up the conflicts of a run that otherwise succeeded.
func conflictError(list []Conflict) error {
	var b strings.Builder
	for i, c := range list {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(list)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(c.String())
	}
	return fmt.Errorf("%d not written (publish again with force to overwrite): %s: %w", len(list), b.String(), ErrConflict)
}

// Options change how a publish runs.
type Options struct {
	// Target names the destination in the Result; empty means the URL.
	Target string
	// DryRun reads the server and counts what would change, writing nothing.
	DryRun bool
	// Force overwrites (or deletes) resources that changed on the server
	// since the last publish instead of reporting them as conflicts.
	Force bool
	// CreateCollection creates a missing calendar collection (MKCALENDAR);
	// without it a missing collection is an error wrapping
	// ErrCollectionMissing, so the caller can ask the user first.
	CreateCollection bool
	// CollectionName is the display name of a collection created here.
	CollectionName string
	// Now is the DTSTAMP written into events; zero means the current time.
	Now time.Time
	// Progress, when set, is called with the number of writes done and the
	// number planned, once before the first and after each; one call at a
	// time, from the goroutines doing the writes.
	Progress func(done, total int)
	// Parallel is how many writes may be in flight at once; zero means
	// DefaultParallel. With 1 they are made in the feed's order.
	Parallel int
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (o Options) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}
