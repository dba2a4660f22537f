package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dev.remotecto/remotecto/oncall"
	"dev.remotecto/remotecto/roster"
)

// oncallNowView shows who is on call in each rotation now, with contacts,
// and the escalation chain as it stands.
type oncallNowView struct {
	t       *oncallTab
	head    *fyne.Container // the heading, or the hint when there is no rotation
	cards   *nowCards       // one card per rotation, virtualised
	body    *fyne.Container // the escalation chain
	content *fyne.Container
	// few shows a handful of cards and the chain in one scroll; split (for
	// many rotations) the virtualised cards above the chain.
	few, split fyne.CanvasObject
	fewCards   *fyne.Container
	// onCall holds the on-call member per rotation, for tests.
	onCall map[string]string
}

func newOncallNowView(t *oncallTab) *oncallNowView {
	v := &oncallNowView{t: t, head: container.NewVBox(), body: container.NewVBox()}
	v.cards = newNowCards(v)
	split := container.NewVSplit(v.cards.grid, container.NewVScroll(scrollInset(container.NewPadded(v.body))))
	split.Offset = 0.6
	v.split = split
	v.fewCards = container.NewGridWithColumns(2)
	v.few = container.NewVScroll(scrollInset(container.NewPadded(container.NewVBox(v.fewCards, widget.NewSeparator(), v.body))))
	v.content = container.NewBorder(container.NewPadded(v.head), nil, nil, nil, v.few)
	return v
}

// fewRotations is how many rotations the Now view shows as plain cards
// above the escalation chain, in one scroll.
const fewRotations = 8

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (v *oncallNowView) refresh() {
	t := v.t
	now := t.s.now()
	v.onCall = map[string]string{}
	head := []fyne.CanvasObject{heading("On call now  ·  " + showTime(now, t.s.viewer, formDayTime))}
	if line := t.s.yourNextShift(t.members, t.rotations, now); line != "" {
		head = append(head, widget.NewLabel(line))
	}
	if len(t.rotations) == 0 {
		head = append(head, widget.NewLabel("No rotations yet. Create one under Rotations, or load the sample team on the Team tab."))
	}
	v.head.Objects = head
	v.head.Refresh()
	statuses := oncall.Now(t.rotations, now)
	for _, st := range statuses {
		if st.OnCall {
			v.onCall[st.Rotation] = st.Current.Member
		}
	}
	// Up to fewRotations cards are built at once and scroll with the chain
	// under them; more go in a virtualised grid, which builds only the cards
	// on screen (100 rotations took seconds to build and lay out).
	body := v.few
	if len(statuses) > fewRotations {
		body = v.split
		v.cards.set(statuses)
		v.fewCards.Objects = nil
	} else {
		v.cards.set(nil)
		cards := make([]fyne.CanvasObject, 0, len(statuses))
		for _, st := range statuses {
			cards = append(cards, v.rotationCard(st))
		}
		v.fewCards.Objects = cards
		v.fewCards.Layout = layout.NewGridLayoutWithColumns(max(min(len(cards), 2), 1))
	}
	v.body.Objects = []fyne.CanvasObject{v.escalation()}
	if v.content.Objects[0] != body {
		v.content.Objects[0] = body
		v.content.Refresh()
	}
	v.fewCards.Refresh()
	v.body.Refresh()
}

// rotationCard is one rotation's on-call person with contacts.
func (v *oncallNowView) rotationCard(st oncall.Status) fyne.CanvasObject {
	t := v.t
	now := t.s.now()
	box := container.NewVBox()
	if !st.OnCall {
		l := widget.NewLabel("Nobody on call")
		l.Importance = widget.DangerImportance
		box.Add(l)
		if st.HasNext {
			box.Add(wrapped(fmt.Sprintf("%s from %s", st.Next.Member, showTime(st.Next.Start, t.s.viewer, formDayTime))))
		}
		return widget.NewCard(st.Rotation, "", box)
	}
	who := st.Current.Member
	name := bold(who)
	if st.Current.Override {
		name.SetText(who + "  (override)")
	}
	box.Add(name)
	until := "until " + showTime(st.Until(), t.s.viewer, formDayTime)
	if m, ok := t.member(who); ok {
		if loc, err := m.Location(); err == nil {
			if zoneName(loc) != zoneName(t.s.viewer) {
				until += "\n(" + showTime(st.Until(), loc, formDayTime) + " for " + who + ")"
			}
			box.Add(wrapped(until))
			box.Add(wrapped("Their time now: " + showTime(now, loc, formDayClock) + "  " + utcOffset(now.In(loc))))
		}
		box.Add(contactsBlock(t.s, m))
	} else {
		box.Add(wrapped(until))
	}
	if st.HasNext {
		box.Add(widget.NewLabel("Next: " + st.Next.Member))
	}
	return widget.NewCard(st.Rotation, "", box)
}

// contactsBlock shows phone, email and chat, each with a copy button.
func contactsBlock(s *session, m roster.Member) fyne.CanvasObject {
	f := widget.NewForm()
	for _, c := range [][2]string{{"Phone", m.Phone}, {"Email", m.Email}, {"Chat", m.Chat}} {
		if c[1] != "" {
			f.Append(c[0], contactRow(s, c[1]))
		}
	}
	return f
}

// escalation shows the chain level by level as it resolves now.
func (v *oncallNowView) escalation() fyne.CanvasObject {
	t := v.t
	box := container.NewVBox(heading("Escalation now"))
	if len(t.policy.Levels) == 0 {
		box.Add(widget.NewLabel("No escalation policy yet: set one under Escalation."))
		return box
	}
	esc := oncall.Resolve(t.policy, t.rotations, t.known, t.s.now())
	box.Add(escalationLevels(t, esc, true))
	if t.policy.Repeat > 0 {
		box.Add(wrapped("When nobody answers, run the chain again " + times(t.policy.Repeat) + "."))
	}
	if t.policy.Protocol != "" {
		box.Add(bold("Emergency protocol"))
		box.Add(markdown(t.policy.Protocol))
	}
	return box
}

// escalationLevels lists the levels of esc: minutes, who is paged (with
// contacts when withContacts), and levels that resolve to nobody in red.
func escalationLevels(t *oncallTab, esc oncall.Escalation, withContacts bool) fyne.CanvasObject {
	box := container.NewVBox()
	for _, l := range esc.Levels {
		targets := make([]string, len(l.Targets))
		for i, tg := range l.Targets {
			targets[i] = targetText(tg)
		}
		head := bold(fmt.Sprintf("Level %d  ·  after %d min  ·  %s", l.Level, l.AfterMinutes, strings.Join(targets, ", ")))
		head.Wrapping = fyne.TextWrapWord
		box.Add(head)
		if l.Empty() {
			warn := widget.NewLabel("⚠ Nobody would be paged at this level")
			warn.Importance = widget.DangerImportance
			box.Add(warn)
			continue
		}
		for _, name := range l.Members {
			m, ok := t.member(name)
			if !ok || !withContacts {
				box.Add(widget.NewLabel("→ " + name))
				continue
			}
			box.Add(container.NewBorder(nil, nil, widget.NewLabel("→ "+name), nil, contactsInline(t.s, m)))
		}
		for _, u := range l.Unresolved {
			why := u.Name + " has nobody on call"
			if u.Kind == oncall.TargetMember {
				why = "no member named " + u.Name
			}
			w := widget.NewLabel("(" + why + ")")
			w.Importance = widget.WarningImportance
			box.Add(w)
		}
	}
	return box
}

// contactsInline shows a member's contacts side by side with copy buttons;
// each is cut short rather than pushing the row wider than the window.
func contactsInline(s *session, m roster.Member) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, c := range []string{m.Phone, m.Email, m.Chat} {
		if c != "" {
			cells = append(cells, contactRow(s, c))
		}
	}
	return container.NewGridWithColumns(max(len(cells), 1), cells...)
}

func targetText(tg oncall.Target) string {
	if tg.Kind == oncall.TargetRotation {
		return "on call in " + tg.Name
	}
	return tg.Name
}
