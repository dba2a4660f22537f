package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"dev.remotecto/remotecto/store"
	"dev.remotecto/remotecto/worklog"
)

func openBenchDB(b testing.TB) *store.DB {
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// seedLog writes n entries through the log's API: a third 1:1s (each with an
// action item, most done), the rest updates.
func seedLog(b testing.TB, db *store.DB, n int) {
	members := []string{"Ana", "Dana", "Greta", "Lucas", "Liam", "Priya", "Sagar", "Jack", "Mere"}
	ctx := context.Background()
	start := time.Date(2023, 1, 2, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * 3 * time.Hour)
		m := members[(i/3)%len(members)]
		var err error
		if i%3 == 0 {
			_, err = db.WriteOneOnOne(ctx, worklog.OneOnOne{Member: m, At: at, Notes: fmt.Sprintf("1:1 %d about the roadmap, hiring and the ledger", i),
				Actions: []worklog.ActionItem{{Text: fmt.Sprintf("follow up %d", i), Done: i%90 != 0}}})
		} else {
			_, err = db.AddUpdate(ctx, worklog.Update{Author: m, Kind: worklog.Kinds[i%4], At: at, Text: fmt.Sprintf("update %d on latency and deploys", i), Tags: []string{"t" + fmt.Sprint(i%7)}})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}
