// Package pack is the feature of the session packs: for every training session that lists
// handouts (and every module of a cycle), the participants' pack, the trainer's pack, the
// sign-in sheet and the certificate of attendance, each a page of the site drawn through the
// theme's pack layout and, with vises build --pdf, printed to PDF. Its template functions give
// the layouts the pack being drawn ({{pack .}}), a session page's links to its packs
// ({{packLinks .}}) and a glossary's terms as a pack holds them ({{packTerms .}},
// {{packGlossaryQR .}}).
package pack

import (
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/markdown"
	"vises/internal/qrcode"
	"vises/internal/render"
)

// Feature makes the packs of a site. Build it with New.
type Feature struct {
	mds   content.Markdowns
	parts *PartCache // rendered parts kept between builds (vises serve), or nil
	pdf   bool       // PDFs of the packs are made: session pages link to them
}

// New returns the feature; parts, when not nil, keeps the rendered parts of packs from one
// build to the next.
func New(mds content.Markdowns, parts *PartCache) *Feature {
	return &Feature{mds: mds, parts: parts}
}

// LinkPDFs says that PDFs of the packs are made, so that session pages link to them.
func (f *Feature) LinkPDFs() { f.pdf = true }

// Funcs gives the layouts the pack being drawn, the links of a session page to its packs,
// and a glossary's terms as a pack holds them.
func (f *Feature) Funcs() template.FuncMap {
	return template.FuncMap{
		"pack":           view,
		"packLinks":      f.links,
		"packTerms":      terms,
		"packGlossaryQR": glossaryQR,
	}
}

// Outputs returns the pack page of every printable output of a session; each shows the text
// of its session and of its handouts.
func (f *Feature) Outputs(r *render.Renderer) []render.Output {
	var out []render.Output
	for _, po := range f.Packs(r) {
		out = append(out, render.Output{
			Name:   po.URL + "index.html",
			Render: func() ([]byte, error) { return f.Render(r, po, nil, nil, f.pdf, false) },
			Uses: func(file string) bool {
				return file == po.Session.File || slices.Contains(Parts(r, po), file)
			},
		})
	}
	return out
}

// view returns the pack being drawn, on a pack page and in its parts, or nil.
func view(c *render.Ctx) *View {
	v, _ := c.View.(*View)
	return v
}

// Pack variants: what participants get, and what the trainer gets on top (the run sheet, the
// session plan with its durations, the facilitator notes and the session materials). The sign-in
// sheet and the certificate of attendance are also printed on their own, one A4 each.
const (
	Participants = "participants"
	Trainer      = "trainer"
	SignIn       = "signin"
	Certificate  = "certificate"
)

// Output is one printable output of a session: a pack or a session material, of a session
// or of one module of a cycle, in one language.
type Output struct {
	Session *content.Page
	Module  int // the module of a cycle (from 1), or 0 for the whole session
	Variant string
	URL     string // site path of the pack page, such as "fr/formation/sensibilisation/livret/"
	PDF     string // site path of its PDF
}

// Material reports whether po is a session material (a sign-in sheet or a certificate) rather
// than a pack.
func (po Output) Material() bool { return po.Variant == SignIn || po.Variant == Certificate }

// module returns the module of the output, or nil for the whole session.
func (po Output) module() *content.Module {
	if po.Module == 0 {
		return nil
	}
	return &po.Session.FM.Modules[po.Module-1]
}

// handouts returns the handouts of the output's session or module, as written.
func (po Output) handouts() []string {
	if m := po.module(); m != nil {
		return m.Handouts
	}
	return po.Session.FM.Handouts
}

// Packs lists the printable outputs of the site: for every page that lists handouts, and for
// every module of it, the participants' and the trainer's packs, the sign-in sheet and the
// certificate of attendance.
func (f *Feature) Packs(r *render.Renderer) []Output {
	var out []Output
	for _, p := range r.Site().Pages {
		if len(p.FM.Handouts) == 0 || p.Duplicate {
			continue
		}
		for m := 0; m <= len(p.FM.Modules); m++ {
			base := p.URL
			if m > 0 {
				base += p.FM.Modules[m-1].Slug + "/"
			}
			for _, v := range []string{Participants, Trainer, SignIn, Certificate} {
				slug := packSlug(r, p.Lang, v)
				out = append(out, Output{Session: p, Module: m, Variant: v, URL: base + slug + "/", PDF: base + slug + ".pdf"})
			}
		}
	}
	return out
}

func packSlug(r *render.Renderer, lang, variant string) string {
	s, err := r.UI().T(lang, "pack.slug."+variant)
	if err != nil || s == "" {
		return variant
	}
	return s
}

// packKey names an output of a session across languages: its variant, after its module's number
// for a module's output ("2:trainer").
func packKey(po Output) string {
	if po.Module > 0 {
		return strconv.Itoa(po.Module) + ":" + po.Variant
	}
	return po.Variant
}

// packURL returns the address of the same output for another language's version of a session
// (key as made by packKey); the session page itself when that version has no such module.
func packURL(r *render.Renderer, session *content.Page, key string) string {
	base, variant := session.URL, key
	if n, v, ok := strings.Cut(key, ":"); ok {
		m, _ := strconv.Atoi(n)
		if m < 1 || m > len(session.FM.Modules) {
			return session.URL
		}
		base, variant = session.URL+session.FM.Modules[m-1].Slug+"/", v
	}
	return base + packSlug(r, session.Lang, variant) + "/"
}

// Parts returns the source files of the handouts of a pack.
func Parts(r *render.Renderer, po Output) []string {
	var out []string
	for _, h := range po.handouts() {
		if t, problem := r.Site().Resolve(po.Session, h, nil); problem == "" && t.Page != nil {
			out = append(out, t.Page.File)
		}
	}
	return out
}

// View is what the pack layout draws ({{pack .}}).
type View struct {
	Variant   string
	Session   string // the session's title
	Module    string // the module's title, in a module's pack
	OnlineURL string // absolute URL of the session page
	QR        template.HTML
	Parts     []Part
	PDF       string // URL of the PDF, relative to the pack page, when one is made
	Print     bool   // the page a PDF is printed from: its links leave for the public site
	Agenda    []AgendaRow
	RunSheets []RunSheet    // the trainer's run sheet: the agenda, or for a whole cycle each module's
	Duration  string        // the length of the session (or module), from its agenda; "" when unknown
	Opening   template.HTML // the sections of the session page that open the participants' pack
	Format    string        // what kind of session it is: the session's summary, or which module of how many
	KitURL    string        // absolute URL of the kit's home page in the pack's language
	Glossary  string        // absolute URL of the full glossary, when the pack holds a part of it
	PrintCSS  template.CSS  // on the page a PDF is printed from: running headers, footer, page references
	lang      string
	terms     map[string]bool
}

// Heading returns the title of what the pack is for: the module of a cycle, or the session.
func (v *View) Heading() string {
	if v.Module != "" {
		return v.Module
	}
	return v.Session
}

// Part is a part of a pack: a handout, or a page the pack makes (the opening, the run
// sheet, the session materials, the notes pages).
type Part struct {
	ID    string // anchor of the part in the pack
	Title string
	Kind  string // section of the page (methode, fiches, glossaire...), or the kind of page made
	Page  int    // page number in the printed pack, 0 when not known
	// Blank puts a page for notes before the part, so that it starts on a right-hand page
	// (worksheets, in a printed pack: see RightHand).
	Blank bool
	HTML  template.HTML
}

// packPlan returns what a pack holds, in order: the parts the pack makes before the pages (by
// kind: "opening", "runsheet"), the pages (the session's plan for the trainer, then the
// handouts), and the parts it makes after them ("notes", "signin", "certificate"). The part
// of the i-th page is "part-N", N = len(before)+i+1.
func packPlan(r *render.Renderer, po Output) (before []string, parts []*content.Page, after []string) {
	s := po.Session
	if po.Variant == Trainer {
		parts = append(parts, s)
	}
	if !po.Material() {
		for _, h := range po.handouts() {
			if t, problem := r.Site().Resolve(s, h, nil); problem == "" && t.Page != nil {
				parts = append(parts, t.Page)
			}
		}
	}
	switch po.Variant {
	case Participants:
		before, after = []string{"opening"}, []string{"notes"}
	case Trainer:
		before, after = []string{"runsheet"}, []string{"signin", "certificate"}
	}
	return before, parts, after
}

// Pages returns the pages of a pack by the ID of their part.
func Pages(r *render.Renderer, po Output) map[string]*content.Page {
	before, parts, _ := packPlan(r, po)
	out := map[string]*content.Page{}
	for i, p := range parts {
		if id := fmt.Sprintf("part-%d", len(before)+i+1); out[id] == nil {
			out[id] = p
		}
	}
	return out
}

// RightHand returns, in order, the parts of a pack and whether each must start on a right-hand
// (odd) page of the printed pack: the worksheets, which a participant tears out or photocopies
// on their own.
func RightHand(r *render.Renderer, po Output) (ids []string, right []bool) {
	before, parts, after := packPlan(r, po)
	for i := range before {
		ids, right = append(ids, fmt.Sprintf("part-%d", i+1)), append(right, false)
	}
	for i, p := range parts {
		ids, right = append(ids, fmt.Sprintf("part-%d", len(before)+i+1)), append(right, p.FM.Worksheet != nil)
	}
	for i := range after {
		ids, right = append(ids, fmt.Sprintf("part-%d", len(before)+len(parts)+i+1)), append(right, false)
	}
	return ids, right
}

var (
	idAttr   = regexp.MustCompile(` id="([^"]+)"`)
	forAttr  = regexp.MustCompile(` (for|aria-labelledby|aria-describedby|headers)="([^"]+)"`)
	selfLink = regexp.MustCompile(` href="#([^"]+)"`)
	partLink = regexp.MustCompile(`^part-[0-9]+(-|$)`)
)

// prefixIDs makes the element IDs that the theme's partials draw in a part (a worksheet's
// fields, an indicator's details, the catalogue's list) unique in the pack, and keeps the part's
// own links and label references pointing at them. The part's Markdown does not go through it:
// it is rendered with its IDs prefixed (markdown.RenderOptions).
func prefixIDs(h, prefix string) string {
	h = idAttr.ReplaceAllString(h, ` id="`+prefix+`$1"`)
	h = selfLink.ReplaceAllStringFunc(h, func(m string) string {
		id := selfLink.FindStringSubmatch(m)[1]
		if partLink.MatchString(id) {
			return m // a link to a part of the pack, or into one
		}
		return ` href="#` + prefix + id + `"`
	})
	return forAttr.ReplaceAllStringFunc(h, func(m string) string {
		sub := forAttr.FindStringSubmatch(m)
		ids := strings.Fields(sub[2])
		for i := range ids {
			ids[i] = prefix + ids[i]
		}
		return " " + sub[1] + `="` + strings.Join(ids, " ") + `"`
	})
}

// Render renders the pack page of po; pages gives the printed page of each part (by part ID)
// once a PDF has been measured, and pdf says whether a PDF is made. A link to a page that is
// a part of the pack goes to that part; with print (the page a PDF is printed from), any other
// link goes to the page on the public site (the base URL), since a PDF travels without the site.
func (f *Feature) Render(r *render.Renderer, po Output, pages map[string]int, blanks map[string]bool, pdf, print bool) ([]byte, error) {
	s, cfg := po.Session, r.Config()
	label, _ := r.UI().T(s.Lang, "pack.qr")
	qr, err := qrcode.SVG(cfg.Abs(s.URL), label)
	if err != nil {
		return nil, err
	}
	view := &View{Variant: po.Variant, OnlineURL: cfg.Abs(s.URL), QR: template.HTML(qr), Print: print,
		KitURL: cfg.Abs(s.Lang + "/"), lang: s.Lang}
	view.Session = markdown.Spacing(s.Lang, s.FM.Title)
	agenda, opening := s.FM.Agenda, s.FM.Opening
	view.Format = markdown.Spacing(s.Lang, s.FM.Summary)
	if m := po.module(); m != nil {
		view.Module = markdown.Spacing(s.Lang, m.Title)
		agenda, opening = m.Agenda, m.Opening
		view.Format, _ = uiString(r, s.Lang, "pack.module.format", map[string]any{"N": po.Module, "Total": len(s.FM.Modules)})
	}
	view.Agenda, view.Duration = agendaOf(s, agenda)
	if len(view.Agenda) > 0 {
		view.RunSheets = []RunSheet{{Title: view.Heading(), Duration: view.Duration, Rows: view.Agenda}}
	} else if po.Module == 0 {
		for _, m := range s.FM.Modules {
			rows, d := agendaOf(s, m.Agenda)
			if len(rows) > 0 {
				view.RunSheets = append(view.RunSheets, RunSheet{Title: markdown.Spacing(s.Lang, m.Title), Duration: d, Rows: rows})
			}
		}
	}
	if pdf {
		view.PDF = content.RelURL(po.URL, po.PDF, cfg.Offline)
	}
	before, parts, after := packPlan(r, po)
	id := func(i int) string { return fmt.Sprintf("part-%d", len(before)+i+1) }
	partOf := map[*content.Page]string{}
	partURLs := map[string]string{}
	for i, p := range parts {
		if _, ok := partOf[p]; !ok {
			partOf[p] = id(i)
			partURLs[p.URL] = partOf[p]
		}
	}
	view.terms = usedTerms(r, append(parts, s))
	if po.Variant == Participants && len(opening) > 0 {
		h, err := f.opening(r, s, opening, agenda, po, partOf, view.terms, print)
		if err != nil {
			return nil, err
		}
		view.Opening = template.HTML(h)
	}
	made := func(kind string, n int) error {
		h, err := r.Embed(render.Embed{Layout: "pack", Section: s.Section, Partial: "partials/pack-" + kind + ".html",
			Page: s, URL: po.URL, Kind: "pack", Print: print, View: view})
		if err != nil {
			return err
		}
		title, _ := r.UI().T(s.Lang, "pack.part."+kind)
		pid := fmt.Sprintf("part-%d", n)
		view.Parts = append(view.Parts, Part{ID: pid, Title: markdown.Spacing(s.Lang, title), Kind: kind, Page: pages[pid], HTML: h})
		return nil
	}
	if po.Material() {
		if err := made(po.Variant, 1); err != nil {
			return nil, err
		}
	}
	for i, kind := range before {
		if err := made(kind, i+1); err != nil {
			return nil, err
		}
	}
	for i, p := range parts {
		id := id(i)
		key := fmt.Sprintf("%s#%s|%s|%v", po.URL, id, p.File, print)
		if len(p.FM.Terms) > 0 {
			key += "|" + fmt.Sprint(view.terms) // the glossary holds the terms the other parts use
		}
		body, ok := f.parts.get(key, p.File)
		if !ok {
			if body, err = f.partHTML(r, p, po, view, id, partOf, partURLs, print); err != nil {
				return nil, err
			}
			f.parts.put(key, body)
		}
		title, kind := markdown.Spacing(p.Lang, p.FM.Title), p.Section
		if p == s {
			kind = "plan"
			if view.Module != "" {
				title, _ = uiString(r, s.Lang, "pack.part.plan") // the module's part of the cycle's plan
			}
		}
		view.Parts = append(view.Parts, Part{ID: id, Title: title, Kind: kind, Page: pages[id],
			Blank: blanks[id], HTML: template.HTML(body)})
	}
	for i, kind := range after {
		if err := made(kind, len(before)+len(parts)+i+1); err != nil {
			return nil, err
		}
	}
	if print && !po.Material() {
		view.PrintCSS = printCSS(r, view, pages)
	}
	key := packKey(po)
	out, err := r.Layout(render.LayoutPage{Layout: "pack", Page: s, URL: po.URL, View: view,
		Own: func(q *content.Page) string { return packURL(r, q, key) }})
	var d diag.Diagnostic
	if errors.As(err, &d) && d.Pos.File != s.File {
		d.Msg = fmt.Sprintf("%s (rendering the pack of %s)", d.Msg, s.File)
		return nil, d
	}
	return out, err
}

// uiString returns the UI string id in lang with its typography, as the layouts' .T does.
func uiString(r *render.Renderer, lang, id string, args ...any) (string, error) {
	s, err := r.UI().T(lang, id, args...)
	if err != nil {
		return "", err
	}
	return markdown.Spacing(lang, s), nil
}

// packResolver returns the function that gives the address of each link of page p as seen from
// the pack po. An anchor of p itself gets prefix, the prefix of the IDs of p's copy in the pack.
// A glossary term that the pack's glossary leaves out (terms says which it keeps) is a link to
// the full glossary, like any page that is not in the pack.
func packResolver(r *render.Renderer, p *content.Page, po Output, partOf map[*content.Page]string, print bool, prefix string, terms map[string]bool) func(string) string {
	cfg := r.Config()
	return func(dest string) string {
		t, problem := r.Site().Resolve(p, dest, r.Static)
		if problem != "" || t.Unread != "" {
			return dest
		}
		switch {
		case t.External != "":
			return t.External
		case t.Static != "" && print:
			return cfg.Abs(r.AssetPath(t.Static))
		case t.Static != "":
			return content.RelURL(po.URL, r.AssetPath(t.Static), cfg.Offline)
		}
		_, inPack := partOf[t.Page]
		if inPack && t.Anchor != "" && !terms[t.Anchor] && slices.ContainsFunc(t.Page.FM.Terms, func(x content.Term) bool { return x.ID == t.Anchor }) {
			inPack = false // a term the pack's glossary leaves out
		} else if t.Page == p && t.Anchor != "" {
			return "#" + prefix + t.Anchor // within the part
		}
		if id := partOf[t.Page]; inPack {
			// Another part of the pack.
			if t.Anchor != "" {
				return "#" + id + "-" + t.Anchor
			}
			return "#" + id
		}
		if print {
			u := cfg.Abs(t.Page.URL)
			if t.Anchor != "" {
				u += "#" + t.Anchor
			}
			return u
		}
		u := content.RelURL(po.URL, t.Page.URL, cfg.Offline)
		if t.Anchor != "" {
			u += "#" + t.Anchor
		}
		return u
	}
}

// partHTML renders the body of a handout as seen from the pack page: its links are relative
// to the pack's address, its IDs start with the part's ID, and in the participants' pack its
// facilitator notes are left out.
func (f *Feature) partHTML(r *render.Renderer, p *content.Page, po Output, view *View, id string, partOf map[*content.Page]string, partURLs map[string]string, print bool) (string, error) {
	prefix := id + "-"
	resolve := packResolver(r, p, po, partOf, print, prefix, view.terms)
	opts := markdown.RenderOptions{IDPrefix: prefix}
	if po.Variant == Participants {
		opts.LeaveOut = []string{"facilitator"}
	}
	var text string
	switch {
	case p == po.Session && po.Variant == Trainer:
		// The session plan: its agendas get a duration column.
		var sections []string
		if m := po.module(); m != nil {
			sections = m.Plan
		}
		h, err := f.plan(r, p, sections, resolve, opts)
		if err != nil {
			return "", err
		}
		text = h
	case p.Doc != nil:
		text = p.Doc.HTMLWith(resolve, opts)
	}
	if len(p.FM.Terms) > 0 {
		view.Glossary = r.Config().Abs(p.URL)
	}
	// The partials are drawn around a stand-in for the text, whose IDs are already prefixed.
	h, err := r.Embed(render.Embed{Layout: "pack", Section: po.Session.Section, Partial: "partials/part-body.html",
		Page: p, URL: po.URL, Resolve: resolve, Anchors: partURLs, Print: print, View: view, Content: partText})
	if err != nil {
		return "", err
	}
	return strings.Replace(prefixIDs(string(h), prefix), partText, text, 1), nil
}

// partText stands for the text of a part while its partials are drawn.
const partText = "\x00part text\x00"

// Link is a link to one printable output of a session: a pack or a session material.
type Link struct {
	Variant string
	Module  string // the module's title, for the outputs of a cycle's module
	Href    string
	PDF     string // "" when no PDF was made
}

// links returns the packs and session materials of a session page: the whole session's,
// then each module's ({{packLinks .}}).
func (f *Feature) links(c *render.Ctx) []Link {
	if c.Page == nil || len(c.Page.FM.Handouts) == 0 || c.Kind == "pack" {
		return nil
	}
	var out []Link
	for _, po := range f.Packs(c.Renderer()) {
		if po.Session != c.Page {
			continue
		}
		l := Link{Variant: po.Variant, Href: c.Rel(po.URL)}
		if m := po.module(); m != nil {
			l.Module = markdown.Spacing(c.Lang, m.Title)
		}
		if f.pdf {
			l.PDF = c.Rel(po.PDF)
		}
		out = append(out, l)
	}
	return out
}
