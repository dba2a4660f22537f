// Package follow makes a database the read-only follower of a team
// published by someone else (a team bundle on a WebDAV server, see the
// publish package): Subscribe fetches the bundle and replaces the team
// with it, Refresh fetches it again with a conditional GET, Unsubscribe
// makes the database a normal one again, keeping its data.
//
// A bundle that cannot be fetched, is not JSON or is not a valid team file
// changes nothing; the error says why. The follower's own 1:1 and update
// log is never touched.
//
// It never imports Fyne or database/sql: the Store it needs is the
// caller's (*store.DB implements it).
package follow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/publish"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
)

// Store is what following needs of storage; *store.DB implements it.
type Store interface {
	Subscription(ctx context.Context) (share.Subscription, bool, error)
	ReplaceFollowedTeam(ctx context.Context, sub share.Subscription, t team.Team, at time.Time) (share.Replaced, error)
	SaveFollowCheck(ctx context.Context, at time.Time, errMsg string) error
	Unfollow(ctx context.Context) error
}

// Options say how to reach the server.
type Options struct {
	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds each request; zero means dav.DefaultTimeout.
	Timeout time.Duration
}

// Result is what a subscribe or a refresh did.
type Result struct {
	// Subscription is the subscription after it.
	Subscription share.Subscription
	// NotModified is set when the server said the bundle has not changed
	// since the copy held: nothing was read or changed.
	NotModified bool
	// Replaced says what changed in the team.
	Replaced share.Replaced
}

// Subscribe makes the database follow the team bundle at rawURL: it
// fetches the bundle (with user and the password, when user is set), checks
// it, and replaces the team with it in one transaction. A password given
// (save) is kept in the keyring first: with no keyring it is refused with
// an error that names dav.PasswordEnv, and nothing changes. Without one,
// the password is the keyring's or dav.PasswordEnv's. When anything fails
// the database is left as it was.
func Subscribe(ctx context.Context, st Store, secrets dav.Secrets, rawURL, user, password string, save bool, now time.Time, opt Options) (Result, error) {
	u, err := share.CheckURL(rawURL)
	if err != nil {
		return Result{}, err
	}
	sub := share.Subscription{URL: u.String(), User: user}
	if save {
		if err := secrets.Set(sub.SecretKey(), password); err != nil {
			return Result{}, fmt.Errorf("keep the password: %w", err)
		}
	} else if password, err = publish.Password(secrets, user, sub.SecretKey()); err != nil {
		return Result{}, err
	}
	res, err := fetchAndReplace(ctx, st, sub, password, now, opt, false)
	if err != nil && save {
		secrets.Delete(sub.SecretKey())
	}
	return res, err
}

// Refresh fetches the followed bundle again, conditionally on the entity
// tag of the copy held, and replaces the team when it changed. A failure
// is recorded with the subscription (the GUI shows it) and returned; the
// team is left as it was.
func Refresh(ctx context.Context, st Store, secrets dav.Secrets, now time.Time, opt Options) (Result, error) {
	sub, ok, err := st.Subscription(ctx)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return Result{}, fmt.Errorf("%w: follow one with 'remotecto team subscribe URL'", share.ErrNotFollowing)
	}
	password, err := publish.Password(secrets, sub.User, sub.SecretKey())
	if err != nil {
		return Result{Subscription: sub}, record(ctx, st, now, err, true)
	}
	return fetchAndReplace(ctx, st, sub, password, now, opt, true)
}

// fetchAndReplace reads the bundle at sub.URL, conditionally on sub.ETag,
// and replaces the team with it. A failure is recorded with the
// subscription when it is the one held (a refresh).
func fetchAndReplace(ctx context.Context, st Store, sub share.Subscription, password string, now time.Time, opt Options, held bool) (Result, error) {
	c := dav.NewClient(dav.Account{User: sub.User, Password: password, Transport: opt.Transport, Timeout: opt.Timeout})
	body, etag, notModified, err := dav.FetchBundle(ctx, c, sub.URL, sub.ETag)
	if err != nil {
		return Result{Subscription: sub}, record(ctx, st, now, err, held)
	}
	if notModified {
		sub.Checked, sub.LastError = now, ""
		return Result{Subscription: sub, NotModified: true}, st.SaveFollowCheck(ctx, now, "")
	}
	t, err := teamfile.Decode(bytes.NewReader(body))
	if err != nil {
		return Result{Subscription: sub}, record(ctx, st, now, fmt.Errorf("team bundle at %s: %w", sub.URL, err), held)
	}
	sub.ETag = etag
	rep, err := st.ReplaceFollowedTeam(ctx, sub, t, now)
	if err != nil {
		return Result{Subscription: sub}, record(ctx, st, now, fmt.Errorf("team bundle at %s: %w", sub.URL, err), held)
	}
	after, _, err := st.Subscription(ctx)
	return Result{Subscription: after, Replaced: rep}, err
}

// record keeps a refresh's failure with the subscription held, when held
// (a subscribe that fails leaves no trace), and returns it.
func record(ctx context.Context, st Store, now time.Time, err error, held bool) error {
	if held {
		if rerr := st.SaveFollowCheck(context.WithoutCancel(ctx), now, err.Error()); rerr != nil && !errors.Is(rerr, share.ErrNotFollowing) {
			return errors.Join(err, rerr)
		}
	}
	return err
}

// Unsubscribe makes the database a normal one again: the team it holds
// stays, editable; the subscription's password leaves the keyring.
func Unsubscribe(ctx context.Context, st Store, secrets dav.Secrets) (share.Subscription, error) {
	sub, ok, err := st.Subscription(ctx)
	if err != nil {
		return sub, err
	}
	if !ok {
		return sub, share.ErrNotFollowing
	}
	if err := st.Unfollow(ctx); err != nil {
		return sub, err
	}
	if sub.User != "" {
		secrets.Delete(sub.SecretKey()) // a password kept elsewhere (the variable) is not ours to forget
	}
	return sub, nil
}
