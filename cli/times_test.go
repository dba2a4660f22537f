package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/oncall"
)

// TestTimesOutsideTheRange: every option that takes a time refuses one
// outside 1970-01-01 to 2200-01-01 with a usage error naming the option,
// not a message from deeper down ("time is missing").
func TestTimesOutsideTheRange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	out := filepath.Join(t.TempDir(), "x")
	tests := [][]string{
		{"oncall", "now", "--at", "0001-01-01"},
		{"oncall", "now", "--at", "0001-01-01T00:00:00Z"},
		{"oncall", "now", "--at", "2200-01-01T00:00:01Z"},
		{"log", "update", "--author", "Ana", "--kind", "win", "--text", "x", "--at", "0001-01-01"},
		{"log", "one-on-one", "--member", "Ana", "--notes", "x", "--at", "1969-12-31"},
		{"oncall", "shifts", "--rotation", "Primary", "--from", "1969-12-31T23:59:59Z"},
		{"oncall", "shifts", "--rotation", "Primary", "--from", "2026-01-01", "--to", "9999-12-31"},
		{"export", "ics", "--all", "--to", "2200-01-02", "-o", out},
		{"log", "list", "--from", "0001-01-01"},
		{"log", "export", "-o", out, "--to", "2201-01-01"},
		{"overlap", "--date", "2200-01-01"},
		{"overlap", "--date", "1969-12-31"},
	}
	for _, args := range tests {
		code, stdout, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != 2 || stdout != "" || !strings.Contains(errOut, "outside the accepted range") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want a usage error about the accepted range", args, code, stdout, errOut)
		}
		if strings.Contains(errOut, "missing") {
			t.Errorf("%v: %q", args, errOut)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused command wrote its file")
	}
	if _, stdout, _ := run(t, "--db", db, "log", "list", "--json"); stdout != "[]\n" {
		t.Errorf("a refused time was stored: %s", stdout)
	}
}

// TestRangesMustRunForward: --from must be before --to, for every command
// that takes both.
func TestRangesMustRunForward(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	run(t, "--db", db, "team", "import", sampleTeamPath)
	out := filepath.Join(t.TempDir(), "x")
	for _, args := range [][]string{
		{"oncall", "shifts", "--rotation", "Primary"},
		{"export", "ics", "--all", "-o", out},
		{"log", "list"},
		{"log", "export", "-o", out},
	} {
		for _, r := range [][2]string{{"2026-03-10", "2026-03-01"}, {"2026-03-10", "2026-03-10"}} {
			code, stdout, errOut := run(t, append(append([]string{"--db", db}, args...), "--from", r[0], "--to", r[1])...)
			if code != 2 || stdout != "" || !strings.Contains(errOut, "is not before --to") {
				t.Errorf("%v --from %s --to %s: exit %d, %q; want a usage error", args, r[0], r[1], code, errOut)
			}
		}
	}
}

const hourlyTeam = `{"members": [{"name": "Ana", "zone": "UTC", "hours": {}}, {"name": "Bo", "zone": "UTC", "hours": {}}],
 "rotations": [{"name": "Hourly", "members": ["Ana", "Bo"], "shift": "1h", "handoff": "00:00", "zone": "UTC", "start": "2026-01-01"}]}`

// TestRangesAreCappedAndSaySo: a range longer than five years is cut to
// five years, and the command says so on standard error; the output stays
// the size of five years.
func TestRangesAreCappedAndSaySo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	hourly := writeFile(t, "hourly.json", hourlyTeam)
	if code, _, errOut := run(t, "--db", db, "team", "import", hourly); code != 0 {
		t.Fatal(errOut)
	}
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := from.Add(oncall.MaxRange)
	say := "range capped to 1830 days, 2026-01-01T00:00:00Z to " + end.Format(time.RFC3339) +
		"; ask for the rest with --from " + end.Format(time.RFC3339)

	code, stdout, errOut := run(t, "--db", db, "oncall", "shifts", "--rotation", "Hourly", "--from", "2026-01-01", "--to", "2199-01-01", "--json")
	if code != 0 || !strings.Contains(errOut, "remotecto oncall shifts: "+say) {
		t.Fatalf("exit %d, stderr %q; want %q", code, errOut, say)
	}
	var shifts []shiftJSON
	if err := json.Unmarshal([]byte(stdout), &shifts); err != nil {
		t.Fatal(err)
	}
	if n := int(oncall.MaxRange / time.Hour); len(shifts) != n || shifts[n-1].End != end.Format(time.RFC3339) {
		t.Errorf("%d shifts, the last ending %s; want %d ending %s", len(shifts), shifts[len(shifts)-1].End, n, end)
	}

	daily := filepath.Join(t.TempDir(), "daily.db")
	if code, _, errOut := run(t, "--db", daily, "team", "import", writeFile(t, "daily.json", strings.Replace(hourlyTeam, `"1h"`, `"1d"`, 1))); code != 0 {
		t.Fatal(errOut)
	}
	ics := filepath.Join(t.TempDir(), "all.ics")
	code, stdout, errOut = run(t, "--db", daily, "export", "ics", "--all", "--from", "2026-01-01", "--to", "2126-01-01", "-o", ics)
	if code != 0 || !strings.Contains(errOut, "remotecto export ics: "+say) {
		t.Fatalf("exit %d, stderr %q; want %q", code, errOut, say)
	}
	if want := "wrote 1830 events"; !strings.Contains(stdout, want) {
		t.Errorf("stdout %q; want %q", stdout, want)
	}
	// Within the cap nothing is said.
	if _, _, errOut := run(t, "--db", db, "oncall", "shifts", "--rotation", "Hourly", "--from", "2026-01-01", "--to", "2027-01-01"); errOut != "" {
		t.Errorf("a range within the cap: stderr %q", errOut)
	}
	// The default end stops at the end of the accepted range.
	if code, _, errOut := run(t, "--db", db, "oncall", "shifts", "--rotation", "Hourly", "--from", "2199-06-01", "--json"); code != 0 || errOut != "" {
		t.Errorf("--from near the end of the range: exit %d, %q", code, errOut)
	}
}
