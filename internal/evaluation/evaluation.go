// Package evaluation is "Mon évaluation / Mijn evaluatie": the pages that tie the method's
// three steps together for one structure (the journey, the indicator values, the impact
// report) and the data their scripts read: the worksheets as their forms draw them, the
// report's outline and the addresses of the kit's tools, per language. Everything the structure
// enters stays in its browser (localStorage) and travels as one dossier file; nothing is sent
// anywhere. It is a render.Feature.
package evaluation

import (
	"bytes"
	"encoding/json"
	"html/template"
	"path"
	"regexp"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/markdown"
	"vises/internal/render"
	"vises/internal/worksheetform"
)

// The pages of the evaluation, below content/LANG/.
const (
	Section    = "evaluation"
	JourneyMD  = Section + "/_index.md"
	ValuesMD   = Section + "/valeurs.md"
	ReportMD   = Section + "/rapport.md"
	worksheets = "fiches"
	catalogue  = "indicateurs/_index.md"
)

// DataFile is the file of each language, beside the journey page, that the evaluation's
// scripts read: window.VISES_EVALUATION.
const DataFile = "evaluation-data.js"

// Version is the version of the records the evaluation's scripts save and of the dossier
// file. A script refuses a record or dossier of a later version.
const Version = 1

// Feature draws the evaluation's pages and data. The zero value is ready to use.
type Feature struct{}

// Funcs gives the layouts:
//
//	evaluationData .     the address of the page language's evaluation-data.js, or ""
//	evaluationPage .     which page of the evaluation the page is: journey, values, report or ""
//	reportParts .        the page's report outline, as its layout draws it
func (Feature) Funcs() template.FuncMap {
	return template.FuncMap{
		"evaluationData": func(c *render.Ctx) string { return rel(c, JourneyMD, DataFile) },
		"evaluationPage": func(c *render.Ctx) string {
			if c.Page == nil {
				return ""
			}
			return kindOf(c.Page.Path)
		},
		"reportParts": func(c *render.Ctx) []Part {
			if c.Page == nil {
				return nil
			}
			return parts(c.Page)
		},
	}
}

var pages = map[string]string{"journey": JourneyMD, "values": ValuesMD, "report": ReportMD}

func kindOf(p string) string {
	for k, md := range pages {
		if md == p {
			return k
		}
	}
	return ""
}

// rel returns the address of file name beside page md of c's language, relative to c's page.
func rel(c *render.Ctx, md, name string) string {
	p := c.Renderer().Site().Page(c.Lang, md)
	if p == nil {
		return ""
	}
	return c.Rel(p.URL + name)
}

// Outputs returns the data file of each language that has the journey page.
func (Feature) Outputs(r *render.Renderer) []render.Output {
	var out []render.Output
	for _, lang := range r.Config().Languages {
		j := r.Site().Page(lang, JourneyMD)
		if j == nil {
			continue
		}
		out = append(out, render.Output{Name: j.URL + DataFile, Compact: true,
			Render: func() ([]byte, error) { return data(r, lang, j) }})
	}
	return out
}

// Data is what the evaluation's scripts read, as window.VISES_EVALUATION.
type Data struct {
	Lang    string `json:"lang"`
	Version int    `json:"version"`
	// Pages gives the addresses of the kit's pages the scripts link to, relative to the
	// data file: journey, values, report, catalogue, pickerData (the catalogue's data).
	Pages map[string]string `json:"pages"`
	// Worksheets lists the worksheets in the order of the site, as their forms draw them.
	Worksheets []Worksheet `json:"worksheets"`
	// Report is the outline of the impact report.
	Report []Part `json:"report"`
	// UI holds the strings of the evaluation's scripts (eval.*, dossier.*, values.*, report.*).
	UI map[string]string `json:"ui"`
}

// Worksheet is a worksheet with its title and address (relative to the data file).
type Worksheet struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	*worksheetform.View
}

// Part is a part of the report's outline as the layout and the scripts see it.
type Part struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Intro  string  `json:"intro"`
	Shows  []Show  `json:"shows"`
	Fields []Field `json:"fields"`
}

// Show is something the dossier gives a part of the report: Kind is worksheet, radar or
// indicators; Worksheet and Section name what a worksheet or radar entry shows.
type Show struct {
	Kind      string `json:"kind"`
	Worksheet string `json:"worksheet,omitempty"`
	Section   string `json:"section,omitempty"`
}

// Field is a text of the report the structure writes.
type Field struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Help  string `json:"help,omitempty"`
}

var showRE = regexp.MustCompile(`^(?:(worksheet):([a-z0-9-]+)(?:#([a-z0-9-]+))?|(radar):([a-z0-9-]+)|(indicators))$`)

// parseShow reads an entry of a part's show list.
func parseShow(s string) (Show, bool) {
	m := showRE.FindStringSubmatch(strings.TrimSpace(s))
	switch {
	case m == nil:
		return Show{}, false
	case m[1] != "":
		return Show{Kind: m[1], Worksheet: m[2], Section: m[3]}, true
	case m[4] != "":
		return Show{Kind: m[4], Worksheet: m[5]}, true
	default:
		return Show{Kind: m[6]}, true
	}
}

// parts returns the report outline of page p, its texts with the language's typography.
func parts(p *content.Page) []Part {
	sp := func(t string) string { return markdown.Spacing(p.Lang, strings.TrimSpace(t)) }
	var out []Part
	for _, rp := range p.FM.Report {
		pt := Part{ID: rp.ID, Title: sp(rp.Title), Intro: sp(rp.Intro)}
		for _, s := range rp.Show {
			if sh, ok := parseShow(s); ok {
				pt.Shows = append(pt.Shows, sh)
			}
		}
		for _, f := range rp.Fields {
			pt.Fields = append(pt.Fields, Field{ID: f.ID, Label: sp(f.Label), Help: sp(f.Help)})
		}
		out = append(out, pt)
	}
	return out
}

// data renders the data file of lang, whose journey page is j.
func data(r *render.Renderer, lang string, j *content.Page) ([]byte, error) {
	site, cfg := r.Site(), r.Config()
	from := j.URL + DataFile
	link := func(md string) string {
		if p := site.Page(lang, md); p != nil {
			return content.RelURL(from, p.URL, cfg.Offline)
		}
		return ""
	}
	d := Data{Lang: lang, Version: Version, Pages: map[string]string{}, UI: map[string]string{}}
	for k, md := range pages {
		d.Pages[k] = link(md)
	}
	d.Pages["catalogue"] = link(catalogue)
	if c := site.Page(lang, catalogue); c != nil {
		d.Pages["pickerData"] = content.RelURL(from, c.URL+"picker-data.js", false)
	}
	var sheets []*content.Page
	if sec := site.Page(lang, worksheets+"/_index.md"); sec != nil {
		sheets = sec.Children // in the order of the site
	}
	for _, p := range sheets {
		if p.Kind != content.KindPage || p.FM.Worksheet == nil {
			continue
		}
		d.Worksheets = append(d.Worksheets, Worksheet{Title: markdown.Spacing(lang, p.FM.Title),
			URL: content.RelURL(from, p.URL, cfg.Offline), View: worksheetform.Of(p)})
	}
	if rp := site.Page(lang, ReportMD); rp != nil {
		d.Report = parts(rp)
	}
	ui := r.UI()
	for _, id := range ui.IDs(lang) {
		for _, prefix := range []string{"eval.", "dossier.", "values.", "report."} {
			if strings.HasPrefix(id, prefix) {
				if s, err := ui.T(lang, id); err == nil {
					d.UI[id] = markdown.Spacing(lang, s)
				}
			}
		}
	}
	js, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("window.VISES_EVALUATION = ")
	b.Write(js)
	// The scripts resolve the addresses above against the data file's own address, which
	// works the same on a server, under a sub-path and from the disk.
	b.WriteString(";\nwindow.VISES_EVALUATION.base = document.currentScript ? document.currentScript.src : \"\";\n")
	return b.Bytes(), nil
}

// Check reports what is wrong with the report outlines of the site: a part without an ID or
// title, an ID used twice, an entry of show that names nothing the dossier has (an unknown
// worksheet or section, a radar of a worksheet that has no three scored sections), and
// language versions whose parts or fields differ (the texts a structure writes are saved
// under the fields' IDs, so that they follow a switch of language).
func Check(site *content.Site, l *diag.List) {
	for _, p := range site.Pages {
		if len(p.FM.Report) == 0 {
			continue
		}
		if p.Path != ReportMD {
			l.Errorf(p.FieldPos("report"), "report: only %s can declare the report's outline", ReportMD)
			continue
		}
		checkParts(site, p, l)
		for _, lang := range site.Langs {
			if lang == p.Lang {
				break
			}
			if q := p.Translations[lang]; q != nil && len(q.FM.Report) > 0 {
				if a, b := outlineKey(q), outlineKey(p); a != b {
					l.Errorf(p.FieldPos("report"), "report: the parts and fields differ from %s (%s here, %s there): the IDs must be the same in every language", q.File, b, a)
				}
				break
			}
		}
	}
}

// outlineKey writes the IDs of an outline's parts and fields as one string.
func outlineKey(p *content.Page) string {
	var b strings.Builder
	for i, rp := range p.FM.Report {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(rp.ID)
		if len(rp.Fields) > 0 {
			b.WriteString("(")
			for j, f := range rp.Fields {
				if j > 0 {
					b.WriteString(" ")
				}
				b.WriteString(f.ID)
			}
			b.WriteString(")")
		}
	}
	return b.String()
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func checkParts(site *content.Site, p *content.Page, l *diag.List) {
	// Parts and fields have IDs of their own: a field's text is saved under its ID.
	partIDs, fieldIDs := map[string]bool{}, map[string]bool{}
	id := func(seen map[string]bool, v string, where ...string) {
		switch {
		case !idRE.MatchString(v):
			l.Errorf(p.FieldPos(where...), "report: id %q must be lower-case letters, digits and hyphens", v)
		case seen[v]:
			l.Errorf(p.FieldPos(where...), "report: id %q is used twice", v)
		}
		seen[v] = true
	}
	itoa := strconv.Itoa
	for i, rp := range p.FM.Report {
		at := func(k ...string) []string { return append([]string{"report", itoa(i)}, k...) }
		id(partIDs, rp.ID, at("id")...)
		if strings.TrimSpace(rp.Title) == "" {
			l.Errorf(p.FieldPos(at()...), "report: part %q has no title", rp.ID)
		}
		for j, s := range rp.Show {
			pos := p.FieldPos(at("show", itoa(j))...)
			sh, ok := parseShow(s)
			if !ok {
				l.Errorf(pos, "report: show %q: write worksheet:ID, worksheet:ID#SECTION, radar:ID or indicators", s)
				continue
			}
			if sh.Worksheet == "" {
				continue
			}
			ws := site.Page(p.Lang, path.Join(worksheets, sh.Worksheet+".md"))
			if ws == nil || ws.FM.Worksheet == nil {
				l.Errorf(pos, "report: show %q: there is no worksheet %s/%s.md", s, worksheets, sh.Worksheet)
				continue
			}
			v := worksheetform.Of(ws)
			if sh.Kind == "radar" && !v.Radar {
				l.Errorf(pos, "report: show %q: the worksheet has no radar (it needs three scored sections)", s)
			}
			if sh.Section != "" && !hasSection(v, sh.Section) {
				l.Errorf(pos, "report: show %q: the worksheet has no section %q", s, sh.Section)
			}
		}
		for j, f := range rp.Fields {
			id(fieldIDs, f.ID, at("fields", itoa(j), "id")...)
			if strings.TrimSpace(f.Label) == "" {
				l.Errorf(p.FieldPos(at("fields", itoa(j))...), "report: field %q has no label", f.ID)
			}
		}
	}
}

func hasSection(v *worksheetform.View, id string) bool {
	for _, s := range v.Sections {
		if s.ID == id {
			return true
		}
	}
	return false
}
