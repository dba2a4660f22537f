package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/protocol"
	"dev.remotecto/remotecto/sheet"
	"dev.remotecto/remotecto/store"
)

// sampleWithLinks imports the sample team and stores two critical links.
func sampleWithLinks(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := run(t, "--db", db, "team", "import", sampleTeamPath); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.SaveProtocolSettings(context.Background(), protocol.Settings{EveryDays: 90, Links: []protocol.Link{
		{Title: "Runbooks", Target: "https://wiki.example.com/runbooks/incident"},
		{Title: "Production credentials", Target: "op://Ops/Production"}}})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// The PDF's text, read back with pdftotext, holds every schedule line, and
// those lines stand for exactly the shifts "oncall shifts --json" lists for
// the same weeks, across the European DST change of 29 March 2026.
func TestExportSheetPDFMatchesOncallShifts(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not on PATH: install poppler-utils to read the sheet's PDF")
	}
	db := sampleWithLinks(t)
	const from, weeks = "2026-03-23T00:00:00Z", 3
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	code, stdout, errOut := run(t, "--db", db, "export", "sheet", "--from", from, "--weeks", "3", "-o", out)
	if code != 0 || !strings.Contains(stdout, "wrote the emergency sheet") {
		t.Fatalf("export sheet: exit %d: %s %s", code, stdout, errOut)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("sheet file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	b, err := exec.Command(pdftotext, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	fromT, _ := time.Parse(time.RFC3339, from)
	to := fromT.AddDate(0, 0, 7*weeks).Format(time.RFC3339)

	// The same sheet, built from the same store, tells which lines to look for.
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	tm, _ := s.Team(context.Background())
	st, _ := s.ProtocolState(context.Background())
	s.Close()
	tm, _ = tm.Validate()
	built := sheet.BuildReviewed(tm, st, fromT, weeks)
	if len(built.Rotations) != 2 {
		t.Fatalf("%d rotations on the sheet; want the sample's 2", len(built.Rotations))
	}
	for _, r := range built.Rotations {
		code, js, errOut := run(t, "--db", db, "oncall", "shifts", "--rotation", r.Name, "--from", from, "--to", to, "--json")
		if code != 0 {
			t.Fatalf("oncall shifts %s: %s", r.Name, errOut)
		}
		var want []shiftJSON
		if err := json.Unmarshal([]byte(js), &want); err != nil {
			t.Fatal(err)
		}
		var got []shiftJSON
		for _, line := range r.Shifts {
			for _, e := range line.Entries() {
				got = append(got, shiftJSON{r.Name, e.Member, oncallInstant(e.Start), oncallInstant(e.End)})
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: the sheet stands for %d shifts, oncall shifts lists %d", r.Name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s shift %d: sheet %+v; oncall shifts %+v", r.Name, i, got[i], want[i])
			}
		}
		// Every line is in the PDF, in order, in the member's time and in UTC.
		rest := text[strings.Index(text, r.Name):]
		for _, line := range r.Shifts {
			for _, part := range []string{line.Member, line.Local, line.UTC} {
				i := strings.Index(rest, part)
				if i < 0 {
					t.Fatalf("%s: the PDF text lacks %q (or has it out of order):\n%s", r.Name, part, text)
				}
				if part == line.UTC {
					rest = rest[i:]
				}
			}
		}
	}
	for _, want := range []string{"Emergency sheet", "Page in #incidents first", "Protocol: Never reviewed", "next review due",
		"Production credentials", "op://Ops/Production", "Unless a contact says otherwise"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}

func TestExportSheetHTMLAndErrors(t *testing.T) {
	db := sampleWithLinks(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "sheet.html")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "--db", db, "export", "sheet", "-o", out); code != 0 {
		t.Fatalf("export sheet html: %s", errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{"<!DOCTYPE html>", `href="https://wiki.example.com/runbooks/incident"`, "<code>op://Ops/Production</code>",
		`href="tel:&#43;351210000001"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML sheet lacks %s", want)
		}
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("the HTML sheet that replaced a 0644 file has mode %v; want 0600", fi.Mode().Perm())
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "sheet.txt")}, "must end in .pdf or .html"},
		{[]string{}, "-o FILE.pdf or -o FILE.html is required"},
		{[]string{"--weeks", "13", "-o", out}, "--weeks 13"},
		{[]string{"--from", "yesterday", "-o", out}, `--from "yesterday"`},
	} {
		code, _, errOut := run(t, append([]string{"--db", db, "export", "sheet"}, tt.args...)...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("export sheet %v: exit %d, %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("%d files after the refused exports; want the one sheet", len(es))
	}
}
