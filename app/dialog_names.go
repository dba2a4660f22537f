package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/worklog"
)

// errNothingToShow reports a dialog that needs data the database lacks.
var errNothingToShow = errors.New("nothing to show: load the sample team first")

// dialogOpeners lists every dialog of every tab and of the menu, by name:
// Options.Open opens one at start (for screenshots), and a test opens and
// closes each of them both ways.
func dialogOpeners() []dialogOpener {
	firstMember := func(mw *mainWindow) (roster.Member, error) {
		ms, err := mw.s.db.Members(context.Background())
		if err != nil {
			return roster.Member{}, err
		}
		if len(ms) == 0 {
			return roster.Member{}, errNothingToShow
		}
		return ms[0], nil
	}
	firstRotation := func(mw *mainWindow) (oncall.Rotation, error) {
		if len(mw.s.oncall.rotations) == 0 {
			return oncall.Rotation{}, errNothingToShow
		}
		return mw.s.oncall.rotations[0], nil
	}
	firstOneOnOne := func(mw *mainWindow) (worklog.OneOnOne, error) {
		for _, m := range mw.s.log.members {
			if os, err := mw.s.db.OneOnOnes(context.Background(), m.Name); err == nil && len(os) > 0 {
				return os[0], nil
			}
		}
		return worklog.OneOnOne{}, errNothingToShow
	}
	return []dialogOpener{
		{"add-member", tabTeam, func(mw *mainWindow) error { mw.s.team.onAdd(); return nil }},
		{"edit-member", tabTeam, func(mw *mainWindow) error {
			m, err := firstMember(mw)
			if err == nil {
				mw.s.team.onEdit(m)
			}
			return err
		}},
		{"delete-member", tabTeam, func(mw *mainWindow) error {
			m, err := firstMember(mw)
			if err == nil {
				mw.s.team.onDelete(m)
			}
			return err
		}},
		{"time-off", tabTeam, func(mw *mainWindow) error {
			m, err := firstMember(mw)
			if err == nil {
				showTimeOffEditor(mw.s, m, mw.s.teamChanged)
			}
			return err
		}},
		{"import-calendar", tabTeam, func(mw *mainWindow) error {
			m, err := firstMember(mw)
			if err == nil {
				showTimeOffImport(mw.s, m, mw.s.teamChanged)
			}
			return err
		}},
		{"import-team", tabTeam, func(mw *mainWindow) error { mw.s.importTeamFile(); return nil }},
		{"export-team", tabTeam, func(mw *mainWindow) error { mw.s.exportTeamFile(); return nil }},

		{"overlap-members", tabOverlap, func(mw *mainWindow) error { mw.s.overlap.onPickMembers(); return nil }},
		{"export-meeting", tabOverlap, func(mw *mainWindow) error {
			p := mw.s.overlap.suggest
			p.onSuggest()
			if len(p.results) == 0 {
				return errNothingToShow
			}
			mw.s.overlap.exportMeeting(p.title.Text, p.chosen())
			return nil
		}},
		{"delete-meeting", tabOverlap, func(mw *mainWindow) error {
			sp := mw.s.overlap.saved
			if len(sp.series) == 0 {
				return errNothingToShow
			}
			sp.list.Select(0)
			sp.onDelete()
			return nil
		}},

		{"new-rotation", tabOncall, func(mw *mainWindow) error { mw.s.oncall.rots.onNew(); return nil }},
		{"edit-rotation", tabOncall, func(mw *mainWindow) error {
			r, err := firstRotation(mw)
			if err == nil {
				mw.s.oncall.views.SelectIndex(2)
				mw.s.oncall.rots.selected = r.Name
				mw.s.oncall.rots.refresh()
				mw.s.oncall.rots.editB.OnTapped()
			}
			return err
		}},
		{"delete-rotation", tabOncall, func(mw *mainWindow) error {
			r, err := firstRotation(mw)
			if err == nil {
				mw.s.oncall.rots.onDelete(r)
			}
			return err
		}},
		{"export-rotation", tabOncall, func(mw *mainWindow) error {
			r, err := firstRotation(mw)
			if err == nil {
				mw.s.oncall.rots.export(r.Name, "")
			}
			return err
		}},
		{"shift-details", tabOncall, func(mw *mainWindow) error {
			r, err := firstRotation(mw)
			if err != nil {
				return err
			}
			now := mw.s.now()
			shifts := oncall.Shifts(r, now, now.Add(14*24*time.Hour))
			if len(shifts) == 0 {
				return errNothingToShow
			}
			mw.s.oncall.views.SelectIndex(1)
			mw.s.oncall.timeline.showShift(shifts[0])
			return nil
		}},

		{"new-1on1", tabLog, func(mw *mainWindow) error {
			m, err := firstMember(mw)
			if err == nil {
				mw.s.log.showOneOnOneForm(m.Name)
			}
			return err
		}},
		{"show-1on1", tabLog, func(mw *mainWindow) error {
			o, err := firstOneOnOne(mw)
			if err == nil {
				mw.s.log.showOneOnOne(o)
			}
			return err
		}},
		{"new-update", tabLog, func(mw *mainWindow) error { mw.s.log.showUpdateForm(""); return nil }},
		{"show-update", tabLog, func(mw *mainWindow) error {
			us, err := mw.s.db.Updates(context.Background(), worklog.UpdateFilter{Limit: 1})
			if err != nil {
				return err
			}
			if len(us) == 0 {
				return errNothingToShow
			}
			mw.s.log.showUpdate(us[0])
			return nil
		}},
		{"export-markdown", tabLog, func(mw *mainWindow) error { mw.s.log.onExportMarkdown(); return nil }},
		{"export-1on1-calendar", tabLog, func(mw *mainWindow) error { mw.s.log.onExportICS(); return nil }},

		{"backup", tabTeam, func(mw *mainWindow) error { mw.s.onBackup(); return nil }},
		{"restore", tabTeam, func(mw *mainWindow) error { mw.s.onRestore(); return nil }},
		{"about", tabTeam, func(mw *mainWindow) error { mw.s.showAbout(); return nil }},
		{"data-location", tabTeam, func(mw *mainWindow) error { mw.s.showDataLocation(); return nil }},
		{"shortcuts", tabTeam, func(mw *mainWindow) error { mw.s.showShortcuts(); return nil }},
		{"settings", tabTeam, func(mw *mainWindow) error { mw.s.openSettings(); return nil }},
		{"publishing", tabTeam, func(mw *mainWindow) error { showPublishSettings(mw.s.share); return nil }},
		{"follow-team", tabTeam, func(mw *mainWindow) error { showFollowDialog(mw.s.share); return nil }},
		{"alert", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onAlert(); return nil }},
		{"webhooks", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onWebhooks(); return nil }},
		{"protocol-history", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onHistory(); return nil }},
		{"critical-links", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onLinks(); return nil }},
		{"review-cadence", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onCadence(); return nil }},
		{"emergency-sheet", tabOncall, func(mw *mainWindow) error { mw.s.oncall.emergency.onSheet(); return nil }},
	}
}

// viewOpeners lists the views inside the tabs, by name, for Options.Open.
func viewOpeners() []dialogOpener {
	var out []dialogOpener
	for i, name := range []string{"oncall-now", "oncall-timeline", "oncall-rotations", "oncall-escalation",
		"oncall-dry-run", "oncall-warnings", "oncall-fairness", "oncall-emergency"} {
		i := i
		out = append(out, dialogOpener{name, tabOncall, func(mw *mainWindow) error { mw.s.oncall.views.SelectIndex(i); return nil }})
	}
	for i, name := range []string{"log-1on1s", "log-updates", "log-decisions", "log-actions", "log-search"} {
		i := i
		out = append(out, dialogOpener{name, tabLog, func(mw *mainWindow) error { mw.s.log.views.SelectIndex(i); return nil }})
	}
	for i, name := range []string{"overlap-windows", "overlap-suggest", "overlap-convert", "overlap-rotation", "overlap-saved"} {
		i := i
		out = append(out, dialogOpener{name, tabOverlap, func(mw *mainWindow) error {
			mw.s.overlap.side.SelectIndex(i)
			switch i {
			case 1:
				mw.s.overlap.suggest.onSuggest()
			case 2:
				mw.s.overlap.convert.onConvert()
			case 3:
				mw.s.overlap.rotation.onPlan()
			}
			return nil
		}})
	}
	return out
}

// dialogNames lists the names of dialogOpeners.
func dialogNames() string {
	var names []string
	for _, d := range dialogOpeners() {
		names = append(names, d.name)
	}
	return strings.Join(names, ", ")
}
