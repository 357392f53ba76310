// Package searchindex is the site's search: the index of each language (a script of titles,
// then scripts of texts and of snippets, each for a part of the documents), the search results
// page with its index of terms for readers without JavaScript, and the addresses the search
// form of every page needs. It is a render.Feature;
// the words, stemmers and encoding are internal/search's.
package searchindex

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"sync"

	"vises/internal/content"
	"vises/internal/markdown"
	"vises/internal/render"
	"vises/internal/search"
)

// Feature draws the search of a build. Make it with New.
type Feature struct {
	// theme gives the label of an indicator's theme in a language, so that a search for the
	// theme finds its indicators; nil when the site has no catalogue.
	theme func(code, lang string) string
}

// New returns the feature. theme gives the label of an indicator theme in a language (the
// catalogue's facets), or is nil.
func New(theme func(code, lang string) string) *Feature { return &Feature{theme: theme} }

// Funcs gives the layouts:
//
//	searchURL .        the address of the search results page of the page's language
//	searchIndexURL .   the address of the search index of the page's language
//	searchTerms .      the index of terms of the search page (glossary terms, chapters, cases...)
func (f *Feature) Funcs() template.FuncMap {
	return template.FuncMap{
		"searchURL":      func(c *render.Ctx) string { return c.Rel(pageURL(c.Renderer(), c.Lang)) },
		"searchIndexURL": func(c *render.Ctx) string { return c.Rel(indexURL(c.Lang)) },
		"searchTerms":    terms,
	}
}

// Outputs returns, per language, the scripts of the index (see search.Split: the titles,
// the texts in parts, the snippets in parts) and the search results page, which loads the
// index with it. The index is made here, one language per goroutine, since the number of its
// parts depends on its texts.
func (f *Feature) Outputs(r *render.Renderer) []render.Output {
	langs := r.Config().Languages
	type split struct {
		head            []byte
		texts, snippets [][]byte
	}
	index := make([]split, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Go(func() {
			s := &index[i]
			s.head, s.texts, s.snippets = f.index(r, lang)
		})
	}
	wg.Wait()
	var out []render.Output
	for i, lang := range langs {
		uses := func(file string) bool { return strings.HasPrefix(file, "content/"+lang+"/") }
		script := func(name string, b []byte) render.Output {
			return render.Output{Name: name, Compact: true, Uses: uses, Render: func() ([]byte, error) { return b, nil }}
		}
		out = append(out, script(indexURL(lang), index[i].head))
		for j, b := range index[i].texts {
			out = append(out, script(fmt.Sprintf("%s/search-text-%d.js", lang, j), b))
		}
		view := &View{Texts: len(index[i].texts)}
		for j, b := range index[i].snippets {
			out = append(out, script(fmt.Sprintf("%s/search-snippets-%d.js", lang, j), b))
		}
		u := pageURL(r, lang)
		out = append(out, render.Output{Name: u + "index.html", Render: func() ([]byte, error) {
			return r.Layout(render.LayoutPage{Layout: "search", Page: r.Site().Home[lang], Lang: lang, URL: u, View: view})
		}})
	}
	return out
}

// View is what the search results page sees as .View.
type View struct {
	Texts int // the number of text parts of the index, which search.js asks for with the titles
}

// pageKinds names the kind of the pages (not the section pages) of each section.
var pageKinds = map[string]string{"methode": "chapter", "cas": "case", "fiches": "worksheet", "indicateurs": "indicator", "formation": "session"}

// kindOf names the kind of a page for search results: a UI string id.
func kindOf(p *content.Page) string {
	switch {
	case p.Kind == content.KindHome:
		return "home"
	case p.Section == "glossaire":
		return "term"
	case p.Kind == content.KindPage && pageKinds[p.Section] != "":
		return pageKinds[p.Section]
	}
	return "page"
}

var kinds = []string{"home", "chapter", "case", "worksheet", "indicator", "session", "term", "page"}

// pageURL returns the site path of the search results page of lang.
func pageURL(r *render.Renderer, lang string) string {
	slug, err := r.UI().T(lang, "search.slug")
	if err != nil || slug == "" {
		slug = "search"
	}
	return lang + "/" + slug + "/"
}

func indexURL(lang string) string { return lang + "/search-index.js" }

// index renders the search index of lang: the script of titles, the scripts of texts and
// the scripts of snippets.
func (f *Feature) index(r *render.Renderer, lang string) (head []byte, texts, snippets [][]byte) {
	labels := map[string]string{}
	for _, k := range kinds {
		if s, err := r.UI().T(lang, "search.kind."+k); err == nil {
			labels[k] = markdown.Spacing(lang, s)
		}
	}
	var chunks [][]byte
	for _, p := range r.Site().Lang(lang) {
		if p.Implicit || p.Duplicate {
			continue
		}
		// The encoded documents of a page depend on its own texts, its address and its
		// title; terms also on the other languages' terms, and a glossary change is a full
		// build, which parses (and encodes) every page again.
		key := p.URL + "\x00" + r.ListTitle(p)
		if p.SearchChunk != nil && p.SearchKey == key {
			chunks = append(chunks, p.SearchChunk)
			continue
		}
		chunk := search.Encode(f.docs(r, p))
		if r.Keeps() { // serve: keep it for the next build
			p.SearchChunk, p.SearchKey = chunk, key
		}
		chunks = append(chunks, chunk)
	}
	return search.Split(lang, chunks, labels) // titles first, then texts and snippets in parts
}

// docs returns the documents of the index for page p.
func (f *Feature) docs(r *render.Renderer, p *content.Page) []search.Doc {
	var docs []search.Doc
	lang := p.Lang
	title := r.ListTitle(p)
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
			if slices.Contains(content.IndicatorFollowUp, name) {
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
		if f.theme != nil {
			extra = append(extra, f.theme(p.FM.Indicator.Theme, lang))
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
	return docs
}

// TermGroup is a kind of page with the pages (or terms) of that kind, for the index of terms.
type TermGroup struct {
	Kind  string
	Items []render.Link
}

// terms returns the index of terms shown on the search page without JavaScript: the glossary
// terms, chapters, cases, worksheets, indicators and sessions, in alphabetical order.
func terms(c *render.Ctx) []TermGroup {
	groups := map[string][]render.Link{}
	for _, p := range c.Renderer().Site().Lang(c.Lang) {
		if p.Implicit || p.Duplicate {
			continue
		}
		k := kindOf(p)
		if len(p.FM.Terms) > 0 {
			for _, t := range p.FM.Terms {
				groups["term"] = append(groups["term"], render.Link{Title: markdown.Spacing(c.Lang, t.Term), Href: c.RelAnchor(p.URL, t.ID)})
			}
			continue
		}
		if k == "home" || k == "page" {
			continue
		}
		groups[k] = append(groups[k], c.LinkTo(p))
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
