package app

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/store"
)

// bigSession opens the large data set named by REMOTECTO_BIG_DB (a database
// made by bench/gendata, as scripts/bench.sh does) in a test window.
func bigSession(b *testing.B) *session {
	path := os.Getenv("REMOTECTO_BIG_DB")
	if path == "" {
		b.Skip("set REMOTECTO_BIG_DB to a database made by bench/gendata (scripts/bench.sh does)")
	}
	test.NewTempApp(b)
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	w := test.NewTempWindow(b, widget.NewLabel(""))
	return &session{db: db, win: w, now: time.Now, viewer: time.UTC}
}

// BenchmarkTeamTabBuild builds the Team tab on the large data set.
func BenchmarkTeamTabBuild(b *testing.B) {
	s := bigSession(b)
	for b.Loop() {
		buildTeamTab(s)
	}
}

// BenchmarkOncallTabBuild builds the On-call tab on the large data set.
func BenchmarkOncallTabBuild(b *testing.B) {
	s := bigSession(b)
	for b.Loop() {
		newOncallTab(s, s.db)
	}
}

// BenchmarkOverlapTabBuild builds the Overlap planner on the large data set.
func BenchmarkOverlapTabBuild(b *testing.B) {
	s := bigSession(b)
	for b.Loop() {
		newOverlapPlanner(s)
	}
}

// BenchmarkLogTabBuild builds the 1:1s & updates tab on the large data set.
func BenchmarkLogTabBuild(b *testing.B) {
	s := bigSession(b)
	for b.Loop() {
		buildLogTab(s)
	}
}

// BenchmarkOverlapTabShow builds the Overlap planner on the large data set
// and lays it out in a window, as its first opening does (the test driver
// paints nothing: the rest of the opening is the real window's painting).
func BenchmarkOverlapTabShow(b *testing.B) {
	s := bigSession(b)
	for b.Loop() {
		t := newOverlapPlanner(s)
		s.win.SetContent(t.body)
		s.win.Resize(fyne.NewSize(1180, 760))
		s.win.Canvas().Refresh(t.body)
	}
}
