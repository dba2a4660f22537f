package worklog

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dev.remotecto/remotecto/timezone"
)

func date(s string) timezone.Date {
	d, err := timezone.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseAction(t *testing.T) {
	members := []string{"Ana", "Bo Chen", "Ravi"}
	cases := []struct {
		in   string
		want ActionItem
	}{
		{"send the draft", ActionItem{Text: "send the draft", Owner: "Ravi"}},
		{"ana: send the draft @2026-12-01", ActionItem{Text: "send the draft", Owner: "Ana", Due: date("2026-12-01")}},
		{"Bo Chen:   book the room", ActionItem{Text: "book the room", Owner: "Bo Chen"}},
		{"Note: ask about C++ @2026-02-28", ActionItem{Text: "Note: ask about C++", Owner: "Ravi", Due: date("2026-02-28")}},
		{"email dev@example.com", ActionItem{Text: "email dev@example.com", Owner: "Ravi"}},
		{"Ana: 🚀 ship it, café ✓", ActionItem{Text: "🚀 ship it, café ✓", Owner: "Ana"}},
	}
	for _, c := range cases {
		got, err := ParseAction(c.in, "Ravi", members)
		if err != nil || got != c.want {
			t.Errorf("ParseAction(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "   ", "Ana:", "@2026-12-01", "do it @2026-02-30", "do it @tomorrow"} {
		if _, err := ParseAction(in, "Ravi", members); err == nil {
			t.Errorf("ParseAction(%q) accepted; want an error", in)
		} else if !errors.Is(err, ErrBadAction) && !errors.Is(err, ErrEmptyText) {
			t.Errorf("ParseAction(%q) error = %v; want ErrBadAction or ErrEmptyText", in, err)
		}
	}
}

func FuzzParseAction(f *testing.F) {
	for _, s := range []string{"Ana: do it @2026-12-01", "x @", "@", ":", "Ana:@2026-01-01", "a\x00b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAction(s, "Me", []string{"Ana", "Bo"})
		if err != nil {
			return
		}
		if a.Text == "" || !utf8.ValidString(a.Text) {
			t.Fatalf("ParseAction(%q) = %+v: empty or invalid text", s, a)
		}
		back, err := ParseAction(FormatAction(a), "Me", []string{"Ana", "Bo"})
		if err != nil || back.Due != a.Due || back.Owner != a.Owner {
			t.Fatalf("ParseAction(FormatAction(%+v)) = %+v, %v; want the same owner and due", a, back, err)
		}
	})
}

func TestCarryForward(t *testing.T) {
	open := []ActionItem{
		{ID: 1, Text: "old one", Raised: date("2026-01-05")},
		{ID: 2, Text: "old two", Raised: date("2026-01-19")},
		{ID: 3, Text: "closed", Done: true},
	}
	items := []ActionItem{
		{Text: "new"},
		{ID: 2, Text: "old two, edited", Done: true},
	}
	got := CarryForward(open, items)
	want := []ActionItem{
		{ID: 2, Text: "old two, edited", Done: true},
		{ID: 1, Text: "old one", Raised: date("2026-01-05")},
		{Text: "new"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CarryForward = %+v; want %+v", got, want)
	}
	if got := CarryForward(nil, nil); len(got) != 0 {
		t.Errorf("CarryForward(nil, nil) = %v; want nothing", got)
	}
}

func TestOneOnOneNormalize(t *testing.T) {
	loc := mustZone(t, "Pacific/Auckland")
	o := OneOnOne{Member: " Ana ", At: utc("2026-03-01T20:00:00Z"), Notes: "  kept  \n",
		Actions: []ActionItem{{Text: "x"}, {Text: "y", Owner: "Bo", Raised: date("2026-01-01")}}}
	n, err := o.Normalize(loc)
	if err != nil {
		t.Fatal(err)
	}
	if n.Member != "Ana" || n.Notes != "  kept  \n" || n.Actions[0].Owner != "Ana" || n.Actions[1].Owner != "Bo" {
		t.Errorf("Normalize = %+v; want member trimmed, notes kept exactly, owner defaulting to the member", n)
	}
	if n.Actions[0].Raised != date("2026-03-02") || n.Actions[1].Raised != date("2026-01-01") {
		t.Errorf("Raised = %s, %s; want 2026-03-02 (the 1:1's date in Auckland) and the given 2026-01-01", n.Actions[0].Raised, n.Actions[1].Raised)
	}
	for _, bad := range []struct {
		o    OneOnOne
		want error
	}{
		{OneOnOne{At: time.Now(), Notes: "x"}, ErrNoMember},
		{OneOnOne{Member: "Ana", Notes: "x"}, ErrNoTime},
		{OneOnOne{Member: "Ana", At: time.Now(), Notes: " \n "}, ErrEmptyText},
		{OneOnOne{Member: "Ana", At: time.Now(), Notes: "x", Actions: []ActionItem{{Text: " "}}}, ErrEmptyText},
	} {
		if _, err := bad.o.Normalize(loc); !errors.Is(err, bad.want) {
			t.Errorf("Normalize(%+v) error = %v; want %v", bad.o, err, bad.want)
		}
	}
}

func TestUpdateNormalize(t *testing.T) {
	u := Update{Author: "Ana", Kind: "Decision", At: utc("2026-03-01T20:00:00.9Z"), Text: "**Use Postgres** 🐘\n", Tags: []string{" #Infra", "db", "infra", ""}}
	n, err := u.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != KindDecision || n.Text != u.Text || !reflect.DeepEqual(n.Tags, []string{"infra", "db"}) || n.At != utc("2026-03-01T20:00:00Z") {
		t.Errorf("Normalize = %+v; want kind decision, text exact, tags [infra db], time to the second", n)
	}
	for _, bad := range []struct {
		u    Update
		want error
	}{
		{Update{Author: "Ana", Kind: "rumour", At: u.At, Text: "x"}, ErrBadKind},
		{Update{Kind: "win", At: u.At, Text: "x"}, ErrNoMember},
		{Update{Author: "Ana", Kind: "win", Text: "x"}, ErrNoTime},
		{Update{Author: "Ana", Kind: "win", At: u.At, Text: "\t"}, ErrEmptyText},
		{Update{Author: "Ana", Kind: "win", At: u.At, Text: "x", Tags: []string{"two words"}}, ErrBadTag},
	} {
		if _, err := bad.u.Normalize(); !errors.Is(err, bad.want) {
			t.Errorf("Normalize(%+v) error = %v; want %v", bad.u, err, bad.want)
		}
	}
}

func TestActionOverdue(t *testing.T) {
	loc := mustZone(t, "Asia/Kolkata")
	a := ActionItem{Text: "x", Due: date("2026-05-12")}
	if a.Overdue(loc, utc("2026-05-12T18:29:59Z")) {
		t.Error("overdue on its due day in Kolkata; want not overdue until local midnight")
	}
	if !a.Overdue(loc, utc("2026-05-12T18:30:00Z")) {
		t.Error("not overdue at local midnight after the due day; want overdue")
	}
	a.Done = true
	if a.Overdue(loc, utc("2027-01-01T00:00:00Z")) {
		t.Error("a done item is overdue; want never")
	}
}

func FuzzParseTags(f *testing.F) {
	for _, s := range []string{"infra, db", "#a,#A", " , ,", "two words", "a\x00b", "é,É"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tags, err := ParseTags(s)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, tag := range tags {
			if tag == "" || seen[tag] || strings.ContainsAny(tag, ", \t\n") {
				t.Fatalf("ParseTags(%q) = %q: empty, duplicate or split tag", s, tags)
			}
			seen[tag] = true
		}
		again, err := NormalizeTags(tags)
		if err != nil || !reflect.DeepEqual(again, tags) {
			t.Fatalf("NormalizeTags(%q) = %q, %v; want the same tags", tags, again, err)
		}
	})
}
