package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
)

// Store is what publishing needs of storage; *store.DB implements it.
type Store interface {
	Team(ctx context.Context) (team.Team, error)
	MeetingSeries(ctx context.Context) ([]team.MeetingSeries, error)
	PublishTargets(ctx context.Context) ([]share.Target, error)
	// SavePublishRun records a run: the state for the next one, when it
	// ended and what it did.
	SavePublishRun(ctx context.Context, name string, state []byte, at time.Time, o share.Outcome) error
	calendar.Sequencer
}

// Options change how Run publishes.
type Options struct {
	// DryRun reads the servers and counts what would change, writing
	// nothing to them and recording no run here.
	DryRun bool
	// Force overwrites what changed on a server since the last publish
	// instead of reporting a conflict.
	Force bool
	// Create makes a missing CalDAV collection (MKCALENDAR); without it a
	// missing collection is an error wrapping dav.ErrCollectionMissing.
	Create bool
	// Now is the time of the run; nil means time.Now.
	Now func() time.Time
	// Progress, when set, is called with the target's name, the writes done
	// and the writes planned.
	Progress func(target string, done, total int)
	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds each request; zero means dav.DefaultTimeout.
	Timeout time.Duration
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// Select returns the targets of those names (any case), in the order
// given, or every target when names is empty. An unknown name is an error
// wrapping share.ErrUnknownTarget that lists the targets there are.
func Select(all []share.Target, names []string) ([]share.Target, error) {
	if len(names) == 0 {
		return all, nil
	}
	var out []share.Target
	for _, n := range names {
		found := false
		for _, t := range all {
			if strings.EqualFold(t.Name, strings.TrimSpace(n)) {
				out = append(out, t)
				found = true
				break
			}
		}
		if !found {
			known := make([]string, len(all))
			for i, t := range all {
				known[i] = t.Name
			}
			sort.Slice(known, func(i, j int) bool { return strings.ToLower(known[i]) < strings.ToLower(known[j]) })
			list := "none yet: add one with 'remotecto publish add'"
			if len(known) > 0 {
				list = strings.Join(known, ", ")
			}
			return nil, fmt.Errorf("target %q (targets: %s): %w", n, list, share.ErrUnknownTarget)
		}
	}
	return out, nil
}

// Run publishes the named targets (every target when names is empty), one
// after the other, and returns what each did, in order. A target that fails
// does not stop the others; its error is in its Result. Each run's state is
// stored for the next one whether it succeeded or not (it records every
// write made), so a run stopped half-way (ctx cancelled, server gone) is
// completed by the next without duplicates. The error is for what stops
// everything: the targets or the team could not be read, a name is unknown.
func Run(ctx context.Context, st Store, secrets dav.Secrets, names []string, opt Options) ([]dav.Result, error) {
	all, err := st.PublishTargets(ctx)
	if err != nil {
		return nil, err
	}
	targets, err := Select(all, names)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, nil
	}
	t, err := st.Team(ctx)
	if err != nil {
		return nil, err
	}
	meetings, err := st.MeetingSeries(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]dav.Result, 0, len(targets))
	for _, tg := range targets {
		res, state := runTarget(ctx, st, secrets, tg, t, meetings, opt)
		if !opt.DryRun {
			if err := st.SavePublishRun(context.WithoutCancel(ctx), tg.Name, state, opt.now(), Outcome(res)); err != nil && res.Err == nil {
				res.Err = fmt.Errorf("record the run: %w", err)
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// Outcome is the part of a Result that is stored with its target.
func Outcome(r dav.Result) share.Outcome {
	o := share.Outcome{Target: r.Target, Created: r.Created, Updated: r.Updated, Deleted: r.Deleted,
		Unchanged: r.Unchanged, Conflicts: r.Conflicts}
	if r.Err != nil {
		o.Error = r.Err.Error()
	}
	return o
}

// runTarget publishes one target and returns what it did with the state to
// store (the old one when nothing could be tried).
func runTarget(ctx context.Context, st Store, secrets dav.Secrets, tg share.Target, t team.Team, meetings []team.MeetingSeries, opt Options) (dav.Result, []byte) {
	res := dav.Result{Target: tg.Name}
	fail := func(err error) (dav.Result, []byte) {
		res.Err = err
		return res, tg.State
	}
	password, err := Password(secrets, tg.User, tg.SecretKey())
	if err != nil {
		return fail(err)
	}
	c := dav.NewClient(dav.Account{User: tg.User, Password: password, Transport: opt.Transport, Timeout: opt.Timeout})
	now := opt.now()
	from, to := Window(now)
	dopt := dav.Options{Target: tg.Name, DryRun: opt.DryRun, Force: opt.Force, CreateCollection: opt.Create, Now: now}
	if opt.Progress != nil {
		dopt.Progress = func(done, total int) { opt.Progress(tg.Name, done, total) }
	}

	var body []byte
	var cal calendar.Calendar
	if tg.Feed.Kind == share.FeedTeam {
		if body, err = Bundle(t, now); err != nil {
			return fail(err)
		}
	} else {
		if cal, err = Calendar(tg.Feed, t, meetings, from, to); err != nil {
			return fail(fmt.Errorf("feed %s: %w", tg.Feed, err))
		}
		if cal, err = numbered(ctx, cal, st); err != nil {
			return fail(err)
		}
		dopt.CollectionName = cal.Name
	}

	switch tg.Kind {
	case share.CalDAV:
		var state dav.State
		if len(tg.State) > 0 && json.Unmarshal(tg.State, &state) != nil {
			state = nil // a state that does not read is a lost state: the publish recognises its own resources
		}
		res, state = dav.PublishCalendar(ctx, c, tg.URL, cal.Events, state, dopt)
		b, err := json.Marshal(state)
		if err != nil {
			return fail(err)
		}
		return res, b
	case share.WebDAV:
		if body == nil {
			var buf bytes.Buffer
			if err := calendar.Encode(&buf, cal, now); err != nil {
				return fail(err)
			}
			body = buf.Bytes()
		}
		var state dav.FileState
		if len(tg.State) > 0 {
			json.Unmarshal(tg.State, &state) // a state that does not read is a first publish
		}
		res, state = dav.PublishFile(ctx, c, tg.URL, body, state, dopt)
		b, err := json.Marshal(state)
		if err != nil {
			return fail(err)
		}
		return res, b
	}
	return fail(fmt.Errorf("target %q: kind %q: %w", tg.Name, tg.Kind, share.ErrBadTarget))
}

// Password returns the password kept under key for a server account, or
// "" when there is no user name (the server needs no password). A missing
// password is an error that says how to give one.
func Password(secrets dav.Secrets, user, key string) (string, error) {
	if user == "" {
		return "", nil
	}
	p, err := secrets.Get(key)
	switch {
	case errors.Is(err, dav.ErrNoSecret):
		return "", fmt.Errorf("%w for %q: give it again with --password-stdin, or set %s", err, key, dav.PasswordEnv)
	case err != nil:
		return "", err
	}
	return p, nil
}
