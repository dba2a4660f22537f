package validation

import (
	"errors"
	"fmt"
	"testing"
)

var errBad = errors.New("bad")

func TestErrorsKeepTheFirstErrorPerFieldInOrder(t *testing.T) {
	var es Errors
	es.Add("name", nil)
	es.Add("zone", fmt.Errorf("zone %q: %w", "Mars", errBad))
	es.Add("name", errors.New("first name error"))
	es.Add("zone", errors.New("second zone error"))
	if len(es) != 2 {
		t.Fatalf("got %d errors; want 2: %v", len(es), es)
	}
	if got := es.Err().Error(); got != `zone "Mars": bad` {
		t.Errorf("Err() = %q; want the first error", got)
	}
	if !errors.Is(es.Err(), errBad) {
		t.Error("errors.Is does not see the sentinel through Err()")
	}
	if FieldOf(fmt.Errorf("member %q: %w", "Ana", es.Err())) != "zone" {
		t.Error("FieldOf does not find the field through wrapping")
	}
	by := es.ByField()
	if by["name"].Error() != "first name error" || es.Field("zone") == nil || es.Field("role") != nil {
		t.Errorf("ByField/Field = %v", by)
	}
	if got := es.Prefixed("level.2")[0].Field; got != "level.2.zone" {
		t.Errorf("Prefixed field = %q", got)
	}
	if (Errors{}).Err() != nil {
		t.Error("no errors must give a nil error")
	}
	if !Under("hours.mon", "hours") || Under("hoursx", "hours") {
		t.Error("Under")
	}
}
