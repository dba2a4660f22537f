package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/worklog"
)

// searchView shows the search results, best first, the matching words
// highlighted. Searches run off the UI goroutine as the user types (see
// searchRunner); a long one shows a progress bar and a Cancel button.
type searchView struct {
	t        *logTab
	hits     []worklog.Hit
	list     *widget.List
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	cancel   *widget.Button
	runner   *searchRunner[worklog.SearchResult]
	content  fyne.CanvasObject
}

// logSearcher is the search that says what it searched; *store.DB has it.
type logSearcher interface {
	SearchLogResult(ctx context.Context, input string, limit int) (worklog.SearchResult, error)
}

func newSearchView(t *logTab) *searchView {
	v := &searchView{t: t}
	v.status = widget.NewLabel("Type in the search box above: every word must match; the last one may be the start of a word.")
	v.status.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.hits) }, newHitRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		v.list.Unselect(id)
		if id >= 0 && id < len(v.hits) {
			v.open(v.hits[id])
		}
	}
	v.progress = widget.NewProgressBarInfinite()
	v.progress.Stop()
	v.progress.Hide()
	v.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		v.runner.stop()
		v.setBusy(false)
		v.status.SetText("Search cancelled.")
	})
	v.cancel.Hide()
	// Under the test driver searches run as typed, as runTask's work does.
	v.runner = &searchRunner[worklog.SearchResult]{search: v.search, apply: v.show, busy: v.setBusy, immediate: isTestDriver() && !asyncTasksInTests}
	bar := container.NewBorder(nil, nil, nil, v.cancel, v.progress)
	v.content = container.NewBorder(container.NewVBox(v.status, bar), nil, nil, nil, v.list)
	return v
}

// run searches for what the user typed, off the UI goroutine.
func (v *searchView) run(q string) {
	if strings.TrimSpace(q) == "" {
		q = ""
	}
	v.runner.request(q)
}

// search runs on its own goroutine.
func (v *searchView) search(ctx context.Context, q string) (worklog.SearchResult, error) {
	if s, ok := v.t.store.(logSearcher); ok {
		return s.SearchLogResult(ctx, q, searchLimit)
	}
	hits, err := v.t.store.SearchLog(ctx, q, searchLimit)
	return worklog.SearchResult{Hits: hits}, err
}

func (v *searchView) setBusy(busy bool) {
	if busy {
		v.progress.Show()
		v.progress.Start()
		v.cancel.Show()
		return
	}
	v.progress.Stop()
	v.progress.Hide()
	v.cancel.Hide()
}

// show puts a search's outcome on screen.
func (v *searchView) show(q string, res worklog.SearchResult, err error) {
	if err != nil {
		v.t.showError(err)
		return
	}
	hits := res.Hits
	v.hits = hits
	if res.Cut { // name what was searched, not a pasted page
		q = strings.Join(res.Words, " ")
	}
	switch {
	case q == "":
		v.status.SetText("Type in the search box above.")
	case len(hits) == 0:
		v.status.SetText(fmt.Sprintf("Nothing matches %q.", q))
	case res.Newest > 0:
		v.status.SetText(fmt.Sprintf("More than %d entries match %q: the best %d of the newest %d matches. Add a word to narrow it down.",
			res.Newest, q, len(hits), res.Newest))
	case len(hits) == searchLimit:
		v.status.SetText(fmt.Sprintf("The best %d matches for %q.", len(hits), q))
	case len(hits) == 1:
		v.status.SetText(fmt.Sprintf("1 match for %q.", q))
	default:
		v.status.SetText(fmt.Sprintf("%s for %q, best first.", plural(len(hits), "match", "matches"), q))
	}
	if res.Cut {
		v.status.SetText(v.status.Text + " Part of what was typed was left out: a search takes its first words only.")
	}
	v.list.Refresh()
	v.list.ScrollToTop()
}

func newHitRow() fyne.CanvasObject {
	return twoLineRow("kind · member · time", widget.NewRichText(&widget.TextSegment{Text: "snippet"}))
}

func (v *searchView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.hits) {
		return
	}
	h := v.hits[id]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(hitHeading(h, v.hitTime(h)))
	rt := box.Objects[1].(*widget.RichText)
	rt.Segments = highlightSegments(h.Snippet)
	rt.Refresh()
}

// hitTime is when a hit happened, named as the entry it opens names it: a
// 1:1 in its member's zone, an update in the viewer's.
func (v *searchView) hitTime(h worklog.Hit) string {
	if h.Source == worklog.SourceUpdate {
		return showTime(h.At, v.t.s.viewer, formFull)
	}
	return showTime(h.At, v.t.zoneOf(h.Member), formFull)
}

// hitHeading names what a hit is.
func hitHeading(h worklog.Hit, when string) string {
	switch h.Source {
	case worklog.SourceNotes:
		return fmt.Sprintf("1:1 notes · %s · %s", h.Member, when)
	case worklog.SourceAction:
		return fmt.Sprintf("Action item · 1:1 with %s · %s", h.Member, when)
	}
	return fmt.Sprintf("%s · %s · %s", h.Kind, h.Member, when)
}

// highlightSegments renders a snippet on one line with the matches bold in
// the primary colour.
func highlightSegments(spans []worklog.Span) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(spans))
	for _, sp := range spans {
		text := strings.Join(strings.Fields(sp.Text), " ")
		if strings.HasPrefix(sp.Text, " ") || strings.HasPrefix(sp.Text, "\n") {
			text = " " + text
		}
		if (strings.HasSuffix(sp.Text, " ") || strings.HasSuffix(sp.Text, "\n")) && text != " " {
			text += " "
		}
		style := widget.RichTextStyleInline
		if sp.Match {
			style = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
		}
		segs = append(segs, &widget.TextSegment{Text: text, Style: style})
	}
	return segs
}

// open shows the entry a hit belongs to.
func (v *searchView) open(h worklog.Hit) {
	ctx := context.Background()
	switch h.Source {
	case worklog.SourceUpdate:
		us, err := v.t.store.Updates(ctx, updateByID(h))
		if err == nil {
			for _, u := range us {
				if u.ID == h.ID {
					v.t.showUpdate(u)
					return
				}
			}
		}
	default:
		hist, err := v.t.store.OneOnOnes(ctx, h.Member)
		if err != nil {
			v.t.showError(err)
			return
		}
		for _, o := range hist {
			if h.Source == worklog.SourceNotes && o.ID == h.ID {
				v.t.showOneOnOne(o)
				return
			}
			for _, a := range o.Actions {
				if h.Source == worklog.SourceAction && a.ID == h.ID {
					v.t.showOneOnOne(o)
					return
				}
			}
		}
	}
}

// updateByID is a filter that finds the update of a hit.
func updateByID(h worklog.Hit) worklog.UpdateFilter {
	return worklog.UpdateFilter{Author: h.Member, From: h.At, To: h.At.Add(time.Second)}
}
