package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/timezone"
)

// oncallTimelineView shows the coming weeks, one row per rotation, with a
// last row for gaps of the whole team. Only the visible window is computed
// and drawn; the arrows (or dragging) move it.
type oncallTimelineView struct {
	t       *oncallTab
	line    *shiftTimeline
	span    *widget.Select
	label   *widget.Label
	content fyne.CanvasObject
}

var timelineSpans = map[string]int{"1 week": 7, "2 weeks": 14, "4 weeks": 28, "8 weeks": 56}

func newOncallTimelineView(t *oncallTab) *oncallTimelineView {
	v := &oncallTimelineView{t: t, line: newShiftTimeline(t.s.viewer), label: widget.NewLabel("")}
	v.line.onMoved = v.showRange
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
	legend := widget.NewLabel("Blocks: shifts (colour per member, ⇄ = override). Red: nobody on call. Drag to scroll.")
	bar := container.NewHBox(prev, today, next, v.span, v.label)
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
	v.label.SetText(v.line.start.In(v.t.s.viewer).Format("Mon 2 Jan") + " – " + end.Add(-time.Minute).In(v.t.s.viewer).Format("Mon 2 Jan 2006") + " (" + v.t.s.viewer.String() + ")")
}

func (v *oncallTimelineView) refresh() {
	v.line.rotations = v.t.rotations
	v.line.members = v.t.memberNames()
	v.line.now = v.t.s.now()
	v.line.loc = v.t.s.viewer
	v.line.Refresh()
	v.showRange()
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
	dragged   float32
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

// MinSize keeps the rows readable.
func (l *shiftTimeline) MinSize() fyne.Size {
	return fyne.NewSize(500, timelineHeader+float32(len(l.rotations)+1)*timelineRow)
}

// CreateRenderer implements fyne.Widget.
func (l *shiftTimeline) CreateRenderer() fyne.WidgetRenderer {
	return &timelineRenderer{l: l}
}

const (
	timelineLabelWidth = 120
	timelineHeader     = 40
	timelineRow        = 46
)

var memberColors = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xb0, 0x7a, 0xa1, 0xff},
	{0x76, 0xb7, 0xb2, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0x9c, 0x75, 0x5f, 0xff}, {0x8c, 0x8c, 0xd9, 0xff},
	{0x5f, 0x9e, 0x6e, 0xff}, {0xbd, 0x9e, 0x39, 0xff},
}

var gapColor = color.NRGBA{0xe1, 0x3b, 0x3b, 0xcc}

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

func (r *timelineRenderer) colorOf(member string) color.Color {
	for i, m := range r.l.members {
		if m == member {
			return memberColors[i%len(memberColors)]
		}
	}
	return color.NRGBA{0x80, 0x80, 0x80, 0xff}
}

// build lays out the objects for the visible window only.
func (r *timelineRenderer) build() {
	l, s := r.l, r.size
	var objs []fyne.CanvasObject
	from := l.start
	to := from.Add(time.Duration(l.days) * 24 * time.Hour)
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
	// Day lines and labels.
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
		dayW := w / float32(l.days)
		if dayW >= 26 || d.Weekday() == time.Monday {
			format := "Mon 2"
			if dayW < 60 {
				format = "2"
			}
			if dayW < 26 {
				format = "Mon 2 Jan"
			}
			txt := canvas.NewText(t.In(l.loc).Format(format), fg)
			txt.TextSize = 11
			txt.Move(fyne.NewPos(x(t)+2, 4))
			objs = append(objs, txt)
		}
		if d.Day == 1 || t.Equal(from) {
			m := canvas.NewText(t.In(l.loc).Format("January 2006"), fg)
			m.TextSize = 11
			m.TextStyle.Bold = true
			m.Move(fyne.NewPos(x(t)+2, 20))
			objs = append(objs, m)
		}
	}
	row := func(i int) float32 { return timelineHeader + float32(i)*timelineRow }
	var team [][]oncall.Shift
	for i, rot := range l.rotations {
		name := canvas.NewText(rot.Name, fg)
		name.TextStyle.Bold = true
		name.Move(fyne.NewPos(4, row(i)+timelineRow/2-10))
		objs = append(objs, name)
		shifts := oncall.Shifts(rot, from, to)
		team = append(team, shifts)
		for _, g := range oncall.RotationGaps(rot, from, to) {
			objs = append(objs, block(x(g.Start), row(i)+timelineRow-10, x(g.End)-x(g.Start), 6, gapColor))
		}
		for _, sh := range shifts {
			x0, x1 := max(x(sh.Start), timelineLabelWidth), min(x(sh.End), s.Width)
			c := r.colorOf(sh.Member)
			b := block(x0+1, row(i)+4, x1-x0-2, timelineRow-16, c)
			if sh.Override {
				b.StrokeColor = fg
				b.StrokeWidth = 2
			}
			objs = append(objs, b)
			label := sh.Member
			if sh.Override {
				label = "⇄ " + label
			}
			txt := canvas.NewText(label, color.White)
			txt.TextSize = 12
			if txt.MinSize().Width < x1-x0-6 {
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

func block(x, y, w, h float32, c color.Color) *canvas.Rectangle {
	b := canvas.NewRectangle(c)
	b.CornerRadius = 3
	b.Move(fyne.NewPos(x, y))
	b.Resize(fyne.NewSize(max(w, 1), h))
	return b
}
