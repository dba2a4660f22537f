package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/calfeed"
	"dev.remotecto/remotecto/roster"
)

// timeOffImport imports an .ics file as one member's time off.
type timeOffImport struct {
	s     *session
	store calfeed.TimeOffStore // where the imported time off is kept
	m     roster.Member
	done  func()
	// summary is the last result dialog shown (tests read it).
	summary dialog.Dialog
	report  []string
}

// showTimeOffImport asks for an .ics file (from Google Calendar, Outlook,
// Apple Calendar, ...), imports it as m's time off for the coming year and
// shows what changed; done runs after a successful import.
func showTimeOffImport(s *session, m roster.Member, done func()) {
	ti := &timeOffImport{s: s, store: s.db, m: m, done: done}
	s.openFile("Import", []string{".ics", ".ICS", ".ical", ".ifb"}, func(r fyne.URIReadCloser) {
		name := r.URI().Name()
		var res calfeed.TimeOffImport
		s.runTask("Importing "+name, func(ctx context.Context) error {
			defer r.Close()
			var err error
			res, err = ti.run(ctx, r, name)
			return err
		}, func(err error) { ti.show(res, err, name) })
	})
}

// run imports the file; it touches no widget (it runs off the UI goroutine).
func (ti *timeOffImport) run(ctx context.Context, r io.Reader, name string) (calfeed.TimeOffImport, error) {
	return calfeed.ImportTimeOff(ctx, ti.store, ti.m, name, r, ti.s.now())
}

// show reports the outcome: an error dialog, or a summary of what changed.
func (ti *timeOffImport) show(res calfeed.TimeOffImport, err error, name string) {
	if err != nil {
		ti.summary = dialog.NewError(fmt.Errorf("%s could not be imported; nothing was changed.\n\n%w", name, err), ti.s.win)
		ti.s.show(ti.summary, nil)
		return
	}
	ti.report = res.Report()
	title := "Calendar imported"
	if res.Own {
		title = "Nothing to import"
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s → time off of %s", name, ti.m.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(strings.Join(ti.report, "\n"))
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(520, 220))
	ti.summary = dialog.NewCustom(title, "Close", container.NewBorder(head, nil, nil, nil, scroll), ti.s.win)
	ti.s.show(ti.summary, ti.summary.Dismiss)
	if ti.done != nil && res.Changed() {
		ti.done()
	}
}

// importFile is the file-free path of the dialog, for tests and callers
// that already hold the data.
func (ti *timeOffImport) importFile(r io.Reader, name string) {
	res, err := ti.run(context.Background(), r, name)
	ti.show(res, err, name)
}
