// Command uiprobe opens remotecto's real main window (the GLFW driver, on the
// display in $DISPLAY) on a database and measures, from inside the process,
// what a user feels:
//
//   - first frame: from the start of main until the first frame that holds
//     the window's content has been painted;
//   - tab: for every tab, from the click until its first frame is painted;
//   - search: typing a query into the 1:1s & updates search box one key at a
//     time, from the last key until the results are on screen;
//   - ui: the frame-time probe. A goroutine asks the UI thread to run an
//     empty function every few milliseconds and times the round trip; the
//     longest round trip is the longest time the UI thread was busy (with a
//     paint, a tab build, a search...) and could not react to input.
//
// Usage: uiprobe -db FILE [-start N] [-query Q]... [-cpuprofile FILE]
//
//	uiprobe -empty   (the same probe on an empty Fyne window: the baseline)
//
// It prints one line a measurement: "NAME MILLISECONDS [cpu MS] [ui-max MS
// ui-p99 MS ui-n N]".
package main

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "dev.remotecto/remotecto/internal/localeenv" // same locale handling as the app

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/app"
	"dev.remotecto/remotecto/store"
)

var began = time.Now()

type queries []string

func (q *queries) String() string     { return strings.Join(*q, ",") }
func (q *queries) Set(s string) error { *q = append(*q, s); return nil }

func main() {
	dbPath := flag.String("db", "", "database to open")
	start := flag.Int("start", 0, "the tab open at start (0 Team, 1 Overlap, 2 On-call, 3 1:1s & updates)")
	empty := flag.Bool("empty", false, "probe an empty window instead of the app")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memProfile := flag.String("memprofile", "", "write a heap profile 1.5 s after the first frame to this file")
	startOnly := flag.Bool("start-only", false, "quit after the first frame (and the heap profile)")
	var qs queries
	flag.Var(&qs, "query", "type this into the log search box, one key at a time (repeatable)")
	flag.Parse()
	if *dbPath == "" && !*empty {
		fmt.Fprintln(os.Stderr, "usage: uiprobe -db FILE [-start N] [-query Q]... | uiprobe -empty")
		os.Exit(2)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	a := fyneapp.NewWithID("io.remotecto.uiprobe")
	a.Preferences().SetInt("main.lastTab", *start)
	var w fyne.Window
	var tabs *container.AppTabs
	if *empty {
		w = a.NewWindow("empty")
		w.SetContent(widget.NewLabel(""))
		w.Resize(fyne.NewSize(1180, 760))
	} else {
		db, err := store.Open(*dbPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer db.Close()
		w = app.NewMainWindow(a, db, app.Options{})
		tabs = findTabs(w.Content())
		if tabs == nil {
			fmt.Fprintln(os.Stderr, "uiprobe: no tabs in the main window")
			os.Exit(1)
		}
	}
	p := newPaintProbe()
	w.SetContent(container.NewStack(w.Content(), p))
	go func() {
		defer fyne.Do(a.Quit)
		p.waitFrame(began)
		report("first-frame", time.Since(began), nil, cpuTime())
		if *memProfile != "" {
			// As main does: the garbage of start-up goes back a second in.
			time.Sleep(time.Second)
			debug.FreeOSMemory()
			time.Sleep(500 * time.Millisecond)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Printf("heap-inuse %.1f MB, heap-idle-unreleased %.1f MB, stacks %.1f MB, gc-meta %.1f MB, other %.1f MB\n",
				mb(ms.HeapInuse), mb(ms.HeapIdle-ms.HeapReleased), mb(ms.StackSys), mb(ms.GCSys), mb(ms.OtherSys))
			if f, err := os.Create(*memProfile); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
		if *startOnly {
			return
		}
		ui := startFrameProbe()
		time.Sleep(500 * time.Millisecond)
		report("idle", 0, ui.take(), 0)
		if tabs == nil {
			return
		}
		order := []int{}
		for i := range tabs.Items {
			if i != *start {
				order = append(order, i)
			}
		}
		for _, i := range order {
			t0, c0 := time.Now(), cpuTime()
			fyne.DoAndWait(func() { tabs.SelectIndex(i) })
			p.waitFrame(t0)
			d, c := time.Since(t0), cpuTime()-c0
			time.Sleep(400 * time.Millisecond)
			report("tab-"+tabName(tabs.Items[i].Text), d, ui.take(), c)
		}
		if len(qs) > 0 {
			fyne.DoAndWait(func() { tabs.SelectIndex(len(tabs.Items) - 1) })
			time.Sleep(300 * time.Millisecond)
			ui.take()
			for _, q := range qs {
				c0 := cpuTime()
				d, ok := typeSearch(tabs.Selected().Content, q)
				name := "search-" + label(q)
				if !ok {
					name += "-unfinished"
				}
				report(name, d, ui.take(), cpuTime()-c0)
			}
		}
	}()
	w.ShowAndRun()
}

// label shortens a query to a name without spaces.
func label(q string) string {
	f := strings.Fields(q)
	if len(f) > 2 {
		return fmt.Sprintf("%s*%dwords-%dB", f[0], len(f), len(q))
	}
	return strings.Join(f, "_")
}

// tabName is a tab's title as one lower-case word.
func tabName(s string) string {
	if f := strings.Fields(strings.ToLower(s)); len(f) > 0 {
		return f[0]
	}
	return "untitled"
}

// report prints one measurement: its wall time, with ui the longest
// UI-thread stall and the 99th percentile of the probe's round trips during
// it, and with cpu the processor time the process used meanwhile (all
// threads; unlike the wall clock it hardly depends on what else the machine
// runs).
func report(name string, d time.Duration, ui []time.Duration, cpu time.Duration) {
	line := fmt.Sprintf("%s %.1f", name, ms(d))
	if cpu > 0 {
		line += fmt.Sprintf(" cpu %.1f", ms(cpu))
	}
	if len(ui) > 0 {
		sort.Slice(ui, func(i, j int) bool { return ui[i] < ui[j] })
		line += fmt.Sprintf(" ui-max %.1f ui-p99 %.1f ui-n %d", ms(ui[len(ui)-1]), ms(ui[len(ui)*99/100]), len(ui))
	}
	fmt.Println(line)
}

// cpuTime is the processor time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// typeSearch types q into the search box one key every 120 ms (a fast
// typist; a query of more than 100 bytes is pasted at once) and returns the time from the last key until a label showing the
// result for q is on screen.
func typeSearch(tab fyne.CanvasObject, q string) (time.Duration, bool) {
	var entry searchBox
	fyne.DoAndWait(func() {
		walk(tab, func(o fyne.CanvasObject) bool {
			if e, ok := o.(searchBox); ok && strings.HasPrefix(placeHolder(o), "Search") {
				entry = e
				return true
			}
			return false
		})
		if entry != nil {
			entry.SetText("")
		}
	})
	if entry == nil {
		return 0, false
	}
	time.Sleep(300 * time.Millisecond)
	var last time.Time
	if len(q) > 100 { // a wall of text is pasted, not typed
		fyne.DoAndWait(func() {
			cb := fyne.CurrentApp().Clipboard()
			cb.SetContent(q)
			entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
		})
		last = time.Now()
	}
	for _, r := range q {
		if len(q) > 100 {
			break
		}
		fyne.DoAndWait(func() { entry.TypedRune(r) })
		last = time.Now()
		time.Sleep(120 * time.Millisecond)
	}
	want := fmt.Sprintf("%q", strings.TrimSpace(q))
	if len(q) > 100 {
		want = "left out" // a pasted wall of text is cut
	}
	for time.Since(last) < 120*time.Second {
		found := false
		fyne.DoAndWait(func() {
			walk(tab, func(o fyne.CanvasObject) bool {
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, want) && resultText(l.Text) {
					found = true
				}
				return found
			})
		})
		if found {
			return time.Since(last), true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Since(last), false
}

// searchBox is the log's search entry (a widget.Entry or one built on it).
type searchBox interface {
	fyne.Focusable
	fyne.Shortcutable
	SetText(string)
}

// placeHolder reads the PlaceHolder field of an entry, whatever its type.
func placeHolder(o fyne.CanvasObject) string {
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	if f := v.FieldByName("PlaceHolder"); f.IsValid() && f.Kind() == reflect.String {
		return f.String()
	}
	return ""
}

// resultText reports whether a label is the search's outcome.
func resultText(s string) bool {
	return strings.Contains(s, "matches") || strings.Contains(s, "Nothing matches") || strings.Contains(s, "match")
}

// walk visits o and what it is drawn with until visit returns true.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return false
	}
	if visit(o) {
		return true
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if walk(c, visit) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if walk(c, visit) {
				return true
			}
		}
	}
	return false
}

// paintProbe is an invisible widget laid over the window's content: the
// painter asks for its objects on every frame, after the content's, so the
// time of that call is when a frame was painted.
type paintProbe struct {
	widget.BaseWidget
	mu   sync.Mutex
	last time.Time
}

func newPaintProbe() *paintProbe {
	p := &paintProbe{}
	p.ExtendBaseWidget(p)
	return p
}

func (p *paintProbe) CreateRenderer() fyne.WidgetRenderer { return &probeRenderer{p: p} }

// waitFrame waits until a frame that began after t has been painted: a
// paint seen after t, then one round trip through the UI thread's queue,
// which runs only once that frame is finished.
func (p *paintProbe) waitFrame(t time.Time) {
	for {
		p.mu.Lock()
		seen := p.last.After(t)
		p.mu.Unlock()
		if seen {
			fyne.DoAndWait(func() {})
			return
		}
		time.Sleep(time.Millisecond)
	}
}

type probeRenderer struct{ p *paintProbe }

func (r *probeRenderer) Destroy()                     {}
func (r *probeRenderer) Layout(fyne.Size)             {}
func (r *probeRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *probeRenderer) Refresh()                     {}
func (r *probeRenderer) Objects() []fyne.CanvasObject { r.p.seen(); return nil }

func (p *paintProbe) seen() {
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
}

// frameProbe times round trips through the UI thread.
type frameProbe struct {
	mu    sync.Mutex
	trips []time.Duration
}

func startFrameProbe() *frameProbe {
	f := &frameProbe{}
	go func() {
		for {
			t := time.Now()
			fyne.DoAndWait(func() {})
			d := time.Since(t)
			f.mu.Lock()
			f.trips = append(f.trips, d)
			f.mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return f
}

// take returns the round trips since the last take.
func (f *frameProbe) take() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.trips
	f.trips = nil
	return out
}

// findTabs finds the main window's tabs under the bars around them.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	switch v := o.(type) {
	case *container.AppTabs:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if t := findTabs(c); t != nil {
				return t
			}
		}
	}
	return nil
}
