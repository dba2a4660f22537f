package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProtocolCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	written := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	if code, _, errOut := runIn(t, "", written, "--db", db, "team", "import", sampleTeamPath); code != 0 {
		t.Fatal(errOut)
	}
	later := written.AddDate(0, 0, 100)
	code, out, _ := runIn(t, "", later, "--db", db, "protocol", "show")
	if code != 0 || !strings.Contains(out, "Page in #incidents first") || !strings.Contains(out, "Review due since Sun 30 Aug 2026. Never reviewed (written Mon 1 Jun 2026).") {
		t.Errorf("show: exit %d:\n%s", code, out)
	}
	code, out, errOut := runIn(t, "", later, "--db", db, "protocol", "link", "add", "Grafana", "https://admin:hunter2@grafana.example.com")
	if code != 1 || !strings.Contains(errOut, "a password in the URL") || strings.Contains(errOut, "hunter2") {
		t.Errorf("a link with a password: exit %d, %q", code, errOut)
	}
	for _, args := range [][]string{
		{"protocol", "link", "add", "Runbook", "https://wiki.example.com/runbooks/incident"},
		{"protocol", "link", "add", "Root account", "op://Ops/AWS root"},
		{"protocol", "link", "remove", "RUNBOOK"},
		{"protocol", "cadence", "30"},
		{"protocol", "review"},
	} {
		if code, out, errOut := runIn(t, "", later, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s %s", args, code, out, errOut)
		}
	}
	code, out, _ = runIn(t, "", later, "--db", db, "protocol", "show", "--json")
	var got protocolJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("show --json: exit %d: %s", code, out)
	}
	if got.EveryDays != 30 || got.Overdue || got.ReviewedAt != "2026-09-09T09:00:00Z" || got.ReviewDue != "2026-10-09T09:00:00Z" ||
		len(got.Links) != 1 || got.Links[0].Title != "Root account" || got.Versions != 1 {
		t.Errorf("show --json: %+v", got)
	}
	if code, _, errOut := runIn(t, "", later, "--db", db, "protocol", "link", "remove", "Nope"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("remove an unknown link: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runIn(t, "", later, "--db", db, "protocol", "cadence", "5000"); code != 1 || !strings.Contains(errOut, "review cadence must be") {
		t.Errorf("cadence 5000: exit %d, %s", code, errOut)
	}
	code, out, _ = runIn(t, "", later, "--db", db, "protocol", "history")
	if code != 0 || !strings.Contains(out, "== 2026-06-01 09:00 UTC, (who: not set)") {
		t.Errorf("history: exit %d:\n%s", code, out)
	}
}
