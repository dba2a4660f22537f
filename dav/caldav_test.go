package dav

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"dev.remotecto/remotecto/calendar"
)

var testNow = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// shiftEvents is n events like a year of on-call shifts: 12-hour shifts in
// UTC, some in a zone (half-hour, 45-minute and DST zones), all-day time
// off, a fortnightly 1:1 series, and text that needs escaping and folding.
func shiftEvents(t testing.TB, n int) []calendar.Event {
	zones := []*time.Location{mustZone(t, "Europe/Lisbon"), mustZone(t, "Asia/Kathmandu"),
		mustZone(t, "America/St_Johns"), mustZone(t, "Australia/Sydney")}
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	evs := make([]calendar.Event, 0, n)
	for i := 0; i < n; i++ {
		s := start.Add(time.Duration(i) * 12 * time.Hour)
		e := calendar.Event{
			UID:         calendar.MakeUID("shift", "Primary", s.Format(time.RFC3339)),
			Summary:     fmt.Sprintf("On call: Primary (member %d)", i%7),
			Description: "Escalation: Primary, then Ana (+351 210 000 001); runbook https://example.com/runbook, channel #ops\nSecond line",
			Start:       s, End: s.Add(12 * time.Hour), Transparent: true,
			Categories: []string{"On call"}, Sequence: i % 3,
		}
		switch i % 10 {
		case 3:
			z := zones[i%len(zones)]
			e.Zone, e.Start, e.End = z, s.In(z), s.Add(12*time.Hour).In(z)
		case 5:
			d := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
			e.AllDay, e.Start, e.End = true, d, d.AddDate(0, 0, 2)
			e.Summary = "Time off: Bo — «holiday», long summary that goes past seventy-five octets for sure"
			e.Transparent = false
		case 7:
			z := zones[(i/10)%len(zones)]
			e.UID = calendar.MakeUID("1on1", "Ana", fmt.Sprint(i))
			e.Zone, e.Start, e.End = z, s.In(z), s.Add(30*time.Minute).In(z)
			e.RRule = "FREQ=WEEKLY;INTERVAL=2;COUNT=26"
			e.Summary, e.Location = "1:1 Ana; Bo, weekly\\sync", "Room 1, floor 2"
		}
		evs = append(evs, e)
	}
	return evs
}

// published is an event as the server holds it.
type published struct {
	summary    string
	start, end time.Time
	allDay     bool
}

// serverView reads the collection back with go-webdav's own client and
// plain Basic auth (not the code under test): UID → event, and the number
// of resources of every name.
func serverView(t testing.TB, collURL, user, pass string) (map[string]published, int) {
	t.Helper()
	hc := webdav.HTTPClientWithBasicAuth(http.DefaultClient, user, pass)
	u, _ := url.Parse(collURL)
	cc, err := caldav.NewClient(hc, collURL)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := cc.QueryCalendar(context.Background(), u.Path, &caldav.CalendarQuery{
		CompRequest: caldav.CalendarCompRequest{Name: "VCALENDAR", AllProps: true, AllComps: true},
		CompFilter:  caldav.CompFilter{Name: "VCALENDAR", Comps: []caldav.CompFilter{{Name: "VEVENT"}}},
	})
	if err != nil {
		t.Fatalf("read back %s: %v", collURL, err)
	}
	out := map[string]published{}
	for _, o := range objs {
		evs := o.Data.Events()
		if len(evs) != 1 {
			t.Fatalf("%s holds %d events; want 1", o.Path, len(evs))
		}
		ev := evs[0]
		uid, _ := ev.Props.Text(ical.PropUID)
		if _, dup := out[uid]; dup {
			t.Errorf("UID %s appears twice on the server", uid)
		}
		s, err := ev.DateTimeStart(time.UTC)
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", o.Path, err)
		}
		e, err := ev.DateTimeEnd(time.UTC)
		if err != nil {
			t.Fatalf("%s: DTEND: %v", o.Path, err)
		}
		summary, _ := ev.Props.Text(ical.PropSummary)
		allDay := ev.Props.Get(ical.PropDateTimeStart).ValueType() == ical.ValueDate
		out[uid] = published{summary: summary, start: s, end: e, allDay: allDay}
	}
	wc, err := webdav.NewClient(hc, collURL)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := wc.ReadDir(context.Background(), u.Path, false)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, fi := range infos {
		if !fi.IsDir {
			files++
		}
	}
	return out, files
}

// checkServer compares what the server holds with the feed: every UID, its
// start and end instants (dates for all-day events) and summary.
func checkServer(t testing.TB, collURL, user, pass string, feed []calendar.Event, others int) {
	t.Helper()
	got, files := serverView(t, collURL, user, pass)
	if files != len(feed)+others {
		t.Errorf("the collection holds %d resources; want %d (%d events + %d others)", files, len(feed)+others, len(feed), others)
	}
	seen := 0
	for _, e := range feed {
		p, ok := got[e.UID]
		if !ok {
			t.Errorf("event %s is not on the server", e.UID)
			continue
		}
		seen++
		if e.AllDay {
			if !p.allDay || p.start.Format(time.DateOnly) != e.Start.Format(time.DateOnly) || p.end.Format(time.DateOnly) != e.End.Format(time.DateOnly) {
				t.Errorf("event %s: server has %v..%v (all day %v); want the dates %s..%s", e.UID, p.start, p.end, p.allDay,
					e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly))
			}
		} else if !p.start.Equal(e.Start) || !p.end.Equal(e.End) {
			t.Errorf("event %s: server has %v..%v; want %v..%v", e.UID, p.start, p.end, e.Start, e.End)
		}
		if p.summary != e.Summary {
			t.Errorf("event %s: server has summary %q; want %q", e.UID, p.summary, e.Summary)
		}
	}
	if len(got) != seen+others {
		t.Errorf("the server holds %d events; want %d", len(got), seen+others)
	}
}

// putRaw writes a resource as another client would.
func putRaw(t testing.TB, target, user, pass string, body []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, target, bytes.NewReader(body))
	req.SetBasicAuth(user, pass)
	req.Header.Set("Content-Type", "text/calendar; charset=utf-8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("PUT %s: %s", target, resp.Status)
	}
}

// getRaw reads a resource as another client would.
func getRaw(t testing.TB, target, user, pass string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", target, resp.Status)
	}
	return b
}

// foreignEvent is an event written by someone else's calendar app.
func foreignEvent(uid, summary string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n" +
		"SUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
}

func wantCounts(t testing.TB, what string, res Result, created, updated, deleted, unchanged, conflicts int) {
	t.Helper()
	if res.Created != created || res.Updated != updated || res.Deleted != deleted || res.Unchanged != unchanged || res.Conflicts != conflicts {
		t.Errorf("%s: got %d created, %d updated, %d deleted, %d unchanged, %d conflicts; want %d, %d, %d, %d, %d (%v)",
			what, res.Created, res.Updated, res.Deleted, res.Unchanged, res.Conflicts,
			created, updated, deleted, unchanged, conflicts, res.ConflictList)
	}
}

func TestPublishCalendarIncremental(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	cnt := newCounter()
	c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
	feed := shiftEvents(t, 40)

	// Missing collection, not allowed to create it: nothing written.
	res, st := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow})
	if !errors.Is(res.Err, ErrCollectionMissing) || !errors.Is(res.Err, ErrNotFound) {
		t.Fatalf("publish to a missing collection: err %v; want ErrCollectionMissing and ErrNotFound", res.Err)
	}
	if cnt.Get("PUT")+cnt.Get("MKCALENDAR") != 0 || len(st) != 0 {
		t.Fatalf("publish to a missing collection wrote: %v, state %d", cnt.Counts(), len(st))
	}

	// A dry run counts what a first publish does, and writes nothing.
	cnt.Reset()
	res, st = PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, DryRun: true, CreateCollection: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "dry run", res, 40, 0, 0, 0, 0)
	if n := cnt.Get("PUT") + cnt.Get("MKCALENDAR") + cnt.Get("DELETE"); n != 0 || len(st) != 0 {
		t.Fatalf("dry run sent %d writes and returned %d state entries", n, len(st))
	}

	// First publish creates the collection and every event.
	var progress [][2]int
	cnt.Reset()
	res, st = PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, CreateCollection: true, CollectionName: "On call",
		Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) }})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "first publish", res, 40, 0, 0, 0, 0)
	if cnt.Get("MKCALENDAR") != 1 || cnt.Get("PUT") != 40 {
		t.Errorf("first publish sent %d MKCALENDAR and %d PUT; want 1 and 40", cnt.Get("MKCALENDAR"), cnt.Get("PUT"))
	}
	if len(progress) != 41 || progress[0] != [2]int{0, 40} || progress[40] != [2]int{40, 40} {
		t.Errorf("progress calls %v; want (0,40) ... (40,40)", progress)
	}
	if len(st) != 40 {
		t.Fatalf("state has %d entries; want 40", len(st))
	}
	for name, e := range st {
		if name != ResourceName(e.UID) || e.ETag == "" || e.ContentHash == "" {
			t.Errorf("state entry %s = %+v", name, e)
		}
	}
	checkServer(t, coll, "ana", "secret", feed, 0)

	// Someone else's resource in the collection is never touched.
	foreign := coll + "team-party.ics"
	putRaw(t, foreign, "ana", "secret", foreignEvent("party@example.com", "Team party"))

	// Nothing changed: no PUT, no DELETE.
	cnt.Reset()
	start := time.Now()
	res, st = PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow.Add(time.Hour)})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "second publish", res, 0, 0, 0, 40, 0)
	if cnt.Get("PUT") != 0 || cnt.Get("DELETE") != 0 {
		t.Errorf("second publish sent %d PUT and %d DELETE; want none", cnt.Get("PUT"), cnt.Get("DELETE"))
	}
	t.Logf("unchanged run: %d requests in %v", cnt.Get("PROPFIND")+cnt.Get("REPORT"), time.Since(start))

	// One changed, one removed, one added.
	feed2 := append([]calendar.Event(nil), feed...)
	feed2[4].Summary = "On call: Primary (swapped with Bo)"
	feed2[4].Sequence++
	removed := feed2[9]
	feed2 = append(feed2[:9], feed2[10:]...)
	added := calendar.Event{UID: calendar.MakeUID("meeting", "retro"), Summary: "Retro",
		Start: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 3, 16, 0, 0, 0, time.UTC)}
	feed2 = append(feed2, added)

	cnt.Reset()
	res, dry := PublishCalendar(ctx, c, coll, feed2, st, Options{Now: testNow, DryRun: true})
	wantCounts(t, "dry run of a change", res, 1, 1, 1, 38, 0)
	if cnt.Get("PUT")+cnt.Get("DELETE") != 0 || len(dry) != len(st) {
		t.Errorf("dry run wrote")
	}
	cnt.Reset()
	res, st = PublishCalendar(ctx, c, coll, feed2, st, Options{Now: testNow})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "publish of a change", res, 1, 1, 1, 38, 0)
	if cnt.Get("PUT") != 2 || cnt.Get("DELETE") != 1 {
		t.Errorf("publish of a change sent %d PUT and %d DELETE; want 2 and 1", cnt.Get("PUT"), cnt.Get("DELETE"))
	}
	if _, ok := st[ResourceName(removed.UID)]; ok {
		t.Errorf("state still has the removed event")
	}
	checkServer(t, coll, "ana", "secret", feed2, 1)
	if b := getRaw(t, foreign, "ana", "secret"); !bytes.Contains(b, []byte("Team party")) {
		t.Errorf("the foreign resource changed:\n%s", b)
	}

	// The state survives JSON, as storage will keep it.
	res, _ = PublishCalendar(ctx, c, coll, feed2, roundTripJSON(t, st), Options{Now: testNow})
	wantCounts(t, "publish with a stored state", res, 0, 0, 0, len(feed2), 0)
}

func TestPublishCalendarConflict(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	c := NewClient(Account{User: "ana", Password: "secret"})
	feed := shiftEvents(t, 5)
	res, st := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, CreateCollection: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}

	// A team member edits two events in their calendar app.
	edited := coll + ResourceName(feed[1].UID)
	putRaw(t, edited, "ana", "secret", foreignEvent(feed[1].UID, "Moved by Bo"))
	body := getRaw(t, coll+ResourceName(feed[2].UID), "ana", "secret")
	tampered := bytes.Replace(body, []byte("SUMMARY:On call: Primary (member 2)"), []byte("SUMMARY:Edited by hand"), 1)
	if bytes.Equal(tampered, body) {
		t.Fatalf("no SUMMARY to edit in:\n%s", body)
	}
	putRaw(t, coll+ResourceName(feed[2].UID), "ana", "secret", tampered)

	// The app changed event 1 too, not event 2: both are conflicts.
	feed[1].Summary = "On call: Primary (Ana)"
	res, st2 := PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow})
	wantCounts(t, "publish over an edit", res, 0, 0, 0, 3, 2)
	if !errors.Is(res.Err, ErrConflict) {
		t.Errorf("err %v; want ErrConflict", res.Err)
	}
	if b := getRaw(t, edited, "ana", "secret"); !bytes.Contains(b, []byte("Moved by Bo")) {
		t.Errorf("the edited event was overwritten:\n%s", b)
	}
	for _, cf := range res.ConflictList {
		if cf.UID != feed[1].UID && cf.UID != feed[2].UID {
			t.Errorf("conflict %v is not one of the edited events", cf)
		}
	}
	if st2[ResourceName(feed[1].UID)] != st[ResourceName(feed[1].UID)] {
		t.Errorf("the state of a conflicting event changed")
	}

	// Still a conflict next time; then forced.
	res, st2 = PublishCalendar(ctx, c, coll, feed, st2, Options{Now: testNow})
	wantCounts(t, "publish again", res, 0, 0, 0, 3, 2)
	res, st2 = PublishCalendar(ctx, c, coll, feed, st2, Options{Now: testNow, Force: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "forced publish", res, 0, 2, 0, 3, 0)
	checkServer(t, coll, "ana", "secret", feed, 0)
	res, _ = PublishCalendar(ctx, c, coll, feed, st2, Options{Now: testNow})
	wantCounts(t, "publish after force", res, 0, 0, 0, 5, 0)
}

// TestPublishCalendarRace changes an event between the listing and the PUT:
// the server's 412 is a conflict, or with Force an overwrite.
func TestPublishCalendarRace(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	feed := shiftEvents(t, 3)
	if res, _ := PublishCalendar(ctx, NewClient(Account{User: "ana", Password: "secret"}), coll, feed, nil,
		Options{Now: testNow, CreateCollection: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	for _, force := range []bool{false, true} {
		// Start from a server that holds the feed and a state that says so.
		res, st := PublishCalendar(ctx, NewClient(Account{User: "ana", Password: "secret"}), coll, feed, nil,
			Options{Now: testNow, Force: true})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		cnt := newCounter()
		target := coll + ResourceName(feed[0].UID)
		cnt.SetBefore(func(req *http.Request) {
			if req.Method == http.MethodPut && req.URL.String() == target && cnt.Get("PUT") == 1 {
				putRaw(t, target, "ana", "secret", foreignEvent(feed[0].UID, "Edited meanwhile"))
			}
		})
		c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
		feed[0].Summary = fmt.Sprintf("Changed (force %v)", force)
		res, _ = PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow, Force: force})
		if !force {
			wantCounts(t, "publish in a race", res, 0, 0, 0, 2, 1)
			if !errors.Is(res.Err, ErrConflict) {
				t.Errorf("err %v; want ErrConflict", res.Err)
			}
			if b := getRaw(t, target, "ana", "secret"); !bytes.Contains(b, []byte("Edited meanwhile")) {
				t.Errorf("the edit made during the publish was overwritten")
			}
			continue
		}
		wantCounts(t, "forced publish in a race", res, 0, 1, 0, 2, 0)
		if cnt.Get("PUT") != 2 {
			t.Errorf("forced publish in a race sent %d PUT; want 2 (412, then without If-Match)", cnt.Get("PUT"))
		}
		checkServer(t, coll, "ana", "secret", feed, 0)
	}
}

// TestPublishCalendarResume stops a first publish half-way, then runs again
// with a feed that changed meanwhile, with the state the stopped run returned
// or with none at all (a killed run stores nothing): no duplicates, no
// orphans, and the resources already written are not written again.
func TestPublishCalendarResume(t *testing.T) {
	for _, tc := range []struct {
		keepState bool
		parallel  int
	}{{false, 1}, {true, 1}, {false, 4}, {true, 4}} {
		keepState, parallel := tc.keepState, tc.parallel
		t.Run(fmt.Sprintf("keepState=%v,parallel=%d", keepState, parallel), func(t *testing.T) {
			srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
			ctx := bg(t)
			coll := srv.URL + "ana/oncall/"
			cnt := newCounter()
			c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
			feedA := shiftEvents(t, 30)

			stopCtx, cancel := context.WithCancel(ctx)
			res, st := PublishCalendar(stopCtx, c, coll, feedA, nil, Options{Now: testNow, CreateCollection: true, Parallel: parallel,
				Progress: func(done, total int) {
					if done == 12 {
						cancel()
					}
				}})
			cancel()
			if !errors.Is(res.Err, context.Canceled) || res.Created < 12 || res.Created > 12+parallel-1 {
				t.Fatalf("stopped run: created %d, err %v; want 12 (up to %d in flight) and context.Canceled", res.Created, res.Err, parallel-1)
			}
			if len(st) != res.Created {
				t.Errorf("stopped run returned %d state entries; want %d", len(st), res.Created)
			}
			t.Log(res.Err)
			if !keepState {
				st = nil
			}
			putRaw(t, coll+"other.ics", "ana", "secret", foreignEvent("other@example.com", "Not ours"))

			// Meanwhile: the first 3 events left the feed, event 5 changed,
			// two were added.
			feedB := append([]calendar.Event(nil), feedA[3:]...)
			feedB[2].Summary = "Changed meanwhile" // feedA[5]
			feedB = append(feedB,
				calendar.Event{UID: "new-1@remotecto.dev", Summary: "New 1", Start: testNow, End: testNow.Add(time.Hour)},
				calendar.Event{UID: "new-2@remotecto.dev", Summary: "New 2", Start: testNow, End: testNow.Add(2 * time.Hour)})

			cnt.Reset()
			res, st = PublishCalendar(ctx, c, coll, feedB, st, Options{Now: testNow.Add(time.Minute), Parallel: parallel})
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if parallel == 1 {
				// 12 written: 3 orphans deleted, 1 updated, 8 kept; 18 + 2 created.
				wantCounts(t, "resumed run", res, 20, 1, 3, 8, 0)
				if cnt.Get("PUT") != 21 || cnt.Get("DELETE") != 3 {
					t.Errorf("resumed run sent %d PUT and %d DELETE; want 21 and 3", cnt.Get("PUT"), cnt.Get("DELETE"))
				}
			} else if res.Deleted != 3 || res.Created+res.Updated+res.Unchanged != len(feedB) || res.Conflicts != 0 {
				t.Errorf("resumed run: %v; want 3 deleted and every event of the feed created, updated or unchanged", res)
			}
			checkServer(t, coll, "ana", "secret", feedB, 1)

			cnt.Reset()
			res, _ = PublishCalendar(ctx, c, coll, feedB, st, Options{Now: testNow})
			wantCounts(t, "run after the resumed run", res, 0, 0, 0, len(feedB), 0)
			if cnt.Get("PUT")+cnt.Get("DELETE")+cnt.Get("GET")+cnt.Get("REPORT") != 0 {
				t.Errorf("run after the resumed run sent %v", cnt.Counts())
			}
		})
	}
}

// TestPublishCalendarLostState publishes with an empty state to a
// collection the app filled before: everything is adopted, nothing written.
func TestPublishCalendarLostState(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	cnt := newCounter()
	c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
	feed := shiftEvents(t, 150)
	if res, _ := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, CreateCollection: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	cnt.Reset()
	res, st := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow.Add(time.Hour)})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "publish with a lost state", res, 0, 0, 0, 150, 0)
	if cnt.Get("PUT") != 0 || cnt.Get("REPORT") != 2 {
		t.Errorf("publish with a lost state sent %v; want no PUT and 2 REPORTs (batches of %d)", cnt.Counts(), batchSize)
	}
	if len(st) != 150 {
		t.Errorf("adopted %d; want 150", len(st))
	}
}

func TestPublishCalendarErrors(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret", "bob": "hunter2"}, false)
	ctx := bg(t)
	feed := shiftEvents(t, 3)
	ana := NewClient(Account{User: "ana", Password: "secret"})
	if res, _ := PublishCalendar(ctx, ana, srv.URL+"ana/oncall/", feed, nil, Options{Now: testNow, CreateCollection: true}); res.Err != nil {
		t.Fatal(res.Err)
	}

	t.Run("server down", func(t *testing.T) {
		res, _ := PublishCalendar(ctx, ana, "http://"+freeAddr(t)+"/ana/oncall/", feed, nil, Options{})
		var re *RequestError
		if !errors.Is(res.Err, ErrUnreachable) || !errors.As(res.Err, &re) || !strings.Contains(res.Err.Error(), "connection refused") {
			t.Errorf("err %v; want ErrUnreachable saying connection refused", res.Err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		c := NewClient(Account{User: "ana", Password: "wrong"})
		res, _ := PublishCalendar(ctx, c, srv.URL+"ana/oncall/", feed, nil, Options{})
		var se *StatusError
		if !errors.Is(res.Err, ErrUnauthorized) || !errors.As(res.Err, &se) || se.Code != 401 {
			t.Fatalf("err %v; want a 401 StatusError", res.Err)
		}
		t.Log(res.Err)
	})
	t.Run("another user's calendar", func(t *testing.T) {
		c := NewClient(Account{User: "bob", Password: "hunter2"})
		res, _ := PublishCalendar(ctx, c, srv.URL+"ana/oncall/", feed, nil, Options{Force: true, CreateCollection: true})
		var se *StatusError
		if !errors.Is(res.Err, ErrForbidden) || !errors.As(res.Err, &se) || se.Code != 403 {
			t.Fatalf("err %v; want a 403 StatusError", res.Err)
		}
		t.Log(res.Err)
	})
	t.Run("missing collection", func(t *testing.T) {
		res, _ := PublishCalendar(ctx, ana, srv.URL+"ana/on-call/", feed, nil, Options{})
		var se *StatusError
		if !errors.Is(res.Err, ErrCollectionMissing) || !errors.As(res.Err, &se) || se.Code != 404 {
			t.Fatalf("err %v; want ErrCollectionMissing with a 404", res.Err)
		}
		if !strings.Contains(res.Err.Error(), srv.URL+"ana/oncall/") {
			t.Errorf("err %q does not suggest the account's calendar %s", res.Err, srv.URL+"ana/oncall/")
		}
		t.Log(res.Err)
	})
	t.Run("not a URL", func(t *testing.T) {
		res, _ := PublishCalendar(ctx, ana, "dav.example.com/ana/", feed, nil, Options{})
		if !errors.Is(res.Err, ErrBadURL) {
			t.Errorf("err %v; want ErrBadURL", res.Err)
		}
	})
	t.Run("duplicate UID", func(t *testing.T) {
		res, _ := PublishCalendar(ctx, ana, srv.URL+"ana/oncall/", append(feed, feed[0]), nil, Options{})
		if res.Err == nil || !strings.Contains(res.Err.Error(), "twice") {
			t.Errorf("err %v; want a duplicate UID error", res.Err)
		}
	})
	t.Run("collection exists", func(t *testing.T) {
		u, _ := url.Parse(srv.URL + "ana/oncall/")
		remote, err := ana.createCollection(ctx, u, "")
		if err != nil || len(remote) != 3 {
			t.Errorf("MKCALENDAR on an existing collection: %d resources, err %v; want 3 and nil", len(remote), err)
		}
	})
}

// TestPublishCalendarStatus checks the statuses a tiny server gives:
// 507 on PUT, and no answer in time.
func TestPublishCalendarStatus(t *testing.T) {
	ctx := bg(t)
	feed := shiftEvents(t, 2)
	t.Run("507", func(t *testing.T) {
		srv := fakeDAV(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusInsufficientStorage)
			io.WriteString(w, "Quota exceeded (100 MB)")
		})
		res, st := PublishCalendar(ctx, NewClient(Account{}), srv+"cal/", feed, nil, Options{Now: testNow})
		var se *StatusError
		if !errors.Is(res.Err, ErrInsufficientStorage) || !errors.As(res.Err, &se) || se.Code != 507 || !strings.Contains(se.Detail, "Quota") {
			t.Fatalf("err %v; want a 507 StatusError with the server's text", res.Err)
		}
		if len(st) != 0 || res.Created != 0 {
			t.Errorf("state %v, created %d after a refused PUT", st, res.Created)
		}
		t.Log(res.Err)
	})
	t.Run("timeout", func(t *testing.T) {
		srv := fakeDAV(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		})
		start := time.Now()
		res, _ := PublishCalendar(ctx, NewClient(Account{Timeout: 200 * time.Millisecond}), srv+"cal/", feed, nil, Options{Now: testNow})
		var re *RequestError
		if !errors.Is(res.Err, ErrTimeout) || !errors.As(res.Err, &re) || !strings.Contains(res.Err.Error(), "200ms") {
			t.Fatalf("err %v; want ErrTimeout naming the 200ms limit", res.Err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
		t.Log(res.Err)
	})
}

// fakeDAV is a server with an empty collection at /cal/ whose every other
// request gets put.
func fakeDAV(t testing.TB, put http.HandlerFunc) string {
	srv := newHTTPServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "PROPFIND" {
			w.Header().Set("Content-Type", "application/xml; charset=utf-8")
			w.WriteHeader(http.StatusMultiStatus)
			io.WriteString(w, `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/cal/</D:href>`+
				`<D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>`+
				`</D:response></D:multistatus>`)
			return
		}
		put(w, r)
	}))
	return srv
}

func TestResourceNames(t *testing.T) {
	name := ResourceName("shift/Primary/2026-03-02T09:00:00Z@remotecto.dev")
	if !isResourceName(name) || len(name) != 68 {
		t.Errorf("ResourceName gives %q, not of the scheme", name)
	}
	for _, n := range []string{"team-party.ics", strings.ToUpper(name), strings.TrimSuffix(name, ".ics"), "x" + name} {
		if isResourceName(n) {
			t.Errorf("isResourceName(%q) = true", n)
		}
	}
}

// TestFingerprint checks that a fingerprint survives what servers do to a
// resource (property order, folding, escaping) and catches an edit.
func TestFingerprint(t *testing.T) {
	for _, e := range shiftEvents(t, 10) {
		body, fp, err := encodeResource(e, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(body, []byte("METHOD:")) {
			t.Errorf("resource has a METHOD:\n%s", body)
		}
		for _, line := range strings.Split(string(body), "\r\n") {
			if len(line) > 75 {
				t.Errorf("line longer than 75 octets: %q", line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		// Reorder and re-encode the way another program would.
		var out bytes.Buffer
		if err := ical.NewEncoder(&out).Encode(cal); err != nil {
			t.Fatal(err)
		}
		cal2, _ := ical.NewDecoder(&out).Decode()
		obj := inspect(ResourceName(e.UID), `"x"`, cal2)
		if !obj.own || obj.fingerprint != fp {
			t.Errorf("event %s: re-encoded resource not recognised (own %v, fingerprint %q; want %q)", e.UID, obj.own, obj.fingerprint, fp)
		}
		if obj := inspect(ResourceName("another UID"), `"x"`, cal2); obj.own {
			t.Errorf("event %s recognised under another name", e.UID)
		}
		firstEvent(cal2).Props.SetText(ical.PropSummary, "edited")
		if obj := inspect(ResourceName(e.UID), `"x"`, cal2); obj.own {
			t.Errorf("event %s: edited resource recognised as untouched", e.UID)
		}
	}
	if got := unescape(`a\,b\;c\\d\ne\Nf`); got != "a,b;c\\d\ne\nf" {
		t.Errorf("unescape gives %q", got)
	}
}

// TestPublishEscaping publishes text that needs escaping and folding to
// Radicale, which re-serialises what it stores, and publishes again:
// nothing is rewritten, and an adoption still recognises the resources.
func TestPublishEscaping(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	c := NewClient(Account{User: "ana", Password: "secret"})
	feed := []calendar.Event{{UID: "odd,uid;with:chars/and spaces@example.com", Summary: `Comma, semicolon; backslash \ colon: quote "x"`,
		Description: "Line one\nLine two\r\nunicode 👩‍💻 ünïcödé " + strings.Repeat("long ", 30), Location: "Zoom: https://example.com/j/1?pwd=a,b",
		Start: testNow, End: testNow.Add(time.Hour), Categories: []string{"On call", "Ops, infra"}}}
	res, _ := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, CreateCollection: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	res, _ = PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow})
	wantCounts(t, "adoption of a re-serialised event", res, 0, 0, 0, 1, 0)
	checkServer(t, coll, "ana", "secret", feed, 0)
}

func TestResultJSON(t *testing.T) {
	b, err := jsonMarshal(Result{Target: "team", Created: 1, Updated: 2, Deleted: 3, Unchanged: 4, Conflicts: 5,
		ConflictList: []Conflict{{Resource: "x"}}, Err: ErrConflict})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"target":"team","created":1,"updated":2,"deleted":3,"unchanged":4,"conflicts":5,"error":"changed on the server since the last publish"}`
	if string(b) != want {
		t.Errorf("got %s; want %s", b, want)
	}
	b, _ = jsonMarshal(Result{Target: "team"})
	if !strings.Contains(string(b), `"error":""`) {
		t.Errorf("a run without error gives %s", b)
	}
}

func roundTripJSON(t testing.TB, st State) State {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var out State
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// newHTTPServer serves h on loopback until the test ends and returns its
// URL with a slash.
func newHTTPServer(t testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// TestPublishCalendarBcrypt publishes to a Radicale that keeps bcrypt
// password hashes, as a real installation does.
func TestPublishCalendarBcrypt(t *testing.T) {
	if !haveBcrypt() {
		t.Skip("Radicale's bcrypt passwords need python3-passlib and python3-bcrypt")
	}
	srv := startRadicale(t, map[string]string{"ana": "correct horse"}, true)
	ctx := bg(t)
	coll := srv.URL + "ana/oncall/"
	feed := shiftEvents(t, 5)
	res, _ := PublishCalendar(ctx, NewClient(Account{User: "ana", Password: "correct horse"}), coll, feed, nil,
		Options{Now: testNow, CreateCollection: true})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	checkServer(t, coll, "ana", "correct horse", feed, 0)
	res, _ = PublishCalendar(ctx, NewClient(Account{User: "ana", Password: "correct battery"}), coll, feed, nil, Options{})
	if !errors.Is(res.Err, ErrUnauthorized) {
		t.Errorf("wrong password: %v; want ErrUnauthorized", res.Err)
	}
}

// TestPublishCalendarRedirect: a WebDAV method is not followed through a
// redirect (Go's client would turn it into a GET); the error names the new
// location.
func TestPublishCalendarRedirect(t *testing.T) {
	srv := newHTTPServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/dav/calendars/ana/oncall/", http.StatusMovedPermanently)
	}))
	res, _ := PublishCalendar(bg(t), NewClient(Account{}), srv+".well-known/caldav", shiftEvents(t, 1), nil, Options{})
	var se *StatusError
	if !errors.Is(res.Err, ErrRedirect) || !errors.As(res.Err, &se) || !strings.HasSuffix(se.Location, "/dav/calendars/ana/oncall/") {
		t.Fatalf("err %v; want ErrRedirect naming the new location", res.Err)
	}
	t.Log(res.Err)
}

// TestPublishCalendarAppearedDuringRun: a create that finds its resource
// already there (a write of a run stopped half-way that the server finished
// after this run listed the collection) keeps the app's own copy of the
// event, overwrites the app's own older copy, and reports anything else as
// a conflict.
func TestPublishCalendarAppearedDuringRun(t *testing.T) {
	srv := startRadicale(t, map[string]string{"ana": "secret"}, false)
	ctx := bg(t)
	for _, tc := range []struct {
		name      string
		meanwhile func(e calendar.Event) []byte
		conflicts int
		summary   string
	}{
		{"own copy", func(e calendar.Event) []byte { b, _, _ := encodeResource(e, testNow); return b }, 0, "On call"},
		{"own older copy", func(e calendar.Event) []byte {
			e.Summary = "Older"
			b, _, _ := encodeResource(e, testNow)
			return b
		}, 0, "On call"},
		{"someone else's", func(e calendar.Event) []byte { return foreignEvent(e.UID, "Someone else's") }, 1, "Someone else's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			coll := srv.URL + "ana/" + strings.ReplaceAll(tc.name, " ", "-") + "/"
			feed := shiftEvents(t, 3)
			feed[0].Summary = "On call"
			target := coll + ResourceName(feed[0].UID)
			cnt := newCounter()
			var once sync.Once
			cnt.SetBefore(func(req *http.Request) {
				if req.Method == http.MethodPut && req.URL.String() == target {
					once.Do(func() { putRaw(t, target, "ana", "secret", tc.meanwhile(feed[0])) })
				}
			})
			c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
			res, st := PublishCalendar(ctx, c, coll, feed, nil, Options{Now: testNow, CreateCollection: true, Parallel: 1})
			if res.Conflicts != tc.conflicts || (tc.conflicts == 0 && res.Err != nil) || res.Created+res.Conflicts != 3 {
				t.Errorf("publish: %v; want %d conflicts", res, tc.conflicts)
			}
			if b := getRaw(t, target, "ana", "secret"); !bytes.Contains(b, []byte("SUMMARY:"+tc.summary+"\r\n")) {
				t.Errorf("the server holds:\n%s\nwant the summary %q", b, tc.summary)
			}
			if tc.conflicts == 0 {
				cnt.Reset()
				res, _ = PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow})
				wantCounts(t, "the next run", res, 0, 0, 0, 3, 0)
				if cnt.Get("PUT")+cnt.Get("GET")+cnt.Get("REPORT") != 0 {
					t.Errorf("the next run sent %v", cnt.Counts())
				}
			}
		})
	}
}
