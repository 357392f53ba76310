// Package indicator assembles the indicator catalogue from the pages of the indicateurs/
// section: it checks ids, facets and translations, and produces the catalogue's data for the
// pages, the CSV and JSON downloads and the client-side picker.
package indicator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vises/internal/content"
	"vises/internal/diag"
)

// Section is the folder of the catalogue below content/LANG/.
const Section = "indicateurs"

// FacetNames lists the facets in display order; every one must be declared in data/facets.yaml.
var FacetNames = []string{"dimension", "theme", "stakeholders", "level", "type", "methods", "effort", "structures"}

// Required lists the texts every indicator must have in every language.
var Required = []string{"definition", "why", "formula", "unit", "sources", "frequency",
	"owner", "timeCost", "minN", "disaggregation", "baseline", "target", "pitfalls"}

// Value is one value of a facet, with its label per language.
type Value struct {
	Code   string
	Labels map[string]string
}

// Facets are the declared facets, in FacetNames order, their values in file order.
type Facets struct {
	File   string
	byName map[string][]Value
	line   map[string]int // facet name -> line in the file
}

// Values returns the values of a facet in declaration order.
func (f *Facets) Values(name string) []Value { return f.byName[name] }

// Label returns the label of a facet value in lang, or the code when it has none.
func (f *Facets) Label(name, code, lang string) string {
	for _, v := range f.byName[name] {
		if v.Code == code {
			if l := v.Labels[lang]; l != "" {
				return l
			}
		}
	}
	return code
}

// Has reports whether code is a declared value of the facet.
func (f *Facets) Has(name, code string) bool {
	for _, v := range f.byName[name] {
		if v.Code == code {
			return true
		}
	}
	return false
}

// LoadFacets reads data/facets.yaml. A site without indicators may have none (nil, no error).
func LoadFacets(fsys fs.FS, langs []string, l *diag.List) *Facets {
	const name = "data/facets.yaml"
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		l.Add(diag.FromYAML(name, 1, err)...)
		return nil
	}
	f := &Facets{File: name, byName: map[string][]Value{}, line: map[string]int{}}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "facets: expected a map of facets")
		return f
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := diag.Pos{File: name, Line: k.Line, Col: k.Column}
		if !contains(FacetNames, k.Value) {
			l.Errorf(at, "facets: unknown facet %q (facets: %s)", k.Value, strings.Join(FacetNames, ", "))
			continue
		}
		f.line[k.Value] = k.Line
		if v.Kind != yaml.MappingNode {
			l.Errorf(at, "facets: %s: expected a map of codes to labels", k.Value)
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			ck, cv := v.Content[j], v.Content[j+1]
			val := Value{Code: ck.Value, Labels: map[string]string{}}
			if err := cv.Decode(&val.Labels); err != nil {
				l.Errorf(diag.Pos{File: name, Line: cv.Line, Col: cv.Column}, "facets: %s.%s: expected labels such as {fr: …, nl: …}", k.Value, ck.Value)
				continue
			}
			for _, lk := range sortedKeys(val.Labels) {
				if !contains(langs, lk) && strings.TrimSpace(val.Labels[lk]) == "" {
					// An unquoted label with a comma, {fr: Climat, énergie}, reads as a
					// second key without a value; say so rather than show a cut label. Labels
					// in languages the site does not build are fine (a one-language site).
					l.Errorf(diag.Pos{File: name, Line: cv.Line, Col: cv.Column}, "facets: %s.%s: %q is not a language (%s); quote a label that holds a comma", k.Value, ck.Value, lk, strings.Join(langs, ", "))
				}
			}
			for _, lang := range langs {
				if strings.TrimSpace(val.Labels[lang]) == "" {
					l.Errorf(diag.Pos{File: name, Line: ck.Line, Col: ck.Column}, "facets: %s.%s has no %s label", k.Value, ck.Value, lang)
				}
			}
			f.byName[k.Value] = append(f.byName[k.Value], val)
		}
	}
	for _, n := range FacetNames {
		if _, ok := f.byName[n]; !ok {
			l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "facets: facet %q is not declared", n)
		}
	}
	return f
}

// Entry is one indicator in one language.
type Entry struct {
	Page *content.Page
	In   *content.Indicator
}

// Catalogue is every indicator of the site.
type Catalogue struct {
	Facets *Facets
	Langs  []string
	ByLang map[string][]*Entry          // in catalogue order (dimension, then weight, then id)
	byID   map[string]map[string]*Entry // id -> lang -> entry
	pages  map[*content.Page]*Entry     // page -> entry
	ids    []string                     // sorted
}

var idRE = regexp.MustCompile(`^[A-Z]{3}-[0-9]{2,3}$`)

// Build assembles and checks the catalogue. Problems are added to l.
func Build(site *content.Site, facets *Facets, l *diag.List) *Catalogue {
	c := &Catalogue{Facets: facets, Langs: site.Langs, ByLang: map[string][]*Entry{},
		byID: map[string]map[string]*Entry{}, pages: map[*content.Page]*Entry{}}
	for _, p := range site.Pages {
		if p.Section != Section || p.Kind != content.KindPage {
			if p.FM.Indicator != nil {
				l.Errorf(p.FieldPos("indicator"), "indicator: only pages of %s/ can declare an indicator", Section)
			}
			continue
		}
		in := p.FM.Indicator
		if in == nil {
			l.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "indicator: a page of %s/ needs an indicator block", Section)
			continue
		}
		if facets == nil {
			l.Errorf(p.FieldPos("indicator"), "indicator: data/facets.yaml is missing")
			return c
		}
		if !idRE.MatchString(in.ID) {
			l.Errorf(p.FieldPos("indicator", "id"), "indicator: id %q must look like SOC-07 (three capital letters, a hyphen, digits)", in.ID)
			continue
		}
		if want := strings.ToLower(in.ID) + ".md"; path.Base(p.Path) != want {
			l.Errorf(p.FieldPos("indicator", "id"), "indicator: %s must be in a file named %s", in.ID, want)
		}
		byLang := c.byID[in.ID]
		if byLang == nil {
			byLang = map[string]*Entry{}
			c.byID[in.ID] = byLang
			c.ids = append(c.ids, in.ID)
		}
		if other, ok := byLang[p.Lang]; ok {
			l.Errorf(p.FieldPos("indicator", "id"), "indicator: duplicate id %s (also in %s)", in.ID, other.Page.File)
			continue
		}
		e := &Entry{Page: p, In: in}
		byLang[p.Lang] = e
		c.pages[p] = e
		c.ByLang[p.Lang] = append(c.ByLang[p.Lang], e)
		checkFacets(p, in, facets, l)
		for _, name := range Required {
			if strings.TrimSpace(in.Text(name)) == "" {
				l.Errorf(p.FieldPos("indicator"), "indicator %s: %s is missing", in.ID, name)
			}
		}
	}
	sort.Strings(c.ids)
	for _, id := range c.ids {
		byLang := c.byID[id]
		var first *Entry
		for _, lang := range site.Langs {
			e := byLang[lang]
			if e == nil {
				for _, other := range byLang {
					l.Errorf(diag.Pos{File: other.Page.File, Line: 1, Col: 1}, "indicator %s: no %s translation (expected content/%s/%s)", id, lang, lang, other.Page.Path)
					break
				}
				continue
			}
			if first == nil {
				first = e
				continue
			}
			compareFacets(first, e, l)
		}
	}
	for lang, list := range c.ByLang {
		sort.SliceStable(list, func(i, j int) bool { return c.less(list[i], list[j]) })
		c.ByLang[lang] = list
	}
	// The section lists its indicators in catalogue order.
	for _, lang := range site.Langs {
		if sec := site.Page(lang, Section+"/_index.md"); sec != nil {
			sec.SortChildren(func(x, y *content.Page) bool {
				a, b := c.pages[x], c.pages[y]
				if a == nil || b == nil {
					return a == nil && b != nil
				}
				return c.less(a, b)
			})
		}
	}
	return c
}

func (c *Catalogue) less(a, b *Entry) bool {
	da, db := c.index("dimension", a.In.Dimension), c.index("dimension", b.In.Dimension)
	if da != db {
		return da < db
	}
	if a.Page.FM.Weight != b.Page.FM.Weight {
		return a.Page.FM.Weight < b.Page.FM.Weight
	}
	return a.In.ID < b.In.ID
}

func (c *Catalogue) index(facet, code string) int {
	for i, v := range c.Facets.Values(facet) {
		if v.Code == code {
			return i
		}
	}
	return len(c.Facets.Values(facet))
}

// Entry returns the catalogue entry of an indicator page, or nil.
func (c *Catalogue) Entry(p *content.Page) *Entry {
	if c == nil {
		return nil
	}
	return c.pages[p]
}

// Lookup returns the indicator id in lang, or nil.
func (c *Catalogue) Lookup(id, lang string) *Entry {
	if c == nil {
		return nil
	}
	return c.byID[id][lang]
}

// IDs returns every indicator id, sorted.
func (c *Catalogue) IDs() []string { return c.ids }

// facetValues returns the values of a facet of an indicator, with the field path for positions.
func facetValues(in *content.Indicator, name string) []string {
	switch name {
	case "dimension":
		return []string{in.Dimension}
	case "theme":
		return []string{in.Theme}
	case "stakeholders":
		return in.Stakeholders
	case "level":
		return []string{in.Level}
	case "type":
		return []string{in.Type}
	case "methods":
		return in.Methods
	case "effort":
		return []string{strconv.Itoa(in.Effort)}
	case "structures":
		return in.Structures
	}
	return nil
}

// Values returns the facet values of an entry.
func (e *Entry) Values(name string) []string { return facetValues(e.In, name) }

func single(name string) bool {
	switch name {
	case "stakeholders", "methods", "structures":
		return false
	}
	return true
}

func checkFacets(p *content.Page, in *content.Indicator, f *Facets, l *diag.List) {
	for _, name := range FacetNames {
		vals := facetValues(in, name)
		if len(vals) == 0 || (single(name) && (vals[0] == "" || vals[0] == "0")) {
			l.Errorf(p.FieldPos("indicator"), "indicator %s: %s is missing", in.ID, name)
			continue
		}
		seen := map[string]bool{}
		for i, v := range vals {
			pos := p.FieldPos("indicator", name)
			if !single(name) {
				pos = p.FieldPos("indicator", name, strconv.Itoa(i))
			}
			if !f.Has(name, v) {
				l.Errorf(pos, "indicator %s: unknown %s %q (declared in %s: %s)", in.ID, name, v, f.File, strings.Join(codes(f.Values(name)), ", "))
			}
			if seen[v] {
				l.Errorf(pos, "indicator %s: %s %q is listed twice", in.ID, name, v)
			}
			seen[v] = true
		}
	}
}

func compareFacets(a, b *Entry, l *diag.List) {
	for _, name := range FacetNames {
		va, vb := facetValues(a.In, name), facetValues(b.In, name)
		if strings.Join(va, ",") != strings.Join(vb, ",") {
			l.Errorf(b.Page.FieldPos("indicator", name), "indicator %s: %s is [%s] here but [%s] in %s; facets must be the same in every language",
				b.In.ID, name, strings.Join(vb, ", "), strings.Join(va, ", "), a.Page.File)
		}
	}
}

func codes(vs []Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Code
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// String describes an entry for messages.
func (e *Entry) String() string { return fmt.Sprintf("%s (%s)", e.In.ID, e.Page.Lang) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
