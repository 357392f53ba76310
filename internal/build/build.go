// Package build runs the pipeline shared by vises build, check and serve:
// load -> parse -> assemble -> render -> publish.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vises/internal/check"
	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
	"vises/internal/indicator"
	"vises/internal/markdown"
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
}

// Result is what a build did.
type Result struct {
	Diags    diag.List
	Config   *config.Config
	Site     *content.Site
	Pages    map[string]int // published pages per language
	Files    int            // files written
	Duration time.Duration
}

// Run builds the site. Problems are in Result.Diags; the output folder is replaced only when
// there is no error.
func Run(o Options) *Result {
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
	layers = append(layers, theme.Layer{Name: "themes/default", FS: themes.Default()})
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
	site := content.Load(o.FS, cfg.Languages, mds, l)
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
	min := publish.NewMinifier(cfg.Minify)
	var static []fs.FS
	if sub, err := fs.Sub(o.FS, "static"); err == nil {
		if _, err := fs.Stat(o.FS, "static"); err == nil {
			static = append(static, sub)
		}
	}
	for _, layer := range layered.Sub("static") {
		static = append(static, layer.FS)
	}
	assets, err := publish.Assets(static, min)
	if err != nil {
		l.Errorf(diag.Pos{File: "static"}, "%v", err)
		return res
	}
	r := render.New(cfg, site, ui, tmpl, mds, assets, cat)
	r.Links(l)
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
	write := func(name string, data []byte) {
		if out == nil {
			return
		}
		data, err := min.File(name, data)
		if err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
			return
		}
		if err := out.Write(name, data); err != nil {
			l.Errorf(diag.Pos{}, "%v", err)
		}
	}
	for _, p := range site.Pages {
		if p.Duplicate {
			continue
		}
		name, data, err := r.Page(p)
		if err != nil {
			addErr(l, err)
			continue
		}
		write(name, data)
		res.Pages[p.Lang]++
	}
	if data, err := r.Root(); err != nil {
		addErr(l, err)
	} else {
		write("index.html", data)
	}
	if data, err := r.NotFound(); err != nil {
		addErr(l, err)
	} else {
		write("404.html", data)
	}
	for _, po := range r.Packs() {
		data, err := r.Pack(po, nil, chromium != "")
		if err != nil {
			addErr(l, err)
			continue
		}
		write(po.URL+"index.html", data)
	}
	for _, u := range r.CardsPages() {
		data, err := r.Cards(u)
		if err != nil {
			addErr(l, err)
			continue
		}
		write(u+"index.html", data)
	}
	if extras, err := r.Extras(); err != nil {
		addErr(l, err)
	} else {
		for _, x := range extras {
			write(x.Name, x.Data)
		}
	}
	write("sitemap.xml", r.Sitemap())
	write("robots.txt", r.Robots())
	for _, a := range assets {
		if out != nil {
			if err := out.Write(a.Path, a.Data); err != nil {
				l.Errorf(diag.Pos{}, "%v", err)
			}
		}
	}
	if out == nil || l.HasErrors() {
		return res
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
	}
	return res
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
