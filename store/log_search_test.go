package store

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"dev.remotecto/remotecto/worklog"
)

func TestMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"postgres":            `"postgres"*`,
		"  ledger  migration": `"ledger" "migration"*`,
		"C++":                 `"C++"`,
		`say "hi"`:            `"say" """hi"""`,
		"a AND b":             `"a" "AND" "b"*`,
		"- -- * ^ ( )":        ``,
		"NOT x-y":             `"NOT" "x-y"*`,
		"body:secret":         `"body:secret"*`,
		"":                    ``,
	} {
		if got := logMatchQuery(in); got != want {
			t.Errorf("MatchQuery(%q) = %s; want %s", in, got, want)
		}
	}
}

func seedSearch(t *testing.T, db *DB) {
	t.Helper()
	if _, err := db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: "Ana", At: utc("2026-03-02T09:00:00Z"),
		Notes:   "Long talk about career, the team, hiring, the offsite, and once Postgres in passing among many other words that dilute it",
		Actions: []worklog.ActionItem{{Text: "Benchmark Postgres vs SQLite for the ledger"}}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []worklog.Update{
		{Author: "Bo", Kind: "decision", At: utc("2026-03-05T10:00:00Z"), Text: "Postgres. Postgres for the ledger, Postgres everywhere."},
		{Author: "Chen", Kind: "status", At: utc("2026-03-06T10:00:00Z"), Text: "Café ☕ with the C++ team about the naïve résumé parser 🚀"},
		{Author: "Chen", Kind: "blocker", At: utc("2026-03-07T10:00:00Z"), Text: "Unrelated: the VPN is down"},
	} {
		if _, err := db.AddUpdate(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSearchRanksAndHighlights(t *testing.T) {
	db := openLog(t)
	seedSearch(t, db)
	hits, err := db.SearchLog(ctx, "postgres", 10)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, h := range hits {
		kinds = append(kinds, h.Kind+"/"+h.Member)
	}
	if got, want := strings.Join(kinds, " "), "decision/Bo action/Ana one-on-one/Ana"; got != want {
		t.Errorf("Search(postgres) ranked %s; want %s (most matches in the least text first)", got, want)
	}
	top := hits[0]
	if top.Text != "Postgres. Postgres for the ledger, Postgres everywhere." || !top.At.Equal(utc("2026-03-05T10:00:00Z")) {
		t.Errorf("top hit = %+v; want Bo's decision with its whole text and time", top)
	}
	if got, want := top.SnippetText("[", "]"), "[Postgres]. [Postgres] for the ledger, [Postgres] everywhere."; got != want {
		t.Errorf("top snippet = %q; want %q", got, want)
	}
	if hits[0].Rank >= hits[2].Rank {
		t.Errorf("ranks %v then %v; want best (lowest bm25) first", hits[0].Rank, hits[2].Rank)
	}
	// Diacritics, case and prefixes as the user types.
	for q, want := range map[string]string{"cafe": "Café", "RESUME": "résumé", "led": "ledger", "naive parser": "naïve"} {
		hits, err := db.SearchLog(ctx, q, 10)
		if err != nil || len(hits) == 0 {
			t.Errorf("Search(%q) = %d hits, %v; want a hit", q, len(hits), err)
			continue
		}
		found := false
		for _, sp := range hits[0].Snippet {
			found = found || (sp.Match && sp.Text == want)
		}
		if !found {
			t.Errorf("Search(%q) snippet %q; want %q highlighted", q, hits[0].SnippetText("[", "]"), want)
		}
	}
	if hits, _ := db.SearchLog(ctx, "postgres vpn", 10); len(hits) != 0 {
		t.Errorf("Search(postgres vpn) = %d hits; want 0 (all words must match)", len(hits))
	}
}

var hostile = []string{
	"C++", `"`, `""`, `"unclosed`, "AND", "OR", "NOT", "a AND", "AND b", "a OR NOT", "-", "-postgres", "--",
	"*", "post*", "^ledger", "NEAR(a b)", "NEAR/2", "body:postgres", "{body tags}:x", "(", ")", "((a)",
	"'; DROP TABLE updates; --", "\x00", "a\x00b", "☕", "🚀🚀", "\xff\xfe", "+", ":", "col:", "'", "`", "\\",
	"postgres\"ledger", "a b c d e f g h i j k l m n o p", strings.Repeat("x", 5000),
}

func TestHostileSearchStrings(t *testing.T) {
	db := openLog(t)
	seedSearch(t, db)
	for _, q := range hostile {
		if _, err := db.SearchLog(ctx, q, 10); err != nil {
			t.Errorf("Search(%q) = %v; want no error", q, err)
		}
	}
	if hits, _ := db.SearchLog(ctx, "C++", 10); len(hits) != 1 || hits[0].Member != "Chen" {
		t.Errorf("Search(C++) = %+v; want Chen's update", hits)
	}
	if hits, _ := db.SearchLog(ctx, "-postgres", 10); len(hits) != 3 {
		t.Errorf("Search(-postgres) = %d hits; want the 3 postgres hits (minus is not an operator)", len(hits))
	}
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM updates`).Scan(&n)
	if n != 3 {
		t.Errorf("%d updates after hostile searches; want 3", n)
	}
}

func FuzzSearch(f *testing.F) {
	for _, q := range hostile {
		f.Add(q)
	}
	db := openLog(f)
	if _, err := db.AddUpdate(ctx, worklog.Update{Author: "Bo", Kind: "win", At: utc("2026-03-05T10:00:00Z"), Text: "Postgres C++ café"}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := db.SearchLog(ctx, q, 5); err != nil {
			t.Fatalf("Search(%q) = %v (match %s)", q, err, logMatchQuery(q))
		}
	})
}

// seedMany writes n log entries in one transaction, straight into the
// tables (the triggers fill the index as they do for the app): a third are
// 1:1s with an action item each, the rest updates with a tag.
func seedMany(b testing.TB, db *DB, n int) {
	words := strings.Fields("ledger postgres hiring offsite latency on-call rota budget roadmap incident review kafka deploy career growth feedback")
	text := func(i int) string {
		var sb strings.Builder
		for j := 0; j < 30; j++ {
			sb.WriteString(words[(i*7+j*j)%len(words)])
			sb.WriteByte(' ')
		}
		return fmt.Sprintf("%s entry %d", sb.String(), i)
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var ids []int64
		rows, err := tx.Query(`SELECT id FROM members ORDER BY id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		for i := 0; i < n; i++ {
			at := FormatInstant(utc("2024-01-01T09:00:00Z").Add(timeHours(i)))
			member := ids[(i/3)%len(ids)]
			if i%3 == 0 {
				res, err := tx.Exec(`INSERT INTO one_on_ones(member_id, at_utc, notes) VALUES (?, ?, ?)`, member, at, text(i))
				if err != nil {
					return err
				}
				id, _ := res.LastInsertId()
				if _, err := tx.Exec(`INSERT INTO action_items(one_on_one_id, position, text, owner, due, done, raised)
					VALUES (?, 0, ?, 'Ana', '2024-06-01', ?, '2024-01-01')`, id, "follow up "+words[i%len(words)], i%60 != 0); err != nil {
					return err
				}
				continue
			}
			res, err := tx.Exec(`INSERT INTO updates(author_id, at_utc, kind, text) VALUES (?, ?, ?, ?)`, member, at, string(worklog.Kinds[i%4]), text(i))
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := tx.Exec(`INSERT INTO update_tags(update_id, tag) VALUES (?, ?)`, id, words[i%5]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkSearch10k(b *testing.B) {
	db := openLog(b)
	seedMany(b, db, 10000)
	for _, q := range []string{"postgres", "ledger latency", "entry 9999", "care"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				hits, err := db.SearchLog(ctx, q, 50)
				if err != nil || len(hits) == 0 {
					b.Fatalf("Search(%q) = %d hits, %v", q, len(hits), err)
				}
			}
		})
	}
}
