// Package catalogue is the indicator catalogue as the site shows it: the catalogue page's list,
// what an indicator page shows (its facets, its texts, the pages that use it), the downloads
// of each language (CSV, JSON, the picker's data) and the printable indicator cards. It is a
// render.Feature; the catalogue itself (the indicators and their facets) is internal/indicator's.
package catalogue

import (
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"vises/internal/content"
	"vises/internal/indicator"
	"vises/internal/markdown"
	"vises/internal/render"
	"vises/internal/search"
)

// Files of the catalogue, next to its section page.
const (
	CSV        = "catalogue.csv"
	JSON       = "catalogue.json"
	PickerData = "picker-data.js"
)

// Feature draws the catalogue of a build. Make it with New.
type Feature struct {
	cat *indicator.Catalogue // nil when the site has no catalogue
}

// New returns the feature for cat, which may be nil (a site without a catalogue).
func New(cat *indicator.Catalogue) *Feature { return &Feature{cat: cat} }

// Funcs gives the layouts:
//
//	catalogue .            the indicators of the page's language grouped by dimension
//	catalogueFile . NAME   the address of a file of the catalogue (CSV, ...) in the page's language
//	facet . FACET CODE     the label of a facet value in the page's language
//	indicatorFields . G    the texts of the page's indicator of one group (about, followup, notes)
//	indicatorID .          the ID of the indicator the page describes, or ""
//	usedBy .               the pages that link to the page (indicator pages aside), by title
//	cardsURL .             the address of the indicator cards of the page's language
//	cards .                the cards of the page's language (on the cards page)
func (f *Feature) Funcs() template.FuncMap {
	return template.FuncMap{
		"catalogue":       f.groups,
		"catalogueFile":   f.file,
		"facet":           f.facet,
		"indicatorFields": f.fields,
		"indicatorID":     indicatorID,
		"usedBy":          usedBy,
		"cardsURL":        f.cardsURLOf,
		"cards":           f.cards,
	}
}

// Outputs returns, per language, the downloads, the picker's data and the cards page.
func (f *Feature) Outputs(r *render.Renderer) []render.Output {
	if f.cat == nil || f.cat.Facets == nil {
		return nil
	}
	var out []render.Output
	for _, lang := range r.Config().Languages {
		sec := f.section(r, lang)
		if sec == nil {
			continue
		}
		files := sync.OnceValue(func() [3][]byte { return f.downloads(r, lang, sec) })
		for i, name := range []string{CSV, JSON, PickerData} {
			out = append(out, render.Output{Name: sec.URL + name, Compact: name == PickerData,
				Render: func() ([]byte, error) { return files()[i], nil }})
		}
	}
	for _, lang := range r.Config().Languages {
		if u := f.cardsURL(r, lang); u != "" {
			out = append(out, render.Output{Name: u + "index.html", Render: func() ([]byte, error) { return f.cardsPage(r, lang, u) }})
		}
	}
	return out
}

// section returns the catalogue's section page in lang, or nil.
func (f *Feature) section(r *render.Renderer, lang string) *content.Page {
	if f.cat == nil {
		return nil
	}
	return r.Site().Page(lang, indicator.Section+"/_index.md")
}

// downloads renders the CSV, the JSON and the picker's data of lang.
func (f *Feature) downloads(r *render.Renderer, lang string, sec *content.Page) [3][]byte {
	cfg, ui := r.Config(), r.UI()
	t := func(id string) string {
		s, err := ui.T(lang, id)
		if err != nil {
			return id
		}
		return markdown.Spacing(lang, s)
	}
	abs := f.cat.Records(lang, func(p *content.Page) string { return cfg.Abs(p.URL) })
	rel := f.cat.Records(lang, func(p *content.Page) string { return content.RelURL(sec.URL, p.URL, cfg.Offline) })
	glossaryKeywords(r.Site(), lang, rel)
	facets := f.cat.FacetsJSON(lang, func(facet string) string { return t("facet." + facet) })
	strs := map[string]string{}
	for _, id := range ui.IDs(lang) {
		if strings.HasPrefix(id, "picker.") || strings.HasPrefix(id, "csv.") {
			strs[id] = t(id)
		}
	}
	return [3][]byte{
		f.cat.CSV(lang, abs, func(col string) string { return t("csv." + col) }),
		indicator.JSON(lang, "1", facets, abs),
		indicator.PickerData(lang, facets, rel, strs),
	}
}

// Group is a dimension of the catalogue page with its indicators.
type Group struct {
	Code  string
	Label string
	Items []Item
}

// Item is an indicator as listed on the catalogue page.
type Item struct {
	ID         string
	Title      string
	Href       string
	Definition string
	Level      string
	Type       string
	Effort     string
}

func (f *Feature) groups(c *render.Ctx) []Group {
	if f.cat == nil || f.cat.Facets == nil {
		return nil
	}
	var groups []Group
	index := map[string]int{}
	for _, v := range f.cat.Facets.Values("dimension") {
		index[v.Code] = len(groups)
		groups = append(groups, Group{Code: v.Code, Label: f.facet(c, "dimension", v.Code)})
	}
	recs := f.cat.Records(c.Lang, func(p *content.Page) string { return c.Rel(p.URL) })
	for _, r := range recs {
		i, ok := index[r.Dimension]
		if !ok {
			continue
		}
		groups[i].Items = append(groups[i].Items, Item{ID: r.ID, Title: r.Name, Href: r.URL, Definition: r.Definition,
			Level: f.facet(c, "level", r.Level), Type: f.facet(c, "type", r.Type), Effort: f.facet(c, "effort", strconv.Itoa(r.Effort))})
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func (f *Feature) file(c *render.Ctx, name string) string {
	sec := f.section(c.Renderer(), c.Lang)
	if sec == nil {
		return ""
	}
	return c.Rel(sec.URL + name)
}

func (f *Feature) facet(c *render.Ctx, facet, code string) string {
	if f.cat == nil || f.cat.Facets == nil {
		return code
	}
	return markdown.Spacing(c.Lang, f.cat.Facets.Label(facet, code, c.Lang))
}

func indicatorID(c *render.Ctx) string {
	if c.Page == nil || c.Page.FM.Indicator == nil {
		return ""
	}
	return c.Page.FM.Indicator.ID
}

func usedBy(c *render.Ctx) []render.Link {
	if c.Page == nil {
		return nil
	}
	var out []render.Link
	for _, p := range c.Renderer().Backlinks(c.Page) {
		if p.Section != indicator.Section {
			out = append(out, c.LinkTo(p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return markdown.Slug(out[i].Title) < markdown.Slug(out[j].Title) })
	return out
}

// Field is one text of an indicator page.
type Field struct {
	Name string
	HTML template.HTML
}

// fields returns the indicator's texts of one group that are filled in, in display order:
// "about" (what it measures and how), "followup" (content.IndicatorFollowUp: who keeps it, its
// cost, baseline and target) and "notes" (pitfalls and example).
func (f *Feature) fields(c *render.Ctx, group string) ([]Field, error) {
	if c.Page == nil || c.Page.FM.Indicator == nil {
		return nil, nil
	}
	var out []Field
	for _, name := range content.IndicatorTexts {
		if fieldGroup(name) != group {
			continue
		}
		h, err := c.Markdown("indicator."+name, false)
		if err != nil {
			return nil, err
		}
		if h != "" {
			out = append(out, Field{Name: name, HTML: h})
		}
	}
	return out, nil
}

// fieldGroup returns the group of an indicator text on its page.
func fieldGroup(name string) string {
	switch name {
	case "pitfalls", "example":
		return "notes"
	}
	if slices.Contains(content.IndicatorFollowUp, name) {
		return "followup"
	}
	return "about"
}

// glossaryKeywords adds to the keywords of each indicator the glossary terms related to it,
// with their synonyms and their terms in the other languages, so that the picker finds an
// indicator by a word of the glossary ("bénévolat", "vrijwilligerswerk"). A term is related
// to an indicator when its definition links to the indicator's page, or when every word of
// the term is a word of the indicator's name.
func glossaryKeywords(site *content.Site, lang string, recs []indicator.Record) {
	var gloss *content.Page
	for _, p := range site.Lang(lang) {
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
