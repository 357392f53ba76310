// Package build runs the pipeline shared by vises build, check and serve:
// load -> parse -> assemble -> render -> publish.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"vises/internal/check"
	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
	"vises/internal/indicator"
	"vises/internal/markdown"
	"vises/internal/parallel"
	"vises/internal/pdf"
	"vises/internal/publish"
	"vises/internal/render"
	"vises/internal/theme"
	"vises/themes"
)

// Options say what to build.
type Options struct {
	FS        fs.FS            // the site root: site.yaml, content/, themes/, locales/, static/, data/
	Config    string           // configuration file in FS, "site.yaml" by default
	Overrides config.Overrides // command-line values
	Publish   bool             // write the output folder (false for check)
	Check     bool             // also run the checks of vises check
	PDF       bool             // print the session packs to PDF with a Chromium found on the machine
	Chromium  func() string    // finds the Chromium to print with; pdf.Find when nil
	Out       Output           // where a build for serve goes (instead of Publish's folder)
	Dev       bool             // for serve: no minification, no fingerprints in file names
	Workers   int              // goroutines that parse and render; 0 means one per CPU, 1 none
	// Tool names the program that builds, such as a hash of its executable. When set, a
	// published build without PDF stamps the output folder with it and with the inputs, and a
	// later build from the same stamp finds the folder up to date and writes nothing.
	Tool string
	// DefaultTheme stands for the theme embedded in the binary (themes.Default() when nil), so
	// that tests can build with a changed one.
	DefaultTheme fs.FS
}

// Output receives the files of a build that is not published to a folder, such as the
// memory that serve answers from. If it has a Reset method, a full build calls it before
// writing, so that files of removed pages do not linger.
type Output interface {
	Write(name string, data []byte) error
}

// Result is what a build did.
type Result struct {
	Diags    diag.List
	Config   *config.Config
	Site     *content.Site
	Pages    map[string]int // published pages per language
	Files    int            // files written
	Duration time.Duration
	Full     bool     // everything was rendered (not only the pages whose source changed)
	Written  []string // the files this build wrote, sorted
	UpToDate bool     // the output folder was made from the same inputs: nothing was written
}

// Run builds the site. Problems are in Result.Diags; the output folder is replaced only when
// there is no error.
func Run(o Options) *Result {
	b := NewBuilder(o)
	b.once = true
	b.cache = nil // nothing is built again: the sources need not be kept
	return b.Build()
}

// Builder builds a site again and again (vises serve): a file that has not changed is not
// parsed again, and when only the text of some pages changed, only those pages (and the packs
// that hold them) are rendered again.
type Builder struct {
	o     Options
	hint  map[string]bool // files said to have changed since the last build, or nil
	cache *content.Cache
	parts *render.PartCache // pack parts, kept between builds when only page texts change
	last  *snapshot         // what the last good build saw, or nil
	once  bool              // no build follows: nothing to remember for the next one
}

// snapshot is what decides whether the next build can render less.
type snapshot struct {
	inputs string            // fingerprint of everything but content/
	sigs   map[string]string // page file -> what other pages show of it
}

// NewBuilder returns a builder for o.
func NewBuilder(o Options) *Builder {
	return &Builder{o: o, cache: content.NewCache(), parts: render.NewPartCache()}
}

// Changed says which files (relative to the site root) changed since the last build, as a
// file watcher saw: the next build does not read the others. Without it, every file is read.
func (b *Builder) Changed(files []string) {
	b.hint = map[string]bool{}
	for _, f := range files {
		b.hint[f] = true
	}
}

// SetOutput sets where the next builds write (serve gives each build a fresh output).
func (b *Builder) SetOutput(out Output) { b.o.Out = out }

// Build builds the site once.
func (b *Builder) Build() *Result {
	o := b.o
	start := time.Now()
	res := &Result{Pages: map[string]int{}}
	defer func() { res.Duration = time.Since(start) }()
	l := &res.Diags
	if o.Config == "" {
		o.Config = "site.yaml"
	}

	// Load: configuration, theme, UI strings.
	cfg, ds := config.Load(o.FS, o.Config, o.Overrides)
	l.Add(ds...)
	if cfg == nil {
		return res
	}
	res.Config = cfg
	// Everything a build reads besides content/; pages are rendered as they are parsed
	// (callout labels come from the UI strings), so a change to it parses every page again.
	inputs := inputsFingerprint(o.FS, o.Config, o.Overrides, o.Dev)
	// A published build stamps its output; an output already stamped is first checked: when
	// nothing changed since, there is nothing to do. (A first build reads the sources once:
	// their sums are taken as they are parsed.)
	stamping := o.Publish && !o.PDF && o.Tool != ""
	if stamping && publish.ReadStamp(cfg.OutDir) != nil {
		stamp := stampOf(o.Tool, inputs, readSums(o.FS, cfg.Languages, o.Workers))
		if rec, ok := upToDate(cfg.OutDir, stamp); ok {
			res.UpToDate, res.Pages, res.Files = true, rec.Pages, rec.Files
			l.Add(rec.Warnings...)
			return res
		}
	}
	layers := []theme.Layer{}
	if cfg.Theme != "" {
		dir := "themes/" + cfg.Theme
		if fi, err := fs.Stat(o.FS, dir); err != nil || !fi.IsDir() {
			l.Errorf(diag.Pos{File: o.Config}, "theme: no folder %s", dir)
			return res
		}
		sub, _ := fs.Sub(o.FS, dir)
		layers = append(layers, theme.Layer{Name: dir, FS: sub})
	}
	if fi, err := fs.Stat(o.FS, "themes/default"); err == nil && fi.IsDir() {
		sub, _ := fs.Sub(o.FS, "themes/default")
		layers = append(layers, theme.Layer{Name: "themes/default", FS: sub})
	}
	def := o.DefaultTheme
	if def == nil {
		def = themes.Default()
	}
	layers = append(layers, theme.Layer{Name: "themes/default", FS: def})
	layered := theme.NewLayered(layers...)

	var sources []i18n.Source
	for i := len(layers) - 1; i >= 0; i-- {
		if sub, err := fs.Sub(layers[i].FS, "locales"); err == nil {
			sources = append(sources, i18n.Source{FS: sub, Name: layers[i].Name + "/locales"})
		}
	}
	if sub, err := fs.Sub(o.FS, "locales"); err == nil {
		sources = append(sources, i18n.Source{FS: sub, Name: "locales"})
	}
	ui, ds := i18n.Load(sources, cfg.Languages)
	l.Add(ds...)

	// Parse and assemble the content.
	mds := content.Markdowns{}
	for _, lang := range cfg.Languages {
		lang := lang
		mds[lang] = markdown.New(markdown.Options{
			Lang:         lang,
			AllowRawHTML: cfg.AllowRawHTML,
			Label: func(kind string) string {
				s, err := ui.T(lang, "callout."+kind)
				if err != nil {
					return kind
				}
				return s
			},
		})
	}
	opts := content.LoadOptions{Cache: b.cache, Key: inputs, Workers: o.Workers, Sums: stamping}
	if hint := b.hint; hint != nil && b.last != nil {
		opts.Unchanged = func(name string) bool { return !hint[name] }
	}
	b.hint = nil
	site := content.Load(o.FS, cfg.Languages, mds, l, opts)
	res.Site = site
	checkWorksheets(site, l)
	var cat *indicator.Catalogue
	if facets := indicator.LoadFacets(o.FS, cfg.Languages, l); facets != nil || hasSection(site, indicator.Section) {
		cat = indicator.Build(site, facets, l)
	}

	// Templates and static files.
	tmpl, ds := theme.Load(layered, nil)
	l.Add(ds...)
	if tmpl == nil {
		return res
	}
	min := publish.NewMinifier(cfg.Minify && !o.Dev)
	var static []fs.FS
	if sub, err := fs.Sub(o.FS, "static"); err == nil {
		if _, err := fs.Stat(o.FS, "static"); err == nil {
			static = append(static, sub)
		}
	}
	for _, layer := range layered.Sub("static") {
		static = append(static, layer.FS)
	}
	assets, err := publish.Assets(static, min, !o.Dev)
	if err != nil {
		l.Errorf(diag.Pos{File: "static"}, "%v", err)
		return res
	}
	r := render.New(cfg, site, ui, tmpl, mds, assets, cat)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r.Links(l, workers)
	chromium := ""
	if o.PDF && o.Publish {
		find := o.Chromium
		if find == nil {
			find = pdf.Find
		}
		if u, err := url.Parse(cfg.BaseURL); err == nil && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1") {
			l.Warnf(diag.Pos{File: o.Config}, "--pdf: the QR codes of the printed packs point at %s; set baseURL (or --base-url) to the address the kit is served from", cfg.BaseURL)
		}
		if chromium = find(); chromium == "" {
			l.Warnf(diag.Pos{}, "--pdf: no Chromium found (install Debian's chromium package or set VISES_CHROMIUM): the session packs were not printed to PDF")
		} else {
			r.LinkPDFs()
		}
	}
	if logo := cfg.Partner.Logo; logo != "" {
		if _, ok := assets[logo]; !ok {
			l.Errorf(diag.Pos{File: o.Config}, "partner.logo: no file static/%s", logo)
		}
	}
	if o.Check {
		check.Site(site, ui, l)
	}

	// Decide what to render: everything, or only the pages whose text changed.
	snap := &snapshot{inputs: inputs}
	if !b.once {
		snap.sigs = signatures(site, r)
	}
	only := b.partial(snap, site)
	res.Full = only == nil
	if o.Out != nil {
		// Serve: keep the pack parts whose pages did not change.
		if only == nil {
			b.parts.Invalidate(nil)
		} else {
			b.parts.Invalidate(site.Parsed)
		}
		r.UsePartCache(b.parts)
	}

	// Render and publish.
	var out *publish.Staging
	if o.Publish {
		if msg := unsafeOut(o.FS, cfg.OutDir); msg != "" {
			l.Errorf(diag.Pos{}, "%s", msg)
			return res
		}
		if out, err = publish.NewStaging(cfg.OutDir); err != nil {
			l.Errorf(diag.Pos{}, "publish: %v", err)
			return res
		}
		defer out.Abort()
	}
	var dest Output
	var pending *pendingOutput
	if out != nil {
		dest = out
	} else if o.Out != nil {
		// Written to the live output only if the whole build succeeds.
		pending = &pendingOutput{}
		dest = pending
		defer func() {
			if l.HasErrors() {
				return
			}
			// A full build replaces everything: files of removed pages must go.
			if r, ok := o.Out.(interface{ Reset() }); ok && res.Full {
				r.Reset()
			}
			pending.flush(o.Out, l)
		}()
	}
	var mu sync.Mutex // guards l and res while pages are rendered in parallel
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		addErr(l, err)
	}
	// emit hands a finished file to the output and records it.
	emit := func(name string, data []byte, err error) {
		if err == nil {
			err = dest.Write(name, data)
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
			return
		}
		res.Written = append(res.Written, name)
	}
	write := func(name string, data []byte, compact ...bool) {
		if dest == nil {
			return
		}
		var err error
		if len(compact) == 0 || !compact[0] {
			data, err = min.File(name, data)
		}
		emit(name, data, err)
	}
	// Pages are rendered and minified in buffers used again and again; the staging folder does
	// not keep what it is given, the memory output of serve does (it gets a copy).
	buffers := &sync.Pool{New: func() any { return new(bytes.Buffer) }}
	keeps := out == nil
	// Every page and pack is filled in, minified and written on its own, in parallel: the
	// output is the same, file by file, whatever the order.
	var tasks []func()
	for _, p := range site.Pages {
		if p.Duplicate {
			continue
		}
		res.Pages[p.Lang]++
		if only != nil && !only[p.File] {
			continue
		}
		tasks = append(tasks, func() {
			page, minified := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
			defer putBuffers(buffers, page, minified)
			name, err := r.Page(page, p)
			if err != nil {
				fail(err)
				return
			}
			if dest == nil {
				return
			}
			data, err := min.FileBuffer(minified, name, page)
			if keeps {
				data = bytes.Clone(data)
			}
			emit(name, data, err)
		})
	}
	for _, po := range r.Packs() {
		if only != nil && !packTouched(r, po, only) {
			continue
		}
		tasks = append(tasks, func() {
			data, err := r.Pack(po, nil, chromium != "")
			if err != nil {
				fail(err)
				return
			}
			write(po.URL+"index.html", data)
		})
	}
	if only != nil {
		run(tasks, workers)
		// The search index holds the text of every page: written again for the languages
		// where a page changed, from the encoded documents that unchanged pages keep.
		changedLang := map[string]bool{}
		for f := range only {
			if parts := strings.SplitN(f, "/", 3); len(parts) == 3 {
				changedLang[parts[1]] = true
			}
		}
		for _, x := range r.SearchIndexes(func(lang string) bool { return changedLang[lang] }) {
			write(x.Name, x.Data, x.Compact)
		}
		return b.finish(res, snap)
	}
	// A full build also writes, alongside the pages, the search index of each language (first:
	// the longest tasks) and the files that are not pages of the content: the bilingual root,
	// the 404 page, per language the search results page and the indicator cards, the
	// catalogue downloads, the sitemap, robots.txt and the static files.
	for _, p := range site.Pages {
		p.SearchChunk = nil
	}
	var more []func()
	for _, lang := range cfg.Languages {
		more = append(more, func() {
			for _, x := range r.SearchIndexes(func(l string) bool { return l == lang }) {
				write(x.Name, x.Data, x.Compact)
			}
		})
	}
	page := func(name string, render func() ([]byte, error)) func() {
		return func() {
			if data, err := render(); err != nil {
				fail(err)
			} else {
				write(name, data)
			}
		}
	}
	more = append(more, page("index.html", r.Root), page("404.html", r.NotFound))
	for _, u := range r.SearchPages() {
		more = append(more, page(u+"index.html", func() ([]byte, error) { return r.SearchPage(u) }))
	}
	for _, u := range r.CardsPages() {
		more = append(more, page(u+"index.html", func() ([]byte, error) { return r.Cards(u) }))
	}
	more = append(more, func() {
		if extras, err := r.Extras(); err != nil {
			fail(err)
		} else {
			for _, x := range extras {
				write(x.Name, x.Data, x.Compact)
			}
		}
		write("sitemap.xml", r.Sitemap())
		write("robots.txt", r.Robots())
		for _, a := range assets {
			if dest == nil {
				continue
			}
			err := dest.Write(a.Path, a.Data)
			mu.Lock()
			if err != nil {
				l.Errorf(diag.Pos{}, "%v", err)
			}
			res.Written = append(res.Written, a.Path)
			mu.Unlock()
		}
	})
	run(append(more, tasks...), workers)
	if out == nil || l.HasErrors() {
		return b.finish(res, snap)
	}
	if chromium != "" {
		if err := printPacks(chromium, r, out, min); err != nil {
			l.Errorf(diag.Pos{}, "--pdf: %v", err)
			return res
		}
	}
	res.Files = len(out.Files())
	if err := out.Commit(); err != nil {
		l.Errorf(diag.Pos{}, "%v", err)
		return b.finish(res, snap)
	}
	if stamping {
		if err := writeStamp(cfg.OutDir, stampOf(o.Tool, inputs, site.Sums), res); err != nil {
			l.Warnf(diag.Pos{}, "publish: the next build will not know the output is up to date: %v", err)
		}
	}
	return b.finish(res, snap)
}

// putBuffers gives buffers back to the pool, unless one grew past what a page needs.
func putBuffers(pool *sync.Pool, bs ...*bytes.Buffer) {
	for _, b := range bs {
		if b.Cap() <= 1<<20 {
			b.Reset()
			pool.Put(b)
		}
	}
}

// pendingOutput holds the files of a build until it is known to have succeeded.
type pendingOutput struct {
	mu    sync.Mutex
	names []string
	data  [][]byte
}

func (p *pendingOutput) Write(name string, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = append(p.names, name)
	p.data = append(p.data, data)
	return nil
}

func (p *pendingOutput) flush(out Output, l *diag.List) {
	for i, name := range p.names {
		if err := out.Write(name, p.data[i]); err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
		}
	}
}

// run runs tasks on workers goroutines and waits for them.
func run(tasks []func(), workers int) {
	parallel.For(len(tasks), workers, func(i int) { tasks[i]() })
}

// finish remembers a good build for the next one.
func (b *Builder) finish(res *Result, snap *snapshot) *Result {
	sort.Strings(res.Written)
	if res.Files == 0 {
		res.Files = len(res.Written)
	}
	if res.Diags.HasErrors() {
		b.last = nil // the next build renders everything
	} else {
		b.last = snap
	}
	return res
}

// partial returns the pages to render again when only the text of some pages changed since
// the last good build, or nil when everything must be rendered: a first build, a change outside
// content/, a page added or removed, or a change in what other pages show of a page.
func (b *Builder) partial(snap *snapshot, site *content.Site) map[string]bool {
	last := b.last
	if last == nil || last.inputs != snap.inputs || len(site.Removed) > 0 || len(last.sigs) != len(snap.sigs) {
		return nil
	}
	for file, sig := range snap.sigs {
		if last.sigs[file] != sig {
			return nil
		}
	}
	only := map[string]bool{}
	for _, f := range site.Parsed {
		only[f] = true
	}
	return only
}

// packTouched reports whether a pack holds one of the pages to render again.
func packTouched(r *render.Renderer, po render.PackOutput, only map[string]bool) bool {
	if only[po.Session.File] {
		return true
	}
	for _, f := range r.PackParts(po) {
		if only[f] {
			return true
		}
	}
	return false
}

func addErr(l *diag.List, err error) {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		l.Add(d)
		return
	}
	l.Errorf(diag.Pos{}, "%v", err)
}

// unsafeOut refuses output folders that would replace the site's own files.
func unsafeOut(fsys fs.FS, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err.Error()
	}
	if d, ok := fsys.(interface{ Dir() string }); ok {
		root, _ := filepath.Abs(d.Dir())
		if rel, err := filepath.Rel(abs, root); err == nil && !strings.HasPrefix(rel, "..") {
			return fmt.Sprintf("--out %s would replace the site's own folder", out)
		}
		for _, keep := range []string{"content", "themes", "locales", "static", "data", ".git"} {
			k := filepath.Join(root, keep)
			if rel, err := filepath.Rel(k, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return fmt.Sprintf("--out %s is inside the site's %s/ folder", out, keep)
			}
		}
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return fmt.Sprintf("--out %s is a file, not a folder", out)
	}
	return ""
}

// hasSection reports whether any language has pages in the top-level folder section.
func hasSection(site *content.Site, section string) bool {
	for _, p := range site.Pages {
		if p.Section == section && !p.Implicit {
			return true
		}
	}
	return false
}
