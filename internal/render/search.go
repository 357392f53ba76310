package render

import (
	"fmt"
	"sort"
	"strings"

	"vises/internal/content"
	"vises/internal/markdown"
	"vises/internal/search"
)

// kindOf names the kind of a page for search results: a UI string id.
func kindOf(p *content.Page) string {
	if p.Kind == content.KindHome {
		return "home"
	}
	switch p.Section {
	case "methode":
		if p.Kind == content.KindPage {
			return "chapter"
		}
	case "cas":
		if p.Kind == content.KindPage {
			return "case"
		}
	case "fiches":
		if p.Kind == content.KindPage {
			return "worksheet"
		}
	case "indicateurs":
		if p.Kind == content.KindPage {
			return "indicator"
		}
	case "formation":
		if p.Kind == content.KindPage {
			return "session"
		}
	case "glossaire":
		return "term"
	}
	return "page"
}

var kinds = []string{"home", "chapter", "case", "worksheet", "indicator", "session", "term", "page"}

func (r *Renderer) searchURL(lang string) string {
	slug, err := r.ui.T(lang, "search.slug")
	if err != nil || slug == "" {
		slug = "search"
	}
	return lang + "/" + slug + "/"
}

func searchIndexURL(lang string) string { return lang + "/search-index.js" }

// SearchPages lists the site paths of the search results pages, one per language.
func (r *Renderer) SearchPages() []string {
	var out []string
	for _, lang := range r.cfg.Languages {
		out = append(out, r.searchURL(lang))
	}
	return out
}

// SearchPage renders the search results page at url.
func (r *Renderer) SearchPage(url string) ([]byte, error) {
	for _, lang := range r.cfg.Languages {
		if r.searchURL(lang) != url {
			continue
		}
		set, _, err := r.tmpl.Lookup("", "search")
		if err != nil {
			return nil, err
		}
		out, err := r.execute(set, &Ctx{r: r, Page: r.site.Home[lang], Lang: lang, URL: url, Kind: "search"})
		if err != nil {
			return nil, r.tmpl.ExecError(err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("no search page %s", url)
}

// SearchIndexes renders the search index of the languages for which want says yes (all when
// want is nil).
func (r *Renderer) SearchIndexes(want func(lang string) bool) []Output {
	var out []Output
	for _, lang := range r.cfg.Languages {
		if want != nil && !want(lang) {
			continue
		}
		labels := map[string]string{}
		for _, k := range kinds {
			if s, err := r.ui.T(lang, "search.kind."+k); err == nil {
				labels[k] = markdown.Spacing(lang, s)
			}
		}
		var chunks [][]byte
		pages := r.site.Lang(lang)
		for _, p := range pages {
			if p.Implicit || p.Duplicate {
				continue
			}
			// The encoded documents of a page depend on its own texts, its address and its
			// title; terms also on the other languages' terms, and a glossary change is a full
			// build, which parses (and encodes) every page again.
			key := p.URL + "\x00" + r.texts[p].title
			if p.SearchChunk != nil && p.SearchKey == key {
				chunks = append(chunks, p.SearchChunk)
				continue
			}
			chunk := search.Encode(r.searchDocs(p))
			if r.parts != nil { // serve: keep it for the next build
				p.SearchChunk, p.SearchKey = chunk, key
			}
			chunks = append(chunks, chunk)
		}
		head, text := search.SplitScript(lang, chunks, labels) // titles first, then texts
		out = append(out, Output{Name: searchIndexURL(lang), Data: head, Compact: true}, Output{Name: lang + "/search-text.js", Data: text, Compact: true})
	}
	return out
}

func (r *Renderer) searchDocs(p *content.Page) []search.Doc {
	var docs []search.Doc
	lang := p.Lang
	{
		title := r.texts[p].title
		kind := kindOf(p)
		switch {
		case len(p.FM.Terms) > 0:
			for i, t := range p.FM.Terms {
				extra := append([]string(nil), t.Synonyms...)
				for _, q := range p.Translations {
					for _, o := range q.FM.Terms {
						if o.ID == t.ID {
							extra = append(append(extra, o.Term), o.Synonyms...)
						}
					}
				}
				def := ""
				if f := p.Fragments[fmt.Sprintf("terms.%d.definition", i)]; f != nil {
					def = f.Doc.Text
				}
				docs = append(docs, search.New(lang, p.URL+"#"+t.ID, "term", markdown.Spacing(lang, t.Term), "", def, extra...))
			}
		case p.FM.Indicator != nil:
			var texts []string
			for _, name := range content.IndicatorTexts {
				if followUp(name) {
					// The follow-up texts are guidance that recurs from card to card (owner,
					// minimum numbers, how to set a target); indexed, they would match every
					// indicator and crowd the results.
					continue
				}
				if f := p.Fragments["indicator."+name]; f != nil {
					texts = append(texts, f.Doc.Text)
				}
			}
			extra := []string{p.FM.Indicator.ID}
			if r.cat != nil && r.cat.Facets != nil {
				extra = append(extra, r.cat.Facets.Label("theme", p.FM.Indicator.Theme, lang))
			}
			d := search.New(lang, p.URL, kind, title, "", strings.Join(texts, " "), extra...)
			if len(texts) > 0 {
				d.Snippet = search.Snippet(texts[0])
			}
			docs = append(docs, d)
		default:
			var labels []string
			if ws := p.FM.Worksheet; ws != nil {
				for _, sec := range ws.Sections {
					labels = append(labels, sec.Title)
					for _, it := range sec.Items {
						labels = append(labels, it.Label)
					}
				}
			}
			titleStems := strings.Join(search.Stems(lang, p.FM.Title+" "+p.FM.Description), " ")
			// On a big site, the parts are one part for the whole page (search.WholeParts).
			for i, part := range p.Search {
				d := search.Doc{URL: p.URL, Kind: kind, Title: title, Heading: markdown.Spacing(lang, part.Heading), Snippet: markdown.Spacing(lang, part.Snippet),
					X: titleStems, Y: part.Heads, Z: part.Body}
				if part.Anchor != "" {
					d.URL += "#" + part.Anchor
				}
				if i == 0 && len(labels) > 0 {
					d.Z += " " + strings.Join(search.Stems(lang, strings.Join(labels, " ")), " ")
				}
				docs = append(docs, d)
			}
		}
	}
	return docs
}

// SearchURL returns the address of the search results page of the page's language.
func (c *Ctx) SearchURL() string { return c.Rel(c.r.searchURL(c.Lang)) }

// SearchIndexURL returns the address of the search index of the page's language.
func (c *Ctx) SearchIndexURL() string { return c.Rel(searchIndexURL(c.Lang)) }

// RootURL returns the address of the site root from the page.
func (c *Ctx) RootURL() string {
	u := c.Rel("")
	return strings.TrimSuffix(u, "index.html")
}

// TermGroup is a kind of page with the pages (or terms) of that kind, for the index of terms.
type TermGroup struct {
	Kind  string
	Items []Link
}

// SearchTerms returns the index of terms shown on the search page without JavaScript: the
// glossary terms, chapters, cases, worksheets, indicators and sessions, in alphabetical order.
func (c *Ctx) SearchTerms() []TermGroup {
	groups := map[string][]Link{}
	for _, p := range c.r.site.Lang(c.Lang) {
		if p.Implicit || p.Duplicate {
			continue
		}
		k := kindOf(p)
		if len(p.FM.Terms) > 0 {
			for _, t := range p.FM.Terms {
				groups["term"] = append(groups["term"], Link{Title: markdown.Spacing(c.Lang, t.Term), Href: c.RelAnchor(p.URL, t.ID)})
			}
			continue
		}
		if k == "home" || k == "page" {
			continue
		}
		groups[k] = append(groups[k], c.link(p))
	}
	var out []TermGroup
	for _, k := range []string{"term", "chapter", "case", "worksheet", "indicator", "session"} {
		items := groups[k]
		sort.SliceStable(items, func(i, j int) bool { return markdown.Slug(items[i].Title) < markdown.Slug(items[j].Title) })
		if len(items) > 0 {
			out = append(out, TermGroup{Kind: k, Items: items})
		}
	}
	return out
}

// followUp reports whether an indicator text is one of content.IndicatorFollowUp.
func followUp(name string) bool {
	for _, f := range content.IndicatorFollowUp {
		if f == name {
			return true
		}
	}
	return false
}
