package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// bigDB copies the large data set named by REMOTECTO_BIG_DB (made by
// bench/gendata) into a temporary directory, so a benchmark may write to it.
func bigDB(b *testing.B) string {
	src := os.Getenv("REMOTECTO_BIG_DB")
	if src == "" {
		b.Skip("set REMOTECTO_BIG_DB to a database made by bench/gendata (scripts/bench.sh does)")
	}
	dst := filepath.Join(b.TempDir(), "big.db")
	in, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(dst, in, 0o600); err != nil {
		b.Fatal(err)
	}
	return dst
}

// benchCommand runs one command line against the large data set.
func benchCommand(b *testing.B, args ...string) {
	db := bigDB(b)
	env := DefaultEnv()
	env.Stdout, env.Stderr = io.Discard, io.Discard
	full := append([]string{"--db", db}, args...)
	for b.Loop() {
		if code := Run(full, env); code != 0 {
			b.Fatalf("%v: exit %d", args, code)
		}
	}
}

// BenchmarkExportAll is `export ics --all` (a year of every rotation's
// shifts, the 1:1 cadences and the saved meetings) to a file.
func BenchmarkExportAll(b *testing.B) {
	out := filepath.Join(b.TempDir(), "all.ics")
	benchCommand(b, "export", "ics", "--all", "-o", out)
}
