package alert

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Sentinel errors of sending, wrapped in a *SendError.
var (
	ErrRejected    = errors.New("the service refused the message")           // a 4xx answer other than 429
	ErrServer      = errors.New("the service failed")                        // 5xx answers on every attempt
	ErrRateLimited = errors.New("the service is rate limiting this webhook") // 429 on every attempt
	ErrRedirected  = errors.New("the webhook URL redirects; configure the URL it moved to")
	ErrTimeout     = errors.New("no answer in time")
	ErrNetwork     = errors.New("network error")
)

// Sending defaults.
const (
	DefaultTimeout  = 5 * time.Second
	DefaultAttempts = 3
	// maxRetryAfter caps how long a Retry-After header can make a retry wait.
	maxRetryAfter = 10 * time.Second
	// maxAnswer caps how much of an answer is read.
	maxAnswer = 64 << 10
)

// DefaultBackoff waits 0.5 s before the second attempt and 1 s before the
// third: an alert is urgent, and a webhook that is down for longer is better
// reported at once.
func DefaultBackoff(retry int) time.Duration { return time.Duration(retry) * 500 * time.Millisecond }

// Sender posts messages to webhooks. The zero value uses http.DefaultClient,
// DefaultTimeout, DefaultAttempts and DefaultBackoff.
type Sender struct {
	// Client sends the requests. Redirects are never followed (a webhook
	// that redirects is reported as failed), on a copy of the client.
	Client *http.Client
	// Timeout bounds each attempt, from connecting to reading the answer.
	Timeout time.Duration
	// Attempts is how many times a message is tried in all.
	Attempts int
	// Backoff returns how long to wait before retry number retry (1 for the
	// second attempt). A 429 answer's Retry-After, when longer, is waited
	// instead (at most 10 s).
	Backoff func(retry int) time.Duration
}

// SendError reports a message that was not delivered. Its text names the
// service, the webhook and its redacted URL, and the last HTTP status.
type SendError struct {
	Hook     string
	Service  Service
	URL      string // redacted
	Status   int    // the last HTTP status; 0 when no answer came
	Attempts int
	Err      error
}

func (e *SendError) Error() string {
	tries := "1 attempt"
	if e.Attempts != 1 {
		tries = strconv.Itoa(e.Attempts) + " attempts"
	}
	return fmt.Sprintf("%s webhook %q (%s): not sent after %s: %v", e.Service.Title(), e.Hook, e.URL, tries, e.Err)
}

func (e *SendError) Unwrap() error { return e.Err }

// Send posts msg to hook with the zero Sender's settings and client: a 5 s
// timeout per attempt, 3 attempts, retrying network errors, timeouts, 5xx
// and 429 answers. It returns nil only when the service answered 2xx.
func Send(ctx context.Context, client *http.Client, hook Webhook, msg Message) error {
	return Sender{Client: client}.Send(ctx, hook, msg)
}

// Send posts msg to hook. It returns nil only when the service answered with
// a 2xx status (for Teams, one whose body does not report a failed
// delivery); otherwise a *SendError. A 4xx answer other than 429 is not
// retried. A cancelled ctx stops at once.
func (s Sender) Send(ctx context.Context, hook Webhook, msg Message) error {
	if err := hook.Validate(); err != nil {
		return err
	}
	body, err := Payload(hook.Service, msg)
	if err != nil {
		return err
	}
	_, err = s.post(ctx, hook, body, msg.ID)
	return err
}

// post sends body to hook, retrying as Send says, and returns how many
// attempts were made.
func (s Sender) post(ctx context.Context, hook Webhook, body []byte, txnID string) (int, error) {
	attempts := s.Attempts
	if attempts <= 0 {
		attempts = DefaultAttempts
	}
	backoff := s.Backoff
	if backoff == nil {
		backoff = DefaultBackoff
	}
	client := s.client()
	fail := func(n, status int, err error) error {
		return &SendError{Hook: hook.Name, Service: hook.Service, URL: hook.Redacted(), Status: status, Attempts: n, Err: err}
	}
	var (
		status     int
		retryAfter time.Duration
		last       error
	)
	for n := 1; n <= attempts; n++ {
		if n > 1 {
			wait := backoff(n - 1)
			if retryAfter > wait {
				wait = retryAfter
			}
			if err := sleep(ctx, wait); err != nil {
				return n - 1, fail(n-1, status, fmt.Errorf("%w (after: %v)", err, last))
			}
		}
		var retry bool
		status, retryAfter, retry, last = s.attempt(ctx, client, hook, body, txnID)
		if last == nil {
			return n, nil
		}
		if !retry {
			return n, fail(n, status, last)
		}
	}
	return attempts, fail(attempts, status, last)
}

// attempt makes one request. It reports the status (0 without an answer),
// a Retry-After wait, and whether a failure is worth retrying.
func (s Sender) attempt(ctx context.Context, client *http.Client, hook Webhook, body []byte, txnID string) (status int, retryAfter time.Duration, retry bool, err error) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := hook.newRequest(actx, body, txnID)
	if err != nil {
		return 0, 0, false, err
	}
	resp, err := client.Do(req)
	if err == nil {
		defer resp.Body.Close()
		var answer []byte
		answer, err = io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
		status = resp.StatusCode
		if err != nil && (status < 200 || status > 299) {
			err = nil // the status says enough
		}
		if err == nil {
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"))
			retry, err = judge(hook, resp, answer)
			return status, retryAfter, retry, err
		}
		// A 2xx whose answer was cut off: the service may not have taken the
		// message, so it is not reported as sent.
	}
	switch {
	case ctx.Err() != nil:
		return status, 0, false, ctx.Err()
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return status, 0, true, fmt.Errorf("no answer within %s: %w", timeout, ErrTimeout)
	}
	return status, 0, true, fmt.Errorf("%s: %w", hook.scrub(netMessage(err)), ErrNetwork)
}

// judge reads an answer: nil for a delivered message, else the error and
// whether a retry may help.
func judge(hook Webhook, resp *http.Response, answer []byte) (retry bool, err error) {
	code := resp.StatusCode
	what := fmt.Sprintf("answered %d %s", code, http.StatusText(code))
	if snippet := hook.scrub(snippet(answer)); snippet != "" {
		what += fmt.Sprintf(" %q", snippet)
	}
	switch {
	case code >= 200 && code <= 299:
		// Teams' retired connectors answer 200 with this text when the
		// delivery failed (often rate limiting); Workflows answer 202.
		if hook.Service == Teams && strings.Contains(strings.ToLower(string(answer)), "delivery failed") {
			return true, fmt.Errorf("%s: %w", what, ErrServer)
		}
		return false, nil
	case code == http.StatusTooManyRequests:
		return true, fmt.Errorf("%s: %w", what, ErrRateLimited)
	case code >= 500:
		return true, fmt.Errorf("%s: %w", what, ErrServer)
	case code >= 300 && code <= 399:
		return false, fmt.Errorf("%s: %w", what, ErrRedirected)
	}
	return false, fmt.Errorf("%s: %w", what, ErrRejected)
}

// client returns a copy of the sender's client that does not follow
// redirects: Go's client turns a redirected POST into a GET, whose 200 would
// read as delivered.
func (s Sender) client() *http.Client {
	c := http.DefaultClient
	if s.Client != nil {
		c = s.Client
	}
	cp := *c
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func parseRetryAfter(v string) time.Duration {
	secs, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || secs <= 0 {
		return 0
	}
	d := time.Duration(secs) * time.Second
	if d > maxRetryAfter {
		d = maxRetryAfter
	}
	return d
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// netMessage describes a transport error without the request URL, which
// *url.Error would quote in full.
func netMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// snippet returns the start of an answer's text on one line, for messages.
func snippet(b []byte) string {
	s := strings.Join(strings.FieldsFunc(string(b), func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r)
	}), " ")
	return truncate(s, 200)
}
