// Command searchtime times the log search inside one process, without the
// command line's start-up: each query runs -n times after one warm-up run,
// and the median wall and processor time of each is printed, then the
// median over the queries.
//
// Usage: searchtime -db FILE [-n 20] QUERY...
//
// It prints one line a query, "search QUERY-LABEL MS cpu MS hits N", and
// "search-median MS cpu MS".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"

	"dev.remotecto/remotecto/store"
)

func main() {
	dbPath := flag.String("db", "", "database to search")
	n := flag.Int("n", 20, "runs of each query")
	flag.Parse()
	if *dbPath == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: searchtime -db FILE [-n N] QUERY...")
		os.Exit(2)
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	ctx := context.Background()
	var walls, cpus []float64
	for _, q := range flag.Args() {
		res, err := db.SearchLogResult(ctx, q, 100) // warm-up: pages into the cache
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var w, c []float64
		for i := 0; i < *n; i++ {
			t0, c0 := time.Now(), cpuTime()
			if _, err := db.SearchLogResult(ctx, q, 100); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			w = append(w, ms(time.Since(t0)))
			c = append(c, ms(cpuTime()-c0))
		}
		fmt.Printf("search %s %.1f cpu %.1f hits %d\n", label(q), median(w), median(c), len(res.Hits))
		walls, cpus = append(walls, median(w)), append(cpus, median(c))
	}
	fmt.Printf("search-median %.1f cpu %.1f\n", median(walls), median(cpus))
}

func label(q string) string {
	f := strings.Fields(q)
	if len(f) > 3 {
		return fmt.Sprintf("%s×%d", f[0], len(f))
	}
	return strings.Join(f, "_")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
