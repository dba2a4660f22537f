package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dev.remotecto/remotecto/worklog"
)

// The snippet of a hit is worked out here rather than by FTS5's snippet(),
// whose cost grows with the square of the matches in an entry (one 127 KB
// update made of one word took seconds). This one reads at most
// snippetScanBytes of an entry and makes one pass over its words.
const (
	// snippetScanBytes is how much of an entry is read for its snippet:
	// matches further in still count for finding and ranking the entry,
	// but its snippet then shows its beginning.
	snippetScanBytes = 32 << 10
	// snippetWords is the length of a snippet, in words, as FTS5's was.
	snippetWords = 24
	snippetCut   = "…"
)

// token is one word of a text as the index sees it (FTS5's unicode61
// tokenizer with remove_diacritics 2): a run of letters, digits, private-use
// characters and combining marks, compared lower-cased without diacritics.
type token struct {
	start, end int // byte offsets in the text
	fold       string
}

func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r)
}

// fold lower-cases a word and strips its diacritics.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	d := norm.NFD.String(w)
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, d)
}

// tokenize splits text into tokens.
func tokenize(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, token{start: start, end: i, fold: fold(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{start: start, end: len(text), fold: fold(text[start:])})
	}
	return out
}

// phrase is one searched word as tokens (a word such as "x-y" is the phrase
// "x y", as FTS5 reads a quoted string); prefix lets its last token match
// the start of a word.
type phrase struct {
	tokens []string
	prefix bool
}

func (p phrase) matchAt(toks []token, i int) bool {
	if i+len(p.tokens) > len(toks) {
		return false
	}
	for k, want := range p.tokens {
		got := toks[i+k].fold
		if k == len(p.tokens)-1 && p.prefix {
			if !strings.HasPrefix(got, want) {
				return false
			}
		} else if got != want {
			return false
		}
	}
	return true
}

// instance is one match of a phrase: tokens [first, last].
type instance struct{ first, last, phrase int }

// snippet returns the best part of text for the phrases, about snippetWords
// words long, with the matches marked: the window holding the most
// different phrases (then the most matches), "…" where it cuts the text.
func snippet(text string, phrases []phrase) []worklog.Span {
	cut := len(text) > snippetScanBytes
	scan := text
	if cut {
		end := snippetScanBytes
		for end > 0 && !utf8.RuneStart(text[end]) {
			end--
		}
		scan = text[:end]
	}
	toks := tokenize(scan)
	if cut && len(toks) > 0 {
		toks = toks[:len(toks)-1] // the last word may be cut in two
	}
	if len(toks) == 0 {
		return []worklog.Span{{Text: shorten(scan, cut)}}
	}
	var insts []instance
	for i := range toks {
		for p := range phrases {
			if len(phrases[p].tokens) > 0 && phrases[p].matchAt(toks, i) {
				insts = append(insts, instance{first: i, last: i + len(phrases[p].tokens) - 1, phrase: p})
			}
		}
	}
	from, to := bestWindow(len(toks), insts, len(phrases))
	// The text of the window; the text before the first word and after
	// the last belongs to it when the window reaches that end.
	startByte, endByte := toks[from].start, toks[to-1].end
	if from == 0 {
		startByte = 0
	}
	atEnd := to == len(toks) && !cut
	if atEnd {
		endByte = len(text)
	}
	var spans []worklog.Span
	add := func(s string, match bool) {
		if s == "" {
			return
		}
		if n := len(spans); n > 0 && spans[n-1].Match == match {
			spans[n-1].Text += s
			return
		}
		spans = append(spans, worklog.Span{Text: s, Match: match})
	}
	if from > 0 {
		add(snippetCut, false)
	}
	pos := startByte
	for _, in := range insts {
		if in.first < from || in.last >= to {
			continue
		}
		s, e := toks[in.first].start, toks[in.last].end
		if s < pos { // overlaps the previous match
			if e > pos {
				add(text[pos:e], true)
				pos = e
			}
			continue
		}
		add(text[pos:s], false)
		add(text[s:e], true)
		pos = e
	}
	add(text[pos:endByte], false)
	if !atEnd {
		add(snippetCut, false)
	}
	return spans
}

// bestWindow picks the words [from, to) of the snippet: of the windows of
// snippetWords words that start a little before a match (so the match has
// some words before it), the one with the most different phrases and then
// the most matches. insts are in text order; one pass over them.
func bestWindow(n int, insts []instance, nPhrases int) (from, to int) {
	if n <= snippetWords || len(insts) == 0 {
		return 0, min(n, snippetWords)
	}
	const lead = snippetWords / 4
	count := make([]int, nPhrases)
	distinct, total := 0, 0
	bestScore, bestFrom := -1, 0
	in, out := 0, 0 // insts[out:in] start inside the window
	for i := range insts {
		start := min(max(0, insts[i].first-lead), n-snippetWords)
		for ; in < len(insts) && insts[in].first < start+snippetWords; in++ {
			if count[insts[in].phrase] == 0 {
				distinct++
			}
			count[insts[in].phrase]++
			total++
		}
		for ; out < in && insts[out].first < start; out++ {
			count[insts[out].phrase]--
			if count[insts[out].phrase] == 0 {
				distinct--
			}
			total--
		}
		if score := distinct*(len(insts)+1) + total; score > bestScore {
			bestScore, bestFrom = score, start
		}
	}
	return bestFrom, bestFrom + snippetWords
}

// shorten cuts a text without words to the snippet's length.
func shorten(s string, cut bool) string {
	const most = 200
	if len(s) > most {
		end := most
		for end > 0 && !utf8.RuneStart(s[end]) {
			end--
		}
		return s[:end] + snippetCut
	}
	if cut {
		return s + snippetCut
	}
	return s
}
