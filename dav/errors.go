package dav

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Errors a publish or a fetch may wrap; check them with errors.Is. Messages
// built on them name the request, the URL and the HTTP status.
var (
	// ErrUnreachable reports a server that could not be reached at all:
	// connection refused, unknown host, network down.
	ErrUnreachable = errors.New("server not reachable: is it running, and are the host and port right?")
	// ErrTimeout reports a server that did not answer in time.
	ErrTimeout = errors.New("server did not answer in time")
	// ErrUnauthorized reports HTTP 401: the server refused the user name or
	// the password.
	ErrUnauthorized = errors.New("wrong user name or password")
	// ErrForbidden reports HTTP 403: the account may not use that URL (it
	// may belong to another user).
	ErrForbidden = errors.New("access denied: this account may not use that URL")
	// ErrNotFound reports HTTP 404.
	ErrNotFound = errors.New("not found")
	// ErrConflict reports a resource changed on the server since the last
	// publish (HTTP 412, or an entity tag that no longer matches): it is not
	// overwritten unless the publish is forced.
	ErrConflict = errors.New("changed on the server since the last publish")
	// ErrInsufficientStorage reports HTTP 507: the account's quota or the
	// server's disk is full.
	ErrInsufficientStorage = errors.New("the server has no storage space left for this account")
	// ErrRedirect reports a URL the server answers with a redirect; the
	// message names the new location, to be used instead.
	ErrRedirect = errors.New("the server moved this URL")
	// ErrStatus reports any other HTTP status that is not a success.
	ErrStatus = errors.New("the server refused the request")
	// ErrCollectionMissing reports a calendar collection that does not exist
	// (yet): publish again with Options.CreateCollection to create it.
	ErrCollectionMissing = errors.New("calendar collection not found")
	// ErrTooLarge reports a fetched file larger than MaxBody.
	ErrTooLarge = errors.New("file too large")
	// ErrNotJSON reports a fetched team bundle that is not valid JSON.
	ErrNotJSON = errors.New("not valid JSON")
	// ErrBadURL reports a URL that is not an absolute http or https URL.
	ErrBadURL = errors.New("not an http or https URL")
)

// StatusError is an HTTP answer that is not a success. It unwraps to the
// sentinel error of its status (ErrUnauthorized for 401, ...).
type StatusError struct {
	Method string
	URL    string // without credentials
	Code   int
	Status string // such as "404 Not Found"
	// Detail is the start of the server's explanation, when it sent text.
	Detail string
	// Location is where a redirect points.
	Location string
}

// Error tells the request, the status and what it most likely means.
func (e *StatusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s: %s", e.Method, e.URL, e.Status, e.Unwrap())
	if e.Location != "" {
		fmt.Fprintf(&b, " to %s: use that URL", e.Location)
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, " (server says: %s)", e.Detail)
	}
	return b.String()
}

// Unwrap returns the sentinel error of the status code.
func (e *StatusError) Unwrap() error {
	switch e.Code {
	case http.StatusUnauthorized:
		return ErrUnauthorized
	case http.StatusForbidden:
		return ErrForbidden
	case http.StatusNotFound, http.StatusGone:
		return ErrNotFound
	case http.StatusPreconditionFailed:
		return ErrConflict
	case http.StatusInsufficientStorage, http.StatusRequestEntityTooLarge:
		return ErrInsufficientStorage
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return ErrRedirect
	}
	return ErrStatus
}

// RequestError is a request that got no HTTP answer: the server is down or
// unreachable, or did not answer in time.
type RequestError struct {
	Method string
	URL    string // without credentials
	// Kind is ErrUnreachable or ErrTimeout.
	Kind error
	// Timeout is the limit that ran out, for ErrTimeout.
	Timeout time.Duration
	// Err is the network error underneath.
	Err error
}

// Error tells the request and what went wrong.
func (e *RequestError) Error() string {
	if errors.Is(e.Kind, ErrTimeout) {
		return fmt.Sprintf("%s %s: no answer within %s: %v", e.Method, e.URL, e.Timeout, e.Kind)
	}
	return fmt.Sprintf("%s %s: %v (%v)", e.Method, e.URL, e.Kind, rootCause(e.Err))
}

// Unwrap returns both the kind and the network error, so errors.Is works
// with ErrUnreachable as with syscall.ECONNREFUSED.
func (e *RequestError) Unwrap() []error { return []error{e.Kind, e.Err} }

// rootCause strips the *url.Error, *net.OpError and *os.SyscallError layers
// that repeat the method and the address, keeping "connection refused".
func rootCause(err error) error {
	for {
		switch e := err.(type) {
		case *url.Error:
			err = e.Err
		case *net.OpError:
			err = e.Err
		case *os.SyscallError:
			err = e.Err
		default:
			return err
		}
	}
}

// requestError classifies the error of a request that got no answer.
func requestError(req *http.Request, timeout time.Duration, err error) error {
	if ctxErr := req.Context().Err(); ctxErr != nil {
		// The caller cancelled, or its own deadline passed: say so plainly.
		return fmt.Errorf("%s %s: %w", req.Method, redact(req.URL.String()), ctxErr)
	}
	kind := ErrUnreachable
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		kind = ErrTimeout
	}
	return &RequestError{Method: req.Method, URL: redact(req.URL.String()), Kind: kind, Timeout: timeout, Err: err}
}
