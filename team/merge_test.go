package team

import "testing"

func TestMergeSummaryString(t *testing.T) {
	for _, c := range []struct {
		s    MergeSummary
		want string
	}{
		{MergeSummary{MembersUnchanged: 9, RotationsUnchanged: 2}, "nothing changed (9 members, 2 rotations already up to date)"},
		{MergeSummary{MembersAdded: 9, RotationsAdded: 2, PolicyChanged: true},
			"members: 9 added, 0 updated, 0 unchanged; rotations: 2 added, 0 updated, 0 unchanged; escalation policy replaced"},
		{MergeSummary{MembersUpdated: 1, MembersUnchanged: 8, RotationsUnchanged: 2},
			"members: 0 added, 1 updated, 8 unchanged; rotations: 0 added, 0 updated, 2 unchanged; escalation policy unchanged"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%+v.String() = %q; want %q", c.s, got, c.want)
		}
	}
}
