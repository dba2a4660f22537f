package cli

import (
	"fmt"
	"os"

	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// sampleDB imports the sample team into a fresh database and returns its path.
func oncallSampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "t.db")
	var out, errb bytes.Buffer
	if code := Run([]string{"--db", db, "team", "import", "../assets/sample-team.json"}, Env{Stdout: &out, Stderr: &errb}); code != 0 {
		t.Fatalf("team import: exit %d: %s", code, errb.String())
	}
	return db
}

func runOncall(t *testing.T, now time.Time, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }})
	return code, out.String(), errb.String()
}

func TestOncallShiftsJSON(t *testing.T) {
	db := oncallSampleDB(t)
	// Primary: 7d, 09:00 Europe/Lisbon from 2026-03-02 (Ana, Greta, Lucas, Liam);
	// Greta's override 2026-12-24..27 UTC falls in Lucas's week (Dec 21-28).
	code, out, errs := runOncall(t, time.Now(), "--db", db, "oncall", "shifts", "--rotation", "primary",
		"--from", "2026-03-28", "--to", "2026-03-31T00:00:00Z", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	wantRows := [][4]string{
		{"Primary", "Liam", "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z"},
		{"Primary", "Ana", "2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z"},
	}
	if len(got) != len(wantRows) {
		t.Fatalf("got %d shifts; want %d:\n%s", len(got), len(wantRows), out)
	}
	for i, w := range wantRows {
		g := got[i]
		if g["rotation"] != w[0] || g["member"] != w[1] || g["start"] != w[2] || g["end"] != w[3] || len(g) != 4 {
			t.Errorf("shift %d = %v; want %v", i, g, w)
		}
	}
	code, out, _ = runOncall(t, time.Now(), "--db", db, "oncall", "shifts", "--rotation", "Primary",
		"--from", "2026-12-25T00:00:00Z", "--to", "2026-12-28T09:00:00Z", "--json")
	if code != 0 || !strings.Contains(out, `"member": "Greta",
    "start": "2026-12-24T00:00:00Z",
    "end": "2026-12-27T00:00:00Z"`) || !strings.Contains(out, `"start": "2026-12-27T00:00:00Z",
    "end": "2026-12-28T09:00:00Z"`) {
		t.Errorf("override week: exit %d\n%s", code, out)
	}
}

func TestOncallShiftsText(t *testing.T) {
	db := oncallSampleDB(t)
	code, out, errs := runOncall(t, time.Now(), "--db", db, "oncall", "shifts", "--rotation", "APAC",
		"--from", "2026-04-04", "--to", "2026-04-06", "--tz", "Australia/Adelaide")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Coverage 08:00-20:00 Adelaide: one entry per day, 12h also on the day DST ends (the change is at 03:00).
	for _, want := range []string{"Sat 2026-04-04 08:00", "Sun 2026-04-05 08:00", "Sun 2026-04-05 20:00", "12h"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestOncallNowJSON(t *testing.T) {
	db := oncallSampleDB(t)
	// 2026-03-10T12:00Z: Primary week 2 (Greta, until 2026-03-16T09:00Z);
	// APAC (Jack, Mere, Priya daily 08:00 Adelaide, +10:30) covers
	// 21:30Z-09:30Z, so at 12:00Z nobody is on call until 21:30Z (Jack's day, 03-11 local).
	code, out, errs := runOncall(t, time.Now(), "--db", db, "oncall", "now", "--at", "2026-03-10T12:00:00Z", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		At        string `json:"at"`
		Rotations []struct {
			Rotation, Member, Until string
		} `json:"rotations"`
		Escalation []struct {
			Level        int      `json:"level"`
			AfterMinutes int      `json:"after_minutes"`
			Members      []string `json:"members"`
		} `json:"escalation"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.At != "2026-03-10T12:00:00Z" || len(got.Rotations) != 2 || len(got.Escalation) != 3 {
		t.Fatalf("got %+v", got)
	}
	// Rotations come sorted by name: APAC, Primary.
	if r := got.Rotations[0]; r.Rotation != "APAC" || r.Member != "" || r.Until != "2026-03-10T21:30:00Z" {
		t.Errorf("APAC = %+v; want nobody until 2026-03-10T21:30:00Z", r)
	}
	if r := got.Rotations[1]; r.Rotation != "Primary" || r.Member != "Greta" || r.Until != "2026-03-16T09:00:00Z" {
		t.Errorf("Primary = %+v; want Greta until 2026-03-16T09:00:00Z", r)
	}
	if e := got.Escalation[0]; e.Level != 1 || e.AfterMinutes != 0 || strings.Join(e.Members, ",") != "Greta" {
		t.Errorf("level 1 = %+v; want Greta at 0 min", e)
	}
	if e := got.Escalation[2]; e.Level != 3 || e.AfterMinutes != 30 || strings.Join(e.Members, ",") != "Dana" {
		t.Errorf("level 3 = %+v; want Dana at 30 min", e)
	}
}

func TestOncallNowTextDefaultsToNow(t *testing.T) {
	db := oncallSampleDB(t)
	code, out, errs := runOncall(t, time.Date(2026, 3, 10, 22, 0, 0, 0, time.UTC), "--db", db, "oncall", "now")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Greta", "Jack", "+61 8 0000 0007", "Wed 08:30 ACDT", "Protocol: Page in #incidents"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestOncallErrors(t *testing.T) {
	db := oncallSampleDB(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"oncall", "shifts", "--rotation", "Nope", "--from", "2026-03-01", "--to", "2026-03-02"}, 1, `"Nope"`},
		{[]string{"oncall", "shifts", "--from", "2026-03-01"}, 2, "--rotation"},
		{[]string{"oncall", "shifts", "--rotation", "APAC", "--from", "yesterday"}, 2, `"yesterday"`},
		{[]string{"oncall", "shifts", "--rotation", "APAC", "--from", "2026-03-02", "--to", "2026-03-01"}, 2, "not before"},
		{[]string{"oncall", "now", "--at", "noon"}, 2, `"noon"`},
		{[]string{"oncall", "now", "--tz", "Mars/Base"}, 2, "Mars/Base"},
		{[]string{"export", "ics", "--rotation", "Nope", "-o", "-"}, 1, `"Nope"`},
		{[]string{"export", "ics", "--member", "Zed", "-o", "-"}, 1, `"Zed"`},
	}
	for _, tt := range tests {
		code, _, errs := runOncall(t, time.Now(), append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %s", tt.args, code, errs, tt.code, tt.want)
		}
	}
}

func TestExportOncallICS(t *testing.T) {
	db := oncallSampleDB(t)
	out := filepath.Join(t.TempDir(), "primary.ics")
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	code, _, errs := runOncall(t, now, "--db", db, "export", "ics", "--rotation", "Primary",
		"--from", "2026-12-20", "--to", "2027-01-05", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.NewDecoder(f).Decode()
	if err != nil {
		t.Fatalf("decode the export: %v", err)
	}
	var got []string
	for _, ev := range cal.Events() {
		start, _ := ev.DateTimeStart(time.UTC)
		end, _ := ev.DateTimeEnd(time.UTC)
		sum, _ := ev.Props.Text(ical.PropSummary)
		uid, _ := ev.Props.Text(ical.PropUID)
		tr, _ := ev.Props.Text(ical.PropTransparency)
		desc, _ := ev.Props.Text(ical.PropDescription)
		if tr != "TRANSPARENT" || !strings.Contains(desc, "dana@example.com") || !strings.Contains(desc, "#incidents") {
			t.Errorf("event %s: TRANSP %q, description %q", uid, tr, desc)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", sum, start.Format(time.RFC3339), end.Format(time.RFC3339), uid))
	}
	// Lucas's week (Dec 21-28, week 42 of the rotation; 09:00 Lisbon = UTC in winter) is cut by
	// Greta's override Dec 24-27 UTC.
	want := []string{
		"On call: Greta (Primary)|2026-12-14T09:00:00Z|2026-12-21T09:00:00Z|shift-primary-20261214T090000Z@remotecto",
		"On call: Lucas (Primary)|2026-12-21T09:00:00Z|2026-12-24T00:00:00Z|shift-primary-20261221T090000Z@remotecto",
		"On call: Greta (Primary)|2026-12-24T00:00:00Z|2026-12-27T00:00:00Z|shift-primary-20261224T000000Z@remotecto",
		"On call: Lucas (Primary)|2026-12-27T00:00:00Z|2026-12-28T09:00:00Z|shift-primary-20261227T000000Z@remotecto",
		"On call: Liam (Primary)|2026-12-28T09:00:00Z|2027-01-04T09:00:00Z|shift-primary-20261228T090000Z@remotecto",
		"On call: Ana (Primary)|2027-01-04T09:00:00Z|2027-01-11T09:00:00Z|shift-primary-20270104T090000Z@remotecto",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// One member across rotations: only Mere's APAC days.
	code, stdout, errs := runOncall(t, now, "--db", db, "export", "ics", "--member", "mere",
		"--from", "2026-12-20", "--to", "2026-12-27", "-o", "-")
	if code != 0 || strings.Count(stdout, "BEGIN:VEVENT") != 2 || !strings.Contains(stdout, "On call: Mere (APAC)") {
		t.Errorf("member export: exit %d %s\n%s", code, errs, stdout)
	}
}
