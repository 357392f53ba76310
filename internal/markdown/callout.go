package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CalloutKinds lists the callout kinds, in the order the README documents them.
var CalloutKinds = []string{"note", "tip", "warning", "exercise", "example", "goals", "remember", "facilitator"}

// KindCallout is the node kind of a callout block.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a block quote that starts with a [!KIND] marker.
type Callout struct {
	ast.BaseBlock
	Variant string // lower case, such as "exercise"; see CalloutKinds
	Title   string // optional title written after the marker
	Offset  int    // source offset of the marker line
	mark    string // the document's placeholder start, for the markers of its span (see Doc.spans)
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Variant": n.Variant, "Title": n.Title}, nil)
}

// KindTableScroll is the node kind of the region that holds a table.
var KindTableScroll = ast.NewNodeKind("TableScroll")

// TableScroll holds a table: on a narrow screen the table scrolls inside it, and it is a labelled
// region that the keyboard can reach, so that its hidden part can be scrolled into view.
type TableScroll struct {
	ast.BaseBlock
	Heads string // the text of the table's header cells, for the region's name
}

// Kind implements ast.Node.
func (n *TableScroll) Kind() ast.NodeKind { return KindTableScroll }

// Dump implements ast.Node.
func (n *TableScroll) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// tableTransformer puts every table in a TableScroll.
type tableTransformer struct{}

func (tableTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTable {
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil // a paragraph's text holds no table
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	seen := map[string]int{}
	for _, t := range tables {
		// The region is named after the header cells, so that two tables of a page have two
		// names (and a table shown twice, a number).
		var heads []string
		if h := t.FirstChild(); h != nil && h.Kind() == east.KindTableHeader {
			for c := h.FirstChild(); c != nil; c = c.NextSibling() {
				if txt := strings.TrimSpace(PlainText(c, src)); txt != "" {
					heads = append(heads, txt)
				}
			}
		}
		w := &TableScroll{Heads: strings.Join(heads, ", ")}
		if seen[w.Heads]++; seen[w.Heads] > 1 {
			w.Heads += fmt.Sprintf(" (%d)", seen[w.Heads])
		}
		t.Parent().ReplaceChild(t.Parent(), t, w)
		w.AppendChild(w, t)
	}
}

var calloutMarker = regexp.MustCompile(`^\[!([A-Za-z]+)\][ \t]*(.*)$`)

// calloutTransformer turns block quotes that start with [!KIND] into Callout nodes.
type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if bytes.IndexByte(src, '>') < 0 {
		return // no block quote
	}
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil // a paragraph's text holds no block quote
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		m := calloutMarker.FindSubmatch(util.TrimRightSpace(first.Value(src)))
		if m == nil {
			continue
		}
		c := &Callout{Variant: strings.ToLower(string(m[1])), Title: strings.TrimSpace(string(m[2])), Offset: first.Start}
		// Drop the inline nodes of the marker line.
		for n := p.FirstChild(); n != nil; {
			next := n.NextSibling()
			// Typographer strings (such as an apostrophe) have no position: they belong to the
			// line of the text around them.
			if start := inlineStart(n); start >= first.Stop {
				break
			}
			soft := false
			if t, ok := n.(*ast.Text); ok {
				soft = t.SoftLineBreak() || t.HardLineBreak()
			}
			p.RemoveChild(p, n)
			n = next
			if soft {
				break
			}
		}
		lines := p.Lines()
		rest := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			rest.Append(lines.At(i))
		}
		p.SetLines(rest)
		if p.ChildCount() == 0 {
			q.RemoveChild(q, p)
		}
		parent := q.Parent()
		for ch := q.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			c.AppendChild(c, ch)
			ch = next
		}
		parent.ReplaceChild(parent, q, c)
	}
}

func inlineStart(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := inlineStart(c); s >= 0 {
			return s
		}
	}
	return -1
}

// nodeRenderer renders callouts and, unless raw HTML is allowed, shows raw HTML as text.
type nodeRenderer struct {
	lang       string
	label      func(kind string) string
	tableLabel string // the accessible name of the region around a table
	rawHTML    bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.renderCallout)
	reg.Register(KindTableScroll, r.renderTableScroll)
	reg.Register(east.KindTaskCheckBox, renderTaskBox)
	if !r.rawHTML {
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	}
}

func (r *nodeRenderer) renderCallout(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	if !entering {
		_, _ = w.WriteString("</div>")
		if c.mark != "" {
			_, _ = w.WriteString(c.mark + markEnd)
		}
		_, _ = w.WriteString("\n")
		return ast.WalkContinue, nil
	}
	kind := html.EscapeString(c.Variant)
	if c.mark != "" {
		_, _ = w.WriteString(c.mark + markCallout + c.Variant + "zz")
	}
	_, _ = w.WriteString(`<div class="callout callout-` + kind + `" role="note">` + "\n")
	_, _ = w.WriteString(`<p class="callout-title"><span class="callout-label">` + html.EscapeString(Spacing(r.lang, r.label(c.Variant))) + `</span>`)
	if c.Title != "" {
		_, _ = w.WriteString(` <span class="callout-name">` + html.EscapeString(Spacing(r.lang, c.Title)) + `</span>`)
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderTableScroll(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	label := r.tableLabel
	if heads := n.(*TableScroll).Heads; heads != "" {
		label += " : " + heads
		if r.lang != "fr" {
			label = r.tableLabel + ": " + heads
		}
	}
	_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="` + html.EscapeString(Spacing(r.lang, label)) + `">` + "\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	raw := n.(*ast.RawHTML)
	for i := 0; i < raw.Segments.Len(); i++ {
		seg := raw.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	for i := 0; i < b.Lines().Len(); i++ {
		line := b.Lines().At(i)
		_, _ = w.WriteString(html.EscapeString(string(line.Value(src))))
	}
	if b.HasClosure() {
		_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// renderTaskBox draws the box of a task list item ("- [ ] ...") as a character hidden from
// screen readers, not as a disabled checkbox: a box that cannot be ticked has no use on screen,
// prints the same, and a form field without a label is an accessibility fault (axe "label").
// The item's text is what a screen reader reads.
func renderTaskBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	box := "\u2610" // ☐
	if n.(*east.TaskCheckBox).IsChecked {
		box = "\u2611" // ☑
	}
	_, _ = w.WriteString(`<span class="task-box" aria-hidden="true">` + box + `</span> `)
	return ast.WalkContinue, nil
}
