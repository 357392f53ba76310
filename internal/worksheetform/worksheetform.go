// Package worksheetform draws a page's self-assessment worksheet as a form: one that prints
// blank without JavaScript, and that worksheet.js fills, scores, saves and exports. It is a
// render.Feature; the worksheet's schema and its checks are internal/worksheet's.
package worksheetform

import (
	"html/template"
	"path"
	"strconv"
	"strings"

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
type View struct {
	ID        string // language-neutral: the file name without .md
	Signature string // structure of the worksheet, the same in every language
	Radar     bool   // three or more scored sections
	Sections  []WSection
}

// WSection is a section of a worksheet.
type WSection struct {
	ID, Title, Intro string
	Scored           bool
	Items            []WItem
}

// WItem is a question of a worksheet.
type WItem struct {
	ID, Kind, Label, Help string
	NA                    bool
	Max                   int       // highest value of a scale item
	Points                []WChoice // scale points
	Options               []WChoice
	Columns               []WColumn
	Rows                  []int // 1..rows of a table
}

// WChoice is a point of a scale or an option.
type WChoice struct {
	Value, Label string
}

// WColumn is a column of a table item.
type WColumn struct {
	ID, Label, Kind string
	Min, Max        string
}

// draw returns the page's worksheet, or nil.
func draw(c *render.Ctx) *View {
	if c.Page == nil || c.Page.FM.Worksheet == nil {
		return nil
	}
	s := c.Page.FM.Worksheet
	sp := func(t string) string { return markdown.Spacing(c.Lang, strings.TrimSpace(t)) }
	v := &View{ID: strings.TrimSuffix(path.Base(c.Page.Path), ".md"), Signature: worksheet.Signature(s)}
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
