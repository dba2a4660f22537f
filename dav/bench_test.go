package dav

import (
	"fmt"
	"testing"
)

// BenchmarkPublishCalendar measures a year of shifts (700 events) published
// to Radicale on loopback, with plain passwords and, when passlib is there,
// bcrypt ones (as a real server keeps them; Radicale checks the password on
// every request):
//
//	go test -run '^$' -bench PublishCalendar -benchtime 1x ./dav/
//
// first: a first publish (700 PUTs); unchanged: a run with nothing changed
// (one PROPFIND, no PUT); one-change: one event changed (one PUT).
func BenchmarkPublishCalendar(b *testing.B) {
	for _, bcrypt := range []bool{false, true} {
		auth := "plain"
		if bcrypt {
			auth = "bcrypt"
			if !haveBcrypt() {
				b.Log("bcrypt skipped: Radicale needs python3-passlib and python3-bcrypt for it")
				continue
			}
		}
		benchPublish(b, auth, bcrypt)
	}
}

func benchPublish(b *testing.B, auth string, bcrypt bool) {
	srv := startRadicale(b, map[string]string{"ana": "secret"}, bcrypt)
	ctx := bg(b)
	cnt := newCounter()
	c := NewClient(Account{User: "ana", Password: "secret", Transport: cnt})
	feed := shiftEvents(b, 700)

	var st State
	b.Run(auth+"/first", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			cnt.Reset()
			var res Result
			res, st = PublishCalendar(ctx, c, fmt.Sprintf("%sana/year-%d/", srv.URL, i), feed, nil,
				Options{Now: testNow, CreateCollection: true})
			if res.Err != nil || res.Created != len(feed) {
				b.Fatalf("first publish: %v", res)
			}
		}
		b.ReportMetric(float64(cnt.Get("PUT")), "PUTs/op")
	})
	coll := srv.URL + "ana/year-0/"
	b.Run(auth+"/unchanged", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			cnt.Reset()
			var res Result
			res, st = PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow})
			if res.Err != nil || res.Unchanged != len(feed) || cnt.Get("PUT")+cnt.Get("DELETE") != 0 {
				b.Fatalf("unchanged publish: %v, %v", res, cnt.Counts())
			}
		}
		b.ReportMetric(float64(cnt.Get("PUT")), "PUTs/op")
		b.ReportMetric(float64(cnt.Get("PROPFIND")), "PROPFINDs/op")
	})
	b.Run(auth+"/one-change", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			feed[100].Summary = fmt.Sprintf("On call: Primary (swap %d)", i)
			cnt.Reset()
			var res Result
			res, st = PublishCalendar(ctx, c, coll, feed, st, Options{Now: testNow})
			if res.Err != nil || res.Updated != 1 || cnt.Get("PUT") != 1 {
				b.Fatalf("one change: %v, %v", res, cnt.Counts())
			}
		}
		b.ReportMetric(float64(cnt.Get("PUT")), "PUTs/op")
	})
}

// BenchmarkEncodeResources measures the app's side of a first publish of
// 700 events: one VCALENDAR per event, with its VTIMEZONE and fingerprint.
func BenchmarkEncodeResources(b *testing.B) {
	feed := shiftEvents(b, 700)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, e := range feed {
			if _, _, err := encodeResource(e, testNow); err != nil {
				b.Fatal(err)
			}
		}
	}
}
