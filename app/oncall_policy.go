package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
)

// policyView edits the escalation policy: levels with their targets and
// minutes, the repeat count and the emergency protocol text.
type policyView struct {
	t       *oncallTab
	levels  []*levelEditor
	list    *fyne.Container
	repeat  *keyEntry
	repErr  *errorLine
	errs    *fieldErrors
	proto   *widget.Entry
	status  *widget.Label
	save    *widget.Button
	content fyne.CanvasObject
}

// levelEditor is one level's row: minutes and targets, with their errors.
type levelEditor struct {
	minutes *keyEntry
	targets *keyEntry
	add     *widget.Select
	err     *errorLine
}

func newPolicyView(t *oncallTab) *policyView {
	v := &policyView{t: t, list: container.NewVBox(), repeat: newEntry(), proto: widget.NewMultiLineEntry()}
	v.errs = newFieldErrors(func() map[string]error { _, errs := v.policy(); return errs })
	v.repErr = newErrorLine()
	v.repeat.OnChanged = func(string) { v.errs.typed("repeat") }
	v.repeat.onLeave = func() { v.errs.left("repeat") }
	v.proto.SetPlaceHolder("Channels, phone rules, runbook link…")
	v.proto.Wrapping = fyne.TextWrapWord
	v.proto.SetMinRowsVisible(4)
	v.status = widget.NewLabel("")
	addLevel := widget.NewButtonWithIcon("Add level", theme.ContentAddIcon(), func() {
		after := 0
		if n := len(v.levels); n > 0 {
			after, _ = strconv.Atoi(strings.TrimSpace(v.levels[n-1].minutes.Text))
			after += 15
		}
		v.levels = append(v.levels, v.newLevel(oncall.Level{AfterMinutes: after}))
		v.draw()
	})
	v.save = widget.NewButtonWithIcon("Save policy", theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	revert := widget.NewButton("Revert", v.refresh)
	t.s.guard(addLevel, v.save, revert, v.repeat, v.proto)
	help := widget.NewLabel("Targets: \"rotation:Primary\" (whoever is on call in it) or \"member:Ana\", separated by commas. " +
		"Minutes count from the first page and rise level by level.")
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(heading("Escalation policy"), help, v.list, container.NewHBox(addLevel),
		widget.NewSeparator(),
		widget.NewForm(widget.NewFormItem("Repeat the chain", container.NewVBox(container.NewGridWrap(fyne.NewSize(80, v.repeat.MinSize().Height), v.repeat), v.repErr)),
			widget.NewFormItem("Emergency protocol", v.proto)),
		container.NewHBox(layout.NewSpacer(), v.status, revert, v.save))
	v.content = container.NewVScroll(container.NewPadded(body))
	v.errs.root = v.content // shown or hidden messages change the rows' heights
	return v
}

func (v *policyView) newLevel(l oncall.Level) *levelEditor {
	e := &levelEditor{minutes: newEntry(), targets: newEntry(), err: newErrorLine()}
	e.minutes.SetText(strconv.Itoa(l.AfterMinutes))
	ts := make([]string, len(l.Targets))
	for i, tg := range l.Targets {
		ts[i] = tg.String()
	}
	e.targets.SetText(strings.Join(ts, ", "))
	e.targets.SetPlaceHolder("rotation:Primary, member:Ana")
	for _, w := range []*keyEntry{e.minutes, e.targets} {
		w.OnChanged = func(string) { v.errs.typed(v.levelField(e)) }
		w.onLeave = func() { v.errs.left(v.levelField(e)) }
	}
	e.add = widget.NewSelect(v.targetOptions(), func(s string) {
		if s == "" {
			return
		}
		cur := strings.TrimSpace(e.targets.Text)
		if cur != "" {
			cur += ", "
		}
		e.targets.SetText(cur + s)
		e.add.ClearSelected()
		v.errs.check(v.levelField(e)) // chosen, not typed: checked at once
	})
	e.add.PlaceHolder = "Add target…"
	return e
}

func (v *policyView) targetOptions() []string {
	var out []string
	for _, r := range v.t.rotationNames() {
		out = append(out, "rotation:"+r)
	}
	for _, m := range v.t.memberNames() {
		out = append(out, "member:"+m)
	}
	return out
}

// draw lays out the level rows with up, down and remove buttons.
func (v *policyView) draw() {
	v.list.Objects = nil
	for i, e := range v.levels {
		up, down, del := reorderButtons(&v.levels, i, false, v.draw)
		v.t.s.lockEdits(up, down, del, e.minutes, e.targets, e.add)
		mins := container.NewGridWrap(fyne.NewSize(70, e.minutes.MinSize().Height), e.minutes)
		left := container.NewHBox(bold(fmt.Sprintf("Level %d", i+1)), widget.NewLabel("after"), mins, widget.NewLabel("min:"))
		right := container.NewHBox(container.NewGridWrap(fyne.NewSize(190, e.add.MinSize().Height), e.add), up, down, del)
		v.list.Add(container.NewVBox(container.NewBorder(nil, nil, left, right, e.targets), e.err))
	}
	if len(v.levels) == 0 {
		v.list.Add(widget.NewLabel("No levels yet."))
	}
	v.list.Refresh()
	v.errs.lines = map[string]*errorLine{"repeat": v.repErr}
	for i, e := range v.levels {
		v.errs.lines[levelKey(i)] = e.err
	}
	// Messages shown follow the levels' new order; a new level says
	// nothing until it is left or saved.
	v.errs.left("")
}

// levelKey names the error field of the level at index i.
func levelKey(i int) string { return fmt.Sprintf("level.%d", i+1) }

// levelField names e's error field, as it stands in the list now.
func (v *policyView) levelField(e *levelEditor) string {
	for i, l := range v.levels {
		if l == e {
			return levelKey(i)
		}
	}
	return ""
}

func (v *policyView) refresh() {
	p := v.t.policy
	v.levels = nil
	for _, l := range p.Levels {
		v.levels = append(v.levels, v.newLevel(l))
	}
	v.repeat.SetText(strconv.Itoa(p.Repeat))
	v.proto.SetText(p.Protocol)
	v.status.SetText("")
	v.draw()
	v.errs.checkAll() // what is stored may name a rotation or member since removed
}

// policy builds the policy from the fields and returns the errors by field:
// "repeat" and "level.N". Every problem of a level is reported together:
// the form parses the text, the rules are the policy's own
// (oncall.Policy.Check) and the team's (targets that exist).
func (v *policyView) policy() (oncall.Policy, map[string]error) {
	p := oncall.Policy{Protocol: v.proto.Text}
	parseErrs := map[string]error{}
	rep, err := strconv.Atoi(strings.TrimSpace(v.repeat.Text))
	if err != nil {
		parseErrs["repeat"] = fmt.Errorf("repeat %q: %w", v.repeat.Text, oncall.ErrBadRepeat)
	}
	p.Repeat = rep
	for i, e := range v.levels {
		l, err := parseLevel(i, e)
		if err != nil {
			parseErrs[levelKey(i)] = err
		}
		p.Levels = append(p.Levels, l)
	}
	_, rules := p.Check()
	rules = append(rules, p.TargetErrors(v.unknownTarget)...)
	field := func(name string) error {
		if err := parseErrs[name]; err != nil {
			return err
		}
		var all []error
		for _, fe := range rules {
			if fe.Field == name {
				all = append(all, fe.Err)
			}
		}
		return errors.Join(all...)
	}
	errs := map[string]error{}
	names := []string{"repeat"}
	for i := range v.levels {
		names = append(names, levelKey(i))
	}
	for _, name := range names {
		if err := field(name); err != nil {
			errs[name] = err
		}
	}
	return p, errs
}

// parseLevel reads a level's fields; the level's rules are checked by the
// policy.
func parseLevel(i int, e *levelEditor) (oncall.Level, error) {
	var l oncall.Level
	mins, err := strconv.Atoi(strings.TrimSpace(e.minutes.Text))
	if err != nil {
		return l, fmt.Errorf("level %d: minutes %q: %w", i+1, e.minutes.Text, oncall.ErrBadDelay)
	}
	l.AfterMinutes = mins
	var problems []error
	for _, part := range strings.Split(e.targets.Text, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		tg, err := oncall.ParseTarget(part)
		if err != nil {
			problems = append(problems, fmt.Errorf("level %d: %w", i+1, err))
			continue
		}
		l.Targets = append(l.Targets, tg)
	}
	return l, errors.Join(problems...)
}

// unknownTarget says why a target names nobody of the team.
func (v *policyView) unknownTarget(tg oncall.Target) error {
	if tg.Kind == oncall.TargetMember {
		if !v.t.known(tg.Name) {
			return errNoSuchMember
		}
		return nil
	}
	for _, r := range v.t.rotations {
		if strings.EqualFold(r.Name, tg.Name) {
			return nil
		}
	}
	return errNoSuchRotation
}

var (
	errNoSuchMember   = errors.New("no member of that name")
	errNoSuchRotation = errors.New("no rotation of that name")
)

func (v *policyView) onSave() {
	if !v.errs.checkAll() {
		v.status.SetText("Fix the fields in red first.")
		return
	}
	p, _ := v.policy()
	if _, err := v.t.store.SavePolicy(context.Background(), p); err != nil {
		v.t.s.showError(err)
		return
	}
	v.t.changed()
	v.status.SetText("Saved.")
}
