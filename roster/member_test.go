package roster

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		m       Member
		wantErr error
	}{
		{"valid", Member{Name: " Ana ", Zone: "Europe/Lisbon", Email: "ana@example.com"}, nil},
		{"empty name", Member{Name: "  ", Zone: "UTC"}, ErrEmptyName},
		{"long name", Member{Name: string(make([]rune, 81)), Zone: "UTC"}, ErrNameTooLong},
		{"unknown zone", Member{Name: "Ana", Zone: "Mars/Olympus"}, timezone.ErrUnknownZone},
		{"Local is not a zone", Member{Name: "Ana", Zone: "Local"}, timezone.ErrUnknownZone},
		{"bad email", Member{Name: "Ana", Zone: "UTC", Email: "ana@"}, ErrBadEmail},
		{"email with display name", Member{Name: "Ana", Zone: "UTC", Email: "Ana <ana@example.com>"}, ErrBadEmail},
		{"time off backwards", Member{Name: "Ana", Zone: "UTC", TimeOff: []TimeOff{{
			Start: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}}, ErrBadTimeOff},
	}
	for _, tt := range tests {
		got, err := tt.m.Normalize()
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got error %v; want %v", tt.name, err, tt.wantErr)
		}
		if err == nil && got.Name != "Ana" {
			t.Errorf("%s: name not trimmed: %q", tt.name, got.Name)
		}
	}
}

func TestWorkingAtAndAway(t *testing.T) {
	m := Member{Name: "Sagar", Zone: "Asia/Kathmandu"} // UTC+5:45
	m.Hours[time.Monday] = timezone.DayHours{{Start: timezone.MustClock("22:00"), End: timezone.MustClock("06:00")}}
	m.TimeOff = []TimeOff{{Start: time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}}
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 11, 23, 16, 14, 0, 0, time.UTC), false}, // Mon 21:59 local
		{time.Date(2026, 11, 23, 16, 15, 0, 0, time.UTC), true},  // Mon 22:00 local
		{time.Date(2026, 11, 24, 0, 14, 0, 0, time.UTC), true},   // Tue 05:59 local: Monday's hours
		{time.Date(2026, 11, 24, 0, 15, 0, 0, time.UTC), false},  // Tue 06:00 local: end is exclusive
		{time.Date(2026, 11, 24, 16, 15, 0, 0, time.UTC), false}, // Tue 22:00: Tuesday is off
		{time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), true},   // next Mon 22:45, before time off
		{time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC), false},  // time off starts
	}
	for _, tt := range tests {
		if got := m.WorkingAt(tt.at); got != tt.want {
			t.Errorf("WorkingAt(%s = %s local) = %v; want %v", tt.at.Format(time.RFC3339),
				tt.at.In(mustZone(t, m.Zone)).Format("Mon 15:04"), got, tt.want)
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := timezone.LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestUrgentChannelAndResponse(t *testing.T) {
	ana := Member{Name: "Ana", Zone: "UTC", Email: "ana@example.com", Chat: "@ana"}
	tests := []struct {
		name    string
		channel Channel
		resp    string
		wantErr error
	}{
		{"no preference", "", "", nil},
		{"email", "EMAIL", "1 h", nil},
		{"chat", Chat, "15 min on call, 4 h in hours, next working day otherwise", nil},
		{"phone without a number", Phone, "", ErrNoChannel},
		{"unknown channel", "pager", "", ErrBadChannel},
		{"response of two lines", "", "15 min\\nor later", nil},
		{"response with a newline", "", "15 min\nor later", termsafe.ErrControl},
		{"response too long", "", strings.Repeat("é", 201), ErrLongResponse},
	}
	for _, tt := range tests {
		m := ana
		m.UrgentChannel, m.Response = tt.channel, tt.resp
		got, err := m.Normalize()
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Normalize error = %v; want %v", tt.name, err, tt.wantErr)
			continue
		}
		if err == nil && got.UrgentChannel != Channel(strings.ToLower(string(tt.channel))) {
			t.Errorf("%s: channel %q; want it lower-cased", tt.name, got.UrgentChannel)
		}
	}
	if got := ana.ResponseText(); got != DefaultResponse {
		t.Errorf("ResponseText() with none given = %q; want the default", got)
	}
	// With no preference the phone comes first, then chat, then email.
	for _, tt := range []struct {
		m           Member
		want        Channel
		wantContact string
	}{
		{ana, Chat, "@ana"},
		{Member{Phone: "+351 1", Email: "a@b.example"}, Phone, "+351 1"},
		{Member{Email: "a@b.example"}, Email, "a@b.example"},
		{Member{UrgentChannel: Email, Phone: "+351 1", Email: "a@b.example"}, Email, "a@b.example"},
	} {
		c, contact, ok := tt.m.Urgent()
		if !ok || c != tt.want || contact != tt.wantContact {
			t.Errorf("Urgent() of %+v = %s %q %v; want %s %q", tt.m, c, contact, ok, tt.want, tt.wantContact)
		}
	}
	if _, _, ok := (Member{Name: "Nobody"}).Urgent(); ok {
		t.Error("Urgent() of a member without contacts reports one")
	}
}
