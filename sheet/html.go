package sheet

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"regexp"
	"strings"

	"dev.remotecto/remotecto/alert"
)

//go:embed sheet.html
var htmlSource string

var htmlTemplate = template.Must(template.New("sheet").Parse(htmlSource))

// WriteHTML writes the sheet as one self-contained HTML page: inline CSS,
// no scripts, fonts, images or other resources, so it reads the same offline
// on a phone; it prints on A4. Every text is escaped; only http, https,
// mailto and tel targets become links, and phone numbers and addresses are
// tel: and mailto: links.
func WriteHTML(w io.Writer, s Sheet) error {
	return htmlTemplate.Execute(w, newHTMLView(s))
}

type htmlView struct {
	Title, Generated, Window, Weeks string
	Warnings, Notes                 []string
	Protocol                        []textPiece
	Review, Defaults                string
	Chain                           []htmlLevel
	Repeat                          string
	Contacts                        []htmlContact
	Links                           []htmlLink
	Rotations                       []Rotation
}

// textPiece is a run of text, a link when URL is set.
type textPiece struct{ Text, URL string }

type htmlLevel struct {
	When    string
	Targets []htmlTarget
}

type htmlTarget struct{ Label, Now, Note, Anchor, First string }

type htmlContact struct {
	Contact
	Anchor string
	// Mailto and TelURL are built here from checked values, so they are
	// marked safe for html/template, which lets no tel: URL through by itself.
	Mailto, TelURL template.URL
}

type htmlLink struct {
	Title, Target string
	URL           template.URL
}

func newHTMLView(s Sheet) htmlView {
	v := htmlView{
		Title:     s.Title,
		Generated: s.Generated.Format("Mon 02 Jan 2006 15:04") + " UTC",
		Window:    window(s),
		Weeks:     plural(s.Weeks, "week"),
		Warnings:  s.Warnings,
		Notes:     s.Notes,
		Protocol:  linkify(s.Protocol),
		Review:    s.Review,
		Defaults:  DefaultsNote(),
		Repeat:    repeatText(s.Chain.Repeat),
		Rotations: s.Rotations,
	}
	anchors, first := map[string]string{}, map[string]string{}
	for i, c := range s.Contacts {
		a := fmt.Sprintf("contact-%d", i+1)
		anchors[strings.ToLower(c.Name)] = a
		first[strings.ToLower(c.Name)] = c.First()
		hc := htmlContact{Contact: c, Anchor: a}
		if c.Email != "" {
			hc.Mailto = template.URL(alert.MailtoURL([]string{c.Email}, "", ""))
		}
		if tel, err := alert.TelURL(c.Phone); err == nil {
			hc.TelURL = template.URL(tel)
		}
		v.Contacts = append(v.Contacts, hc)
	}
	for _, l := range s.Chain.Levels {
		hl := htmlLevel{When: "Level " + fmt.Sprint(l.Number) + ", " + l.When}
		for _, t := range l.Targets {
			hl.Targets = append(hl.Targets, htmlTarget{Label: t.Label, Now: t.Now, Note: t.Note, Anchor: anchors[strings.ToLower(t.Now)],
				First: first[strings.ToLower(t.Now)]})
		}
		v.Chain = append(v.Chain, hl)
	}
	for _, l := range s.Links {
		v.Links = append(v.Links, htmlLink{Title: l.Title, Target: l.Target, URL: template.URL(linkURL(l.Target))})
	}
	return v
}

// window writes the schedule's range: "from Mon 02 Mar 2026 09:00 to Mon 30
// Mar 2026 09:00 UTC (4 weeks)".
func window(s Sheet) string {
	return fmt.Sprintf("from %s to %s UTC (%s)", s.From.Format("Mon 02 Jan 2006 15:04"),
		s.To.Format("Mon 02 Jan 2006 15:04"), plural(s.Weeks, "week"))
}

func repeatText(n int) string {
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return "If nobody answers, run the whole chain once more."
	}
	return fmt.Sprintf("If nobody answers, run the whole chain again, up to %d more times.", n)
}

// linkURL returns target when it is an http(s) URL with a host, or a mailto
// or tel URL, else "". Nothing else becomes a link (no javascript: or data:).
func linkURL(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host != "" {
			return target
		}
	case "mailto", "tel":
		return target
	}
	return ""
}

var urlInText = regexp.MustCompile(`https?://[^\s<>"]+[^\s<>".,;:!?)\]']`)

// linkify cuts text into plain runs and http(s) links.
func linkify(text string) []textPiece {
	var out []textPiece
	last := 0
	for _, m := range urlInText.FindAllStringIndex(text, -1) {
		if m[0] > last {
			out = append(out, textPiece{Text: text[last:m[0]]})
		}
		out = append(out, textPiece{Text: text[m[0]:m[1]], URL: text[m[0]:m[1]]})
		last = m[1]
	}
	if last < len(text) {
		out = append(out, textPiece{Text: text[last:]})
	}
	return out
}
