// Package layering holds the test that keeps remotecto's import direction:
// domain packages never reach Fyne or database/sql, storage knows domain
// types only, and nothing imports the GUI. Its only content is that test.
package layering
