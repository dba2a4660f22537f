package timezone

import (
	"errors"
	"testing"
	"time"
)

func TestLocalNameFromTZ(t *testing.T) {
	tests := []struct{ tz, want string }{
		{"Asia/Kathmandu", "Asia/Kathmandu"},
		{":Pacific/Chatham", "Pacific/Chatham"},
		{"", "UTC"},
	}
	for _, tt := range tests {
		t.Setenv("TZ", tt.tz)
		if got := LocalName(); got != tt.want {
			t.Errorf("TZ=%q: LocalName() = %q; want %q", tt.tz, got, tt.want)
		}
	}
	t.Setenv("TZ", "Pacific/Kiritimati")
	if got := Local().String(); got != "Pacific/Kiritimati" {
		t.Errorf("Local() = %q; want Pacific/Kiritimati", got)
	}
}

func TestNameOfLocalIsNeverLocal(t *testing.T) {
	t.Setenv("TZ", "America/St_Johns")
	if got := Name(time.Local); got != "America/St_Johns" {
		t.Errorf("Name(time.Local) = %q; want America/St_Johns", got)
	}
	lisbon, _ := LoadZone("Europe/Lisbon")
	if got := Name(lisbon); got != "Europe/Lisbon" {
		t.Errorf("Name(lisbon) = %q", got)
	}
}

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		err  bool
	}{
		{"00:00", 0, false},
		{"9:30", 570, false},
		{"23:59", 1439, false},
		{"24:00", 0, true},
		{"25:00", 0, true},
		{"12:60", 0, true},
		{"noon", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseTimeOfDay(tt.in)
		if tt.err {
			if !errors.Is(err, ErrBadClock) {
				t.Errorf("ParseTimeOfDay(%q) error = %v; want ErrBadClock", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
