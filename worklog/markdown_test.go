package worklog

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"dev.remotecto/remotecto/internal/termsafe"
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

// render turns Markdown into HTML as GitHub would read it (CommonMark with
// tables, strikethrough, task lists and bare links), with raw HTML left out.
func render(t *testing.T, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote)).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// bareLink is a link that GitHub makes of a web address written out.
var bareLink = regexp.MustCompile(`<a href="([^"]*)">([^<]*)</a>`)

// unlink checks that every link in html shows its own address, as GitHub
// makes links of the web and email addresses written out, and replaces each
// by its text.
func unlink(t *testing.T, html string) string {
	t.Helper()
	for _, m := range bareLink.FindAllStringSubmatch(html, -1) {
		href, text := m[1], m[2]
		if href != text && href != "http://"+text && href != "mailto:"+text {
			t.Errorf("link to %s shows %s", href, text)
		}
		if !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "mailto:") &&
			!strings.HasPrefix(href, "ftp://") {
			t.Errorf("link to %s", href)
		}
	}
	return bareLink.ReplaceAllString(html, "$2")
}

// shown is the HTML a text of several lines must render to: each line, with
// control characters escaped as termsafe.Text does and the spaces around it
// dropped (HTML collapses them), HTML-escaped, lines joined by <br>.
func shown(text string) string {
	lines := strings.Split(strings.TrimRight(termsafe.Text(text), " \t\n"), "\n")
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	for i, l := range lines {
		lines[i] = esc.Replace(strings.Trim(l, " \t"))
	}
	return strings.Join(lines, "<br>\n")
}

// hostile are texts that would become Markdown or HTML structure if written
// as they are.
var hostile = []string{
	"<script>alert(1)</script>",
	"Click [here](javascript:alert(1)) or ![x](http://tracker.example/p.png)",
	"<javascript:alert(1)> and <img src=x onerror=alert(1)>",
	"# Fake heading\n## Another",
	"Setext\n===\nand\n---",
	"- not a list\n+ nor this\n* nor this\n1. nor a numbered list\n2) nor this",
	"> not a quote",
	"```\nnot code\n```\n~~~\nnor this\n~~~",
	"    not indented code",
	"First paragraph\n\n\nstill the same item",
	"| a | b |\n|---|---|\n| not | a table |",
	"*not emphasis* _nor this_ **nor bold** ~~nor struck~~ `nor code`",
	"[ref]: http://evil.example\n[^1]: not a footnote",
	"&amp; &lt;b&gt; &#65; stay as typed",
	"ends with a backslash \\\nand \\* a backslash-star",
	"escape \x1b[31mred\x1b[0m, NUL \x00, CR\rLF, bidi \u202e, bad \xff byte",
	"***\n___\n- - -",
	"<!-- comment --> <div>block</div>",
}

func TestWriteMarkdownRendersTextAsTyped(t *testing.T) {
	var l Log
	for i, h := range hostile {
		at := utc("2026-03-02T09:00:00Z").Add(time.Duration(i) * time.Hour)
		l.OneOnOnes = append(l.OneOnOnes, OneOnOne{Member: "Eve", At: at, Notes: h,
			Actions: []ActionItem{{Text: h, Owner: "Mal<b>lory</b>"}}})
		l.Updates = append(l.Updates, Update{Author: "Eve", At: at, Kind: KindStatus, Text: h, Tags: []string{"<i>x</i>"}})
	}
	l.OneOnOnes = append(l.OneOnOnes, OneOnOne{Member: "Evil\n# Owned <b>x</b> [l](javascript:y) #", At: utc("2026-03-20T09:00:00Z"), Notes: "n"})
	l.Updates = append(l.Updates, Update{Author: "Eve\r\n## Owned", At: utc("2026-03-20T10:00:00Z"), Kind: KindDecision, Text: "d"})
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, l, Scope{}, mustZone(t, "UTC")); err != nil {
		t.Fatal(err)
	}
	html := unlink(t, render(t, buf.Bytes()))
	for _, tag := range []string{"<a ", "<img", "<script", "<pre", "<code", "<blockquote", "<table", "<del", "<em", "<strong",
		"<hr", "raw HTML omitted", "<ol", "<div", `class="footnote`, "<sup", "<h5", "<b>", "<i>"} {
		if strings.Contains(html, tag) {
			t.Errorf("the export renders %s:\n%s", tag, html)
		}
	}
	// The template's own headings only: title, three sections, two members, every 1:1 and update.
	want := 1 + 3 + 2 + len(l.OneOnOnes) + len(l.Updates)
	if got := strings.Count(html, "<h"); got != want {
		t.Errorf("the export renders %d headings; want %d:\n%s", got, want, html)
	}
	for _, h := range hostile {
		if p := "<p>" + shown(h) + "</p>"; !strings.Contains(html, p) {
			t.Errorf("notes %q do not render as typed: want\n%s\nin\n%s", h, p, html)
		}
		if item := "<li><input disabled=\"\" type=\"checkbox\"> " + shown(h) + " — Mal&lt;b&gt;lory&lt;/b&gt;</li>"; !strings.Contains(html, item) {
			t.Errorf("action item %q does not render as typed: want\n%s", h, item)
		}
	}
	for _, heading := range []string{
		`<h3>Evil\n# Owned &lt;b&gt;x&lt;/b&gt; [l](javascript:y) #</h3>`,
		`<h3>2026-03-20 10:00 · decision · Eve\r\n## Owned</h3>`,
		`<p>Tags: &lt;i&gt;x&lt;/i&gt;</p>`,
	} {
		if !strings.Contains(html, heading) {
			t.Errorf("the export lacks %s:\n%s", heading, html)
		}
	}
	buf.Reset()
	if err := WriteMarkdown(&buf, l, Scope{Member: "*x*\n# <s>"}, mustZone(t, "UTC")); err != nil {
		t.Fatal(err)
	}
	if html, want := render(t, buf.Bytes()), `<p>*x*\n# &lt;s&gt;, all dates. Times in UTC.</p>`; !strings.Contains(html, want) {
		t.Errorf("the export of a scope lacks %s:\n%s", want, html)
	}
}

func FuzzWriteMarkdown(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, "Eve", "Mallory")
	}
	f.Fuzz(func(t *testing.T, text, member, owner string) {
		l := Log{
			OneOnOnes: []OneOnOne{{Member: member, At: utc("2026-03-02T09:00:00Z"), Notes: text,
				Actions: []ActionItem{{Text: text, Owner: owner}}}},
			Updates: []Update{{Author: member, At: utc("2026-03-03T09:00:00Z"), Kind: KindWin, Text: text}},
		}
		var buf bytes.Buffer
		var html string
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := WriteMarkdown(&buf, l, Scope{}, mustZone(t, "UTC")); err != nil {
				t.Error(err)
				return
			}
			html = unlink(t, render(t, buf.Bytes()))
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("text %q, member %q, owner %q: still writing or rendering after 10 s (%d bytes written)", text, member, owner, buf.Len())
		}
		for _, tag := range []string{"<a ", "<img", "<pre", "<code", "<blockquote", "<table", "<del", "<em", "<strong", "<hr",
			"raw HTML omitted", "<ol", "<h5", "<h6"} {
			if strings.Contains(html, tag) {
				t.Fatalf("text %q, member %q, owner %q: the export renders %s:\n%s\n%s", text, member, owner, tag, buf.String(), html)
			}
		}
		if got := strings.Count(html, "<h"); got != 7 {
			t.Fatalf("text %q, member %q: %d headings; want 7:\n%s\n%s", text, member, got, buf.String(), html)
		}
		if strings.TrimSpace(text) != "" && strings.TrimSpace(termsafe.Text(text)) != "" {
			if p := "<p>" + shown(text) + "</p>"; !strings.Contains(html, p) {
				t.Fatalf("notes %q do not render as typed: want\n%s\nin\n%s\n%s", text, p, buf.String(), html)
			}
		}
	})
}
