package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lineList shows a text of many lines, such as the overlap planner's
// windows with one line per member, as a virtualised list of monospace
// lines: only the rows on screen are measured and drawn, so a 2,000-member
// team costs what a 20-member one does. A line wider than the list wraps at
// a space onto rows indented under it, so nothing is cut at the edge; the
// wrapping is worked out again only when the width changes. Text holds the
// whole text, as a label's would.
type lineList struct {
	widget.BaseWidget
	Text    string
	logical []string // the lines of Text
	rows    []string // the lines wrapped to the width
	cols    int      // the width in characters rows were wrapped to
	list    *widget.List
}

func newLineList() *lineList {
	l := &lineList{}
	l.ExtendBaseWidget(l)
	l.list = widget.NewList(func() int { return len(l.rows) },
		func() fyne.CanvasObject {
			t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			t.TextStyle.Monospace = true
			return container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), t)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(l.rows) {
				t := o.(*fyne.Container).Objects[0].(*canvas.Text)
				t.Text, t.Color = l.rows[id], theme.Color(theme.ColorNameForeground)
				t.Refresh()
			}
		})
	l.list.OnSelected = func(id widget.ListItemID) { l.list.Unselect(id) } // lines are for reading
	l.list.HideSeparators = true
	return l
}

func (l *lineList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.list) }

// Resize wraps the lines again when the width in characters changes.
func (l *lineList) Resize(s fyne.Size) {
	l.BaseWidget.Resize(s)
	if c := l.columns(s.Width); c != l.cols {
		l.cols = c
		l.rows = wrapLines(l.logical, c)
		l.list.Refresh()
	}
}

// columns is how many monospace characters fit in a row of width w, beside
// the padding and the scroll bar.
func (l *lineList) columns(w float32) int {
	char := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{Monospace: true}).Width
	usable := w - 2*theme.InnerPadding() - theme.ScrollBarSize()
	if char <= 0 || usable <= 0 {
		return 0
	}
	return int(usable / char)
}

// SetText replaces the text and shows its first line.
func (l *lineList) SetText(s string) {
	l.Text = s
	l.logical = nil
	if s != "" {
		l.logical = strings.Split(s, "\n")
	}
	l.rows = wrapLines(l.logical, l.cols)
	l.list.Refresh()
	l.list.ScrollToTop()
}

// wrapLines breaks each line longer than cols characters at spaces; its
// continuation rows are indented two more than the line. A word longer than
// a row is cut. cols below 12 leaves the lines whole.
func wrapLines(lines []string, cols int) []string {
	if cols < 12 {
		return lines
	}
	rows := make([]string, 0, len(lines))
	for _, line := range lines {
		rows = appendWrapped(rows, line, cols)
	}
	return rows
}

func appendWrapped(rows []string, line string, cols int) []string {
	r := []rune(line)
	if len(r) <= cols {
		return append(rows, line)
	}
	indent := 0
	for indent < len(r) && r[indent] == ' ' {
		indent++
	}
	next := strings.Repeat(" ", min(indent+2, cols/2))
	prefix := ""
	for len(r) > 0 {
		room := cols - len([]rune(prefix))
		if len(r) <= room {
			rows = append(rows, prefix+string(r))
			break
		}
		cut := room
		for k := room; k > 0; k-- {
			if r[k] == ' ' {
				cut = k
				break
			}
		}
		rows = append(rows, prefix+strings.TrimRight(string(r[:cut]), " "))
		r = []rune(strings.TrimLeft(string(r[cut:]), " "))
		prefix = next
	}
	return rows
}
