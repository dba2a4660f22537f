package publish

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/dav"
	"dev.remotecto/remotecto/internal/davtest"
	"dev.remotecto/remotecto/share"
	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/teamfile"
)

// BenchmarkPublishSampleYear publishes the sample team's on-call feed (both
// rotations, 30 days back to one year ahead) from a real database to
// Radicale on loopback with bcrypt passwords, as a real server keeps them:
//
//	go test -run '^$' -bench PublishSampleYear -benchtime 1x ./publish/
//
// first: the first publish (one PUT per event); unchanged: a run with
// nothing changed (no PUT); one-override: Greta's override moved by a day,
// which sends exactly the events that differ (an update for each changed
// one, a create and a delete for a shift that starts elsewhere).
func BenchmarkPublishSampleYear(b *testing.B) {
	if !davtest.HaveBcrypt() {
		b.Skip("Radicale's bcrypt passwords need python3-passlib and python3-bcrypt")
	}
	srv := davtest.StartRadicale(b, map[string]string{"cto": "correct horse"}, true)
	ctx := context.Background()
	db, err := store.Open(filepath.Join(b.TempDir(), "cto.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	t, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.ImportTeam(ctx, t); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cnt := davtest.NewCounter()
	secrets := staticSecrets("correct horse")
	opt := Options{Now: func() time.Time { return now }, Transport: cnt}
	run := func(b *testing.B, name string, opt Options) dav.Result {
		b.Helper()
		rs, err := Run(ctx, db, secrets, []string{name}, opt)
		if err != nil {
			b.Fatal(err)
		}
		if rs[0].Err != nil {
			b.Fatal(rs[0].Err)
		}
		return rs[0]
	}
	feed := func() map[string]string {
		from, to := Window(now)
		tm, err := db.Team(ctx)
		if err != nil {
			b.Fatal(err)
		}
		cal, err := Calendar(share.Feed{Kind: share.FeedOnCall}, tm, nil, from, to)
		if err != nil {
			b.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range cal.Events {
			out[e.UID] = calendar.ContentHash(e)
		}
		return out
	}

	var events int
	b.Run("first", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			name := "first-" + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
			if _, err := db.AddPublishTarget(ctx, share.Target{Name: name, Kind: share.CalDAV, URL: srv.URL + "cto/" + name + "/",
				User: "cto", Feed: share.Feed{Kind: share.FeedOnCall}}); err != nil {
				b.Fatal(err)
			}
			cnt.Reset()
			o := opt
			o.Create = true
			b.StartTimer()
			res := run(b, name, o)
			events = res.Created
		}
		b.ReportMetric(float64(events), "events")
		b.ReportMetric(float64(cnt.Get("PUT")), "PUTs/op")
	})
	b.Run("unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			cnt.Reset()
			res := run(b, "first-aa", opt)
			if res.Unchanged != events || cnt.Get("PUT")+cnt.Get("DELETE") != 0 {
				b.Fatalf("a run with nothing changed: %v, %v", res, cnt.Counts())
			}
		}
		b.ReportMetric(float64(cnt.Get("PUT")), "PUTs/op")
		b.ReportMetric(float64(cnt.Get("PROPFIND")), "PROPFINDs/op")
	})
	b.Run("one-override", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			before := feed()
			rs, err := db.Rotations(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rs {
				if r.Name == "Primary" {
					r.Overrides[0].End = r.Overrides[0].End.Add(24 * time.Hour)
					if _, err := db.SaveRotation(ctx, r); err != nil {
						b.Fatal(err)
					}
				}
			}
			after := feed()
			changed, gone := 0, 0
			for uid, h := range after {
				if before[uid] != h {
					changed++
				}
			}
			for uid := range before {
				if _, ok := after[uid]; !ok {
					gone++
				}
			}
			cnt.Reset()
			b.StartTimer()
			res := run(b, "first-aa", opt)
			b.StopTimer()
			if cnt.Get("PUT") != changed || cnt.Get("DELETE") != gone || res.Created+res.Updated != changed || res.Deleted != gone {
				b.Fatalf("moving an override: %v, sent %v; want %d PUTs and %d DELETEs", res, cnt.Counts(), changed, gone)
			}
			b.ReportMetric(float64(changed), "PUTs/op")
			b.ReportMetric(float64(gone), "DELETEs/op")
			b.StartTimer()
		}
	})
}

// staticSecrets gives every target the same password.
type staticSecrets string

func (s staticSecrets) Get(string) (string, error) { return string(s), nil }
func (s staticSecrets) Set(string, string) error   { return nil }
func (s staticSecrets) Delete(string) error        { return nil }
