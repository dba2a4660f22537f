package app

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/timezone"
)

// Geometry of the band view, shared by the header, the rows and the count
// band so that the same instant lines up in all of them.
const (
	bandNameWidth = 150
	bandRowHeight = 34
	bandPadRight  = 14 // room for the list's scroll bar
)

// Colours of the bands.
var (
	colWorking    = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	colAcceptable = color.NRGBA{R: 0x81, G: 0xc7, B: 0x84, A: 0xa0}
	colAway       = color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xc0}
	colTrack      = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x22}
	colWindow     = color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0xff}
	colWindowFill = color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0x30}
	colOnBand     = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colMark       = color.NRGBA{R: 0x42, G: 0xa5, B: 0xf5, A: 0xff}
)

// bandView is what every row draws against: the window, the full-overlap
// windows and the viewer's zone.
type bandView struct {
	win     timezone.Interval
	windows []timezone.Interval
	viewer  *time.Location
	// mark is the meeting picked in Suggest, outlined on every band (empty
	// for none).
	mark timezone.Interval
	// ticks are where the clock labels go (see computeTicks).
	ticks []time.Time
}

// xOf maps an instant to an x position in a band of width w starting at x0.
func (v bandView) xOf(t time.Time, x0, w float32) float32 {
	total := v.win.Duration()
	if total <= 0 {
		return x0
	}
	f := float32(t.Sub(v.win.Start)) / float32(total)
	return x0 + min(max(f, 0), 1)*w
}

// tickStep is the spacing of clock labels: every 3 hours for a day, every
// day (at the viewer's midnight) for a week.
func (v bandView) tickStep() time.Duration {
	if v.win.Duration() > 30*time.Hour {
		return 24 * time.Hour
	}
	return 3 * time.Hour
}

// computeTicks finds the instants of whole viewer hours at tickStep inside
// the window. It walks a 15-minute grid from the window's start, because in
// zones such as Asia/Kolkata or Asia/Kathmandu whole local hours are not whole
// UTC hours.
func (v bandView) computeTicks() []time.Time {
	var out []time.Time
	step := v.tickStep()
	for t := v.win.Start; t.Before(v.win.End); t = t.Add(15 * time.Minute) {
		lt := t.In(v.viewer)
		if lt.Minute() == 0 && time.Duration(lt.Hour())*time.Hour%step == 0 {
			out = append(out, t)
		}
	}
	return out
}

// bandRow draws one member's 24-hour (or 7-day) band in viewer time.
type bandRow struct {
	widget.BaseWidget
	view *bandView
	band timezone.Band
}

func newBandRow(view *bandView) *bandRow {
	r := &bandRow{view: view}
	r.ExtendBaseWidget(r)
	return r
}

func (r *bandRow) MinSize() fyne.Size { return fyne.NewSize(bandNameWidth+200, bandRowHeight) }

func (r *bandRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &bandRowRenderer{row: r, name: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		zone: canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder)), track: canvas.NewRectangle(colTrack)}
	rr.zone.TextSize = theme.CaptionTextSize()
	rr.rebuild()
	return rr
}

type bandRowRenderer struct {
	row        *bandRow
	name, zone *canvas.Text
	track      *canvas.Rectangle
	spans      []*canvas.Rectangle
	spanOf     []timezone.Interval
	labels     []*canvas.Text
	labelAt    []time.Time
	objects    []fyne.CanvasObject
	size       fyne.Size
}

// rebuild makes one rectangle per span and one label per tick; pools are
// reused between refreshes, so a list row costs a few dozen objects.
func (rr *bandRowRenderer) rebuild() {
	b, v := rr.row.band, rr.row.view
	rr.name.Text = fitText(b.Name, bandNameWidth-8, rr.name.TextSize, rr.name.TextStyle)
	rr.name.Color = theme.Color(theme.ColorNameForeground)
	rr.zone.Text = ""
	rr.zone.Color = theme.Color(theme.ColorNamePlaceHolder)
	if b.Loc != nil {
		rr.zone.Text = fitText(timezone.City(zoneName(b.Loc)), bandNameWidth-8, rr.zone.TextSize, rr.zone.TextStyle)
	}
	rr.spanOf = rr.spanOf[:0]
	var cols []color.Color
	var strokes []bool
	add := func(ivs []timezone.Interval, c color.Color, stroke bool) {
		for _, iv := range ivs {
			rr.spanOf = append(rr.spanOf, iv)
			cols = append(cols, c)
			strokes = append(strokes, stroke)
		}
	}
	add(b.Acceptable, colAcceptable, false)
	add(b.Working, colWorking, false)
	add(b.Away, colAway, false)
	add(v.windows, colWindow, true)
	if !v.mark.IsEmpty() {
		add([]timezone.Interval{v.mark}, colMark, true)
	}
	for len(rr.spans) < len(rr.spanOf) {
		rr.spans = append(rr.spans, canvas.NewRectangle(color.Transparent))
	}
	for i := range rr.spanOf {
		s := rr.spans[i]
		if strokes[i] {
			s.FillColor, s.StrokeColor, s.StrokeWidth = color.Transparent, cols[i], 2
			if cols[i] == color.Color(colWindow) {
				s.FillColor = colWindowFill
			}
		} else {
			s.FillColor, s.StrokeColor, s.StrokeWidth = cols[i], color.Transparent, 0
		}
	}
	rr.labelAt = rr.labelAt[:0]
	if b.Loc != nil {
		rr.labelAt = append(rr.labelAt[:0], v.ticks...)
	}
	for len(rr.labels) < len(rr.labelAt) {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize() - 1
		rr.labels = append(rr.labels, t)
	}
	week := v.win.Duration() > 30*time.Hour
	for i, at := range rr.labelAt {
		lt := at.In(b.Loc)
		text := axisLabel(at, b.Loc, formClock)
		if week {
			text = axisLabel(at, b.Loc, formDayClock)
		} else if off := timezone.DateOf(at.In(v.viewer)).DaysUntil(timezone.DateOf(lt)); off != 0 {
			text += " (" + timezone.DayOffsetLabel(off) + ")"
		}
		rr.labels[i].Text = text
		rr.labels[i].Color = theme.Color(theme.ColorNameForeground)
		if rr.inWorking(at) {
			rr.labels[i].Color = colOnBand
		}
	}
	rr.objects = append(rr.objects[:0], rr.track)
	for i := range rr.spanOf {
		rr.objects = append(rr.objects, rr.spans[i])
	}
	for i := range rr.labelAt {
		rr.objects = append(rr.objects, rr.labels[i])
	}
	rr.objects = append(rr.objects, rr.name, rr.zone)
}

func (rr *bandRowRenderer) inWorking(t time.Time) bool {
	for _, iv := range rr.row.band.Working {
		if iv.Contains(t) {
			return true
		}
	}
	return false
}

func (rr *bandRowRenderer) Layout(size fyne.Size) {
	rr.size = size
	x0 := float32(bandNameWidth)
	w := max(size.Width-x0-bandPadRight, 10)
	top, h := float32(3), size.Height-6
	rr.name.Move(fyne.NewPos(4, 2))
	rr.zone.Move(fyne.NewPos(4, size.Height/2+1))
	rr.track.Move(fyne.NewPos(x0, top))
	rr.track.Resize(fyne.NewSize(w, h))
	v := rr.row.view
	for i, iv := range rr.spanOf {
		a, b := v.xOf(iv.Start, x0, w), v.xOf(iv.End, x0, w)
		rr.spans[i].Move(fyne.NewPos(a, top))
		rr.spans[i].Resize(fyne.NewSize(max(b-a, 1), h))
	}
	// A label that would run into the one before it is left out: a narrow
	// band shows every second or third clock rather than a smudge.
	end := float32(-1)
	for i, at := range rr.labelAt {
		l := rr.labels[i]
		x := v.xOf(at, x0, w) + 2
		l.Hidden = x < end+4 || x+l.MinSize().Width > x0+w
		if !l.Hidden {
			end = x + l.MinSize().Width
		}
		l.Move(fyne.NewPos(x, top+h/2-l.MinSize().Height/2))
	}
}

func (rr *bandRowRenderer) MinSize() fyne.Size           { return rr.row.MinSize() }
func (rr *bandRowRenderer) Objects() []fyne.CanvasObject { return rr.objects }
func (rr *bandRowRenderer) Destroy()                     {}
func (rr *bandRowRenderer) Refresh() {
	rr.rebuild()
	rr.Layout(rr.size)
	canvas.Refresh(rr.row)
}

// bandAxis is the header above the bands: the viewer's clock.
type bandAxis struct {
	widget.BaseWidget
	view *bandView
}

func newBandAxis(view *bandView) *bandAxis {
	a := &bandAxis{view: view}
	a.ExtendBaseWidget(a)
	return a
}

func (a *bandAxis) CreateRenderer() fyne.WidgetRenderer {
	r := &axisRenderer{axis: a, title: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.title.TextStyle.Bold = true
	r.rebuild()
	return r
}

type axisRenderer struct {
	axis    *bandAxis
	title   *canvas.Text
	labels  []*canvas.Text
	lines   []*canvas.Line
	at      []time.Time
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *axisRenderer) rebuild() {
	v := r.axis.view
	r.title.Text = ""
	r.title.Color = theme.Color(theme.ColorNameForeground)
	if v.viewer != nil {
		r.title.Text = fitText(zoneName(v.viewer), bandNameWidth-8, r.title.TextSize, r.title.TextStyle)
	}
	r.at = v.ticks
	for len(r.labels) < len(r.at) {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.labels = append(r.labels, t)
		r.lines = append(r.lines, canvas.NewLine(theme.Color(theme.ColorNameSeparator)))
	}
	week := v.win.Duration() > 30*time.Hour
	r.objects = append(r.objects[:0], r.title)
	for i, at := range r.at {
		r.labels[i].Text = axisLabel(at, v.viewer, formClock)
		r.labels[i].Color = theme.Color(theme.ColorNameForeground)
		if week {
			r.labels[i].Text = axisLabel(at, v.viewer, formDay)
		}
		r.objects = append(r.objects, r.labels[i], r.lines[i])
	}
}

func (r *axisRenderer) Layout(size fyne.Size) {
	r.size = size
	x0 := float32(bandNameWidth)
	w := max(size.Width-x0-bandPadRight, 10)
	r.title.Move(fyne.NewPos(4, 2))
	for i, at := range r.at {
		x := r.axis.view.xOf(at, x0, w)
		r.labels[i].Move(fyne.NewPos(x+2, 2))
		r.lines[i].Position1 = fyne.NewPos(x, 2)
		r.lines[i].Position2 = fyne.NewPos(x, size.Height)
	}
}

func (r *axisRenderer) MinSize() fyne.Size {
	return fyne.NewSize(bandNameWidth+200, theme.CaptionTextSize()+10)
}
func (r *axisRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *axisRenderer) Destroy()                     {}
func (r *axisRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.size)
	canvas.Refresh(r.axis)
}

// countBand is the bottom band: how many of the chosen members are available
// in each part of the window, darker for more.
type countBand struct {
	widget.BaseWidget
	view     *bandView
	coverage []timezone.Slot
	total    int
}

func newCountBand(view *bandView) *countBand {
	c := &countBand{view: view}
	c.ExtendBaseWidget(c)
	return c
}

func (c *countBand) CreateRenderer() fyne.WidgetRenderer {
	r := &countRenderer{band: c, title: canvas.NewText("Available", theme.Color(theme.ColorNameForeground))}
	r.title.Color = theme.Color(theme.ColorNameForeground)
	r.title.TextStyle.Bold = true
	r.rebuild()
	return r
}

type countRenderer struct {
	band    *countBand
	title   *canvas.Text
	rects   []*canvas.Rectangle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *countRenderer) rebuild() {
	c := r.band
	r.title.Color = theme.Color(theme.ColorNameForeground)
	for len(r.rects) < len(c.coverage) {
		r.rects = append(r.rects, canvas.NewRectangle(color.Transparent))
		t := canvas.NewText("", colOnBand)
		t.TextSize = theme.CaptionTextSize()
		t.TextStyle.Bold = true
		r.texts = append(r.texts, t)
	}
	r.objects = append(r.objects[:0], r.title)
	for i, s := range c.coverage {
		frac := float64(0)
		if c.total > 0 {
			frac = float64(s.Count()) / float64(c.total)
		}
		fill := colWorking
		fill.A = uint8(30 + frac*225)
		if s.Count() == c.total && c.total > 0 {
			fill = colWindow
		}
		r.rects[i].FillColor = fill
		r.rects[i].StrokeColor = theme.Color(theme.ColorNameBackground)
		r.rects[i].StrokeWidth = 1
		r.texts[i].Text = fmt.Sprint(s.Count())
		r.texts[i].Color = theme.Color(theme.ColorNameForeground)
		if frac > 0.5 {
			r.texts[i].Color = colOnBand
		}
		r.objects = append(r.objects, r.rects[i], r.texts[i])
	}
}

func (r *countRenderer) Layout(size fyne.Size) {
	r.size = size
	x0 := float32(bandNameWidth)
	w := max(size.Width-x0-bandPadRight, 10)
	r.title.Move(fyne.NewPos(4, size.Height/2-r.title.MinSize().Height/2))
	v := r.band.view
	for i, s := range r.band.coverage {
		a, b := v.xOf(s.Start, x0, w), v.xOf(s.End, x0, w)
		r.rects[i].Move(fyne.NewPos(a, 2))
		r.rects[i].Resize(fyne.NewSize(max(b-a, 1), size.Height-4))
		ts := r.texts[i].MinSize()
		r.texts[i].Hidden = b-a < ts.Width+4
		r.texts[i].Move(fyne.NewPos((a+b)/2-ts.Width/2, size.Height/2-ts.Height/2))
	}
}

func (r *countRenderer) MinSize() fyne.Size           { return fyne.NewSize(bandNameWidth+200, bandRowHeight) }
func (r *countRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *countRenderer) Destroy()                     {}
func (r *countRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.size)
	canvas.Refresh(r.band)
}

// fitText shortens s with an ellipsis until it fits in width.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return string(r)
}
