package dav

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/emersion/go-webdav"
)

// FileState is what a file publish remembers between runs.
type FileState struct {
	// ContentHash identifies the content last written (DTSTAMP lines of a
	// calendar left out, so an unchanged feed is not written again).
	ContentHash string `json:"content_hash"`
	// ETag is the entity tag the server reported for the file after that
	// write, quotes included.
	ETag string `json:"etag"`
}

// PublishFile writes body (a whole .ics feed, or the team bundle's JSON) to
// the WebDAV file URL and returns what it did and the state to store.
//
// It asks the server for the file's entity tag first (HEAD, or PROPFIND
// when HEAD is refused):
//   - same tag as the state and same content: nothing is sent;
//   - same tag, new content: PUT with If-Match on the stored tag;
//   - no file: PUT with If-None-Match: * (a first publish, or a file
//     deleted on the server since);
//   - another tag, or a file the state does not know: the file is read; if
//     it holds this content it is adopted, if it holds what the app wrote
//     last (some servers change the tag by themselves) it is overwritten,
//     otherwise someone changed it and it is a conflict, left as it is
//     unless opt.Force.
//
// An HTTP 412 answer is a conflict as well. Some servers (rclone's) ignore
// If-Match; the check before the write still stops a silent overwrite.
func PublishFile(ctx context.Context, c *Client, fileURL string, body []byte, state FileState, opt Options) (Result, FileState) {
	res := Result{Target: opt.Target}
	if res.Target == "" {
		res.Target = redact(fileURL)
	}
	u, err := checkURL(fileURL)
	if err != nil {
		res.Err = err
		return res, state
	}
	target := u.String()
	hash := fileHash(body)
	conflict := func(reason string) (Result, FileState) {
		res.ConflictList = append(res.ConflictList, Conflict{Resource: res.Target, Reason: reason})
		return finish(res), state
	}

	exists, etag, err := c.fileETag(ctx, target)
	if err != nil {
		res.Err = err
		return res, state
	}
	h := http.Header{}
	create := false
	switch {
	case !exists:
		h.Set("If-None-Match", "*")
		create = true
	case sameETag(state.ETag, etag):
		if state.ContentHash == hash {
			res.Unchanged = 1
			return res, state
		}
		h.Set("If-Match", quoteETag(state.ETag))
	default:
		current, found, err := c.fileContent(ctx, target)
		if err != nil {
			res.Err = err
			return res, state
		}
		got := fileHash(current)
		switch {
		case !found:
			h.Set("If-None-Match", "*")
			create = true
		case got == hash:
			res.Unchanged = 1
			return res, FileState{ContentHash: hash, ETag: etag}
		case state.ContentHash != "" && got == state.ContentHash:
			if etag != "" {
				h.Set("If-Match", quoteETag(etag))
			}
		case opt.Force:
		case state.ETag == "":
			return conflict("a file is already there, not written by remotecto")
		default:
			return conflict(ErrConflict.Error())
		}
	}
	if opt.DryRun {
		if create {
			res.Created = 1
		} else {
			res.Updated = 1
		}
		return finish(res), state
	}

	opt.progress(0, 1)
	h.Set("Content-Type", contentType(body))
	resp, err := c.send(ctx, http.MethodPut, target, body, h)
	if err != nil {
		res.Err = err
		return res, state
	}
	if resp.StatusCode == http.StatusPreconditionFailed {
		drain(resp)
		if !opt.Force {
			return conflict(ErrConflict.Error())
		}
		resp, err = c.send(ctx, http.MethodPut, target, body, http.Header{"Content-Type": h["Content-Type"]})
		if err != nil {
			res.Err = err
			return res, state
		}
	}
	defer drain(resp)
	if resp.StatusCode == http.StatusConflict || resp.StatusCode == http.StatusNotFound {
		res.Err = fmt.Errorf("the folder of the file does not exist: create it first, or check the URL (it names the file itself, such as https://dav.example.com/remote.php/dav/files/USER/oncall.ics): %w", statusError(resp))
		return res, state
	}
	if resp.StatusCode/100 != 2 {
		res.Err = statusError(resp)
		return res, state
	}
	if create {
		res.Created = 1
	} else {
		res.Updated = 1
	}
	opt.progress(1, 1)
	// Ask for the tag rather than trust the PUT's answer: some servers
	// (rclone's) answer a PUT with a tag that is not the file's next one.
	newETag := resp.Header.Get("ETag")
	if ok, tag, err := c.fileETag(ctx, target); err == nil && ok && tag != "" {
		newETag = tag
	}
	return finish(res), FileState{ContentHash: hash, ETag: newETag}
}

// fileETag reports whether the file exists and its entity tag.
func (c *Client) fileETag(ctx context.Context, target string) (bool, string, error) {
	resp, err := c.send(ctx, http.MethodHead, target, nil, nil)
	if err != nil {
		return false, "", err
	}
	drain(resp)
	switch {
	case resp.StatusCode/100 == 2:
		return true, resp.Header.Get("ETag"), nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return false, "", nil
	case resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotImplemented:
		return false, "", statusError(resp)
	}
	wc, err := webdav.NewClient(c, target)
	if err != nil {
		return false, "", err
	}
	var fi *webdav.FileInfo
	err = viaLibrary(ctx, func(ctx context.Context) error {
		var err error
		fi, err = wc.Stat(ctx, resp.Request.URL.Path)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return false, "", nil
	}
	if err != nil {
		return false, "", err
	}
	return true, quoteETag(fi.ETag), nil
}

// fileContent reads the file as it is on the server.
func (c *Client) fileContent(ctx context.Context, target string) ([]byte, bool, error) {
	resp, err := c.send(ctx, http.MethodGet, target, nil, nil)
	if err != nil {
		return nil, false, err
	}
	defer drain(resp)
	if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
		return nil, false, nil
	}
	if resp.StatusCode/100 != 2 {
		return nil, false, statusError(resp)
	}
	b, err := readBody(resp, c.timeout)
	return b, err == nil, err
}

// fileHash is the SHA-256 of a file's content; a calendar's DTSTAMP lines,
// new on every export, are left out.
func fileHash(body []byte) string {
	h := sha256.New()
	if !bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR")) {
		h.Write(body)
		return hex.EncodeToString(h.Sum(nil))
	}
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i+1], body[i+1:]
		} else {
			body = nil
		}
		if bytes.HasPrefix(line, []byte("DTSTAMP:")) || bytes.HasPrefix(line, []byte("DTSTAMP;")) {
			continue
		}
		h.Write(line)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// contentType names what a published file holds.
func contentType(body []byte) string {
	switch {
	case bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR")):
		return "text/calendar; charset=utf-8"
	case json.Valid(body):
		return "application/json"
	}
	return "application/octet-stream"
}

// readBody reads a response body up to MaxBody.
func readBody(resp *http.Response, timeout time.Duration) ([]byte, error) {
	if resp.ContentLength > MaxBody {
		return nil, fmt.Errorf("%s %s: %d bytes, more than %d MiB: %w", resp.Request.Method, redact(resp.Request.URL.String()),
			resp.ContentLength, MaxBody>>20, ErrTooLarge)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, requestError(resp.Request, timeout, err)
	}
	if len(b) > MaxBody {
		return nil, fmt.Errorf("%s %s: more than %d MiB: %w", resp.Request.Method, redact(resp.Request.URL.String()), MaxBody>>20, ErrTooLarge)
	}
	return b, nil
}
