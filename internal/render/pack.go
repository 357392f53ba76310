package render

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/indicator"
	"vises/internal/qrcode"
)

// Pack variants: what participants get, and what the trainer gets on top (the session plan
// with its timings, and the facilitator notes).
const (
	Participants = "participants"
	Trainer      = "trainer"
)

// PackOutput is one printable session pack: a session, a language, a variant.
type PackOutput struct {
	Session *content.Page
	Variant string
	URL     string // site path of the pack page, such as "fr/formation/sensibilisation/livret/"
	PDF     string // site path of its PDF
}

// Packs lists the session packs of the site: two variants of every page that lists handouts.
func (r *Renderer) Packs() []PackOutput {
	var out []PackOutput
	for _, p := range r.site.Pages {
		if len(p.FM.Handouts) == 0 || p.Duplicate {
			continue
		}
		for _, v := range []string{Participants, Trainer} {
			slug := r.packSlug(p.Lang, v)
			out = append(out, PackOutput{Session: p, Variant: v, URL: p.URL + slug + "/", PDF: p.URL + slug + ".pdf"})
		}
	}
	return out
}

func (r *Renderer) packSlug(lang, variant string) string {
	s, err := r.ui.T(lang, "pack.slug."+variant)
	if err != nil || s == "" {
		return variant
	}
	return s
}

// packURL returns the address of the same pack for another language's version of a session.
func (r *Renderer) packURL(session *content.Page, variant string) string {
	return session.URL + r.packSlug(session.Lang, variant) + "/"
}

// PackParts returns the source files of the handouts of a pack.
func (r *Renderer) PackParts(po PackOutput) []string {
	var out []string
	for _, h := range po.Session.FM.Handouts {
		if t, problem := r.site.Resolve(po.Session, h, nil); problem == "" && t.Page != nil {
			out = append(out, t.Page.File)
		}
	}
	return out
}

// PartCache keeps the rendered parts of packs from one build to the next (vises serve): a part
// whose page did not change is not rendered again. The zero value is not usable; use
// NewPartCache. A nil *PartCache caches nothing.
type PartCache struct {
	mu    sync.Mutex // packs are rendered in parallel
	parts map[string]string
	stale map[string]bool // page files whose parts must be rendered again
}

// NewPartCache returns an empty cache.
func NewPartCache() *PartCache { return &PartCache{parts: map[string]string{}} }

// Invalidate marks the parts of the given page files as stale; a nil list empties the cache.
func (c *PartCache) Invalidate(files []string) {
	if c == nil {
		return
	}
	if files == nil {
		c.parts = map[string]string{}
		return
	}
	c.stale = map[string]bool{}
	for _, f := range files {
		c.stale[f] = true
	}
}

func (c *PartCache) get(key, file string) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stale[file] {
		return "", false
	}
	s, ok := c.parts[key]
	return s, ok
}

func (c *PartCache) put(key, html string) {
	if c != nil {
		c.mu.Lock()
		c.parts[key] = html
		c.mu.Unlock()
	}
}

// UsePartCache makes the renderer reuse the parts of an earlier build.
func (r *Renderer) UsePartCache(c *PartCache) { r.parts = c }

// PackView is what the pack layout draws.
type PackView struct {
	Variant   string
	Session   string // the session's title
	OnlineURL string // absolute URL of the session page
	QR        template.HTML
	Parts     []PackPart
	PDF       string // URL of the PDF, relative to the pack page, when one is made
	Print     bool   // the page a PDF is printed from: its links leave for the public site
}

// PackPart is a handout in a pack.
type PackPart struct {
	ID    string // anchor of the part in the pack
	Title string
	Kind  string // section of the page: methode, fiches, glossaire, ...
	Page  int    // page number in the printed pack, 0 when not known
	HTML  template.HTML
}

// facilitator matches the opening tag of a facilitator callout.
var facilitator = regexp.MustCompile(`<div class="callout callout-facilitator"[^>]*>`)

// stripFacilitator removes facilitator callouts (and everything inside them) from HTML.
func stripFacilitator(h string) string {
	for {
		loc := facilitator.FindStringIndex(h)
		if loc == nil {
			return h
		}
		depth, i := 0, loc[0]
		end := len(h)
		for i < len(h) {
			open := strings.Index(h[i:], "<div")
			close := strings.Index(h[i:], "</div>")
			if close < 0 {
				break
			}
			if open >= 0 && open < close {
				depth++
				i += open + 4
				continue
			}
			depth--
			i += close + len("</div>")
			if depth == 0 {
				end = i
				break
			}
		}
		h = h[:loc[0]] + h[end:]
	}
}

var (
	idAttr   = regexp.MustCompile(` id="([^"]+)"`)
	forAttr  = regexp.MustCompile(` (for|aria-labelledby|aria-describedby|headers)="([^"]+)"`)
	selfLink = regexp.MustCompile(` href="#([^"]+)"`)
	partLink = regexp.MustCompile(`^part-[0-9]+(-|$)`)
)

// prefixIDs makes the element IDs of a part unique in the pack, and keeps the part's own links
// and label references pointing at them.
func prefixIDs(h, prefix string) string {
	h = idAttr.ReplaceAllString(h, ` id="`+prefix+`$1"`)
	h = selfLink.ReplaceAllStringFunc(h, func(m string) string {
		id := selfLink.FindStringSubmatch(m)[1]
		if partLink.MatchString(id) {
			return m // a link to a part of the pack, or into one
		}
		return ` href="#` + prefix + id + `"`
	})
	return forAttr.ReplaceAllStringFunc(h, func(m string) string {
		sub := forAttr.FindStringSubmatch(m)
		ids := strings.Fields(sub[2])
		for i := range ids {
			ids[i] = prefix + ids[i]
		}
		return " " + sub[1] + `="` + strings.Join(ids, " ") + `"`
	})
}

// Pack renders the pack page of po; pages gives the printed page of each part (by part ID)
// once a PDF has been measured, and pdf says whether a PDF is made. A link to a page that is
// a part of the pack goes to that part; with print (the page a PDF is printed from), any other
// link goes to the page on the public site (the base URL), since a PDF travels without the site.
func (r *Renderer) Pack(po PackOutput, pages map[string]int, pdf, print bool) ([]byte, error) {
	set, _, err := r.tmpl.Lookup(po.Session.Section, "pack")
	if err != nil {
		return nil, diag.Diagnostic{Pos: diag.Pos{File: po.Session.File}, Msg: err.Error()}
	}
	s := po.Session
	label, _ := r.ui.T(s.Lang, "pack.qr")
	qr, err := qrcode.SVG(r.cfg.Abs(s.URL), label)
	if err != nil {
		return nil, err
	}
	view := &PackView{Variant: po.Variant, OnlineURL: r.cfg.Abs(s.URL), QR: template.HTML(qr), Print: print}
	ctx := &Ctx{r: r, Page: s, Lang: s.Lang, URL: po.URL, Kind: "pack", pack: view, variant: po.Variant}
	view.Session = ctx.Title()
	if pdf {
		view.PDF = ctx.Rel(po.PDF)
	}
	var parts []*content.Page
	if po.Variant == Trainer {
		parts = append(parts, s)
	}
	for _, h := range s.FM.Handouts {
		if t, problem := r.site.Resolve(s, h, nil); problem == "" && t.Page != nil {
			parts = append(parts, t.Page)
		}
	}
	partOf := map[*content.Page]string{}
	partURLs := map[string]string{}
	for i, p := range parts {
		if _, ok := partOf[p]; !ok {
			partOf[p] = fmt.Sprintf("part-%d", i+1)
			partURLs[p.URL] = partOf[p]
		}
	}
	for i, p := range parts {
		id := fmt.Sprintf("part-%d", i+1)
		key := fmt.Sprintf("%s#%s|%s|%v", po.URL, id, p.File, print)
		body, ok := r.parts.get(key, p.File)
		if !ok {
			if body, err = r.partHTML(set, p, po, partOf, partURLs, print); err != nil {
				return nil, err
			}
			if po.Variant == Participants {
				body = stripFacilitator(body)
			}
			body = prefixIDs(body, id+"-")
			r.parts.put(key, body)
		}
		pc := &Ctx{r: r, Page: p, Lang: p.Lang}
		view.Parts = append(view.Parts, PackPart{ID: id, Title: pc.Title(), Kind: p.Section, Page: pages[id],
			HTML: template.HTML(body)})
	}
	out, err := r.execute(set, ctx)
	if err != nil {
		d := r.tmpl.ExecError(err)
		d.Msg = fmt.Sprintf("%s (rendering the pack of %s)", d.Msg, s.File)
		return nil, d
	}
	return out, nil
}

// partHTML renders the body of a handout as seen from the pack page: its links are relative
// to the pack's address.
func (r *Renderer) partHTML(set *template.Template, p *content.Page, po PackOutput, partOf map[*content.Page]string, partURLs map[string]string, print bool) (string, error) {
	static := func(name string) bool { _, ok := r.assets[name]; return ok }
	resolve := func(dest string) string {
		t, problem := r.site.Resolve(p, dest, static)
		if problem != "" || t.Unread != "" {
			return dest
		}
		switch {
		case t.External != "":
			return t.External
		case t.Static != "" && print:
			return r.cfg.Abs(r.assets[t.Static].Path)
		case t.Static != "":
			return content.RelURL(po.URL, r.assets[t.Static].Path, r.cfg.Offline)
		}
		if t.Page == p && t.Anchor != "" {
			return "#" + t.Anchor // within the part: prefixIDs makes it point at the part's copy
		}
		if id, ok := partOf[t.Page]; ok {
			// Another part of the pack (prefixIDs leaves links to parts alone).
			if t.Anchor != "" {
				return "#" + id + "-" + t.Anchor
			}
			return "#" + id
		}
		if print {
			u := r.cfg.Abs(t.Page.URL)
			if t.Anchor != "" {
				u += "#" + t.Anchor
			}
			return u
		}
		u := content.RelURL(po.URL, t.Page.URL, r.cfg.Offline)
		if t.Anchor != "" {
			u += "#" + t.Anchor
		}
		return u
	}
	pc := &Ctx{r: r, Page: p, Lang: p.Lang, URL: po.URL, Kind: string(p.Kind), resolve: resolve, set: set, parts: partURLs, print: print}
	if p.Doc != nil {
		pc.Content = template.HTML(p.Doc.HTML(resolve))
	}
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, "partials/part-body.html", pc); err != nil {
		d := r.tmpl.ExecError(err)
		d.Msg = fmt.Sprintf("%s (rendering %s in a pack)", d.Msg, p.File)
		return "", d
	}
	return b.String(), nil
}

// Pack returns the pack being drawn, on a pack page.
func (c *Ctx) Pack() *PackView { return c.pack }

// IsCatalogue reports whether the page is the indicator catalogue's section page.
func (c *Ctx) IsCatalogue() bool {
	return c.Page != nil && c.Page.Kind == content.KindSection && c.Page.Section == indicator.Section && c.Page.Dir() == indicator.Section
}

// PackLink is a link to one variant of a session's pack.
type PackLink struct {
	Variant string
	Href    string
	PDF     string // "" when no PDF was made
}

// PackLinks returns the packs of a session page.
func (c *Ctx) PackLinks() []PackLink {
	if c.Page == nil || len(c.Page.FM.Handouts) == 0 {
		return nil
	}
	var out []PackLink
	for _, v := range []string{Participants, Trainer} {
		u := c.r.packURL(c.Page, v)
		l := PackLink{Variant: v, Href: c.Rel(u)}
		if c.r.pdf {
			l.PDF = c.Rel(strings.TrimSuffix(u, "/") + ".pdf")
		}
		out = append(out, l)
	}
	return out
}
