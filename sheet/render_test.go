package sheet

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", file, got)
	}
}

func TestHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sampleSheet(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "sheet.html", b.Bytes())
}

// The page loads nothing: no scripts, stylesheets, images, fonts or frames.
func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sampleSheet(t)); err != nil {
		t.Fatal(err)
	}
	page := strings.ToLower(b.String())
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "@import", "url(", "@font-face"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	for _, want := range []string{`<meta name="viewport"`, `<style>`, `href="tel:&#43;12125550100;ext=42"`, `href="mailto:bjorn%2Boncall@example.no"`,
		`href="https://runbooks.example.com/incident"`, `<code>vault://ops/production (1Password: Ops vault)</code>`, `href="#contact-4"`, `id="contact-4"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	tm := nineTeam(t)
	tm.Members[0].Name = `<script>alert("x")</script> & Co`
	tm.Members[0].Role = `"><img src=x onerror=alert(1)>`
	s := Build(tm, `Call <b>now</b> & "quote" javascript:alert(1)`, []Link{
		{Title: "Evil", Target: "javascript:alert(1)"},
		{Title: "Data", Target: "data:text/html,<script>alert(1)</script>"},
	}, sheetFrom, 1)
	var b bytes.Buffer
	if err := WriteHTML(&b, s); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script>", "<img", "<b>now", `href="javascript:`, `href="data:`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co", "Call &lt;b&gt;now&lt;/b&gt; &amp;",
		"<code>javascript:alert(1)</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestPDFPages(t *testing.T) {
	s := sampleSheet(t)
	if n := len(s.Contacts); n != 9 || s.Weeks != 4 {
		t.Fatalf("sample has %d members and %d weeks; want 9 and 4", n, s.Weeks)
	}
	f, err := renderPDF(s)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.PageCount(); n < 1 || n > 2 {
		t.Errorf("PDF of a 9-person team over 4 weeks has %d pages; want 1 or 2", n)
	}
}

func TestPDFDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WritePDF(&a, sampleSheet(t)); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&b, sampleSheet(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two PDFs of one sheet differ")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", a.Bytes()[:8])
	}
}

// pdfText writes s as a PDF and reads its text back with poppler's
// pdftotext (-layout), skipping the test when pdftotext is not installed.
func pdfText(t *testing.T, s Sheet) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not on PATH: install poppler-utils (apt-get install -y poppler-utils) to check the PDF's text")
	}
	file := filepath.Join(t.TempDir(), "sheet.pdf")
	var b bytes.Buffer
	if err := WritePDF(&b, s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// trailingSpace is removed before comparing: pdftotext pads some lines.
var trailingSpace = regexp.MustCompile(`(?m)[ \t]+$`)

func TestPDFTextGolden(t *testing.T) {
	text := trailingSpace.ReplaceAllString(pdfText(t, sampleSheet(t)), "")
	golden(t, "sheet.pdf.txt", []byte(text))
}

// Every schedule line, in the member's time and in UTC, and every name (Latin
// with accents, Greek, Cyrillic) is in the PDF's text as printed.
func TestPDFTextHasEveryShiftAndName(t *testing.T) {
	s := sampleSheet(t)
	text := pdfText(t, s)
	for _, r := range s.Rotations {
		for _, sh := range r.Shifts {
			for _, want := range []string{sh.Local, sh.UTC} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the PDF text lacks %q", r.Name, want)
				}
			}
		}
	}
	for _, c := range s.Contacts {
		for _, want := range []string{c.Name, c.Phone, c.Email} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF text lacks %q", want)
			}
		}
	}
	if strings.Contains(text, "print as \"?\"") {
		t.Errorf("the PDF says characters are missing: the fonts should cover every name of the sample")
	}
}

// A name in a script the Go fonts lack prints with "?" and the PDF says so.
func TestPDFMissingGlyphs(t *testing.T) {
	tm := nineTeam(t)
	tm.Members = append(tm.Members, roster.Member{Name: "王芳 (Wang Fang)", Zone: "Asia/Shanghai", Phone: "+86 10 1234 5678"})
	s := Build(tm, "", nil, sheetFrom, 1)
	text := pdfText(t, s)
	for _, want := range []string{"?? (Wang Fang)", `they print as "?". The HTML sheet shows them.`, "Ελένη Παπαδοπούλου"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "王芳 (Wang Fang)") {
		t.Errorf("the HTML lacks the name as written")
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Ødegård Łukasz":      "Zoë Ødegård Łukasz",
		"Ελένη Дмитрий":           "Ελένη Дмитрий",
		"Nguyễn Văn An":           "Nguy?n Văn An", // Vietnamese letters with two marks are missing
		"Şükrü Çağlar, Ąžuolas Ė": "Şükrü Çağlar, Ąžuolas Ė",
		"tab\there\x00":           "tab here ",
		"שלום سلام नमस्ते 김 🔥 東京": "???? ???? ?????? ? ? ??",
	} {
		got, _ := printable(in)
		if got != want {
			t.Errorf("printable(%q) = %q; want %q", in, got, want)
		}
	}
}

// A large team, a long protocol and the longest schedule spread over more
// pages, each numbered, with nothing lost.
func TestPDFLargeTeam(t *testing.T) {
	tm := nineTeam(t)
	base := append([]roster.Member(nil), tm.Members...)
	for i := 0; i < 50; i++ {
		m := base[i%len(base)]
		m.Name = fmt.Sprintf("%s %d", m.Name, i)
		tm.Members = append(tm.Members, m)
	}
	protocol := strings.Repeat("Check the dashboards, then page the chain and write down what you did. ", 60)
	s := Build(tm, protocol, testLinks, sheetFrom, 99)
	f, err := renderPDF(s)
	if err != nil {
		t.Fatal(err)
	}
	pages := f.PageCount()
	if pages < 3 {
		t.Errorf("%d pages for 59 members over 12 weeks; want more than 2", pages)
	}
	text := pdfText(t, s)
	for _, want := range []string{"Дмитрий Иванов 48", fmt.Sprintf("Page %d of %d", pages, pages), "12 weeks",
		s.Rotations[2].Shifts[len(s.Rotations[2].Shifts)-1].UTC} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}

func TestEmptyTeam(t *testing.T) {
	s := Build(team.Team{}, "", nil, sheetFrom, 4)
	if err := WritePDF(io.Discard, s); err != nil {
		t.Errorf("WritePDF(empty team) = %v", err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No protocol written yet", "No escalation policy.", "No rotation: nobody is on call."} {
		if !strings.Contains(b.String(), want) && !strings.Contains(strings.Join(s.Warnings, " "), want) {
			t.Errorf("the empty sheet does not say %q", want)
		}
	}
}
