package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
)

// The partials the default theme shows on every page (header, breadcrumbs, section navigation,
// table of contents, previous/next links, footer, a section's children) are written by Go code
// when they are the default theme's own: executing a template costs a reflective call per field
// and per escaper, several microseconds per list entry. A site or partner theme that changes
// one of them gets it executed as a template, with the same data.
// TestLayoutsWrittenInGoMatchTheirTemplates (in build) checks that both give the same bytes.

// partial writes the partial name with data as its dot, through the template set of the page
// being rendered: what the Go writers below stand in for when the theme changes the partial.
func (c *Ctx) partial(name string, data any) (template.HTML, error) {
	if c.set == nil {
		return "", fmt.Errorf("partial %s: no template set", name)
	}
	c.fillContent()
	var b bytes.Buffer
	if err := c.set.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// NavList writes a navigation list (such as SectionNav's children) as partials/navlist.html
// does; in Go when that partial is the default theme's.
func (c *Ctx) NavList(links []Link) (template.HTML, error) {
	var b bytes.Buffer
	if err := c.writeNavList(&b, links); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// writeNavList writes a navigation list to b: in Go when partials/navlist.html is the default
// theme's, else executed as the theme has it.
func (c *Ctx) writeNavList(b *bytes.Buffer, links []Link) error {
	if !c.r.tmpl.Default("partials/navlist.html") {
		s, err := c.partial("partials/navlist.html", links)
		b.WriteString(string(s))
		return err
	}
	writeNavList(b, links)
	return nil
}

// writeNavList is partials/navlist.html of the default theme.
func writeNavList(b *bytes.Buffer, links []Link) {
	if len(links) > 0 {
		b.WriteString("<ul>\n")
		for _, l := range links {
			if l.More {
				b.WriteString(`<li class="nav-more">`)
				writeLink(b, l.Href, l.Title)
				b.WriteString("</li>\n")
				continue
			}
			b.WriteString("<li>")
			writeNavLink(b, l)
			if len(l.Children) > 0 {
				writeNavList(b, l.Children)
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>")
	}
	b.WriteByte('\n')
}

// writeNavLink writes the link of a navigation entry, marked when it is the page being read
// or holds it.
func writeNavLink(b *bytes.Buffer, l Link) {
	b.WriteString(`<a href="`)
	escapeURLAttr(b, l.Href)
	b.WriteByte('"')
	if l.Current {
		b.WriteString(` aria-current="page"`)
	} else if l.Active {
		b.WriteString(` class="active"`)
	}
	b.WriteByte('>')
	escapeText(b, l.Title)
	b.WriteString("</a>")
}

// writeLink writes <a href="href">text</a>, escaped as the templates escape them.
func writeLink(b *bytes.Buffer, href, text string) {
	b.WriteString(`<a href="`)
	escapeURLAttr(b, href)
	b.WriteString(`">`)
	escapeText(b, text)
	b.WriteString("</a>")
}

// writeLinkItems writes each link as a list item holding a plain link.
func writeLinkItems(b *bytes.Buffer, links []Link) {
	for _, l := range links {
		b.WriteString("<li>")
		writeLink(b, l.Href, l.Title)
		b.WriteString("</li>\n")
	}
}

// Partial writes the partial name with the page as its dot, as {{template name .}} does; in
// Go for the partials of goPartials when they are the default theme's (see writePartial).
func (c *Ctx) Partial(name string) (template.HTML, error) {
	var b bytes.Buffer
	if err := c.writePartial(&b, name); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// goPartials are the partials of the default theme written in Go.
var goPartials = map[string]func(*Ctx, *bytes.Buffer) error{
	"partials/toc.html":         writeTOC,
	"partials/header.html":      writeHeader,
	"partials/breadcrumbs.html": writeBreadcrumbs,
	"partials/sidebar.html":     writeSidebar,
	"partials/prevnext.html":    writePrevNext,
	"partials/footer.html":      writeFooter,
	"partials/children.html":    writeChildren,
}

// uiWriter writes UI strings, keeping the first error.
type uiWriter struct {
	c   *Ctx
	b   *bytes.Buffer
	err error
}

// ui returns the UI string id in the page's language.
func (w *uiWriter) ui(id string) string {
	s, err := w.c.T(id)
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

// t writes the UI string id, escaped.
func (w *uiWriter) t(id string) { escapeText(w.b, w.ui(id)) }

// attr writes the attribute name="value", value escaped.
func (w *uiWriter) attr(name, value string) {
	w.b.WriteString(" " + name + `="`)
	escapeText(w.b, value)
	w.b.WriteByte('"')
}

// writeBreadcrumbs is partials/breadcrumbs.html of the default theme.
func writeBreadcrumbs(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	if crumbs := c.Breadcrumbs(); len(crumbs) > 0 {
		b.WriteString(`<nav class="breadcrumbs" aria-label="`)
		w.t("nav.breadcrumbs")
		b.WriteString("\">\n<ol>\n")
		writeLinkItems(b, crumbs)
		b.WriteString(`<li><span aria-current="page">`)
		escapeText(b, c.Title())
		b.WriteString("</span></li>\n</ol>\n</nav>\n")
	}
	b.WriteByte('\n')
	return w.err
}

// writeSidebar is partials/sidebar.html of the default theme.
func writeSidebar(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	if nav := c.SectionNav(); nav != nil && len(nav.Children) > 0 {
		b.WriteString(`<nav class="section-nav" aria-label="`)
		w.t("nav.section")
		b.WriteString("\">\n<p class=\"section-nav-title\"><a href=\"")
		escapeURLAttr(b, nav.Href)
		b.WriteByte('"')
		if nav.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		escapeText(b, nav.Title)
		b.WriteString("</a></p>\n")
		if err := c.writeNavList(b, nav.Children); err != nil {
			return err
		}
		b.WriteString("\n</nav>\n")
	}
	b.WriteByte('\n')
	return w.err
}

// writePrevNext is partials/prevnext.html of the default theme.
func writePrevNext(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	prev, next := c.Prev(), c.Next()
	if prev != nil || next != nil {
		b.WriteString(`<nav class="prev-next" aria-label="`)
		w.t("nav.prevnext")
		b.WriteString("\">\n")
		for _, x := range []struct {
			l    *Link
			kind string
		}{{prev, "prev"}, {next, "next"}} {
			if x.l != nil {
				b.WriteString(`<a class="` + x.kind + `" href="`)
				escapeURLAttr(b, x.l.Href)
				b.WriteString(`" rel="` + x.kind + `"><span class="prev-next-label">`)
				w.t("nav." + x.kind)
				b.WriteString("</span> ")
				escapeText(b, x.l.Title)
				b.WriteString("</a>")
			}
			b.WriteByte('\n')
		}
		b.WriteString("</nav>\n")
	}
	b.WriteByte('\n')
	return w.err
}

// writeFooter is partials/footer.html of the default theme.
func writeFooter(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	b.WriteString("<footer class=\"site-footer\">\n<div class=\"site-footer-inner\">\n<p>")
	escapeText(b, c.SiteTitle())
	if partner := c.Partner(); partner != "" {
		b.WriteString(" · ")
		w.t("footer.hosted")
		b.WriteByte(' ')
		if u := c.PartnerURL(); u != "" {
			writeLink(b, u, partner)
		} else {
			escapeText(b, partner)
		}
	}
	b.WriteString("</p>\n<p class=\"licences\">")
	w.t("footer.content")
	b.WriteString(` <a href="https://creativecommons.org/licenses/by-sa/4.0/deed.`)
	escapeURLPathAttr(b, c.Lang)
	b.WriteString(`" rel="license">CC BY-SA 4.0</a>. `)
	w.t("footer.code")
	b.WriteString(" <a href=\"https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12\">EUPL-1.2</a>.</p>\n<p class=\"footer-note\">")
	w.t("footer.privacy")
	b.WriteString("</p>\n<p class=\"print-url\" hidden>")
	escapeText(b, c.Canonical())
	b.WriteString("</p>\n</div>\n</footer>\n")
	return w.err
}

// writeTOC is partials/toc.html of the default theme.
func writeTOC(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	if toc := c.TOC(); len(toc) > 0 {
		b.WriteString("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\" class=\"toc-title\">")
		w.t("toc.title")
		b.WriteString("</h2>\n<ol>\n")
		for _, h := range toc {
			b.WriteString(`<li class="toc-level-`)
			b.WriteString(strconv.Itoa(h.Level))
			b.WriteString(`"><a href="#`)
			escapeURLPartAttr(b, h.ID)
			b.WriteString(`">`)
			escapeText(b, h.Text)
			b.WriteString("</a></li>\n")
		}
		b.WriteString("</ol>\n</nav>\n")
	}
	b.WriteByte('\n')
	return w.err
}

// writeHeader is partials/header.html of the default theme.
func writeHeader(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	t, attr := w.ui, w.attr
	b.WriteString("<header class=\"site-header\">\n<div class=\"site-header-inner\">\n<a class=\"site-title\" href=\"")
	escapeURLAttr(b, c.Rel(c.Lang+"/"))
	b.WriteString(`">`)
	escapeText(b, c.SiteTitle())
	b.WriteString("</a>\n<form class=\"site-search\" role=\"search\" action=\"")
	escapeURLAttr(b, c.SearchURL())
	b.WriteString(`" method="get"`)
	attr("data-index", c.SearchIndexURL())
	attr("data-root", c.RootURL())
	attr("data-none", t("search.none"))
	attr("data-count-one", t("search.count.one"))
	attr("data-count-other", t("search.count.other"))
	if c.Offline() {
		b.WriteString(` data-offline="true"`)
	}
	b.WriteString(">\n<label for=\"search-q\" class=\"visually-hidden\">")
	escapeText(b, t("search.label"))
	b.WriteString("</label>\n<input type=\"search\" id=\"search-q\" name=\"q\"")
	attr("placeholder", t("search.placeholder"))
	b.WriteString(" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"search-hint\">\n<span id=\"search-hint\" class=\"visually-hidden\">")
	escapeText(b, t("search.hint"))
	b.WriteString("</span>\n<button type=\"submit\" class=\"search-submit\">")
	escapeText(b, t("search.submit"))
	b.WriteString("</button>\n<div class=\"search-popup\" hidden><p class=\"search-status\" role=\"status\" aria-live=\"polite\"></p><ul id=\"search-list\" class=\"search-list\" role=\"listbox\"")
	attr("aria-label", t("search.results"))
	b.WriteString("></ul></div>\n</form>\n<nav class=\"lang-switch\"")
	attr("aria-label", t("nav.languages"))
	b.WriteString(">\n<ul>\n")
	for _, l := range c.Switch() {
		b.WriteString("<li>")
		if l.Current {
			b.WriteString(`<span class="lang-current"`)
			attr("lang", l.Lang)
			b.WriteString(` aria-current="true">`)
			escapeText(b, l.Title)
			b.WriteString("</span>")
		} else {
			b.WriteString(`<a href="`)
			escapeURLAttr(b, l.Href)
			b.WriteByte('"')
			attr("hreflang", l.Lang)
			attr("lang", l.Lang)
			attr("data-lang-choice", l.Lang)
			if l.Missing {
				b.WriteString(` class="lang-missing"`)
				s, e := c.TL(l.Lang, "missing.switch")
				if e != nil {
					return e
				}
				attr("title", s)
			}
			b.WriteByte('>')
			escapeText(b, l.Title)
			b.WriteString("</a>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n</nav>\n</div>\n<nav class=\"main-nav\"")
	attr("aria-label", t("nav.main"))
	b.WriteString(">\n<ul>\n")
	for _, l := range c.MainNav() {
		b.WriteString("<li>")
		writeNavLink(b, l)
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n</nav>\n</header>\n")
	return w.err
}

// writeChildren is partials/children.html of the default theme.
func writeChildren(c *Ctx, b *bytes.Buffer) error {
	w := &uiWriter{c: c, b: b}
	if children := c.Children(); len(children) > 0 {
		b.WriteString("<section class=\"children\" aria-labelledby=\"children-title\">\n<h2 id=\"children-title\">")
		s, err := c.T("section.contents", len(children))
		if err != nil {
			return err
		}
		escapeText(b, s)
		b.WriteString("</h2>\n<ul class=\"cards\">\n")
		for _, l := range children {
			b.WriteString(`<li class="card card-`)
			escapeText(b, l.Kind)
			b.WriteString(`">`)
			writeLink(b, l.Href, l.Title)
			if l.Summary != "" {
				b.WriteString("<p>")
				escapeText(b, l.Summary)
				b.WriteString("</p>")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteByte('\n')
	return w.err
}
