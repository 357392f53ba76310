package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"vises/internal/content"
)

// Partials shown the same on many pages (the header, the footer) are executed once per key
// and reused, as Hugo's partialCached does: {{.Cached "partials/header.html"}} in a layout.
// The key holds what such a partial may show of the page besides addresses: its language,
// which main navigation entry is current or active, and which languages the page is missing
// in. Addresses, which differ from page to page (they are relative), are left as holes when
// the partial is executed, and filled for each page by the same methods (Rel, Asset,
// RootURL, Canonical, the language switch's entries): the template is the only source of the
// partial's markup. A hole whose value the template's escaping could change (a character
// other than letters, digits and / . _ ~ # -, or a scheme other than http(s)) is not filled:
// the page's partial is then executed as it is. TestCachedPartialsMatchTemplates compares
// every page of the kit and of a generated site built both ways.
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
type fragment struct {
	parts []string
	fills []func(*Ctx) string
}

// recorder collects the holes of a partial being executed for the cache.
type recorder struct {
	fills []func(*Ctx) string
}

// holeMark is written for a hole: letters and digits only, which no escaping changes.
const holeMark = "zzViSeSHoLe"

// hole returns the marker of a new hole filled by fill.
func (rec *recorder) hole(fill func(*Ctx) string) string {
	rec.fills = append(rec.fills, fill)
	return holeMark + strconv.Itoa(len(rec.fills)-1) + "z"
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
	c.r.cacheMu.RUnlock()
	if !ok {
		rc := *c
		rc.rec = &recorder{}
		var b bytes.Buffer
		if err := c.set.ExecuteTemplate(&b, name, &rc); err != nil {
			return "", err
		}
		f = cut(b.String(), rc.rec.fills)
		if f == nil {
			return c.Partial(name) // a hole was written in a way it cannot be found
		}
		c.r.cacheMu.Lock()
		if c.r.fragments == nil {
			c.r.fragments = map[cacheKey]*fragment{}
		}
		c.r.fragments[k] = f
		c.r.cacheMu.Unlock()
	}
	n := 0
	for _, p := range f.parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n + 64*len(f.fills))
	b.WriteString(f.parts[0])
	for i, fill := range f.fills {
		v := fill(c)
		if !plain(v) {
			return c.Partial(name)
		}
		b.WriteString(v)
		b.WriteString(f.parts[i+1])
	}
	return template.HTML(b.String()), nil
}

// cut cuts the output of a partial at its holes, in the order they appear (a hole may
// appear twice, or not at all). It returns nil when a marker is malformed.
func cut(s string, fills []func(*Ctx) string) *fragment {
	f := &fragment{}
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
		if err != nil || n >= len(fills) || k >= len(s) || s[k] != 'z' {
			return nil
		}
		f.parts = append(f.parts, s[:i])
		f.fills = append(f.fills, fills[n])
		s = s[k+1:]
	}
	f.parts = append(f.parts, s)
	return f
}

// cacheKey is what a cached partial may show of the page besides addresses.
func (c *Ctx) cacheKey() string {
	var b strings.Builder
	b.WriteString(c.Lang)
	if c.absolute {
		b.WriteString(" abs")
	}
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
// The section navigation lists up to 40 entries on every page; SectionNav gives each its
// Entry, the partial executed once per layout and state (texts, current or active...) with
// the address left as a hole and the address of each page filled in, so that navlist.html
// writes a plain field instead of executing the partial (or calling a method) per entry.

// entryKey is what a navigation entry may show besides its address: the page it links to,
// whose texts are the entry's (Ctx.link), or else the texts themselves.
type entryKey struct {
	set                                   *template.Template
	page                                  *content.Page
	title, summary, kind, lang, titleLang string
	current, active, missing, more        bool
}

// entry executes partials/navitem.html with l as its dot, as
// {{template "partials/navitem.html" .}} does, reusing its output for entries that differ
// only by their address (see above). from is the page l was made from by Ctx.link, or nil.
func (c *Ctx) entry(l Link, from *content.Page) (template.HTML, error) {
	const name = "partials/navitem.html"
	if c.set == nil {
		return "", fmt.Errorf("partial %s: no template set", name)
	}
	// The current page's entry is on no other page: it is executed, not kept.
	if !c.r.cached[name] || len(l.Children) > 0 || l.Current || !plain(l.Href) {
		return c.partial(name, l)
	}
	k := entryKey{set: c.set, page: from, current: l.Current, active: l.Active, missing: l.Missing, more: l.More}
	if from == nil {
		k.title, k.summary, k.kind, k.lang, k.titleLang = l.Title, l.Summary, l.Kind, l.Lang, l.TitleLang
	}
	c.r.cacheMu.RLock()
	parts, ok := c.r.entries[k]
	c.r.cacheMu.RUnlock()
	if !ok {
		hole := l
		hole.Href = holeMark + "0z"
		var b bytes.Buffer
		if err := c.set.ExecuteTemplate(&b, name, hole); err != nil {
			return "", err
		}
		parts = strings.Split(b.String(), hole.Href)
		c.r.cacheMu.Lock()
		if c.r.entries == nil {
			c.r.entries = map[entryKey][]string{}
		}
		c.r.entries[k] = parts
		c.r.cacheMu.Unlock()
	}
	if len(parts) == 2 {
		return template.HTML(parts[0] + l.Href + parts[1]), nil
	}
	return template.HTML(strings.Join(parts, l.Href)), nil
}
