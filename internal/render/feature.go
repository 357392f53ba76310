package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"

	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
)

// A Feature is a part of the kit that brings pages, files or template data of its own: the
// indicator catalogue, the search, the worksheets... Each lives in its own package, which
// imports render; render knows none of them. The build makes the features of a site and hands
// them to New (and their functions to the templates, with Funcs), so that adding a feature
// means adding a package, not growing render.
type Feature interface {
	// Funcs returns the template functions the feature gives the layouts. Each takes the
	// page being drawn (*Ctx) as its first argument, as {{worksheet .}} does, and reaches the
	// site through it (Ctx.Renderer).
	Funcs() template.FuncMap
	// Outputs returns the files the feature adds to the site: files made of bytes, and pages
	// drawn through a layout of the theme (Renderer.Layout). It is called once links are
	// resolved; the files are made when the build renders them, in parallel with the pages.
	Outputs(r *Renderer) []Output
}

// Output is a file a feature adds to the site.
type Output struct {
	Name    string                 // its path in the site, such as "fr/search-index.js"
	Render  func() ([]byte, error) // makes the file; it may be called on any goroutine
	Compact bool                   // already as small as it gets (generated JSON): not minified
	// Uses reports whether the file shows the text of a page source (content/LANG/...), so
	// that a build after only the text of some pages changed makes it again. Nil: the file
	// depends on nothing that a change of text alone can alter (a change of what other pages
	// show of a page, such as its title, rebuilds everything).
	Uses func(file string) bool
}

// Funcs gathers the template functions of the features, for theme.Load. Two features may
// not give the same name.
func Funcs(features ...Feature) (template.FuncMap, error) {
	out := template.FuncMap{}
	for _, f := range features {
		for name, fn := range f.Funcs() {
			if _, ok := out[name]; ok {
				return nil, fmt.Errorf("two features give the template function %q", name)
			}
			out[name] = fn
		}
	}
	return out, nil
}

// Outputs returns the files of every feature, in the order of the features.
func (r *Renderer) Outputs() []Output {
	var out []Output
	for _, f := range r.features {
		out = append(out, f.Outputs(r)...)
	}
	return out
}

// LayoutPage is a page a feature draws through a layout of the theme.
type LayoutPage struct {
	Layout string        // the layout's kind: the theme's SECTION/KIND.html, else KIND.html
	Page   *content.Page // the page it belongs to (section, language, translations), or nil
	Lang   string        // its language (Page's when empty)
	URL    string        // the site path it is published at, such as "fr/recherche/"
	// Own gives the address of the same output for another language version of Page (its
	// canonical URL, alternates and language switch); nil when it is the page's own address.
	Own  func(*content.Page) string
	View any // what the layout sees as .View
}

// Layout draws a feature's page through its layout and returns the HTML.
func (r *Renderer) Layout(lp LayoutPage) ([]byte, error) {
	section := ""
	if lp.Page != nil {
		section = lp.Page.Section
		if lp.Lang == "" {
			lp.Lang = lp.Page.Lang
		}
	}
	set, _, err := r.tmpl.Lookup(section, lp.Layout)
	if err != nil {
		if lp.Page != nil && section != "" {
			return nil, diag.Diagnostic{Pos: diag.Pos{File: lp.Page.File}, Msg: err.Error()}
		}
		return nil, err
	}
	ctx := (&Ctx{r: r, Page: lp.Page, Lang: lp.Lang, URL: lp.URL, Kind: lp.Layout, View: lp.View, ownOf: lp.Own}).init()
	out, err := r.execute(set, ctx)
	if err != nil {
		return nil, r.tmpl.ExecError(err)
	}
	return out, nil
}

// Embed is a page drawn inside another output through a partial of the theme, such as a
// handout inside a session's pack: its body as seen from the output's address.
type Embed struct {
	Layout, Section string        // the layout of the output it is drawn in (whose partials are used)
	Partial         string        // the partial that draws the page, such as "partials/part-body.html"
	Page            *content.Page // the page drawn
	URL             string        // the address of the output it is drawn in
	// Resolve gives the address to write for a link of the page's text (as written); nil:
	// the page's own links.
	Resolve func(dest string) string
	// Anchors gives, for a site path, the anchor in the output that stands for that page (the
	// parts of a pack): .Rel and .RelAnchor then point at it.
	Anchors map[string]string
	Print   bool // the output is printed to PDF: links to other pages go to the public site
	// Kind is the kind of page the partial sees (.Kind), such as "pack"; empty: the page's.
	Kind string
	// Content is what the partial shows as .Content; empty: the page's text, its links
	// resolved with Resolve.
	Content template.HTML
	View    any // what the partial sees as .View, such as the output being drawn
}

// Embed draws e.Page through e.Partial and returns the HTML.
func (r *Renderer) Embed(e Embed) (template.HTML, error) {
	set, _, err := r.tmpl.Lookup(e.Section, e.Layout)
	if err != nil {
		return "", diag.Diagnostic{Pos: diag.Pos{File: e.Page.File}, Msg: err.Error()}
	}
	resolve := e.Resolve
	if resolve == nil {
		resolve = r.resolver(e.Page)
	}
	p := e.Page
	kind := e.Kind
	if kind == "" {
		kind = string(p.Kind)
	}
	c := &Ctx{r: r, Page: p, Lang: p.Lang, URL: e.URL, Kind: kind, resolve: resolve, set: set, parts: e.Anchors, print: e.Print,
		View: e.View, Content: e.Content}
	c.init()
	if c.Content == "" && p.Doc != nil {
		c.Content = template.HTML(p.Doc.HTML(resolve))
	}
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, e.Partial, c); err != nil {
		d := r.tmpl.ExecError(err)
		d.Msg = fmt.Sprintf("%s (rendering %s in %s)", d.Msg, p.File, e.URL)
		return "", d
	}
	return template.HTML(b.String()), nil
}

// Config returns the site's configuration.
func (r *Renderer) Config() *config.Config { return r.cfg }

// Site returns the assembled site.
func (r *Renderer) Site() *content.Site { return r.site }

// UI returns the site's UI strings.
func (r *Renderer) UI() *i18n.Bundle { return r.ui }

// Static reports whether name is a static file of the theme or the site.
func (r *Renderer) Static(name string) bool { _, ok := r.assets[name]; return ok }

// AssetPath returns the site path of a static file of the theme or the site (fingerprinted
// for CSS and JS), or "" when there is none.
func (r *Renderer) AssetPath(name string) string {
	if a, ok := r.assets[name]; ok {
		return a.Path
	}
	return ""
}

// ListTitle returns the title lists of pages show for p, typography applied (an indicator's
// starts with its ID).
func (r *Renderer) ListTitle(p *content.Page) string { return r.texts[p].title }

// Backlinks returns the other pages that link to p, in site order.
func (r *Renderer) Backlinks(p *content.Page) []*content.Page { return r.backlinks[p] }

// Keep says that the site is built again and again (vises serve).
func (r *Renderer) Keep() { r.keeps = true }

// Keeps reports whether the site is built again and again (vises serve), so that a feature
// may keep on the pages what it made of them for the next build.
func (r *Renderer) Keeps() bool { return r.keeps }

// Renderer returns the renderer drawing the page, for template functions of features.
func (c *Ctx) Renderer() *Renderer { return c.r }

// LinkTo returns the entry of a navigation list for page p, as seen from this page.
func (c *Ctx) LinkTo(p *content.Page) Link { return c.link(p) }

// call runs the template function name of a feature with the page as its argument: the
// methods of compat.go use it.
func (c *Ctx) call(name string) (any, error) {
	fn, ok := c.r.funcs[name]
	if !ok {
		return nil, fmt.Errorf("no template function %q: is its feature built?", name)
	}
	out := reflect.ValueOf(fn).Call([]reflect.Value{reflect.ValueOf(c)})
	if len(out) == 2 && !out[1].IsNil() {
		return nil, out[1].Interface().(error)
	}
	return out[0].Interface(), nil
}
