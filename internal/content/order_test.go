package content

import (
	"slices"
	"testing"

	"vises/internal/markdown"
	"vises/internal/search"
)

// TestSortChildrenLinksPlainPages checks that Prev and Next follow the order of the section
// after every sort, skipping sub-sections, and that Index is the position among children.
func TestSortChildrenLinksPlainPages(t *testing.T) {
	sec := &Page{Kind: KindSection}
	var pages []*Page
	for _, n := range []string{"c", "a", "sub", "d", "b"} {
		kind := KindPage
		if n == "sub" {
			kind = KindSection
		}
		p := &Page{Path: n, Kind: kind, Parent: sec}
		pages = append(pages, p)
		sec.Children = append(sec.Children, p)
	}
	check := func(want string) {
		t.Helper()
		order := ""
		for i, c := range sec.Children {
			order += c.Path + " "
			if c.Index != i {
				t.Errorf("%s: Index %d, want %d", c.Path, c.Index, i)
			}
		}
		var walk string
		var first *Page
		for _, c := range sec.Children {
			if c.Kind == KindPage && c.Prev() == nil {
				first = c
			}
		}
		for p := first; p != nil; p = p.Next() {
			walk += p.Path + " "
			if n := p.Next(); n != nil && n.Prev() != p {
				t.Errorf("%s.Next().Prev() is not %s", p.Path, p.Path)
			}
		}
		if walk != want {
			t.Errorf("order %q: walking Next gives %q, want %q", order, walk, want)
		}
	}
	sec.SortChildren(func(a, b *Page) bool { return a.Path < b.Path })
	check("a b c d ")
	sec.SortChildren(func(a, b *Page) bool { return a.Path > b.Path })
	check("d c b a ")
	if sub := pages[2]; sub.Prev() != nil || sub.Next() != nil {
		t.Error("a sub-section is linked as a plain page")
	}
}

// TestLeadSectionsGiveTheSameWholePart parses pages with Parse and with ParseLead and checks
// that the whole search part made from their sections is the same.
func TestLeadSectionsGiveTheSameWholePart(t *testing.T) {
	md := markdown.New(markdown.Options{Lang: "fr"})
	pages := []string{
		"Intro.\n\n## Un\n\nTexte un.\n\n## Deux\n\nTexte deux.\n",
		"## Un\n\nTexte un.\n\n##\n\nTexte sous un titre vide.\n\n## Trois\n",
		"\n## ![](x.png)\n\nTexte.\n\n## Quatre\n\nFin.\n",
		"Seulement une introduction, sans titre.\n",
		"## \n\n## Deux\n\nTexte deux.\n\n##\n\n## Quatre\n",
	}
	for _, src := range pages {
		part := func(d *markdown.Doc) []search.Part {
			var ids, heads, texts []string
			for _, s := range d.Sections {
				ids, heads, texts = append(ids, s.ID), append(heads, s.Heading), append(texts, s.Text)
			}
			return search.WholeParts("fr", ids, heads, texts)
		}
		all, lead := part(md.Parse([]byte(src))), part(md.ParseLead([]byte(src)))
		if !slices.Equal(all, lead) {
			t.Errorf("%q:\nParse     %+v\nParseLead %+v", src, all, lead)
		}
	}
}
