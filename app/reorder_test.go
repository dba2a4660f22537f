package app

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestReorderButtons(t *testing.T) {
	test.NewTempApp(t)
	items := []string{"Ana", "Bo", "Cy"}
	changes := 0
	changed := func() { changes++ }

	up, down, _ := reorderButtons(&items, 0, true, changed)
	if !up.Disabled() || down.Disabled() {
		t.Errorf("first row: up disabled %v, down disabled %v; want true, false", up.Disabled(), down.Disabled())
	}
	test.Tap(down)
	if want := []string{"Bo", "Ana", "Cy"}; !reflect.DeepEqual(items, want) {
		t.Errorf("after down on row 1: %v; want %v", items, want)
	}
	_, last, remove := reorderButtons(&items, 2, true, changed)
	if !last.Disabled() {
		t.Error("down is enabled on the last row")
	}
	test.Tap(remove)
	if want := []string{"Bo", "Ana"}; !reflect.DeepEqual(items, want) || changes != 2 {
		t.Errorf("after remove of row 3: %v, %d changes; want %v, 2", items, changes, want)
	}
}
