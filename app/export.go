package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// Every export, backup and import of a file goes through this file: one save
// dialog that suggests a safe name and opens in the folder used last, one
// open dialog, and one message when the file is written.

// exportFolderKey is the preference that remembers the folder of the last
// export.
const exportFolderKey = "export.folder"

// exportJob is one file being saved: the name suggested and how to write it.
type exportJob struct {
	s    *session
	name string // the suggested file name, safe
	// write writes the file's content; writePath instead writes the file at
	// a path itself (a database backup).
	write     func(ctx context.Context, w io.Writer) error
	writePath func(path string) error
	dlg       *dialog.FileDialog
	// saved is the path written, once it is.
	saved string
}

// saveFile asks where to save a file named base+ext (made safe by
// safeFileName) and writes it with write, off the UI goroutine (see
// exportJob.done).
func (s *session) saveFile(base, ext string, write func(io.Writer) error) *exportJob {
	return s.saveFileCtx(base, ext, func(_ context.Context, w io.Writer) error { return write(w) })
}

// saveFileCtx is saveFile for a writer that stops when ctx is cancelled (the
// user's Cancel in the progress dialog).
func (s *session) saveFileCtx(base, ext string, write func(ctx context.Context, w io.Writer) error) *exportJob {
	return s.startSave(&exportJob{s: s, name: safeFileName(base, ext), write: write})
}

// saveFileAt is saveFile for a writer that needs the path itself.
func (s *session) saveFileAt(base, ext string, writePath func(path string) error) *exportJob {
	return s.startSave(&exportJob{s: s, name: safeFileName(base, ext), writePath: writePath})
}

func (s *session) startSave(j *exportJob) *exportJob {
	d := dialog.NewFileSave(j.done, s.win)
	d.SetFileName(j.name)
	if i := strings.LastIndex(j.name, "."); i > 0 {
		d.SetFilter(storage.NewExtensionFileFilter([]string{j.name[i:]}))
	}
	if dir := s.exportFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Resize(s.dialogSize(900, 600))
	j.dlg = d
	s.lastExport = j
	var name *widget.Entry
	s.show(d, func() {
		if name != nil && name.OnSubmitted != nil {
			name.OnSubmitted(name.Text) // the dialog's own Save
		}
	})
	// The dialog puts the focus in its file name field, which would keep
	// Escape from closing it: the focus starts outside, so Escape cancels
	// and Enter saves under the name suggested; a click in the field edits
	// the name.
	if pop, ok := s.win.Canvas().Overlays().Top().(*widget.PopUp); ok {
		name = findEntry(pop.Content)
	}
	s.win.Canvas().Unfocus()
	return j
}

// findEntry finds the first entry in a tree of containers.
func findEntry(o fyne.CanvasObject) *widget.Entry {
	switch v := o.(type) {
	case *widget.Entry:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if e := findEntry(c); e != nil {
				return e
			}
		}
	case *container.Scroll:
		return findEntry(v.Content)
	case *container.Split:
		if e := findEntry(v.Leading); e != nil {
			return e
		}
		return findEntry(v.Trailing)
	}
	return nil
}

// exportFolder is the folder of the last export, if it still exists.
func (s *session) exportFolder() fyne.ListableURI {
	saved := fyne.CurrentApp().Preferences().String(exportFolderKey)
	if saved == "" {
		return nil
	}
	u, err := storage.ParseURI(saved)
	if err != nil {
		return nil
	}
	l, err := storage.ListerForURI(u)
	if err != nil {
		return nil
	}
	return l
}

// done writes the file the user chose (w is nil when they cancelled). The
// content is made off the UI goroutine into memory and then written in one
// go; a progress dialog with Cancel shows when it takes a while (runTask). A
// failed or cancelled write leaves no file behind.
func (j *exportJob) done(w fyne.URIWriteCloser, err error) {
	s := j.s
	if err != nil {
		if w != nil {
			w.Close()
		}
		s.showError(fmt.Errorf("save %s: %w", j.name, err))
		return
	}
	if w == nil {
		return
	}
	uri := w.URI()
	path := uri.Path()
	s.runTask("Saving "+uri.Name(), func(ctx context.Context) error {
		err := j.writeTo(ctx, w, path)
		if err == nil {
			err = ctx.Err() // cancelled: the file goes too
		}
		if err != nil {
			os.Remove(path) // nothing half-written stays behind
		}
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			s.showError(fmt.Errorf("write %s: %w", path, err))
			return
		}
		j.saved = path
		parent, perr := storage.Parent(uri)
		if perr != nil {
			s.notify("Saved to " + path)
			return
		}
		fyne.CurrentApp().Preferences().SetString(exportFolderKey, parent.String())
		s.notifyAction("Saved to "+path, "Open folder", func() { openFolder(parent) })
	})
}

// writeTo writes the job's file to w (or at path); it touches no widget.
func (j *exportJob) writeTo(ctx context.Context, w fyne.URIWriteCloser, path string) error {
	if j.writePath != nil {
		w.Close()
		os.Remove(path) // the dialog created it empty; the writer makes its own
		return j.writePath(path)
	}
	var buf bytes.Buffer
	err := j.write(ctx, &buf)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// openFolder shows a folder in the desktop's file manager.
func openFolder(dir fyne.URI) {
	if u, err := url.Parse(dir.String()); err == nil {
		fyne.CurrentApp().OpenURL(u)
	}
}

// safeFileName makes base+ext a plain file name: path separators, "..",
// control characters and the characters Windows refuses become "-", spaces
// become "-", and leading dots and dashes go, so a name typed by anyone (a
// rotation called "../../x") stays inside the folder the user picks. ext is
// the extension with its dot (".ics"); an empty base becomes "export".
func safeFileName(base, ext string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(base) {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_+()@,", r)
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteRune('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	name := strings.Trim(b.String(), "-")
	if r := []rune(name); len(r) > 100 {
		name = strings.TrimRight(string(r[:100]), "-")
	}
	if name == "" {
		name = "export"
	}
	return name + ext
}

// openJob is a file being asked for: the dialog and what is done with the
// file chosen (tests hand it one).
type openJob struct {
	dlg  *dialog.FileDialog
	done func(r fyne.URIReadCloser, err error)
	exts []string
}

// openFile asks for a file to read with one of the extensions (all files
// when none), starting in the folder of the last export, and passes it to
// read, which must close it.
func (s *session) openFile(confirm string, exts []string, read func(r fyne.URIReadCloser)) {
	done := func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if r != nil {
			read(r)
		}
	}
	d := dialog.NewFileOpen(done, s.win)
	s.lastOpen = &openJob{dlg: d, done: done, exts: exts}
	if dir := s.exportFolder(); dir != nil {
		d.SetLocation(dir)
	}
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if confirm != "" {
		d.SetConfirmText(confirm)
	}
	d.Resize(s.dialogSize(900, 600))
	s.show(d, nil)
}
