package render

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"vises/internal/brand"
	"vises/internal/content"
	"vises/internal/hostfiles"
	"vises/internal/indicator"
	"vises/internal/markdown"
)

// Ctx is what a layout sees as its dot: the page being rendered and the site around it.
type Ctx struct {
	r        *Renderer
	Page     *content.Page // nil on the root and 404 pages
	Lang     string        // the page's language (the default language on root and 404)
	URL      string        // site path of the page, such as "fr/methode/"
	Kind     string        // home, section, page, root or 404
	Content  template.HTML // the rendered Markdown body
	absolute bool          // links start from the base URL's path (404 page)
	View     any           // on a page a feature draws (LayoutPage): the feature's data

	// What every page shows, worked out once when the Ctx is made (init) and read by the
	// layouts as plain fields, which cost less than methods called through reflection.
	Title       string   // the page title with its typography (the site's on root and 404)
	Description string   // the page description, else the site's
	IsHome      bool     // the page is the home page of its language
	Prev, Next  *Link    // the previous and next pages of the section, or nil
	CSPMeta     string   // the Content-Security-Policy of a <meta> element, or "" (cspMeta)
	MissingIn   []string // the languages the page does not exist in (missingIn)
	// The translators' loop and the page's history (translation.go): a notice that the
	// translation is stale, or that the page stands in for one not translated yet, the
	// language of the text when it is not the page's, when the page was last updated, and
	// where to edit it.
	StaleNotice, FallbackNotice *Notice
	ContentLang                 string
	Updated                     *Date
	EditURL                     string

	ownOf func(*content.Page) string // on a page a feature draws: LayoutPage.Own

	resolve func(string) string // link addresses, when the page is not drawn at its own URL
	set     *template.Template  // the template set being executed, for partials called from Go
	// Drawn inside another output (Embed), such as a pack: the part that stands for a page of
	// it (page address -> part ID), and whether it is printed to PDF (links to other pages go
	// to the public site).
	parts map[string]string
	print bool
	rec   *recorder[*Ctx] // executing a cached partial: addresses and texts are holes (cached.go)
	key   string          // the page's key for cached partials, once computed
	// Lists worked out once: the language switch, the table of contents, the breadcrumbs,
	// the alternates.
	langs  once[[]Link]
	toc    once[[]Heading]
	crumbs once[[]Link]
	alts   once[[]Alternate]
}

// own returns the address of the output that stands for page p in this context: the page
// itself, or, on a page a feature draws, the same output for p (LayoutPage.Own), such as the
// same pack of a session in another language.
func (c *Ctx) own(p *content.Page) string {
	if c.ownOf != nil {
		return c.ownOf(p)
	}
	return p.URL
}

// Link is an entry of a navigation list.
type Link struct {
	Title   string
	Href    string
	Summary string
	Kind    string
	Current bool // the page being rendered
	Active  bool // the page being rendered is inside this entry
	Lang    string
	// TitleLang is the language of the title and summary when it is not the page's: a page
	// missing in a language stands in with its source's text (content.Page.Fallback).
	TitleLang string
	Missing   bool // a language switch entry for which the page does not exist
	More      bool // stands for the pages of a long section left out of its navigation
	Children  []Link
	// List is the entries of Children, each drawn by partials/navitem.html, for navlist.html
	// to write in one go. On SectionNav, each entry is made once per state and reused (see
	// Ctx.entry); empty on other lists, which navlist.html draws entry by entry.
	List template.HTML
}

// T returns the UI string id in the page's language, with its typography.
func (c *Ctx) T(id string, args ...any) (string, error) { return c.TL(c.Lang, id, args...) }

// TL returns the UI string id in lang.
func (c *Ctx) TL(lang, id string, args ...any) (string, error) {
	// The same for every page when it has no arguments or whole numbers only (such as the
	// count of pages left out of a navigation list): looked up once.
	key, cacheable := lang+"\x00"+id, true
	for _, a := range args {
		n, ok := a.(int)
		if !ok {
			cacheable = false
			break
		}
		key += "\x00" + itoa(n)
	}
	if cacheable {
		if s, ok := c.r.strings.Load(key); ok {
			return s.(string), nil
		}
	}
	s, err := c.r.ui.T(lang, id, args...)
	if err != nil {
		return "", err
	}
	s = markdown.Spacing(lang, s)
	if cacheable {
		c.r.strings.Store(key, s)
	}
	return s, nil
}

// Rel returns the URL of a site path (such as "fr/methode/") relative to this page.
func (c *Ctx) Rel(to string) string {
	if c.rec != nil {
		return c.rec.hole(func(p *Ctx) string { return p.Rel(to) })
	}
	if id, ok := c.parts[to]; ok {
		return "#" + id
	}
	if c.print {
		return c.r.cfg.Abs(to)
	}
	return c.rel(to)
}

// RelAnchor returns the address of the element id of the page at site path to, as Rel.
func (c *Ctx) RelAnchor(to, id string) string {
	if part, ok := c.parts[to]; ok {
		return "#" + part + "-" + id
	}
	return c.Rel(to) + "#" + id
}

// rel is Rel for files the page loads (styles, images): always from where the page is.
func (c *Ctx) rel(to string) string {
	if c.rec != nil {
		return c.rec.hole(func(p *Ctx) string { return p.rel(to) })
	}
	if c.absolute {
		u := c.r.cfg.BasePath() + to
		if c.r.cfg.Offline && (u == "" || strings.HasSuffix(u, "/")) {
			u += "index.html"
		}
		return u
	}
	return content.RelURL(c.URL, to, c.r.cfg.Offline)
}

// Abs returns the absolute URL of a site path, from the base URL.
func (c *Ctx) Abs(to string) string { return c.r.cfg.Abs(to) }

// Asset returns the URL of a static file of the theme or site (fingerprinted for CSS and JS).
func (c *Ctx) Asset(name string) (string, error) {
	a, ok := c.r.assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q in the theme or the site", name)
	}
	return c.rel(a.Path), nil
}

// cspMeta returns the Content-Security-Policy to put in a <meta> element when site.yaml asks
// for it (cspMeta: true, for hosts that cannot send headers), or "". The offline edition never
// has it: no server serves it, and a policy of 'self' means little from file://.
func (c *Ctx) cspMeta() string {
	if !c.r.cfg.CSPMeta || c.r.cfg.Offline {
		return ""
	}
	return hostfiles.Policy
}

// Languages returns the site's languages.
func (c *Ctx) Languages() []string { return c.r.cfg.Languages }

// SiteTitle returns the site title in lang (the page's language when empty).
func (c *Ctx) SiteTitle(lang ...string) string {
	l := c.Lang
	if len(lang) > 0 {
		l = lang[0]
	}
	return markdown.Spacing(l, c.r.cfg.Title[l])
}

// SiteDescription returns the site description in lang (the page's language when empty).
func (c *Ctx) SiteDescription(lang ...string) string {
	l := c.Lang
	if len(lang) > 0 {
		l = lang[0]
	}
	return markdown.Spacing(l, c.r.cfg.Description[l])
}

// Partner returns the name of the partner hosting the kit, or "".
func (c *Ctx) Partner() string { return c.r.cfg.Partner.Name }

// PartnerLogo returns the address of the partner's logo (a file of static/), or "".
func (c *Ctx) PartnerLogo() string {
	if c.r.cfg.Partner.Logo == "" {
		return ""
	}
	u, err := c.Asset(c.r.cfg.Partner.Logo)
	if err != nil {
		return ""
	}
	return u
}

// PartnerCSS returns the address of the style sheet of the partner's accent colour
// (partner.color), or "".
func (c *Ctx) PartnerCSS() string {
	if c.r.cfg.Partner.Color == "" {
		return ""
	}
	u, err := c.Asset(brand.Stylesheet)
	if err != nil {
		return ""
	}
	return u
}

// PartnerContact returns the partner's contact line, or "".
func (c *Ctx) PartnerContact() string { return c.r.cfg.Partner.Contact }

// PartnerURL returns the partner's web site, or "".
func (c *Ctx) PartnerURL() string { return c.r.cfg.Partner.URL }

// init works out the fields every page shows; each place that makes a Ctx calls it once
// the Ctx is complete.
func (c *Ctx) init() *Ctx {
	c.Title, c.Description = c.SiteTitle(), c.SiteDescription()
	if p := c.Page; p != nil {
		c.Title = markdown.Spacing(c.Lang, p.FM.Title)
		if p.FM.Description != "" {
			c.Description = markdown.Spacing(c.Lang, p.FM.Description)
		}
		c.IsHome = p.Kind == content.KindHome
		c.Prev, c.Next = c.sibling(-1), c.sibling(+1)
	}
	c.CSPMeta, c.MissingIn = c.cspMeta(), c.missingIn()
	c.StaleNotice, c.FallbackNotice, c.ContentLang = c.staleNotice(), c.fallbackNotice(), c.contentLang()
	c.Updated, c.EditURL = c.updated(), c.editURL()
	return c
}

// Canonical returns the absolute URL of the page.
func (c *Ctx) Canonical() string {
	if c.rec != nil {
		return c.rec.hole(func(p *Ctx) string { return p.Canonical() })
	}
	if c.Page == nil {
		return c.r.cfg.BaseURL
	}
	if c.Page.Fallback != nil {
		// A stand-in for a missing page shows the text of another: that one is canonical.
		return c.r.cfg.Abs(c.Page.Fallback.URL)
	}
	return c.r.cfg.Abs(c.own(c.Page))
}

// Alternates returns the page in every language, with absolute URLs, plus x-default.
func (c *Ctx) Alternates() []Alternate {
	if out, ok := recorded(c, usesAlternates, (*Ctx).Alternates, func(a Alternate, get func(*Ctx) Alternate) Alternate {
		a.Href = c.rec.hole(func(p *Ctx) string { return get(p).Href })
		return a
	}); ok {
		return out
	}
	return c.alts.get(c.alternates)
}

func (c *Ctx) alternates() []Alternate {
	if c.Page == nil {
		var out []Alternate
		for _, lang := range c.r.cfg.Languages {
			out = append(out, Alternate{Lang: lang, Href: c.r.cfg.Abs(lang + "/")})
		}
		return out
	}
	if len(c.Page.Translations) == 0 {
		return nil
	}
	return alternatesOf(c.r, c.Page, c.own)
}

// Switch returns one entry per language: the same page in that language, or, when it does not
// exist, the nearest section that does (Missing is then true).
func (c *Ctx) Switch() []Link {
	// Executing a cached partial, only the addresses are holes: which languages the page is
	// missing in is part of every key (cacheKey).
	if out, ok := recorded(c, 0, (*Ctx).Switch, func(l Link, get func(*Ctx) Link) Link {
		l.Href = c.rec.hole(func(p *Ctx) string { return get(p).Href })
		return l
	}); ok {
		return out
	}
	return c.langs.get(c.langSwitch)
}

func (c *Ctx) langSwitch() []Link {
	var out []Link
	for _, lang := range c.r.cfg.Languages {
		name, _ := c.TL(lang, "lang.name")
		l := Link{Lang: lang, Title: name, Current: lang == c.Lang}
		switch {
		case c.Page == nil:
			l.Href = c.Rel(lang + "/")
		case lang == c.Lang:
			l.Href = c.Rel(c.own(c.Page))
		default:
			target := c.Page.Translations[lang]
			if f := c.Page.Fallback; target == nil && f != nil && f.Lang == lang {
				target = f // a stand-in's language switch leads to the page it shows
			}
			if f := c.r.site.FallbackFor(c.Page, lang); target == nil && f != nil {
				// The page is missing in lang, where its stand-in shows its text.
				l.Missing = true
				l.Href = c.Rel(f.URL)
				out = append(out, l)
				continue
			}
			if target == nil {
				l.Missing = true
				for q := c.Page.Parent; q != nil && target == nil; q = q.Parent {
					target = q.Translations[lang]
				}
				if target == nil {
					target = c.r.site.Home[lang]
				}
			}
			if target != nil && !l.Missing {
				l.Href = c.Rel(c.own(target))
			} else if target != nil {
				l.Href = c.Rel(target.URL)
			} else {
				l.Href = c.Rel(lang + "/")
			}
		}
		out = append(out, l)
	}
	return out
}

// missingIn returns the languages in which this page does not exist.
func (c *Ctx) missingIn() []string {
	var out []string
	for _, l := range c.Switch() {
		if l.Missing {
			out = append(out, l.Lang)
		}
	}
	return out
}

// Home returns the home page link of the page's language.
func (c *Ctx) Home() Link {
	return Link{Title: c.SiteTitle(), Href: c.Rel(c.Lang + "/"), Current: c.IsHome}
}

func (c *Ctx) link(p *content.Page) Link {
	t := c.r.texts[p]
	l := Link{Title: t.title, Href: c.Rel(p.URL), Kind: string(p.Kind), Lang: p.Lang, Summary: t.summary}
	if p.Fallback != nil {
		l.TitleLang = p.Fallback.Lang
	}
	if c.Page != nil {
		l.Current = p == c.Page
		l.Active = c.inside(p)
	}
	return l
}

// inside reports whether the page being rendered is p or one of its descendants.
func (c *Ctx) inside(p *content.Page) bool {
	for q := c.Page; q != nil; q = q.Parent {
		if q == p {
			return true
		}
	}
	return false
}

// MainNav returns the top-level sections of the page's language.
func (c *Ctx) MainNav() []Link {
	home := c.r.site.Home[c.Lang]
	if home == nil {
		return nil
	}
	var out []Link
	for _, p := range home.Children {
		if p.Kind == content.KindSection {
			l := c.link(p)
			if t := p.FM.NavTitle; t != "" {
				l.Title = markdown.Spacing(p.Lang, t)
			}
			out = append(out, l)
		}
	}
	return out
}

// Breadcrumbs returns the sections above the page, from the home page down.
func (c *Ctx) Breadcrumbs() []Link {
	if out, ok := recorded(c, usesCrumbs, (*Ctx).Breadcrumbs, func(l Link, get func(*Ctx) Link) Link {
		return linkHoles(c.rec, l, get)
	}); ok {
		return out
	}
	return c.crumbs.get(c.breadcrumbs)
}

func (c *Ctx) breadcrumbs() []Link {
	if c.Page == nil || c.Page.Kind == content.KindHome {
		return nil
	}
	var out []Link
	for _, p := range c.Page.Ancestors() {
		out = append(out, c.link(p))
	}
	return out
}

// SectionNav returns the top-level section the page belongs to and its pages, with the
// pages of the sub-section being read. Each entry below the section comes with its Entry.
func (c *Ctx) SectionNav() (*Link, error) {
	if c.Page == nil || c.Page.Kind == content.KindHome {
		return nil, nil
	}
	top := c.Page
	for top.Parent != nil && top.Parent.Kind != content.KindHome {
		top = top.Parent
	}
	if top.Kind != content.KindSection {
		return nil, nil
	}
	var walk func(p *content.Page) (Link, error)
	walk = func(p *content.Page) (Link, error) {
		l := c.link(p)
		if p != top && !l.Active { // not the page being read nor one of its ancestors
			return l, nil
		}
		kids := p.Children
		before, after := 0, 0
		if len(kids) > navMax {
			// A long section shows the pages around the one being read.
			at := -1 // the child that is, or holds, the page being read
			for q := c.Page; q != nil; q = q.Parent {
				if q.Parent == p {
					at = q.Index
				}
			}
			lo, hi := 0, navWindow*2+1
			if at >= 0 {
				lo, hi = max(at-navWindow, 0), min(at+navWindow+1, len(kids))
			}
			hi = min(hi, len(kids))
			before, after = lo, len(kids)-hi
			kids = kids[lo:hi]
		}
		l.Children = make([]Link, 0, len(kids)+2)
		if before > 0 {
			l.Children = append(l.Children, c.more(p, before))
		}
		for _, ch := range kids {
			e, err := walk(ch)
			if err != nil {
				return l, err
			}
			l.Children = append(l.Children, e)
		}
		if after > 0 {
			l.Children = append(l.Children, c.more(p, after))
		}
		list := make([]byte, 0, 192*len(l.Children))
		for _, e := range l.Children {
			var err error
			if list, err = c.entry(list, e); err != nil {
				return l, err
			}
		}
		l.List = template.HTML(list)
		return l, nil
	}
	l, err := walk(top)
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// Section navigation lists at most navMax pages of a section; past that, the navWindow pages
// before and after the page being read, and a link to the section for the others.
const (
	navMax    = 40
	navWindow = 8
)

// more is the entry that stands for n pages of a section left out of the navigation.
func (c *Ctx) more(section *content.Page, n int) Link {
	label, err := c.T("nav.more", n)
	if err != nil {
		label = itoa(n) + " …"
	}
	return Link{Title: label, Href: c.Rel(section.URL), Kind: "more", More: true}
}

// Children returns the pages and sub-sections listed by a section or home page.
func (c *Ctx) Children() []Link {
	if c.Page == nil {
		return nil
	}
	var out []Link
	for _, p := range c.Page.Children {
		out = append(out, c.link(p))
	}
	return out
}

// Heading is an entry of the table of contents.
type Heading struct {
	ID       string
	Text     string
	Level    int
	Children []Heading // the level 3 headings under a level 2 heading
}

// TOC returns the level 2 headings of a long page (three or more headings of level 2 and 3),
// each with the level 3 headings under it, else nothing. A level 3 heading before the first
// level 2 heading is listed at the top level.
func (c *Ctx) TOC() []Heading {
	if out, ok := recorded(c, usesTOC, (*Ctx).TOC, c.holeHeading); ok {
		return out
	}
	return c.toc.get(c.headings)
}

// holeHeading returns h with its anchor and text left as holes, and those of its children,
// filled from the heading get reads on each page.
func (c *Ctx) holeHeading(h Heading, get func(*Ctx) Heading) Heading {
	h.ID = c.rec.idHole(h.ID, func(p *Ctx) string { return get(p).ID })
	h.Text = c.rec.textHole(h.Text, func(p *Ctx) string { return get(p).Text })
	h.Children = slices.Clone(h.Children)
	for j := range h.Children {
		h.Children[j] = c.holeHeading(h.Children[j], func(p *Ctx) Heading { return get(p).Children[j] })
	}
	return h
}

func (c *Ctx) headings() []Heading {
	if c.Page == nil || c.Page.Doc == nil {
		return nil
	}
	var out []Heading
	n := 0
	for _, h := range c.Page.Doc.Headings {
		if h.Level != 2 && h.Level != 3 {
			continue
		}
		n++
		e := Heading{ID: h.ID, Text: markdown.Spacing(c.Lang, h.Text), Level: h.Level}
		if h.Level == 3 && len(out) > 0 && out[len(out)-1].Level == 2 {
			last := &out[len(out)-1]
			last.Children = append(last.Children, e)
			continue
		}
		out = append(out, e)
	}
	if n < 3 {
		return nil
	}
	return out
}

// sibling returns the previous (step -1) or next page of the section, or nil.
func (c *Ctx) sibling(step int) *Link {
	if c.Page == nil || c.Page.Kind != content.KindPage {
		return nil
	}
	p := c.Page.Prev()
	if step > 0 {
		p = c.Page.Next()
	}
	if p == nil {
		return nil
	}
	l := c.link(p)
	return &l
}

// Markdown renders a front matter fragment of the page ("terms.3.definition").
func (c *Ctx) Markdown(key string, inline bool) (template.HTML, error) {
	if c.Page == nil {
		return "", nil
	}
	f := c.Page.Fragments[key]
	if f == nil {
		return "", nil
	}
	resolve := c.resolve
	if resolve == nil {
		resolve = c.r.resolver(c.Page)
	}
	s, err := c.r.mds[c.Lang].RenderString(f.Doc, resolve, inline)
	return template.HTML(s), err
}

// Term is a glossary entry as shown on the page.
type Term struct {
	ID         string
	Term       string
	Synonyms   []string
	Definition template.HTML
	Other      []Link // the matching term in the other languages
}

// Terms returns the glossary entries of the page, sorted by term.
func (c *Ctx) Terms() ([]Term, error) {
	if c.Page == nil {
		return nil, nil
	}
	var out []Term
	for i, t := range c.Page.FM.Terms {
		def, err := c.Markdown(fmt.Sprintf("terms.%d.definition", i), false)
		if err != nil {
			return nil, err
		}
		e := Term{ID: t.ID, Term: markdown.Spacing(c.Lang, t.Term), Definition: def}
		for _, s := range t.Synonyms {
			e.Synonyms = append(e.Synonyms, markdown.Spacing(c.Lang, s))
		}
		for _, lang := range c.r.cfg.Languages {
			q := c.Page.Translations[lang]
			if q == nil {
				continue
			}
			for _, o := range q.FM.Terms {
				if o.ID == t.ID {
					e.Other = append(e.Other, Link{Lang: lang, Title: markdown.Spacing(lang, o.Term), Href: c.RelAnchor(q.URL, o.ID)})
				}
			}
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return markdown.Slug(out[i].Term) < markdown.Slug(out[j].Term) })
	return out, nil
}

// Handouts returns the pages a training session hands out, in order.
func (c *Ctx) Handouts() []Link {
	if c.Page == nil {
		return nil
	}
	var out []Link
	for _, h := range c.Page.FM.Handouts {
		t, problem := c.r.site.Resolve(c.Page, h, nil)
		if problem == "" && t.Page != nil {
			out = append(out, c.link(t.Page))
		}
	}
	return out
}

// IsCatalogue reports whether the page is the indicator catalogue's section page.
func (c *Ctx) IsCatalogue() bool {
	return c.Page != nil && c.Page.Kind == content.KindSection && c.Page.Section == indicator.Section && c.Page.Dir() == indicator.Section
}

// Seq returns the numbers 1 to n, for the rows of a form to fill in.
func (c *Ctx) Seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Offline reports whether the site is built for browsing from disk.
func (c *Ctx) Offline() bool { return c.r.cfg.Offline }

func itoa(i int) string { return strconv.Itoa(i) }

// RootURL returns the address of the site root from the page.
func (c *Ctx) RootURL() string {
	if c.rec != nil {
		return c.rec.hole(func(p *Ctx) string { return p.RootURL() })
	}
	u := c.Rel("")
	return strings.TrimSuffix(u, "index.html")
}
