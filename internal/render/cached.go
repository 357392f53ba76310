package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"vises/internal/content"
)

// Partials shown the same on many pages (the header, the footer) are executed once per key
// and reused, as Hugo's partialCached does: {{.Cached "partials/header.html"}} in a layout.
// The key holds what such a partial may show of the page besides addresses and texts: its
// language, which main navigation entry is current or active, which languages the page is
// missing in, and the shape of the lists it reads (see shape). Addresses, which differ from
// page to page (they are relative), and texts (the page's title, its headings, the titles of
// the pages around it) are left as holes when the partial is executed, and filled for each
// page by the same methods (Rel, Asset, RootURL, Canonical, TOC, Breadcrumbs, the language
// switch's entries, Prev and Next): the template is the only source of the partial's markup.
//
// A hole is filled only with a value the template's escaping leaves as it is wherever the
// hole was written: an address of letters, digits and / . _ ~ # - (or http(s)), or a text of
// the characters of textProbe, which the marker of a text hole carries: a text hole written
// where the escaping changes any of them (an address, a script, an unquoted attribute) is
// not found in the output, and the partial is then executed for every page. So is a page
// whose value holds another character (a quote, an ampersand). TestCachedPartialsMatchTemplates
// compares every page of the kit and of a generated site built both ways, and
// TestTextHolesMatchTemplates tests them against the escaping.
//
// Only partials the build names (EnableCache) are cached: those of the default theme, whose
// contract this is; a partner theme's own header is executed for every page.

// EnableCache lets Ctx.Cached reuse the output of the named partials.
func (r *Renderer) EnableCache(names ...string) {
	if r.cached == nil {
		r.cached = map[string]bool{}
	}
	for _, n := range names {
		r.cached[n] = true
	}
}

type cacheKey struct {
	set       *template.Template
	name, key string
}

// fragment is a partial executed once: its text, cut at the holes, and what fills each hole.
// uses says which lists the partial read, whose shape keys it further; a fragment with uses
// and no parts only says so, under the key without them. A partial that cannot be cut (a
// hole written where it cannot be found) is kept as none: executed for every page.
type fragment[T any] struct {
	parts []string
	fills []func(T) string
	kinds []byte // the kind of each hole (holeAddress, holeID, holeText, holeHTML)
	uses  uses
	none  bool
}

// uses are the lists a cached partial read while it was executed.
type uses uint8

const (
	usesTOC uses = 1 << iota
	usesCrumbs
	usesAlternates
)

// recorder collects the holes of a partial being executed for the cache, filled from a T:
// the page's Ctx, or the Link of a navigation entry.
type recorder[T any] struct {
	fills []func(T) string
	kinds []byte
	uses  uses
}

// The kinds of holes, and the values each may be filled with.
const (
	holeAddress = 'a' // plain: a relative or http(s) address
	holeID      = 'i' // plainID: an anchor, which may be written after the # of an address
	holeText    = 't' // plainText
	holeHTML    = 'h' // template.HTML, which the marker shows written as it is
)

// htmlProbe follows the marker of an HTML hole: an element, which html/template writes as it
// is only where HTML is written as it is.
const htmlProbe = "<i>"

// holeMark is written for a hole: letters and digits only, which no escaping changes. An
// address hole is holeMark, its number and "z"; a text hole is holeMark, its number, "t",
// textProbe and "z".
const holeMark = "zzViSeSHoLe"

// textProbe holds every character a text hole may be filled with besides ASCII letters and
// digits: the punctuation of titles, French spaces, the Latin letters of French and Dutch, and
// a few signs (° § € × ÷, superscript and subscript digits).
// The escaping of html/template works character by character: where a text hole is found
// with textProbe whole, each of these characters is written as it is.
var textProbe = func() string {
	var b strings.Builder
	b.WriteString(" .,;:!?()[]{}-_/#*%$@=~^|\u00a0\u202f\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2013\u2014\u2026\u00b7\u00b0\u00a7\u20ac")
	b.WriteString("\u00b9\u00b2\u00b3")
	for r := rune(0x2080); r <= 0x2089; r++ { // subscript digits: CO₂
		b.WriteRune(r)
	}
	for r := rune(0xc0); r <= 0x17f; r++ { // Latin letters (and × ÷)
		b.WriteRune(r)
	}
	return b.String()
}()

// hole returns the marker of a new address hole filled by fill.
func (rec *recorder[T]) hole(fill func(T) string) string {
	return rec.add(holeAddress, fill)
}

// textHole returns the marker of a new text hole filled by fill, or v itself when it is empty
// (whether a text is empty is part of the key: a template may test it).
func (rec *recorder[T]) textHole(v string, fill func(T) string) string {
	if v == "" {
		return ""
	}
	return rec.add(holeText, fill)
}

// idHole is textHole for an anchor.
func (rec *recorder[T]) idHole(v string, fill func(T) string) string {
	if v == "" {
		return ""
	}
	return rec.add(holeID, fill)
}

// htmlHole is textHole for HTML written as it is (template.HTML).
func (rec *recorder[T]) htmlHole(v template.HTML, fill func(T) string) template.HTML {
	if v == "" {
		return ""
	}
	return template.HTML(rec.add(holeHTML, fill))
}

func (rec *recorder[T]) add(kind byte, fill func(T) string) string {
	rec.fills = append(rec.fills, fill)
	rec.kinds = append(rec.kinds, kind)
	m := holeMark + strconv.Itoa(len(rec.fills)-1)
	switch kind {
	case holeText:
		return m + "t" + textProbe + "z"
	case holeHTML:
		return m + "h" + htmlProbe + "z"
	}
	return m + "z"
}

// appendTo appends to dst the fragment filled with the values of v, or reports false (and
// returns dst as it was) when a value does not fit its hole.
func (f *fragment[T]) appendTo(dst []byte, v T) ([]byte, bool) {
	n := len(dst)
	dst = append(dst, f.parts[0]...)
	for i, fill := range f.fills {
		s := fill(v)
		if !fits(f.kinds[i], s) {
			return dst[:n], false
		}
		dst = append(dst, s...)
		dst = append(dst, f.parts[i+1]...)
	}
	return dst, true
}

// Cached executes the partial name with the page as its dot, as {{template name .}} does,
// reusing its output for pages with the same key (see above).
func (c *Ctx) Cached(name string) (template.HTML, error) {
	if !c.r.cached[name] || c.set == nil || c.rec != nil || c.parts != nil || c.resolve != nil {
		return c.Partial(name)
	}
	if c.key == "" {
		c.key = c.cacheKey()
	}
	k := cacheKey{set: c.set, name: name, key: c.key}
	c.r.cacheMu.RLock()
	f, ok := c.r.fragments[k]
	if ok && f.uses != 0 {
		k.key += c.shape(f.uses)
		f, ok = c.r.fragments[k]
	}
	c.r.cacheMu.RUnlock()
	if !ok {
		rc := *c
		rc.rec = &recorder[*Ctx]{}
		rc.Title = rc.rec.textHole(c.Title, func(p *Ctx) string { return p.Title })
		rc.Prev, rc.Next = rc.holeLink(c.Prev, func(p *Ctx) *Link { return p.Prev }), rc.holeLink(c.Next, func(p *Ctx) *Link { return p.Next })
		var b bytes.Buffer
		if err := c.set.ExecuteTemplate(&b, name, &rc); err != nil {
			return "", err
		}
		f = cut(b.String(), rc.rec)
		if f == nil {
			f = &fragment[*Ctx]{none: true}
		}
		k = cacheKey{set: c.set, name: name, key: c.key}
		c.r.cacheMu.Lock()
		if c.r.fragments == nil {
			c.r.fragments = map[cacheKey]*fragment[*Ctx]{}
		}
		if f.uses != 0 {
			c.r.fragments[k] = &fragment[*Ctx]{uses: f.uses}
			k.key += c.shape(f.uses)
		}
		c.r.fragments[k] = f
		c.r.cacheMu.Unlock()
	}
	if f.none {
		return c.Partial(name)
	}
	size := 0
	for _, p := range f.parts {
		size += len(p)
	}
	out, ok := f.appendTo(make([]byte, 0, size+64*len(f.fills)), c)
	if !ok {
		return c.Partial(name)
	}
	return template.HTML(out), nil
}

// cut cuts the output of a partial at its holes, in the order they appear (a hole may
// appear twice, or not at all). It returns nil when a marker is malformed or changed: found
// without its number, its "z", or the whole of its probe, or in other letters, or cut short to
// its first four letters or more, or refused by the escaping.
func cut[T any](s string, rec *recorder[T]) *fragment[T] {
	f := &fragment[T]{uses: rec.uses}
	for {
		i := strings.Index(s, holeMark)
		if i < 0 {
			break
		}
		j := i + len(holeMark)
		k := j
		for k < len(s) && '0' <= s[k] && s[k] <= '9' {
			k++
		}
		n, err := strconv.Atoi(s[j:k])
		if err != nil || n >= len(rec.fills) || k >= len(s) {
			return nil
		}
		kind := rec.kinds[n]
		switch {
		case s[k] == 'z' && (kind == holeAddress || kind == holeID):
		case s[k] == holeText && kind == holeText && strings.HasPrefix(s[k+1:], textProbe+"z"):
			k += len(textProbe) + 1
		case s[k] == holeHTML && kind == holeHTML && strings.HasPrefix(s[k+1:], htmlProbe+"z"):
			k += len(htmlProbe) + 1
		default:
			return nil
		}
		f.parts = append(f.parts, s[:i])
		f.fills = append(f.fills, rec.fills[n])
		f.kinds = append(f.kinds, rec.kinds[n])
		s = s[k+1:]
	}
	f.parts = append(f.parts, s)
	for _, p := range f.parts {
		// A marker changed by a function of the template (its case, or cut short), or
		// refused by the template's escaping (ZgotmplZ, where a page's value may be written).
		if strings.Contains(strings.ToLower(p), strings.ToLower(holeMark[:4])) || strings.Contains(p, "ZgotmplZ") {
			return nil
		}
	}
	return f
}

// fits reports whether v may fill a hole of the kind.
func fits(kind byte, v string) bool {
	switch kind {
	case holeText:
		return plainText(v)
	case holeID:
		return plainID(v)
	case holeHTML:
		return true
	}
	return plain(v)
}

// plainID reports whether the anchor s is not empty and holds nothing but ASCII letters and
// digits, - and _, which no escaping changes, even after the # of an address.
func plainID(s string) bool {
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9', ch == '-', ch == '_':
		default:
			return false
		}
	}
	return s != ""
}

// plainText reports whether the text s is not empty and holds nothing but ASCII letters and
// digits and the characters of textProbe.
func plainText(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if int(r) < len(probeLatin) {
			if !probeLatin[r] {
				return false
			}
		} else if !probeOther[r] {
			return false
		}
	}
	return true
}

// probeLatin tells, for each character below U+0180, whether plainText lets it through:
// ASCII letters and digits, and the characters of textProbe; probeOther holds those of
// textProbe above.
var probeLatin, probeOther = func() (latin [0x180]bool, other map[rune]bool) {
	other = map[rune]bool{}
	for c := '0'; c <= 'z'; c++ {
		latin[c] = '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	for _, r := range textProbe {
		if int(r) < len(latin) {
			latin[r] = true
		} else {
			other[r] = true
		}
	}
	return latin, other
}()

// holeLink returns a copy of the link that get reads on a page, with its texts and address
// left as holes, or nil when it is nil (whether it is, and its fields other than texts and
// address, are part of the key: see shape).
func (c *Ctx) holeLink(l *Link, get func(*Ctx) *Link) *Link {
	if l == nil {
		return nil
	}
	h := linkHoles(c.rec, *l, func(p *Ctx) Link { return *get(p) })
	return &h
}

// linkHoles returns l with its title, summary, address and list left as holes of rec (those
// that are not empty: whether they are is part of the key), and those of its children, filled
// from the link get reads in each value.
func linkHoles[T any](rec *recorder[T], l Link, get func(T) Link) Link {
	l.Title = rec.textHole(l.Title, func(v T) string { return get(v).Title })
	l.Summary = rec.textHole(l.Summary, func(v T) string { return get(v).Summary })
	if l.Href != "" {
		l.Href = rec.hole(func(v T) string { return get(v).Href })
	}
	l.List = rec.htmlHole(l.List, func(v T) string { return string(get(v).List) })
	l.Children = slices.Clone(l.Children)
	for j := range l.Children {
		l.Children[j] = linkHoles(rec, l.Children[j], func(v T) Link { return get(v).Children[j] })
	}
	return l
}

// recorded returns, while a cached partial is executed, a copy of the list get reads of the
// page with each entry's holes made by hole (given how to read the entry on another page),
// and notes that the partial read it (u); otherwise it reports false.
func recorded[E any](c *Ctx, u uses, get func(*Ctx) []E, hole func(e E, get func(*Ctx) E) E) ([]E, bool) {
	if c.rec == nil {
		return nil, false
	}
	c.rec.uses |= u
	real := *c
	real.rec = nil
	out := slices.Clone(get(&real)) // the page's own list is not to be changed
	for i := range out {
		out[i] = hole(out[i], func(p *Ctx) E { return get(p)[i] })
	}
	return out, true
}

// once is a value of a page worked out the first time it is asked for.
type once[T any] struct {
	v   T
	set bool
}

func (o *once[T]) get(f func() T) T {
	if !o.set {
		o.v, o.set = f(), true
	}
	return o.v
}

// shape is the part of a page's key that the lists a cached partial read decide: for each
// list, its length and, for each entry, every field that is not a hole, and whether each text
// is empty. The previous and next pages are fields, which no method sees being read: they are
// always part of the key (cacheKey).
func (c *Ctx) shape(u uses) string {
	var b strings.Builder
	if u&usesTOC != 0 {
		b.WriteString(" toc:")
		writeHeadings(&b, c.TOC())
	}
	if u&usesAlternates != 0 {
		b.WriteString(" alternates:")
		for _, a := range c.Alternates() {
			b.WriteString(a.Lang)
			b.WriteByte(flag(a.Href != ""))
		}
	}
	if u&usesCrumbs != 0 {
		b.WriteString(" crumbs:")
		for _, l := range c.Breadcrumbs() {
			b.Write(appendLink(nil, &l))
		}
	}
	return b.String()
}

func writeHeadings(b *strings.Builder, hs []Heading) {
	for _, h := range hs {
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteByte(flag(h.ID != ""))
		b.WriteByte(flag(h.Text != ""))
		b.WriteByte('(')
		writeHeadings(b, h.Children)
		b.WriteByte(')')
	}
}

// appendLink appends to dst what a link shows besides its texts, address and list: every
// other field, whether each of those is empty, and the same of its children (or "-" for no
// link). It is the key of a link wherever one is a cached partial's dot or read by one;
// TestLinkShapeHasEveryField checks that it covers every field of Link.
func appendLink(dst []byte, l *Link) []byte {
	if l == nil {
		return append(dst, '-')
	}
	dst = append(dst, '[', flags(*l), flag(l.More), flag(l.Title != ""), flag(l.Summary != ""),
		flag(l.Href != ""), flag(l.List != ""))
	dst = append(dst, l.Kind...)
	dst = append(dst, ' ')
	dst = append(dst, l.Lang...)
	dst = append(dst, ' ')
	dst = append(dst, l.TitleLang...)
	for i := range l.Children {
		dst = appendLink(dst, &l.Children[i])
	}
	return append(dst, ']')
}

func flag(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// cacheKey is what a cached partial may show of the page besides addresses and texts,
// except the lists whose shape only the partials that read them are keyed by (shape).
func (c *Ctx) cacheKey() string {
	var b strings.Builder
	b.WriteString(c.Lang)
	b.WriteByte(' ')
	b.WriteString(c.Kind)
	if c.absolute {
		b.WriteString(" abs")
	}
	b.WriteString(" title:")
	b.WriteByte(flag(c.Title != ""))
	b.WriteString(" prev:")
	b.Write(appendLink(nil, c.Prev))
	b.WriteString(" next:")
	b.Write(appendLink(nil, c.Next))
	b.WriteString(" nav:")
	// The flags of MainNav's entries, without working out their addresses.
	if home := c.r.site.Home[c.Lang]; home != nil {
		for _, p := range home.Children {
			if p.Kind == content.KindSection {
				b.WriteByte(flags(Link{Current: p == c.Page, Active: c.inside(p)}))
			}
		}
	}
	b.WriteString(" switch:")
	for _, l := range c.Switch() {
		b.WriteByte(flags(l))
	}
	return b.String()
}

func flags(l Link) byte {
	f := byte('a')
	if l.Current {
		f++
	}
	if l.Active {
		f += 2
	}
	if l.Missing {
		f += 4
	}
	return f
}

// plain reports whether s reads the same once escaped for any place of a page it can be
// written to (text, attribute, URL attribute): a relative address, or an http(s) one.
func plain(s string) bool {
	abs := false
	if rest, ok := strings.CutPrefix(s, "https://"); ok {
		s, abs = rest, true
	} else if rest, ok := strings.CutPrefix(s, "http://"); ok {
		s, abs = rest, true
	}
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9':
		case ch == '/', ch == '.', ch == '_', ch == '~', ch == '#', ch == '-':
		case ch == ':' && abs: // a port
		default:
			return false
		}
	}
	return true
}

// A navigation entry (partials/navitem.html, which navlist.html executes for each entry)
// shows nothing but the Link it is given: its output depends on the entry's fields alone.
// The section navigation lists up to 40 entries on every page; SectionNav writes each with
// Ctx.entry: navitem.html executed once per layout and shape of the entry (appendLink: current,
// active, kind, languages, which texts are empty, and the same of its children), its texts, address
// and list of children left as holes and filled for each entry, so that navlist.html writes a
// plain field (.List) instead of executing the partial (or calling a method) per entry.

// entry appends to dst partials/navitem.html executed with l as its dot, as
// {{template "partials/navitem.html" .}} does, reusing its output for entries of the same
// key (see above).
func (c *Ctx) entry(dst []byte, l Link) ([]byte, error) {
	const name = "partials/navitem.html"
	if c.set == nil {
		return dst, fmt.Errorf("partial %s: no template set", name)
	}
	if !c.r.cached[name] {
		h, err := c.partial(name, l)
		return append(dst, h...), err
	}
	// The entry's key (appendLink), looked up without making it a string.
	var buf [64]byte
	k := appendLink(buf[:0], &l)
	c.r.cacheMu.RLock()
	f, ok := c.r.entries[c.set][string(k)]
	c.r.cacheMu.RUnlock()
	if !ok {
		rec := &recorder[*Link]{}
		hole := linkHoles(rec, l, func(v *Link) Link { return *v })
		var out bytes.Buffer
		if err := c.set.ExecuteTemplate(&out, name, hole); err != nil {
			return dst, err
		}
		if f = cut(out.String(), rec); f == nil {
			f = &fragment[*Link]{none: true}
		}
		c.r.cacheMu.Lock()
		if c.r.entries == nil {
			c.r.entries = map[*template.Template]map[string]*fragment[*Link]{}
		}
		if c.r.entries[c.set] == nil {
			c.r.entries[c.set] = map[string]*fragment[*Link]{}
		}
		c.r.entries[c.set][string(k)] = f
		c.r.cacheMu.Unlock()
	}
	if !f.none {
		if out, ok := f.appendTo(dst, &l); ok {
			return out, nil
		}
	}
	h, err := c.partial(name, l)
	return append(dst, h...), err
}
