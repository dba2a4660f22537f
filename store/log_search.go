package store

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"dev.remotecto/remotecto/worklog"
)

// Snippet markers: control characters that never appear in typed text.
const (
	snippetOpen  = "\x02"
	snippetClose = "\x03"
)

// logMatchQuery turns what a user typed into an FTS5 query that cannot be a
// syntax error: every word becomes a quoted string (quotes doubled), words
// without a letter or digit are dropped, and the last word also matches as a
// prefix when it ends in a letter or digit, so results follow typing. Words
// are ANDed. FTS5 operators typed by the user (AND, OR, NOT, NEAR, -, ^, *,
// column filters) are searched as plain words. It returns "" when nothing is
// left to search for.
func logMatchQuery(input string) string {
	words := strings.Fields(input)
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
		q := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if r := []rune(w); i == len(words)-1 && isWordRune(r[len(r)-1]) {
			q += "*"
		}
		parts = append(parts, q)
	}
	return strings.Join(parts, " ")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// SearchLog finds the best matches for what the user typed across 1:1
// notes, action items and updates, ranked by bm25 (best first), at most
// limit hits, each with a snippet whose matching words are marked.
func (db *DB) SearchLog(ctx context.Context, input string, limit int) ([]worklog.Hit, error) {
	q := logMatchQuery(input)
	if q == "" || limit <= 0 {
		return nil, nil
	}
	var hits []worklog.Hit
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		hits, err = searchLog(ctx, tx, q, limit)
		return err
	})
	return hits, err
}

func searchLog(ctx context.Context, q querier, match string, limit int) ([]worklog.Hit, error) {
	// The inner query lets FTS5 sort by rank and stop at the limit, so the
	// snippets and joins are computed only for the hits returned.
	rows, err := q.QueryContext(ctx, `SELECT h.rowid, h.r, h.snip, h.body,
		coalesce(mo.name, ma.name, mu.name, ''), coalesce(o.at_utc, oa.at_utc, u.at_utc, ''), coalesce(u.kind, '')
		FROM (SELECT rowid, rank AS r, snippet(log_search, 0, char(2), char(3), '…', 24) AS snip, body
		      FROM log_search WHERE log_search MATCH ? ORDER BY rank LIMIT ?) h
		LEFT JOIN one_on_ones o ON h.rowid % 4 = 1 AND o.id = h.rowid / 4
		LEFT JOIN members mo ON mo.id = o.member_id
		LEFT JOIN action_items a ON h.rowid % 4 = 2 AND a.id = h.rowid / 4
		LEFT JOIN one_on_ones oa ON oa.id = a.one_on_one_id
		LEFT JOIN members ma ON ma.id = oa.member_id
		LEFT JOIN updates u ON h.rowid % 4 = 3 AND u.id = h.rowid / 4
		LEFT JOIN members mu ON mu.id = u.author_id
		ORDER BY h.r, h.rowid`, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanHits(rows)
}

func scanHits(rows *sql.Rows) ([]worklog.Hit, error) {
	var out []worklog.Hit
	for rows.Next() {
		var h worklog.Hit
		var rowid int64
		var snip, at, kind string
		if err := rows.Scan(&rowid, &h.Rank, &snip, &h.Text, &h.Member, &at, &kind); err != nil {
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
		h.Snippet = parseSnippet(snip)
		out = append(out, h)
	}
	return out, rows.Err()
}

// parseSnippet splits an FTS5 snippet at its markers.
func parseSnippet(s string) []worklog.Span {
	var out []worklog.Span
	for s != "" {
		i := strings.Index(s, snippetOpen)
		if i < 0 {
			out = append(out, worklog.Span{Text: s})
			break
		}
		if i > 0 {
			out = append(out, worklog.Span{Text: s[:i]})
		}
		s = s[i+len(snippetOpen):]
		j := strings.Index(s, snippetClose)
		if j < 0 {
			out = append(out, worklog.Span{Text: s, Match: true})
			break
		}
		out = append(out, worklog.Span{Text: s[:j], Match: true})
		s = s[j+len(snippetClose):]
	}
	return out
}
