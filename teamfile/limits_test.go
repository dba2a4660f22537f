package teamfile

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/roster"
	"dev.remotecto/remotecto/timezone"
)

// bigTeam writes a team file with n members (M0, M1, ...) and the given
// rotations, overrides per rotation, time off for M0 and escalation levels.
func bigTeam(members, rotations, rotationMembers, overrides, timeOff, levels, targets int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"members": [`)
	for i := 0; i < members; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"name": "M%d", "zone": "UTC", "hours": {}`, i)
		if i == 0 && timeOff > 0 {
			b.WriteString(`, "time_off": [`)
			for j := 0; j < timeOff; j++ {
				if j > 0 {
					b.WriteString(",")
				}
				s := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(j) * time.Hour)
				fmt.Fprintf(&b, `{"start": %q, "end": %q}`, s.Format(time.RFC3339), s.Add(time.Hour).Format(time.RFC3339))
			}
			b.WriteString(`]`)
		}
		b.WriteString(`}`)
	}
	b.WriteString("],\n\"rotations\": [")
	for i := 0; i < rotations; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"name": "R%d", "shift": "1d", "handoff": "09:00", "zone": "UTC", "start": "2026-01-01", "members": [`, i)
		for j := 0; j < rotationMembers; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"M%d"`, j%members)
		}
		b.WriteString(`], "overrides": [`)
		for j := 0; j < overrides; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			s := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(j) * time.Hour)
			fmt.Fprintf(&b, `{"member": "M0", "start": %q, "end": %q}`, s.Format(time.RFC3339), s.Add(time.Hour).Format(time.RFC3339))
		}
		b.WriteString(`]}`)
	}
	b.WriteString("],\n\"escalation\": {\"repeat\": 0, \"levels\": [")
	for i := 0; i < levels; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"after_minutes": %d, "targets": [`, i)
		for j := 0; j < targets; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"member:M0"`)
		}
		b.WriteString(`]}`)
	}
	b.WriteString("]}}\n")
	return b.Bytes()
}

func TestDecodeLimits(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // in the message; "" means the file decodes
	}{
		{"10,000 members", bigTeam(MaxMembers, 1, 2, 0, 0, 1, 1), ""},
		{"10,001 members", bigTeam(MaxMembers+1, 1, 2, 0, 0, 1, 1), "more than 10000 members"},
		{"320,000 members", bigTeam(320_000, 1, 2, 0, 0, 1, 1), "more than 10000 members"},
		{"1,000 rotations", bigTeam(2, MaxRotations, 2, 0, 0, 1, 1), ""},
		{"1,001 rotations", bigTeam(2, MaxRotations+1, 2, 0, 0, 1, 1), "more than 1000 rotations"},
		{"10,001 turns in a rotation", bigTeam(2, 1, MaxRotationMembers+1, 0, 0, 1, 1), `rotation 1: more than 10000 members`},
		{"10,000 overrides", bigTeam(2, 1, 2, MaxOverrides, 0, 1, 1), ""},
		{"10,001 overrides", bigTeam(2, 1, 2, MaxOverrides+1, 0, 1, 1), "rotation 1: more than 10000 overrides"},
		{"10,001 time off", bigTeam(2, 1, 2, 0, MaxTimeOff+1, 1, 1), "member 1: more than 10000 time_off"},
		{"51 levels", bigTeam(2, 1, 2, 0, 0, MaxLevels+1, 1), "escalation: more than 50 levels"},
		{"501 targets", bigTeam(2, 1, 2, 0, 0, 1, MaxTargets+1), "escalation: level 1: more than 500 targets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Decode of %d bytes: %v", len(tt.data), err)
				}
				return
			}
			if !errors.Is(err, ErrTooMany) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode of %d bytes = %v; want ErrTooMany naming %q", len(tt.data), err, tt.want)
			}
		})
	}
}

// TestDecodeRefusesManyMembersEarly decodes 320,000 members (once 6 s and
// 2 GB allocated here, 32 s and 925 MB through an import) and checks that
// the refusal comes before they are all read.
func TestDecodeRefusesManyMembersEarly(t *testing.T) {
	data := bigTeam(320_000, 1, 2, 0, 0, 1, 1)
	if len(data) > MaxSize {
		t.Fatalf("test file of %d bytes is over MaxSize", len(data))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Decode(bytes.NewReader(data))
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	t.Logf("%d bytes refused in %s, %d MB allocated", len(data), took, (after.TotalAlloc-before.TotalAlloc)>>20)
	if !errors.Is(err, ErrTooMany) {
		t.Fatalf("Decode = %v; want ErrTooMany", err)
	}
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 200 {
		t.Errorf("Decode allocated %d MB before refusing; want at most 200", mb)
	}
	if want := fmt.Sprintf("line %d", MaxMembers+1); !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not name %s, where member 10,001 starts", err, want)
	}
}

func TestDecodeHostileText(t *testing.T) {
	huge := strings.Repeat("Z", 8<<20)
	tests := []struct {
		name     string
		old, new string
		want     error
		text     string
	}{
		{"escape in a name", `"name": "Ana"`, `"name": "Ana\u001b[2J"`, termsafe.ErrControl, `name "Ana\x1b[2J"`},
		{"NUL in a role", `"role": "Backend lead"`, `"role": "Backend\u0000lead"`, termsafe.ErrControl, `role "Backend\x00lead"`},
		{"newline in a phone", `"phone": "+351 000 000"`, `"phone": "+351\n000"`, termsafe.ErrControl, `phone "+351\n000"`},
		{"escape in a rotation member", `"members": ["Ana", "Bo"]`, `"members": ["Ana", "Bo\u001b"]`, termsafe.ErrControl, `member 2 "Bo\x1b"`},
		{"start in 1700", `"start": "2026-03-02"`, `"start": "1700-01-01"`, timezone.ErrOutOfRange, `rotation "Primary": start 1700-01-01`},
		{"override in 2330", `"start": "2026-03-10T00:00:00Z", "end": "2026-03-11T00:00:00Z"`,
			`"start": "2330-03-10T00:00:00Z", "end": "2330-03-11T00:00:00Z"`, timezone.ErrOutOfRange, "override"},
		{"time off in 1900", `"start": "2026-12-24T00:00:00Z"`, `"start": "1900-12-24T00:00:00Z"`, timezone.ErrOutOfRange, "time off"},
		{"8 MB name", `"name": "Bo"`, `"name": "` + huge + `"`, roster.ErrNameTooLong, "(8388608 characters)"},
		{"8 MB unknown zone", `"zone": "Pacific/Chatham"`, `"zone": "` + huge + `"`, timezone.ErrUnknownZone, "(8388608 characters)"},
		{"8 MB bad instant", `"start": "2026-12-24T00:00:00Z"`, `"start": "` + huge + `"`, nil, "(8388608 characters)"},
		{"8 MB bad handoff", `"handoff": "09:00"`, `"handoff": "` + huge + `"`, nil, "(8388608 characters)"},
		{"8 MB bad coverage", `"shift": "7d"`, `"shift": "7d", "coverage": "` + huge + `"`, nil, "(8388608 characters)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(mutate(t, tt.old, tt.new)))
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("Decode = %.300v; want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) || len(err.Error()) > 400 {
				t.Errorf("message %.400q (%d bytes); want %s in at most 400 bytes", err, len(err.Error()), tt.text)
			}
		})
	}
}

func TestDecodeTypeErrorLine(t *testing.T) {
	data := bigTeam(5, 1, 2, 0, 0, 1, 1)
	data = bytes.Replace(data, []byte(`{"name": "M3", "zone": "UTC"`), []byte(`{"name": "M3", "zone": 7`), 1)
	_, err := Decode(bytes.NewReader(data))
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "line 4:") || !strings.Contains(err.Error(), `"members.zone"`) {
		t.Errorf("Decode = %v; want ErrMalformed at line 4 naming zone", err)
	}
	data = bigTeam(5, 1, 2, 0, 0, 1, 1)
	data = bytes.Replace(data, []byte(`{"name": "M2", "zone": "UTC"`), []byte(`{"name": "M2", "zone": "UTC",, `), 1)
	if _, err = Decode(bytes.NewReader(data)); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "line 3:") {
		t.Errorf("Decode = %v; want ErrMalformed at line 3", err)
	}
}

func TestDecodeShapes(t *testing.T) {
	tests := []struct {
		name, src string
		want      error
		text      string
		members   int
	}{
		{"null is an empty team", `null`, nil, "", 0},
		{"empty object", ` {} `, nil, "", 0},
		{"null lists", `{"members": null, "rotations": null, "escalation": null}`, nil, "", 0},
		{"field names ignore case", `{"Members": [{"Name": "Ana", "ZONE": "UTC", "hours": {}}]}`, nil, "", 1},
		{"a list", `[]`, ErrMalformed, "must be a JSON object", 0},
		{"a string", `"team"`, ErrMalformed, "must be a JSON object", 0},
		{"members not a list", `{"members": {"name": "Ana"}}`, ErrMalformed, `field "members" must be a list`, 0},
		{"unknown top-level field", "{\n\"members\": [],\n\"teams\": []}", ErrMalformed, `line 3: unknown field "teams"`, 0},
		{"unknown field in a member", `{"members": [{"name": "Ana", "zone": "UTC", "rol": "x"}]}`, ErrMalformed, `"rol"`, 0},
		{"type error in the escalation", "{\"escalation\":\n\n {\"repeat\": \"once\"}}", ErrMalformed, `line 3: field "escalation.repeat"`, 0},
		{"type error in a rotation", "{\"rotations\": [{\"name\": \"R\"},\n {\"name\": 5}]}", ErrMalformed, `line 2: field "rotations.name"`, 0},
		{"extra data", `{} {}`, ErrMalformed, "extra data", 0},
		{"cut short", `{"members": [`, ErrMalformed, "line 1: unexpected end of JSON input", 0},
		{"syntax error line", "{\"members\": [\n{\"name\": \"Ana\"},\n{\"name\" \"Bo\"}]}", ErrMalformed, "line 3", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			team, err := Decode(strings.NewReader(tt.src))
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("Decode(%s) = %v; want %v", tt.src, err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), tt.text) {
				t.Errorf("Decode(%s) = %q; want it to say %s", tt.src, err, tt.text)
			}
			if err == nil && len(team.Members) != tt.members {
				t.Errorf("Decode(%s): %d members; want %d", tt.src, len(team.Members), tt.members)
			}
		})
	}
}

func TestDecodeJSONErrorsStayShort(t *testing.T) {
	huge := strings.Repeat("k", 8<<20)
	digits := strings.Repeat("9", 8<<20)
	for _, src := range []string{
		`{"members": [{"name": "Ana", "zone": "UTC", "` + huge + `": 1}]}`,
		`{"` + huge + `": 1}`,
		`{"escalation": {"repeat": "` + huge + `"}}`,
		`{"escalation": {"repeat": ` + digits + `}}`,
		`{"members": [{"name": ` + digits + `}]}`,
	} {
		_, err := Decode(strings.NewReader(src))
		if !errors.Is(err, ErrMalformed) || len(err.Error()) > 300 {
			t.Errorf("Decode: %.300v (%d bytes); want ErrMalformed in at most 300 bytes", err, len(err.Error()))
		}
	}
}
