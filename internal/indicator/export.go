package indicator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/markdown"
)

// Record is an indicator flattened for the downloads and the picker: plain text, no HTML.
type Record struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	URL            string   `json:"url"`
	Dimension      string   `json:"dimension"`
	Theme          string   `json:"theme"`
	Stakeholders   []string `json:"stakeholders"`
	Level          string   `json:"level"`
	Type           string   `json:"type"`
	Methods        []string `json:"methods"`
	Effort         int      `json:"effort"`
	Structures     []string `json:"structures"`
	Definition     string   `json:"definition"`
	Why            string   `json:"why"`
	Formula        string   `json:"formula"`
	Unit           string   `json:"unit"`
	Sources        string   `json:"sources"`
	Frequency      string   `json:"frequency"`
	Owner          string   `json:"owner"`
	TimeCost       string   `json:"timeCost"`
	MinN           string   `json:"minN"`
	Disaggregation string   `json:"disaggregation"`
	Baseline       string   `json:"baseline"`
	Target         string   `json:"target"`
	Pitfalls       string   `json:"pitfalls"`
	Example        string   `json:"example,omitempty"`
	// Keywords are the words the picker's search also finds the indicator by: its own
	// keywords, its title and keywords in the other languages, and those a caller adds.
	Keywords []string `json:"-"`
}

// Records returns the indicators of lang in catalogue order. url maps a page to the URL to
// write for it.
func (c *Catalogue) Records(lang string, url func(*content.Page) string) []Record {
	var out []Record
	for _, e := range c.ByLang[lang] {
		in := e.In
		text := func(name string) string {
			f := e.Page.Fragments["indicator."+name]
			if f == nil {
				return ""
			}
			return strings.Join(strings.Fields(f.Doc.Text), " ")
		}
		out = append(out, Record{
			ID: in.ID, Name: markdown.Spacing(lang, e.Page.FM.Title), URL: url(e.Page),
			Dimension: in.Dimension, Theme: in.Theme, Stakeholders: nonNil(in.Stakeholders), Level: in.Level, Type: in.Type,
			Methods: nonNil(in.Methods), Effort: in.Effort, Structures: nonNil(in.Structures),
			Definition: text("definition"), Why: text("why"), Formula: text("formula"), Unit: text("unit"),
			Sources: text("sources"), Frequency: text("frequency"),
			Owner: text("owner"), TimeCost: text("timeCost"), MinN: text("minN"), Disaggregation: text("disaggregation"),
			Baseline: text("baseline"), Target: text("target"), Pitfalls: text("pitfalls"), Example: text("example"),
			Keywords: keywords(e.Page),
		})
	}
	return out
}

// keywords returns the keywords of an indicator's page, then the title and keywords of each of
// its translations (in the order of the languages' codes), so that a reader finds it by a word
// of the other language too.
func keywords(p *content.Page) []string {
	out := append([]string(nil), p.FM.Indicator.Keywords...)
	langs := make([]string, 0, len(p.Translations))
	for l := range p.Translations {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		if q := p.Translations[l]; q.FM.Indicator != nil {
			out = append(append(out, q.FM.Title), q.FM.Indicator.Keywords...)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// FacetJSON is a facet with its values and labels in one language.
type FacetJSON struct {
	Name   string      `json:"name"`
	Label  string      `json:"label"`
	Values []ValueJSON `json:"values"`
}

// ValueJSON is a facet value with its label in one language.
type ValueJSON struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// FacetsJSON returns the facets with labels in lang; label gives the facet's own label.
func (c *Catalogue) FacetsJSON(lang string, label func(facet string) string) []FacetJSON {
	var out []FacetJSON
	for _, name := range FacetNames {
		f := FacetJSON{Name: name, Label: label(name)}
		for _, v := range c.Facets.Values(name) {
			f.Values = append(f.Values, ValueJSON{Code: v.Code, Label: markdown.Spacing(lang, v.Labels[lang])})
		}
		out = append(out, f)
	}
	return out
}

// ExcelCSV writes rows the way Excel opens them in French and Dutch locales: UTF-8 with a byte
// order mark, semicolons between fields, CRLF line ends.
func ExcelCSV(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	_ = w.WriteAll(rows) // writing to a buffer does not fail
	return b.Bytes()
}

// CSV returns the whole catalogue of one language as a spreadsheet. header gives the column
// names; facet values are written as their labels.
func (c *Catalogue) CSV(lang string, records []Record, header func(col string) string) []byte {
	cols := []string{"id", "name", "dimension", "theme", "level", "type", "effort", "stakeholders", "methods", "structures",
		"definition", "why", "formula", "unit", "sources", "frequency",
		"owner", "timeCost", "minN", "disaggregation", "baseline", "target", "pitfalls", "example", "url"}
	rows := [][]string{make([]string, len(cols))}
	for i, col := range cols {
		rows[0][i] = header(col)
	}
	labels := func(facet string, codes []string) string {
		out := make([]string, len(codes))
		for i, code := range codes {
			out[i] = markdown.Spacing(lang, c.Facets.Label(facet, code, lang))
		}
		return strings.Join(out, ", ")
	}
	for _, r := range records {
		rows = append(rows, []string{
			r.ID, r.Name, labels("dimension", []string{r.Dimension}), labels("theme", []string{r.Theme}),
			labels("level", []string{r.Level}), labels("type", []string{r.Type}), labels("effort", []string{strconv.Itoa(r.Effort)}),
			labels("stakeholders", r.Stakeholders), labels("methods", r.Methods), labels("structures", r.Structures),
			r.Definition, r.Why, r.Formula, r.Unit, r.Sources, r.Frequency,
			r.Owner, r.TimeCost, r.MinN, r.Disaggregation, r.Baseline, r.Target, r.Pitfalls, r.Example, r.URL,
		})
	}
	return ExcelCSV(rows)
}

// JSON returns the whole catalogue of one language with its facets.
func JSON(lang, version string, facets []FacetJSON, records []Record) []byte {
	doc := struct {
		Lang       string      `json:"lang"`
		Version    string      `json:"version"`
		Facets     []FacetJSON `json:"facets"`
		Indicators []Record    `json:"indicators"`
	}{lang, version, facets, records}
	out, _ := json.MarshalIndent(doc, "", "  ")
	return append(out, '\n')
}

// PickerItem is what the picker needs of an indicator: enough to filter, search, show a
// card and export a data-collection plan. The plan carries the card's suggested owner, time
// cost, minimum group size and breakdown; baseline and target stay for the structure to fill.
type PickerItem struct {
	ID             string              `json:"id"`
	Name           string              `json:"name"`
	URL            string              `json:"url"`
	Definition     string              `json:"def"`
	Unit           string              `json:"unit"`
	Sources        string              `json:"src"`
	Frequency      string              `json:"freq"`
	Owner          string              `json:"owner"`
	TimeCost       string              `json:"time"`
	MinN           string              `json:"minN"`
	Disaggregation string              `json:"disag"`
	Facets         map[string][]string `json:"f"`
	Keywords       string              `json:"kw,omitempty"` // related words the search also finds it by
}

// PickerData returns the script that hands the picker its data: facets, indicators and the UI
// strings it shows, as `window.VISES_PICKER = {...};`. A script file, not JSON to fetch, so
// that it also works from file://.
func PickerData(lang string, facets []FacetJSON, records []Record, ui map[string]string) []byte {
	items := make([]PickerItem, len(records))
	for i, r := range records {
		items[i] = PickerItem{ID: r.ID, Name: r.Name, URL: r.URL, Definition: r.Definition, Unit: r.Unit,
			Sources: r.Sources, Frequency: r.Frequency, Owner: r.Owner, TimeCost: r.TimeCost, MinN: r.MinN,
			Disaggregation: r.Disaggregation, Keywords: strings.Join(r.Keywords, " · "), Facets: map[string][]string{
				"dimension": {r.Dimension}, "theme": {r.Theme}, "stakeholders": r.Stakeholders, "level": {r.Level},
				"type": {r.Type}, "methods": r.Methods, "effort": {strconv.Itoa(r.Effort)}, "structures": r.Structures,
			}}
	}
	doc := struct {
		Lang   string            `json:"lang"`
		Facets []FacetJSON       `json:"facets"`
		Items  []PickerItem      `json:"items"`
		UI     map[string]string `json:"ui"`
	}{lang, facets, items, ui}
	data, _ := json.Marshal(doc)
	var b bytes.Buffer
	b.WriteString("window.VISES_PICKER = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes()
}
