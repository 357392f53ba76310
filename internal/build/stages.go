package build

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"vises/internal/brand"
	"vises/internal/catalogue"
	"vises/internal/check"
	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/evaluation"
	"vises/internal/hostfiles"
	"vises/internal/i18n"
	"vises/internal/indicator"
	"vises/internal/markdown"
	"vises/internal/pack"
	"vises/internal/pdf"
	"vises/internal/publish"
	"vises/internal/render"
	"vises/internal/searchindex"
	"vises/internal/slides"
	"vises/internal/theme"
	"vises/internal/worksheetform"
	"vises/themes"
)

// pass is one build in progress: what each stage made, for the stages after it. The stages
// are its methods, in the order Build runs them; each returns false when the build cannot go
// on (its problems are in l).
type pass struct {
	start time.Time
	b     *Builder
	o     Options
	res   *Result
	l     *diag.List

	// configure
	cfg      *config.Config
	inputs   string                       // fingerprint of everything a build reads besides content/
	stamping bool                         // the output folder is stamped with what it was made from
	upToDate bool                         // the output folder was made from the same inputs: nothing to do
	sums     map[string][sha256.Size]byte // the sources' SHA-256, when read before parsing
	prev     *stampRecord                 // what the last build of the output folder recorded
	changed  map[string]bool              // with prev: the sources changed since
	// load
	layered *theme.Layered
	ui      *i18n.Bundle
	// parse
	mds  content.Markdowns
	site *content.Site
	cat  *indicator.Catalogue
	meta map[*content.Page]render.PageMeta // the translators' loop (translations.go)
	loop string                            // which translations are stale: a change renders every page
	// assemble
	tmpl     *theme.Templates
	min      *publish.Minifier
	assets   map[string]*publish.Asset
	r        *render.Renderer
	workers  int
	chromium string // the Chromium that prints the packs, or ""
	slides   *slides.Feature
	packs    *pack.Feature
	snap     *snapshot
	only     map[string]bool // the page files to render, or nil for everything
	// render
	out     *publish.Staging // the output folder being written (vises build)
	upd     *publish.Update  // or its files being replaced (vises build, only some pages changed)
	dest    Output           // where rendered files go: out, serve's pending output, or nil (check)
	pending *pendingOutput
	mu      sync.Mutex // guards l and res while files are rendered in parallel
	done    func()     // cleans up after the build: the staging folder, serve's output
}

// cleanup runs when the build is over, whatever stage it stopped at.
func (p *pass) cleanup() {
	if p.done != nil {
		p.done()
	}
	defer func() { p.res.Duration = time.Since(p.start) }()
	if p.upToDate {
		return
	}
	sort.Strings(p.res.Written)
	if p.res.Files == 0 {
		p.res.Files = len(p.res.Written)
	}
	if p.l.HasErrors() || p.snap == nil {
		p.b.last = nil // the next build renders everything
	} else {
		p.b.last = p.snap
	}
}

// configure reads the configuration and, for a stamped output, finds out whether there is
// anything to do.
func (p *pass) configure() bool {
	o := p.o
	cfg, ds := config.Load(o.FS, o.Config, o.Overrides)
	p.l.Add(ds...)
	if cfg == nil {
		return false
	}
	p.cfg, p.res.Config = cfg, cfg
	// Pages are rendered as they are parsed (callout labels come from the UI strings), so a
	// change to anything but content/ parses every page again.
	p.inputs = inputsFingerprint(o.FS, o.Config, o.Overrides, o.Dev) + historyFingerprint(o.FS, o.History)
	// A published build stamps its output; an output already stamped is first checked: when
	// nothing changed since, there is nothing to do. (A first build reads the sources once:
	// their sums are taken as they are parsed.)
	p.stamping = o.Publish && !o.PDF && o.Tool != ""
	if p.stamping && publish.ReadStamp(cfg.OutDir) != nil {
		p.sums = readSums(o.FS, cfg.Languages, o.Workers) // not read again for the new stamp
		stamp := stampOf(o.Tool, p.inputs, p.sums)
		if rec, ok := upToDate(cfg.OutDir, stamp); ok {
			p.upToDate = true
			p.res.UpToDate, p.res.Pages, p.res.Files = true, rec.Pages, rec.Files
			p.l.Add(rec.Warnings...)
			return false
		}
		// When only sources changed, the last build can say which pages to render again.
		if p.prev = previous(cfg.OutDir, o.Tool, p.inputs); p.prev != nil {
			if p.changed = changedSources(p.prev, p.sums); p.changed == nil || !publish.Intact(cfg.OutDir) {
				p.prev = nil
			}
		}
	}
	return true
}

// load layers the theme (a partner's over the site's copy of the default over the embedded
// default) and reads the UI strings.
func (p *pass) load() bool {
	o := p.o
	layers := []theme.Layer{}
	if p.cfg.Theme != "" {
		dir := "themes/" + p.cfg.Theme
		if fi, err := fs.Stat(o.FS, dir); err != nil || !fi.IsDir() {
			p.l.Errorf(diag.Pos{File: o.Config}, "theme: no folder %s", dir)
			return false
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
	p.layered = theme.NewLayered(layers...)

	var sources []i18n.Source
	for i := len(layers) - 1; i >= 0; i-- {
		if sub, err := fs.Sub(layers[i].FS, "locales"); err == nil {
			sources = append(sources, i18n.Source{FS: sub, Name: layers[i].Name + "/locales"})
		}
	}
	if sub, err := fs.Sub(o.FS, "locales"); err == nil {
		sources = append(sources, i18n.Source{FS: sub, Name: "locales"})
	}
	ui, ds := i18n.Load(sources, p.cfg.Languages)
	p.l.Add(ds...)
	p.ui = ui
	return true
}

// parse reads every page of every language (rendering its Markdown as it goes), the
// worksheets and the indicator catalogue.
func (p *pass) parse() bool {
	o, cfg, ui := p.o, p.cfg, p.ui
	mds := content.Markdowns{}
	for _, lang := range cfg.Languages {
		tableLabel, _ := ui.T(lang, "table.label")
		mds[lang] = markdown.New(markdown.Options{
			Lang:         lang,
			AllowRawHTML: cfg.AllowRawHTML,
			TableLabel:   tableLabel,
			Label: func(kind string) string {
				s, err := ui.T(lang, "callout."+kind)
				if err != nil {
					return kind
				}
				return s
			},
		})
	}
	opts := content.LoadOptions{Cache: p.b.cache, Key: p.inputs, Workers: o.Workers, Sums: p.stamping && p.sums == nil}
	if hint := p.b.hint; hint != nil && p.b.last != nil {
		opts.Unchanged = func(name string) bool { return !hint[name] }
	}
	p.b.hint = nil
	p.site = content.Load(o.FS, cfg.Languages, mds, p.l, opts)
	p.res.Site = p.site
	checkWorksheets(p.site, p.l)
	evaluation.Check(p.site, p.l)
	if facets := indicator.LoadFacets(o.FS, cfg.Languages, p.l); facets != nil || hasSection(p.site, indicator.Section) {
		p.cat = indicator.Build(p.site, facets, p.l)
	}
	p.mds = mds
	p.translations()
	return true
}

// assemble puts the site together: templates, static files, links between pages, the checks
// of vises check, and what to render (everything, or the pages whose text changed).
func (p *pass) assemble() bool {
	o, cfg, l := p.o, p.cfg, p.l
	features := p.features()
	funcs, err := render.Funcs(features...)
	if err != nil {
		l.Errorf(diag.Pos{}, "%v", err)
		return false
	}
	tmpl, ds := theme.Load(p.layered, funcs)
	l.Add(ds...)
	if tmpl == nil {
		return false
	}
	p.tmpl = tmpl
	p.min = publish.NewMinifier(cfg.Minify && !o.Dev)
	var static []fs.FS
	if sub, err := fs.Sub(o.FS, "static"); err == nil {
		if _, err := fs.Stat(o.FS, "static"); err == nil {
			static = append(static, sub)
		}
	}
	for _, layer := range p.layered.Sub("static") {
		static = append(static, layer.FS)
	}
	if cfg.Partner.Color != "" {
		// The partner's accent, as a style sheet of its own (no inline style under the CSP).
		css, err := brand.CSS(cfg.Partner.Color)
		if err != nil {
			l.Errorf(diag.Pos{File: o.Config}, "partner.color: %v", err)
			return false
		}
		static = append([]fs.FS{fstest.MapFS{brand.Stylesheet: {Data: css, Mode: 0o644}}}, static...)
	}
	assets, err := publish.Assets(static, p.min, !o.Dev)
	if err != nil {
		l.Errorf(diag.Pos{File: "static"}, "%v", err)
		return false
	}
	p.assets = assets
	p.r = render.New(cfg, p.site, p.ui, tmpl, p.mds, assets, features...)
	p.r.SetPageMeta(p.meta)
	// The default theme's header, footer and style and script links are executed once per
	// language and navigation state (render.Ctx.Cached), and its navigation entries once per
	// state (render.Link.List); a partner theme's own are executed for every page.
	for _, name := range []string{"layouts/partials/header.html", "layouts/partials/footer.html", "layouts/partials/assets.html", "layouts/partials/navitem.html",
		"layouts/partials/toc.html", "layouts/partials/breadcrumbs.html", "layouts/partials/prevnext.html", "layouts/partials/alternates.html"} {
		if strings.HasPrefix(p.layered.Origin(name), "themes/default/") && !o.noCache {
			p.r.EnableCache(strings.TrimPrefix(name, "layouts/"))
		}
	}
	p.workers = o.Workers
	if p.workers <= 0 {
		p.workers = runtime.GOMAXPROCS(0)
	}
	p.r.Links(p.workers)
	if o.PDF && o.Publish {
		find := o.Chromium
		if find == nil {
			find = pdf.Find
		}
		if u, err := url.Parse(cfg.BaseURL); err == nil && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1") {
			l.Warnf(diag.Pos{File: o.Config}, "--pdf: the QR codes of the printed packs point at %s; set baseURL (or --base-url) to the address the kit is served from", cfg.BaseURL)
		}
		if p.chromium = find(); p.chromium == "" {
			l.Warnf(diag.Pos{}, "--pdf: no Chromium found (install Debian's chromium package or set VISES_CHROMIUM): the session packs were not printed to PDF")
		} else {
			p.packs.LinkPDFs()
			p.slides.LinkPDFs()
		}
	}
	if logo := cfg.Partner.Logo; logo != "" {
		if _, ok := assets[logo]; !ok {
			l.Errorf(diag.Pos{File: o.Config}, "partner.logo: no file static/%s", logo)
		}
	}
	// Build and check report the same warnings: translations, drafts, UI strings.
	published := func(name string) bool { _, ok := assets[name]; return ok }
	check.Site(p.site, p.ui, published, p.workers, l)
	p.slides.Check(func(name string) (string, bool) {
		if a, ok := assets[name]; ok {
			return a.Path, true
		}
		return "", false
	}, l)

	p.plan()
	return true
}

// plan decides what to render: everything, or only the pages whose text changed since the
// last build (of this builder, or of the stamped output folder).
func (p *pass) plan() {
	p.snap = &snapshot{inputs: p.inputs + p.loop}
	if !p.b.once || p.stamping {
		p.snap.sigs = signatures(p.site, p.r, p.workers)
	}
	if p.prev != nil {
		// A published build after the last one of the same folder: the stamp stands for it.
		p.only = partial(&snapshot{inputs: p.prev.Inputs, sigs: p.prev.Sigs}, p.snap, p.site, p.changed)
	} else {
		p.only = p.b.partial(p.snap, p.site)
	}
	p.res.Full = p.only == nil
	if p.o.Out != nil {
		// Serve: keep the pack parts whose pages did not change.
		if p.only == nil {
			p.b.parts.Invalidate(nil)
		} else {
			p.b.parts.Invalidate(p.site.Parsed)
		}
		p.r.Keep()
	}
}

// render renders every page, pack and file of the site (or only the pages whose text changed)
// in parallel, minifies them and hands them to the output: the staging folder of vises
// build, serve's memory (once the whole build succeeded), or nothing for vises check.
func (p *pass) render() bool {
	o, l := p.o, p.l
	if o.Publish {
		if msg := unsafeOut(o.FS, p.cfg.OutDir); msg != "" {
			l.Errorf(diag.Pos{}, "%s", msg)
			return false
		}
	}
	if o.Publish && p.only != nil {
		// Only the pages whose text changed: their files are replaced in the output folder,
		// the others stay.
		upd, err := publish.NewUpdate(p.cfg.OutDir)
		if err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
			return false
		}
		p.upd, p.dest = upd, upd
	} else if o.Publish {
		out, err := publish.NewStaging(p.cfg.OutDir)
		if err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
			return false
		}
		p.out, p.dest = out, out
		p.done = out.Abort
	} else if o.Out != nil {
		// Written to the live output only if the whole build succeeds.
		p.pending = &pendingOutput{}
		p.dest = p.pending
		p.done = func() {
			if l.HasErrors() {
				return
			}
			// A full build replaces everything: files of removed pages must go.
			if r, ok := o.Out.(interface{ Reset() }); ok && p.res.Full {
				r.Reset()
			}
			p.pending.flush(o.Out, l)
		}
	}
	tasks := p.pageTasks()
	if p.only != nil {
		run(append(tasks, p.featureTasks(p.only)...), p.workers)
		return p.upd != nil && !l.HasErrors()
	}
	for _, pg := range p.site.Pages {
		pg.SearchChunk = nil
	}
	// The search indexes first (the longest tasks), then the files that are not pages of the
	// content, alongside the pages.
	run(append(p.siteTasks(), tasks...), p.workers)
	return p.out != nil && !l.HasErrors()
}

// publish prints the packs to PDF when asked, swaps the staging folder in place of the
// output folder and stamps it.
func (p *pass) publish() bool {
	l := p.l
	sums := p.sums
	if sums == nil {
		sums = p.site.Sums
	}
	if p.upd != nil {
		p.res.Files = len(p.upd.Files()) // written; the folder holds as many files as before
		if err := p.upd.Commit(); err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
			return false
		}
		if err := writeStamp(p.cfg.OutDir, stampOf(p.o.Tool, p.inputs, sums), p.res, p.prev.Files, p.o.Tool, p.inputs, sums, p.snap.sigs); err != nil {
			l.Warnf(diag.Pos{}, "publish: the next build will not know the output is up to date: %v", err)
		}
		return true
	}
	if p.chromium != "" {
		start := time.Now()
		// One count for the packs and materials, then the decks (the audience's slides and the
		// trainer's handout of each).
		packs, decks := len(p.packs.Packs(p.r)), 2*len(p.slides.Decks())
		progress := func(offset int) func(n, total int, name string) {
			if p.o.Progress == nil {
				return nil
			}
			return func(n, _ int, name string) { p.o.Progress(offset+n, packs+decks, name) }
		}
		if err := printPacks(p.chromium, p.r, p.packs, p.out, p.min, progress(0), l); err != nil {
			l.Errorf(diag.Pos{}, "--pdf: %v", err)
			return false
		}
		made, err := printDecks(p.chromium, p.r, p.slides, p.out, p.min, progress(packs))
		if err != nil {
			l.Errorf(diag.Pos{}, "--pdf: %v", err)
			return false
		}
		p.res.PDFs, p.res.Printing = packs+made, time.Since(start)
	}
	p.res.Files = len(p.out.Files())
	if err := p.out.Commit(); err != nil {
		l.Errorf(diag.Pos{}, "%v", err)
		return false
	}
	if p.stamping {
		if err := writeStamp(p.cfg.OutDir, stampOf(p.o.Tool, p.inputs, sums), p.res, p.res.Files, p.o.Tool, p.inputs, sums, p.snap.sigs); err != nil {
			l.Warnf(diag.Pos{}, "publish: the next build will not know the output is up to date: %v", err)
		}
	}
	return true
}

// fail records an error met while rendering in parallel.
func (p *pass) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	addErr(p.l, err)
}

// emit hands a finished file to the output and records it.
func (p *pass) emit(name string, data []byte, err error) {
	if err == nil {
		err = p.dest.Write(name, data)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.l.Errorf(diag.Pos{}, "%v", err)
		return
	}
	p.res.Written = append(p.res.Written, name)
}

// write minifies a file (unless it is already compact) and hands it to the output.
func (p *pass) write(name string, data []byte, compact bool) {
	if p.dest == nil {
		return
	}
	var err error
	if !compact {
		data, err = p.min.File(name, data)
	}
	p.emit(name, data, err)
}

// pageTasks returns a task per page to render: every one, or those whose text changed (the
// packs are feature outputs).
// Each is filled in, minified and written on its own: the output is the same, file by file,
// whatever the order.
func (p *pass) pageTasks() []func() {
	// Pages are rendered and minified in buffers used again and again; the staging folder does
	// not keep what it is given, the memory output of serve does (it gets a copy).
	buffers := &sync.Pool{New: func() any { return new(bytes.Buffer) }}
	keeps := p.out == nil
	var tasks []func()
	for _, pg := range p.site.Pages {
		if pg.Duplicate {
			continue
		}
		p.res.Pages[pg.Lang]++
		if p.only != nil && !p.only[pg.File] {
			continue
		}
		tasks = append(tasks, func() {
			page, minified := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
			defer putBuffers(buffers, page, minified)
			name, err := p.r.Page(page, pg)
			if err != nil {
				p.fail(err)
				return
			}
			if p.dest == nil {
				return
			}
			data, err := p.min.FileBuffer(minified, name, page)
			if keeps {
				data = bytes.Clone(data)
			}
			p.emit(name, data, err)
		})
	}
	return tasks
}

// outputTask returns the task that makes a file of a feature and writes it.
func (p *pass) outputTask(x render.Output) func() {
	return func() {
		data, err := x.Render()
		if err != nil {
			p.fail(err)
			return
		}
		p.write(x.Name, data, x.Compact)
	}
}

// featureTasks returns the tasks that make again the files of features that show the text of a
// page of only (such as the search index of its language, which holds the text of every page).
func (p *pass) featureTasks(only map[string]bool) []func() {
	var tasks []func()
	for _, x := range p.r.Outputs() {
		if x.Uses == nil {
			continue
		}
		for f := range only {
			if x.Uses(f) {
				tasks = append(tasks, p.outputTask(x))
				break
			}
		}
	}
	return tasks
}

// features returns the features of the site: the indicator catalogue, the search, the
// worksheets. A new feature is a package of its own (see render.Feature), added here.
func (p *pass) features() []render.Feature {
	var theme func(code, lang string) string
	if p.cat != nil && p.cat.Facets != nil {
		facets := p.cat.Facets
		theme = func(code, lang string) string { return facets.Label("theme", code, lang) }
	}
	p.slides = slides.Load(p.o.FS, p.site, p.mds, p.ui, p.l)
	var parts *pack.PartCache
	if p.o.Out != nil {
		parts = p.b.parts // serve: the pack parts whose pages did not change are kept
	}
	p.packs = pack.New(p.mds, parts)
	return []render.Feature{searchindex.New(theme), catalogue.New(p.cat), worksheetform.Feature{}, p.slides, p.packs, evaluation.Feature{}}
}

// siteTasks returns the tasks of a full build besides the pages: the files of the features
// (the search index of each language first, the longest tasks), the bilingual root, the 404
// page, the sitemap, robots.txt and the static files.
func (p *pass) siteTasks() []func() {
	r := p.r
	var tasks []func()
	for _, x := range r.Outputs() {
		tasks = append(tasks, p.outputTask(x))
	}
	page := func(name string, render func() ([]byte, error)) func() {
		return func() {
			if data, err := render(); err != nil {
				p.fail(err)
			} else {
				p.write(name, data, false)
			}
		}
	}
	tasks = append(tasks, page("index.html", r.Root), page("404.html", r.NotFound))
	tasks = append(tasks, func() {
		p.write("sitemap.xml", r.Sitemap(), false)
		p.write("robots.txt", r.Robots(), false)
		p.hostFiles()
		for _, a := range p.assets {
			if p.dest != nil {
				p.emit(a.Path, a.Data, nil)
			}
		}
	})
	return tasks
}

// hostFiles writes the headers of the kit for static hosts (_headers, .htaccess) at the top of
// a published site; not for serve, which sends them itself, nor for the offline edition, which
// no server serves. A file of the same name in static/ is published instead.
func (p *pass) hostFiles() {
	if p.cfg.Offline || p.o.Dev {
		return
	}
	var fingerprinted []string
	for _, a := range p.assets {
		if a.Path != a.Source {
			fingerprinted = append(fingerprinted, a.Path)
		}
	}
	for _, f := range hostfiles.Files(p.cfg.BasePath(), fingerprinted) {
		if _, own := p.assets[f.Name]; !own {
			p.write(f.Name, f.Data, true)
		}
	}
}
