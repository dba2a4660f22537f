package layering

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "dev.remotecto/remotecto/"

// rule forbids a package (and everything it imports, transitively within
// the module) from importing any of the listed paths or path prefixes.
type rule struct {
	pkg    string
	forbid []string
}

var domain = []string{"timezone", "oncall", "roster", "worklog", "team", "calendar", "validation", "reminders", "alert", "sheet", "protocol", "share"}

func rules() []rule {
	out := []rule{
		{"store", []string{module + "calendar", module + "teamfile", module + "calfeed", module + "app", module + "cli", "fyne.io/"}},
		{"calfeed", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
		{"teamfile", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
		{"internal/desktopentry", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
		{"dav", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
		{"publish", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
		{"follow", []string{module + "store", module + "app", module + "cli", "fyne.io/", "database/sql"}},
	}
	for _, d := range domain {
		out = append(out, rule{d, []string{"fyne.io/", "database/sql", module + "store", module + "app", module + "cli"}})
	}
	return out
}

// imports maps each package of the module (relative path) to the paths its
// non-test files import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string][]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			pkgs[rel] = append(pkgs[rel], p)
		}
		if _, ok := pkgs[rel]; !ok {
			pkgs[rel] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// closure returns every import reached from pkg, with the chain that
// reaches it.
func closure(pkgs map[string][]string, pkg string) map[string]string {
	seen := map[string]string{}
	var walk func(p, via string)
	walk = func(p, via string) {
		for _, imp := range pkgs[p] {
			if _, ok := seen[imp]; ok {
				continue
			}
			chain := via + " -> " + imp
			seen[imp] = chain
			if rel, ok := strings.CutPrefix(imp, module); ok {
				walk(rel, via+" -> "+rel)
			}
		}
	}
	walk(pkg, pkg)
	return seen
}

func TestImportDirection(t *testing.T) {
	pkgs := imports(t)
	for _, r := range rules() {
		if _, ok := pkgs[r.pkg]; !ok {
			continue // a package that does not exist yet imports nothing
		}
		reached := closure(pkgs, r.pkg)
		var bad []string
		for imp, chain := range reached {
			for _, f := range r.forbid {
				if imp == f || strings.HasPrefix(imp, f) || strings.HasPrefix(imp, f+"/") {
					bad = append(bad, chain)
				}
			}
		}
		sort.Strings(bad)
		for _, b := range bad {
			t.Errorf("%s must not import that: %s", r.pkg, b)
		}
	}
}

func TestTimezoneUsesTheStandardLibraryOnly(t *testing.T) {
	for _, imp := range imports(t)["timezone"] {
		// termsafe, which quotes values in messages, is itself standard
		// library only.
		if imp == module+"internal/termsafe" {
			continue
		}
		if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
			t.Errorf("timezone imports %s; it depends on the standard library only", imp)
		}
	}
}

func TestTermsafeUsesTheStandardLibraryOnly(t *testing.T) {
	for _, pkg := range []string{"internal/termsafe", "internal/atomicfile"} {
		for _, imp := range imports(t)[pkg] {
			if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				t.Errorf("%s imports %s; it depends on the standard library only", pkg, imp)
			}
		}
	}
}

func TestNothingImportsTheGUI(t *testing.T) {
	for pkg, imps := range imports(t) {
		if pkg == "." || strings.HasPrefix(pkg, "bench") {
			continue
		}
		for _, imp := range imps {
			if imp == module+"app" {
				t.Errorf("%s imports the GUI package app; only main does", pkg)
			}
		}
	}
}

func TestTheRulesSeeThePackages(t *testing.T) {
	pkgs := imports(t)
	for _, p := range []string{"store", "timezone", "oncall", "app"} {
		if _, ok := pkgs[p]; !ok {
			t.Errorf("package %s not found: the walk is looking in the wrong place", p)
		}
	}
}
