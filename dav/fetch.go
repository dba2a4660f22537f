package dav

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// MaxBody is the largest file Fetch reads: 16 MiB.
const MaxBody = 16 << 20

// Fetch downloads a subscribed file (a team bundle, a calendar feed) with a
// conditional GET: given the entity tag of the copy the caller has, an
// unchanged file answers notModified with no body. A webcal:// URL is read
// over https. c may be nil for a URL that needs no password. Bodies larger
// than MaxBody are refused with ErrTooLarge.
func Fetch(ctx context.Context, c *Client, rawURL, etag string) (body []byte, newETag string, notModified bool, err error) {
	if c == nil {
		c = NewClient(Account{})
	}
	if rest, ok := strings.CutPrefix(rawURL, "webcal://"); ok {
		rawURL = "https://" + rest
	}
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, "", false, err
	}
	h := http.Header{}
	if etag != "" {
		h.Set("If-None-Match", quoteETag(etag))
	}
	resp, err := c.send(ctx, http.MethodGet, u.String(), nil, h)
	if err != nil {
		return nil, "", false, err
	}
	defer drain(resp)
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, etag, true, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, "", false, fmt.Errorf("no file at that URL; check the link (it names the file itself, such as https://dav.example.com/team/remotecto-team.json): %w", statusError(resp))
	case resp.StatusCode/100 != 2:
		return nil, "", false, statusError(resp)
	}
	newETag = resp.Header.Get("ETag")
	if etag != "" && sameETag(etag, newETag) {
		// A server that ignores If-None-Match but sends the same tag.
		return nil, etag, true, nil
	}
	body, err = readBody(resp, c.timeout)
	if err != nil {
		return nil, "", false, err
	}
	return body, newETag, false, nil
}

// FetchBundle is Fetch for a team bundle: a body that is not valid JSON is
// refused with an error wrapping ErrNotJSON. Reading the team out of it is
// the caller's.
func FetchBundle(ctx context.Context, c *Client, rawURL, etag string) (body []byte, newETag string, notModified bool, err error) {
	body, newETag, notModified, err = Fetch(ctx, c, rawURL, etag)
	if err != nil || notModified {
		return body, newETag, notModified, err
	}
	if err := checkJSON(body); err != nil {
		return nil, "", false, fmt.Errorf("team bundle at %s: %w", redact(rawURL), err)
	}
	return body, newETag, false, nil
}

// checkJSON accepts one valid JSON value.
func checkJSON(b []byte) error {
	t := bytes.TrimSpace(b)
	switch {
	case len(t) == 0:
		return fmt.Errorf("the file is empty: %w", ErrNotJSON)
	case t[0] == '<':
		return fmt.Errorf("the server sent a web page, not the bundle (is the link a direct download link?): %w", ErrNotJSON)
	}
	var v json.RawMessage
	err := json.Unmarshal(t, &v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v at byte %d: %w", err, se.Offset, ErrNotJSON)
	}
	return fmt.Errorf("%v: %w", err, ErrNotJSON)
}
