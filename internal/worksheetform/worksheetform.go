// Package worksheetform draws a page's self-assessment worksheet as a form: one that prints
// blank without JavaScript, and that worksheet.js fills, scores, saves and exports. It is a
// render.Feature; the worksheet's schema and its checks are internal/worksheet's.
package worksheetform

import (
	"html/template"
	"path"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/markdown"
	"vises/internal/render"
	"vises/internal/worksheet"
)

// Feature gives the layouts {{worksheet .}}: the page's worksheet as its form draws it, or nil.
// It adds no file of its own: worksheets are drawn on their pages (and in packs).
type Feature struct{}

// Funcs gives the layouts the function worksheet.
func (Feature) Funcs() template.FuncMap { return template.FuncMap{"worksheet": draw} }

// Outputs returns nothing: a worksheet has no page of its own.
func (Feature) Outputs(*render.Renderer) []render.Output { return nil }

// View is a worksheet as its layout draws it: a form that prints blank without
// JavaScript and that worksheet.js fills, scores, saves and exports.
// The evaluation journey (internal/evaluation) gives the same view to the browser as JSON, so
// that the dossier, the journey page and the report read worksheets as their form draws them.
type View struct {
	ID        string     `json:"id"`        // language-neutral: the file name without .md
	Signature string     `json:"signature"` // structure of the worksheet, the same in every language
	Radar     bool       `json:"radar"`     // three or more scored sections
	Sections  []WSection `json:"sections"`
}

// WSection is a section of a worksheet.
type WSection struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Intro  string  `json:"-"`
	Scored bool    `json:"scored"`
	Items  []WItem `json:"items"`
}

// WItem is a question of a worksheet.
type WItem struct {
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Label   string    `json:"label"`
	Help    string    `json:"-"`
	NA      bool      `json:"na,omitempty"`
	Max     int       `json:"max,omitempty"`     // highest value of a scale item
	Points  []WChoice `json:"points,omitempty"`  // scale points
	Options []WChoice `json:"options,omitempty"` // choices of a choice, multi or checklist item
	Columns []WColumn `json:"columns,omitempty"`
	Rows    []int     `json:"rows,omitempty"` // 1..rows of a table
}

// WChoice is a point of a scale or an option.
type WChoice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// WColumn is a column of a table item.
type WColumn struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Min   string `json:"min,omitempty"`
	Max   string `json:"max,omitempty"`
}

// draw returns the page's worksheet, or nil.
func draw(c *render.Ctx) *View {
	if c.Page == nil {
		return nil
	}
	return Of(c.Page)
}

// Of returns the worksheet of page p in p's language, or nil when p declares none.
func Of(p *content.Page) *View {
	if p.FM.Worksheet == nil {
		return nil
	}
	s := p.FM.Worksheet
	sp := func(t string) string { return markdown.Spacing(p.Lang, strings.TrimSpace(t)) }
	v := &View{ID: ID(p), Signature: worksheet.Signature(s)}
	scored := 0
	for _, sec := range s.Sections {
		ws := WSection{ID: sec.ID, Title: sp(sec.Title), Intro: sp(sec.Intro), Scored: sec.Scored()}
		if ws.Scored {
			scored++
		}
		for _, it := range sec.Items {
			wi := WItem{ID: it.ID, Kind: it.Kind, Label: sp(it.Label), Help: sp(it.Help), NA: it.NA}
			if it.Kind == "scale" {
				wi.Max = s.Max(it.Scale)
				for _, p := range s.Scales[it.Scale] {
					wi.Points = append(wi.Points, WChoice{Value: strconv.Itoa(p.Value), Label: sp(p.Label)})
				}
			}
			for _, o := range it.Options {
				wi.Options = append(wi.Options, WChoice{Value: o.ID, Label: sp(o.Label)})
			}
			for _, col := range it.Columns {
				wc := WColumn{ID: col.ID, Label: sp(col.Label), Kind: col.Kind}
				if wc.Kind == "" {
					wc.Kind = "text"
				}
				if col.Min != nil {
					wc.Min = strconv.Itoa(*col.Min)
				}
				if col.Max != nil {
					wc.Max = strconv.Itoa(*col.Max)
				}
				wi.Columns = append(wi.Columns, wc)
			}
			for r := 1; r <= it.Rows; r++ {
				wi.Rows = append(wi.Rows, r)
			}
			ws.Items = append(ws.Items, wi)
		}
		v.Sections = append(v.Sections, ws)
	}
	v.Radar = scored >= 3
	return v
}

// ID returns the language-neutral name of page p's worksheet: its file name without .md,
// under which the browser saves its answers.
func ID(p *content.Page) string { return strings.TrimSuffix(path.Base(p.Path), ".md") }
