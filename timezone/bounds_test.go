package timezone

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckInstant(t *testing.T) {
	tests := []struct {
		at   string
		want error
	}{
		{"1969-12-31T23:59:59Z", ErrOutOfRange},
		{"1970-01-01T00:00:00Z", nil},
		{"1970-01-01T09:00:00+09:00", nil},
		{"1970-01-01T08:59:59+09:00", ErrOutOfRange},
		{"2026-03-08T07:00:00Z", nil},
		{"2199-12-31T23:59:59Z", nil},
		{"2200-01-01T00:00:00Z", nil}, // the end of the range is accepted: an interval may end there
		{"2200-01-01T00:00:01Z", ErrOutOfRange},
		{"2330-01-01T00:00:00Z", ErrOutOfRange},
		{"1700-01-01T00:00:00Z", ErrOutOfRange},
		{"0001-01-01T00:00:00Z", ErrOutOfRange}, // the zero time
	}
	for _, tt := range tests {
		at, err := time.Parse(time.RFC3339, tt.at)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckInstant("override start", at)
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("CheckInstant(%s) = %v; want %v", tt.at, err, tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "override start "+at.UTC().Format(time.RFC3339)+":") {
			t.Errorf("CheckInstant(%s) = %q; want the field and the instant in UTC first", tt.at, err)
		}
	}
}

func TestCheckDate(t *testing.T) {
	tests := []struct {
		d    Date
		want error
	}{
		{Date{1969, 12, 31}, ErrOutOfRange},
		{Date{1970, 1, 1}, nil},
		{Date{2026, 3, 2}, nil},
		{Date{2028, 2, 29}, nil},
		{Date{2026, 2, 29}, ErrBadDate},
		{Date{2026, 2, 30}, ErrBadDate},
		{Date{2026, 13, 1}, ErrBadDate},
		{Date{2026, 0, 1}, ErrBadDate},
		{Date{2026, 4, 0}, ErrBadDate},
		{Date{2199, 12, 31}, nil},
		{Date{2200, 1, 1}, ErrOutOfRange},
		{Date{1700, 1, 1}, ErrOutOfRange},
		{Date{}, ErrBadDate},
	}
	for _, tt := range tests {
		err := CheckDate("start", tt.d)
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("CheckDate(%s) = %v; want %v", tt.d, err, tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "start "+tt.d.String()+":") {
			t.Errorf("CheckDate(%s) = %q; want the field and the date first", tt.d, err)
		}
	}
}

func TestDaysUntilFarApart(t *testing.T) {
	tests := []struct {
		from, to Date
		want     int
	}{
		{Date{2026, 3, 1}, Date{2026, 3, 8}, 7},
		{Date{2026, 3, 8}, Date{2026, 3, 1}, -7},
		{Date{1700, 1, 1}, Date{2026, 1, 1}, 119069}, // more than time.Duration's 292 years
		{Date{1970, 1, 1}, Date{2200, 1, 1}, 84006},
		{Date{9999, 12, 31}, Date{1, 1, 1}, -3652058},
	}
	for _, tt := range tests {
		if got := tt.from.DaysUntil(tt.to); got != tt.want {
			t.Errorf("%s.DaysUntil(%s) = %d; want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestClampInterval(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct{ from, to, wantFrom, wantTo string }{
		{"2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		{"1900-01-01T00:00:00Z", "1970-01-02T00:00:00Z", "1970-01-01T00:00:00Z", "1970-01-02T00:00:00Z"},
		{"2199-12-31T00:00:00Z", "2330-01-01T00:00:00Z", "2199-12-31T00:00:00Z", "2200-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		got := ClampInterval(Interval{Start: at(tt.from), End: at(tt.to)})
		if !got.Start.Equal(at(tt.wantFrom)) || !got.End.Equal(at(tt.wantTo)) {
			t.Errorf("ClampInterval(%s..%s) = %s..%s; want %s..%s", tt.from, tt.to, got.Start, got.End, tt.wantFrom, tt.wantTo)
		}
	}
	if got := ClampInterval(Interval{Start: at("2300-01-01T00:00:00Z"), End: at("2330-01-01T00:00:00Z")}); !got.IsEmpty() {
		t.Errorf("ClampInterval of 2300..2330 = %v; want empty", got)
	}
}

// TestMessagesQuoteHugeValues checks that a parse error about a 10 MB value
// stays short: the value is quoted and cut, not repeated.
func TestMessagesQuoteHugeValues(t *testing.T) {
	huge := strings.Repeat("9", 10<<20)
	errs := []error{}
	_, err := ParseDate(huge)
	errs = append(errs, err)
	_, err = ParseClock(huge)
	errs = append(errs, err)
	_, err = ParseDayHours(huge)
	errs = append(errs, err)
	_, err = LoadZone(huge)
	errs = append(errs, err)
	_, err = ParseWeek("hours", map[string]string{huge: "09:00-17:00"})
	errs = append(errs, err)
	_, err = ParseWeek("hours", map[string]string{"mon": huge})
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "(10485760 characters)") {
			t.Errorf("error %d: %.300v (%d bytes); want a short message giving the length", i, err, len(err.Error()))
		}
	}
}

func TestFairRotationOutOfRange(t *testing.T) {
	p := []Person{{Name: "A", Loc: time.UTC}}
	for _, first := range []Date{{1700, 1, 4}, {2199, 12, 1}} {
		if _, err := FairRotation(p, first, time.UTC, 10, time.Hour); !errors.Is(err, ErrOutOfRange) {
			t.Errorf("FairRotation from %s, 10 weeks: %v; want ErrOutOfRange", first, err)
		}
	}
}
