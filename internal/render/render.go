// Package render turns the assembled site into bytes: it resolves links, renders Markdown and
// executes the theme's layouts for each page, the bilingual root page, the 404 page, the
// sitemap and robots.txt. Features (the catalogue, the search, the worksheets...) add their
// pages, files and template functions through the Feature interface, from their own packages.
// It does no I/O.
package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"sync"

	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
	"vises/internal/markdown"
	"vises/internal/parallel"
	"vises/internal/publish"
	"vises/internal/theme"
)

// Renderer renders one build. Build it with New, resolve links with Links, then render.
type Renderer struct {
	cfg    *config.Config
	site   *content.Site
	ui     *i18n.Bundle
	tmpl   *theme.Templates
	mds    content.Markdowns
	assets map[string]*publish.Asset
	// features bring pages, files and template functions of their own (feature.go).
	features []Feature
	funcs    template.FuncMap
	links    map[*content.Page]map[string]string // page -> link as written -> URL to write
	// backlinks lists, for each page, the other pages that link to it, in site order.
	backlinks map[*content.Page][]*content.Page
	forward   map[*content.Page][]*content.Page // the pages each page links to
	keeps     bool                              // the site is built again and again (Keep)
	texts     map[*content.Page]texts           // titles and summaries with their typography
	strings   sync.Map                          // lang, id and whole-number arguments -> UI string, typography applied
	meta      map[*content.Page]PageMeta        // what the translators' loop found (translation.go)
	// Partials executed once per key (cached.go).
	cached    map[string]bool // the partials that may be cached
	cacheMu   sync.RWMutex
	fragments map[cacheKey]*fragment[*Ctx]
	entries   map[*template.Template]map[string]*fragment[*Link] // navigation entries by layout and key (Ctx.entry)
}

// texts are what lists of pages show of a page, typography applied once.
type texts struct {
	title, summary string
}

// New returns a renderer for the site.
// The templates must have been loaded with the features' functions (Funcs).
func New(cfg *config.Config, site *content.Site, ui *i18n.Bundle, tmpl *theme.Templates, mds content.Markdowns, assets map[string]*publish.Asset, features ...Feature) *Renderer {
	funcs, _ := Funcs(features...)
	return &Renderer{cfg: cfg, site: site, ui: ui, tmpl: tmpl, mds: mds, assets: assets, features: features, funcs: funcs,
		links: map[*content.Page]map[string]string{}, texts: map[*content.Page]texts{}, backlinks: map[*content.Page][]*content.Page{}, forward: map[*content.Page][]*content.Page{}}
}

// Links resolves every link of every page into the address written in its HTML, on workers
// goroutines; the results are gathered in site order, so that they do not depend on workers.
// A link that does not resolve keeps its destination: vises check (check.Links) reports it.
func (r *Renderer) Links(workers int) {
	static := func(name string) bool { _, ok := r.assets[name]; return ok }
	type result struct {
		texts  texts
		links  map[string]string
		linked []*content.Page // the pages linked to, in order of first link
	}
	pages := r.site.Pages
	results := make([]result, len(pages))
	resolve := func(i int) {
		p, res := pages[i], &results[i]
		t := texts{title: markdown.Spacing(p.Lang, p.FM.Title)}
		if in := p.FM.Indicator; in != nil && in.ID != "" {
			t.title = in.ID + " · " + t.title
		}
		sum := p.FM.Summary
		if sum == "" {
			sum = p.FM.Description
		}
		t.summary = markdown.Spacing(p.Lang, sum)
		res.texts = t
		m := make(map[string]string, len(p.Doc.Links))
		res.links = m
		p.EachLink(func(dest string, _ diag.Pos) {
			t, problem := r.site.Resolve(p, dest, static)
			if problem != "" || t.Unread != "" {
				m[dest] = dest
				return
			}
			m[dest] = r.targetURL(p, t)
			if t.Page != nil && t.Page != p && !slices.Contains(res.linked, t.Page) {
				res.linked = append(res.linked, t.Page)
			}
		})
	}
	parallel.For(len(pages), workers, resolve)
	for i, p := range pages {
		res := &results[i]
		r.texts[p] = res.texts
		r.links[p] = res.links
		r.forward[p] = res.linked
		for _, q := range res.linked {
			r.backlinks[q] = append(r.backlinks[q], p)
		}
	}
}

// LinkTargets returns the pages a page links to, as their site paths, sorted.
func (r *Renderer) LinkTargets(p *content.Page) []string {
	var out []string
	for _, q := range r.forward[p] {
		out = append(out, q.URL)
	}
	sort.Strings(out)
	return out
}

func (r *Renderer) targetURL(from *content.Page, t content.Target) string {
	switch {
	case t.External != "":
		return t.External
	case t.Static != "":
		return content.RelURL(from.URL, r.assets[t.Static].Path, r.cfg.Offline)
	}
	u := ""
	if t.Page != from {
		u = content.RelURL(from.URL, t.Page.URL, r.cfg.Offline)
	}
	if t.Anchor != "" {
		u += "#" + t.Anchor
	}
	return u
}

// Page renders the HTML of a page into b (which it empties first); it returns the output path.
func (r *Renderer) Page(b *bytes.Buffer, p *content.Page) (string, error) {
	kind := string(p.Kind)
	set, _, err := r.tmpl.Lookup(p.Section, kind)
	if err != nil {
		return "", diag.Diagnostic{Pos: diag.Pos{File: p.File}, Msg: err.Error()}
	}
	b.Reset()
	ctx := (&Ctx{r: r, Page: p, Lang: p.Lang, URL: p.URL, Kind: kind}).init()
	if p.Doc != nil {
		ctx.Content = template.HTML(p.Doc.HTML(r.resolver(p)))
	}
	if err := r.executeTo(b, set, ctx); err != nil {
		d := r.tmpl.ExecError(err)
		d.Msg = fmt.Sprintf("%s (rendering %s)", d.Msg, p.File)
		return "", d
	}
	return p.URL + "index.html", nil
}

func (r *Renderer) resolver(p *content.Page) func(string) string {
	m := r.links[p]
	return func(dest string) string {
		if u, ok := m[dest]; ok {
			return u
		}
		return dest
	}
}

func (r *Renderer) execute(set *template.Template, ctx *Ctx) ([]byte, error) {
	var b bytes.Buffer
	if err := r.executeTo(&b, set, ctx); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (r *Renderer) executeTo(b *bytes.Buffer, set *template.Template, ctx *Ctx) error {
	ctx.set = set
	b.Grow(len(ctx.Content) + 16<<10) // the page around the text is about 10 KB
	return set.ExecuteTemplate(b, "base", ctx)
}

// Root renders the bilingual entry page, public/index.html.
func (r *Renderer) Root() ([]byte, error) {
	set, _, err := r.tmpl.Lookup("", "root")
	if err != nil {
		return nil, err
	}
	out, err := r.execute(set, (&Ctx{r: r, Lang: r.cfg.DefaultLanguage, Kind: "root"}).init())
	if err != nil {
		return nil, r.tmpl.ExecError(err)
	}
	return out, nil
}

// NotFound renders public/404.html. Its links start from the base URL's path, since the page is
// served at any address.
func (r *Renderer) NotFound() ([]byte, error) {
	set, _, err := r.tmpl.Lookup("", "404")
	if err != nil {
		return nil, err
	}
	// A 404 page is served at any address, so its links start from the site's root; the
	// offline edition has no server, and its 404.html, at the top of the folder, links relatively.
	out, err := r.execute(set, (&Ctx{r: r, Lang: r.cfg.DefaultLanguage, Kind: "404", absolute: !r.cfg.Offline}).init())
	if err != nil {
		return nil, r.tmpl.ExecError(err)
	}
	return out, nil
}

// Sitemap renders sitemap.xml with an hreflang alternate for every translation.
func (r *Renderer) Sitemap() []byte {
	type link struct {
		XMLName  xml.Name `xml:"xhtml:link"`
		Rel      string   `xml:"rel,attr"`
		Hreflang string   `xml:"hreflang,attr"`
		Href     string   `xml:"href,attr"`
	}
	type u struct {
		XMLName xml.Name `xml:"url"`
		Loc     string   `xml:"loc"`
		Lastmod string   `xml:"lastmod,omitempty"`
		Links   []link
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr"`
		URLs    []u
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, p := range r.site.Pages {
		if p.Fallback != nil {
			continue // its canonical address is the page it shows
		}
		entry := u{Loc: r.cfg.Abs(p.URL)}
		if t := r.meta[p].Updated; !t.IsZero() {
			entry.Lastmod = t.UTC().Format("2006-01-02")
		}
		if len(p.Translations) > 0 {
			for _, a := range alternates(r, p) {
				entry.Links = append(entry.Links, link{Rel: "alternate", Hreflang: a.Lang, Href: a.Href})
			}
		}
		set.URLs = append(set.URLs, entry)
	}
	out, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}

// Robots renders robots.txt, pointing at the sitemap.
func (r *Renderer) Robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + r.cfg.Abs("sitemap.xml") + "\n")
}

// Alternate is one language version of a page, with an absolute URL.
type Alternate struct {
	Lang string
	Href string
}

func alternates(r *Renderer, p *content.Page) []Alternate {
	return alternatesOf(r, p, func(q *content.Page) string { return q.URL })
}

// alternatesOf lists the language versions of p, where own gives the output of each.
func alternatesOf(r *Renderer, p *content.Page, own func(*content.Page) string) []Alternate {
	out := []Alternate{{Lang: p.Lang, Href: r.cfg.Abs(own(p))}}
	for lang, q := range p.Translations {
		out = append(out, Alternate{Lang: lang, Href: r.cfg.Abs(own(q))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	if len(r.cfg.Languages) > 1 {
		out = append(out, Alternate{Lang: "x-default", Href: r.cfg.BaseURL})
	}
	return out
}
