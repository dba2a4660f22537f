package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dev.remotecto/remotecto/worklog"
)

// Bounds on the work one search may cost, so that hostile input (a query
// pasted from a book, an entry of one word repeated thousands of times)
// costs time in proportion to its size at most.
const (
	// maxQueryBytes: what the user typed is read up to here (at a word's
	// end); the rest is left out and the result says so.
	maxQueryBytes = 256
	// maxQueryWords: different words searched for at most; a repeated
	// word counts once.
	maxQueryWords = 16
	// rankWindow: when more entries match than this, the best are looked
	// for among the newest rankWindow that match (the order in which
	// entries were written), and the result says so. Ranking every match
	// of a word found in most of 200,000 entries would cost a second.
	rankWindow = 2000
)

// logQuery is what the user typed, read as words: each word is matched as
// typed (no query syntax), the last one also as the start of a word.
type logQuery struct {
	words   []string // as typed, without repeats
	phrases []phrase // the same words as the index's tokens
	match   string   // the FTS5 query, "" when nothing is left to search
	cut     bool     // words or text were left out
}

// parseLogQuery turns what a user typed into an FTS5 query that cannot be
// a syntax error: every word becomes a quoted string (quotes doubled),
// words without a letter or digit are dropped, and the last word also
// matches as a prefix when it ends in a letter or digit, so results follow
// typing. Words are ANDed. FTS5 operators typed by the user (AND, OR, NOT,
// NEAR, -, ^, *, column filters) are searched as plain words. A word typed
// twice is searched once; the input is read up to maxQueryBytes and
// maxQueryWords different words.
func parseLogQuery(input string) logQuery {
	var q logQuery
	if len(input) > maxQueryBytes {
		end := maxQueryBytes
		for end > 0 && !isSpaceAt(input, end) {
			end--
		}
		if end == 0 { // one long word: cut it at a character
			end = maxQueryBytes
			for end > 0 && !utf8.RuneStart(input[end]) {
				end--
			}
		}
		input, q.cut = input[:end], true
	}
	words := strings.Fields(input)
	last := -1
	seen := map[string]int{}
	var parts []string
	for i, w := range words {
		w = strings.Map(func(r rune) rune {
			if r == 0 || unicode.IsControl(r) {
				return -1
			}
			return r
		}, w)
		if !strings.ContainsFunc(w, isWordRune) {
			continue
		}
		prefix := false
		if r, _ := utf8.DecodeLastRuneInString(w); i == len(words)-1 && isWordRune(r) {
			prefix = true
		}
		key := fold(w)
		if k, dup := seen[key]; dup {
			if prefix {
				q.phrases[k].prefix = true
				last = k
			}
			continue
		}
		if len(q.words) == maxQueryWords {
			q.cut = true
			continue
		}
		seen[key] = len(q.words)
		q.words = append(q.words, w)
		var toks []string
		for _, t := range tokenize(w) {
			toks = append(toks, t.fold)
		}
		q.phrases = append(q.phrases, phrase{tokens: toks, prefix: prefix})
		if prefix {
			last = len(q.words) - 1
		}
	}
	for i, w := range q.words {
		p := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if i == last {
			p += "*"
		}
		parts = append(parts, p)
	}
	q.match = strings.Join(parts, " ")
	return q
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// logMatchQuery is the FTS5 query for what the user typed ("" for none).
func logMatchQuery(input string) string { return parseLogQuery(input).match }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// SearchLog finds the best matches for what the user typed across 1:1
// notes, action items and updates, ranked by bm25 (best first), at most
// limit hits, each with a snippet whose matching words are marked. See
// SearchLogResult for the bounds on its work.
func (db *DB) SearchLog(ctx context.Context, input string, limit int) ([]worklog.Hit, error) {
	r, err := db.SearchLogResult(ctx, input, limit)
	return r.Hits, err
}

// SearchLogResult is SearchLog with what was searched: the words (after
// dropping repeats and what is over the bounds), whether any were left out,
// and whether only the newest matches were ranked.
//
// When fewer than rankWindow entries match, they are ranked by FTS5's bm25.
// When more match, FTS5's bm25 would rank every one of them (and count the
// entries holding each word), so instead the newest rankWindow matches are
// read in one walk of the index backwards and ranked here by the same
// formula with the words weighted alike: a word in that many entries is
// common, so its rarity hardly tells entries apart.
func (db *DB) SearchLogResult(ctx context.Context, input string, limit int) (worklog.SearchResult, error) {
	q := parseLogQuery(input)
	res := worklog.SearchResult{Words: q.words, Cut: q.cut}
	if q.match == "" || limit <= 0 {
		return res, nil
	}
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		newest, err := newestMatches(ctx, tx, q.match, rankWindow)
		if err != nil {
			return err
		}
		if len(newest) < rankWindow {
			res.Hits, err = searchLog(ctx, tx, q, limit)
			return err
		}
		res.Newest = rankWindow
		top := rankMatches(newest, q.phrases, limit)
		res.Hits, err = hitsOf(ctx, tx, top, q.phrases)
		return err
	})
	return res, err
}

// match is one entry of the index that matches, for ranking here.
type match struct {
	rowid      int64
	body, tags string
	rank       float64
}

// newestMatches reads the newest n entries that match.
func newestMatches(ctx context.Context, tx *sql.Tx, fts string, n int) ([]match, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, body, tags FROM log_search WHERE log_search MATCH ?
		ORDER BY rowid DESC LIMIT ?`, fts, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.rowid, &m.body, &m.tags); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// rankScanBytes is how much of an entry's text is read to rank it here.
const rankScanBytes = 4 << 10

// rankMatches orders the matches by bm25 (k1 1.2, b 0.75, the text counting
// twice as much as the tags, as the index's rank is set up) with every word
// weighted alike, and returns the best n, best first; rank is the negated
// score, as FTS5 gives it (lower is better).
func rankMatches(ms []match, phrases []phrase, n int) []match {
	const k1, b = 1.2, 0.75
	type counted struct {
		tf  []float64 // weighted count of each phrase
		len float64   // words in the entry
	}
	cs := make([]counted, len(ms))
	total := 0.0
	for i, m := range ms {
		c := counted{tf: make([]float64, len(phrases))}
		for col, text := range []string{m.body, m.tags} {
			weight := 2.0
			if col == 1 {
				weight = 1.0
			}
			scan := text
			if len(scan) > rankScanBytes {
				end := rankScanBytes
				for end > 0 && !utf8.RuneStart(scan[end]) {
					end--
				}
				scan = scan[:end]
			}
			toks := tokenize(scan)
			words := float64(len(toks))
			if len(scan) < len(text) && len(scan) > 0 { // the rest, at the same density
				words *= float64(len(text)) / float64(len(scan))
			}
			c.len += words
			for t := range toks {
				for p := range phrases {
					if len(phrases[p].tokens) > 0 && phrases[p].matchAt(toks, t) {
						c.tf[p] += weight
					}
				}
			}
		}
		cs[i] = c
		total += c.len
	}
	avg := max(total/float64(len(ms)), 1)
	for i := range ms {
		score := 0.0
		for _, tf := range cs[i].tf {
			score += tf * (k1 + 1) / (tf + k1*(1-b+b*cs[i].len/avg))
		}
		ms[i].rank = -score
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].rank != ms[j].rank {
			return ms[i].rank < ms[j].rank
		}
		return ms[i].rowid > ms[j].rowid // newer first
	})
	return ms[:min(n, len(ms))]
}

// hitsOf turns ranked matches into hits, in the same order.
func hitsOf(ctx context.Context, tx *sql.Tx, ms []match, phrases []phrase) ([]worklog.Hit, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	args := make([]any, len(ms))
	for i, m := range ms {
		args[i] = m.rowid
	}
	// The same joins as searchLog, over the given rows.
	rows, err := tx.QueryContext(ctx, `SELECT h.rowid, 0.0, '',
		coalesce(mo.name, ma.name, mu.name, ''), coalesce(o.at_utc, oa.at_utc, u.at_utc, ''), coalesce(u.kind, '')
		FROM (SELECT value AS rowid FROM json_each(?)) h
		LEFT JOIN one_on_ones o ON h.rowid % 4 = 1 AND o.id = h.rowid / 4
		LEFT JOIN members mo ON mo.id = o.member_id
		LEFT JOIN action_items a ON h.rowid % 4 = 2 AND a.id = h.rowid / 4
		LEFT JOIN one_on_ones oa ON oa.id = a.one_on_one_id
		LEFT JOIN members ma ON ma.id = oa.member_id
		LEFT JOIN updates u ON h.rowid % 4 = 3 AND u.id = h.rowid / 4
		LEFT JOIN members mu ON mu.id = u.author_id`, rowidList(args))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits, err := scanHits(rows, nil)
	if err != nil {
		return nil, err
	}
	byRow := make(map[int64]worklog.Hit, len(hits))
	for _, h := range hits {
		byRow[h.ID*4+int64(h.Source)] = h
	}
	out := make([]worklog.Hit, 0, len(ms))
	for _, m := range ms {
		h, ok := byRow[m.rowid]
		if !ok {
			continue
		}
		h.Rank, h.Text = m.rank, m.body
		if phrases != nil {
			h.Snippet = snippet(h.Text, phrases)
		}
		out = append(out, h)
	}
	return out, nil
}

// rowidList writes rowids as a JSON array.
func rowidList(ids []any) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id.(int64), 10))
	}
	b.WriteByte(']')
	return b.String()
}

func searchLog(ctx context.Context, q querier, lq logQuery, limit int) ([]worklog.Hit, error) {
	// The inner query lets FTS5 sort by rank and stop at the limit, so the
	// joins are computed only for the hits returned.
	rows, err := q.QueryContext(ctx, `SELECT h.rowid, h.r, h.body,
		coalesce(mo.name, ma.name, mu.name, ''), coalesce(o.at_utc, oa.at_utc, u.at_utc, ''), coalesce(u.kind, '')
		FROM (SELECT rowid, rank AS r, body
		      FROM log_search WHERE log_search MATCH ? ORDER BY rank LIMIT ?) h
		LEFT JOIN one_on_ones o ON h.rowid % 4 = 1 AND o.id = h.rowid / 4
		LEFT JOIN members mo ON mo.id = o.member_id
		LEFT JOIN action_items a ON h.rowid % 4 = 2 AND a.id = h.rowid / 4
		LEFT JOIN one_on_ones oa ON oa.id = a.one_on_one_id
		LEFT JOIN members ma ON ma.id = oa.member_id
		LEFT JOIN updates u ON h.rowid % 4 = 3 AND u.id = h.rowid / 4
		LEFT JOIN members mu ON mu.id = u.author_id
		ORDER BY h.r, h.rowid`, lq.match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanHits(rows, lq.phrases)
}

func scanHits(rows *sql.Rows, phrases []phrase) ([]worklog.Hit, error) {
	var out []worklog.Hit
	for rows.Next() {
		var h worklog.Hit
		var rowid int64
		var at, kind string
		if err := rows.Scan(&rowid, &h.Rank, &h.Text, &h.Member, &at, &kind); err != nil {
			return nil, err
		}
		h.ID = rowid / 4
		switch rowid % 4 {
		case 1:
			h.Source, h.Kind = worklog.SourceNotes, "one-on-one"
		case 2:
			h.Source, h.Kind = worklog.SourceAction, "action"
		default:
			h.Source, h.Kind = worklog.SourceUpdate, kind
		}
		if at != "" {
			t, err := parseStoredInstant("time", at)
			if err != nil {
				return nil, err
			}
			h.At = t
		}
		if phrases != nil {
			h.Snippet = snippet(h.Text, phrases)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
