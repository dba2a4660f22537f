package app

import (
	"image/color"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// oncallTimelineView shows the coming weeks, one row per rotation, with a
// last row for gaps of the whole team. Only the visible window is computed
// and drawn; the arrows (or dragging) move it, and a click on a shift shows
// its details.
type oncallTimelineView struct {
	t       *oncallTab
	line    *shiftTimeline
	span    *widget.Select
	label   *widget.Label
	content fyne.CanvasObject
	// details is the shift dialog shown last (tests read it).
	details dialog.Dialog
}

var timelineSpans = map[string]int{"1 week": 7, "2 weeks": 14, "4 weeks": 28, "8 weeks": 56}

func newOncallTimelineView(t *oncallTab) *oncallTimelineView {
	v := &oncallTimelineView{t: t, line: newShiftTimeline(t.s.viewer), label: widget.NewLabel("")}
	v.label.Truncation = fyne.TextTruncateEllipsis
	v.line.onMoved = v.showRange
	v.line.onShift = v.showShift
	v.span = widget.NewSelect([]string{"1 week", "2 weeks", "4 weeks", "8 weeks"}, func(s string) {
		v.line.days = timelineSpans[s]
		v.line.Refresh()
		v.showRange()
	})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { v.move(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { v.move(1) })
	today := widget.NewButton("Today", func() {
		v.line.start = startOfDay(v.t.s.now(), v.t.s.viewer)
		v.line.Refresh()
		v.showRange()
	})
	v.line.start = startOfDay(t.s.now(), t.s.viewer)
	v.span.SetSelected("2 weeks")
	legend := widget.NewLabel("Shifts in colour per member (⇄ = override); click one for its details. " +
		"Red: nobody on call. Grey: outside a rotation's coverage window, where nobody is meant to be. Drag to scroll.")
	legend.Wrapping = fyne.TextWrapWord
	legend.Importance = widget.LowImportance
	bar := container.NewBorder(nil, nil, container.NewHBox(prev, today, next, v.span), nil, v.label)
	v.content = container.NewBorder(container.NewVBox(bar, legend), nil, nil, nil, container.NewVScroll(v.line))
	return v
}

func startOfDay(t time.Time, loc *time.Location) time.Time {
	return timezone.DateOf(t.In(loc)).Midnight(loc)
}

// move scrolls by half the visible span.
func (v *oncallTimelineView) move(dir int) {
	d := v.line.days / 2
	if d < 1 {
		d = 1
	}
	v.line.start = startOfDay(v.line.start.Add(time.Duration(dir*d)*24*time.Hour+12*time.Hour), v.t.s.viewer)
	v.line.Refresh()
	v.showRange()
}

func (v *oncallTimelineView) showRange() {
	end := v.line.start.Add(time.Duration(v.line.days) * 24 * time.Hour)
	v.label.SetText(showSpan(v.line.start, end.Add(-time.Minute), v.t.s.viewer, formDate))
}

func (v *oncallTimelineView) refresh() {
	v.line.rotations = v.t.rotations
	v.line.members = v.t.memberNames()
	v.line.now = v.t.s.now()
	v.line.loc = v.t.s.viewer
	v.line.Refresh()
	v.showRange()
}

// showShift shows one shift: who, when in the viewer's time and in theirs,
// and how to reach them.
func (v *oncallTimelineView) showShift(sh oncall.Shift) {
	t := v.t
	box := container.NewVBox()
	what := "Shift"
	if sh.Override {
		what = "Override"
	}
	box.Add(wrapped(what + " in " + sh.Rotation))
	box.Add(wrapped(showSpan(sh.Start, sh.End, t.s.viewer, formDayTime) + "  (" + spanText(sh.End.Sub(sh.Start)) + ")"))
	if m, ok := t.member(sh.Member); ok {
		if loc, err := m.Location(); err == nil && zoneName(loc) != zoneName(t.s.viewer) {
			box.Add(wrapped("For " + sh.Member + ": " + showSpan(sh.Start, sh.End, loc, formDayTime)))
		}
		box.Add(contactsBlock(t.s, m))
	}
	d := dialog.NewCustom(sh.Member+" on call", "Close", box, t.s.win)
	d.Resize(t.s.dialogSize(520, 320))
	v.details = d
	t.s.show(d, d.Dismiss)
}

// shiftTimeline draws shifts as coloured blocks on a time axis.
type shiftTimeline struct {
	widget.BaseWidget
	rotations []oncall.Rotation
	members   []string // for stable colours
	loc       *time.Location
	start     time.Time
	days      int
	now       time.Time
	onMoved   func()
	// onShift receives the shift under a click.
	onShift func(oncall.Shift)
	dragged float32
}

func newShiftTimeline(loc *time.Location) *shiftTimeline {
	l := &shiftTimeline{loc: loc, days: 28}
	l.ExtendBaseWidget(l)
	return l
}

// Dragged scrolls the window by whole hours as the pointer moves.
func (l *shiftTimeline) Dragged(e *fyne.DragEvent) {
	w := l.Size().Width - timelineLabelWidth
	if w <= 0 {
		return
	}
	l.dragged += e.Dragged.DX
	hours := int(-l.dragged / w * float32(l.days*24))
	if hours != 0 {
		l.start = l.start.Add(time.Duration(hours) * time.Hour)
		l.dragged = 0
		l.Refresh()
		if l.onMoved != nil {
			l.onMoved()
		}
	}
}

// DragEnd snaps the window to the start of a day.
func (l *shiftTimeline) DragEnd() {
	l.start = startOfDay(l.start.Add(12*time.Hour), l.loc)
	l.dragged = 0
	l.Refresh()
	if l.onMoved != nil {
		l.onMoved()
	}
}

// Tapped shows the shift under the pointer.
func (l *shiftTimeline) Tapped(e *fyne.PointEvent) {
	if sh, ok := l.shiftAt(e.Position); ok && l.onShift != nil {
		l.onShift(sh)
	}
}

// shiftAt finds the shift drawn at pos.
func (l *shiftTimeline) shiftAt(pos fyne.Position) (oncall.Shift, bool) {
	w := l.Size().Width - timelineLabelWidth
	if w <= 0 || pos.X < timelineLabelWidth || pos.Y < timelineHeader || l.days <= 0 {
		return oncall.Shift{}, false
	}
	i := int((pos.Y - timelineHeader) / timelineRow)
	if i >= len(l.rotations) {
		return oncall.Shift{}, false
	}
	from, to := l.window()
	at := from.Add(time.Duration(float64(to.Sub(from)) * float64((pos.X-timelineLabelWidth)/w)))
	for _, sh := range oncall.Shifts(l.rotations[i], from, to) {
		if sh.Contains(at) {
			return sh, true
		}
	}
	return oncall.Shift{}, false
}

// window is the span shown.
func (l *shiftTimeline) window() (time.Time, time.Time) {
	return l.start, l.start.Add(time.Duration(l.days) * 24 * time.Hour)
}

// MinSize keeps the rows readable.
func (l *shiftTimeline) MinSize() fyne.Size {
	return fyne.NewSize(420, timelineHeader+float32(len(l.rotations)+1)*timelineRow)
}

// CreateRenderer implements fyne.Widget.
func (l *shiftTimeline) CreateRenderer() fyne.WidgetRenderer {
	return &timelineRenderer{l: l}
}

const (
	timelineLabelWidth = 110
	timelineHeader     = 40
	timelineRow        = 46
	// timelineLabelGap is the least room between two labels of the axis.
	timelineLabelGap = 8
)

var memberColors = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xb0, 0x7a, 0xa1, 0xff},
	{0x76, 0xb7, 0xb2, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0x9c, 0x75, 0x5f, 0xff}, {0x8c, 0x8c, 0xd9, 0xff},
	{0x5f, 0x9e, 0x6e, 0xff}, {0xbd, 0x9e, 0x39, 0xff},
}

var (
	gapColor = color.NRGBA{0xe1, 0x3b, 0x3b, 0xcc}
	// offWindowColor marks time outside a rotation's coverage window: not a
	// gap, nobody is meant to be on call.
	offWindowColor = color.NRGBA{0x80, 0x80, 0x80, 0x40}
)

type timelineRenderer struct {
	l       *shiftTimeline
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *timelineRenderer) Layout(s fyne.Size) {
	r.size = s
	r.build()
}

func (r *timelineRenderer) MinSize() fyne.Size { return r.l.MinSize() }

func (r *timelineRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.l)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Destroy() {}

func (r *timelineRenderer) colorOf(member string) color.NRGBA {
	for i, m := range r.l.members {
		if m == member {
			return memberColors[i%len(memberColors)]
		}
	}
	return color.NRGBA{0x80, 0x80, 0x80, 0xff}
}

// axisText is a label of the axis at x.
type axisText struct {
	x    float32
	text *canvas.Text
}

// placeApart keeps the labels that do not collide: each must start at least
// timelineLabelGap after the previous one ends and end before the next one
// starts (else the next one is kept). A label too long for the room before
// the next takes its short form, when there is one ("Nov" for "November
// 2026").
func placeApart(labels []axisText, short []string, right float32) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	end := float32(-1e9) // where the label placed last ends
	for i, l := range labels {
		next := right
		if i+1 < len(labels) {
			next = labels[i+1].x
		}
		if short != nil && short[i] != "" && l.text.MinSize().Width+timelineLabelGap > next-l.x {
			l.text.Text = short[i]
		}
		left, width := l.x+2, l.text.MinSize().Width
		if left < end+timelineLabelGap || left+width > right {
			continue
		}
		if i+1 < len(labels) && left+width+timelineLabelGap > next {
			continue
		}
		l.text.Move(fyne.NewPos(left, l.text.Position().Y))
		out = append(out, l.text)
		end = left + width
	}
	return out
}

// build lays out the objects for the visible window only.
func (r *timelineRenderer) build() {
	l, s := r.l, r.size
	var objs []fyne.CanvasObject
	from, to := l.window()
	w := s.Width - timelineLabelWidth
	if w <= 0 || l.days <= 0 || l.loc == nil {
		r.objects = nil
		return
	}
	x := func(t time.Time) float32 {
		return timelineLabelWidth + float32(t.Sub(from).Seconds()/to.Sub(from).Seconds())*w
	}
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	// Day lines and labels, then month labels, none overlapping another.
	var days, months []axisText
	var monthShort []string
	dayW := w / float32(l.days)
	for d := timezone.DateOf(from.In(l.loc)); ; d = d.AddDays(1) {
		t := d.Midnight(l.loc)
		if !t.Before(to) {
			break
		}
		if t.Before(from) {
			continue
		}
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(x(t), timelineHeader-6), fyne.NewPos(x(t), s.Height)
		objs = append(objs, line)
		if dayW >= 26 || d.Weekday() == time.Monday {
			form := formWeekday
			switch {
			case dayW < 26:
				form = formDay
			case dayW < 60:
				form = formDayOfMon
			}
			txt := canvas.NewText(axisLabel(t, l.loc, form), fg)
			txt.TextSize = 11
			txt.Move(fyne.NewPos(0, 4))
			days = append(days, axisText{x(t), txt})
		}
		if d.Day == 1 || t.Equal(from) {
			m := canvas.NewText(axisLabel(t, l.loc, formMonth), fg)
			m.TextSize = 11
			m.TextStyle.Bold = true
			m.Move(fyne.NewPos(0, 20))
			months = append(months, axisText{x(t), m})
			monthShort = append(monthShort, axisLabel(t, l.loc, formMonShort))
		}
	}
	objs = append(objs, placeApart(days, nil, s.Width)...)
	objs = append(objs, placeApart(months, monthShort, s.Width)...)
	row := func(i int) float32 { return timelineHeader + float32(i)*timelineRow }
	for i, rot := range l.rotations {
		name := canvas.NewText(fitText(rot.Name, timelineLabelWidth-8, 14, fyne.TextStyle{Bold: true}), fg)
		name.TextStyle.Bold = true
		name.Move(fyne.NewPos(4, row(i)+timelineRow/2-10))
		objs = append(objs, name)
		// Outside the coverage window nobody is meant to be on call: drawn
		// neutral across the row; a gap inside a window is drawn red.
		windows := oncall.CoverageWindows(rot, from, to)
		if rot.Coverage != nil {
			for _, iv := range timezone.SubtractIntervals([]timezone.Interval{{Start: from, End: to}}, windows) {
				objs = append(objs, block(x(iv.Start), row(i)+4, x(iv.End)-x(iv.Start), timelineRow-16, offWindowColor))
			}
		}
		var gaps []timezone.Interval
		for _, g := range oncall.RotationGaps(rot, from, to) {
			gaps = append(gaps, timezone.Interval{Start: g.Start, End: g.End})
		}
		for _, g := range timezone.SubtractIntervals(gaps, timezone.SubtractIntervals([]timezone.Interval{{Start: from, End: to}}, windows)) {
			objs = append(objs, block(x(g.Start), row(i)+timelineRow-10, x(g.End)-x(g.Start), 6, gapColor))
		}
		for _, sh := range oncall.Shifts(rot, from, to) {
			x0, x1 := max(x(sh.Start), timelineLabelWidth), min(x(sh.End), s.Width)
			c := r.colorOf(sh.Member)
			b := block(x0+1, row(i)+4, x1-x0-2, timelineRow-16, c)
			if sh.Override {
				b.StrokeColor = fg
				b.StrokeWidth = 2
			}
			objs = append(objs, b)
			if txt := blockLabel(sh, x1-x0-6, textOn(c)); txt != nil {
				txt.Move(fyne.NewPos(x0+4, row(i)+timelineRow/2-12))
				objs = append(objs, txt)
			}
		}
	}
	n := len(l.rotations)
	teamLabel := canvas.NewText("Nobody on call", theme.Color(theme.ColorNameError))
	teamLabel.TextSize = 11
	teamLabel.Move(fyne.NewPos(4, row(n)+8))
	objs = append(objs, teamLabel)
	if n > 0 {
		for _, g := range oncall.TeamGaps(l.rotations, from, to) {
			objs = append(objs, block(x(g.Start), row(n)+6, x(g.End)-x(g.Start), timelineRow-20, gapColor))
		}
	}
	if !l.now.Before(from) && l.now.Before(to) {
		nl := canvas.NewLine(theme.Color(theme.ColorNamePrimary))
		nl.StrokeWidth = 2
		nl.Position1, nl.Position2 = fyne.NewPos(x(l.now), timelineHeader-6), fyne.NewPos(x(l.now), s.Height)
		objs = append(objs, nl)
	}
	r.objects = objs
}

// blockLabel is the text on a shift block of the given width: the member's
// name, or their initials when the name does not fit, or nothing when even
// those do not (a click still tells).
func blockLabel(sh oncall.Shift, width float32, c color.Color) *canvas.Text {
	mark := ""
	if sh.Override {
		mark = "⇄ "
	}
	first := []rune(initials(sh.Member))[:1]
	for _, text := range []string{mark + sh.Member, mark + initials(sh.Member), initials(sh.Member), string(first)} {
		txt := canvas.NewText(text, c)
		txt.TextSize = 12
		if txt.MinSize().Width <= width {
			return txt
		}
	}
	return nil
}

// initials is "AB" for "Ana Bell", "AN" for "Ana".
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		out = append(out, unicode.ToUpper([]rune(w)[0]))
	}
	if len(out) == 1 {
		if r := []rune(name); len(r) > 1 {
			out = append(out, unicode.ToUpper(r[1]))
		}
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return string(out)
}

func block(x, y, w, h float32, c color.Color) *canvas.Rectangle {
	b := canvas.NewRectangle(c)
	b.CornerRadius = 3
	b.Move(fyne.NewPos(x, y))
	b.Resize(fyne.NewSize(max(w, 1), h))
	return b
}
