package app

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/store"
)

// BenchmarkOverlapTabBuild builds the Overlap tab on the large data set
// (OVERLAP_BIG_DB: a database made by bench/gendata); it runs at start-up.
func BenchmarkOverlapTabBuild(b *testing.B) {
	path := os.Getenv("OVERLAP_BIG_DB")
	if path == "" {
		b.Skip("set OVERLAP_BIG_DB to a database made by bench/gendata")
	}
	test.NewTempApp(b)
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	w := test.NewTempWindow(b, widget.NewLabel(""))
	s := &session{db: db, win: w, now: time.Now, viewer: time.UTC}
	for b.Loop() {
		newOverlapPlanner(s)
	}
}
