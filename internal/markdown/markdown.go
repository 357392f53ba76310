// Package markdown turns the kit's Markdown into HTML: one goldmark instance per language, with
// GFM, front matter, accent-safe heading IDs, per-language typography, callout blocks and links
// written as paths to other Markdown sources.
package markdown

import (
	"bytes"
	"fmt"
	"hash/maphash"
	stdhtml "html"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure the Markdown of one language.
type Options struct {
	Lang         string                   // "fr" or "nl": selects the typography
	AllowRawHTML bool                     // pass raw HTML through; by default it is shown as text
	Label        func(kind string) string // translated label of a callout kind ("note", "exercise", ...)
	TableLabel   string                   // accessible name of the scrolling region around each table
}

// Markdown parses and renders the Markdown of one language. It is safe for concurrent use.
type Markdown struct {
	lang    string
	rawHTML bool // raw HTML passes through; otherwise it is shown as text, with a notice
	md      goldmark.Markdown
	seed    maphash.Seed // of the hashes that make link placeholders
	scratch sync.Pool    // *scratch
}

// linkProtocols are the schemes of the addresses linkify makes links of.
var linkProtocols = []string{"http:", "https:", "mailto:"}

// New returns the Markdown of one language.
func New(o Options) *Markdown {
	tableLabel := o.TableLabel
	if tableLabel == "" {
		tableLabel = "table"
	}
	label := o.Label
	if label == nil {
		label = func(kind string) string { return kind }
	}
	subs := map[extension.TypographicPunctuation]string{
		extension.Apostrophe:       "’",
		extension.RightSingleQuote: "’",
		extension.LeftSingleQuote:  "‘",
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
	}
	if o.Lang == "fr" {
		subs[extension.LeftDoubleQuote] = "«\u202f"
		subs[extension.RightDoubleQuote] = "\u202f»"
		subs[extension.LeftAngleQuote] = "«\u202f"
		subs[extension.RightAngleQuote] = "\u202f»"
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{lang: o.Lang, label: label, tableLabel: tableLabel, rawHTML: o.AllowRawHTML}, 100)),
		html.WithWriter(textWriter{html.DefaultWriter}),
	}
	if o.AllowRawHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table, extension.Strikethrough, extension.TaskList,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols(linkProtocols)),
			extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 100), util.Prioritized(tableTransformer{}, 200)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{lang: o.Lang, rawHTML: o.AllowRawHTML, md: md, seed: maphash.MakeSeed()}
}

// Lang returns the language of m.
func (m *Markdown) Lang() string { return m.lang }

// Heading is a heading of a document.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int // byte offset in the source of the start of the heading's line
}

// Table is a table of a document, as plain text: a pack reads a session's agenda from it.
type Table struct {
	Section    string     // ID of the nearest heading above the table, "" when none
	Header     []string   // the header cells, typography applied
	Rows       [][]string // the body cells, row by row, typography applied
	Start, End int        // byte offsets in the source of the table's first line and of the end of its last line
}

// Link is a link or image destination written in a document.
type Link struct {
	Dest   string
	Offset int // byte offset in the source, for error positions
	Image  bool
}

// Doc is a parsed Markdown document.
//
// A document is parsed and rendered once: its HTML keeps a placeholder for the address of
// each link, filled in by Render when the site knows where every page is. No syntax tree is
// kept, so that a big site fits in memory.
type Doc struct {
	Source   []byte // the Markdown parsed (of a page, its body: the front matter is read apart)
	Offset   int    // where Source starts in its file, for positions
	Headings []Heading
	Links    []Link
	Callouts []*Callout // the callouts, for checking their kinds
	Tables   []Table    // the tables, as text (without their cells unless ParseOptions.Cells)
	Notices  []Notice   // what the author should know of the text: raw syntax shown as text
	Text     string     // the text without markup, typography applied (short documents only)
	Sections []Section  // the text of the document cut at its level 2 headings, for search
	html     []byte     // the body's HTML, with d.linkToken(i) in place of the address of link i
	token    string     // the start of the placeholders of this document
	spans    []span     // where callouts and heading IDs are in html, for RenderOptions
	noCells  bool       // tables keep where they are only
}

// span is a place in a document's HTML that RenderOptions can change: a callout (from at to
// end), or the start of a heading's ID (at; end unused).
type span struct {
	at, end int
	kind    string // the callout's kind, or "" for a heading's ID
}

// RenderOptions change what a document's HTML holds, for a page shown inside another one (a
// part of a session pack): callouts of some kinds left out, heading IDs made unique.
type RenderOptions struct {
	LeaveOut []string // callout kinds to leave out, such as "facilitator"
	IDPrefix string   // written before the ID of every heading
}

// The markers written around callouts and before heading IDs while a document is rendered,
// after its placeholder start; parse takes them out and keeps their places in Doc.spans.
const (
	markCallout = "xc" // followed by the kind and "zz"
	markEnd     = "xezz"
	markID      = "xizz"
)

// Parse parses and renders src, Markdown without front matter.
func (m *Markdown) Parse(src []byte) *Doc { return m.ParseWith(src, ParseOptions{Cells: true}) }

// ParseOptions say what a Doc keeps of its document besides its HTML.
type ParseOptions struct {
	// Lead: sections after the first one that has a text or a heading keep their headings,
	// and their texts only when they have no heading (see ParseLead).
	Lead bool
	// Cells: the tables keep their cells (a session's agenda is read from them); without,
	// only where each table is.
	Cells bool
}

// ParseWith is Parse, keeping what o says.
func (m *Markdown) ParseWith(src []byte, o ParseOptions) *Doc { return m.parse(src, !o.Lead, o.Cells) }

// ParseLead is Parse for a page indexed whole for search (see search.WholeParts): sections
// after the first one that has a text or a heading keep their headings, and their texts only
// when they have no heading (where the text decides whether the section counts).
func (m *Markdown) ParseLead(src []byte) *Doc {
	return m.ParseWith(src, ParseOptions{Lead: true, Cells: true})
}

func (m *Markdown) parse(src []byte, allTexts, cells bool) *Doc {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{Source: src, token: m.tokenFor(src), noCells: !cells}
	d.collect(root, m.rawHTML)
	for i := range d.Tables {
		t := &d.Tables[i]
		for j := range t.Header {
			t.Header[j] = Spacing(m.lang, t.Header[j])
		}
		for _, row := range t.Rows {
			for j := range row {
				row[j] = Spacing(m.lang, row[j])
			}
		}
	}
	d.Sections = sections(root, src, allTexts)
	d.mark(root)
	if len(src) < 4096 {
		// Short texts (front matter fields) also keep their plain text, for downloads.
		d.Text = Spacing(m.lang, PlainText(root, src))
	}
	s, _ := m.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer m.scratch.Put(s)
	s.html.Reset()
	s.html.Grow(len(src) + len(src)/2) // HTML is a little longer than its Markdown
	if err := m.md.Renderer().Render(bufferWriter{&s.html}, src, root); err != nil {
		// Rendering to a buffer fails only on a renderer bug; show it in the page.
		s.html.WriteString(stdhtml.EscapeString(err.Error()))
	}
	out := SpacingHTML(&s.spaced, m.lang, s.html.Bytes())
	d.html = d.unmark(out)
	return d
}

// mark makes the renderer write markers around the callouts of a document and before the ID
// of its headings (after collect and sections, which read the IDs).
func (d *Doc) mark(root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Callout:
			n.mark = d.token
		case *ast.Heading:
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					n.SetAttributeString("id", append([]byte(d.token+markID), b...))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// unmark returns a copy of the rendered HTML without the markers of mark, and records where
// they were in d.spans.
func (d *Doc) unmark(h []byte) []byte {
	start := []byte(d.token + "x")
	out := make([]byte, 0, len(h))
	var open []int // callouts not yet closed, as indexes in d.spans
	for {
		i := bytes.Index(h, start)
		if i < 0 {
			out = append(out, h...)
			for _, o := range open {
				d.spans[o].end = len(out) // not closed: it runs to the end
			}
			return out
		}
		out = append(out, h[:i]...)
		rest := h[i+len(d.token):]
		switch {
		case bytes.HasPrefix(rest, []byte(markID)):
			d.spans = append(d.spans, span{at: len(out), end: -1})
			h = rest[len(markID):]
		case bytes.HasPrefix(rest, []byte(markEnd)):
			if n := len(open); n > 0 {
				d.spans[open[n-1]].end = len(out)
				open = open[:n-1]
			}
			h = rest[len(markEnd):]
		case bytes.HasPrefix(rest, []byte(markCallout)):
			kind := rest[len(markCallout):]
			z := bytes.Index(kind, tokenEnd)
			if z < 0 {
				out = append(out, h[i:i+len(start)]...)
				h = h[i+len(start):]
				continue
			}
			open = append(open, len(d.spans))
			d.spans = append(d.spans, span{at: len(out), kind: string(kind[:z])})
			h = kind[z+len(tokenEnd):]
		default:
			// Not a marker: the text goes through as it is.
			out = append(out, h[i:i+len(start)]...)
			h = h[i+len(start):]
		}
	}
}

// HTMLWith returns the HTML of d with the address of each link resolved, changed as o says.
func (d *Doc) HTMLWith(resolve func(dest string) string, o RenderOptions) string {
	if len(o.LeaveOut) == 0 && o.IDPrefix == "" {
		return d.HTML(resolve)
	}
	h := make([]byte, 0, len(d.html)+len(o.IDPrefix)*len(d.spans))
	at := 0
	for _, s := range d.spans {
		if s.at < at {
			continue // inside a callout left out
		}
		switch {
		case s.kind == "" && o.IDPrefix != "":
			h = append(h, d.html[at:s.at]...)
			h = append(h, o.IDPrefix...)
			at = s.at
		case s.kind != "" && slices.Contains(o.LeaveOut, s.kind):
			h = append(h, d.html[at:s.at]...)
			at = s.end
		}
	}
	h = append(h, d.html[at:]...)
	c := *d
	c.html = h
	return c.HTML(resolve)
}

// scratch holds the buffers a document is rendered in, kept between documents.
type scratch struct {
	html, spaced bytes.Buffer
}

// bufferWriter lets goldmark render straight into a bytes.Buffer, without the bufio.Writer
// it puts in front of other writers.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

// Section is a part of a document: the text before the first level 2 heading (ID and
// Heading empty), or a level 2 heading and what follows it up to the next one.
type Section struct {
	ID, Heading, Text string
}

func sections(root ast.Node, src []byte, allTexts bool) []Section {
	out := []Section{{}}
	var b strings.Builder
	found := false // a section before the current one has a text or a heading
	flush := func() {
		last := &out[len(out)-1]
		last.Text = b.String()
		b.Reset()
		found = found || strings.TrimSpace(last.Text) != "" || last.Heading != ""
	}
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 2 {
			flush()
			id := ""
			if v, ok := h.AttributeString("id"); ok {
				if bs, ok := v.([]byte); ok {
					id = string(bs)
				}
			}
			out = append(out, Section{ID: id, Heading: PlainText(h, src)})
			continue
		}
		// A later section's text decides whether it counts only when it has no heading.
		if allTexts || !found || out[len(out)-1].Heading == "" {
			b.WriteString(PlainText(c, src))
			b.WriteByte('\n')
		}
	}
	flush()
	return out
}

// linkToken is the placeholder written for the address of link i: letters and digits only,
// so that it comes out of goldmark's escaping as it went in.
func (d *Doc) linkToken(i int) string { return d.token + strconv.Itoa(i) + "zz" }

// tokenFor returns the start of the placeholders of a document: made from a hash of its
// source with a seed drawn when m was made, so that no text the author writes can pass for
// one. Placeholders never reach the output, so they need not be the same from run to run.
func (m *Markdown) tokenFor(src []byte) string {
	return fmt.Sprintf("zzvl%016xn", maphash.Bytes(m.seed, src))
}

var tokenEnd = []byte("zz")

// collect records the headings, links, callouts and notices of a document, and puts a
// placeholder in place of each link's address. rawHTML says whether raw HTML passes through.
func (d *Doc) collect(root ast.Node, rawHTML bool) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			d.shortcodes(n.Segment.Start, n.Segment.Stop)
		case *ast.RawHTML:
			if !rawHTML && n.Segments.Len() > 0 {
				d.rawHTML(n.Segments.At(0).Start)
			}
		case *ast.HTMLBlock:
			if !rawHTML && n.Lines().Len() > 0 {
				d.rawHTML(n.Lines().At(0).Start)
			}
		case *ast.Heading:
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			off := 0
			if n.Lines().Len() > 0 {
				off = lineStart(d.Source, n.Lines().At(0).Start)
			}
			d.Headings = append(d.Headings, Heading{Level: n.Level, ID: id, Text: PlainText(n, d.Source), Offset: off})
		case *east.Table:
			d.Tables = append(d.Tables, d.table(n))
		case *ast.Link:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Offset: offsetOf(n, d.Source)})
			n.Destination = []byte(d.linkToken(len(d.Links) - 1))
		case *ast.Image:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Offset: offsetOf(n, d.Source), Image: true})
			n.Destination = []byte(d.linkToken(len(d.Links) - 1))
		case *Callout:
			d.Callouts = append(d.Callouts, n)
		}
		return ast.WalkContinue, nil
	})
}

// lineStart returns the offset of the start of the line holding offset i of src.
func lineStart(src []byte, i int) int {
	return bytes.LastIndexByte(src[:min(i, len(src))], '\n') + 1
}

// table reads a table's cells as plain text, and where it stands in the source. Its section is
// the last heading collected before it.
func (d *Doc) table(t *east.Table) Table {
	out := Table{Start: -1}
	if len(d.Headings) > 0 {
		out.Section = d.Headings[len(d.Headings)-1].ID
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if !d.noCells {
				cells = append(cells, strings.TrimSpace(PlainText(c, d.Source)))
			}
			if l := c.Lines(); l.Len() > 0 {
				seg := l.At(l.Len() - 1)
				if out.Start < 0 {
					out.Start = lineStart(d.Source, l.At(0).Start)
				}
				out.End = max(out.End, seg.Stop)
			}
		}
		if row.Kind() == east.KindTableHeader {
			out.Header = cells
		} else if !d.noCells {
			out.Rows = append(out.Rows, cells)
		}
	}
	if out.Start < 0 {
		out.Start = 0
	}
	if i := bytes.IndexByte(d.Source[out.End:], '\n'); i >= 0 {
		out.End += i + 1
	} else {
		out.End = len(d.Source)
	}
	return out
}

// Notice is something in a document the author should know about, at a byte offset of its
// source: a Hugo shortcode (an error: it would be printed as it is) or raw HTML shown as text.
type Notice struct {
	Offset  int
	Warning bool // a warning; otherwise an error
	Msg     string
}

// shortcodes records the Hugo shortcodes ({{< name … >}} and {{% name … %}}) that start in
// src[start:stop]; a closing one ({{< /name >}}) goes with its opening one.
func (d *Doc) shortcodes(start, stop int) {
	src := d.Source
	for i := start; i+2 < len(src) && i < stop; i++ {
		if src[i] != '{' || src[i+1] != '{' || (src[i+2] != '<' && src[i+2] != '%') {
			continue
		}
		rest := bytes.TrimLeft(src[i+3:min(len(src), i+3+64)], " ")
		if bytes.HasPrefix(rest, []byte("/")) {
			continue
		}
		name := rest
		if j := bytes.IndexAny(name, " \t\n>%"); j >= 0 {
			name = name[:j]
		}
		d.Notices = append(d.Notices, Notice{Offset: i, Msg: shortcodeAdvice(string(name), src[i+2])})
		i += 2
	}
}

// shortcodeAdvice says what to write instead of the Hugo shortcode name.
func shortcodeAdvice(name string, delim byte) string {
	end := delim
	if delim == '<' {
		end = '>'
	}
	code := "{{" + string(delim) + " " + name + " " + string(end) + "}}"
	var instead string
	switch name {
	case "ref", "relref":
		instead = "links to pages are written as paths to their .md source: [text](../methode/page.md#anchor)"
	case "figure", "img", "image":
		instead = "write the image in Markdown, ![what it shows](/images/name.png), with the file in static/images/"
	case "notice", "hint", "alert", "callout", "admonition", "note", "tip", "warning", "info":
		instead = "write a callout: a block quote whose first line is > [!NOTE] (or TIP, WARNING, EXERCISE, EXAMPLE, GOALS, REMEMBER, FACILITATOR)"
	case "youtube", "vimeo", "video", "tweet", "x", "instagram", "gist":
		instead = "link to it instead: [title](https://…); the site loads nothing from other sites"
	case "highlight", "code":
		instead = "write a fenced code block between ``` lines"
	case "param", "site":
		instead = "write the text itself"
	default:
		instead = "replace it with Markdown (docs/authoring.md lists what Markdown can do)"
	}
	return "Hugo shortcode " + code + " is not supported (it would be printed as it is): " + instead
}

// rawHTML records raw HTML at offset i that is shown as text.
func (d *Doc) rawHTML(i int) {
	tag := d.Source[i:min(len(d.Source), i+40)]
	if bytes.HasPrefix(tag, []byte("</")) {
		return // the opening tag was reported
	}
	if j := bytes.IndexAny(tag, " \t\n>"); j >= 0 {
		tag = tag[:j]
	}
	d.Notices = append(d.Notices, Notice{Offset: i, Warning: true,
		Msg: "raw HTML " + string(tag) + "> is shown as text because allowRawHTML is off in site.yaml; write it in Markdown, or set allowRawHTML: true"})
}

// offsetOf returns the byte offset of the start of an inline node, as near as it can tell.
func offsetOf(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			// The link text starts one byte after the opening bracket.
			return max(t.Segment.Start-1, 0)
		}
		if o := offsetOf(c, src); o > 0 {
			return o
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// PlainText returns the text of a node without markup, typography applied.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && c != n {
				b.WriteByte('\n') // blocks do not run into each other
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Render writes the HTML of d, with the address of every link given by resolve (the address
// as written when resolve is nil).
func (m *Markdown) Render(w io.Writer, d *Doc, resolve func(dest string) string) error {
	_, err := w.Write(d.fill(make([]byte, 0, len(d.html)+len(d.Links)*32), resolve))
	return err
}

// fill appends the HTML of d to b with the address of each link in place of its placeholder.
func (d *Doc) fill(b []byte, resolve func(dest string) string) []byte {
	html := d.html
	if len(d.Links) == 0 {
		return append(b, html...)
	}
	tokenStart := []byte(d.token)
	for {
		at := bytes.Index(html, tokenStart)
		if at < 0 {
			return append(b, html...)
		}
		b = append(b, html[:at]...)
		html = html[at:]
		end, i := 0, 0 // the digits after the start, and their value
		for rest := html[len(tokenStart):]; end < len(rest) && '0' <= rest[end] && rest[end] <= '9' && end < 9; end++ {
			i = i*10 + int(rest[end]-'0')
		}
		if end == 0 || !bytes.HasPrefix(html[len(tokenStart)+end:], tokenEnd) || i >= len(d.Links) {
			// Not a placeholder: the text goes through as it is.
			b = append(b, tokenStart...)
			html = html[len(tokenStart):]
			continue
		}
		dest := d.Links[i].Dest
		if resolve != nil {
			dest = resolve(dest)
		}
		b = append(b, util.EscapeHTML(util.URLEscape([]byte(dest), true))...)
		html = html[len(tokenStart)+end+len(tokenEnd):]
	}
}

// HTML returns the HTML of d with the address of each link resolved.
func (d *Doc) HTML(resolve func(dest string) string) string {
	return string(d.fill(make([]byte, 0, d.Size()), resolve))
}

// Size is about the length of d's HTML, links resolved.
func (d *Doc) Size() int { return len(d.html) + len(d.Links)*32 }

// WriteHTML writes the HTML of d to b with the address of each link resolved.
func (d *Doc) WriteHTML(b *bytes.Buffer, resolve func(dest string) string) {
	b.Grow(d.Size())
	b.Write(d.fill(b.AvailableBuffer(), resolve))
}

// RenderString renders a short Markdown text (a front matter field) to HTML. A text made of one
// paragraph is returned without the paragraph element when inline is true.
func (m *Markdown) RenderString(d *Doc, resolve func(string) string, inline bool) (string, error) {
	var b bytes.Buffer
	if err := m.Render(&b, d, resolve); err != nil {
		return "", err
	}
	s := strings.TrimSpace(b.String())
	if inline && strings.HasPrefix(s, "<p>") && strings.HasSuffix(s, "</p>") && strings.Count(s, "<p>") == 1 {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "<p>"), "</p>")
	}
	return s, nil
}

// Spacing applies the typography of lang to plain text (a title, a UI string): typographic
// apostrophes in both languages; in French, narrow no-break spaces before ; : ! ? and » and
// after «, in place of the space the author typed or where there was none (before ! and ?,
// after a word), and in place of the space between a number and % (so that 58 % never
// breaks). Text without any of these characters is returned as it is.
func Spacing(lang, s string) string {
	if lang == "fr" && !hasSpacingChar(s) || lang != "fr" && strings.IndexByte(s, '\'') < 0 {
		return s
	}
	fr := lang == "fr"
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := rune(-1) // the rune of s before position i, -1 at the start
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\'' && prev >= 0 && unicode.IsLetter(prev):
			b.WriteRune('’')
		case fr && isSpace(r):
			// A run of spaces before ; : ! ? » becomes one narrow no-break space.
			j, last := i, r
			for j < len(s) {
				rj, wj := utf8.DecodeRuneInString(s[j:])
				if !isSpace(rj) {
					break
				}
				j, last = j+wj, rj
			}
			next := rune(-1)
			if j < len(s) {
				next, _ = utf8.DecodeRuneInString(s[j:])
			}
			if next >= 0 && (strings.ContainsRune(";:!?»", next) || next == '%' && unicode.IsDigit(prev)) && prev != '«' {
				b.WriteRune('\u202f')
			} else if prev == '«' {
				// Already written with the guillemet.
			} else {
				b.WriteString(s[i:j])
			}
			i, prev = j, last
			continue
		case fr && r == '«':
			b.WriteString("«\u202f")
		case fr && r == '»' && prev >= 0 && !isSpace(prev):
			b.WriteString("\u202f»")
		case fr && (r == '!' || r == '?') && prev >= 0 && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == ')') &&
			(i+w == len(s) || nextIsSpace(s[i+w:])):
			b.WriteRune('\u202f')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		i, prev = i+w, r
	}
	return b.String()
}

// nextIsSpace reports whether s starts with a white space character.
func nextIsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// SpacingHTML applies Spacing to the text of an HTML fragment, leaving tags, attributes and
// the contents of code, pre, kbd, script and style alone. The result is h itself when the
// language has nothing to change in HTML, else written in out (emptied first).
func SpacingHTML(out *bytes.Buffer, lang string, h []byte) []byte {
	if lang != "fr" {
		return h
	}
	out.Reset()
	out.Grow(len(h) + len(h)/50)
	skip := 0 // depth inside elements whose text must not change
	for len(h) > 0 {
		lt := bytes.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if lt > 0 {
			if skip > 0 || !hasSpacingChar(h[:lt]) {
				out.Write(h[:lt]) // most text has nothing to change
			} else {
				out.WriteString(Spacing(lang, string(h[:lt])))
			}
			h = h[lt:]
			continue
		}
		gt := bytes.IndexByte(h, '>')
		if gt < 0 {
			out.Write(h)
			break
		}
		tag := h[:gt+1]
		if name, closing := tagName(tag); verbatim(name) {
			if closing {
				skip = max(skip-1, 0)
			} else {
				skip++
			}
		}
		out.Write(tag)
		h = h[gt+1:]
	}
	return out.Bytes()
}

// spacingChars are the characters Spacing may change something around, in either language.
const spacingChars = "';:!?«»%"

// spacingBytes marks the bytes that start one of spacingChars.
var spacingBytes = func() (t [256]bool) {
	for _, r := range spacingChars {
		t[string(r)[0]] = true
	}
	return t
}()

// hasSpacingChar reports whether b holds one of spacingChars, as bytes.ContainsAny(b,
// spacingChars) does, with a look-up per byte instead of decoding every rune.
func hasSpacingChar[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !spacingBytes[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(string(b[i:min(i+utf8.UTFMax, len(b))])); strings.ContainsRune(spacingChars, r) {
			return true
		}
	}
	return false
}

func tagName(tag []byte) ([]byte, bool) {
	t := bytes.TrimPrefix(tag, []byte("<"))
	closing := bytes.HasPrefix(t, []byte("/"))
	t = bytes.TrimPrefix(t, []byte("/"))
	end := bytes.IndexAny(t, " \t\n/>")
	if end < 0 {
		end = len(t)
	}
	return t[:end], closing
}

// verbatim reports whether the element named name (in any case) holds text that Spacing must
// leave as it is.
func verbatim(name []byte) bool {
	if len(name) < 3 || len(name) > 6 {
		return false // most elements: p, a, li, em, h2...
	}
	for _, v := range []string{"code", "pre", "kbd", "script", "style", "samp"} {
		if bytes.EqualFold(name, []byte(v)) {
			return true
		}
	}
	return false
}

// Error is a problem found while rendering.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }
