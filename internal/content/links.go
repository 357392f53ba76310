package content

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"vises/internal/diag"
)

// Target is what a link written in a page points at.
type Target struct {
	Page     *Page  // a page of the site, or nil
	Anchor   string // element ID in the page, or ""
	Static   string // a static file, as a site path such as "images/logo.svg"
	External string // an absolute URL left as written
	// Unread is the file of a page that exists but could not be read (its own error says
	// why): the link cannot be checked, and it is not reported as broken.
	Unread string
}

// Resolve interprets a link destination written in from: a path to another Markdown source
// (relative to from, in the same language), "#anchor" in the same page, a static file from the
// site root ("/images/x.svg"), or an external URL. It returns a message when the link is broken.
func (s *Site) Resolve(from *Page, dest string, static func(string) bool) (Target, string) {
	if dest == "" {
		return Target{}, "empty link"
	}
	if u, err := url.Parse(dest); err == nil && (u.Scheme != "" || strings.HasPrefix(dest, "//")) {
		return Target{External: dest}, ""
	}
	p, anchor, _ := strings.Cut(dest, "#")
	if p == "" {
		if !from.Anchors[anchor] {
			return Target{}, fmt.Sprintf("broken anchor %q: no heading or element with this ID in the page", "#"+anchor)
		}
		return Target{Page: from, Anchor: anchor}, ""
	}
	if strings.HasPrefix(p, "/") {
		name := strings.TrimPrefix(path.Clean(p), "/")
		if static == nil || !static(name) {
			if q := s.byAddress(name); q != nil && q.Lang != from.Lang {
				return Target{}, fmt.Sprintf("link %q is the address of a page in another language (%s): pages link to pages of their own language, and each page's language switch leads to its translation", dest, q.File)
			}
			if q := s.byAddress(name); q != nil {
				return Target{}, fmt.Sprintf("link %q is the page's address on the site: links to pages are written as paths to their .md source, here %s", dest, sourceLink(from, q, anchor))
			}
			if lang, _, _ := strings.Cut(name, "/"); slices.Contains(s.Langs, lang) {
				return Target{}, fmt.Sprintf("broken link %q: no page has this address, and links to pages are written as paths to their .md source (../methode/cadrer.md)", dest)
			}
			return Target{}, fmt.Sprintf("broken link %q: no such file in static/", dest)
		}
		return Target{Static: name}, ""
	}
	if !strings.HasSuffix(p, ".md") {
		if q := s.byAddress(path.Join(from.URL, p)); q != nil && from.URL != "" {
			return Target{}, fmt.Sprintf("link %q is written as an address: links to pages are written as paths to their .md source, here %s", dest, sourceLink(from, q, anchor))
		}
		if isImage(p) {
			return Target{}, fmt.Sprintf("link %q: images and documents are published from static/, not content/: move the file to static/images/%s and write /images/%s", dest, path.Base(p), path.Base(p))
		}
		return Target{}, fmt.Sprintf("link %q: write links to pages as paths to their .md source (../methode/cadrer.md) and links to static files from the site root (/images/x.svg)", dest)
	}
	joined := path.Join(from.Dir(), p)
	if strings.HasPrefix(joined, "../") || joined == ".." {
		return Target{}, fmt.Sprintf("broken link %q: points outside content/%s/", dest, from.Lang)
	}
	target := s.Page(from.Lang, joined)
	if target == nil {
		if f := s.FailedFile(from.Lang, joined); f != "" {
			return Target{Unread: f}, ""
		}
		for _, d := range s.Drafts {
			if d.Lang == from.Lang && d.Path == joined {
				return Target{}, fmt.Sprintf("link %q points at a draft", dest)
			}
		}
		return Target{}, fmt.Sprintf("broken link %q: no page content/%s/%s", dest, from.Lang, joined)
	}
	if anchor != "" && !target.Anchors[anchor] {
		return Target{}, fmt.Sprintf("broken anchor %q: content/%s/%s has no heading or element with this ID", dest, from.Lang, joined)
	}
	return Target{Page: target, Anchor: anchor}, ""
}

// EachLink calls f with the destination and the position of every link of the page: those of
// its text, then those of its front matter texts (by field name, each at its field's line).
func (p *Page) EachLink(f func(dest string, pos diag.Pos)) {
	for i, link := range p.Doc.Links {
		f(link.Dest, p.LinkPos(i))
	}
	keys := make([]string, 0, len(p.Fragments))
	for k := range p.Fragments {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fr := p.Fragments[k]
		for _, link := range fr.Doc.Links {
			f(link.Dest, diag.Pos{File: p.File, Line: fr.Line, Col: 1})
		}
	}
}

// byAddress returns the page published at the site path name ("fr/methode/cadrer", with or
// without the final slash or index.html), or nil.
func (s *Site) byAddress(name string) *Page {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/") + "/"
	for _, q := range s.Pages {
		if q.URL == name && !q.Implicit {
			return q
		}
	}
	return nil
}

// sourceLink returns how from links to q, a page of its language: the path of q's source
// relative to from's folder.
func sourceLink(from, q *Page, anchor string) string {
	rel := q.Path
	if d := from.Dir(); d != "" {
		rel = strings.Repeat("../", strings.Count(d, "/")+1) + q.Path
		if strings.HasPrefix(q.Path, d+"/") {
			rel = strings.TrimPrefix(q.Path, d+"/")
		}
	}
	if anchor != "" {
		rel += "#" + anchor
	}
	return rel
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".avif":
		return true
	}
	return false
}

// RelURL returns the relative URL from the page at site path from (such as "fr/a/b/") to the
// site path to. With offline set, a folder URL ends in index.html so that it opens from disk.
func RelURL(from, to string, offline bool) string {
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = path.Dir(fromDir) + "/"
	}
	if fromDir == "./" {
		fromDir = ""
	}
	// Skip the folders both paths start with.
	p := 0
	for {
		e := strings.IndexByte(fromDir[p:], '/')
		if e < 0 || !strings.HasPrefix(to[p:], fromDir[p:p+e+1]) {
			break
		}
		p += e + 1
	}
	up := strings.Count(fromDir[p:], "/")
	var b strings.Builder
	b.Grow(3*up + len(to) - p + len("index.html"))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(to[p:])
	rel := b.String()
	if offline && (rel == "" || strings.HasSuffix(rel, "/")) {
		rel += "index.html"
	}
	if rel == "" {
		rel = "./"
	}
	return rel
}
