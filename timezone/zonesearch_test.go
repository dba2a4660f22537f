package timezone

import (
	"errors"
	"testing"
)

func TestFindZonesByCity(t *testing.T) {
	for _, tc := range []struct{ query, first string }{
		{"toronto", "America/Toronto"},
		{"Toronto", "America/Toronto"},
		{"kolkata", "Asia/Kolkata"},
		{"new york", "America/New_York"},
		{"new_york", "America/New_York"},
		{"St. John's", "America/St_Johns"},
		{"são paulo", "America/Sao_Paulo"},
		{"europe/berl", "Europe/Berlin"},
		{"buenos", "America/Argentina/Buenos_Aires"},
	} {
		got := FindZones(tc.query)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("FindZones(%q) = %v; want %s first", tc.query, got, tc.first)
		}
	}
	if got := FindZones("  "); len(got) != 0 {
		t.Errorf("FindZones(blank) = %v; want nothing", got)
	}
}

func TestResolveZone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Europe/Lisbon", "Europe/Lisbon"},
		{"toronto", "America/Toronto"},
		{" st johns ", "America/St_Johns"},
		{"UTC", "UTC"},
	} {
		got, err := ResolveZone(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ResolveZone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want error
	}{
		{"", ErrNoZone},
		{"   ", ErrNoZone},
		{"america", ErrAmbiguousZone},
		{"Mars/Olympus", ErrUnknownZone},
	} {
		if _, err := ResolveZone(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("ResolveZone(%q) error = %v; want %v", tc.in, err, tc.want)
		}
	}
}

func TestCity(t *testing.T) {
	for in, want := range map[string]string{"America/St_Johns": "St Johns", "UTC": "UTC",
		"America/Argentina/Buenos_Aires": "Buenos Aires", "Europe/Berlin": "Berlin"} {
		if got := City(in); got != want {
			t.Errorf("City(%q) = %q; want %q", in, got, want)
		}
	}
}
