package render

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/indicator"
	"vises/internal/markdown"
	"vises/internal/search"
)

// Output is a file rendered besides the pages.
type Output struct {
	Name    string
	Data    []byte
	Compact bool // already as small as it gets (generated JSON): not minified
}

// Files of the catalogue, next to its section page.
const (
	CatalogueCSV  = "catalogue.csv"
	CatalogueJSON = "catalogue.json"
	PickerData    = "picker-data.js"
)

// catalogueSection returns the catalogue's section page in lang, or nil.
func (r *Renderer) catalogueSection(lang string) *content.Page {
	if r.cat == nil {
		return nil
	}
	return r.site.Page(lang, indicator.Section+"/_index.md")
}

// Extras renders the catalogue downloads and the picker's data of each language.
func (r *Renderer) Extras() ([]Output, error) {
	var out []Output
	if r.cat == nil || r.cat.Facets == nil {
		return nil, nil
	}
	for _, lang := range r.cfg.Languages {
		sec := r.catalogueSection(lang)
		if sec == nil {
			continue
		}
		t := func(id string) string {
			s, err := r.ui.T(lang, id)
			if err != nil {
				return id
			}
			return markdown.Spacing(lang, s)
		}
		abs := r.cat.Records(lang, func(p *content.Page) string { return r.cfg.Abs(p.URL) })
		rel := r.cat.Records(lang, func(p *content.Page) string { return content.RelURL(sec.URL, p.URL, r.cfg.Offline) })
		r.glossaryKeywords(lang, rel)
		facets := r.cat.FacetsJSON(lang, func(f string) string { return t("facet." + f) })
		ui := map[string]string{}
		for _, id := range r.ui.IDs(lang) {
			if strings.HasPrefix(id, "picker.") || strings.HasPrefix(id, "csv.") {
				ui[id] = t(id)
			}
		}
		out = append(out,
			Output{Name: sec.URL + CatalogueCSV, Data: r.cat.CSV(lang, abs, func(col string) string { return t("csv." + col) })},
			Output{Name: sec.URL + CatalogueJSON, Data: indicator.JSON(lang, "1", facets, abs)},
			Output{Name: sec.URL + PickerData, Data: indicator.PickerData(lang, facets, rel, ui), Compact: true},
		)
	}
	return out, nil
}

// CatalogueGroup is a dimension of the catalogue page with its indicators.
type CatalogueGroup struct {
	Code  string
	Label string
	Items []CatalogueItem
}

// CatalogueItem is an indicator as listed on the catalogue page.
type CatalogueItem struct {
	ID         string
	Title      string
	Href       string
	Definition string
	Level      string
	Type       string
	Effort     string
}

// Catalogue returns the indicators of the page's language grouped by dimension.
func (c *Ctx) Catalogue() []CatalogueGroup {
	if c.r.cat == nil || c.r.cat.Facets == nil {
		return nil
	}
	var groups []CatalogueGroup
	index := map[string]int{}
	for _, v := range c.r.cat.Facets.Values("dimension") {
		index[v.Code] = len(groups)
		groups = append(groups, CatalogueGroup{Code: v.Code, Label: c.Facet("dimension", v.Code)})
	}
	recs := c.r.cat.Records(c.Lang, func(p *content.Page) string { return c.Rel(p.URL) })
	for _, r := range recs {
		i, ok := index[r.Dimension]
		if !ok {
			continue
		}
		groups[i].Items = append(groups[i].Items, CatalogueItem{ID: r.ID, Title: r.Name, Href: r.URL, Definition: r.Definition,
			Level: c.Facet("level", r.Level), Type: c.Facet("type", r.Type), Effort: c.Facet("effort", itoa(r.Effort))})
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// CatalogueFile returns the URL of a file of the catalogue (CatalogueCSV, ...) in the page's language.
func (c *Ctx) CatalogueFile(name string) string {
	sec := c.r.catalogueSection(c.Lang)
	if sec == nil {
		return ""
	}
	return c.Rel(sec.URL + name)
}

// IndicatorID returns the id of the indicator the page describes, or "".
func (c *Ctx) IndicatorID() string {
	if c.Page == nil || c.Page.FM.Indicator == nil {
		return ""
	}
	return c.Page.FM.Indicator.ID
}

// UsedBy returns the pages of the page's language that link to it (indicator pages aside),
// sorted by title: the chapters and cases that use an indicator.
func (c *Ctx) UsedBy() []Link {
	if c.Page == nil {
		return nil
	}
	var out []Link
	for _, p := range c.r.backlinks[c.Page] {
		if p.Section != indicator.Section {
			out = append(out, c.link(p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return markdown.Slug(out[i].Title) < markdown.Slug(out[j].Title) })
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

// glossaryKeywords adds to the keywords of each indicator the glossary terms related to it,
// with their synonyms and their terms in the other languages, so that the picker finds an
// indicator by a word of the glossary ("bénévolat", "vrijwilligerswerk"). A term is related
// to an indicator when its definition links to the indicator's page, or when every word of
// the term is a word of the indicator's name.
func (r *Renderer) glossaryKeywords(lang string, recs []indicator.Record) {
	var gloss *content.Page
	for _, p := range r.site.Lang(lang) {
		if len(p.FM.Terms) > 0 {
			gloss = p
			break
		}
	}
	if gloss == nil {
		return
	}
	for i := range recs {
		in := &recs[i]
		name := " " + strings.Join(search.Stems(lang, in.Name), " ") + " "
		link := "/" + strings.ToLower(in.ID) + ".md"
		for _, t := range gloss.FM.Terms {
			related := strings.Contains(strings.ToLower(t.Definition), link)
			if !related {
				ws := search.Stems(lang, t.Term)
				related = len(ws) > 0
				for _, w := range ws {
					related = related && strings.Contains(name, " "+w+" ")
				}
			}
			if !related {
				continue
			}
			in.Keywords = append(append(in.Keywords, t.Term), t.Synonyms...)
			for _, q := range gloss.Translations {
				for _, o := range q.FM.Terms {
					if o.ID == t.ID {
						in.Keywords = append(append(in.Keywords, o.Term), o.Synonyms...)
					}
				}
			}
		}
		seen := map[string]bool{}
		in.Keywords = slices.DeleteFunc(in.Keywords, func(k string) bool {
			f := search.Normalize(k)
			if seen[f] {
				return true
			}
			seen[f] = true
			return false
		})
	}
}
