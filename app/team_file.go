package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/teamfile"
)

// importTeamFile asks for a team file (JSON) and merges it into the team.
func (s *session) importTeamFile() {
	s.openFile("Import", []string{".json"}, func(r fyne.URIReadCloser) {
		s.importTeam(r, r.URI().Name()) // closes r
	})
}

// loadSampleTeam imports the sample team shipped with the app.
func (s *session) loadSampleTeam() {
	s.importTeam(bytes.NewReader(assets.SampleTeamJSON), "the sample team")
}

// importTeam imports a team file off the UI goroutine (a large team is one
// long transaction; Cancel rolls it back) and reports what changed. r is
// closed when it is an io.Closer.
func (s *session) importTeam(r io.Reader, name string) {
	var sum team.MergeSummary
	s.runTask("Importing "+name, func(ctx context.Context) error {
		if c, ok := r.(io.Closer); ok {
			defer c.Close()
		}
		tm, err := teamfile.Decode(r)
		if err != nil {
			return err
		}
		sum, err = s.db.ImportTeam(ctx, tm)
		return err
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			s.showError(fmt.Errorf("%s: %w", name, err))
			return
		}
		s.teamChanged()
		s.info("Team imported", "Imported "+name+":\n"+strings.ReplaceAll(sum.String(), "; ", "\n"))
	})
}

// exportTeamFile writes the team (members, rotations, escalation policy) as
// a team file where the user chooses.
func (s *session) exportTeamFile() {
	s.saveFileCtx("team", ".json", func(ctx context.Context, w io.Writer) error {
		tm, err := s.db.Team(ctx)
		if err != nil {
			return err
		}
		return teamfile.Encode(w, tm)
	})
}
