package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/store"
)

// TestTeamExportLeavesCalendarTimeOffOut: time off read from a member's
// calendar is not part of the team file (its titles are private, and
// importing the file back would add it twice); time off entered by hand
// is, with its note or "Away". Exported and imported again, nothing is
// added twice; imported elsewhere, the file exports the same again.
func TestTeamExportLeavesCalendarTimeOffOut(t *testing.T) {
	db := teamDB(t)
	if _, errs, code := runCLI(t, "--db", db, "import", "ics", importFixture("google.ics"), "--member", "Greta"); code != 0 {
		t.Fatal(errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ana, _ := st.Member(ctx, "Ana")
	day := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	for _, o := range []roster.TimeOff{
		{Start: day, End: day.AddDate(0, 0, 5), AllDay: true},
		{Start: day.AddDate(0, 1, 0), End: day.AddDate(0, 1, 2), Summary: "Conference"},
	} {
		if _, err := st.AddTimeOff(ctx, ana.ID, o); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	counts := func() (int, int) { return timeOffCount(t, db, "Ana"), timeOffCount(t, db, "Greta") }
	ana0, greta0 := counts()
	if greta0 == 0 {
		t.Fatal("the calendar import added nothing")
	}

	file := filepath.Join(t.TempDir(), "team.json")
	if _, errs, code := runCLI(t, "--db", db, "team", "export", file); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(file)
	var tf struct {
		Members []struct {
			Name    string `json:"name"`
			TimeOff []struct {
				Summary string `json:"summary"`
			} `json:"time_off"`
		} `json:"members"`
	}
	if err := json.Unmarshal(data, &tf); err != nil {
		t.Fatal(err)
	}
	for _, m := range tf.Members {
		var got []string
		for _, o := range m.TimeOff {
			got = append(got, o.Summary)
		}
		switch m.Name {
		case "Ana":
			if len(got) != 2 || got[0] != "Away" || got[1] != "Conference" {
				t.Errorf("Ana's time off in the file: %q; want [Away Conference]", got)
			}
		default:
			if len(got) != 0 {
				t.Errorf("%s's time off in the file: %q; want none (it came from a calendar)", m.Name, got)
			}
		}
	}

	out, errs, code := runCLI(t, "--db", db, "team", "import", file)
	if code != 0 {
		t.Fatal(errs)
	}
	if a, g := counts(); a != ana0 || g != greta0 {
		t.Errorf("import of the export: Ana %d, Greta %d time off; want %d and %d", a, g, ana0, greta0)
	}
	if want := "nothing changed"; !strings.Contains(out, want) {
		t.Errorf("import of the export says %q; want %q", out, want)
	}

	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if _, errs, code := runCLI(t, "--db", fresh, "team", "import", file); code != 0 {
		t.Fatal(errs)
	}
	again, _, _ := runCLI(t, "--db", fresh, "team", "export", "-")
	if again != string(data) {
		t.Errorf("export → import elsewhere → export differs:\n%s\n---\n%s", data, again)
	}
}
