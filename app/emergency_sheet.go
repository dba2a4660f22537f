package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"dev.remotecto/remotecto/internal/privatefile"
	"dev.remotecto/remotecto/sheet"
)

// sheetWeeks is how many weeks of schedule the GUI's emergency sheet shows.
const sheetWeeks = 4

// onSheet saves the emergency sheet as a PDF or an HTML page, chosen by the
// file name, readable by its owner only.
func (v *emergencyView) onSheet() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.t.s.win)
			return
		}
		if w == nil {
			return
		}
		uri := w.URI()
		w.Close()
		if uri.Scheme() != "file" {
			dialog.ShowError(fmt.Errorf("save the sheet to a file on this computer, not %s", uri), v.t.s.win)
			return
		}
		if err := v.writeSheet(uri.Path()); err != nil {
			dialog.ShowError(err, v.t.s.win)
			return
		}
		v.status.SetText("Saved the emergency sheet to " + filepath.Base(uri.Path()) + ".")
	}, v.t.s.win)
	d.SetFileName("emergency-sheet.pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".html"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// writeSheet writes the sheet for now and the coming weeks to path (.pdf,
// .html or .htm), mode 0600. A name with another extension is refused, and
// the empty file the save dialog created for it is removed.
func (v *emergencyView) writeSheet(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".pdf" && ext != ".html" && ext != ".htm" {
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		return fmt.Errorf("%s: the name must end in .pdf or .html", filepath.Base(path))
	}
	tm, err := v.t.team().Validate()
	if err != nil {
		return err
	}
	st, err := v.store.ProtocolState(context.Background())
	if err != nil {
		return err
	}
	s := sheet.BuildReviewed(tm, st, v.t.s.now(), sheetWeeks)
	return privatefile.Write(path, func(w io.Writer) error {
		if ext == ".pdf" {
			return sheet.WritePDF(w, s)
		}
		return sheet.WriteHTML(w, s)
	})
}
