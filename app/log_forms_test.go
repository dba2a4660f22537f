package app

import (
	"testing"
	"time"
)

func TestParseLocal(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for in, want := range map[string]string{
		"2026-03-16 09:30":  "2026-03-16T13:30:00Z",
		"2026-03-16T09:30":  "2026-03-16T13:30:00Z",
		"2026-03-16":        "2026-03-16T04:00:00Z",
		" 2026-03-08 02:30": "2026-03-08T07:30:00Z", // in the DST gap: moves forward to 03:30 EDT
		"2026-11-01 01:30":  "2026-11-01T05:30:00Z", // twice on the clock: the first (EDT)
	} {
		got, err := parseLocal("date", in, ny)
		if err != nil || got.UTC().Format(time.RFC3339) != want {
			t.Errorf("parseLocal(%q) = %s, %v; want %s", in, got.UTC().Format(time.RFC3339), err, want)
		}
	}
	for _, in := range []string{"", "2026-02-30 10:00", "2026-03-16 25:00", "2026-03-16 24:00", "16/03/2026", "2026-03-16 9"} {
		if _, err := parseLocal("date", in, ny); err == nil {
			t.Errorf("parseLocal(%q) accepted; want an error", in)
		}
	}
}

func FuzzParseLocal(f *testing.F) {
	for _, s := range []string{"2026-03-16 09:30", "2026-03-16", "2026-03-08T02:30", "x", "2026-03-16  ", "2026-03-16 24:00"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Australia/Lord_Howe")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseLocal("date", s, loc)
		if err == nil && got.IsZero() {
			t.Fatalf("parseLocal(%q) = zero time without an error", s)
		}
	})
}
