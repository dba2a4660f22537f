package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/teamfile"
)

func TestMeCommand(t *testing.T) {
	db := oncallSampleDB(t)
	for _, c := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"me"}, 0, "me: nobody; say who with: remotecto me NAME\n", ""},
		{[]string{"me", "aNA"}, 0, "me: Ana (Europe/Lisbon, Backend lead)\n", ""},
		{[]string{"me"}, 0, "me: Ana (Europe/Lisbon, Backend lead)\n", ""},
		{[]string{"me", "Zed"}, 1, "", `remotecto me: member "Zed": not found (members: Ana, Dana, Greta, Jack, Liam, Lucas, Mere, Priya, Sagar)` + "\n"},
		{[]string{"me"}, 0, "me: Ana (Europe/Lisbon, Backend lead)\n", ""},
		{[]string{"me", "Ana", "--clear"}, 2, "", "remotecto me: give a NAME or --clear, not both\nusage: remotecto me [NAME] [--clear]\n"},
		{[]string{"me", "--clear"}, 0, "me: nobody (cleared)\n", ""},
		{[]string{"me"}, 0, "me: nobody; say who with: remotecto me NAME\n", ""},
	} {
		code, out, errOut := run(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || out != c.out || errOut != c.err {
			t.Errorf("%q: exit %d, out %q, err %q; want %d, %q, %q", c.args, code, out, errOut, c.code, c.out, c.err)
		}
	}
}

// reminderRow is one entry of `reminders --json`, every field kept.
type reminderRow map[string]string

func remindersJSON(t *testing.T, args ...string) []reminderRow {
	t.Helper()
	code, out, errOut := run(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("%q: exit %d: %s", args, code, errOut)
	}
	var rows []reminderRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for i, r := range rows {
		for k, v := range r {
			if v == "" {
				t.Errorf("row %d: empty %q is printed; absent fields are left out", i, k)
			}
		}
		if !strings.HasSuffix(r["at"], "Z") {
			t.Errorf("row %d: at %q is not UTC with Z", i, r["at"])
		}
		if i > 0 && rows[i-1]["at"] > r["at"] {
			t.Errorf("row %d at %s comes after %s", i, r["at"], rows[i-1]["at"])
		}
	}
	return rows
}

// expectedOnCall works out, from oncall.Shifts directly and the tz database
// alone, the shift-start and handoff reminders of me over [from, to) with the
// default settings: for each start of mine after someone else (or a gap),
// one an hour before and one at the start; for each change of holder to
// someone else in a rotation I am in, one at the change, held to 07:00 of my
// zone when it falls in the quiet hours 22:00-07:00.
func expectedOnCall(t *testing.T, me, myZone string, from, to time.Time) []string {
	t.Helper()
	tm, err := teamfile.Decode(bytes.NewReader(assets.SampleTeamJSON))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(myZone)
	if err != nil {
		t.Fatal(err)
	}
	held := func(at time.Time) time.Time {
		l := at.In(loc)
		if h := l.Hour(); h >= 22 || h < 7 {
			day := l
			if h >= 22 {
				day = l.AddDate(0, 0, 1)
			}
			return time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, loc)
		}
		return at
	}
	var out []string
	add := func(at time.Time, kind, rot, member string) {
		if !at.Before(from) && at.Before(to) {
			out = append(out, fmt.Sprintf("%s %s %s %s", at.UTC().Format(time.RFC3339), kind, rot, member))
		}
	}
	for _, r := range tm.Rotations {
		if !slices.Contains(r.Members, me) {
			continue
		}
		ss := oncall.Shifts(r, from.AddDate(0, 0, -8), to.AddDate(0, 0, 2))
		for i := 1; i < len(ss); i++ {
			prev, s := ss[i-1], ss[i]
			if s.Member == prev.Member && s.Start.Equal(prev.End) {
				continue
			}
			if s.Member == me {
				add(s.Start.Add(-time.Hour), "shift-start", r.Name, me)
				add(s.Start, "shift-start", r.Name, me)
				continue
			}
			add(held(s.Start), "handoff", r.Name, s.Member)
		}
	}
	// As List sorts: by instant, then shift starts before handoffs.
	slices.SortFunc(out, func(a, b string) int {
		return strings.Compare(strings.Replace(a, " shift-start ", " 0 ", 1), strings.Replace(b, " shift-start ", " 0 ", 1))
	})
	return out
}

func TestRemindersOverWeeksWithADSTChange(t *testing.T) {
	db := oncallSampleDB(t)
	for _, c := range []struct {
		me, zone string
		from, to string
		// known are reminders worked out by hand from the tz rules: the
		// same local handoff on both sides of the change.
		known []string
	}{
		// Adelaide leaves daylight time on Sun 5 Apr 2026 at 03:00: APAC's
		// 08:00 handoff moves from 21:30Z to 22:30Z.
		{"Jack", "Australia/Adelaide", "2026-03-31", "2026-04-07", []string{
			"2026-04-03T21:30:00Z shift-start APAC Jack",
			"2026-04-04T22:30:00Z handoff APAC Mere",
		}},
		// For Priya in Kolkata those handoffs fall at 03:00 and then 04:00
		// her time, in quiet hours: held to 07:00 IST, 01:30Z, on either
		// side of the change; her own shift starts are never held.
		{"Priya", "Asia/Kolkata", "2026-03-31", "2026-04-07", []string{
			"2026-04-01T01:30:00Z handoff APAC Jack",
			"2026-04-05T01:30:00Z handoff APAC Mere",
			"2026-04-05T22:30:00Z shift-start APAC Priya",
		}},
		// Lisbon moves to summer time on Sun 29 Mar 2026 at 01:00 UTC:
		// Primary's Monday 09:00 handoff is 08:00Z from 30 March.
		{"Ana", "Europe/Lisbon", "2026-03-26", "2026-04-02", []string{
			"2026-03-30T07:00:00Z shift-start Primary Ana",
			"2026-03-30T08:00:00Z shift-start Primary Ana",
		}},
	} {
		t.Run(c.me, func(t *testing.T) {
			from, _ := time.Parse(time.DateOnly, c.from)
			to, _ := time.Parse(time.DateOnly, c.to)
			rows := remindersJSON(t, "--db", db, "reminders", "--me", strings.ToLower(c.me), "--from", c.from, "--to", c.to)
			var got []string
			for _, r := range rows {
				got = append(got, fmt.Sprintf("%s %s %s %s", r["at"], r["kind"], r["rotation"], r["member"]))
				if r["title"] == "" || r["body"] == "" || !strings.Contains(r["body"], c.zone) {
					t.Errorf("%v: want a title and a body giving times in %s", r, c.zone)
				}
			}
			want := expectedOnCall(t, c.me, c.zone, from, to)
			if !slices.Equal(got, want) {
				t.Errorf("reminders of %s from %s to %s:\n got %s\nwant %s", c.me, c.from, c.to,
					strings.Join(got, "\n     "), strings.Join(want, "\n     "))
			}
			for _, k := range c.known {
				if !slices.Contains(got, k) {
					t.Errorf("missing %s", k)
				}
			}
		})
	}
}

func TestRemindersOfMyLogAndTheStoredMe(t *testing.T) {
	db := oncallSampleDB(t)
	// Last 1:1 with Greta (Berlin) on Tue 24 March, weekly at 10:00 her
	// time; Ana owes a runbook by Tue 31 March.
	if code, _, errOut := run(t, "--db", db, "log", "one-on-one", "--member", "Greta", "--at", "2026-03-24T09:00:00Z",
		"--notes", "DST week", "--action", "Ana: Draft the DST runbook @2026-03-31", "--every", "1w"); code != 0 {
		t.Fatalf("log one-on-one: %s", errOut)
	}
	if code, _, errOut := run(t, "--db", db, "me", "Ana"); code != 0 {
		t.Fatal(errOut)
	}
	rows := remindersJSON(t, "--db", db, "reminders", "--from", "2026-03-26", "--to", "2026-04-02")
	lisbon, _ := time.LoadLocation("Europe/Lisbon")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// Independent of the code under test: the action reminder at 09:00
	// Lisbon the day before it is due; the 1:1 reminder at the start of
	// Ana's day (09:00 Lisbon) on the day of the 1:1, 10:00 Berlin on 31
	// March, since both are 08:00Z that day.
	action := time.Date(2026, 3, 30, 9, 0, 0, 0, lisbon).UTC().Format(time.RFC3339)
	meeting := time.Date(2026, 3, 31, 10, 0, 0, 0, berlin)
	oneOnOne := time.Date(2026, 3, 31, 9, 0, 0, 0, lisbon)
	if meeting.Before(oneOnOne) {
		oneOnOne = meeting
	}
	var got []string
	for _, r := range rows {
		got = append(got, r["at"]+" "+r["kind"]+" "+r["member"])
	}
	want := []string{
		"2026-03-30T07:00:00Z shift-start Ana",
		action + " shift-start Ana", // 09:00 Lisbon too, and shift starts come first
		action + " action-due Ana",
		oneOnOne.UTC().Format(time.RFC3339) + " one-on-one Greta",
	}
	if !slices.Equal(got, want) {
		t.Errorf("reminders:\n got %q\nwant %q", got, want)
	}
	code, out, _ := run(t, "--db", db, "reminders", "--from", "2026-03-30", "--to", "2026-03-31", "--tz", "Europe/Lisbon")
	for _, w := range []string{"Reminders for Ana (Europe/Lisbon) from Mon 2026-03-30 00:00 to Tue 2026-03-31 00:00 Europe/Lisbon",
		"Mon 2026-03-30 09:00  action-due   Due tomorrow: Draft the DST runbook",
		"    Action item of Ana, due Tue 31 Mar, from the 1:1 with Greta."} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("text output lacks %q:\n%s", w, out)
		}
	}
}

func TestRemindersRefusesBadInput(t *testing.T) {
	db := oncallSampleDB(t)
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--me", "Zed"}, 1, `me "Zed": unknown member`},
		{[]string{"--from", "2026-04-02", "--to", "2026-04-01"}, 2, "is not before --to"},
		{[]string{"--from", "2026-01-01", "--to", "2027-06-01"}, 2, "longer than 366 days"},
		{[]string{"--from", "tomorrow"}, 2, `--from "tomorrow"`},
	} {
		code, out, errOut := run(t, append([]string{"--db", db, "reminders"}, c.args...)...)
		if code != c.code || out != "" || !strings.Contains(errOut, c.err) {
			t.Errorf("%q: exit %d, out %q, err %q; want %d and %q", c.args, code, out, errOut, c.code, c.err)
		}
	}
	// Nobody set and no --me: the whole team's handoffs, from now on.
	code, out, _ := run(t, "--db", db, "reminders")
	if code != 0 || !strings.Contains(out, "Reminders for the whole team (nobody set with 'remotecto me NAME') from Mon 2026-11-23 12:00 to Mon 2026-11-30 12:00 UTC") ||
		!strings.Contains(out, "handoff") {
		t.Errorf("default range: exit %d\n%s", code, out)
	}
}

func TestInstallDesktopWritesAndRemoves(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "prefix")
	old := executable
	executable = func() (string, error) { return "/opt/remotecto/bin/remotecto", nil }
	t.Cleanup(func() { executable = old })
	code, out, errOut := run(t, "--db", "/data/team.db", "install-desktop", "--prefix", prefix)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	entry, err := os.ReadFile(filepath.Join(prefix, "share/applications/io.remotecto.app.desktop"))
	if err != nil {
		t.Fatalf("no desktop entry: %v\n%s", err, out)
	}
	if !strings.Contains(string(entry), "Exec=/opt/remotecto/bin/remotecto --db /data/team.db\n") {
		t.Errorf("entry does not run the program with its database:\n%s", entry)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share/icons/hicolor/256x256/apps/io.remotecto.app.png")); err != nil {
		t.Errorf("no 256 px icon: %v", err)
	}
	if !strings.Contains(out, "wrote "+filepath.Join(prefix, "share/icons/hicolor/48x48/apps/io.remotecto.app.png")) {
		t.Errorf("output does not list the files:\n%s", out)
	}
	if _, err := os.Stat("/data/team.db"); err == nil {
		t.Log("a /data/team.db exists on this machine; the check below is weaker")
	} else if code, _, _ := run(t, "--db", "/data/team.db", "install-desktop", "--prefix", prefix); code != 0 {
		t.Errorf("install-desktop opened the database")
	}
	code, out, _ = run(t, "install-desktop", "--prefix", prefix, "--uninstall")
	if code != 0 || strings.Count(out, "removed ") != 8 {
		t.Errorf("uninstall: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share/applications/io.remotecto.app.desktop")); err == nil {
		t.Error("the entry is still there")
	}
	code, out, _ = run(t, "install-desktop", "--prefix", prefix, "--uninstall")
	if code != 0 || !strings.Contains(out, "nothing to remove") {
		t.Errorf("second uninstall: exit %d\n%s", code, out)
	}
}
