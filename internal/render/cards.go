package render

import (
	"html/template"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/qrcode"
)

// cardsURL returns the site path of the indicator cards of lang, or "".
func (r *Renderer) cardsURL(lang string) string {
	sec := r.catalogueSection(lang)
	if sec == nil {
		return ""
	}
	slug, err := r.ui.T(lang, "cards.slug")
	if err != nil || slug == "" {
		slug = "cards"
	}
	return sec.URL + slug + "/"
}

// CardsPages lists the site paths of the indicator cards pages, one per language.
func (r *Renderer) CardsPages() []string {
	if r.cat == nil || r.cat.Facets == nil {
		return nil
	}
	var out []string
	for _, lang := range r.cfg.Languages {
		if u := r.cardsURL(lang); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// Cards renders the indicator cards of the language whose cards page is at url.
func (r *Renderer) Cards(url string) ([]byte, error) {
	for _, lang := range r.cfg.Languages {
		if r.cardsURL(lang) != url {
			continue
		}
		sec := r.catalogueSection(lang)
		set, _, err := r.tmpl.Lookup(sec.Section, "cards")
		if err != nil {
			return nil, diag.Diagnostic{Pos: diag.Pos{File: sec.File}, Msg: err.Error()}
		}
		out, err := r.execute(set, &Ctx{r: r, Page: sec, Lang: lang, URL: url, Kind: "cards"})
		if err != nil {
			return nil, r.tmpl.ExecError(err)
		}
		return out, nil
	}
	return nil, nil
}

// Card is an indicator as printed on a workshop card.
type Card struct {
	ID, Title, Dimension, DimensionCode, Level, Effort, Definition, Href string
	QR                                                                   template.HTML
}

// Cards returns a card per indicator of the page's language, in catalogue order.
func (c *Ctx) Cards() ([]Card, error) {
	if c.r.cat == nil {
		return nil, nil
	}
	var out []Card
	abs := func(p *content.Page) string { return c.r.cfg.Abs(p.URL) }
	for _, rec := range c.r.cat.Records(c.Lang, abs) {
		qr, err := qrcode.SVG(rec.URL, rec.ID)
		if err != nil {
			return nil, err
		}
		e := c.r.cat.Lookup(rec.ID, c.Lang)
		out = append(out, Card{ID: rec.ID, Title: rec.Name, Dimension: c.Facet("dimension", rec.Dimension), DimensionCode: rec.Dimension,
			Level: c.Facet("level", rec.Level), Effort: c.Facet("effort", itoa(rec.Effort)), Definition: rec.Definition,
			Href: c.Rel(e.Page.URL), QR: template.HTML(qr)})
	}
	return out, nil
}

// CardsURL returns the address of the indicator cards of the page's language.
func (c *Ctx) CardsURL() string { return c.Rel(c.r.cardsURL(c.Lang)) }
