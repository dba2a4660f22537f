// Command ladder measures remotecto on a ladder of data sizes and prints a
// Markdown table: for each rung (members, log entries, years of rota) the
// start to the first drawn frame and the memory after start (against an
// empty Fyne window launched alternately with the app), each tab's first
// opening and the longest stall of the UI thread meanwhile, search as you
// type, and the command line's overlap, on-call, export and search. Next to
// every figure is its growth from the rung before, to read against the
// growth of the data.
//
// It runs the binaries built by scripts/bench.sh, on the X display in
// $DISPLAY (an Xvfb started with -br, nothing else on it).
//
// Usage: ladder -bin DIR -work DIR [-rungs 50:10k:1,200:10k:2,...] [-runs N]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// rung is one data size.
type rung struct {
	members, entries, years int
	name                    string
}

func parseRungs(s string) ([]rung, error) {
	var out []rung
	for _, f := range strings.Split(s, ",") {
		p := strings.Split(strings.TrimSpace(f), ":")
		if len(p) != 3 {
			return nil, fmt.Errorf("rung %q: want MEMBERS:ENTRIES:YEARS, such as 200:10k:2", f)
		}
		var n [3]int
		for i, v := range p {
			mult := 1
			if strings.HasSuffix(v, "k") {
				v, mult = strings.TrimSuffix(v, "k"), 1000
			}
			x, err := strconv.Atoi(v)
			if err != nil || x < 1 {
				return nil, fmt.Errorf("rung %q: %q is not a positive number", f, p[i])
			}
			n[i] = x * mult
		}
		out = append(out, rung{members: n[0], entries: n[1], years: n[2],
			name: fmt.Sprintf("%d m · %dk · %d y", n[0], n[1]/1000, n[2])})
	}
	return out, nil
}

// results maps a metric to its value on each rung (NaN-free: missing is
// absent).
type results map[string]map[int]float64

func (r results) set(metric string, rung int, v float64) {
	if r[metric] == nil {
		r[metric] = map[int]float64{}
	}
	r[metric][rung] = v
}

func main() {
	bin := flag.String("bin", "bin", "directory with remotecto, emptywindow, firstframe, uiprobe, searchtime and gendata")
	work := flag.String("work", "", "scratch directory for the databases")
	rungsFlag := flag.String("rungs", "50:10k:1,200:10k:2,1000:100k:2,2000:200k:2,2000:200k:5", "the rungs, MEMBERS:ENTRIES:YEARS separated by commas")
	runs := flag.Int("runs", 5, "launches (and command runs) per rung; medians are reported")
	flag.Parse()
	rungs, err := parseRungs(*rungsFlag)
	if err != nil || *work == "" {
		fmt.Fprintln(os.Stderr, "ladder:", err, "(usage: ladder -bin DIR -work DIR [-rungs ...] [-runs N])")
		os.Exit(2)
	}
	l := &ladder{bin: *bin, work: *work, runs: *runs, res: results{}}
	for i, r := range rungs {
		fmt.Fprintf(os.Stderr, "== rung %d of %d: %s\n", i+1, len(rungs), r.name)
		if err := l.measure(i, r); err != nil {
			fmt.Fprintln(os.Stderr, "ladder:", err)
			os.Exit(1)
		}
	}
	l.print(os.Stdout, rungs)
}

type ladder struct {
	bin, work string
	runs      int
	res       results
}

func (l *ladder) path(name string) string { return filepath.Join(l.bin, name) }

func (l *ladder) measure(i int, r rung) error {
	db := filepath.Join(l.work, fmt.Sprintf("ladder-%d.db", i))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(db + suffix)
		}
	}()
	t0 := time.Now()
	if out, err := exec.Command(l.path("gendata"), "-db", db, "-members", strconv.Itoa(r.members),
		"-entries", strconv.Itoa(r.entries), "-years", strconv.Itoa(r.years), "-hostile").CombinedOutput(); err != nil {
		return fmt.Errorf("gendata: %v: %s", err, out)
	}
	fmt.Fprintf(os.Stderr, "   data generated in %.1f s\n", time.Since(t0).Seconds())
	l.res.set("members", i, float64(r.members))
	l.res.set("entries", i, float64(r.entries))
	l.res.set("years", i, float64(r.years))

	// Start-up: the app and the empty window launched alternately, so both
	// see the same machine.
	cfg, err := os.MkdirTemp(l.work, "config")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cfg)
	var app, empty [][4]float64
	for k := 0; k < l.runs; k++ {
		e, err := l.firstFrame(cfg, l.path("emptywindow"))
		if err != nil {
			return err
		}
		a, err := l.firstFrame(cfg, l.path("remotecto"), "--db", db)
		if err != nil {
			return err
		}
		empty, app = append(empty, e), append(app, a)
	}
	for k, name := range []string{"drawn", "cpu", "rss", "mapped"} {
		av, ev := medianOf(app, k), medianOf(empty, k)
		l.res.set("start."+name, i, av)
		l.res.set("empty."+name, i, ev)
		l.res.set("ratio."+name, i, av/ev)
	}

	// Inside the window: two passes so every tab is opened once after
	// start-up (the first pass starts on Team, the second on the log).
	for _, start := range []string{"0", "3"} {
		args := []string{"-db", db, "-start", start}
		if start == "0" {
			args = append(args, "-query", "latency", "-query", "word", "-query", strings.Repeat("latency ", 3000))
		}
		lines, err := l.probe(cfg, args...)
		if err != nil {
			return err
		}
		for _, p := range lines {
			if start == "3" && p.name != "tab-team" {
				continue
			}
			l.res.set("ui."+p.name, i, p.ms)
			if p.cpu > 0 {
				l.res.set("ui."+p.name+".cpu", i, p.cpu)
			}
			if p.uiMax > 0 {
				l.res.set("ui."+p.name+".stall", i, p.uiMax)
			}
		}
	}

	// The search inside one process (what the search box waits for).
	out, err := exec.Command(l.path("searchtime"), "-db", db, "-n", "20", "latency", "ledger", "item 4242", "rele", "word",
		strings.TrimSpace(strings.Repeat("latency ", 3000))).CombinedOutput()
	if err != nil {
		return fmt.Errorf("searchtime: %v: %s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 4 && f[0] == "search-median":
			v, _ := strconv.ParseFloat(f[1], 64)
			c, _ := strconv.ParseFloat(f[3], 64)
			l.res.set("search.median", i, v)
			l.res.set("search.median.cpu", i, c)
		case len(f) >= 3 && f[0] == "search":
			v, _ := strconv.ParseFloat(f[2], 64)
			l.res.set("search."+f[1], i, v)
		}
	}

	// The command line.
	ics := filepath.Join(l.work, "all.ics")
	defer os.Remove(ics)
	for _, c := range []struct {
		metric string
		args   []string
	}{
		{"cli.overlap", []string{"overlap"}},
		{"cli.oncall", []string{"oncall", "now"}},
		{"cli.export", []string{"export", "ics", "--all", "-o", ics}},
		{"cli.search", []string{"log", "search", "latency"}},
		{"cli.search-rare", []string{"log", "search", "item", "4242"}},
		{"cli.search-hostile", []string{"log", "search", "word"}},
		{"cli.search-3000", []string{"log", "search", strings.TrimSpace(strings.Repeat("latency ", 3000))}},
	} {
		var wall, cpu []float64
		var out string
		for k := 0; k < l.runs; k++ {
			w, c2, o, err := timed(l.path("remotecto"), append([]string{"--db", db}, c.args...)...)
			if err != nil {
				return fmt.Errorf("%s: %v: %s", strings.Join(c.args, " "), err, o)
			}
			wall, cpu, out = append(wall, w), append(cpu, c2), o
		}
		l.res.set(c.metric, i, median(wall))
		l.res.set(c.metric+".cpu", i, median(cpu))
		if c.metric == "cli.export" {
			if m := regexp.MustCompile(`wrote (\d+) events`).FindStringSubmatch(out); m != nil {
				n, _ := strconv.Atoi(m[1])
				l.res.set("events", i, float64(n))
			}
		}
	}
	return nil
}

// firstFrame launches a program with firstframe: seconds to the first drawn
// frame, processor seconds by then, RSS in MB after settling, seconds to
// the window's mapping.
func (l *ladder) firstFrame(cfg string, cmd ...string) ([4]float64, error) {
	var out []byte
	var err error
	// A launch can fail for reasons of the machine (the X server refusing
	// a GL context under load); it is tried three times.
	for try := 0; try < 3; try++ {
		c := exec.Command(l.path("firstframe"), cmd...)
		c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+cfg)
		if out, err = c.CombinedOutput(); err == nil {
			break
		}
		fmt.Fprintf(os.Stderr, "   launch of %s failed, trying again: %s\n", filepath.Base(cmd[0]), firstLine(string(out)))
		time.Sleep(time.Second)
	}
	if err != nil {
		return [4]float64{}, fmt.Errorf("firstframe %s: %v: %s", cmd[0], err, out)
	}
	f := strings.Fields(string(out))
	get := func(key string) float64 {
		for k := 0; k+1 < len(f); k++ {
			if f[k] == key {
				v, _ := strconv.ParseFloat(f[k+1], 64)
				return v
			}
		}
		return 0
	}
	return [4]float64{get("drawn"), get("cpu"), get("rss") / 1024, get("mapped")}, nil
}

type probeLine struct {
	name           string
	ms, cpu, uiMax float64
	unfinished     bool
}

// probe runs uiprobe and reads its lines.
func (l *ladder) probe(cfg string, args ...string) ([]probeLine, error) {
	var stdout, stderr bytes.Buffer
	var err error
	for try := 0; try < 3; try++ {
		stdout.Reset()
		stderr.Reset()
		c := exec.Command(l.path("uiprobe"), args...)
		c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+cfg)
		c.Stdout, c.Stderr = &stdout, &stderr
		if err = c.Run(); err == nil {
			break
		}
		fmt.Fprintf(os.Stderr, "   uiprobe failed, trying again: %s\n", firstLine(stderr.String()))
		time.Sleep(time.Second)
	}
	if err != nil {
		return nil, fmt.Errorf("uiprobe: %v: %s", err, tail(stderr.String()))
	}
	var out []probeLine
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		p := probeLine{name: f[0]}
		p.ms, _ = strconv.ParseFloat(f[1], 64)
		for k := 2; k+1 < len(f); k++ {
			v, _ := strconv.ParseFloat(f[k+1], 64)
			switch f[k] {
			case "cpu":
				p.cpu = v
			case "ui-max":
				p.uiMax = v
			}
		}
		if strings.HasSuffix(p.name, "-unfinished") {
			p.name = strings.TrimSuffix(p.name, "-unfinished")
			p.ms = -1
		}
		if strings.HasPrefix(p.name, "search-latency*") {
			p.name = "search-paste3000"
		}
		out = append(out, p)
	}
	return out, nil
}

// timed runs a command: wall seconds, processor seconds, its output.
func timed(name string, args ...string) (float64, float64, string, error) {
	c := exec.Command(name, args...)
	var buf bytes.Buffer
	c.Stdout, c.Stderr = &buf, &buf
	t0 := time.Now()
	err := c.Run()
	wall := time.Since(t0).Seconds()
	cpu := 0.0
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	out := buf.String()
	if len(out) > 2000 {
		out = out[:2000]
	}
	return wall, cpu, out, err
}

func medianOf(rows [][4]float64, k int) float64 {
	v := make([]float64, len(rows))
	for i, r := range rows {
		v[i] = r[k]
	}
	return median(v)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-5):], "\n")
}

// row is one line of the table: a metric, how to show it, its target.
type row struct {
	label, metric, unit, target string
	scale                       float64 // value × scale is shown
	noGrowth                    bool    // a ratio or a fixed figure: no growth column
}

func (l *ladder) print(w *os.File, rungs []rung) {
	rows := []row{
		{label: "log entries", metric: "entries", unit: "", noGrowth: false},
		{label: "members", metric: "members"},
		{label: "years of rota", metric: "years"},
		{label: "events in `export ics --all`", metric: "events"},
		{label: "start to first drawn frame", metric: "start.drawn", unit: "s", target: "≤1.15× empty at 200 m; <1.5× the 200 m figure at 2,000 m"},
		{label: "— empty Fyne window, same runs", metric: "empty.drawn", unit: "s"},
		{label: "— ratio to the empty window", metric: "ratio.drawn", unit: "×", noGrowth: true},
		{label: "processor time to first drawn frame", metric: "start.cpu", unit: "s"},
		{label: "— ratio to the empty window", metric: "ratio.cpu", unit: "×", noGrowth: true},
		{label: "memory after start (RSS)", metric: "start.rss", unit: "MB", target: "≤1.15× empty at 200 m"},
		{label: "— empty Fyne window", metric: "empty.rss", unit: "MB"},
		{label: "— ratio to the empty window", metric: "ratio.rss", unit: "×", noGrowth: true},
		{label: "first frame painted (in process)", metric: "ui.first-frame", unit: "ms"},
		{label: "Team tab first open", metric: "ui.tab-team", unit: "ms", target: "<150 ms"},
		{label: "— processor time", metric: "ui.tab-team.cpu", unit: "ms"},
		{label: "— longest UI stall", metric: "ui.tab-team.stall", unit: "ms", target: "<50 ms"},
		{label: "Overlap tab first open", metric: "ui.tab-overlap", unit: "ms", target: "<150 ms"},
		{label: "— processor time", metric: "ui.tab-overlap.cpu", unit: "ms"},
		{label: "— longest UI stall", metric: "ui.tab-overlap.stall", unit: "ms", target: "<50 ms"},
		{label: "On-call tab first open", metric: "ui.tab-on-call", unit: "ms", target: "<150 ms"},
		{label: "— processor time", metric: "ui.tab-on-call.cpu", unit: "ms"},
		{label: "— longest UI stall", metric: "ui.tab-on-call.stall", unit: "ms", target: "<50 ms"},
		{label: "1:1s & updates tab first open", metric: "ui.tab-1:1s", unit: "ms", target: "<150 ms"},
		{label: "— processor time", metric: "ui.tab-1:1s.cpu", unit: "ms"},
		{label: "— longest UI stall", metric: "ui.tab-1:1s.stall", unit: "ms", target: "<50 ms"},
		{label: "idle window: longest UI stall", metric: "ui.idle.stall", unit: "ms", target: "<50 ms"},
		{label: "typing \"latency\": last key to results", metric: "ui.search-latency", unit: "ms"},
		{label: "— longest UI stall while typing", metric: "ui.search-latency.stall", unit: "ms", target: "<50 ms"},
		{label: "typing \"word\" (127 KB entry of it): to results", metric: "ui.search-word", unit: "ms"},
		{label: "— longest UI stall while typing", metric: "ui.search-word.stall", unit: "ms", target: "<50 ms"},
		{label: "pasting \"latency\" × 3,000: to results", metric: "ui.search-paste3000", unit: "ms"},
		{label: "— longest UI stall", metric: "ui.search-paste3000.stall", unit: "ms", target: "<50 ms"},
		{label: "search in process: median of the six below", metric: "search.median", unit: "ms", target: "<50 ms"},
		{label: "— \"latency\" (in ⅔ of entries, typed prefix)", metric: "search.latency", unit: "ms"},
		{label: "— \"ledger\" (in ⅓)", metric: "search.ledger", unit: "ms"},
		{label: "— \"item 4242\" (rare)", metric: "search.item_4242", unit: "ms"},
		{label: "— \"rele\" (prefix of a word in ⅔)", metric: "search.rele", unit: "ms"},
		{label: "— \"word\" (one 127 KB entry of it)", metric: "search.word", unit: "ms"},
		{label: "— \"latency\" × 3,000", metric: "search.latency×3000", unit: "ms"},
		{label: "`overlap` (today, everyone)", metric: "cli.overlap", unit: "s"},
		{label: "`oncall now`", metric: "cli.oncall", unit: "s"},
		{label: "`export ics --all`", metric: "cli.export", unit: "s", target: "linear in events; <1 s at 36,600"},
		{label: "— processor time", metric: "cli.export.cpu", unit: "s"},
		{label: "`log search latency` (in ⅔ of entries)", metric: "cli.search", unit: "s", target: "search <50 ms"},
		{label: "— processor time", metric: "cli.search.cpu", unit: "s"},
		{label: "`log search item 4242` (rare)", metric: "cli.search-rare", unit: "s"},
		{label: "`log search word` (127 KB entry of one word)", metric: "cli.search-hostile", unit: "s"},
		{label: "`log search` \"latency\" × 3,000", metric: "cli.search-3000", unit: "s"},
	}
	fmt.Fprintf(w, "| measure | target |")
	for _, r := range rungs {
		fmt.Fprintf(w, " %s |", r.name)
	}
	fmt.Fprintf(w, "\n|---|---|")
	for range rungs {
		fmt.Fprintf(w, "---|")
	}
	fmt.Fprintln(w)
	for _, rw := range rows {
		vals := l.res[rw.metric]
		if len(vals) == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %s |", rw.label, rw.target)
		for i := range rungs {
			v, ok := vals[i]
			if !ok {
				fmt.Fprintf(w, " — |")
				continue
			}
			cell := format(v, rw.unit)
			if prev, ok := vals[i-1]; i > 0 && ok && prev > 0 && !rw.noGrowth && v > 0 {
				cell += fmt.Sprintf(" (×%s)", trim(v/prev))
			}
			fmt.Fprintf(w, " %s |", cell)
		}
		fmt.Fprintln(w)
	}
}

func format(v float64, unit string) string {
	switch unit {
	case "":
		return strconv.FormatFloat(v, 'f', -1, 64)
	case "×":
		return trim(v) + "×"
	case "ms":
		if v < 0 {
			return "unfinished"
		}
		return strconv.FormatFloat(v, 'f', 0, 64) + " ms"
	case "MB":
		return strconv.FormatFloat(v, 'f', 0, 64) + " MB"
	}
	if v < 0.1 {
		return strconv.FormatFloat(v*1000, 'f', 0, 64) + " ms"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + " " + unit
}

func trim(v float64) string {
	if v >= 10 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
