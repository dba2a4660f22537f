package alert

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/team"
)

func TestParseTo(t *testing.T) {
	tests := []struct {
		in   string
		want To
		str  string
	}{
		{"chain", To{Kind: ToChain}, "chain"},
		{" CHAIN ", To{Kind: ToChain}, "chain"},
		{"all", To{Kind: ToAll}, "all"},
		{"rotation:Primary", To{Kind: ToRotation, Names: []string{"Primary"}}, "rotation:Primary"},
		{"Rotation: APAC ", To{Kind: ToRotation, Names: []string{"APAC"}}, "rotation:APAC"},
		{"Ana Lúcia, Zoë", To{Kind: ToMembers, Names: []string{"Ana Lúcia", "Zoë"}}, "Ana Lúcia,Zoë"},
		{"Zoë,,", To{Kind: ToMembers, Names: []string{"Zoë"}}, "Zoë"},
		{"member:all", To{Kind: ToMembers, Names: []string{"all"}}, "member:all"},
	}
	for _, tt := range tests {
		got, err := ParseTo(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseTo(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.str {
			t.Errorf("ParseTo(%q).String() = %q; want %q", tt.in, got.String(), tt.str)
		}
		if back, err := ParseTo(got.String()); err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("ParseTo(%q) does not read back: %+v, %v", got.String(), back, err)
		}
	}
	for _, bad := range []string{"", "  ", ",", "rotation:", "rotation: "} {
		if _, err := ParseTo(bad); !errors.Is(err, ErrBadTo) {
			t.Errorf("ParseTo(%q) error = %v; want ErrBadTo", bad, err)
		}
	}
}

func TestWakeAt(t *testing.T) {
	tests := []struct {
		clock   string
		inHours bool
		want    Wake
	}{
		{"22:59", false, Awake},
		{"23:00", false, Asleep},
		{"02:00", false, Asleep},
		{"06:59", false, Asleep},
		{"07:00", false, Awake},
		{"12:00", false, Awake},
		{"02:00", true, Awake}, // a night shift is awake
	}
	for _, tt := range tests {
		local, _ := time.Parse("15:04", tt.clock)
		if got := WakeAt(local, tt.inHours); got != tt.want {
			t.Errorf("WakeAt(%s, inHours=%v) = %s; want %s", tt.clock, tt.inHours, got, tt.want)
		}
	}
}

// brief summarises recipients as "name level wake in_hours away HH:MM".
func brief(rs []Recipient) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		flags := string(r.Wake)
		if r.InHours {
			flags += ",hours"
		}
		if r.Away {
			flags += ",away"
		}
		out[i] = r.Name + " L" + string(rune('0'+r.Level)) + " " + flags + " " + r.Local.Format("Mon 15:04 MST") + " via " + strings.Join(r.Via, "+")
	}
	return out
}

func TestResolve(t *testing.T) {
	tm := sampleTeam(t)
	tests := []struct {
		name, to, at string
		want         []string
	}{
		// Before the European DST change: Primary is still in the shift that
		// started 2026-03-28 02:00 CET; Kolkata is at 06:00, not yet awake.
		{"chain before the DST change", "chain", "2026-03-29T00:30:00Z", []string{
			"Ελένη Παπαδοπούλου L1 asleep Sun 02:30 EET via rotation:Primary",
			"Priya L2 asleep Sun 06:00 IST via rotation:Secondary",
			"Mere L2 awake Sun 14:15 +1345 via rotation:APAC",
			"Ana Lúcia L3 asleep Sun 00:30 WET via member:Ana Lúcia",
		}},
		// After: 02:00 Oslo did not exist, the handoff came at 03:00 CEST (01:00Z).
		{"chain after the DST change", "chain", "2026-03-29T01:30:00Z", []string{
			"Björn Ødegård L1 asleep Sun 03:30 CEST via rotation:Primary",
			"Priya L2 awake Sun 07:00 IST via rotation:Secondary",
			"Mere L2 awake Sun 15:15 +1345 via rotation:APAC",
			"Ana Lúcia L3 asleep Sun 02:30 WEST via member:Ana Lúcia",
		}},
		// Level 3 names Primary again; APAC is outside its coverage window.
		{"a member twice in the chain is alerted once", "chain", "2026-03-24T12:00:00Z", []string{
			"Дмитрий Иванов L1 awake,hours Tue 15:00 MSK via rotation:Primary",
			"Priya L2 awake,hours Tue 17:30 IST via rotation:Secondary",
			"Ana Lúcia L3 awake,hours Tue 12:00 WET via member:Ana Lúcia",
		}},
		{"rotation", "rotation:secondary", "2026-03-28T03:00:00Z", []string{
			"Priya L0 awake Sat 08:30 IST via rotation:Secondary",
		}},
		{"named, on time off inside night hours", "zoë, Priya", "2026-03-28T03:00:00Z", []string{
			"Zoë L0 awake,hours,away Fri 23:00 EDT via named",
			"Priya L0 awake Sat 08:30 IST via named",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to, err := ParseTo(tt.to)
			if err != nil {
				t.Fatal(err)
			}
			aud, err := Resolve(tm, to, utc(tt.at))
			if err != nil {
				t.Fatalf("Resolve(%s, %s): %v", tt.to, tt.at, err)
			}
			if got := brief(aud.Recipients); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Resolve(%s, %s) =\n%s\nwant\n%s", tt.to, tt.at, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestResolveAll(t *testing.T) {
	tm := sampleTeam(t)
	aud, err := Resolve(tm, To{Kind: ToAll}, utc("2026-03-29T00:30:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(aud.Recipients), len(tm.Members); got != want {
		t.Fatalf("all: %d recipients; want %d", got, want)
	}
	for i, r := range aud.Recipients {
		if r.Name != tm.Members[i].Name || r.Email != tm.Members[i].Email || r.Phone != tm.Members[i].Phone {
			t.Errorf("all[%d] = %s <%s> %s; want the roster's %s", i, r.Name, r.Email, r.Phone, tm.Members[i].Name)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	tm := sampleTeam(t)
	at := utc("2026-03-29T00:30:00Z")
	tests := []struct {
		name string
		tm   team.Team
		to   To
		at   time.Time
		want error
	}{
		{"unknown member", tm, To{Kind: ToMembers, Names: []string{"Ana Lúcia", "Nobody"}}, at, team.ErrUnknownMember},
		{"unknown rotation", tm, To{Kind: ToRotation, Names: []string{"Tertiary"}}, at, team.ErrUnknownRotation},
		// APAC covers 08:00-18:00 Sydney only: 12:00Z is 23:00 there.
		{"rotation in a gap", tm, To{Kind: ToRotation, Names: []string{"APAC"}}, utc("2026-03-29T12:00:00Z"), ErrNoRecipients},
		{"before any rotation starts", tm, To{Kind: ToChain}, utc("2026-01-01T00:00:00Z"), nil},
		{"no policy", team.Team{Members: tm.Members}, To{Kind: ToChain}, at, ErrNoRecipients},
		{"empty team", team.Team{}, To{Kind: ToAll}, at, ErrNoRecipients},
		{"bad kind", tm, To{Kind: "everyone"}, at, ErrBadTo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aud, err := Resolve(tt.tm, tt.to, tt.at)
			if tt.want == nil {
				// Before the rotations start only the member target of level 3 pages.
				if err != nil || len(aud.Recipients) != 1 || aud.Recipients[0].Name != "Ana Lúcia" || len(aud.Unresolved) != 4 {
					t.Errorf("Resolve = %v, %v, unresolved %v; want Ana Lúcia alone and 4 unresolved targets", brief(aud.Recipients), err, aud.Unresolved)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Resolve(%s) error = %v; want %v", tt.to, err, tt.want)
			}
		})
	}
}
