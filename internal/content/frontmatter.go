package content

import (
	"bytes"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vises/internal/worksheet"
)

// FrontMatter is the typed front matter of a page. Keys not listed here are errors.
type FrontMatter struct {
	Title          string          `yaml:"title"`
	Description    string          `yaml:"description"`
	Summary        string          `yaml:"summary"`
	NavTitle       string          `yaml:"navTitle"` // a section's short title in the main navigation
	Weight         int             `yaml:"weight"`
	Slug           string          `yaml:"slug"`
	TranslationKey string          `yaml:"translationKey"`
	Draft          bool            `yaml:"draft"`
	Handouts       []string        `yaml:"handouts"`
	Opening        []string        `yaml:"opening"` // anchors of the sections that open the participants' pack
	Agenda         string          `yaml:"agenda"`  // anchor of the section whose first table is the session's agenda
	Modules        []Module        `yaml:"modules"` // the modules of a cycle, each with its own packs
	Indicator      *Indicator      `yaml:"indicator"`
	Terms          []Term          `yaml:"terms"`
	Worksheet      *worksheet.Spec `yaml:"worksheet"`
	Report         []ReportPart    `yaml:"report"` // the outline of the impact report (internal/evaluation)
	// The translators' loop (internal/translation): which version of its source a translation
	// was made from (written by vises translations mark), the language a pair of pages is
	// written in when it is not the site's default language, and the date the page was last
	// updated when it is not the one of its file's history (YYYY-MM-DD).
	TranslationOf *TranslationOf `yaml:"translationOf"`
	SourceLang    string         `yaml:"sourceLang"`
	Lastmod       string         `yaml:"lastmod"`
}

// TranslationOf records the version of its source a translation matches: the source's
// language and a short hash of its normalised text (translation.Hash).
type TranslationOf struct {
	Lang string `yaml:"lang"`
	Hash string `yaml:"hash"`
}

// ReportPart is a part of the impact report a structure assembles from its dossier
// (internal/evaluation): a title, a few lines saying what goes in it, what the dossier brings
// to it (Show) and the texts the structure writes for it (Fields).
type ReportPart struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Intro string `yaml:"intro"`
	// Show lists what the dossier gives the part: "worksheet:ID" (the answers of a worksheet),
	// "worksheet:ID#SECTION" (one of its sections), "radar:ID" (the radar of a scored
	// worksheet), "indicators" (the chosen indicators with their values and charts).
	Show   []string      `yaml:"show"`
	Fields []ReportField `yaml:"fields"`
}

// ReportField is a text of the report the structure writes; its ID is the same in every
// language, so that the text follows a switch of language.
type ReportField struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Help  string `yaml:"help"`
}

// Module is one module of a training cycle: it gets its own packs, opened by its own sections
// and agenda, holding only the handouts it hands out (a subset of the session's handouts).
type Module struct {
	Title    string   `yaml:"title"`
	Slug     string   `yaml:"slug"`
	Agenda   string   `yaml:"agenda"`
	Opening  []string `yaml:"opening"`
	Plan     []string `yaml:"plan"` // the sections of the session page that make the module's plan in its trainer's pack; all of it when empty
	Handouts []string `yaml:"handouts"`
}

// Indicator is the catalogue entry carried by an indicator page. The facets are language-neutral
// codes declared in data/facets.yaml; the texts are Markdown in the page's language.
type Indicator struct {
	ID           string   `yaml:"id"`
	Dimension    string   `yaml:"dimension"`
	Theme        string   `yaml:"theme"`
	Stakeholders []string `yaml:"stakeholders"`
	Level        string   `yaml:"level"`
	Type         string   `yaml:"type"`
	Methods      []string `yaml:"methods"`
	Effort       int      `yaml:"effort"`
	Structures   []string `yaml:"structures"`
	Definition   string   `yaml:"definition"`
	Why          string   `yaml:"why"`
	Formula      string   `yaml:"formula"`
	Unit         string   `yaml:"unit"`
	Sources      string   `yaml:"sources"`
	Frequency    string   `yaml:"frequency"`
	// The follow-up texts come from the method's indicator identity card: who keeps the
	// indicator, what a collection costs, the smallest group worth a figure, how to break it
	// down, and how a structure sets its own baseline and target (values are the structure's,
	// so the card says how to set them, not what they are).
	Owner          string `yaml:"owner"`
	TimeCost       string `yaml:"timeCost"`
	MinN           string `yaml:"minN"`
	Disaggregation string `yaml:"disaggregation"`
	Baseline       string `yaml:"baseline"`
	Target         string `yaml:"target"`
	Pitfalls       string `yaml:"pitfalls"`
	Example        string `yaml:"example"`
	// Keywords are words a reader may search the indicator by that its texts do not hold
	// (employabilité, welzijn…); the picker's search finds the indicator by them.
	Keywords []string `yaml:"keywords"`
}

// IndicatorTexts lists the Markdown fields of an indicator, in display order.
var IndicatorTexts = []string{"definition", "why", "formula", "unit", "sources", "frequency",
	"owner", "timeCost", "minN", "disaggregation", "baseline", "target", "pitfalls", "example"}

// IndicatorFollowUp lists the texts of IndicatorTexts that set up the follow-up of an
// indicator (the method's identity card); pages show them together.
var IndicatorFollowUp = []string{"owner", "timeCost", "minN", "disaggregation", "baseline", "target"}

// Text returns the indicator's Markdown field named name (one of IndicatorTexts).
func (in *Indicator) Text(name string) string {
	switch name {
	case "definition":
		return in.Definition
	case "why":
		return in.Why
	case "formula":
		return in.Formula
	case "unit":
		return in.Unit
	case "sources":
		return in.Sources
	case "frequency":
		return in.Frequency
	case "owner":
		return in.Owner
	case "timeCost":
		return in.TimeCost
	case "minN":
		return in.MinN
	case "disaggregation":
		return in.Disaggregation
	case "baseline":
		return in.Baseline
	case "target":
		return in.Target
	case "pitfalls":
		return in.Pitfalls
	case "example":
		return in.Example
	}
	return ""
}

// Term is an entry of the glossary.
type Term struct {
	ID         string   `yaml:"id"`
	Term       string   `yaml:"term"`
	Synonyms   []string `yaml:"synonyms"`
	Definition string   `yaml:"definition"`
}

// splitFrontMatter returns the YAML text between the opening and closing --- lines, or nil
// when the file has no front matter, and the offset in src where the Markdown body starts.
// The YAML starts on line 2 of the file.
func splitFrontMatter(src []byte) (fm []byte, body int) {
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = len("\ufeff")
	}
	if !bytes.HasPrefix(src[start:], []byte("---")) {
		return nil, 0
	}
	nl := bytes.IndexByte(src[start:], '\n')
	if nl < 0 || strings.TrimSpace(string(src[start:start+nl])) != "---" {
		return nil, 0
	}
	from := start + nl + 1 // the first line of YAML
	off := from
	for off <= len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if end >= 0 {
			line = src[off : off+end]
		}
		if strings.TrimSpace(string(line)) == "---" {
			if end < 0 {
				return src[from:off], len(src)
			}
			return src[from:off], off + end + 1
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return src[from:], len(src)
}

// nodeLine returns the line (counting from the first YAML line as 1) of the value at path in a
// YAML document, such as ["terms", "3", "definition"]. When the path does not exist to the end
// (a missing key), it returns the line of the deepest part that exists; 0 if none does.
func nodeLine(root *yaml.Node, path ...string) int {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, p := range path {
		if n == nil {
			break
		}
		var next, key *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					key, next = n.Content[i], n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			break
		}
		line = next.Line
		if key != nil && (next.Kind != yaml.ScalarNode || next.Style&(yaml.FoldedStyle|yaml.LiteralStyle) != 0) {
			// A map, a list or a block of text starts on the line of its key.
			line = key.Line
		}
		n = next
	}
	return line
}
