// Package dav shares the app's calendars and team bundle with the team over
// CalDAV and WebDAV: it publishes a feed of events to a CalDAV collection
// (one resource per event, incrementally), publishes one file to a WebDAV
// URL, fetches a subscribed file with a conditional GET, and keeps the
// passwords in the desktop keyring.
//
// Every publish takes the state the previous one returned and returns the
// new one; the caller stores it (it is a plain value that encodes to JSON).
// Errors keep the HTTP status (StatusError) and wrap a sentinel error
// (ErrUnauthorized, ErrConflict, ...) checked with errors.Is.
//
// It never imports Fyne or database/sql.
package dav

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultTimeout bounds every request when Account.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Account is how to reach a server: Basic auth credentials and limits.
type Account struct {
	User     string
	Password string
	// Timeout bounds each request, the body included; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

// Client sends the requests of one account. It is safe for concurrent use.
type Client struct {
	hc             *http.Client
	user, password string
	timeout        time.Duration
}

// NewClient returns a client for the account. Redirects are followed for
// GET and HEAD only: a WebDAV method redirected by Go's client would turn
// into a GET, so a redirect there is reported with its new location.
func NewClient(a Account) *Client {
	timeout := a.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Client{
		hc: &http.Client{
			Transport: a.Transport,
			Timeout:   timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if m := via[0].Method; m != http.MethodGet && m != http.MethodHead {
					return http.ErrUseLastResponse
				}
				if len(via) >= 10 {
					return fmt.Errorf("stopped after %d redirects", len(via))
				}
				return nil
			},
		},
		user:     a.User,
		password: a.Password,
		timeout:  timeout,
	}
}

// statusKey finds, in a request's context, where Do leaves the status
// error of a request made by the go-webdav library, which keeps only a
// string of it.
type statusKey struct{}

type statusSlot struct{ err *StatusError }

// Do sends one request with the account's credentials; it makes Client an
// HTTP client for go-webdav. A request that gets no answer returns a
// *RequestError; any HTTP answer returns the response, whose status the
// caller checks (a failed one is also kept for errors reported through
// go-webdav, which would otherwise lose the status code).
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	if c.user != "" || c.password != "" {
		req.SetBasicAuth(c.user, c.password)
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "remotecto")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, requestError(req, c.timeout, err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode != http.StatusNotModified {
		if slot, ok := req.Context().Value(statusKey{}).(*statusSlot); ok {
			slot.err = statusError(resp)
		}
	}
	return resp, nil
}

// viaLibrary runs f, a call into go-webdav made with ctx, and replaces the
// library's error by the StatusError of the request that failed, if any.
func viaLibrary(ctx context.Context, f func(ctx context.Context) error) error {
	slot := &statusSlot{}
	err := f(context.WithValue(ctx, statusKey{}, slot))
	if err != nil && slot.err != nil {
		return slot.err
	}
	return err
}

// send makes a request with an optional body and headers and returns the
// response whatever its status.
func (c *Client) send(ctx context.Context, method, target string, body []byte, header http.Header) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, r)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, redact(target), err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return c.Do(req)
}

// drain reads what is left of a response body, so the connection is
// reused, and closes it.
func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}

// statusError describes a response that is not a success. It reads the
// start of the body for the server's explanation and leaves the rest
// readable.
func statusError(resp *http.Response) *StatusError {
	req := resp.Request
	e := &StatusError{
		Method: req.Method,
		URL:    redact(req.URL.String()),
		Code:   resp.StatusCode,
		Status: resp.Status,
	}
	if e.Status == "" {
		e.Status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode/100 == 3 {
		if u, err := req.URL.Parse(loc); err == nil {
			e.Location = redact(u.String())
		}
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(resp.Body, head)
	head = head[:n]
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	e.Detail = detail(resp.Header.Get("Content-Type"), head)
	return e
}

// detail is a short, printable form of an error body: plain text as it is,
// a WebDAV <error> element by the names of the conditions it holds.
func detail(contentType string, body []byte) string {
	t, _, _ := mime.ParseMediaType(contentType)
	var s string
	switch t {
	case "text/plain":
		s = string(body)
	case "application/xml", "text/xml":
		var names []string
		d := xml.NewDecoder(bytes.NewReader(body))
		depth := 0
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				depth++
				if depth == 2 {
					names = append(names, tok.Name.Local)
				}
			case xml.EndElement:
				depth--
			}
		}
		s = strings.Join(names, ", ")
	}
	s = strings.Join(strings.Fields(s), " ")
	if !utf8.ValidString(s) {
		return ""
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// redact removes a password from a URL used in a message.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// checkURL accepts an absolute http or https URL.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("URL %q: %w", redact(raw), err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("URL %q: %w", redact(raw), ErrBadURL)
	}
	return u, nil
}

// sameETag compares entity tags as servers write them, with or without
// quotes or the weak prefix.
func sameETag(a, b string) bool {
	return a != "" && normETag(a) == normETag(b)
}

func normETag(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "W/")
	return strings.Trim(s, `"`)
}

// quoteETag gives an entity tag its quotes, as If-Match wants it; one that
// has them already is kept as it is.
func quoteETag(s string) string {
	if s == "" || strings.HasSuffix(s, `"`) {
		return s
	}
	return `"` + s + `"`
}
