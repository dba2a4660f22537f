package dav

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/calendar"
)

// feedBody encodes events as one subscribable .ics file.
func feedBody(t testing.TB, evs []calendar.Event, now time.Time) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := calendar.Encode(&b, calendar.Calendar{Name: "On call", Events: evs}, now); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPublishFile(t *testing.T) {
	base, dir := startRclone(t, "u", "p")
	ctx := bg(t)
	cnt := newCounter()
	c := NewClient(Account{User: "u", Password: "p", Transport: cnt})
	target := base + "oncall.ics"
	evs := shiftEvents(t, 20)
	body := feedBody(t, evs, testNow)

	res, st := PublishFile(ctx, c, target, body, FileState{}, Options{DryRun: true})
	wantCounts(t, "dry run", res, 1, 0, 0, 0, 0)
	if cnt.Get("PUT") != 0 || st != (FileState{}) {
		t.Fatalf("dry run wrote")
	}
	res, st = PublishFile(ctx, c, target, body, FileState{}, Options{})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantCounts(t, "first publish", res, 1, 0, 0, 0, 0)
	if st.ETag == "" || st.ContentHash == "" {
		t.Errorf("state %+v", st)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "oncall.ics")); !bytes.Equal(got, body) {
		t.Errorf("the server holds %d bytes; want the %d published", len(got), len(body))
	}

	// Exported again a minute later: only DTSTAMP differs, nothing is sent.
	cnt.Reset()
	res, st = PublishFile(ctx, c, target, feedBody(t, evs, testNow.Add(time.Minute)), st, Options{})
	wantCounts(t, "unchanged publish", res, 0, 0, 0, 1, 0)
	if cnt.Get("PUT") != 0 || cnt.Get("GET") != 0 {
		t.Errorf("unchanged publish sent %v", cnt.Counts())
	}

	// A changed feed is written over the file.
	evs[3].Summary = "Swapped"
	body = feedBody(t, evs, testNow)
	cnt.Reset()
	res, st = PublishFile(ctx, c, target, body, st, Options{})
	wantCounts(t, "changed publish", res, 0, 1, 0, 0, 0)
	if cnt.Get("PUT") != 1 {
		t.Errorf("changed publish sent %d PUT; want 1", cnt.Get("PUT"))
	}
	if got := getRaw(t, target, "u", "p"); !bytes.Equal(got, body) {
		t.Errorf("the server does not hold the changed feed")
	}

	// Someone replaces the file: a conflict, until forced.
	time.Sleep(1100 * time.Millisecond) // rclone's entity tag is the time and size
	putRaw(t, target, "u", "p", []byte("BEGIN:VCALENDAR\r\nX-EDITED:1\r\nEND:VCALENDAR\r\n"))
	evs[4].Summary = "Also swapped"
	body = feedBody(t, evs, testNow)
	res, st2 := PublishFile(ctx, c, target, body, st, Options{})
	wantCounts(t, "publish over an edit", res, 0, 0, 0, 0, 1)
	if !errors.Is(res.Err, ErrConflict) || st2 != st {
		t.Errorf("err %v, state %+v; want ErrConflict and the old state", res.Err, st2)
	}
	if got := getRaw(t, target, "u", "p"); !bytes.Contains(got, []byte("X-EDITED")) {
		t.Errorf("the edited file was overwritten")
	}
	res, st = PublishFile(ctx, c, target, body, st2, Options{Force: true})
	wantCounts(t, "forced publish", res, 0, 1, 0, 0, 0)
	if got := getRaw(t, target, "u", "p"); !bytes.Equal(got, body) {
		t.Errorf("the forced publish did not write the feed")
	}
	res, _ = PublishFile(ctx, c, target, body, st, Options{})
	wantCounts(t, "publish after force", res, 0, 0, 0, 1, 0)

	// A lost state with the same content on the server: adopted.
	cnt.Reset()
	res, st = PublishFile(ctx, c, target, feedBody(t, evs, testNow.Add(time.Hour)), FileState{}, Options{})
	wantCounts(t, "publish with a lost state", res, 0, 0, 0, 1, 0)
	if cnt.Get("PUT") != 0 || st.ETag == "" {
		t.Errorf("publish with a lost state sent %d PUT, state %+v", cnt.Get("PUT"), st)
	}

	// Someone else's file where the first publish goes: a conflict.
	other := base + "team.json"
	putRaw(t, other, "u", "p", []byte(`{"members":[]}`))
	res, _ = PublishFile(ctx, c, other, []byte(`{"members":[{"name":"Ana"}]}`), FileState{}, Options{})
	wantCounts(t, "first publish over a file", res, 0, 0, 0, 0, 1)

	// The file deleted on the server is written again.
	deleteRaw(t, target, "u", "p")
	res, _ = PublishFile(ctx, c, target, body, st, Options{})
	wantCounts(t, "publish after a delete", res, 1, 0, 0, 0, 0)
}

func TestPublishFileErrors(t *testing.T) {
	base, _ := startRclone(t, "u", "p")
	ctx := bg(t)
	body := []byte(`{"members":[]}`)

	res, _ := PublishFile(ctx, NewClient(Account{User: "u", Password: "wrong"}), base+"team.json", body, FileState{}, Options{})
	if !errors.Is(res.Err, ErrUnauthorized) {
		t.Errorf("wrong password: err %v; want ErrUnauthorized", res.Err)
	}
	res, _ = PublishFile(ctx, NewClient(Account{User: "u", Password: "p"}), base+"no/such/folder/team.json", body, FileState{}, Options{})
	if !errors.Is(res.Err, ErrNotFound) || !strings.Contains(res.Err.Error(), "folder") {
		t.Errorf("missing folder: err %v; want ErrNotFound naming the folder", res.Err)
	}
	t.Log(res.Err)
	res, _ = PublishFile(ctx, NewClient(Account{}), "http://"+freeAddr(t)+"/team.json", body, FileState{}, Options{})
	if !errors.Is(res.Err, ErrUnreachable) {
		t.Errorf("server down: err %v; want ErrUnreachable", res.Err)
	}
	t.Log(res.Err)

	// A server that refuses the write for lack of space, after a HEAD.
	full := newHTTPServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusInsufficientStorage)
	}))
	res, _ = PublishFile(ctx, NewClient(Account{}), full+"team.json", body, FileState{}, Options{})
	if !errors.Is(res.Err, ErrInsufficientStorage) {
		t.Errorf("full server: err %v; want ErrInsufficientStorage", res.Err)
	}
	t.Log(res.Err)

	// A server that honours If-Match: its 412 is a conflict.
	strict := newHTTPServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v2"`)
		if r.Method == http.MethodPut && r.Header.Get("If-Match") != "" {
			w.WriteHeader(http.StatusPreconditionFailed)
			return
		}
		if r.Method == http.MethodGet {
			io.WriteString(w, "old")
		}
	}))
	res, _ = PublishFile(ctx, NewClient(Account{}), strict+"f", []byte("new"), FileState{ContentHash: fileHash([]byte("old")), ETag: `"v2"`}, Options{})
	wantCounts(t, "412", res, 0, 0, 0, 0, 1)
	if !errors.Is(res.Err, ErrConflict) {
		t.Errorf("412: err %v; want ErrConflict", res.Err)
	}
}

func TestFileHash(t *testing.T) {
	a := []byte("BEGIN:VCALENDAR\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n")
	b := []byte("BEGIN:VCALENDAR\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n")
	c := []byte("BEGIN:VCALENDAR\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:y\r\nEND:VCALENDAR\r\n")
	if fileHash(a) != fileHash(b) || fileHash(a) == fileHash(c) {
		t.Errorf("fileHash: stamps must not count, summaries must")
	}
	if fileHash([]byte(`{"a":1}`)) == fileHash([]byte(`{"a":2}`)) {
		t.Errorf("fileHash of JSON")
	}
	for body, want := range map[string]string{"BEGIN:VCALENDAR\r\n": "text/calendar; charset=utf-8", `{"a":1}`: "application/json", "x": "application/octet-stream"} {
		if got := contentType([]byte(body)); got != want {
			t.Errorf("contentType(%q) = %q; want %q", body, got, want)
		}
	}
}

func TestFetch(t *testing.T) {
	ctx := bg(t)
	var hits int
	srv := newHTTPServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		switch r.URL.Path {
		case "/team.json":
			w.Header().Set("ETag", `"t1"`)
			if r.Header.Get("If-None-Match") == `"t1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			io.WriteString(w, `{"members":[{"name":"Ana"}]}`)
		case "/stubborn.json": // ignores If-None-Match
			w.Header().Set("ETag", `"s1"`)
			io.WriteString(w, `{}`)
		case "/broken.json":
			io.WriteString(w, `{"members":[{"name":"Ana"},]}`)
		case "/login.html":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<!DOCTYPE html><html><body>Sign in</body></html>")
		case "/huge":
			chunk := bytes.Repeat([]byte("x"), 1<<20)
			for i := 0; i <= MaxBody>>20; i++ {
				w.Write(chunk)
			}
		case "/slow":
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		case "/private":
			if u, p, _ := r.BasicAuth(); u != "ana" || p != "secret" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			io.WriteString(w, "{}")
		default:
			http.NotFound(w, r)
		}
	}))

	body, etag, notModified, err := FetchBundle(ctx, nil, srv+"team.json", "")
	if err != nil || notModified || etag != `"t1"` || !strings.Contains(string(body), "Ana") {
		t.Fatalf("first fetch: %q, %q, %v, %v", body, etag, notModified, err)
	}
	body, etag, notModified, err = FetchBundle(ctx, nil, srv+"team.json", etag)
	if err != nil || !notModified || etag != `"t1"` || body != nil {
		t.Fatalf("conditional fetch: %q, %q, %v, %v; want not modified", body, etag, notModified, err)
	}
	if body, _, notModified, err := Fetch(ctx, nil, srv+"stubborn.json", `"s1"`); err != nil || !notModified || body != nil {
		t.Errorf("same tag from a server that ignores If-None-Match: %q, %v, %v; want not modified", body, notModified, err)
	}
	if _, _, _, err := FetchBundle(ctx, nil, srv+"broken.json", ""); !errors.Is(err, ErrNotJSON) || !strings.Contains(err.Error(), "byte 28") {
		t.Errorf("broken bundle: %v; want ErrNotJSON at byte 28", err)
	}
	if _, _, _, err := FetchBundle(ctx, nil, srv+"login.html", ""); !errors.Is(err, ErrNotJSON) || !strings.Contains(err.Error(), "web page") {
		t.Errorf("web page: %v; want ErrNotJSON naming a web page", err)
	}
	if _, _, _, err := Fetch(ctx, nil, srv+"huge", ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge file: %v; want ErrTooLarge", err)
	}
	if _, _, _, err := Fetch(ctx, nil, srv+"missing.json", ""); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "check the link") {
		t.Errorf("missing file: %v; want ErrNotFound with advice", err)
	}
	if _, _, _, err := Fetch(ctx, NewClient(Account{Timeout: 100 * time.Millisecond}), srv+"slow", ""); !errors.Is(err, ErrTimeout) {
		t.Errorf("slow server: %v; want ErrTimeout", err)
	}
	if _, _, _, err := Fetch(ctx, nil, srv+"private", ""); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("no password: %v; want ErrUnauthorized", err)
	}
	if body, _, _, err := Fetch(ctx, NewClient(Account{User: "ana", Password: "secret"}), srv+"private", ""); err != nil || string(body) != "{}" {
		t.Errorf("with password: %q, %v", body, err)
	}
	if _, _, _, err := Fetch(ctx, nil, "ftp://example.com/x", ""); !errors.Is(err, ErrBadURL) {
		t.Errorf("ftp URL: %v; want ErrBadURL", err)
	}
	wc := strings.Replace(srv, "http://", "webcal://", 1)
	if _, _, _, err := Fetch(ctx, nil, wc+"team.json", ""); err == nil || !strings.Contains(err.Error(), "https://") {
		t.Errorf("webcal URL: %v; want it read over https (which this test server does not speak)", err)
	}
	if _, _, _, err := Fetch(ctx, nil, "http://"+freeAddr(t)+"/team.json", ""); !errors.Is(err, ErrUnreachable) {
		t.Errorf("server down: %v; want ErrUnreachable", err)
	}
}

// TestFollowPublished publishes the team bundle with rclone and follows it
// with a conditional GET, as a team member's app does.
func TestFollowPublished(t *testing.T) {
	base, _ := startRclone(t, "u", "p")
	ctx := bg(t)
	c := NewClient(Account{User: "u", Password: "p"})
	url := base + "team.json"
	bundle := []byte(`{"members":[{"name":"Ana","zone":"Europe/Lisbon"}]}`)
	res, st := PublishFile(ctx, c, url, bundle, FileState{}, Options{})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	body, etag, _, err := FetchBundle(ctx, c, url, "")
	if err != nil || !bytes.Equal(body, bundle) {
		t.Fatalf("fetch: %q, %v", body, err)
	}
	if _, _, notModified, err := FetchBundle(ctx, c, url, etag); err != nil || !notModified {
		t.Errorf("fetch again: not modified %v, err %v; want not modified", notModified, err)
	}
	time.Sleep(1100 * time.Millisecond)
	bundle = []byte(`{"members":[{"name":"Ana","zone":"Europe/Lisbon"},{"name":"Bo","zone":"Asia/Kathmandu"}]}`)
	if res, _ := PublishFile(ctx, c, url, bundle, st, Options{}); res.Updated != 1 {
		t.Fatalf("second publish: %v", res)
	}
	body, _, notModified, err := FetchBundle(ctx, c, url, etag)
	if err != nil || notModified || !bytes.Equal(body, bundle) {
		t.Errorf("fetch after a change: %q, not modified %v, err %v", body, notModified, err)
	}
}

// deleteRaw deletes a file as another client would.
func deleteRaw(t testing.TB, target, user, pass string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodDelete, target, nil)
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("DELETE %s: %s", target, resp.Status)
	}
}
