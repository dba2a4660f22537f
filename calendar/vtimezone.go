package calendar

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// transition is one change of a zone's offset (or of its DST flag or name).
type transition struct {
	at       time.Time // the instant of the change
	from, to int       // UTC offsets in seconds before and after
	dst      bool      // the period after the change is daylight time
	name     string    // abbreviation after the change, e.g. "CEST"
}

// local is the wall time at which the change happens, read with the offset
// in force before it (RFC 5545 section 3.6.5: DTSTART of an observance).
func (tr transition) local() time.Time {
	return tr.at.UTC().Add(time.Duration(tr.from) * time.Second)
}

func makeTransition(loc *time.Location, at time.Time) transition {
	_, from := at.Add(-time.Second).In(loc).Zone()
	after := at.In(loc)
	name, to := after.Zone()
	return transition{at: at, from: from, to: to, dst: after.IsDST(), name: name}
}

// zoneTransitions returns the change in force at from (if the zone had one)
// followed by every change up to to, walking Go's tz data with ZoneBounds.
func zoneTransitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	start, end := from.In(loc).ZoneBounds()
	if !start.IsZero() {
		out = append(out, makeTransition(loc, start))
	}
	for !end.IsZero() && end.Before(to) {
		out = append(out, makeTransition(loc, end))
		_, next := end.In(loc).ZoneBounds()
		if !next.After(end) {
			break
		}
		end = next
	}
	return out
}

// observance is one STANDARD or DAYLIGHT component of a VTIMEZONE.
type observance struct {
	first transition
	rrule string      // yearly rule, or ""
	rdate []time.Time // further onsets (local wall times) when there is no rule
}

// yearlyKey groups changes that may recur every year under one rule.
type yearlyKey struct {
	dst            bool
	from, to       int
	name           string
	month          time.Month
	weekday        time.Weekday
	hour, min, sec int
}

func keyOf(tr transition) yearlyKey {
	l := tr.local()
	return yearlyKey{tr.dst, tr.from, tr.to, tr.name, l.Month(), l.Weekday(), l.Hour(), l.Minute(), l.Second()}
}

// byDay finds the BYDAY (and, failing that, BYMONTHDAY) rule that yields
// exactly the given days (same month and weekday, consecutive years).
func byDay(days []time.Time) (string, bool) {
	wd := strings.ToUpper(days[0].Weekday().String()[:2])
	allLast, nth := true, (days[0].Day()-1)/7+1
	lo, hi := days[0].Day(), days[0].Day()
	for _, d := range days {
		dim := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day()+7 <= dim {
			allLast = false
		}
		if (d.Day()-1)/7+1 != nth {
			nth = 0
		}
		lo, hi = min(lo, d.Day()), max(hi, d.Day())
	}
	switch {
	case allLast:
		return "BYDAY=-1" + wd, true
	case nth > 0 && nth <= 4:
		return "BYDAY=" + strconv.Itoa(nth) + wd, true
	case hi-lo <= 6 && lo+6 <= 28:
		md := make([]string, 7)
		for i := range md {
			md[i] = strconv.Itoa(lo + i)
		}
		return "BYDAY=" + wd + ";BYMONTHDAY=" + strings.Join(md, ","), true
	}
	return "", false
}

// observances turns a zone's changes into VTIMEZONE observances: runs of
// changes that repeat every year by one rule become a yearly RRULE (open
// ended when the run reaches the last year walked), the others are listed
// as DTSTART plus RDATEs.
func observances(trs []transition, lastYear int) []observance {
	byKey := map[yearlyKey][]transition{}
	var keys []yearlyKey
	for _, tr := range trs {
		k := keyOf(tr)
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], tr)
	}
	var out []observance
	type single struct {
		dst      bool
		from, to int
		name     string
	}
	singles := map[single]int{} // index into out
	for _, k := range keys {
		list := byKey[k]
		for i := 0; i < len(list); {
			j := i + 1
			var rule string
			for j < len(list) && list[j].local().Year() == list[j-1].local().Year()+1 {
				days := make([]time.Time, 0, j-i+1)
				for _, tr := range list[i : j+1] {
					days = append(days, tr.local())
				}
				r, ok := byDay(days)
				if !ok {
					break
				}
				rule = r
				j++
			}
			if j-i >= 2 {
				r := "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(k.month)) + ";" + rule
				if last := list[j-1]; last.local().Year() < lastYear {
					r += ";UNTIL=" + last.at.UTC().Format(utcLayout)
				}
				out = append(out, observance{first: list[i], rrule: r})
			} else {
				tr := list[i]
				s := single{tr.dst, tr.from, tr.to, tr.name}
				if n, ok := singles[s]; ok {
					out[n].rdate = append(out[n].rdate, tr.local())
				} else {
					singles[s] = len(out)
					out = append(out, observance{first: tr})
				}
			}
			i = j
		}
	}
	for _, o := range out {
		sort.Slice(o.rdate, func(a, b int) bool { return o.rdate[a].Before(o.rdate[b]) })
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].first.at.Before(out[b].first.at) })
	return out
}

// writeVTimezone writes the VTIMEZONE of loc covering the years firstYear
// to lastYear.
func writeVTimezone(lw *lineWriter, loc *time.Location, firstYear, lastYear int) {
	lw.line("BEGIN:VTIMEZONE")
	lw.prop("TZID", "", loc.String())
	from := time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC).Add(-14 * time.Hour)
	to := time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Add(14 * time.Hour)
	trs := zoneTransitions(loc, from, to)
	if len(trs) == 0 {
		name, off := from.In(loc).Zone()
		trs = []transition{{at: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(off) * time.Second),
			from: off, to: off, name: name}}
	}
	// tzdata marks Ireland's winter as negative daylight time; clients
	// expect the summer offset to be the DAYLIGHT one.
	negative := false
	for _, tr := range trs {
		negative = negative || (tr.dst && tr.to < tr.from)
	}
	for _, o := range observances(trs, lastYear) {
		kind := "STANDARD"
		if o.first.dst != negative {
			kind = "DAYLIGHT"
		}
		lw.line("BEGIN:" + kind)
		lw.prop("DTSTART", "", o.first.local().Format(localLayout))
		if o.rrule != "" {
			lw.prop("RRULE", "", o.rrule)
		}
		if len(o.rdate) > 0 {
			ds := make([]string, len(o.rdate))
			for i, d := range o.rdate {
				ds[i] = d.Format(localLayout)
			}
			lw.prop("RDATE", "", strings.Join(ds, ","))
		}
		lw.prop("TZOFFSETFROM", "", formatOffset(o.first.from))
		lw.prop("TZOFFSETTO", "", formatOffset(o.first.to))
		if o.first.name != "" {
			lw.prop("TZNAME", "", escapeText(o.first.name))
		}
		lw.line("END:" + kind)
	}
	lw.line("END:VTIMEZONE")
}

// formatOffset writes a UTC offset as RFC 5545 section 3.3.14 wants it:
// +hhmm, or +hhmmss when there are seconds.
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
