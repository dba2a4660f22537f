package worklog

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleLog() Log {
	return Log{
		OneOnOnes: []OneOnOne{
			{Member: "Bo", At: utc("2026-03-10T15:00:00Z"), Notes: "Short one."},
			{Member: "Ana", At: utc("2026-03-16T09:00:00Z"), Notes: "## Growth\n\n- wants to lead the *payments* rewrite\n- 🎉 promotion case: draft by April\n\n```go\nfmt.Println(\"kept exactly\")\n```\n",
				Actions: []ActionItem{
					{Text: "Write the promotion case", Owner: "CTO", Due: date("2026-04-01"), Raised: date("2026-03-02")},
					{Text: "Pair with Bo on\nthe ledger", Owner: "Ana", Done: true, Raised: date("2026-03-16")},
				}},
			{Member: "Ana", At: utc("2026-03-02T09:00:00Z"), Notes: "First 1:1 — café ☕, naïve résumé, 日本語"},
		},
		Updates: []Update{
			{Author: "Ana", At: utc("2026-03-12T08:00:00Z"), Kind: KindDecision, Text: "We move the ledger to **Postgres**.", Tags: []string{"infra", "db"}},
			{Author: "Bo", At: utc("2026-03-11T23:30:00Z"), Kind: KindBlocker, Text: "Staging is down 🔥"},
			{Author: "Bo", At: utc("2026-03-13T10:00:00Z"), Kind: KindWin, Text: "p99 latency halved"},
			{Author: "Ana", At: utc("2026-04-20T10:00:00Z"), Kind: KindStatus, Text: "Out of scope of the range"},
		},
	}
}

func TestWriteMarkdownGolden(t *testing.T) {
	for _, c := range []struct {
		name  string
		scope Scope
	}{
		{"export-all.md", Scope{}},
		{"export-ana-march.md", Scope{Member: "ana", From: utc("2026-03-01T00:00:00Z"), To: utc("2026-04-01T00:00:00Z")}},
	} {
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, sampleLog(), c.scope, mustZone(t, "Europe/Lisbon")); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", c.name)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if buf.String() != string(want) {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, buf.String(), want)
		}
	}
}

func TestWriteMarkdownKeepsTextExactly(t *testing.T) {
	var buf bytes.Buffer
	l := sampleLog()
	if err := WriteMarkdown(&buf, l, Scope{}, mustZone(t, "UTC")); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{strings.TrimRight(l.OneOnOnes[1].Notes, "\n"), l.OneOnOnes[2].Notes, l.Updates[0].Text, l.Updates[1].Text} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("export lost %q", s)
		}
	}
	if strings.Index(buf.String(), "## Decision log") > strings.Index(buf.String(), "Postgres") {
		t.Error("the decision is not under the decision log")
	}
}
