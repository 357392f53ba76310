package content

import (
	"fmt"
	"slices"

	"vises/internal/diag"
	"vises/internal/markdown"
)

// checkPack checks the front matter keys that shape a session's packs: the sections named by
// opening and agenda exist (the agenda's holds a table), and each module has a title, a slug and
// handouts taken from the session's own.
func (p *Page) checkPack(l *diag.List) {
	if len(p.FM.Handouts) == 0 && (len(p.FM.Opening) > 0 || p.FM.Agenda != "" || len(p.FM.Modules) > 0) {
		l.Errorf(p.FieldPos("handouts"), "front matter: opening, agenda and modules shape a session's packs, and this page has no handouts")
	}
	anchors := func(list []string, field ...string) {
		for i, a := range list {
			if !p.Anchors[a] {
				l.Errorf(p.FieldPos(append(field, fmt.Sprint(i))...), "front matter: no heading with the id %q in this page", a)
			}
		}
	}
	agenda := func(a string, field ...string) {
		if a == "" {
			return
		}
		if !p.Anchors[a] {
			l.Errorf(p.FieldPos(field...), "front matter: no heading with the id %q in this page", a)
			return
		}
		if p.AgendaTable(a) == nil {
			l.Errorf(p.FieldPos(field...), "front matter: the section %q holds no table (its first table is the agenda: times in the first column)", a)
		}
	}
	anchors(p.FM.Opening, "opening")
	agenda(p.FM.Agenda, "agenda")
	slugs := map[string]bool{}
	for i, m := range p.FM.Modules {
		n := fmt.Sprint(i)
		if m.Title == "" {
			l.Errorf(p.FieldPos("modules", n), "front matter: module %d has no title", i+1)
		}
		switch {
		case !slugRE.MatchString(m.Slug):
			l.Errorf(p.FieldPos("modules", n, "slug"), "front matter: module %d needs a slug of lowercase letters, digits and hyphens", i+1)
		case slugs[m.Slug]:
			l.Errorf(p.FieldPos("modules", n, "slug"), "front matter: duplicate module slug %q", m.Slug)
		}
		slugs[m.Slug] = true
		anchors(m.Opening, "modules", n, "opening")
		anchors(m.Plan, "modules", n, "plan")
		agenda(m.Agenda, "modules", n, "agenda")
		if len(m.Handouts) == 0 {
			l.Errorf(p.FieldPos("modules", n), "front matter: module %d has no handouts", i+1)
		}
		for j, h := range m.Handouts {
			if !slices.Contains(p.FM.Handouts, h) {
				l.Errorf(p.FieldPos("modules", n, "handouts", fmt.Sprint(j)), "front matter: module handout %q is not one of the session's handouts", h)
			}
		}
	}
}

// AgendaTable returns the first table of the section with the given anchor (up to the next
// heading of the same or a higher level), or nil.
func (p *Page) AgendaTable(anchor string) *markdown.Table {
	start, end, ok := p.SectionBounds(anchor)
	if !ok {
		return nil
	}
	for i := range p.Doc.Tables {
		if t := &p.Doc.Tables[i]; t.Start >= start && t.End <= end {
			return t
		}
	}
	return nil
}

// SectionBounds returns where the section with the given heading anchor starts and ends in
// the page's Markdown: from its heading's line to the next heading of the same or a higher level.
func (p *Page) SectionBounds(anchor string) (start, end int, ok bool) {
	hs := p.Doc.Headings
	for i, h := range hs {
		if h.ID != anchor {
			continue
		}
		end = len(p.Doc.Source)
		for _, next := range hs[i+1:] {
			if next.Level <= h.Level {
				end = next.Offset
				break
			}
		}
		return h.Offset, end, true
	}
	return 0, 0, false
}
