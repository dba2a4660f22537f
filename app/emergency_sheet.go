package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dev.remotecto/remotecto/internal/privatefile"
	"dev.remotecto/remotecto/sheet"
	"dev.remotecto/remotecto/team"
	"fyne.io/fyne/v2"
)

// sheetWeeks is how many weeks of schedule the GUI's emergency sheet shows.
const sheetWeeks = 4

// onSheet saves the emergency sheet as a PDF or an HTML page, chosen by the
// file name, readable by its owner only.
// The team is read here, on the UI goroutine; the file is written off it.
func (v *emergencyView) onSheet() {
	tm := v.t.team()
	v.t.s.saveFileAt("emergency-sheet", ".pdf", func(path string) error {
		if err := v.writeSheet(tm, path); err != nil {
			return err
		}
		fyne.Do(func() { v.status.SetText("Saved the emergency sheet to " + filepath.Base(path) + ".") })
		return nil
	})
}

// writeSheet writes the sheet for now and the coming weeks to path (.pdf,
// .html or .htm), mode 0600. A name with another extension is refused, and
// the empty file the save dialog created for it is removed.
func (v *emergencyView) writeSheet(t team.Team, path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".pdf" && ext != ".html" && ext != ".htm" {
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		return fmt.Errorf("%s: the name must end in .pdf or .html", filepath.Base(path))
	}
	tm, err := t.Validate()
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
