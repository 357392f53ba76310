package render

import (
	"bytes"
	"errors"
	"html/template"
)

// The layouts of the default theme that most pages use (base.html around page.html,
// section.html, fiches/page.html and formation/page.html) are written by Go code, like the
// partials of partials.go, when they are the default theme's own through and through
// (theme.Templates.Own): executing them costs a reflective call per action, a good share of a
// page's rendering. A site or partner theme that changes base.html, one of these layouts or a
// block they fill gets them executed as templates. The partials they include are written in Go
// or executed one by one, each as the theme has it. TestLayoutsWrittenInGoMatchTheirTemplates
// checks that both ways give the same bytes.

// goLayout writes the blocks a layout file fills in base.html: the page's own scripts and its
// main content.
type goLayout struct {
	scripts func(*Ctx, *bytes.Buffer) error // nil: none
	main    func(*Ctx, *bytes.Buffer) error
}

// errUseTemplate stops a layout written in Go for a page it leaves to the template.
var errUseTemplate = errors.New("left to the template")

// goLayouts are the layouts of the default theme written in Go, by file name.
var goLayouts = map[string]goLayout{
	"page.html":           {main: writePageMain},
	"section.html":        {main: writeSectionMain},
	"fiches/page.html":    {scripts: writeWorksheetScripts, main: writeWorksheetMain},
	"formation/page.html": {main: writeSessionMain},
}

// writeBase is base.html of the default theme, around the blocks of l. c.Page is not nil.
func writeBase(c *Ctx, b *bytes.Buffer, l goLayout) error {
	w := &uiWriter{c: c, b: b}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escapeText(b, c.Lang)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if c.IsHome() {
		escapeText(b, c.SiteTitle())
	} else {
		escapeText(b, c.Title())
		b.WriteString(" · ")
		escapeText(b, c.SiteTitle())
	}
	b.WriteString("</title>\n<meta name=\"description\" content=\"")
	escapeText(b, c.Description())
	b.WriteString("\">\n")
	if c.Kind != "404" {
		b.WriteString(`<link rel="canonical" href="`)
		escapeURLAttr(b, c.Canonical())
		b.WriteString("\">\n")
	}
	for _, a := range c.Alternates() {
		b.WriteString(`<link rel="alternate" hreflang="`)
		escapeText(b, a.Lang)
		b.WriteString(`" href="`)
		escapeURLAttr(b, a.Href)
		b.WriteString("\">\n")
	}
	for _, x := range []struct{ before, name, after string }{
		{`<link rel="stylesheet" href="`, "css/site.css", "\">\n"},
		{`<link rel="stylesheet" href="`, "css/print.css", "\" media=\"print\">\n"},
		{`<link rel="icon" href="`, "images/favicon.svg", "\" type=\"image/svg+xml\">\n"},
		{`<script src="`, "js/common.js", "\" defer></script>\n"},
		{`<script src="`, "js/site.js", "\" defer></script>\n"},
		{`<script src="`, "js/search.js", "\" defer></script>\n"},
	} {
		if err := writeAsset(c, b, x.before, x.name, x.after); err != nil {
			return err
		}
	}
	if l.scripts != nil {
		if err := l.scripts(c, b); err != nil {
			return err
		}
	}
	b.WriteString("</head>\n<body class=\"kind-")
	escapeText(b, c.Kind)
	b.WriteString(" section-")
	escapeText(b, c.Page.Section)
	b.WriteString("\">\n<a class=\"skip-link\" href=\"#main\">")
	w.t("skip")
	b.WriteString("</a>\n")
	if err := c.writePartial(b, "partials/header.html"); err != nil {
		return err
	}
	b.WriteString("\n<div class=\"layout\">\n<main id=\"main\" tabindex=\"-1\">\n")
	if err := c.writePartial(b, "partials/breadcrumbs.html"); err != nil {
		return err
	}
	b.WriteByte('\n')
	if len(c.MissingIn()) > 0 {
		b.WriteString(`<p class="notice notice-missing">`)
		w.t("missing.notice")
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	if err := l.main(c, b); err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	if err := c.writePartial(b, "partials/sidebar.html"); err != nil {
		return err
	}
	b.WriteString("\n</div>\n")
	if err := c.writePartial(b, "partials/footer.html"); err != nil {
		return err
	}
	b.WriteString("\n</body>\n</html>\n")
	return w.err
}

// writeAsset writes before, the address of the static file name, then after.
func writeAsset(c *Ctx, b *bytes.Buffer, before, name, after string) error {
	u, err := c.Asset(name)
	if err != nil {
		return err
	}
	b.WriteString(before)
	escapeURLAttr(b, u)
	b.WriteString(after)
	return nil
}

// writePartial writes the partial name with the page as its dot: in Go when it is one of
// goPartials and the default theme's, else executed as the theme has it.
func (c *Ctx) writePartial(b *bytes.Buffer, name string) error {
	if write := goPartials[name]; write != nil && c.r.tmpl.Default(name) {
		return write(c, b)
	}
	s, err := c.partial(name, c)
	b.WriteString(string(s))
	return err
}

// writeHeading writes the page title and, when the page has a description, its lead paragraph.
func writeHeading(c *Ctx, b *bytes.Buffer, lead bool) {
	b.WriteString("<h1>")
	escapeText(b, c.Title())
	b.WriteString("</h1>\n")
	if lead && c.Page.FM.Description != "" {
		b.WriteString(`<p class="lead">`)
		escapeText(b, c.Description())
		b.WriteString("</p>")
	}
	if lead {
		b.WriteByte('\n')
	}
}

// writeProse writes the page's Markdown, rendered, in its prose block.
func writeProse(c *Ctx, b *bytes.Buffer) {
	b.WriteString(`<div class="prose">`)
	if c.Page.Doc != nil {
		c.Page.Doc.WriteHTML(b, c.r.resolver(c.Page))
	}
	b.WriteString("</div>\n")
}

// writePageMain is the "main" block of page.html of the default theme.
func writePageMain(c *Ctx, b *bytes.Buffer) error {
	return writeArticle(c, b, "page", true, "partials/prevnext.html")
}

// writeSectionMain is the "main" block of section.html of the default theme.
func writeSectionMain(c *Ctx, b *bytes.Buffer) error {
	return writeArticle(c, b, "section-page", false, "partials/children.html")
}

// writeArticle writes the article both blocks are made of: the heading (with the page's
// own elements when page is true), the table of contents, the prose and the partial last.
func writeArticle(c *Ctx, b *bytes.Buffer, class string, page bool, last string) error {
	b.WriteString(`<article class="` + class + "\">\n")
	writeHeading(c, b, page)
	if err := c.writePartial(b, "partials/toc.html"); err != nil {
		return err
	}
	b.WriteByte('\n')
	writeProse(c, b)
	if err := c.writePartial(b, last); err != nil {
		return err
	}
	b.WriteString("\n</article>\n")
	return nil
}

// writeWorksheetScripts is the "scripts" block of fiches/page.html of the default theme.
func writeWorksheetScripts(c *Ctx, b *bytes.Buffer) error {
	if c.Page.FM.Worksheet == nil {
		return nil
	}
	return writeAsset(c, b, `<script src="`, "js/worksheet.js", "\" defer></script>\n")
}

// writeWorksheetMain is the "main" block of fiches/page.html of the default theme.
func writeWorksheetMain(c *Ctx, b *bytes.Buffer) error {
	b.WriteString("<article class=\"page worksheet-page\">\n")
	writeHeading(c, b, true)
	writeProse(c, b)
	if c.Page.FM.Worksheet != nil {
		if err := c.writePartial(b, "partials/worksheet.html"); err != nil {
			return err
		}
	}
	b.WriteByte('\n')
	if err := c.writePartial(b, "partials/prevnext.html"); err != nil {
		return err
	}
	b.WriteString("\n</article>\n")
	return nil
}

// writeSessionMain is the "main" block of formation/page.html of the default theme.
func writeSessionMain(c *Ctx, b *bytes.Buffer) error {
	if c.r.pdf {
		return errUseTemplate // links to PDFs, made only with Chromium: left to the template
	}
	w := &uiWriter{c: c, b: b}
	b.WriteString("<article class=\"page session-page\">\n")
	writeHeading(c, b, true)
	if err := c.writePartial(b, "partials/toc.html"); err != nil {
		return err
	}
	b.WriteByte('\n')
	writeProse(c, b)
	if packs := c.PackLinks(); len(packs) > 0 {
		b.WriteString("<section class=\"packs\" aria-labelledby=\"packs-title\">\n<h2 id=\"packs-title\">")
		w.t("pack.links")
		b.WriteString("</h2>\n<ul>\n")
		for _, p := range packs {
			b.WriteString(`<li><a href="`)
			escapeURLAttr(b, p.Href)
			b.WriteString(`">`)
			w.t("pack.variant." + p.Variant)
			b.WriteString("</a></li>\n")
		}
		b.WriteString("</ul>\n</section>")
	}
	b.WriteByte('\n')
	if handouts := c.Handouts(); len(handouts) > 0 {
		b.WriteString("<section class=\"handouts\" aria-labelledby=\"handouts-title\">\n<h2 id=\"handouts-title\">")
		w.t("session.handouts")
		b.WriteString("</h2>\n<ol>\n")
		writeLinkItems(b, handouts)
		b.WriteString("</ol>\n</section>")
	}
	b.WriteByte('\n')
	if err := c.writePartial(b, "partials/prevnext.html"); err != nil {
		return err
	}
	b.WriteString("\n</article>\n")
	return w.err
}

// fillContent sets Content for a template: a layout written in Go writes the page's Markdown
// straight into the page and leaves Content empty until a partial executed as a template may
// need it.
func (c *Ctx) fillContent() {
	if c.lazyContent {
		c.lazyContent = false
		c.Content = template.HTML(c.Page.Doc.HTML(c.r.resolver(c.Page)))
	}
}
