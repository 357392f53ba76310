// Package content reads the kit's Markdown sources from content/LANG/, decodes their front
// matter, and assembles them into a Site: sections, URLs, order, and pairs of translations.
package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"vises/internal/diag"
	"vises/internal/markdown"
	"vises/internal/parallel"
	"vises/internal/search"
	"vises/internal/yamldecode"
)

// Kind is the kind of a page.
type Kind string

const (
	KindHome    Kind = "home"    // content/LANG/_index.md
	KindSection Kind = "section" // a folder's _index.md
	KindPage    Kind = "page"    // any other Markdown file
)

// Page is one Markdown source of one language.
type Page struct {
	Lang    string
	Path    string // below content/LANG/, such as "methode/cadrer.md"
	File    string // relative to the site root, such as "content/fr/methode/cadrer.md"
	Kind    Kind
	Section string // top-level section folder, such as "methode"; "" for the home page
	Key     string // pairs translations: translationKey, else Path
	FM      FrontMatter
	Doc     *markdown.Doc
	URL     string // site path of the page, such as "fr/methode/cadrer/"

	Parent       *Page            // the section (or home) that lists this page
	Children     []*Page          // for sections: pages and sub-sections, in order
	Index        int              // position in Parent.Children
	prev, next   *Page            // the plain pages before and after it in its section
	Translations map[string]*Page // the same page in other languages
	Fragments    map[string]*Fragment
	Anchors      map[string]bool // element IDs a link may point at
	Implicit     bool            // a section made up for a folder without _index.md
	Duplicate    bool            // its URL is already taken by another page; not rendered
	Fallback     *Page           // on a page made for a language it is missing in: the page whose text it shows (fallback.go)

	fmSrc   []byte     // the front matter YAML, for positions of fields
	fmOnce  sync.Once  // parses fmSrc into fm, when a position is asked for
	fm      *yaml.Node // fmSrc parsed
	fmLine  int        // line of the file where the front matter YAML starts
	linkPos []diag.Pos // position of each link of Doc.Links
	tabPos  []diag.Pos // position of each table of Doc.Tables

	Search []search.Part // the searchable text of the page, section by section (whole on a big site)

	// SearchChunk is the page's encoded search documents, made for the address SearchKey;
	// kept between serve's builds while the page and its address do not change.
	SearchChunk []byte
	SearchKey   string

	// Sig is what other pages depend on of this page (see the build's signatures), made for
	// SigKey; kept while the page does not change.
	Sig, SigKey string
}

// Fragment is a Markdown text from the front matter, such as a glossary definition.
type Fragment struct {
	Doc  *markdown.Doc
	Line int // line of the field in the file
}

// Title returns the page's title.
func (p *Page) Title() string { return p.FM.Title }

// Dir returns the folder of the page below content/LANG/ ("" at the top).
func (p *Page) Dir() string {
	d := path.Dir(p.Path)
	if d == "." {
		return ""
	}
	return d
}

// FieldPos returns the position of a front matter field, such as ("indicator", "theme").
func (p *Page) FieldPos(field ...string) diag.Pos {
	p.fmOnce.Do(func() {
		var node yaml.Node
		if err := yaml.Unmarshal(p.fmSrc, &node); err == nil {
			p.fm = &node
		}
	})
	line := nodeLine(p.fm, field...)
	if line == 0 {
		return diag.Pos{File: p.File, Line: 1, Col: 1}
	}
	return diag.Pos{File: p.File, Line: line + p.fmLine - 1, Col: 1}
}

// offsetPos returns the position of a byte offset of the page's Markdown body in its source.
func (p *Page) offsetPos(src []byte, off int) diag.Pos {
	l, c := diag.Offset(src, p.Doc.Offset+off)
	return diag.Pos{File: p.File, Line: l, Col: c}
}

// LinkPos returns the position in the source of the page's link i (of Doc.Links).
func (p *Page) LinkPos(i int) diag.Pos { return p.linkPos[i] }

// TablePos returns the position of the i-th table of the page's Markdown (Doc.Tables).
func (p *Page) TablePos(i int) diag.Pos {
	if i < 0 || i >= len(p.tabPos) {
		return diag.Pos{File: p.File}
	}
	return p.tabPos[i]
}

// Site is every page of every language, assembled.
type Site struct {
	Langs  []string
	Pages  []*Page          // published pages, by language (in Langs order) then path
	Drafts []*Page          // pages with draft: true, not published
	Home   map[string]*Page // the home page of each language
	byPath map[string]*Page // "LANG/PATH" -> page
	// Failed holds the sources that exist but could not be read or decoded, as "LANG/PATH" ->
	// file: links to them are not broken, the page's own error says what is wrong.
	Failed map[string]string

	Parsed  []string // files parsed by this Load: new or changed since the cache saw them
	Removed []string // files the cache had and that are gone

	Sums map[string][sha256.Size]byte // with LoadOptions.Sums: file -> SHA-256 of its bytes
}

// FailedFile returns the file of the source of lang at path that could not be read, or "".
func (s *Site) FailedFile(lang, p string) string { return s.Failed[lang+"/"+p] }

// Page returns the page of lang at path (below content/LANG/), or nil.
func (s *Site) Page(lang, p string) *Page { return s.byPath[lang+"/"+p] }

// Lang returns the published pages of one language, in path order.
func (s *Site) Lang(lang string) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}

// Markdowns gives the Markdown of each language.
type Markdowns map[string]*markdown.Markdown

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Cache keeps the pages parsed by one build for the next: a file whose bytes have not changed
// is not parsed again. Serve uses one; a plain build does not need it.
type Cache struct {
	key   string // the Markdown options the pages were parsed with
	files map[string]*cached
}

type cached struct {
	src   []byte
	page  *Page
	diags []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cached{}} }

// reset clears what assembling a site wrote in a page, before it is assembled again.
func (p *Page) reset() {
	p.Parent, p.Children, p.Translations, p.URL, p.Duplicate = nil, nil, nil, "", false
	p.Index, p.prev, p.next = 0, nil, nil
}

// LoadOptions tune how content is loaded.
type LoadOptions struct {
	Cache   *Cache // pages parsed by an earlier Load, reused when their bytes did not change
	Key     string // the Markdown options; a different key empties the cache
	Workers int    // goroutines parsing pages; 0 means one per CPU
	// Unchanged, when set, says which files are known not to have changed since the cache saw
	// them (serve knows from the file watcher): those are not even read.
	Unchanged func(name string) bool
	// Sums asks for the SHA-256 of every source file read, in Site.Sums (files not read
	// because Unchanged said so are left out).
	Sums bool
}

// Source is a Markdown file of the content.
type Source struct {
	Lang string
	Rel  string // below content/LANG/
	Name string // relative to the site root
}

// Sources lists content/LANG/**.md of each language, in the order Load reads them, leaving
// out hidden files and folders. Problems (a missing language folder) are added to l.
func Sources(fsys fs.FS, langs []string, l *diag.List) []Source {
	var out []Source
	for _, lang := range langs {
		root := "content/" + lang
		if _, err := fs.Stat(fsys, root); err != nil {
			l.Errorf(diag.Pos{File: root}, "missing content folder for language %q", lang)
			continue
		}
		_ = fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				l.Errorf(diag.Pos{File: name}, "%v", err)
				return nil
			}
			base := d.Name()
			if strings.HasPrefix(base, ".") && name != root {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if fi, err := fs.Stat(fsys, name); err == nil && fi.IsDir() {
					l.Readf(diag.Pos{File: name}, "a link to a folder, which vises does not follow inside content/ (links can make loops); copy or move the folder here instead")
					return nil
				}
			}
			if msg := notAPage(base); msg != "" {
				if strings.HasPrefix(msg, "warning: ") {
					l.Warnf(diag.Pos{File: name}, "%s", strings.TrimPrefix(msg, "warning: "))
				} else {
					l.Readf(diag.Pos{File: name}, "%s", msg)
				}
				return nil
			}
			out = append(out, Source{Lang: lang, Rel: strings.TrimPrefix(name, root+"/"), Name: name})
			return nil
		})
	}
	return out
}

// notAPage says why a file of content/ named base is not read as a page (a message starting
// with "warning: " for files that are only left out), or "" for a page.
func notAPage(base string) string {
	ext := strings.ToLower(path.Ext(base))
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch {
	case base == "index.md":
		return "index.md makes a Hugo page bundle; in vises a page is one file: rename this folder's index.md to FOLDER.md beside the folder (its address stays FOLDER/), or to _index.md if the folder is a section, and move its images to static/images/"
	case ext == ".md":
		return ""
	case ext == ".markdown" || ext == ".mdown" || ext == ".mkd":
		return "not read: vises reads pages from .md files; rename it to " + stem + ".md"
	case ext == ".html" || ext == ".htm":
		return "not read: vises builds pages from Markdown, not HTML; write it as " + stem + ".md (raw HTML is shown only with allowRawHTML: true in site.yaml)"
	}
	return "warning: not published: only .md pages are read from content/; put images and documents in static/ (such as static/images/" + base + ") and link them from the site root (/images/" + base + ")"
}

// Load reads content/LANG/**.md of each language from fsys (the site root) and assembles the
// site. Problems are added to l; the Site is usable for reporting even when there are errors.
func Load(fsys fs.FS, langs []string, mds Markdowns, l *diag.List, o LoadOptions) *Site {
	s := &Site{Langs: langs, Home: map[string]*Page{}, byPath: map[string]*Page{}}
	cache := o.Cache
	type job struct {
		lang, rel, name string
		src             []byte
		page            *Page
		diags           diag.List
		fromCache       bool
		sum             [sha256.Size]byte
	}
	var jobs []*job
	seen := map[string]bool{}
	for _, src := range Sources(fsys, langs, l) {
		seen[src.Name] = true
		jobs = append(jobs, &job{lang: src.Lang, rel: src.Rel, name: src.Name})
	}
	// A language with many pages has them indexed whole for search: the parts a page keeps
	// depend on it, so the cache is for one such choice.
	count := map[string]int{}
	for _, j := range jobs {
		count[j.lang]++
	}
	whole := map[string]bool{}
	key := o.Key
	for _, lang := range langs {
		whole[lang] = count[lang] > search.BigSite
		key += fmt.Sprintf(" %s:%v", lang, whole[lang])
	}
	if cache != nil && cache.key != key {
		cache.key, cache.files = key, map[string]*cached{}
	}
	// Read and parse in parallel; the results keep the order of the walk.
	parallel.For(len(jobs), o.Workers, func(i int) {
		j := jobs[i]
		if cache != nil && o.Unchanged != nil && o.Unchanged(j.name) {
			if c := cache.files[j.name]; c != nil {
				j.src, j.page, j.fromCache = c.src, c.page, true
				j.diags.Add(c.diags...)
				return
			}
		}
		src, err := fs.ReadFile(fsys, j.name)
		if err != nil {
			j.diags.Readf(diag.Pos{File: j.name}, "cannot be read: %v", unwrapPath(err))
			return
		}
		j.src = src
		if o.Sums {
			j.sum = sha256.Sum256(src)
		}
		if cache != nil {
			if c := cache.lookup(j.name, src); c != nil {
				j.page, j.fromCache = c.page, true
				j.diags.Add(c.diags...)
				return
			}
		}
		j.page = parse(j.lang, j.rel, j.name, src, mds[j.lang], whole[j.lang], &j.diags)
	})

	var all []*Page
	if o.Sums {
		s.Sums = map[string][sha256.Size]byte{}
	}
	for _, j := range jobs {
		l.Merge(&j.diags)
		if o.Sums && j.src != nil {
			s.Sums[j.name] = j.sum
		}
		if cache != nil && !j.fromCache && j.src != nil {
			cache.files[j.name] = &cached{src: j.src, page: j.page, diags: j.diags.Items()}
		}
		if !j.fromCache && j.src != nil {
			s.Parsed = append(s.Parsed, j.name)
		}
		if j.page != nil {
			if j.fromCache {
				j.page.reset()
			}
			all = append(all, j.page)
		} else {
			if s.Failed == nil {
				s.Failed = map[string]string{}
			}
			s.Failed[j.lang+"/"+j.rel] = j.name
		}
	}
	if cache != nil {
		for name := range cache.files {
			if !seen[name] {
				delete(cache.files, name)
				s.Removed = append(s.Removed, name)
			}
		}
		sort.Strings(s.Removed)
	}
	for _, p := range all {
		if p.FM.Draft {
			s.Drafts = append(s.Drafts, p)
			continue
		}
		s.Pages = append(s.Pages, p)
		s.byPath[p.Lang+"/"+p.Path] = p
	}
	s.assemble(l)
	return s
}

// lookup returns the cached parse of name if its bytes are src. It only reads the cache, so
// that parsing goroutines may call it together.
func (c *Cache) lookup(name string, src []byte) *cached {
	if e := c.files[name]; e != nil && bytes.Equal(e.src, src) {
		return e
	}
	return nil
}

// parse reads one source file into a Page. It returns nil when the file cannot be used at all.
func parse(lang, rel, file string, src []byte, md *markdown.Markdown, whole bool, l *diag.List) *Page {
	p := &Page{Lang: lang, Path: rel, File: file, Kind: KindPage, fmLine: 2}
	switch {
	case rel == "_index.md":
		p.Kind = KindHome
	case path.Base(rel) == "_index.md":
		p.Kind = KindSection
	}
	if i := strings.IndexByte(rel, '/'); i > 0 {
		p.Section = rel[:i]
	}
	if ok, line, col, msg := validUTF8(src); !ok {
		l.Readf(diag.Pos{File: file, Line: line, Col: col}, "%s", msg)
		return nil
	}
	fm, body := splitFrontMatter(src)
	if fm == nil {
		if bytes.HasPrefix(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("+++")) {
			l.Readf(diag.Pos{File: file, Line: 1, Col: 1}, "front matter in TOML (between +++ lines) is not read: vises reads YAML between --- lines; write title = \"…\" as title: …")
		} else {
			l.Readf(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: missing (a page starts with a line ---, then title: and its title, then a line ---)")
		}
		return nil
	}
	if body == len(src) && len(fm) > 0 && bytes.HasSuffix(src, fm) {
		// The YAML runs to the end of the file: no line --- closes it.
		l.Readf(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: the --- of line 1 is never closed; end the front matter with a line holding only ---")
		return nil
	}
	problems, wellFormed := yamldecode.DecodeProblems(file, p.fmLine, fm, &p.FM)
	ds := make([]diag.Diagnostic, len(problems))
	for i, pr := range problems {
		ds[i] = pr.Diagnostic
		if advice := hugoKeys[pr.UnknownKey]; pr.UnknownKey != "" && advice != "" {
			ds[i].Severity = diag.Warning
			ds[i].Msg = strconv.Quote(pr.UnknownKey) + " is a Hugo key that vises does not use, left out: " + advice
		}
		ds[i].Msg = "front matter: " + ds[i].Msg
	}
	if !wellFormed {
		l.Add(ds...)
		return nil
	}
	p.fmSrc = bytes.Clone(fm) // not the whole source: a big site fits in memory
	// The tables keep their cells on a page with an agenda only: packs read it from them.
	cells := p.FM.Agenda != ""
	for _, m := range p.FM.Modules {
		cells = cells || m.Agenda != ""
	}
	p.Doc = md.ParseWith(src[body:], markdown.ParseOptions{Lead: whole, Cells: cells})
	p.Doc.Offset = body
	l.Add(ds...) // unknown keys and wrong types fail the build, but the page still exists for links
	if strings.TrimSpace(p.FM.Title) == "" && (len(ds) == 0 || p.FieldPos("title").Line == 1) {
		l.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "front matter: title is required")
	}
	if p.FM.Slug != "" && !slugRE.MatchString(p.FM.Slug) {
		l.Errorf(p.FieldPos("slug"), "front matter: slug %q must be lowercase letters, digits and hyphens", p.FM.Slug)
	}
	p.Key = p.Path
	if p.FM.TranslationKey != "" {
		p.Key = "key:" + p.FM.TranslationKey
	}
	p.Anchors = map[string]bool{}
	for _, h := range p.Doc.Headings {
		p.Anchors[h.ID] = true
	}
	for i, t := range p.FM.Terms {
		pos := p.FieldPos("terms", fmt.Sprint(i), "id")
		switch {
		case t.ID == "" || markdown.Slug(t.ID) != t.ID:
			l.Errorf(pos, "glossary: term %q needs an id of lowercase letters, digits and hyphens (such as %q)", t.Term, markdown.Slug(t.Term))
		case p.Anchors[t.ID]:
			l.Errorf(pos, "glossary: duplicate id %q", t.ID)
		case strings.TrimSpace(t.Term) == "":
			l.Errorf(pos, "glossary: entry %q has no term", t.ID)
		}
		p.Anchors[t.ID] = true
	}
	p.checkPack(l)
	notices := func(doc *markdown.Doc, pos func(off int) diag.Pos) {
		for _, n := range doc.Notices {
			if n.Warning {
				l.Warnf(pos(n.Offset), "%s", n.Msg)
			} else {
				l.Errorf(pos(n.Offset), "%s", n.Msg)
			}
		}
	}
	notices(p.Doc, func(off int) diag.Pos { return p.offsetPos(src, off) })
	p.Fragments = map[string]*Fragment{}
	frag := func(key, text string, field ...string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		f := &Fragment{Doc: md.Parse([]byte(text)), Line: p.FieldPos(field...).Line}
		notices(f.Doc, func(int) diag.Pos { return diag.Pos{File: file, Line: f.Line, Col: 1} })
		p.Fragments[key] = f
	}
	if in := p.FM.Indicator; in != nil {
		for _, name := range IndicatorTexts {
			frag("indicator."+name, in.Text(name), "indicator", name)
		}
	}
	for i, t := range p.FM.Terms {
		frag(fmt.Sprintf("terms.%d.definition", i), t.Definition, "terms", fmt.Sprint(i), "definition")
	}
	for _, c := range p.Doc.Callouts {
		known := false
		for _, k := range markdown.CalloutKinds {
			known = known || k == c.Variant
		}
		if !known {
			l.Errorf(p.offsetPos(src, c.Offset), "unknown callout kind %q (known: %s)", c.Variant, strings.Join(markdown.CalloutKinds, ", "))
		}
	}
	// The page keeps what the site needs of it, not its source: a big site fits in memory.
	p.linkPos = make([]diag.Pos, len(p.Doc.Links))
	for i, link := range p.Doc.Links {
		p.linkPos[i] = p.offsetPos(src, link.Offset)
	}
	p.tabPos = make([]diag.Pos, len(p.Doc.Tables))
	for i, t := range p.Doc.Tables {
		p.tabPos[i] = p.offsetPos(src, t.Start)
	}
	var ids, heads, texts []string
	for _, sec := range p.Doc.Sections {
		ids, heads, texts = append(ids, sec.ID), append(heads, sec.Heading), append(texts, sec.Text)
	}
	if whole {
		p.Search = search.WholeParts(lang, ids, heads, texts)
	} else {
		p.Search = search.Parts(lang, ids, heads, texts)
	}
	p.Doc.Callouts, p.Doc.Sections = nil, nil
	if len(p.FM.Handouts) == 0 {
		// A session page keeps its Markdown: its packs render parts of it again (the opening,
		// the plan with durations).
		p.Doc.Source = nil
	}
	return p
}

// assemble builds the section tree, URLs, order and translation pairs.
func (s *Site) assemble(l *diag.List) {
	// Sections: every folder of each language, with or without _index.md.
	for _, lang := range s.Langs {
		home := s.byPath[lang+"/_index.md"]
		if home == nil && s.FailedFile(lang, "_index.md") != "" {
			home = s.implicit(lang, "") // its own error says why it is missing
		} else if home == nil {
			l.Errorf(diag.Pos{File: "content/" + lang + "/_index.md"}, "missing home page of language %q", lang)
			home = s.implicit(lang, "")
		}
		s.Home[lang] = home
	}
	for _, p := range append([]*Page(nil), s.Pages...) {
		dir := p.Dir()
		if p.Kind == KindSection {
			dir = path.Dir(dir)
			if dir == "." {
				dir = ""
			}
		}
		if p.Kind == KindHome {
			continue
		}
		p.Parent = s.section(p.Lang, dir)
	}
	for _, p := range s.Pages {
		if p.Parent != nil {
			p.Parent.Children = append(p.Parent.Children, p)
		}
	}
	for _, p := range s.Pages {
		p.SortChildren(less)
	}
	s.inSiteOrder(s.Pages)

	// URLs, and pages whose URLs collide.
	byURL := map[string]*Page{}
	for _, p := range s.Pages {
		p.URL = urlOf(p)
		if q, ok := byURL[p.URL]; ok {
			l.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "duplicate output path %s: also written by %s", p.URL+"index.html", q.File)
			p.Duplicate = true
			continue
		}
		byURL[p.URL] = p
	}

	// Translations.
	byKey := map[string]map[string]*Page{}
	for _, p := range s.Pages {
		m := byKey[p.Key]
		if m == nil {
			m = map[string]*Page{}
			byKey[p.Key] = m
		}
		if q, ok := m[p.Lang]; ok {
			l.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "translationKey %q is also used by %s", p.FM.TranslationKey, q.File)
			continue
		}
		m[p.Lang] = p
	}
	for _, p := range s.Pages {
		p.Translations = map[string]*Page{}
		for lang, q := range byKey[p.Key] {
			if q != p {
				p.Translations[lang] = q
			}
		}
	}
}

// section returns the section page of a folder, making implicit ones as needed.
func (s *Site) section(lang, dir string) *Page {
	if dir == "" {
		return s.Home[lang]
	}
	if p := s.byPath[lang+"/"+dir+"/_index.md"]; p != nil {
		return p
	}
	return s.implicit(lang, dir)
}

// implicit makes a section page for a folder without _index.md; its title is the folder name.
func (s *Site) implicit(lang, dir string) *Page {
	rel := "_index.md"
	if dir != "" {
		rel = dir + "/_index.md"
	}
	if p := s.byPath[lang+"/"+rel]; p != nil {
		return p
	}
	p := &Page{Lang: lang, Path: rel, File: "content/" + lang + "/" + rel, Kind: KindSection, Implicit: true,
		Anchors: map[string]bool{}, Fragments: map[string]*Fragment{}, Doc: &markdown.Doc{}}
	p.Key = p.Path
	if dir == "" {
		p.Kind = KindHome
	} else {
		name := path.Base(dir)
		p.FM.Title = strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
		if i := strings.IndexByte(dir, '/'); i > 0 {
			p.Section = dir[:i]
		} else {
			p.Section = dir
		}
		p.Parent = s.section(lang, parentDir(dir))
	}
	s.byPath[lang+"/"+rel] = p
	s.Pages = append(s.Pages, p)
	return p
}

func parentDir(dir string) string {
	d := path.Dir(dir)
	if d == "." {
		return ""
	}
	return d
}

// segment returns the URL segment of a page: its slug, else its file (or folder) name.
func segment(p *Page) string {
	if p.FM.Slug != "" {
		return p.FM.Slug
	}
	name := path.Base(p.Path)
	if p.Kind == KindSection {
		name = path.Base(path.Dir(p.Path))
	}
	return markdown.Slug(strings.TrimSuffix(name, ".md"))
}

func urlOf(p *Page) string {
	if p.Kind == KindHome {
		return p.Lang + "/"
	}
	parent := p.Lang + "/"
	if p.Parent != nil {
		parent = urlOf(p.Parent)
	}
	return parent + segment(p) + "/"
}

// less orders pages by weight (pages with a weight first), then title, then path.
func less(a, b *Page) bool {
	wa, wb := a.FM.Weight, b.FM.Weight
	if (wa == 0) != (wb == 0) {
		return wa != 0
	}
	if wa != wb {
		return wa < wb
	}
	ta, tb := markdown.Slug(a.FM.Title), markdown.Slug(b.FM.Title)
	if ta != tb {
		return ta < tb
	}
	return a.Path < b.Path
}

// inSiteOrder sorts pages in site order: by language, in the order of Langs, then by path.
func (s *Site) inSiteOrder(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Lang != b.Lang {
			return langIndex(s.Langs, a.Lang) < langIndex(s.Langs, b.Lang)
		}
		return a.Path < b.Path
	})
}

func langIndex(langs []string, lang string) int {
	for i, l := range langs {
		if l == lang {
			return i
		}
	}
	return len(langs)
}

// Ancestors returns the sections above p, from the home page down to its parent.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for q := p.Parent; q != nil; q = q.Parent {
		out = append([]*Page{q}, out...)
	}
	return out
}

// SortChildren puts the children of a section in the order less gives (a stable sort), and
// links each plain page to the ones before and after it.
func (p *Page) SortChildren(less func(a, b *Page) bool) {
	sort.SliceStable(p.Children, func(i, j int) bool { return less(p.Children[i], p.Children[j]) })
	var last *Page
	for i, c := range p.Children {
		c.Index, c.prev, c.next = i, nil, nil
		if c.Kind == KindPage {
			if last != nil {
				last.next, c.prev = c, last
			}
			last = c
		}
	}
}

// Prev returns the plain page before p in its section, or nil.
func (p *Page) Prev() *Page { return p.prev }

// Next returns the plain page after p in its section, or nil.
func (p *Page) Next() *Page { return p.next }
