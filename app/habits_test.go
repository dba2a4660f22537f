package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Habits that keep the window consistent, checked on the source of the
// package (its non-test files):
//   - one function formats an instant for display (timefmt.go), and it names
//     the zone: no other file formats a time or prints a zone's raw name;
//   - one save dialog and one open dialog (export.go), so every export
//     suggests a safe name, remembers the folder and says where it saved;
//   - every dialog goes through the session (dialogs.go), so Escape and
//     Enter work in all of them;
//   - counts go through plural: no "(s)".
func TestSourceHabits(t *testing.T) {
	stringLiteral := regexp.MustCompile(`"(\\.|[^"\\])*"`)
	rules := []struct {
		what    string
		re      *regexp.Regexp
		allowed string // the one file where it belongs
		text    bool   // look in string literals only
	}{
		{"formats a time", regexp.MustCompile(`\.Format\(`), "timefmt.go", false},
		{"prints a zone's raw name (\"Local\")", regexp.MustCompile(`(?i)(viewer|loc|zone)\)?\.String\(\)`), "timefmt.go", false},
		{"opens a file dialog", regexp.MustCompile(`dialog\.(NewFileSave|NewFileOpen|ShowFileSave|ShowFileOpen|NewFolderOpen)`), "export.go", false},
		{"suggests a file name", regexp.MustCompile(`\.SetFileName\(`), "export.go", false},
		{"shows a dialog outside the session", regexp.MustCompile(`dialog\.Show[A-Z]`), "dialogs.go", false},
		{"writes a plural as (s)", regexp.MustCompile(`[a-z]\(s\)`), "", true},
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			code := strings.TrimSpace(line)
			if strings.HasPrefix(code, "//") {
				continue
			}
			literals := strings.Join(stringLiteral.FindAllString(code, -1), " ")
			for _, r := range rules {
				in := code
				if r.text {
					in = literals
				}
				if r.re.MatchString(in) && f != r.allowed {
					t.Errorf("%s:%d %s (only %s may): %s", f, i+1, r.what, orDash(r.allowed), code)
				}
			}
		}
	}
}
