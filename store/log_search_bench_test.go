package store

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSearchBig searches the large data set named by REMOTECTO_BIG_DB
// (made by bench/gendata, with -hostile for the one-word update): a word in
// two thirds of all entries, a word in a third, a rare pair, a prefix as
// typed, the word the hostile update repeats, and a query of one word
// repeated 3,000 times.
func BenchmarkSearchBig(b *testing.B) {
	path := os.Getenv("REMOTECTO_BIG_DB")
	if path == "" {
		b.Skip("set REMOTECTO_BIG_DB to a database made by bench/gendata (scripts/bench.sh does)")
	}
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, q := range []string{"latency", "ledger", "item 4242", "rele", "word", strings.Repeat("latency ", 3000)} {
		name := strings.ReplaceAll(q, " ", "_")
		if len(q) > 20 {
			name = "latency_x3000"
		}
		b.Run(name, func(b *testing.B) {
			c0, n := cpuTime(), 0
			for b.Loop() {
				if _, err := db.SearchLog(ctx, q, 100); err != nil {
					b.Fatal(err)
				}
				n++
			}
			// Processor time: unlike the wall clock it hardly depends on
			// what else the machine runs.
			b.ReportMetric(float64(cpuTime()-c0)/float64(n)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the processor time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
