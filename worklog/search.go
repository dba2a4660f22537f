package worklog

import "time"

// Source says what a search hit is: a 1:1's notes, an action item or an
// update.
type Source int

// The sources of search hits.
const (
	SourceNotes Source = iota + 1
	SourceAction
	SourceUpdate
)

// Span is a piece of a search snippet; Match marks the words that matched.
type Span struct {
	Text  string
	Match bool
}

// Hit is one search result, best first.
type Hit struct {
	Source Source
	ID     int64 // the 1:1, action item or update
	// Kind is "one-on-one", "action" or the update's kind.
	Kind   string
	Member string // the 1:1's member or the update's author
	At     time.Time
	Text   string // the whole entry, as written
	// Snippet is the best matching part of the text with the matches marked.
	Snippet []Span
	Rank    float64 // bm25: lower is better
}

// SnippetText joins the snippet with matches wrapped in open and close, such
// as "**" and "**" for Markdown.
func (h Hit) SnippetText(open, close string) string {
	s := ""
	for _, sp := range h.Snippet {
		if sp.Match {
			s += open + sp.Text + close
		} else {
			s += sp.Text
		}
	}
	return s
}

// SearchResult is the outcome of a search with what was searched for.
type SearchResult struct {
	Hits []Hit
	// Words are the words searched for: a repeated word once, and what is
	// over the bounds on a query left out.
	Words []string
	// Cut reports that part of what was typed was left out.
	Cut bool
	// Newest, when not 0, says that more entries matched than are ranked:
	// the hits are the best among the Newest entries that match.
	Newest int
}
