package sheet

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// A4 portrait, in millimetres.
const (
	pageW    = 210.0
	pageH    = 297.0
	marginX  = 14.0
	marginT  = 12.0
	marginB  = 15.0
	contentW = pageW - 2*marginX
)

// Colours (RGB).
var (
	black   = [3]int{20, 20, 20}
	grey    = [3]int{95, 95, 95}
	rule    = [3]int{200, 200, 200}
	alarm   = [3]int{164, 22, 26}
	alarmBg = [3]int{253, 236, 234}
	warnBg  = [3]int{255, 244, 214}
)

// WritePDF writes the sheet as an A4 PDF with the Go fonts embedded (see
// fonts.go for what they cover). What is needed first comes first: the
// protocol, the escalation chain with the phone of whoever each target pages
// now, every contact and the critical links, then the on-call schedule; a
// 9-person team over 4 weeks fits on two pages, the schedule on the second.
// Tables repeat their head on a new page. The output depends only on the
// sheet (its creation date is Generated), byte for byte.
func WritePDF(w io.Writer, s Sheet) error {
	p, err := renderPDF(s)
	if err != nil {
		return err
	}
	return p.Output(w)
}

// pdfDoc wraps the document with the sheet's drawing helpers.
type pdfDoc struct {
	*fpdf.Fpdf
	missing bool // a character the font lacks was printed as "?"
}

// frag is a run of text that starts a new line in its cell.
type frag struct {
	text  string
	style string // "", "B" or "I"
	color [3]int
	link  string
}

// table is a table's column widths and titles, repeated on a new page
// after its caption.
type table struct {
	widths  []float64
	titles  []string
	caption string
}

// para is a paragraph of a box.
type para struct {
	text   string
	style  string
	size   float64
	lineH  float64
	color  [3]int
	indent float64
}

func renderPDF(s Sheet) (*fpdf.Fpdf, error) {
	f := fpdf.New("P", "mm", "A4", "")
	for _, ft := range pdfFonts {
		f.AddUTF8FontFromBytes(fontFamily, ft.style, ft.ttf)
	}
	f.SetMargins(marginX, marginT, marginX)
	f.SetAutoPageBreak(true, marginB)
	f.SetCreationDate(s.Generated)
	f.SetModificationDate(s.Generated)
	f.SetCatalogSort(true)
	f.SetTitle(s.Title, true)
	f.SetCreator("remotecto", true)
	f.SetProducer("remotecto", true)
	f.SetLang("en")
	f.AliasNbPages("{nb}")
	p := &pdfDoc{Fpdf: f}
	generated := s.Generated.Format("Mon 02 Jan 2006 15:04") + " UTC"
	f.SetFooterFunc(func() {
		f.SetXY(marginX, pageH-marginB+5)
		p.font("", 7.5, grey)
		f.CellFormat(contentW/2, 4, p.str(s.Title+", as of "+generated), "", 0, "L", false, 0, "")
		f.CellFormat(contentW/2, 4, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
	})
	f.AddPage()

	p.font("B", 18, black)
	f.CellFormat(contentW, 9, p.str(s.Title), "", 1, "L", false, 0, "")
	p.lines(contentW, "As of "+generated+"; on call "+window(s), "", 9, 4.5, grey)

	if len(s.Warnings) > 0 {
		f.Ln(2)
		paras := []para{{text: "Check these", style: "B", size: 8.5, lineH: 4.2, color: black}}
		for _, w := range s.Warnings {
			paras = append(paras, para{text: "• " + w, size: 8.5, lineH: 4.2, color: black, indent: 2})
		}
		p.box(warnBg, [3]int{190, 140, 0}, paras)
	}

	p.heading("In an emergency", 12)
	protocol := s.Protocol
	if protocol == "" {
		protocol = "No protocol written yet: page the escalation chain below, level by level."
	}
	p.box(alarmBg, alarm, []para{{text: protocol, size: 9.5, lineH: 4.8, color: black}})
	if s.Review != "" {
		p.lines(contentW, s.Review, "I", 8, 4, grey)
	}

	p.heading("Escalation chain", 12)
	first := map[string]string{}
	for _, c := range s.Contacts {
		first[strings.ToLower(c.Name)] = c.First()
	}
	if len(s.Chain.Levels) == 0 {
		p.lines(contentW, "No escalation policy.", "", 9, 4.5, black)
	}
	chain := &table{widths: []float64{40, contentW - 40}}
	for _, l := range s.Chain.Levels {
		var targets []frag
		for _, t := range l.Targets {
			targets = append(targets, frag{text: targetText(t, first[strings.ToLower(t.Now)]), color: black})
		}
		p.row(chain, 4.3, 9, []frag{{text: fmt.Sprintf("Level %d, %s", l.Number, l.When), style: "B", color: black}}, targets)
	}
	if r := repeatText(s.Chain.Repeat); r != "" {
		p.lines(contentW, r, "I", 8.5, 4.5, grey)
	}

	p.heading("Contacts", 12)
	contacts := &table{widths: []float64{42, 34, 48, 20, contentW - 42 - 34 - 48 - 20},
		titles: []string{"Name", "Phone", "Email", "Chat", "Zone and working hours"}, caption: "Contacts (continued)"}
	p.lines(contentW, DefaultsNote(), "I", 8, 4, grey)
	p.head(contacts)
	for _, c := range s.Contacts {
		name := []frag{{text: c.Name, style: "B", color: black}}
		if c.Role != "" {
			name = append(name, frag{text: c.Role, color: grey})
		}
		if c.Urgent != "" {
			name = append(name, frag{text: "Urgent: " + string(c.Urgent) + " first", style: "B", color: alarm})
		}
		zone := []frag{{text: c.Zone, color: black}}
		if c.Hours != "" {
			zone = append(zone, frag{text: c.Hours, color: grey})
		}
		if c.Response != "" {
			zone = append(zone, frag{text: "Answers: " + c.Response, style: "I", color: grey})
		}
		email, tel := "", ""
		if c.Email != "" {
			email = "mailto:" + c.Email
		}
		if strings.HasPrefix(c.Tel, "tel:") {
			tel = c.Tel
		}
		p.row(contacts, 4, 8, name, []frag{{text: c.Phone, style: "B", color: black, link: tel}},
			[]frag{{text: c.Email, color: black, link: email}}, []frag{{text: c.Chat, color: black}}, zone)
	}

	if len(s.Links) > 0 {
		p.heading("Critical links", 12)
		links := &table{widths: []float64{42, contentW - 42}}
		for _, l := range s.Links {
			p.row(links, 4.3, 8.5, []frag{{text: l.Title, style: "B", color: black}},
				[]frag{{text: l.Target, color: black, link: linkURL(l.Target)}})
		}
	}

	p.heading("On call, next "+plural(s.Weeks, "week"), 34)
	if len(s.Rotations) == 0 {
		p.lines(contentW, "No rotation: nobody is on call.", "", 9, 4.5, black)
	}
	for i, r := range s.Rotations {
		p.keepSpace(34) // the name, the rule, the head and a row or two stay together
		if i > 0 {
			f.Ln(2)
		}
		p.font("B", 10, black)
		f.CellFormat(contentW, 5, p.str(r.Name), "", 1, "L", false, 0, "")
		p.lines(contentW, r.Rule, "", 8, 3.8, grey)
		if len(r.Shifts) == 0 {
			p.lines(contentW, "Nobody is on call in these weeks.", "I", 8, 4, black)
			continue
		}
		shifts := &table{widths: []float64{38, 78, contentW - 38 - 78}, titles: []string{"Who", "Their time", "UTC"},
			caption: r.Name + " (continued)"}
		p.head(shifts)
		for _, sh := range r.Shifts {
			who := []frag{{text: sh.Member, style: "B", color: black}, {text: sh.Zone, color: grey}}
			style := ""
			if sh.Override {
				who = append(who, frag{text: "override", style: "I", color: grey})
				style = "I"
			}
			p.row(shifts, 3.8, 8, who, []frag{{text: sh.Local, style: style, color: black}},
				[]frag{{text: sh.UTC, style: style, color: black}})
		}
	}

	notes := append([]string(nil), s.Notes...)
	if p.missing {
		notes = append(notes, `Some names use characters this PDF's font does not have; they print as "?". The HTML sheet shows them.`)
	}
	if len(notes) > 0 {
		f.Ln(3)
		for _, n := range notes {
			p.lines(contentW, n, "I", 7.5, 3.6, grey)
		}
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("emergency sheet PDF: %w", err)
	}
	return f, nil
}

// targetText writes an escalation target for paper, with the contact to
// try first: "On call in Primary — now Ana Lúcia, phone +351 912 345 678".
func targetText(t Target, first string) string {
	now := t.Now
	if now != "" && first != "" {
		now += ", " + first
	}
	switch {
	case t.Now == "" && t.Note != "":
		return t.Label + " — nobody now (" + t.Note + ")"
	case t.Now == "":
		return t.Label + " — nobody now"
	case t.Now == t.Label:
		return now
	}
	return t.Label + " — now " + now
}

// str returns s as the font can print it, noting missing characters.
func (p *pdfDoc) str(s string) string {
	out, missing := printable(s)
	p.missing = p.missing || missing
	return out
}

func (p *pdfDoc) font(style string, size float64, c [3]int) {
	p.SetFont(fontFamily, style, size)
	p.SetTextColor(c[0], c[1], c[2])
}

// split wraps text in width w with the current font; blank lines are kept.
func (p *pdfDoc) split(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(p.str(text), "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, p.SplitText(para, w)...)
	}
	return out
}

// lines writes wrapped text at the left margin, breaking pages between lines.
func (p *pdfDoc) lines(w float64, text, style string, size, lineH float64, c [3]int) {
	p.font(style, size, c)
	for _, l := range p.split(text, w) {
		p.keepSpace(lineH)
		p.SetX(marginX)
		p.CellFormat(w, lineH, l, "", 1, "L", false, 0, "")
	}
}

// keepSpace starts a new page unless h millimetres are left on this one.
func (p *pdfDoc) keepSpace(h float64) {
	if p.GetY()+h > pageH-marginB {
		p.AddPage()
	}
}

// heading writes a section title with a rule under it, kept on one page
// with the next keep millimetres of what follows.
func (p *pdfDoc) heading(title string, keep float64) {
	p.keepSpace(12 + keep)
	p.Ln(3.5)
	p.font("B", 12, black)
	p.CellFormat(contentW, 6.5, p.str(title), "", 1, "L", false, 0, "")
	y := p.GetY()
	p.SetDrawColor(rule[0], rule[1], rule[2])
	p.SetLineWidth(0.4)
	p.Line(marginX, y, marginX+contentW, y)
	p.Ln(1.5)
}

// box writes paragraphs on a tinted background with a coloured bar on the
// left, line by line, so that a long text breaks across pages cleanly.
func (p *pdfDoc) box(bg, bar [3]int, paras []para) {
	const pad, inner = 1.2, 3.5
	band := func(h float64) {
		y := p.GetY()
		p.SetFillColor(bg[0], bg[1], bg[2])
		p.Rect(marginX, y, contentW, h, "F")
		p.SetFillColor(bar[0], bar[1], bar[2])
		p.Rect(marginX, y, 1.2, h, "F")
	}
	p.keepSpace(pad + 2*4.8)
	band(pad)
	p.SetY(p.GetY() + pad)
	for _, pa := range paras {
		p.font(pa.style, pa.size, pa.color)
		for _, l := range p.split(pa.text, contentW-inner-pa.indent-2) {
			p.keepSpace(pa.lineH + pad)
			band(pa.lineH)
			p.SetX(marginX + inner + pa.indent)
			p.font(pa.style, pa.size, pa.color)
			p.CellFormat(contentW-inner-pa.indent-2, pa.lineH, l, "", 1, "L", false, 0, "")
		}
	}
	band(pad)
	p.SetY(p.GetY() + pad)
}

// head writes a table's column titles, if it has any.
func (p *pdfDoc) head(t *table) {
	if len(t.titles) == 0 {
		return
	}
	p.keepSpace(12)
	p.font("B", 7.5, grey)
	p.SetX(marginX)
	for i, title := range t.titles {
		p.CellFormat(t.widths[i], 4.5, title, "", 0, "L", false, 0, "")
	}
	p.Ln(4.5)
}

// row writes one table row whose cells wrap their fragments (each starting
// a line) in their width, with a thin rule under it. A row that does not fit
// moves to a new page, after the table's head.
func (p *pdfDoc) row(t *table, lineH, size float64, cells ...[]frag) {
	type line struct {
		text string
		f    frag
	}
	laid := make([][]line, len(cells))
	rows := 1
	for i, frags := range cells {
		for _, fr := range frags {
			if fr.text == "" {
				continue
			}
			p.SetFont(fontFamily, fr.style, size)
			for _, l := range p.split(fr.text, t.widths[i]) {
				laid[i] = append(laid[i], line{l, fr})
			}
		}
		rows = max(rows, len(laid[i]))
	}
	h := float64(rows)*lineH + 1.2
	if p.GetY()+h > pageH-marginB {
		p.AddPage()
		if t.caption != "" {
			p.font("B", 10, black)
			p.CellFormat(contentW, 5, p.str(t.caption), "", 1, "L", false, 0, "")
		}
		p.head(t)
	}
	y0 := p.GetY()
	x := marginX
	for i := range cells {
		for j, l := range laid[i] {
			p.SetXY(x, y0+0.6+float64(j)*lineH)
			p.font(l.f.style, size, l.f.color)
			p.CellFormat(t.widths[i], lineH, l.text, "", 0, "L", false, 0, l.f.link)
		}
		x += t.widths[i]
	}
	p.SetDrawColor(225, 225, 225)
	p.SetLineWidth(0.2)
	p.Line(marginX, y0+h, marginX+contentW, y0+h)
	p.SetXY(marginX, y0+h)
}
