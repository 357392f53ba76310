package render

import (
	"strconv"
	"strings"
	"time"

	"vises/internal/content"
)

// What a page shows of the translators' loop (internal/translation): a notice on a stale
// translation, the notice and language of a stand-in for a missing page, the date the page
// was last updated and its edit link.

// PageMeta is what the translators' loop found of a page.
type PageMeta struct {
	StaleSource *content.Page // for a translation whose source changed since it was marked: the source
	Updated     time.Time     // when the page was last updated; zero when unknown
}

// ownPage returns the page being rendered when the output is that page's own (not a search,
// cards or pack page drawn around the home or a session page), else nil.
func (c *Ctx) ownPage() *content.Page {
	switch c.Kind {
	case string(content.KindHome), string(content.KindSection), string(content.KindPage):
		return c.Page
	}
	return nil
}

// SetPageMeta gives the renderer what the translators' loop found of each page.
func (r *Renderer) SetPageMeta(m map[*content.Page]PageMeta) { r.meta = m }

// Notice is a notice at the top of a page, with a link.
type Notice struct {
	Text     string
	LinkText string
	Href     string
	Lang     string // the language of the page linked to
}

// staleNotice returns, for a translation whose source changed since it was translated, the
// notice that says so in the reader's language with a link to the source; else nil.
func (c *Ctx) staleNotice() *Notice {
	if c.ownPage() == nil {
		return nil
	}
	src := c.r.meta[c.Page].StaleSource
	if src == nil {
		return nil
	}
	text, err := c.T("translation.stale." + src.Lang)
	if err != nil {
		return nil
	}
	link, _ := c.T("translation.source." + src.Lang)
	return &Notice{Text: text, LinkText: link, Href: c.Rel(src.URL), Lang: src.Lang}
}

// fallbackNotice returns, on a stand-in for a page missing in this language, the notice that
// the page is not translated yet; else nil.
func (c *Ctx) fallbackNotice() *Notice {
	if c.ownPage() == nil || c.Page.Fallback == nil {
		return nil
	}
	src := c.Page.Fallback
	text, err := c.T("translation.fallback." + src.Lang)
	if err != nil {
		return nil
	}
	return &Notice{Text: text, Lang: src.Lang}
}

// contentLang returns the language of the page's text when it is not the page's: the
// language of the page a stand-in shows; else "".
func (c *Ctx) contentLang() string {
	if c.ownPage() == nil || c.Page.Fallback == nil {
		return ""
	}
	return c.Page.Fallback.Lang
}

// Date is a date as a page shows it.
type Date struct {
	ISO  string // 2026-12-03, for <time datetime>
	Text string // in the reader's language: 3 décembre 2026, 3 december 2026
}

// updated returns the date the page was last updated, or nil when it is not known.
func (c *Ctx) updated() *Date {
	if c.ownPage() == nil {
		return nil
	}
	t := c.r.meta[c.Page].Updated
	if t.IsZero() {
		return nil
	}
	return c.date(t)
}

// date writes t (a UTC day) in the reader's language, with the month names of the UI strings.
func (c *Ctx) date(t time.Time) *Date {
	t = t.UTC()
	d := &Date{ISO: t.Format("2006-01-02")}
	months, err := c.T("date.months")
	names := strings.Fields(months)
	if err != nil || len(names) != 12 {
		d.Text = d.ISO
		return d
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		if first, err := c.T("date.first"); err == nil && first != "" {
			day = first
		}
	}
	d.Text = day + "\u00a0" + names[t.Month()-1] + " " + strconv.Itoa(t.Year())
	return d
}

// editURL returns the address that opens the page's own source file for editing (editURL in
// site.yaml), or "".
func (c *Ctx) editURL() string {
	if c.ownPage() == nil || c.Page.Fallback != nil || c.Page.Implicit || c.r.cfg.EditURL == "" {
		return ""
	}
	return c.r.cfg.EditURL + c.Page.File
}
