package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"

	"dev.remotecto/remotecto/assets"
	"dev.remotecto/remotecto/teamfile"
)

// importTeamFile asks for a team file (JSON) and merges it into the team.
func (s *session) importTeamFile() {
	s.openFile("Import", []string{".json"}, func(r fyne.URIReadCloser) {
		defer r.Close()
		s.importTeam(r, r.URI().Name())
	})
}

// loadSampleTeam imports the sample team shipped with the app.
func (s *session) loadSampleTeam() {
	s.importTeam(bytes.NewReader(assets.SampleTeamJSON), "the sample team")
}

// importTeam imports a team file and reports what changed.
func (s *session) importTeam(r io.Reader, name string) {
	team, err := teamfile.Decode(r)
	if err != nil {
		s.showError(fmt.Errorf("%s: %w", name, err))
		return
	}
	sum, err := s.db.ImportTeam(context.Background(), team)
	if err != nil {
		s.showError(fmt.Errorf("%s: %w", name, err))
		return
	}
	s.teamChanged()
	s.info("Team imported", "Imported "+name+":\n"+strings.ReplaceAll(sum.String(), "; ", "\n"))
}

// exportTeamFile writes the team (members, rotations, escalation policy) as
// a team file where the user chooses.
func (s *session) exportTeamFile() {
	s.saveFile("team", ".json", func(w io.Writer) error {
		team, err := s.db.Team(context.Background())
		if err != nil {
			return err
		}
		return teamfile.Encode(w, team)
	})
}
