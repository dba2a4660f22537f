package roster

import (
	"errors"
	"testing"

	"dev.remotecto/remotecto/timezone"
)

func TestCheckPhone(t *testing.T) {
	tests := []struct {
		phone string
		ok    bool
	}{
		{"", true},
		{"+351 912 345 678", true},
		{"+1 (212) 555-0100 x42", true},
		{"+7 (495) 123-45-67", true},
		{"0047 22 12 34 56", true},
		{"+44 20 7946 0958 ext. 12", true},
		{"555.0100", true},
		{"call me maybe", false},
		{"+351 Ana", false},
		{"12", false},
		{"++351 1234", false},
		{"+351 x", false},
	}
	for _, tt := range tests {
		err := CheckPhone(tt.phone)
		if tt.ok && err != nil {
			t.Errorf("CheckPhone(%q) = %v; want ok", tt.phone, err)
		}
		if !tt.ok && !errors.Is(err, ErrBadPhone) {
			t.Errorf("CheckPhone(%q) = %v; want ErrBadPhone", tt.phone, err)
		}
	}
}

func week(t *testing.T, mon string) timezone.WeekHours {
	t.Helper()
	var w timezone.WeekHours
	d, err := timezone.ParseDayHours(mon)
	if err != nil {
		t.Fatal(err)
	}
	w[1] = d
	return w
}

func TestAcceptableHoursMustIncludeWorkingHours(t *testing.T) {
	tests := []struct {
		hours, acceptable string
		ok                bool
	}{
		{"09:00-17:00", "08:00-20:00", true},
		{"09:00-17:00", "09:00-17:00", true},
		{"09:00-17:00", "", true},
		{"09:00-17:00", "10:00-20:00", false},
		{"09:00-17:00", "08:00-16:59", false},
		{"09:00-12:00,13:00-17:00", "08:00-12:30,12:45-18:00", true},
		{"09:00-12:00,13:00-17:00", "08:00-12:00,14:00-18:00", false},
		{"22:00-06:00", "20:00-08:00", true}, // both cross midnight
		{"22:00-06:00", "20:00-23:59", false},
		{"09:00-17:00", "00:00-24:00", true},
	}
	for _, tt := range tests {
		m := Member{Name: "Ana", Zone: "Europe/Lisbon", Hours: week(t, tt.hours), Acceptable: week(t, tt.acceptable)}
		_, errs := m.Check()
		err := errs.Field("acceptable.mon")
		if tt.ok && err != nil {
			t.Errorf("hours %s, acceptable %s: %v; want ok", tt.hours, tt.acceptable, err)
		}
		if !tt.ok && !errors.Is(err, ErrNarrowAcceptable) {
			t.Errorf("hours %s, acceptable %s: %v; want ErrNarrowAcceptable", tt.hours, tt.acceptable, err)
		}
	}
}

func TestCheckReportsEveryFieldAndNormalizeTheFirst(t *testing.T) {
	m := Member{Name: " ", Zone: "", Email: "nope", Phone: "call me maybe"}
	_, errs := m.Check()
	for _, f := range []string{"name", "zone", "email", "phone"} {
		if !errs.Has(f) {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
	if !errors.Is(errs.Field("zone"), ErrNoZone) {
		t.Errorf("empty zone: %v; want ErrNoZone", errs.Field("zone"))
	}
	if _, err := m.Normalize(); !errors.Is(err, ErrEmptyName) {
		t.Errorf("Normalize() = %v; want the first error, ErrEmptyName", err)
	}
}

func TestCheckUnique(t *testing.T) {
	ms := []Member{{ID: 1, Name: "Ana"}, {ID: 2, Name: "Élodie"}}
	if err := CheckUnique(ms, Member{Name: "ana"}); !errors.Is(err, ErrDuplicateName) {
		t.Errorf("new member named like Ana: %v", err)
	}
	if err := CheckUnique(ms, Member{ID: 1, Name: "ANA"}); err != nil {
		t.Errorf("Ana renamed in case: %v", err)
	}
	if err := CheckUnique(ms, Member{ID: 1, Name: "élodie"}); !errors.Is(err, ErrDuplicateName) {
		t.Errorf("Ana renamed to élodie: %v", err)
	}
}
