package roster

import (
	"fmt"

	"dev.remotecto/remotecto/internal/termsafe"
	"dev.remotecto/remotecto/timezone"
)

// Person returns what the overlap planner needs of the member: name, zone,
// hours, acceptable hours and time off.
func (m Member) Person() (timezone.Person, error) {
	loc, err := m.Location()
	if err != nil {
		return timezone.Person{}, fmt.Errorf("member %s: zone %w", termsafe.Quote(m.Name), err)
	}
	p := timezone.Person{Name: m.Name, Loc: loc, Hours: m.Hours, Acceptable: m.Acceptable}
	for _, off := range m.TimeOff {
		p.Away = append(p.Away, off.Interval())
	}
	return p, nil
}

// People converts members to the overlap planner's people, in order.
func People(members []Member) ([]timezone.Person, error) {
	out := make([]timezone.Person, 0, len(members))
	for _, m := range members {
		p, err := m.Person()
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
