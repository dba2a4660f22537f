package teamfile

import (
	"fmt"
	"strings"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

// The JSON shapes of the team file. Field names are the file's contract.
type fileJSON struct {
	Members    []memberJSON   `json:"members"`
	Rotations  []rotationJSON `json:"rotations"`
	Escalation *policyJSON    `json:"escalation,omitempty"`
}

type memberJSON struct {
	Name       string            `json:"name"`
	Zone       string            `json:"zone"`
	Email      string            `json:"email,omitempty"`
	Phone      string            `json:"phone,omitempty"`
	Chat       string            `json:"chat,omitempty"`
	Role       string            `json:"role,omitempty"`
	Hours      map[string]string `json:"hours"`
	Acceptable map[string]string `json:"acceptable,omitempty"`
	TimeOff    []timeOffJSON     `json:"time_off,omitempty"`
	// UrgentChannel is "phone", "email" or "chat"; Response is free text.
	UrgentChannel string `json:"urgent_channel,omitempty"`
	Response      string `json:"response,omitempty"`
}

type timeOffJSON struct {
	Start   string `json:"start"`
	End     string `json:"end"`
	Summary string `json:"summary,omitempty"`
	AllDay  bool   `json:"all_day,omitempty"`
}

type rotationJSON struct {
	Name      string         `json:"name"`
	Members   []string       `json:"members"`
	Shift     string         `json:"shift"`
	Handoff   string         `json:"handoff"`
	Zone      string         `json:"zone"`
	Start     string         `json:"start"`
	Coverage  string         `json:"coverage,omitempty"`
	Overrides []overrideJSON `json:"overrides,omitempty"`
}

type overrideJSON struct {
	Member string `json:"member"`
	Start  string `json:"start"`
	End    string `json:"end"`
}

type policyJSON struct {
	Repeat   int         `json:"repeat"`
	Levels   []levelJSON `json:"levels"`
	Protocol string      `json:"protocol,omitempty"`
}

type levelJSON struct {
	AfterMinutes int      `json:"after_minutes"`
	Targets      []string `json:"targets"`
}

func (f fileJSON) toTeam() (team.Team, error) {
	var t team.Team
	for i, mj := range f.Members {
		m, err := mj.toMember()
		if err != nil {
			name := strings.TrimSpace(mj.Name)
			if name == "" {
				return t, fmt.Errorf("member %d: %w", i+1, err)
			}
			return t, fmt.Errorf("member %s: %w", termsafe.Quote(name), err)
		}
		t.Members = append(t.Members, m)
	}
	for i, rj := range f.Rotations {
		r, err := rj.toRotation()
		if err != nil {
			name := strings.TrimSpace(rj.Name)
			if name == "" {
				return t, fmt.Errorf("rotation %d: %w", i+1, err)
			}
			return t, fmt.Errorf("rotation %s: %w", termsafe.Quote(name), err)
		}
		t.Rotations = append(t.Rotations, r)
	}
	if f.Escalation != nil {
		t.Policy = oncall.Policy{Repeat: f.Escalation.Repeat, Protocol: f.Escalation.Protocol}
		for i, lj := range f.Escalation.Levels {
			l := oncall.Level{AfterMinutes: lj.AfterMinutes}
			for _, s := range lj.Targets {
				tg, err := oncall.ParseTarget(s)
				if err != nil {
					return t, fmt.Errorf("escalation: level %d: %w", i+1, err)
				}
				l.Targets = append(l.Targets, tg)
			}
			t.Policy.Levels = append(t.Policy.Levels, l)
		}
	}
	return t, nil
}

func (mj memberJSON) toMember() (roster.Member, error) {
	m := roster.Member{Name: mj.Name, Zone: mj.Zone, Email: mj.Email, Phone: mj.Phone, Chat: mj.Chat, Role: mj.Role,
		Response: mj.Response}
	var err error
	if m.UrgentChannel, err = roster.ParseChannel(mj.UrgentChannel); err != nil {
		return m, err
	}
	if m.Hours, err = timezone.ParseWeek("hours", mj.Hours); err != nil {
		return m, err
	}
	if m.Acceptable, err = timezone.ParseWeek("acceptable", mj.Acceptable); err != nil {
		return m, err
	}
	for _, tj := range mj.TimeOff {
		s, err := parseInstant("time_off start", tj.Start)
		if err != nil {
			return m, err
		}
		e, err := parseInstant("time_off end", tj.End)
		if err != nil {
			return m, err
		}
		m.TimeOff = append(m.TimeOff, roster.TimeOff{Start: s, End: e, Summary: tj.Summary, AllDay: tj.AllDay, Source: "team file"})
	}
	return m, nil
}

func (rj rotationJSON) toRotation() (oncall.Rotation, error) {
	r := oncall.Rotation{Name: rj.Name, Members: rj.Members, Zone: rj.Zone}
	var err error
	if r.Shift, err = oncall.ParseShiftLength(rj.Shift); err != nil {
		return r, err
	}
	if r.Handoff, err = timezone.ParseTimeOfDay(rj.Handoff); err != nil {
		return r, fmt.Errorf("handoff %s: not a time of day HH:MM", termsafe.Quote(rj.Handoff))
	}
	if r.Start, err = timezone.ParseDate(strings.TrimSpace(rj.Start)); err != nil {
		return r, fmt.Errorf("start %w", err)
	}
	if strings.TrimSpace(rj.Coverage) != "" {
		d, err := timezone.ParseDayHours(rj.Coverage)
		if err != nil {
			return r, fmt.Errorf("coverage %s: %w", termsafe.Quote(rj.Coverage), err)
		}
		if len(d) != 1 {
			return r, fmt.Errorf("coverage %s: give one window like 08:00-16:00", termsafe.Quote(rj.Coverage))
		}
		r.Coverage = &d[0]
	}
	for _, oj := range rj.Overrides {
		s, err := parseInstant("override start", oj.Start)
		if err != nil {
			return r, err
		}
		e, err := parseInstant("override end", oj.End)
		if err != nil {
			return r, err
		}
		r.Overrides = append(r.Overrides, oncall.Override{Member: oj.Member, Start: s, End: e})
	}
	return r, nil
}

func fromTeam(t team.Team) fileJSON {
	f := fileJSON{Members: []memberJSON{}, Rotations: []rotationJSON{}}
	for _, m := range t.Members {
		mj := memberJSON{Name: m.Name, Zone: m.Zone, Email: m.Email, Phone: m.Phone, Chat: m.Chat, Role: m.Role,
			Hours: timezone.FormatWeek(m.Hours), UrgentChannel: string(m.UrgentChannel), Response: m.Response}
		if !m.Acceptable.IsEmpty() {
			mj.Acceptable = timezone.FormatWeek(m.Acceptable)
		}
		for _, o := range m.TimeOff {
			mj.TimeOff = append(mj.TimeOff, timeOffJSON{Start: formatInstant(o.Start), End: formatInstant(o.End), Summary: o.Summary, AllDay: o.AllDay})
		}
		f.Members = append(f.Members, mj)
	}
	for _, r := range t.Rotations {
		rj := rotationJSON{Name: r.Name, Members: r.Members, Shift: r.Shift.String(), Handoff: r.Handoff.String(),
			Zone: r.Zone, Start: r.Start.String()}
		if r.Coverage != nil {
			rj.Coverage = r.Coverage.String()
		}
		for _, o := range r.Overrides {
			rj.Overrides = append(rj.Overrides, overrideJSON{Member: o.Member, Start: formatInstant(o.Start), End: formatInstant(o.End)})
		}
		f.Rotations = append(f.Rotations, rj)
	}
	if len(t.Policy.Levels) > 0 || t.Policy.Protocol != "" || t.Policy.Repeat != 0 {
		pj := &policyJSON{Repeat: t.Policy.Repeat, Protocol: t.Policy.Protocol, Levels: []levelJSON{}}
		for _, l := range t.Policy.Levels {
			lj := levelJSON{AfterMinutes: l.AfterMinutes}
			for _, tg := range l.Targets {
				lj.Targets = append(lj.Targets, tg.String())
			}
			pj.Levels = append(pj.Levels, lj)
		}
		f.Escalation = pj
	}
	return f
}
