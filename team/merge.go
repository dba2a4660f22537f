package team

import "fmt"

// MergeSummary says what merging a team (from a team file) into the saved
// one changed: members and rotations added, updated or already up to date,
// and whether the escalation policy was replaced.
type MergeSummary struct {
	MembersAdded, MembersUpdated, MembersUnchanged       int
	RotationsAdded, RotationsUpdated, RotationsUnchanged int
	PolicyChanged                                        bool
}

// Changed reports whether the merge changed anything.
func (s MergeSummary) Changed() bool {
	return s.MembersAdded+s.MembersUpdated+s.RotationsAdded+s.RotationsUpdated > 0 || s.PolicyChanged
}

// String describes the summary in one line.
func (s MergeSummary) String() string {
	if !s.Changed() {
		return fmt.Sprintf("nothing changed (%d members, %d rotations already up to date)", s.MembersUnchanged, s.RotationsUnchanged)
	}
	policy := "unchanged"
	if s.PolicyChanged {
		policy = "replaced"
	}
	return fmt.Sprintf("members: %d added, %d updated, %d unchanged; rotations: %d added, %d updated, %d unchanged; escalation policy %s",
		s.MembersAdded, s.MembersUpdated, s.MembersUnchanged, s.RotationsAdded, s.RotationsUpdated, s.RotationsUnchanged, policy)
}
