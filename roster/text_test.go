package roster

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

func TestNormalizeRefusesControlCharacters(t *testing.T) {
	day := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		m       Member
		wantErr error
		field   string // the message starts with it
	}{
		{"escape in the name", Member{Name: "Ana\x1b[31m", Zone: "UTC"}, termsafe.ErrControl, `name "Ana\x1b[31m"`},
		{"newline in the name", Member{Name: "Ana\n# Boss", Zone: "UTC"}, termsafe.ErrControl, `name "Ana\n# Boss"`},
		{"NUL in the name", Member{Name: "Ana\x00", Zone: "UTC"}, termsafe.ErrControl, `name "Ana\x00"`},
		{"tab in the name", Member{Name: "A\tna", Zone: "UTC"}, termsafe.ErrControl, `name "A\tna"`},
		{"invalid UTF-8 in the name", Member{Name: "An\xe1", Zone: "UTC"}, termsafe.ErrInvalidUTF8, `name "An\xe1"`},
		{"escape in the role", Member{Name: "Ana", Zone: "UTC", Role: "Lead\x1b]0;pwned\a"}, termsafe.ErrControl, `role "Lead\x1b]0;pwned\a"`},
		{"CR in the email", Member{Name: "Ana", Zone: "UTC", Email: "ana\r@example.com"}, termsafe.ErrControl, `email "ana\r@example.com"`},
		{"newline in the phone", Member{Name: "Ana", Zone: "UTC", Phone: "+351\n000"}, termsafe.ErrControl, `phone "+351\n000"`},
		{"DEL in the chat handle", Member{Name: "Ana", Zone: "UTC", Chat: "@ana\x7f"}, termsafe.ErrControl, `chat "@ana\x7f"`},
		{"C1 control in the role", Member{Name: "Ana", Zone: "UTC", Role: "x\u009b2J"}, termsafe.ErrControl, `role "x\u009b2J"`},
		{"invalid UTF-8 in the phone", Member{Name: "Ana", Zone: "UTC", Phone: "\xff"}, termsafe.ErrInvalidUTF8, `phone "\xff"`},
		{"escape in a time off summary", Member{Name: "Ana", Zone: "UTC", TimeOff: []TimeOff{{Start: day, End: day.Add(time.Hour), Summary: "\x1b[2J"}}},
			termsafe.ErrControl, `time off summary "\x1b[2J"`},
		{"summary of two lines is fine", Member{Name: "Ana", Zone: "UTC", TimeOff: []TimeOff{{Start: day, End: day.Add(time.Hour), Summary: "Holiday\nin Porto"}}}, nil, ""},
		{"accents, CJK and emoji are fine", Member{Name: "José 日本 🎉", Zone: "UTC", Role: "Lead — backend"}, nil, ""},
	}
	for _, tt := range tests {
		_, err := tt.m.Normalize()
		if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
			t.Errorf("%s: Normalize = %v; want %v", tt.name, err, tt.wantErr)
			continue
		}
		if err != nil && !strings.HasPrefix(err.Error(), tt.field) {
			t.Errorf("%s: message %q; want it to start with %s", tt.name, err, tt.field)
		}
	}
}

func TestNormalizeTimeOffRange(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		start, end string
		want       error
	}{
		{"2026-12-24T00:00:00Z", "2026-12-27T00:00:00Z", nil},
		{"1969-12-24T00:00:00Z", "1970-01-02T00:00:00Z", timezone.ErrOutOfRange},
		{"2199-12-24T00:00:00Z", "2200-01-01T00:00:00Z", nil},
		{"2199-12-24T00:00:00Z", "2330-01-01T00:00:00Z", timezone.ErrOutOfRange},
		{"0001-01-01T00:00:00Z", "2026-01-01T00:00:00Z", timezone.ErrOutOfRange},
		{"2026-12-27T00:00:00Z", "2026-12-24T00:00:00Z", ErrBadTimeOff},
	}
	for _, tt := range tests {
		m := Member{Name: "Ana", Zone: "UTC", TimeOff: []TimeOff{{Start: at(tt.start), End: at(tt.end), Summary: "Away"}}}
		_, err := m.Normalize()
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("time off %s..%s: Normalize = %v; want %v", tt.start, tt.end, err, tt.want)
		}
		_, err = m.TimeOff[0].Normalize()
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("TimeOff %s..%s: Normalize = %v; want %v", tt.start, tt.end, err, tt.want)
		}
	}
}

func TestMessagesQuoteHugeValues(t *testing.T) {
	huge := strings.Repeat("é", 10<<20)
	for _, m := range []Member{
		{Name: huge, Zone: "UTC"},
		{Name: "Ana", Zone: huge},
		{Name: "Ana", Zone: "UTC", Email: huge},
		{Name: "Ana", Zone: "UTC", Role: huge + "\x00"},
		{Name: "Ana", Zone: "UTC", TimeOff: []TimeOff{{Summary: huge}}},
	} {
		_, err := m.Normalize()
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "characters)") {
			t.Errorf("Normalize of a 10 MB field: %.300v (%d bytes); want a message of at most 300 bytes giving the length", err, len(err.Error()))
		}
	}
}
