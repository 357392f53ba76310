package content

import (
	"sort"
	"strings"
)

// AddFallbacks gives every page that exists in one language only a stand-in in each language
// it is missing in: a page at its place in that language's tree (menus, search, sitemap), that
// shows the text of the page it stands for. Its Fallback field names that page; it has no
// translations, so that hreflang alternates stay those of real translations. A page whose
// translation exists but could not be read, or whose place is taken, gets no stand-in. It
// returns the pages made, in site order.
func (s *Site) AddFallbacks() []*Page {
	var sources []*Page
	for _, p := range s.Pages {
		if p.Implicit || p.Fallback != nil || p.Duplicate || p.Kind == KindHome {
			continue
		}
		sources = append(sources, p)
	}
	// Sections first, shallow before deep, so that a page's section has its stand-in before
	// the page is placed in it.
	depth := func(p *Page) int {
		d := strings.Count(p.Path, "/")
		if p.Kind == KindPage {
			d += 1000
		}
		return d
	}
	sort.SliceStable(sources, func(i, j int) bool { return depth(sources[i]) < depth(sources[j]) })
	urls := map[string]bool{}
	for _, p := range s.Pages {
		urls[p.URL] = true
	}
	var made []*Page
	touched := map[*Page]bool{}
	for _, p := range sources {
		for _, lang := range s.Langs {
			if lang == p.Lang || p.Translations[lang] != nil || s.FailedFile(lang, p.Path) != "" || s.byPath[lang+"/"+p.Path] != nil {
				continue
			}
			parent := s.counterpart(p.Parent, lang)
			if parent == nil {
				continue
			}
			q := &Page{Lang: lang, Path: p.Path, File: p.File, Kind: p.Kind, Section: p.Section,
				Key: "fallback:" + lang + ":" + p.Key, FM: p.FM, Doc: p.Doc, Parent: parent,
				Translations: map[string]*Page{}, Fragments: p.Fragments, Anchors: p.Anchors,
				Fallback: p, fmSrc: p.fmSrc, fmLine: p.fmLine, linkPos: p.linkPos, tabPos: p.tabPos, Search: p.Search}
			q.URL = urlOf(q)
			if urls[q.URL] {
				continue
			}
			urls[q.URL] = true
			s.byPath[lang+"/"+q.Path] = q
			parent.Children = append(parent.Children, q)
			touched[parent] = true
			s.Pages = append(s.Pages, q)
			made = append(made, q)
		}
	}
	for parent := range touched {
		parent.SortChildren(less)
	}
	s.inSiteOrder(s.Pages)
	s.inSiteOrder(made)
	return made
}

// counterpart returns the page that stands for section p in lang: its translation, its
// stand-in, the home page of lang, or the folder's section of lang; nil if there is none.
func (s *Site) counterpart(p *Page, lang string) *Page {
	switch {
	case p == nil:
		return nil
	case p.Kind == KindHome:
		return s.Home[lang]
	case p.Translations[lang] != nil:
		return p.Translations[lang]
	}
	if q := s.byPath[lang+"/"+p.Path]; q != nil && (q.Fallback == p || q.Implicit) {
		return q
	}
	return nil
}

// FallbackFor returns the stand-in of p in lang made by AddFallbacks, or nil.
func (s *Site) FallbackFor(p *Page, lang string) *Page {
	if q := s.byPath[lang+"/"+p.Path]; q != nil && q.Fallback == p {
		return q
	}
	return nil
}
