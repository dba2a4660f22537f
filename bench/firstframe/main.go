// Command firstframe starts a GUI program on the X display in $DISPLAY and
// reports when its window first showed something, judged by the pixels:
// once the window is mapped it polls a screenshot of it (xwd) and decodes it
// until part of it is no longer black, the colour of a window that is mapped
// but not drawn yet. The screen must be black before the launch (an Xvfb
// root with -br and no other window). It then waits
// for the program to settle, reads its resident memory and ends it.
//
// Usage: firstframe [-settle 1.5s] [-timeout 60s] COMMAND [ARG...]
//
// It prints one line: "mapped SECONDS drawn SECONDS cpu SECONDS rss KB
// colours N", the seconds counted from the launch; mapped is when the window
// existed (as xwininfo lists it), drawn when its pixels did, cpu the
// processor time the program had used by then.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func main() {
	settle := flag.Duration("settle", 1500*time.Millisecond, "time to wait after the first drawn frame before reading memory")
	timeout := flag.Duration("timeout", 60*time.Second, "give up when nothing is drawn by then")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstframe [-settle D] [-timeout D] COMMAND [ARG...]")
		os.Exit(2)
	}
	if err := run(flag.Args(), *settle, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "firstframe:", err)
		os.Exit(1)
	}
}

// named matches a top-level window with a name in xwininfo's listing.
var named = regexp.MustCompile(`(?m)^ +(0x[0-9a-f]+) "[^"]+"`)

func run(args []string, settle, timeout time.Duration) error {
	if s, err := capture("-root"); err != nil {
		return err
	} else if s.drawn() {
		return errors.New("the screen is not black before the launch: start Xvfb with -br and close other windows")
	}
	cmd := exec.Command(args[0], args[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
		waitUnmapped()
	}()
	var mapped, drawn time.Duration
	var shot screen
	win := ""
	var cpu float64
	for {
		select {
		case err := <-exited:
			exited <- err
			return fmt.Errorf("%s ended by itself (%v): %s", args[0], err, tail(out.String()))
		default:
		}
		now := time.Since(start)
		if now > timeout {
			return fmt.Errorf("nothing drawn after %v", timeout)
		}
		if win == "" {
			if b, err := exec.Command("xwininfo", "-root", "-children").Output(); err == nil {
				if m := named.FindSubmatch(b); m != nil {
					mapped, win = now, string(m[1])
				}
			}
		}
		if win != "" {
			s, err := capture("-id", win)
			if err == nil && s.drawn() {
				drawn, shot = time.Since(start), s
				cpu, _ = cpuSeconds(cmd.Process.Pid)
				break
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(settle)
	rss, err := residentKB(cmd.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("mapped %.3f drawn %.3f cpu %.3f rss %d colours %d\n", mapped.Seconds(), drawn.Seconds(), cpu, rss, shot.colours)
	return nil
}

// screen is what a screenshot shows, one pixel in 16 (every fourth of every
// fourth row) counted: how many are not black and how many colours there
// are (up to 256).
type screen struct {
	pixels, lit, colours int
}

// drawn reports whether at least 1% of the screen is lit.
func (s screen) drawn() bool { return s.lit*100 >= s.pixels }

// capture takes a screenshot with xwd ("-root", or "-id" and a window) and
// decodes it.
func capture(which ...string) (screen, error) {
	b, err := exec.Command("xwd", append(which, "-silent")...).Output()
	if err != nil {
		return screen{}, fmt.Errorf("xwd: %w", err)
	}
	return decodeXWD(b)
}

// decodeXWD reads an XWD image of 24 or 32 bits a pixel (a TrueColor
// screen, as Xvfb's default is): its header is big-endian, the pixels are
// in the byte order the header names.
func decodeXWD(b []byte) (screen, error) {
	if len(b) < 100 {
		return screen{}, errors.New("xwd: short image")
	}
	h := func(i int) int { return int(binary.BigEndian.Uint32(b[i*4:])) }
	headerSize, width, height := h(0), h(4), h(5)
	byteOrder, bpp, stride, ncolors := h(7), h(11), h(12), h(19)
	if bpp != 32 && bpp != 24 {
		return screen{}, fmt.Errorf("xwd: %d bits a pixel, want 24 or 32", bpp)
	}
	data := headerSize + ncolors*12
	if data+height*stride > len(b) {
		return screen{}, errors.New("xwd: image shorter than its header says")
	}
	var s screen
	seen := map[uint32]bool{}
	step := bpp / 8
	for y := 0; y < height; y += 4 {
		row := b[data+y*stride:]
		for x := 0; x < width; x += 4 {
			s.pixels++
			p := row[x*step : x*step+step]
			var v uint32
			if byteOrder == 0 { // LSBFirst
				v = uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16
			} else {
				v = uint32(p[step-1]) | uint32(p[step-2])<<8 | uint32(p[step-3])<<16
			}
			if v != 0 {
				s.lit++
			}
			if len(seen) < 256 && !seen[v] {
				seen[v] = true
			}
		}
	}
	s.colours = len(seen)
	return s, nil
}

// waitUnmapped waits (up to 5 s) until no named window is left, so the next
// launch starts from a black screen.
func waitUnmapped() {
	for i := 0; i < 100; i++ {
		b, err := exec.Command("xwininfo", "-root", "-children").Output()
		if err != nil || !named.Match(b) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// cpuSeconds is the processor time the process has used so far (user and
// system, all threads): unlike the wall clock it hardly depends on what else
// the machine is running.
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return float64(utime+stime) / clockTicks, nil
}

// clockTicks is USER_HZ, 100 on every Linux this runs on.
const clockTicks = 100

func residentKB(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			return strconv.Atoi(f[1])
		}
	}
	return 0, errors.New("no VmRSS")
}

// tail is the first lines of an output (where a panic says what went
// wrong) and its last ones.
func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) <= 8 {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:3], "\n") + "\n…\n" + strings.Join(lines[len(lines)-5:], "\n")
}
