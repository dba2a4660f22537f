package teamfile

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/team"
	"dev.remotecto/remotecto/timezone"
)

const validTeam = `{
  "members": [
    {"name": "Ana", "zone": "Europe/Lisbon", "email": "ana@example.com", "phone": "+351 000 000", "role": "Backend lead",
     "urgent_channel": "phone", "response": "15 min on call, 4 h in hours, next working day otherwise",
     "hours": {"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "thu": "09:00-17:00", "fri": "09:00-17:00", "sat": "", "sun": ""}},
    {"name": "Bo", "zone": "Pacific/Chatham", "hours": {"mon": "22:00-06:00"}, "acceptable": {"tue": "08:00-20:00"},
     "time_off": [{"start": "2026-12-24T00:00:00Z", "end": "2026-12-27T00:00:00Z", "summary": "Christmas"}]}
  ],
  "rotations": [
    {"name": "Primary", "members": ["Ana", "Bo"], "shift": "7d", "handoff": "09:00", "zone": "Europe/Lisbon", "start": "2026-03-02",
     "overrides": [{"member": "Bo", "start": "2026-03-10T00:00:00Z", "end": "2026-03-11T00:00:00Z"}]}
  ],
  "escalation": {"repeat": 1, "levels": [
    {"after_minutes": 0, "targets": ["rotation:Primary"]},
    {"after_minutes": 15, "targets": ["member:Ana"]}]}
}`

func TestDecodeValidTeam(t *testing.T) {
	team, err := Decode(strings.NewReader(validTeam))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got := len(team.Members); got != 2 {
		t.Fatalf("members: got %d; want 2", got)
	}
	bo, ok := team.Member("bo")
	if !ok {
		t.Fatal(`Member("bo") not found (lookup must ignore case)`)
	}
	want := timezone.Range{Start: timezone.MustClock("22:00"), End: timezone.MustClock("06:00")}
	if len(bo.Hours[1]) != 1 || bo.Hours[1][0] != want || !bo.Hours[1][0].CrossesMidnight() {
		t.Errorf("Bo's Monday: got %v; want [22:00-06:00] crossing midnight", bo.Hours[1])
	}
	if len(bo.TimeOff) != 1 || bo.TimeOff[0].Summary != "Christmas" {
		t.Errorf("Bo's time off: got %+v", bo.TimeOff)
	}
	r, ok := team.Rotation("PRIMARY")
	if !ok || r.Shift != (oncall.ShiftLength{N: 7, Unit: oncall.Days}) || r.Handoff != timezone.MustClock("09:00") {
		t.Errorf("rotation: got %+v", r)
	}
	ana, _ := team.Member("Ana")
	if ana.UrgentChannel != roster.Phone || ana.Response != "15 min on call, 4 h in hours, next working day otherwise" ||
		bo.UrgentChannel != "" || bo.ResponseText() != roster.DefaultResponse {
		t.Errorf("availability: Ana %q %q, Bo %q %q; want Ana's phone and words, Bo with no preference and the default",
			ana.UrgentChannel, ana.Response, bo.UrgentChannel, bo.ResponseText())
	}
	if len(team.Policy.Levels) != 2 || team.Policy.Levels[1].Targets[0] != (oncall.Target{Kind: oncall.TargetMember, Name: "Ana"}) {
		t.Errorf("policy: got %+v", team.Policy)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"inline", "sample"} {
		t.Run(name, func(t *testing.T) {
			src := []byte(validTeam)
			if name == "sample" {
				var err error
				if src, err = os.ReadFile("../assets/sample-team.json"); err != nil {
					t.Fatal(err)
				}
			}
			first, err := Decode(bytes.NewReader(src))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			var out bytes.Buffer
			if err := Encode(&out, first); err != nil {
				t.Fatalf("Encode: %v", err)
			}
			second, err := Decode(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("Decode of the export: %v\n%s", err, out.String())
			}
			var again bytes.Buffer
			if err := Encode(&again, second); err != nil {
				t.Fatal(err)
			}
			if out.String() != again.String() {
				t.Errorf("export of the re-import differs:\n%s\n---\n%s", out.String(), again.String())
			}
		})
	}
}

// mutate returns validTeam with one replacement made; the test fails when the
// text to replace is missing, so a table row can never silently test nothing.
func mutate(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(validTeam, old) {
		t.Fatalf("test team has no %q", old)
	}
	return strings.Replace(validTeam, old, new, 1)
}

func TestDecodeBadInput(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		wantErr  error
		wantText []string // parts the message must name
	}{
		{"unknown zone", `"zone": "Europe/Lisbon", "email"`, `"zone": "Mars/Olympus", "email"`, timezone.ErrUnknownZone, []string{`member "Ana"`, "zone", `"Mars/Olympus"`}},
		{"hour 25", `"mon": "09:00-17:00"`, `"mon": "25:00-09:00"`, timezone.ErrBadClock, []string{`member "Ana"`, "hours mon", `"25:00-09:00"`}},
		{"9-5", `"tue": "09:00-17:00"`, `"tue": "9-5"`, timezone.ErrBadClock, []string{`member "Ana"`, "hours tue", `"9-5"`}},
		{"no dash", `"wed": "09:00-17:00"`, `"wed": "09:00"`, timezone.ErrBadHours, []string{"hours wed", `"09:00"`}},
		{"same start and end", `"thu": "09:00-17:00"`, `"thu": "09:00-09:00"`, timezone.ErrBadHours, []string{"hours thu"}},
		{"overlapping ranges", `"fri": "09:00-17:00"`, `"fri": "09:00-12:00,11:00-17:00"`, timezone.ErrBadHours, []string{"hours fri", "overlap"}},
		{"empty name", `"name": "Ana"`, `"name": "  "`, roster.ErrEmptyName, []string{"member 1"}},
		{"duplicate name", `"name": "Bo"`, `"name": "ana"`, roster.ErrDuplicateName, []string{`member "ana"`}},
		{"bad email", `"ana@example.com"`, `"ana at example"`, roster.ErrBadEmail, []string{`"ana at example"`}},
		{"unknown rotation member", `"members": ["Ana", "Bo"]`, `"members": ["Ana", "Cy"]`, team.ErrUnknownMember, []string{`rotation "Primary"`, `"Cy"`}},
		{"empty rotation", `"members": ["Ana", "Bo"]`, `"members": []`, oncall.ErrEmptyRotation, []string{`rotation "Primary"`}},
		{"bad shift", `"shift": "7d"`, `"shift": "7x"`, oncall.ErrBadShift, []string{`"7x"`}},
		{"unknown override member", `{"member": "Bo", "start"`, `{"member": "Zed", "start"`, team.ErrUnknownMember, []string{`"Zed"`}},
		{"override ends before start", `"end": "2026-03-11T00:00:00Z"`, `"end": "2026-03-09T00:00:00Z"`, oncall.ErrBadOverride, []string{`rotation "Primary"`}},
		{"unknown escalation target", `"member:Ana"`, `"member:Nobody"`, team.ErrUnknownMember, []string{"level 2", `"member:Nobody"`}},
		{"bad target kind", `"rotation:Primary"]`, `"team:Primary"]`, oncall.ErrBadTarget, []string{`"team:Primary"`}},
		{"unknown field", `"role": "Backend lead"`, `"rol": "Backend lead"`, ErrMalformed, []string{`"rol"`}},
		{"unknown urgent channel", `"urgent_channel": "phone"`, `"urgent_channel": "pager"`, roster.ErrBadChannel, []string{`member "Ana"`, `"pager"`}},
		{"urgent channel without contact", `"phone": "+351 000 000", `, ``, roster.ErrNoChannel, []string{`member "Ana"`, "urgent channel phone"}},
		{"response of two lines", `"response": "15 min on call`, `"response": "15 min\non call`, termsafe.ErrControl, []string{`member "Ana"`, "response"}},
		{"malformed JSON", `"repeat": 1,`, `"repeat": 1`, ErrMalformed, []string{"line"}},
		{"wrong type", `"repeat": 1`, `"repeat": "once"`, ErrMalformed, []string{"repeat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := mutate(t, tt.old, tt.new)
			_, err := Decode(strings.NewReader(src))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v; want %v", err, tt.wantErr)
			}
			for _, part := range tt.wantText {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("message %q does not name %s", err, part)
				}
			}
		})
	}
}

func TestDecodeOverlappingOverrides(t *testing.T) {
	src := mutate(t, `"end": "2026-03-11T00:00:00Z"}]`,
		`"end": "2026-03-11T00:00:00Z"}, {"member": "Ana", "start": "2026-03-10T12:00:00Z", "end": "2026-03-12T00:00:00Z"}]`)
	_, err := Decode(strings.NewReader(src))
	if !errors.Is(err, oncall.ErrOverlappingOverride) {
		t.Fatalf("got %v; want ErrOverlappingOverride", err)
	}
}

func TestDecodeEmptyAndHuge(t *testing.T) {
	if _, err := Decode(strings.NewReader("")); !errors.Is(err, ErrMalformed) {
		t.Errorf("empty file: got %v; want ErrMalformed", err)
	}
	huge := strings.NewReader(`{"members": [` + strings.Repeat(" ", MaxSize) + `]}`)
	if _, err := Decode(huge); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge file: got %v; want ErrTooLarge", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(validTeam))
	if sample, err := os.ReadFile("../assets/sample-team.json"); err == nil {
		f.Add(sample)
	}
	f.Add([]byte(`{"members":[{"name":"x","zone":"UTC","hours":{"mon":"23:59-00:01"}}]}`))
	f.Add([]byte(`{"rotations":[{"name":"r","members":["x"],"shift":"0h"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		team, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		// What decodes must encode and decode again to the same team.
		var out bytes.Buffer
		if err := Encode(&out, team); err != nil {
			t.Fatalf("Encode of a decoded team: %v", err)
		}
		if _, err := Decode(bytes.NewReader(out.Bytes())); err != nil {
			t.Fatalf("re-decode of an encoded team: %v\n%s", err, out.String())
		}
	})
}
