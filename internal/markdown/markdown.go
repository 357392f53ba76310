// Package markdown turns the kit's Markdown into HTML: one goldmark instance per language, with
// GFM, front matter, accent-safe heading IDs, per-language typography, callout blocks and links
// written as paths to other Markdown sources.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
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
}

// Markdown parses and renders the Markdown of one language. It is safe for concurrent use.
type Markdown struct {
	lang string
	md   goldmark.Markdown // with front matter
	body goldmark.Markdown // without: parses a lean document's body again for rendering
}

// New returns the Markdown of one language.
func New(o Options) *Markdown {
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
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{lang: o.Lang, label: label, rawHTML: o.AllowRawHTML}, 100)),
	}
	if o.AllowRawHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	build := func(extra ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(append([]goldmark.Extender{
				extension.Table,
				extension.Strikethrough,
				extension.TaskList,
				extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"})),
				extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
			}, extra...)...),
			goldmark.WithParserOptions(
				parser.WithAttribute(),
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 100)),
			),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	return &Markdown{lang: o.Lang, md: build(meta.New()), body: build()}
}

// Lang returns the language of m.
func (m *Markdown) Lang() string { return m.lang }

// Heading is a heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination written in a document.
type Link struct {
	Dest   string
	Offset int // byte offset in the source, for error positions
	Image  bool
	node   ast.Node
}

// Doc is a parsed Markdown document.
type Doc struct {
	Source   []byte
	Root     ast.Node
	Meta     map[string]any // front matter as read by goldmark-meta (nil without front matter)
	MetaErr  error          // the front matter's YAML error; its line numbers count from line 2 of the file
	Headings []Heading
	Links    []Link
}

// lean drops the syntax tree (and the front matter map) of a parsed document, keeping its
// source, headings and links: what a site needs of every page at once. Render parses the
// source again.
func (d *Doc) lean() {
	d.Root, d.Meta = nil, nil
	for i := range d.Links {
		d.Links[i].node = nil
	}
}

// Lean is lean for other packages.
func (d *Doc) Lean() { d.lean() }

// Parse parses src, front matter included.
func (m *Markdown) Parse(src []byte) *Doc {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{Source: src, Root: root}
	d.Meta, d.MetaErr = meta.TryGet(pc)
	d.collect()
	return d
}

// reparse parses a lean document again for rendering: its body only (the front matter was
// read the first time), keeping the byte offsets of the whole source.
func (m *Markdown) reparse(d *Doc) *Doc {
	src := d.Source
	start := frontMatterEnd(src)
	// Blank out the front matter rather than cutting it: offsets and headings stay the same.
	body := make([]byte, len(src))
	for i := range body[:start] {
		if src[i] == '\n' {
			body[i] = '\n'
		} else {
			body[i] = ' '
		}
	}
	copy(body[start:], src[start:])
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	root := m.body.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	n := &Doc{Source: body, Root: root}
	n.collect()
	return n
}

// frontMatterEnd returns the offset just after the closing --- line of the front matter, or 0.
func frontMatterEnd(src []byte) int {
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0
	}
	i := bytes.IndexByte(src, '\n')
	for i >= 0 && i < len(src) {
		next := bytes.IndexByte(src[i+1:], '\n')
		line := src[i+1:]
		if next >= 0 {
			line = src[i+1 : i+1+next]
		}
		if strings.TrimSpace(string(line)) == "---" {
			if next < 0 {
				return len(src)
			}
			return i + 1 + next + 1
		}
		if next < 0 {
			return 0
		}
		i += 1 + next
	}
	return 0
}

func (d *Doc) collect() {
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			d.Headings = append(d.Headings, Heading{Level: n.Level, ID: id, Text: PlainText(n, d.Source)})
		case *ast.Link:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Offset: offsetOf(n, d.Source), node: n})
		case *ast.Image:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Offset: offsetOf(n, d.Source), Image: true, node: n})
		}
		return ast.WalkContinue, nil
	})
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

// Render writes the HTML of d. resolve maps every link destination to the URL to write;
// it may be nil. Typography that goldmark does not do (French spacing) is applied. A lean
// document is parsed again from its source first.
func (m *Markdown) Render(w io.Writer, d *Doc, resolve func(dest string) string) error {
	if d.Root == nil && d.Source != nil {
		d = m.reparse(d)
	}
	if resolve != nil {
		// Write the resolved addresses for this rendering only: the same document may be
		// rendered again for another page (a printed pack) with other addresses.
		for _, l := range d.Links {
			setDest(l.node, []byte(resolve(l.Dest)))
		}
		defer func() {
			for _, l := range d.Links {
				setDest(l.node, []byte(l.Dest))
			}
		}()
	}
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, d.Source, d.Root); err != nil {
		return err
	}
	_, err := w.Write(SpacingHTML(m.lang, buf.Bytes()))
	return err
}

func setDest(n ast.Node, dest []byte) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = dest
	case *ast.Image:
		n.Destination = dest
	}
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
// after a word). Text without any of these characters is returned as it is.
func Spacing(lang, s string) string {
	if !strings.ContainsAny(s, "'") && (lang != "fr" || !strings.ContainsAny(s, ";:!?«»")) {
		return s
	}
	fr := lang == "fr"
	var b strings.Builder
	b.Grow(len(s) + 8)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\'' && i > 0 && unicode.IsLetter(rs[i-1]):
			b.WriteRune('’')
		case fr && isSpace(r):
			// A run of spaces before ; : ! ? » becomes one narrow no-break space.
			j := i
			for j < len(rs) && isSpace(rs[j]) {
				j++
			}
			if j < len(rs) && strings.ContainsRune(";:!?»", rs[j]) && (i == 0 || rs[i-1] != '«') {
				b.WriteRune('\u202f')
			} else if i > 0 && rs[i-1] == '«' {
				// Already written with the guillemet.
			} else {
				b.WriteString(string(rs[i:j]))
			}
			i = j - 1
		case fr && r == '«':
			b.WriteString("«\u202f")
		case fr && r == '»' && i > 0 && !isSpace(rs[i-1]):
			b.WriteString("\u202f»")
		case fr && (r == '!' || r == '?') && i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]) || rs[i-1] == ')') &&
			(i+1 == len(rs) || unicode.IsSpace(rs[i+1])):
			b.WriteRune('\u202f')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// SpacingHTML applies Spacing to the text of an HTML fragment, leaving tags, attributes and
// the contents of code, pre, kbd, script and style alone.
func SpacingHTML(lang string, h []byte) []byte {
	if lang != "fr" {
		return h
	}
	var out bytes.Buffer
	out.Grow(len(h) + len(h)/50)
	skip := 0 // depth inside elements whose text must not change
	for len(h) > 0 {
		lt := bytes.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if lt > 0 {
			if skip > 0 {
				out.Write(h[:lt])
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
		name, closing := tagName(tag)
		switch name {
		case "code", "pre", "kbd", "script", "style", "samp":
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

func tagName(tag []byte) (string, bool) {
	t := bytes.TrimPrefix(tag, []byte("<"))
	closing := bytes.HasPrefix(t, []byte("/"))
	t = bytes.TrimPrefix(t, []byte("/"))
	end := bytes.IndexAny(t, " \t\n/>")
	if end < 0 {
		end = len(t)
	}
	return string(bytes.ToLower(t[:end])), closing
}

// Error is a problem found while rendering.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }
