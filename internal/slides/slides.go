// Package slides makes the slide decks of the training sessions: it reads the decks' Markdown
// (slides/LANG/..., a deck per session page of content/LANG/ at the same path, and its
// module decks in a folder named after it), checks them like pages (front matter, links,
// anchors, translations), cuts them into slides at thematic breaks and headings, keeps the
// facilitator callouts out of the slides as speaker notes, and draws each deck twice: the
// audience's deck and the presenter's view with the notes. It is a render.Feature.
package slides

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
	"vises/internal/markdown"
	"vises/internal/qrcode"
	"vises/internal/render"
	"vises/internal/yamldecode"
)

// Dir is the folder of the decks' sources, beside content/.
const Dir = "slides"

// Layout is the theme's layout of a deck (layouts/SECTION/slides.html or layouts/slides.html).
const Layout = "slides"

// frontMatter is what a deck's front matter may hold.
type frontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Slug        string `yaml:"slug"`   // a module deck's address segment (its file name by default)
	Weight      int    `yaml:"weight"` // the order of a session's module decks
}

// Deck is the source of one deck in one language.
type Deck struct {
	Lang    string
	File    string        // such as "slides/fr/formation/sensibilisation.md"
	Rel     string        // below slides/LANG/: pairs translations
	Session *content.Page // the session page the deck goes with
	Module  bool          // a deck of a part of the session (in the folder named after it)
	FM      frontMatter
	Doc     *markdown.Doc
	URL     string // such as "fr/formation/sensibilisation/diapos/"
	Notes   string // the presenter's view, such as "fr/formation/sensibilisation/diapos/notes/"

	from    *content.Page // stands for the deck in link resolution: its language, folder, anchors
	linkPos []diag.Pos
	trans   map[string]*Deck
}

// Feature draws the decks of a build. Make it with Load.
type Feature struct {
	decks     []*Deck
	bySession map[*content.Page][]*Deck
	site      *content.Site
	static    func(string) bool
	assetPath func(string) string
	pdf       bool // the decks are printed to PDF
}

// LinkPDFs says that the decks are printed to PDF (vises build --pdf), so that they link to
// their PDFs.
func (f *Feature) LinkPDFs() { f.pdf = true }

// PDF returns the site paths of the PDFs of a deck: the audience's slides and the trainer's
// handout with the notes.
func (dk *Deck) PDF() (slides, notes string) {
	return strings.TrimSuffix(dk.URL, "/") + ".pdf", strings.TrimSuffix(dk.Notes, "/") + ".pdf"
}

// Load reads the decks of every language from fsys (the site root), parses them with the
// site's Markdown and pairs them with their sessions and translations. Problems go to l.
func Load(fsys fs.FS, site *content.Site, mds content.Markdowns, ui *i18n.Bundle, l *diag.List) *Feature {
	f := &Feature{bySession: map[*content.Page][]*Deck{}, site: site,
		static: func(string) bool { return false }, assetPath: func(name string) string { return name }}
	if site == nil {
		return f
	}
	byKey := map[string]map[string]*Deck{}
	for _, lang := range site.Langs {
		root := Dir + "/" + lang
		if _, err := fs.Stat(fsys, root); err != nil {
			continue
		}
		_ = fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				l.Errorf(diag.Pos{File: name}, "%v", err)
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && name != root {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if path.Ext(name) != ".md" {
				l.Warnf(diag.Pos{File: name}, "not read: decks are .md files")
				return nil
			}
			dk := f.load(fsys, lang, name, mds[lang], ui, l)
			if dk == nil {
				return nil
			}
			f.decks = append(f.decks, dk)
			if byKey[dk.Rel] == nil {
				byKey[dk.Rel] = map[string]*Deck{}
			}
			byKey[dk.Rel][lang] = dk
			return nil
		})
	}
	for _, dk := range f.decks {
		dk.trans = byKey[dk.Rel]
		for _, lang := range site.Langs {
			if lang != dk.Lang && dk.trans[lang] == nil {
				l.Warnf(diag.Pos{File: dk.File, Line: 1, Col: 1}, "no %s translation (expected %s/%s/%s)", lang, Dir, lang, dk.Rel)
			}
		}
		f.bySession[dk.Session] = append(f.bySession[dk.Session], dk)
	}
	for _, list := range f.bySession {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.Module != b.Module {
				return !a.Module
			}
			if a.FM.Weight != b.FM.Weight {
				return a.FM.Weight < b.FM.Weight
			}
			return a.Rel < b.Rel
		})
	}
	return f
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// load reads one deck; nil when it cannot be used.
func (f *Feature) load(fsys fs.FS, lang, name string, md *markdown.Markdown, ui *i18n.Bundle, l *diag.List) *Deck {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		l.Readf(diag.Pos{File: name}, "cannot be read: %v", err)
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	rel := strings.TrimPrefix(name, Dir+"/"+lang+"/")
	dk := &Deck{Lang: lang, File: name, Rel: rel}
	fm, body, ok := splitFrontMatter(src)
	if !ok {
		l.Readf(diag.Pos{File: name, Line: 1, Col: 1}, "front matter: missing (a deck starts with a line ---, then title: and its title, then a line ---)")
		return nil
	}
	ps, wellFormed := yamldecode.DecodeProblems(name, 2, fm, &dk.FM)
	for _, p := range ps {
		p.Msg = "front matter: " + p.Msg
		l.Add(p.Diagnostic)
	}
	if !wellFormed {
		return nil
	}
	if strings.TrimSpace(dk.FM.Title) == "" {
		l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "front matter: title is required")
	}
	if dk.FM.Slug != "" && !slugRE.MatchString(dk.FM.Slug) {
		l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "front matter: slug %q must be lowercase letters, digits and hyphens", dk.FM.Slug)
	}
	// The session: the page at the same path, or, for a module deck, the page named after
	// its folder.
	sessionPath := rel
	if s := f.site.Page(lang, rel); s == nil {
		sessionPath = path.Dir(rel) + ".md"
		dk.Module = true
	}
	dk.Session = f.site.Page(lang, sessionPath)
	if dk.Session == nil || dk.Session.Duplicate {
		l.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "a deck goes with a session page: no page content/%s/%s (nor content/%s/%s)", lang, rel, lang, path.Dir(rel)+".md")
		return nil
	}
	slug, err := ui.T(lang, "slides.slug")
	if err != nil || slug == "" {
		slug = "slides"
	}
	dk.URL = dk.Session.URL + slug + "/"
	if dk.Module {
		seg := dk.FM.Slug
		if seg == "" {
			seg = markdown.Slug(strings.TrimSuffix(path.Base(rel), ".md"))
		}
		dk.URL += seg + "/"
	}
	notes, err := ui.T(lang, "slides.slug.notes")
	if err != nil || notes == "" {
		notes = "notes"
	}
	dk.Notes = dk.URL + notes + "/"
	dk.Doc = md.Parse(src[body:])
	dk.Doc.Offset = body
	dk.from = &content.Page{Lang: lang, Path: rel, File: name, Kind: content.KindPage, Anchors: map[string]bool{}}
	for _, h := range dk.Doc.Headings {
		dk.from.Anchors[h.ID] = true
	}
	pos := func(off int) diag.Pos {
		line, col := diag.Offset(src, body+off)
		return diag.Pos{File: name, Line: line, Col: col}
	}
	for _, n := range dk.Doc.Notices {
		if n.Warning {
			l.Warnf(pos(n.Offset), "%s", n.Msg)
		} else {
			l.Errorf(pos(n.Offset), "%s", n.Msg)
		}
	}
	for _, c := range dk.Doc.Callouts {
		known := false
		for _, k := range markdown.CalloutKinds {
			known = known || k == c.Variant
		}
		if !known {
			l.Errorf(pos(c.Offset), "unknown callout kind %q (known: %s)", c.Variant, strings.Join(markdown.CalloutKinds, ", "))
		}
	}
	for _, link := range dk.Doc.Links {
		dk.linkPos = append(dk.linkPos, pos(link.Offset))
	}
	dk.Doc.Source, dk.Doc.Callouts, dk.Doc.Sections = nil, nil, nil
	return dk
}

// splitFrontMatter returns the YAML between the --- lines that open a file and where the
// Markdown starts.
func splitFrontMatter(src []byte) (fm []byte, body int, ok bool) {
	first, _, found := bytes.Cut(src, []byte("\n"))
	if !found || strings.TrimSpace(string(first)) != "---" {
		return nil, 0, false
	}
	off := len(first) + 1
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if end >= 0 {
			line = src[off : off+end]
		}
		if strings.TrimSpace(string(line)) == "---" {
			next := len(src)
			if end >= 0 {
				next = off + end + 1
			}
			return src[len(first)+1 : off], next, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, 0, false
}

// Check reports the links and anchors of the decks that lead nowhere. asset gives the
// published path of a static file of the site (fingerprinted for CSS and JS), and whether
// there is one.
func (f *Feature) Check(asset func(name string) (string, bool), l *diag.List) {
	f.static = func(name string) bool { _, ok := asset(name); return ok }
	f.assetPath = func(name string) string { p, _ := asset(name); return p }
	for _, dk := range f.decks {
		for i, link := range dk.Doc.Links {
			if _, problem := f.site.Resolve(dk.from, link.Dest, f.static); problem != "" {
				l.Errorf(dk.linkPos[i], "%s", problem)
			}
		}
	}
}

// Decks returns the decks of every language, in the order of their files.
func (f *Feature) Decks() []*Deck { return f.decks }

// Funcs gives the layouts:
//
//	slides .   the decks of a session page (its own, then its modules'), as links
func (f *Feature) Funcs() template.FuncMap {
	return template.FuncMap{"slides": f.links}
}

// DeckLink is a deck as a session page lists it.
type DeckLink struct {
	Title  string
	Href   string
	Notes  string // the presenter's view
	Module bool
}

func (f *Feature) links(c *render.Ctx) []DeckLink {
	if c.Page == nil {
		return nil
	}
	var out []DeckLink
	for _, dk := range f.bySession[c.Page] {
		out = append(out, DeckLink{Title: markdown.Spacing(dk.Lang, dk.FM.Title), Href: c.Rel(dk.URL), Notes: c.Rel(dk.Notes), Module: dk.Module})
	}
	return out
}

// Outputs returns two pages per deck: the audience's deck and the presenter's view.
func (f *Feature) Outputs(r *render.Renderer) []render.Output {
	var out []render.Output
	for _, dk := range f.decks {
		for _, notes := range []bool{false, true} {
			name := dk.URL
			if notes {
				name = dk.Notes
			}
			out = append(out, render.Output{Name: name + "index.html", Render: func() ([]byte, error) {
				return f.Render(r, dk, notes, false)
			}})
		}
	}
	return out
}

// View is what the slides layout draws, as .View.
type View struct {
	Title       string // the deck's title
	Description string
	Session     string // the session's title
	SessionHref string
	OnlineURL   string        // the absolute address of the session page
	QR          template.HTML // a QR code of OnlineURL
	Slides      []Slide
	Presenter   bool   // the presenter's view: slides with their notes
	DeckHref    string // the audience's deck, from this page
	NotesHref   string // the presenter's view, from this page
	Channel     string // names the deck for the windows that show it (its address in the site)
	Modules     []DeckLink
	Print       bool   // the page a PDF is printed from
	PDF         string // the PDF of the slides, from this page, when one is made
	NotesPDF    string // the PDF of the trainer's handout, when one is made
}

// Slide is one slide of a deck.
type Slide struct {
	N     int           // its number, from 1 (the title slide is 1)
	Title string        // its heading's text, for the overview and the presenter's view
	HTML  template.HTML // what the audience sees
	Notes template.HTML // the speaker notes (facilitator callouts)
}

// Render draws a deck: the audience's deck, or with notes the presenter's view. With print,
// links that leave the deck go to the public site (the page a PDF is printed from).
func (f *Feature) Render(r *render.Renderer, dk *Deck, notes, print bool) ([]byte, error) {
	here := dk.URL
	if notes {
		here = dk.Notes
	}
	// Images load from the site even in the page a PDF is printed from: the PDF holds them.
	image := map[string]bool{}
	for _, l := range dk.Doc.Links {
		image[l.Dest] = image[l.Dest] || l.Image
	}
	cards := map[string]*content.Page{} // address written -> an indicator or a worksheet it leads to
	resolve := func(dest string) string {
		u := f.resolve(dk, here, dest, image[dest], print, r)
		if t, problem := f.site.Resolve(dk.from, dest, f.static); problem == "" && t.Page != nil && t.Anchor == "" &&
			(t.Page.FM.Indicator != nil || t.Page.FM.Worksheet != nil) {
			cards[u] = t.Page
		}
		return u
	}
	body, err := f.cards(r, dk, dk.Doc.HTML(resolve), cards)
	if err != nil {
		return nil, err
	}
	return f.draw(r, dk, body, notes, print)
}

// resolve gives the address written in a deck's HTML for a link to dest.
func (f *Feature) resolve(dk *Deck, here, dest string, image, print bool, r *render.Renderer) string {
	cfg := r.Config()
	t, problem := f.site.Resolve(dk.from, dest, f.static)
	if problem != "" || t.Unread != "" {
		return dest
	}
	u := ""
	switch {
	case t.External != "":
		return t.External
	case t.Static != "" && print && !image:
		return cfg.Abs(f.assetPath(t.Static))
	case t.Static != "":
		return content.RelURL(here, f.assetPath(t.Static), cfg.Offline)
	case t.Page == dk.from:
		return "#" + t.Anchor
	case print:
		u = cfg.Abs(t.Page.URL)
	default:
		u = content.RelURL(here, t.Page.URL, cfg.Offline)
	}
	if t.Anchor != "" {
		u += "#" + t.Anchor
	}
	return u
}

// loneLink is a paragraph that holds a link and nothing else.
var loneLink = regexp.MustCompile(`<p><a href="([^"]*)">([^<]*)</a></p>`)

// cards draws each link alone in its paragraph that leads to an indicator as the indicator's
// card (code, title, what it measures), and each that leads to a worksheet as a card with a QR
// code to it, so that participants can open it on their phones from the projected slide.
func (f *Feature) cards(r *render.Renderer, dk *Deck, body string, cards map[string]*content.Page) (string, error) {
	var failed error
	out := loneLink.ReplaceAllStringFunc(body, func(m string) string {
		sub := loneLink.FindStringSubmatch(m)
		p := cards[html.UnescapeString(sub[1])]
		if p == nil {
			return m
		}
		title := html.EscapeString(markdown.Spacing(p.Lang, p.FM.Title))
		if in := p.FM.Indicator; in != nil {
			sum := p.FM.Summary // what it measures: its definition, as text
			if fr := p.Fragments["indicator.definition"]; fr != nil && fr.Doc != nil {
				sum = fr.Doc.Text
			}
			return `<div class="slide-card slide-card-indicator"><p class="slide-card-code">` + html.EscapeString(in.ID) +
				`</p><p class="slide-card-title"><a href="` + sub[1] + `">` + title + `</a></p><p class="slide-card-text">` +
				html.EscapeString(markdown.Spacing(p.Lang, sum)) + `</p></div>`
		}
		abs := r.Config().Abs(p.URL)
		label, _ := r.UI().T(dk.Lang, "slides.card.qr")
		qr, err := qrcode.SVG(abs, label+" "+p.FM.Title)
		if err != nil {
			failed = err
			return m
		}
		kind, _ := r.UI().T(dk.Lang, "slides.card.worksheet")
		return `<div class="slide-card slide-card-qr">` + qr + `<div><p class="slide-card-kind">` + html.EscapeString(markdown.Spacing(dk.Lang, kind)) +
			`</p><p class="slide-card-title"><a href="` + sub[1] + `">` + title + `</a></p><p class="slide-card-url">` + html.EscapeString(abs) + `</p></div></div>`
	})
	// Indicator cards that follow one another sit side by side.
	out = cardRun.ReplaceAllString(out, `<div class="slide-cards">$1</div>`+"\n")
	return out, failed
}

// cardRun is two or more indicator cards in a row.
var cardRun = regexp.MustCompile(`(?s)((?:<div class="slide-card slide-card-indicator">.*?</p></div>\n?){2,})`)

// draw draws a deck's page (the audience's, or the presenter's view with notes) around body.
func (f *Feature) draw(r *render.Renderer, dk *Deck, body string, notes, print bool) ([]byte, error) {
	cfg := r.Config()
	here := dk.URL
	if notes {
		here = dk.Notes
	}
	label, _ := r.UI().T(dk.Lang, "slides.qr")
	online := cfg.Abs(dk.Session.URL)
	qr, err := qrcode.SVG(online, label)
	if err != nil {
		return nil, err
	}
	rel := func(to string) string {
		if print {
			return cfg.Abs(to)
		}
		return content.RelURL(here, to, cfg.Offline)
	}
	v := &View{
		Title:       markdown.Spacing(dk.Lang, dk.FM.Title),
		Description: markdown.Spacing(dk.Lang, dk.FM.Description),
		Session:     markdown.Spacing(dk.Lang, dk.Session.FM.Title),
		SessionHref: rel(dk.Session.URL),
		OnlineURL:   online,
		QR:          template.HTML(qr),
		Presenter:   notes,
		DeckHref:    rel(dk.URL),
		NotesHref:   rel(dk.Notes),
		Channel:     dk.URL,
		Print:       print,
	}
	if f.pdf && !print {
		a, b := dk.PDF()
		v.PDF, v.NotesPDF = rel(a), rel(b)
	}
	if !dk.Module {
		for _, m := range f.bySession[dk.Session] {
			if m.Module {
				v.Modules = append(v.Modules, DeckLink{Title: markdown.Spacing(m.Lang, m.FM.Title), Href: rel(m.URL), Module: true})
			}
		}
	}
	v.Slides = append([]Slide{{N: 1, Title: v.Title}}, Split(body)...)
	for i := range v.Slides {
		v.Slides[i].N = i + 1
		if !notes {
			v.Slides[i].Notes = ""
		}
	}
	own := func(p *content.Page) string {
		if t := dk.trans[p.Lang]; t != nil {
			if notes {
				return t.Notes
			}
			return t.URL
		}
		return p.URL
	}
	return r.Layout(render.LayoutPage{Layout: Layout, Page: dk.Session, URL: here, Own: own, View: v})
}

// Split cuts the HTML of a deck into slides: a slide starts at each thematic break (which is
// dropped) and at each heading of level 1 or 2 (unless the slide so far is empty). Facilitator
// callouts, at any depth, leave the slide for its notes.
func Split(body string) []Slide {
	var out []Slide
	var cur, notes strings.Builder
	flush := func() {
		if strings.TrimSpace(cur.String()) == "" && strings.TrimSpace(notes.String()) == "" {
			cur.Reset()
			return
		}
		s := Slide{HTML: template.HTML(strings.TrimSpace(cur.String())), Notes: template.HTML(strings.TrimSpace(notes.String()))}
		s.Title = headingText(cur.String())
		out = append(out, s)
		cur.Reset()
		notes.Reset()
	}
	depth := 0
	i := 0
	for i < len(body) {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			cur.WriteString(body[i:])
			break
		}
		cur.WriteString(body[i : i+lt])
		i += lt
		gt := strings.IndexByte(body[i:], '>')
		if gt < 0 {
			cur.WriteString(body[i:])
			break
		}
		tag := body[i : i+gt+1]
		name, closing := tagName(tag)
		switch {
		case depth == 0 && !closing && name == "hr":
			flush()
			i += len(tag)
			for i < len(body) && body[i] == '\n' {
				i++
			}
			continue
		case depth == 0 && !closing && (name == "h1" || name == "h2"):
			if strings.TrimSpace(cur.String()) != "" {
				flush()
			}
		case !closing && name == "div" && strings.Contains(tag, `class="callout callout-facilitator"`):
			end := matchingEnd(body, i)
			notes.WriteString(body[i:end])
			i = end
			for i < len(body) && body[i] == '\n' {
				i++
			}
			continue
		}
		if !void[name] && !strings.HasSuffix(tag, "/>") {
			if closing {
				depth--
			} else {
				depth++
			}
		}
		cur.WriteString(tag)
		i += len(tag)
	}
	flush()
	return out
}

var void = map[string]bool{"area": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// tagName returns the lower-case name of the tag that starts tag ("<div class=…>"), and
// whether it closes an element.
func tagName(tag string) (string, bool) {
	s := strings.TrimPrefix(tag, "<")
	closing := strings.HasPrefix(s, "/")
	s = strings.TrimPrefix(s, "/")
	end := strings.IndexAny(s, " \t\n/>")
	if end < 0 {
		end = len(s)
	}
	return strings.ToLower(s[:end]), closing
}

// matchingEnd returns the offset just after the element that starts at body[start].
func matchingEnd(body string, start int) int {
	depth := 0
	i := start
	for i < len(body) {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			return len(body)
		}
		i += lt
		gt := strings.IndexByte(body[i:], '>')
		if gt < 0 {
			return len(body)
		}
		tag := body[i : i+gt+1]
		i += len(tag)
		name, closing := tagName(tag)
		if void[name] || strings.HasSuffix(tag, "/>") {
			continue
		}
		if closing {
			depth--
		} else {
			depth++
		}
		if depth == 0 {
			return i
		}
	}
	return len(body)
}

var (
	headingRE = regexp.MustCompile(`(?s)<h[12][^>]*>(.*?)</h[12]>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

// headingText returns the text of the first heading of level 1 or 2 of a slide, or "".
func headingText(h string) string {
	m := headingRE.FindStringSubmatch(h)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(unescape(tagRE.ReplaceAllString(m[1], "")))
}

func unescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
	return r.Replace(s)
}

// String describes a deck, for messages.
func (dk *Deck) String() string { return fmt.Sprintf("%s (%s)", dk.File, dk.URL) }
