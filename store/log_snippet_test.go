package store

import (
	"strings"
	"testing"
	"unicode/utf8"

	"dev.remotecto/remotecto/worklog"
)

func spansText(spans []worklog.Span) string {
	return worklog.Hit{Snippet: spans}.SnippetText("[", "]")
}

func TestSnippetPicksTheWindowWithTheMatches(t *testing.T) {
	filler := strings.Repeat("plain words here ", 20)
	text := filler + "the ledger needs a postgres index soon " + filler
	got := spansText(snippet(text, parseLogQuery("postgres ledger").phrases))
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet %q; want it cut at both ends", got)
	}
	if !strings.Contains(got, "[ledger] needs a [postgres] index") {
		t.Errorf("snippet %q; want both words marked in one window", got)
	}
	if n := len(tokenize(got)); n > snippetWords {
		t.Errorf("snippet has %d words; want at most %d", n, snippetWords)
	}
}

func TestSnippetMarksPhrasesAndPrefixes(t *testing.T) {
	for _, c := range []struct{ q, text, want string }{
		{"x-y", "a x y b", "a [x y] b"},
		{"led", "The Ledger, ledgers.", "The [Ledger], [ledgers]."},
		{"cafe naive", "Café and naïve", "[Café] and [naïve]"},
		{"led ledger", "led the ledgers", "[led] the [ledgers]"},
	} {
		got := spansText(snippet(c.text, parseLogQuery(c.q).phrases))
		if got != c.want {
			t.Errorf("snippet(%q, %q) = %q; want %q", c.text, c.q, got, c.want)
		}
	}
}

// An entry longer than the part read for its snippet: a match past that
// part still finds the entry, and its snippet shows the beginning.
func TestSnippetReadsABoundedPart(t *testing.T) {
	long := strings.Repeat("é filler ", snippetScanBytes/8) + "needle"
	got := spansText(snippet(long, parseLogQuery("needle").phrases))
	if strings.Contains(got, "[") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet of a match past the bound = %q; want the start, cut, unmarked", got)
	}
	if !utf8.ValidString(got) {
		t.Errorf("snippet %q is not valid UTF-8", got)
	}
	one := strings.TrimSpace(strings.Repeat("word ", 127*1024/5))
	got = spansText(snippet(one, parseLogQuery("word").phrases))
	if strings.Count(got, "[word]") != snippetWords {
		t.Errorf("snippet of one repeated word = %q; want %d marked words", got, snippetWords)
	}
	if s := snippet(strings.Repeat("☕", snippetScanBytes), parseLogQuery("x").phrases); len(s) != 1 || !utf8.ValidString(s[0].Text) {
		t.Errorf("snippet of a text without words = %+v; want one valid span", s)
	}
}

func TestQueryBounds(t *testing.T) {
	q := parseLogQuery(strings.Repeat("latency ", 3000))
	if q.match != `"latency"*` || len(q.words) != 1 || !q.cut {
		t.Errorf("a word repeated 3,000 times = %q %v (cut %v); want it once, as a prefix, cut", q.match, q.words, q.cut)
	}
	q = parseLogQuery("Ledger ledger LEDGER mig")
	if q.match != `"Ledger" "mig"*` {
		t.Errorf("repeats in other case = %q; want each word once", q.match)
	}
	var many []string
	for i := 0; i < 40; i++ {
		many = append(many, "w"+strings.Repeat("x", i%3)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	q = parseLogQuery(strings.Join(many, " "))
	if len(q.words) != maxQueryWords || !q.cut {
		t.Errorf("40 different words = %d words (cut %v); want %d, cut", len(q.words), q.cut, maxQueryWords)
	}
	q = parseLogQuery(strings.Repeat("é", 5000))
	if len(q.words) != 1 || len(q.words[0]) > maxQueryBytes || !utf8.ValidString(q.words[0]) || !q.cut {
		t.Errorf("one 10,000-byte word = %d bytes (cut %v); want at most %d valid bytes, cut", len(q.words[0]), q.cut, maxQueryBytes)
	}
	if q := parseLogQuery("ledger"); q.cut {
		t.Error("a short query is reported cut")
	}
}

// More matches than rankWindow: the newest are ranked, the result says so,
// and the hits are complete and ordered.
func TestSearchRanksTheNewestWhenManyMatch(t *testing.T) {
	db := openLog(t)
	seedMany(t, db, rankWindow*3/2)
	res, err := db.SearchLogResult(ctx, "entry", 20)
	if err != nil {
		t.Fatal(err)
	}
	if res.Newest != rankWindow || len(res.Hits) != 20 {
		t.Fatalf("Search(entry) over %d entries = %d hits, newest %d; want 20, %d", rankWindow*3/2, len(res.Hits), res.Newest, rankWindow)
	}
	for i, h := range res.Hits {
		if h.Member == "" || h.At.IsZero() || h.Text == "" || !strings.Contains(h.SnippetText("[", "]"), "[entry]") {
			t.Errorf("hit %d = %+v; want member, time, text and a marked snippet", i, h)
		}
		if i > 0 && h.Rank < res.Hits[i-1].Rank {
			t.Errorf("hit %d ranks %v after %v; want best (lowest) first", i, h.Rank, res.Hits[i-1].Rank)
		}
	}
	few, err := db.SearchLogResult(ctx, "entry 77", 5)
	if err != nil || few.Newest != 0 || len(few.Hits) == 0 {
		t.Errorf("Search(entry 77) = %d hits, newest %d, %v; want hits ranked among all matches", len(few.Hits), few.Newest, err)
	}
}

// FuzzSnippet: any text and any query give valid UTF-8 spans taken from
// the text, without panicking.
func FuzzSnippet(f *testing.F) {
	f.Add("Postgres. Postgres for the ledger", "postgres led")
	f.Add(strings.Repeat("word ", 100), "word word")
	f.Add("x-y café naïve ☕", "x-y cafe")
	f.Fuzz(func(t *testing.T, text, q string) {
		for _, sp := range snippet(text, parseLogQuery(q).phrases) {
			if inner := strings.TrimSuffix(strings.TrimPrefix(sp.Text, snippetCut), snippetCut); !strings.Contains(text, inner) {
				t.Fatalf("span %q is not part of the text", sp.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(sp.Text) {
				t.Fatalf("span %q is not valid UTF-8", sp.Text)
			}
		}
	})
}
