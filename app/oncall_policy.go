package app

import (
	"context"
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
	repeat  *widget.Entry
	repErr  *widget.Label
	proto   *widget.Entry
	status  *widget.Label
	save    *widget.Button
	content fyne.CanvasObject
}

// levelEditor is one level's row: minutes and targets, with their errors.
type levelEditor struct {
	minutes *widget.Entry
	targets *widget.Entry
	add     *widget.Select
	err     *widget.Label
}

func newPolicyView(t *oncallTab) *policyView {
	v := &policyView{t: t, list: container.NewVBox(), repeat: widget.NewEntry(), proto: widget.NewMultiLineEntry()}
	v.repErr = errorLabel()
	v.repeat.OnChanged = func(string) { v.validate() }
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
	help := widget.NewLabel("Targets: \"rotation:Primary\" (whoever is on call in it) or \"member:Ana\", separated by commas. " +
		"Minutes count from the first page and rise level by level.")
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(heading("Escalation policy"), help, v.list, container.NewHBox(addLevel),
		widget.NewSeparator(),
		widget.NewForm(widget.NewFormItem("Repeat the chain", container.NewVBox(container.NewGridWrap(fyne.NewSize(80, v.repeat.MinSize().Height), v.repeat), v.repErr)),
			widget.NewFormItem("Emergency protocol", v.proto)),
		container.NewHBox(layout.NewSpacer(), v.status, revert, v.save))
	v.content = container.NewVScroll(container.NewPadded(body))
	return v
}

func (v *policyView) newLevel(l oncall.Level) *levelEditor {
	e := &levelEditor{minutes: widget.NewEntry(), targets: widget.NewEntry(), err: errorLabel()}
	e.minutes.SetText(strconv.Itoa(l.AfterMinutes))
	ts := make([]string, len(l.Targets))
	for i, tg := range l.Targets {
		ts[i] = tg.String()
	}
	e.targets.SetText(strings.Join(ts, ", "))
	e.targets.SetPlaceHolder("rotation:Primary, member:Ana")
	e.minutes.OnChanged = func(string) { v.validate() }
	e.targets.OnChanged = func(string) { v.validate() }
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
		mins := container.NewGridWrap(fyne.NewSize(70, e.minutes.MinSize().Height), e.minutes)
		left := container.NewHBox(bold(fmt.Sprintf("Level %d", i+1)), widget.NewLabel("after"), mins, widget.NewLabel("min:"))
		right := container.NewHBox(container.NewGridWrap(fyne.NewSize(190, e.add.MinSize().Height), e.add), up, down, del)
		v.list.Add(container.NewVBox(container.NewBorder(nil, nil, left, right, e.targets), e.err))
	}
	if len(v.levels) == 0 {
		v.list.Add(widget.NewLabel("No levels yet."))
	}
	v.list.Refresh()
	v.validate()
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
}

// policy builds the policy from the fields; ok is false when a field is wrong
// (its error is shown beside it).
func (v *policyView) policy() (oncall.Policy, bool) {
	ok := true
	p := oncall.Policy{Protocol: v.proto.Text}
	show := func(l *widget.Label, err error) {
		if err == nil {
			l.Hide()
			return
		}
		ok = false
		l.SetText(err.Error())
		l.Show()
	}
	rep, err := strconv.Atoi(strings.TrimSpace(v.repeat.Text))
	if err != nil || rep < 0 || rep > 10 {
		err = fmt.Errorf("repeat %q: %w", v.repeat.Text, oncall.ErrBadRepeat)
	}
	show(v.repErr, err)
	p.Repeat = rep
	prev := 0
	for i, e := range v.levels {
		l, err := v.parseLevel(i, e, prev)
		show(e.err, err)
		prev = l.AfterMinutes
		p.Levels = append(p.Levels, l)
	}
	if v.content != nil {
		v.content.Refresh() // shown or hidden messages change the rows' heights
	}
	return p, ok
}

func (v *policyView) parseLevel(i int, e *levelEditor, prev int) (oncall.Level, error) {
	var l oncall.Level
	mins, err := strconv.Atoi(strings.TrimSpace(e.minutes.Text))
	if err != nil || mins < prev || mins > 7*24*60 {
		return l, fmt.Errorf("level %d: minutes %q: %w", i+1, e.minutes.Text, oncall.ErrBadDelay)
	}
	l.AfterMinutes = mins
	for _, part := range strings.Split(e.targets.Text, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		tg, err := oncall.ParseTarget(part)
		if err != nil {
			return l, fmt.Errorf("level %d: %w", i+1, err)
		}
		if !v.targetExists(tg) {
			return l, fmt.Errorf("level %d: %s %q does not exist", i+1, tg.Kind, tg.Name)
		}
		l.Targets = append(l.Targets, tg)
	}
	if len(l.Targets) == 0 {
		return l, fmt.Errorf("level %d: %w", i+1, oncall.ErrEmptyLevel)
	}
	return l, nil
}

func (v *policyView) targetExists(tg oncall.Target) bool {
	if tg.Kind == oncall.TargetMember {
		return v.t.known(tg.Name)
	}
	for _, r := range v.t.rotations {
		if strings.EqualFold(r.Name, tg.Name) {
			return true
		}
	}
	return false
}

func (v *policyView) validate() { v.policy() }

func (v *policyView) onSave() {
	p, ok := v.policy()
	if !ok {
		v.status.SetText("Fix the fields in red first.")
		return
	}
	if _, err := v.t.store.SavePolicy(context.Background(), p); err != nil {
		v.t.s.showError(err)
		return
	}
	v.t.changed()
	v.status.SetText("Saved.")
}
