package dav_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"dev.remotecto/remotecto/calendar"
	"dev.remotecto/remotecto/dav"
)

// A publish to a CalDAV collection: the state comes from the last run and
// the new one is stored for the next.
func ExamplePublishCalendar() {
	secrets := dav.NewSecrets()
	password, err := secrets.Get("team calendar")
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // names REMOTECTO_DAV_PASSWORD when no keyring answers
		return
	}
	c := dav.NewClient(dav.Account{User: "ana", Password: password})
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	events := []calendar.Event{{UID: calendar.MakeUID("shift", "Primary", start.Format(time.RFC3339)),
		Summary: "On call: Primary (Ana)", Start: start, End: start.AddDate(0, 0, 7)}}

	var state dav.State // loaded from storage; nil the first time
	res, state := dav.PublishCalendar(context.Background(), c, "https://dav.example.com/calendars/ana/oncall/",
		events, state, dav.Options{Target: "team calendar", CreateCollection: true,
			Progress: func(done, total int) { fmt.Printf("\r%d/%d", done, total) }})
	out, _ := json.Marshal(res) // {"target":..., "created":1, ..., "error":""}
	fmt.Println(string(out))
	_ = state // stored for the next run, even when res.Err is set
}

// Following a team bundle: the entity tag of the copy at hand makes the
// request conditional.
func ExampleFetchBundle() {
	var etag string // stored with the last copy
	body, etag, notModified, err := dav.FetchBundle(context.Background(), nil, "https://dav.example.com/team/remotecto-team.json", etag)
	switch {
	case err != nil:
		fmt.Println(err)
	case notModified:
		fmt.Println("the team did not change")
	default:
		fmt.Println(len(body), "bytes, entity tag", etag)
	}
}
