package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func showTeamTab(t *testing.T) (*session, *teamTab) {
	t.Helper()
	s := newTestSession(t)
	tab := buildTeamTab(s)
	s.win.SetContent(tab.item.Content)
	s.win.Resize(fyne.NewSize(1100, 700))
	return s, tab
}

func TestEmptyStateLoadsSampleTeam(t *testing.T) {
	s, tab := showTeamTab(t)
	if tab.body.Objects[0] != tab.empty {
		t.Fatal("an empty database does not show the empty state")
	}
	test.Tap(tab.sampleB)
	if got := len(tab.members); got != 9 {
		t.Fatalf("members after Load sample team: got %d; want 9", got)
	}
	if tab.body.Objects[0] != tab.split {
		t.Error("the list is not shown after loading the sample team")
	}
	if got := tab.count.Text; got != "9 members" {
		t.Errorf("count label: got %q", got)
	}
	ms, _ := s.db.Members(context.Background())
	if len(ms) != 9 {
		t.Errorf("database holds %d members; want 9", len(ms))
	}
}

func TestAddMemberThroughTheForm(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.add)
	f := tab.form
	if f == nil {
		t.Fatal("Add member opened no form")
	}
	test.Type(f.name, "Priya")
	test.Type(f.role, "Data engineer")
	test.Type(f.email, "priya@example.com")
	f.zone.SetText("Asia/Kolkata")
	f.hours[1].SetText("")
	test.Type(f.hours[1], "22:00-06:00")
	test.Tap(f.save)

	ms, err := s.db.Members(context.Background())
	if err != nil || len(ms) != 1 {
		t.Fatalf("members after save: %v, %v", ms, err)
	}
	m := ms[0]
	if m.Name != "Priya" || m.Zone != "Asia/Kolkata" || m.Hours[1].String() != "22:00-06:00" || m.Hours[2].String() != "09:00-17:00" {
		t.Errorf("saved member: %+v", m)
	}
	if len(tab.shown) != 1 || tab.shown[0].Name != "Priya" {
		t.Fatalf("list shows %v", tab.shown)
	}
	// 12:00 UTC is Monday 17:30 in Kolkata, before her 22:00 start: off hours.
	row := tab.list.CreateItem()
	tab.updateRow(0, row)
	cells := row.(*fyne.Container).Objects
	if got := cells[3].(*widget.Label).Text; got != "Mon 17:30" {
		t.Errorf("local time cell: got %q; want Mon 17:30", got)
	}
	if got := cells[2].(*widget.Label).Text; got != "Kolkata" {
		t.Errorf("zone cell: got %q; want the city, Kolkata", got)
	}
	if got := cells[4].(*widget.Label).Text; got != "off hours" {
		t.Errorf("status cell: got %q; want off hours", got)
	}
}

func TestFormShowsErrorsAndSavesNothing(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.add)
	f := tab.form
	test.Type(f.name, "Zed")
	f.zone.SetText("Mars/Olympus")
	f.hours[1].SetText("25:00-09:00")
	f.hours[3].SetText("9-5")
	test.Tap(f.save)

	if ms, _ := s.db.Members(context.Background()); len(ms) != 0 {
		t.Fatalf("an invalid form saved %v", ms)
	}
	wantErrs := map[string]string{
		"zone":      `"Mars/Olympus"`,
		"hours.mon": `"25:00-09:00"`,
		"hours.wed": `"9-5"`,
	}
	for field, want := range wantErrs {
		l := f.errs.label(field)
		if !l.Visible() || !strings.Contains(l.Text, want) {
			t.Errorf("error beside %s: visible=%v text %q; want it to name %s", field, l.Visible(), l.Text, want)
		}
	}
	if f.errs.label("name").Visible() {
		t.Errorf("name has an error: %q", f.errs.label("name").Text)
	}
	if f.name.Text != "Zed" {
		t.Errorf("typed name lost: %q", f.name.Text)
	}
	// Fixing the fields clears the errors and saves.
	f.zone.SetText("Pacific/Chatham")
	f.hours[1].SetText("09:00-17:00")
	f.hours[3].SetText("09:00-17:00")
	test.Tap(f.save)
	if ms, _ := s.db.Members(context.Background()); len(ms) != 1 || ms[0].Zone != "Pacific/Chatham" {
		t.Fatalf("after fixing the form: %v", ms)
	}
}

func TestDuplicateNameIsRefusedBesideTheField(t *testing.T) {
	_, tab := showTeamTab(t)
	test.Tap(tab.sampleB)
	test.Tap(tab.add)
	f := tab.form
	test.Type(f.name, "ana")
	f.zone.SetText("UTC")
	test.Tap(f.save)
	if l := f.errs.label("name"); !l.Visible() || !strings.Contains(l.Text, "used by another member") {
		t.Errorf("name error: visible=%v %q", l.Visible(), l.Text)
	}
	if len(tab.members) != 9 {
		t.Errorf("members: %d; want 9", len(tab.members))
	}
}

func TestFilterAndSelect(t *testing.T) {
	_, tab := showTeamTab(t)
	test.Tap(tab.sampleB)
	test.Type(tab.filter, "asia/")
	if len(tab.shown) != 2 {
		t.Fatalf("filter asia/: got %d members; want 2 (Priya, Sagar)", len(tab.shown))
	}
	tab.list.Select(1)
	if tab.selected != tab.shown[1].ID || tab.edit == nil {
		t.Fatal("selecting a member shows no detail with an Edit button")
	}
}

func TestFormAppliesTheMembersOwnRules(t *testing.T) {
	s, tab := showTeamTab(t)
	test.Tap(tab.add)
	f := tab.form
	test.Type(f.name, "Zed")
	test.Type(f.phone, "call me maybe")
	f.hours[1].SetText("09:00-17:00")
	f.acceptable[1].SetText("10:00-20:00")
	test.Tap(f.save)
	if ms, _ := s.db.Members(context.Background()); len(ms) != 0 {
		t.Fatalf("an invalid form saved %v", ms)
	}
	for field, want := range map[string]string{
		"phone":          "not a phone number",
		"zone":           "choose a time zone",
		"acceptable.mon": "must include the working hours",
	} {
		if l := f.errs.label(field); !l.Visible() || !strings.Contains(l.Text, want) {
			t.Errorf("error beside %s: visible=%v %q; want %q", field, l.Visible(), l.Text, want)
		}
	}
	f.phone.SetText("+64 9 123 4567")
	f.zone.SetText("Pacific/Auckland")
	f.acceptable[1].SetText("08:00-20:00")
	test.Tap(f.save)
	if ms, _ := s.db.Members(context.Background()); len(ms) != 1 {
		t.Fatalf("after fixing the form: %v", ms)
	}
}
