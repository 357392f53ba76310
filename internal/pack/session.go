package pack

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"vises/internal/content"
	"vises/internal/markdown"
	"vises/internal/qrcode"
	"vises/internal/render"
)

// AgendaRow is a step of a session's agenda, read from the session page's agenda table (its
// first column holds the times).
type AgendaRow struct {
	Time     string // as written, such as "9 h 30" or "9.30 uur"
	Duration string // until the next step, such as "20 min"; "" for the last step
	Activity string
	Material string // the last column, when the table has more than two
}

// RunSheet is a table of the trainer's run sheet: a session's or a module's agenda.
type RunSheet struct {
	Title, Duration string
	Rows            []AgendaRow
}

// clock reads a time of day written "9 h 30", "9 h", "9.30 uur", "9u30" or "9:30".
var clock = regexp.MustCompile(`^(\d{1,2})\s*(?:h|u|uur|\.|:)\s*(\d{2})?`)

// minutes returns the minutes since midnight of a time as written, or -1.
func minutes(s string) int {
	m := clock.FindStringSubmatch(strings.ReplaceAll(strings.ReplaceAll(s, "\u202f", " "), "\u00a0", " "))
	if m == nil {
		return -1
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	return h*60 + min
}

// duration writes a length of time in the language's way: "20 min", "1 h 15", "3 h" in French;
// "20 min", "1 u 15", "3 uur" in Dutch.
func duration(lang string, n int) string {
	h, m := n/60, n%60
	switch {
	case n <= 0:
		return ""
	case h == 0:
		return fmt.Sprintf("%d\u00a0min", m)
	case lang == "fr" && m == 0:
		return fmt.Sprintf("%d\u00a0h", h)
	case lang == "fr":
		return fmt.Sprintf("%d\u00a0h\u00a0%02d", h, m)
	case m == 0:
		return fmt.Sprintf("%d\u00a0uur", h)
	default:
		return fmt.Sprintf("%d\u00a0u\u00a0%02d", h, m)
	}
}

// agenda reads the agenda of a session (or module) from the first table of the section with
// the given anchor, and the session's length: from the first time to the last.
func agendaOf(p *content.Page, anchor string) ([]AgendaRow, string) {
	if anchor == "" {
		return nil, ""
	}
	t := p.AgendaTable(anchor)
	if t == nil {
		return nil, ""
	}
	var rows []AgendaRow
	var times []int
	for _, cells := range t.Rows {
		if len(cells) < 2 {
			continue
		}
		row := AgendaRow{Time: cells[0], Activity: cells[1]}
		if len(cells) > 2 {
			row.Material = cells[len(cells)-1]
		}
		rows = append(rows, row)
		times = append(times, minutes(cells[0]))
	}
	for i := range rows[:max(len(rows)-1, 0)] {
		if times[i] >= 0 && times[i+1] > times[i] {
			rows[i].Duration = duration(p.Lang, times[i+1]-times[i])
		}
	}
	total := ""
	if len(times) > 1 && times[0] >= 0 && times[len(times)-1] > times[0] {
		total = duration(p.Lang, times[len(times)-1]-times[0])
	}
	return rows, total
}

// plan renders the session page for the trainer's pack: the same Markdown, with a duration
// column after the times of each agenda table (the session's and its modules'). With sections
// (a module's plan), only those sections of the page, in that order.
func (f *Feature) plan(r *render.Renderer, p *content.Page, sections []string, resolve func(string) string, opts markdown.RenderOptions) (string, error) {
	md := f.mds[p.Lang]
	if md == nil || p.Doc.Source == nil {
		return p.Doc.HTMLWith(resolve, opts), nil
	}
	anchors := []string{p.FM.Agenda}
	for _, m := range p.FM.Modules {
		anchors = append(anchors, m.Agenda)
	}
	var edits []splice
	head, _ := r.UI().T(p.Lang, "pack.duration")
	for _, a := range anchors {
		if a == "" {
			continue
		}
		t := p.AgendaTable(a)
		if t == nil {
			continue
		}
		rows, _ := agendaOf(p, a)
		lines := strings.Split(strings.TrimSuffix(string(p.Doc.Source[t.Start:t.End]), "\n"), "\n")
		row := 0
		for i, line := range lines {
			cells := strings.SplitN(line, "|", 3) // "", first cell, rest
			if len(cells) < 3 {
				continue
			}
			add := ""
			switch {
			case i == 0:
				add = " " + head + " "
			case i == 1:
				add = " --- "
			default:
				if row < len(rows) {
					add = " " + rows[row].Duration + " "
				}
				row++
			}
			lines[i] = cells[0] + "|" + cells[1] + "|" + add + "|" + cells[2]
		}
		edits = append(edits, splice{t.Start, t.End, strings.Join(lines, "\n") + "\n"})
	}
	if len(edits) == 0 && len(sections) == 0 {
		return p.Doc.HTMLWith(resolve, opts), nil
	}
	if len(sections) == 0 {
		return md.Parse(spliced(p.Doc.Source, edits, [][2]int{{0, len(p.Doc.Source)}})).HTMLWith(resolve, opts), nil
	}
	// Sections taken apart start at level 2, under the part's title, whatever their level in
	// the page; the headings inside them move up as much.
	var b bytes.Buffer
	for _, a := range sections {
		start, end, ok := p.SectionBounds(a)
		if !ok {
			continue
		}
		level := 0
		for _, h := range p.Doc.Headings {
			if h.ID == a {
				level = h.Level
			}
		}
		b.Write(raise(spliced(p.Doc.Source, edits, [][2]int{{start, end}}), level-2))
	}
	return md.Parse(b.Bytes()).HTMLWith(resolve, opts), nil
}

// raise moves the ATX headings of a Markdown text up by n levels (no higher than level 2).
func raise(src []byte, n int) []byte {
	if n <= 0 {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	fence := false
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~")) {
			fence = !fence
		}
		level := 0
		for level < len(l) && l[level] == '#' {
			level++
		}
		if fence || level < 3 || level > 6 || level >= len(l) || (l[level] != ' ' && l[level] != '\n') {
			continue
		}
		lines[i] = l[min(n, level-2):]
	}
	return bytes.Join(lines, nil)
}

// splice replaces src[start:end] by text.
type splice struct {
	start, end int
	text       string
}

// spliced returns the given ranges of src, one after the other, with the splices that fall
// inside them made.
func spliced(src []byte, edits []splice, ranges [][2]int) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b bytes.Buffer
	for _, rg := range ranges {
		at := rg[0]
		for _, e := range edits {
			if e.start >= rg[0] && e.end <= rg[1] {
				b.Write(src[at:e.start])
				b.WriteString(e.text)
				at = e.end
			}
		}
		b.Write(src[at:rg[1]])
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// opening renders the sections of the session page that open the participants' pack, in the
// order given, without their facilitator notes and without the agenda table (the pack draws
// the agenda itself, with times and activities only).
func (f *Feature) opening(r *render.Renderer, p *content.Page, anchors []string, agenda string, po Output, partOf map[*content.Page]string, terms map[string]bool, print bool) (string, error) {
	md := f.mds[p.Lang]
	if md == nil {
		return "", nil
	}
	var src bytes.Buffer
	var table *markdown.Table
	if agenda != "" {
		table = p.AgendaTable(agenda)
	}
	for _, a := range anchors {
		start, end, ok := p.SectionBounds(a)
		if !ok {
			continue
		}
		// The heading is written again at level 2, under the part's title, like the agenda's.
		body := p.Doc.Source[start:end]
		if nl := bytes.IndexByte(body, '\n'); nl >= 0 {
			title := strings.TrimLeft(string(body[:nl]), "# ")
			if i := strings.LastIndex(title, "{#"); i >= 0 {
				title = strings.TrimSpace(title[:i])
			}
			src.WriteString("## " + title + "\n")
			if table != nil && table.Start >= start && table.End <= end {
				src.Write(p.Doc.Source[start+nl : table.Start])
				src.Write(p.Doc.Source[table.End:end])
			} else {
				src.Write(body[nl:])
			}
		}
		src.WriteString("\n\n")
	}
	resolve := packResolver(r, p, po, partOf, print, "", terms)
	cfg := r.Config()
	opts := markdown.RenderOptions{LeaveOut: []string{"facilitator"}, IDPrefix: "opening-"}
	h := md.Parse(src.Bytes()).HTMLWith(func(dest string) string {
		u := resolve(dest)
		if strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "#part-") {
			// An anchor of the session page, which is not in the participants' pack.
			if print {
				return cfg.Abs(p.URL) + u
			}
			return content.RelURL(po.URL, p.URL, cfg.Offline) + u
		}
		return u
	}, opts)
	return h, nil
}

// usedTerms returns the glossary anchors that the given pages link to.
func usedTerms(r *render.Renderer, parts []*content.Page) map[string]bool {
	used := map[string]bool{}
	for _, p := range parts {
		if len(p.FM.Terms) > 0 || p.Doc == nil {
			continue
		}
		for _, l := range p.Doc.Links {
			t, problem := r.Site().Resolve(p, l.Dest, nil)
			if problem == "" && t.Page != nil && t.Anchor != "" && len(t.Page.FM.Terms) > 0 {
				used[t.Anchor] = true
			}
		}
	}
	return used
}

// terms returns, in a pack, the glossary entries of the page that the other parts of the
// pack link to; elsewhere, all of them ({{packTerms .}}).
func terms(c *render.Ctx) ([]render.Term, error) {
	all, err := c.Terms()
	v := view(c)
	if err != nil || v == nil {
		return all, err
	}
	var out []render.Term
	for _, t := range all {
		if v.terms[t.ID] {
			out = append(out, t)
		}
	}
	return out, nil
}

// glossaryQR returns a QR code to the full glossary, in a pack that holds a part of it
// ({{packGlossaryQR .}}).
func glossaryQR(c *render.Ctx) (template.HTML, error) {
	if view(c) == nil || c.Page == nil {
		return "", nil
	}
	label, _ := c.T("pack.glossary.qr")
	svg, err := qrcode.SVG(c.Abs(c.Page.URL), label)
	return template.HTML(svg), err
}

// printCSS returns the style sheet of the page a pack's PDF is printed from: a running header
// with the session and the part on each part's pages (each part is a named page), a footer
// with the partner and the licence, and "p. N" after each link to a place of the pack whose
// page is known. It is written into that page only: the published pack page, made after the
// printing, has no style of its own (the site runs under a strict CSP; Chromium prints from the
// build's folder).
func printCSS(r *render.Renderer, v *View, pages map[string]int) template.CSS {
	lang := v.lang
	var b strings.Builder
	licence, _ := r.UI().T(lang, "pack.footer.licence")
	foot := markdown.Spacing(lang, licence)
	if name := r.Config().Partner.Name; name != "" {
		foot = name + " · " + foot
	}
	box := `font-family: system-ui, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #444;`
	fmt.Fprintf(&b, "@page { @top-left { content: %s; %s } @bottom-left { content: %s; %s } }\n", cssString(v.Heading()), box, cssString(foot), box)
	// Chromium takes the last rule for a margin box, named page or not: the cover stays bare.
	b.WriteString("@page pack-cover { @top-left { content: none; } @bottom-left { content: none; } }\n")
	for _, p := range v.Parts {
		name := "pack-" + p.ID
		fmt.Fprintf(&b, "@page %s { @top-left { content: %s; %s } }\n#%s { page: %s; }\n", name, cssString(v.Heading()+" · "+p.Title), box, p.ID, name)
	}
	ids := make([]string, 0, len(pages))
	for id := range pages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !strings.HasPrefix(id, "part-") && !strings.HasPrefix(id, "opening-") {
			continue
		}
		fmt.Fprintf(&b, ".pack-part a[href=%s]::after { content: %s; }\n", cssString("#"+id), cssString(" ("+pageRef(r, lang, pages[id])+")"))
	}
	return template.CSS(b.String())
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < ' ':
			fmt.Fprintf(&b, "\\%x ", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pageRef writes a reference to page n of a pack ("p. 7").
func pageRef(r *render.Renderer, lang string, n int) string {
	s, _ := r.UI().T(lang, "pack.pageref", map[string]any{"N": n})
	return markdown.Spacing(lang, s)
}
