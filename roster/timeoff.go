package roster

// TimeOffChanges counts what merging time off imported from a calendar
// changed in a member's time off.
type TimeOffChanges struct {
	Added, Updated, Unchanged, Removed int
}

// Changed reports whether the merge changed anything.
func (c TimeOffChanges) Changed() bool { return c.Added+c.Updated+c.Removed > 0 }
