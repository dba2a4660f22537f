package dav

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

	ical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"dev.remotecto/remotecto/calendar"
)

// Entry is what a publish remembers of one resource it wrote.
type Entry struct {
	UID string `json:"uid"`
	// ContentHash is calendar.ContentHash of the event as last written.
	ContentHash string `json:"content_hash"`
	// ETag is the entity tag the server gave the resource, as it sent it
	// (quotes included); empty when the server sent none.
	ETag string `json:"etag"`
}

// State is what a CalDAV publish remembers of a collection between runs,
// by resource name (see ResourceName). The zero value is a first publish.
// It encodes to JSON as an object keyed by resource name.
type State map[string]Entry

func (s State) clone() State {
	out := make(State, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}

// item is one event of the feed.
type item struct {
	ev    *calendar.Event
	order int
	hash  string
	// body and fp are set by encode.
	body []byte
	fp   string
}

type opKind int

const (
	opCreate opKind = iota
	opUpdate
	opDelete
)

// op is one write a publish plans.
type op struct {
	kind opKind
	name string
	uid  string
	it   *item // nil for a delete
	// ifMatch is the entity tag the resource must still have; ifNoneMatch
	// asks that it does not exist yet. Neither is set for a forced write.
	ifMatch     string
	ifNoneMatch bool
}

// batchSize is how many resources one calendar-multiget asks for.
const batchSize = 100

// DefaultParallel is how many writes a publish has in flight at once when
// Options.Parallel is zero: enough to hide a distant server's round trips
// and a server's password check, few enough not to overload it.
const DefaultParallel = 2

// PublishCalendar makes the CalDAV collection at collectionURL hold exactly
// the events, one resource per event named ResourceName(UID), and returns
// what it did with the new state to store for the next run (the old state is
// not modified).
//
// It lists the collection first (PROPFIND), then:
//   - an event whose content hash and entity tag are those of the state is
//     left alone: a run with nothing changed sends no PUT and no DELETE;
//   - a changed event is PUT with If-Match on the stored entity tag, a new
//     one with If-None-Match: *;
//   - a resource of the app's scheme that left the feed is DELETEd with
//     If-Match;
//   - a resource whose entity tag is not the stored one, or that the state
//     does not know (a run killed before its state was stored, or a lost
//     state), is read and judged by its FingerprintProp: if the app wrote it
//     and nobody edited it since, it is adopted as it is when it already
//     holds the event, overwritten (If-Match on its current tag) when it
//     holds an older version, and deleted when its event left the feed;
//     otherwise it is a conflict;
//   - a conflict (and any HTTP 412 answer) is reported in the Result and the
//     resource left as it is, unless opt.Force, which overwrites or deletes.
//
// Resources with other names are never read or touched. A collection is
// assumed to hold one feed: two feeds published into one collection would
// delete each other's events.
//
// The run stops at the first error (or when ctx is done); the state returned
// then records every write that was made, and the next run completes the
// work without duplicates or orphans whether it is given that state or an
// older one.
func PublishCalendar(ctx context.Context, c *Client, collectionURL string, events []calendar.Event, state State, opt Options) (Result, State) {
	res := Result{Target: opt.Target}
	if res.Target == "" {
		res.Target = redact(collectionURL)
	}
	newState := state.clone()
	coll, err := checkURL(collectionURL)
	if err != nil {
		res.Err = err
		return res, newState
	}
	if !strings.HasSuffix(coll.Path, "/") {
		coll.Path += "/"
		coll.RawPath = ""
	}

	items := make(map[string]*item, len(events))
	for i := range events {
		e := &events[i]
		if strings.TrimSpace(e.UID) == "" {
			res.Err = fmt.Errorf("event %d %q: %w", i+1, e.Summary, calendar.ErrNoUID)
			return res, newState
		}
		name := ResourceName(e.UID)
		if _, dup := items[name]; dup {
			res.Err = fmt.Errorf("event %q: UID %q appears twice in the feed", e.Summary, e.UID)
			return res, newState
		}
		items[name] = &item{ev: e, order: i, hash: calendar.ContentHash(*e)}
	}
	now := opt.now()
	encode := func(it *item) error {
		if it.body != nil {
			return nil
		}
		var err error
		it.body, it.fp, err = encodeResource(*it.ev, now)
		return err
	}

	remote, err := c.listCollection(ctx, coll)
	if errors.Is(err, ErrNotFound) {
		if !opt.CreateCollection {
			res.Err = c.missingCollection(ctx, coll, err)
			return res, newState
		}
		remote = map[string]string{}
		if !opt.DryRun {
			remote, err = c.createCollection(ctx, coll, opt.CollectionName)
		} else {
			err = nil
		}
	}
	if err != nil {
		res.Err = err
		return res, newState
	}

	var ops []op
	var toInspect []string
	conflict := func(name, uid, reason string) {
		res.ConflictList = append(res.ConflictList, Conflict{Resource: name, UID: uid, Reason: reason})
	}
	names := make([]string, 0, len(items))
	for name := range items {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return items[names[i]].order < items[names[j]].order })
	for _, name := range names {
		it := items[name]
		etag, on := remote[name]
		st, known := state[name]
		switch {
		case !on:
			ops = append(ops, op{kind: opCreate, name: name, uid: it.ev.UID, it: it, ifNoneMatch: true})
		case known && sameETag(st.ETag, etag):
			if st.ContentHash == it.hash {
				res.Unchanged++
				newState[name] = Entry{UID: it.ev.UID, ContentHash: it.hash, ETag: st.ETag}
			} else {
				ops = append(ops, op{kind: opUpdate, name: name, uid: it.ev.UID, it: it, ifMatch: st.ETag})
			}
		default:
			toInspect = append(toInspect, name)
		}
	}
	var gone []string
	for name, etag := range remote {
		if items[name] != nil {
			continue
		}
		if st, known := state[name]; known && sameETag(st.ETag, etag) {
			gone = append(gone, name)
		} else {
			toInspect = append(toInspect, name)
		}
	}
	sort.Strings(gone)
	for _, name := range gone {
		ops = append(ops, op{kind: opDelete, name: name, uid: state[name].UID, ifMatch: state[name].ETag})
	}
	for name := range newState {
		if _, on := remote[name]; !on && items[name] == nil {
			delete(newState, name) // gone from the feed and from the server
		}
	}

	objs, err := c.readObjects(ctx, coll, toInspect, remote)
	if err != nil {
		res.Err = err
		return res, newState
	}
	for _, name := range toInspect {
		it := items[name]
		obj, on := objs[name]
		_, known := state[name]
		reason := "already in the collection, but not written by remotecto or edited since"
		if known {
			reason = "changed on the server since the last publish"
		}
		if it != nil {
			if err := encode(it); err != nil {
				res.Err = err
				return res, newState
			}
			switch {
			case !on: // deleted since the listing
				ops = append(ops, op{kind: opCreate, name: name, uid: it.ev.UID, it: it, ifNoneMatch: true})
			case obj.own && obj.fingerprint == it.fp:
				res.Unchanged++
				newState[name] = Entry{UID: it.ev.UID, ContentHash: it.hash, ETag: obj.etag}
			case obj.own:
				ops = append(ops, op{kind: opUpdate, name: name, uid: it.ev.UID, it: it, ifMatch: obj.etag})
			case opt.Force:
				ops = append(ops, op{kind: opUpdate, name: name, uid: it.ev.UID, it: it})
			default:
				conflict(name, it.ev.UID, reason)
			}
			continue
		}
		switch {
		case !on:
			delete(newState, name)
		case obj.own:
			ops = append(ops, op{kind: opDelete, name: name, uid: obj.uid, ifMatch: obj.etag})
		case opt.Force:
			ops = append(ops, op{kind: opDelete, name: name, uid: obj.uid})
		default:
			conflict(name, obj.uid, "removed from the feed, but "+reason+"; left in place")
		}
	}
	// Creates and updates in the feed's order, then deletes.
	sort.SliceStable(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if (a.kind == opDelete) != (b.kind == opDelete) {
			return b.kind == opDelete
		}
		if a.it != nil && b.it != nil {
			return a.it.order < b.it.order
		}
		return false
	})
	for _, o := range ops {
		if o.it != nil {
			if err := encode(o.it); err != nil {
				res.Err = err
				return res, newState
			}
		}
	}

	if opt.DryRun {
		for _, o := range ops {
			switch o.kind {
			case opCreate:
				res.Created++
			case opUpdate:
				res.Updated++
			case opDelete:
				res.Deleted++
			}
		}
		return finish(res), state.clone()
	}

	noETag := c.write(ctx, coll, ops, opt, &res, newState)
	if len(noETag) > 0 && res.Err == nil {
		// The server did not say what entity tags it gave: ask once. Should
		// this fail, the next run reads those resources and adopts them.
		if after, err := c.listCollection(ctx, coll); err == nil {
			for _, name := range noETag {
				e := newState[name]
				e.ETag = after[name]
				newState[name] = e
			}
		}
	}
	return finish(res), newState
}

// write sends the planned writes, opt.Parallel at a time, records them in
// res and state, and returns the resources written whose entity tag the
// server did not send. It stops at the first error or when ctx is done.
func (c *Client) write(ctx context.Context, coll *url.URL, ops []op, opt Options, res *Result, state State) (noETag []string) {
	total := len(ops)
	opt.progress(0, total)
	if total == 0 {
		return nil
	}
	workers := opt.Parallel
	if workers <= 0 {
		workers = DefaultParallel
	}
	workers = min(workers, total)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan op)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range next {
				if runCtx.Err() != nil {
					continue
				}
				target := coll.ResolveReference(&url.URL{Path: o.name}).String()
				var out outcome
				var err error
				if o.kind == opDelete {
					out, err = c.deleteResource(runCtx, target, o, opt.Force)
				} else {
					out, err = c.putResource(runCtx, target, o, opt.Force)
				}
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
						stop()
					}
					mu.Unlock()
					continue
				}
				switch {
				case out.conflict != "":
					res.ConflictList = append(res.ConflictList, Conflict{Resource: o.name, UID: o.uid, Reason: out.conflict})
				case o.kind == opDelete:
					res.Deleted++
					delete(state, o.name)
				default:
					if o.kind == opCreate {
						res.Created++
					} else {
						res.Updated++
					}
					state[o.name] = Entry{UID: o.uid, ContentHash: o.it.hash, ETag: out.etag}
					if out.etag == "" {
						noETag = append(noETag, o.name)
					}
				}
				done++
				opt.progress(done, total)
				mu.Unlock()
			}
		}()
	}
	for _, o := range ops {
		if runCtx.Err() != nil {
			break
		}
		next <- o
	}
	close(next)
	wg.Wait()
	switch {
	case ctx.Err() != nil:
		res.Err = fmt.Errorf("stopped after %d of %d changes: %w", done, total, ctx.Err())
	case firstErr != nil:
		res.Err = firstErr
	}
	sort.Slice(res.ConflictList, func(i, j int) bool { return res.ConflictList[i].Resource < res.ConflictList[j].Resource })
	return noETag
}

// outcome is what one write did: conflict is set when the server refused
// it for a precondition.
type outcome struct {
	etag     string
	conflict string
}

// finish counts the conflicts and, when nothing else failed, reports them as
// the run's error.
func finish(res Result) Result {
	res.Conflicts = len(res.ConflictList)
	if res.Err == nil && res.Conflicts > 0 {
		res.Err = conflictError(res.ConflictList)
	}
	return res
}

// putResource writes one event. A 412 answer is a conflict (or, forced, the
// write is made again without a precondition).
func (c *Client) putResource(ctx context.Context, target string, o op, force bool) (outcome, error) {
	h := http.Header{"Content-Type": {"text/calendar; charset=utf-8"}}
	if o.ifNoneMatch {
		h.Set("If-None-Match", "*")
	} else if o.ifMatch != "" {
		h.Set("If-Match", quoteETag(o.ifMatch))
	}
	resp, err := c.send(ctx, http.MethodPut, target, o.it.body, h)
	if err != nil {
		return outcome{}, err
	}
	if resp.StatusCode == http.StatusPreconditionFailed {
		drain(resp)
		if !force {
			if o.ifNoneMatch {
				return c.appeared(ctx, target, o)
			}
			return outcome{conflict: ErrConflict.Error()}, nil
		}
		resp, err = c.send(ctx, http.MethodPut, target, o.it.body, http.Header{"Content-Type": h["Content-Type"]})
		if err != nil {
			return outcome{}, err
		}
	}
	defer drain(resp)
	if resp.StatusCode/100 != 2 {
		return outcome{}, statusError(resp)
	}
	return outcome{etag: resp.Header.Get("ETag")}, nil
}

// appeared judges a resource that a create found already there (HTTP 412
// on If-None-Match: *): most often the app's own write of a run stopped
// half-way, which the server finished after that run's listing. The app's
// own resource holding this event is kept as it is; the app's own holding
// an older version is overwritten (If-Match on its tag); anything else is a
// conflict.
func (c *Client) appeared(ctx context.Context, target string, o op) (outcome, error) {
	const reason = "appeared on the server during the publish"
	obj, found, err := c.getObject(ctx, target, o.name)
	if err != nil {
		return outcome{}, err
	}
	switch {
	case !found || !obj.own:
		return outcome{conflict: reason}, nil
	case obj.fingerprint == o.it.fp:
		return outcome{etag: obj.etag}, nil
	}
	h := http.Header{"Content-Type": {"text/calendar; charset=utf-8"}}
	if obj.etag != "" {
		h.Set("If-Match", quoteETag(obj.etag))
	}
	resp, err := c.send(ctx, http.MethodPut, target, o.it.body, h)
	if err != nil {
		return outcome{}, err
	}
	defer drain(resp)
	if resp.StatusCode == http.StatusPreconditionFailed {
		return outcome{conflict: reason}, nil
	}
	if resp.StatusCode/100 != 2 {
		return outcome{}, statusError(resp)
	}
	return outcome{etag: resp.Header.Get("ETag")}, nil
}

// deleteResource removes one resource that left the feed; one already gone
// counts as deleted.
func (c *Client) deleteResource(ctx context.Context, target string, o op, force bool) (outcome, error) {
	h := http.Header{}
	if o.ifMatch != "" {
		h.Set("If-Match", quoteETag(o.ifMatch))
	}
	resp, err := c.send(ctx, http.MethodDelete, target, nil, h)
	if err != nil {
		return outcome{}, err
	}
	if resp.StatusCode == http.StatusPreconditionFailed {
		drain(resp)
		if !force {
			return outcome{conflict: "removed from the feed, but " + ErrConflict.Error() + "; left in place"}, nil
		}
		if resp, err = c.send(ctx, http.MethodDelete, target, nil, nil); err != nil {
			return outcome{}, err
		}
	}
	defer drain(resp)
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return outcome{}, statusError(resp)
	}
	return outcome{}, nil
}

// listCollection returns the entity tags of the resources in the collection
// whose names follow the app's scheme (PROPFIND, depth 1).
func (c *Client) listCollection(ctx context.Context, coll *url.URL) (map[string]string, error) {
	wc, err := webdav.NewClient(c, coll.String())
	if err != nil {
		return nil, err
	}
	var infos []webdav.FileInfo
	err = viaLibrary(ctx, func(ctx context.Context) error {
		var err error
		infos, err = wc.ReadDir(ctx, coll.Path, false)
		return err
	})
	if err != nil {
		var se *StatusError
		if !errors.As(err, &se) && !errors.As(err, new(*RequestError)) && ctx.Err() == nil {
			err = fmt.Errorf("list %s: %w", redact(coll.String()), err)
		}
		return nil, err
	}
	dir := path.Clean(coll.Path)
	remote := map[string]string{}
	for _, fi := range infos {
		p := path.Clean(fi.Path)
		if p == dir {
			if !fi.IsDir {
				return nil, fmt.Errorf("%s is a file, not a calendar collection", redact(coll.String()))
			}
			continue
		}
		if fi.IsDir || path.Dir(p) != dir || !isResourceName(path.Base(p)) {
			continue
		}
		remote[path.Base(p)] = quoteETag(fi.ETag)
	}
	return remote, nil
}

// readObjects reads the named resources (calendar-multiget, by batches; one
// GET each if the server refuses that) and judges whether the app wrote them.
// A resource gone since the listing is left out.
func (c *Client) readObjects(ctx context.Context, coll *url.URL, names []string, listed map[string]string) (map[string]remoteObject, error) {
	out := make(map[string]remoteObject, len(names))
	if len(names) == 0 {
		return out, nil
	}
	cc, err := caldav.NewClient(c, coll.String())
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(names); start += batchSize {
		batch := names[start:min(start+batchSize, len(names))]
		paths := make([]string, len(batch))
		for i, name := range batch {
			paths[i] = coll.Path + name
		}
		var objs []caldav.CalendarObject
		err := viaLibrary(ctx, func(ctx context.Context) error {
			var err error
			objs, err = cc.MultiGetCalendar(ctx, coll.Path, &caldav.CalendarMultiGet{
				Paths:       paths,
				CompRequest: caldav.CalendarCompRequest{Name: ical.CompCalendar, AllProps: true, AllComps: true},
			})
			return err
		})
		if ctx.Err() != nil {
			return nil, fmt.Errorf("read %s: %w", redact(coll.String()), ctx.Err())
		}
		if err == nil && len(objs) == len(batch) {
			for _, o := range objs {
				name := path.Base(o.Path)
				etag := quoteETag(o.ETag)
				if etag == "" {
					etag = listed[name]
				}
				out[name] = inspect(name, etag, o.Data)
			}
			continue
		}
		for _, name := range batch {
			obj, found, err := c.getObject(ctx, coll.ResolveReference(&url.URL{Path: name}).String(), name)
			if err != nil {
				return nil, err
			}
			if found {
				out[name] = obj
			}
		}
	}
	return out, nil
}

// getObject reads one resource with a plain GET.
func (c *Client) getObject(ctx context.Context, target, name string) (remoteObject, bool, error) {
	resp, err := c.send(ctx, http.MethodGet, target, nil, http.Header{"Accept": {"text/calendar"}})
	if err != nil {
		return remoteObject{}, false, err
	}
	defer drain(resp)
	if resp.StatusCode == http.StatusNotFound {
		return remoteObject{}, false, nil
	}
	if resp.StatusCode/100 != 2 {
		return remoteObject{}, false, statusError(resp)
	}
	cal, err := ical.NewDecoder(io.LimitReader(resp.Body, MaxBody)).Decode()
	if err != nil {
		cal = nil // not a calendar the app wrote
	}
	return inspect(name, resp.Header.Get("ETag"), cal), true, nil
}

// createCollection sends MKCALENDAR and lists the new collection. 405 and
// 409 may mean that it exists already; the listing tells.
func (c *Client) createCollection(ctx context.Context, coll *url.URL, displayName string) (map[string]string, error) {
	var body []byte
	h := http.Header{}
	if displayName != "" {
		body = []byte(`<?xml version="1.0" encoding="utf-8"?>` +
			`<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>` +
			`<D:displayname>` + html.EscapeString(displayName) + `</D:displayname>` +
			`</D:prop></D:set></C:mkcalendar>`)
		h.Set("Content-Type", `application/xml; charset="utf-8"`)
	}
	resp, err := c.send(ctx, "MKCALENDAR", coll.String(), body, h)
	if err != nil {
		return nil, err
	}
	defer drain(resp)
	var mkErr *StatusError
	switch {
	case resp.StatusCode/100 == 2:
	case resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusConflict:
		mkErr = statusError(resp)
	default:
		return nil, fmt.Errorf("create calendar collection: %w", statusError(resp))
	}
	remote, err := c.listCollection(ctx, coll)
	if errors.Is(err, ErrNotFound) && mkErr != nil {
		return nil, fmt.Errorf("create calendar collection (does the folder above it exist?): %w", mkErr)
	}
	return remote, err
}

// missingCollection explains a collection that is not there, with the
// account's calendars when the server can list them.
func (c *Client) missingCollection(ctx context.Context, coll *url.URL, err error) error {
	hint := "a collection URL names the calendar itself and ends with a slash, such as " +
		"https://dav.example.com/calendars/USER/oncall/ (Radicale: http://HOST:5232/USER/oncall/)"
	if found, ferr := FindCalendars(ctx, c, coll.String()); ferr == nil && len(found) > 0 {
		var urls []string
		for i, f := range found {
			if i == 5 {
				urls = append(urls, "…")
				break
			}
			urls = append(urls, f.URL)
		}
		hint = "calendars of this account: " + strings.Join(urls, ", ")
	}
	return fmt.Errorf("%w: %s; check the URL (%s) or let remotecto create it: %w",
		ErrCollectionMissing, redact(coll.String()), hint, err)
}

// Collection is a calendar collection found on a server.
type Collection struct {
	URL  string
	Name string
}

// FindCalendars lists the calendar collections of the account on the server
// of serverURL (any URL of it: the discovery starts at its root), through the
// current-user-principal and calendar-home-set properties.
func FindCalendars(ctx context.Context, c *Client, serverURL string) ([]Collection, error) {
	u, err := checkURL(serverURL)
	if err != nil {
		return nil, err
	}
	root := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
	cc, err := caldav.NewClient(c, root.String())
	if err != nil {
		return nil, err
	}
	var found []Collection
	err = viaLibrary(ctx, func(ctx context.Context) error {
		principal, err := cc.FindCurrentUserPrincipal(ctx)
		if err != nil {
			return err
		}
		home, err := cc.FindCalendarHomeSet(ctx, principal)
		if err != nil {
			return err
		}
		cals, err := cc.FindCalendars(ctx, home)
		if err != nil {
			return err
		}
		for _, cal := range cals {
			found = append(found, Collection{URL: root.ResolveReference(&url.URL{Path: cal.Path}).String(), Name: cal.Name})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find calendars on %s: %w", redact(root.String()), err)
	}
	return found, nil
}
