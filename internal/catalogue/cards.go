package catalogue

import (
	"html/template"
	"strconv"

	"vises/internal/content"
	"vises/internal/qrcode"
	"vises/internal/render"
)

// cardsURL returns the site path of the indicator cards of lang, or "".
func (f *Feature) cardsURL(r *render.Renderer, lang string) string {
	sec := f.section(r, lang)
	if sec == nil {
		return ""
	}
	slug, err := r.UI().T(lang, "cards.slug")
	if err != nil || slug == "" {
		slug = "cards"
	}
	return sec.URL + slug + "/"
}

func (f *Feature) cardsURLOf(c *render.Ctx) string { return c.Rel(f.cardsURL(c.Renderer(), c.Lang)) }

// cardsPage renders the indicator cards of lang, at url.
func (f *Feature) cardsPage(r *render.Renderer, lang, url string) ([]byte, error) {
	return r.Layout(render.LayoutPage{Layout: "cards", Page: f.section(r, lang), URL: url,
		Own: func(p *content.Page) string { return f.cardsURL(r, p.Lang) }})
}

// Card is an indicator as printed on a workshop card: with its calculation, unit and why it
// matters beside its definition, and its collection effort as a step of 1 to 3 (EffortLevel)
// as well as in words (Effort).
type Card struct {
	ID, Title, Dimension, DimensionCode, Level, Effort, Definition, Href string
	Formula, Unit, Why                                                   string
	EffortLevel                                                          int
	QR                                                                   template.HTML
}

// cards returns a card per indicator of the page's language, in catalogue order.
func (f *Feature) cards(c *render.Ctx) ([]Card, error) {
	if f.cat == nil {
		return nil, nil
	}
	cfg := c.Renderer().Config()
	var out []Card
	abs := func(p *content.Page) string { return cfg.Abs(p.URL) }
	for _, rec := range f.cat.Records(c.Lang, abs) {
		qr, err := qrcode.SVG(rec.URL, rec.ID)
		if err != nil {
			return nil, err
		}
		e := f.cat.Lookup(rec.ID, c.Lang)
		out = append(out, Card{ID: rec.ID, Title: rec.Name, Dimension: f.facet(c, "dimension", rec.Dimension), DimensionCode: rec.Dimension,
			Level: f.facet(c, "level", rec.Level), Effort: f.facet(c, "effort", strconv.Itoa(rec.Effort)), Definition: rec.Definition,
			Formula: rec.Formula, Unit: rec.Unit, Why: rec.Why, EffortLevel: rec.Effort,
			Href: c.Rel(e.Page.URL), QR: template.HTML(qr)})
	}
	return out, nil
}
