// Package build runs the pipeline shared by vises build, check and serve:
// load -> parse -> assemble -> render -> publish.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/pack"
	"vises/internal/parallel"
	"vises/internal/translation"
)

// Options say what to build.
type Options struct {
	FS        fs.FS            // the site root: site.yaml, content/, themes/, locales/, static/, data/
	Config    string           // configuration file in FS, "site.yaml" by default
	Overrides config.Overrides // command-line values
	Publish   bool             // write the output folder (false for check)
	PDF       bool             // print the session packs to PDF with a Chromium found on the machine
	// Progress, when set, is told about each pack as it is printed to PDF (the n-th of total,
	// counting from 1, and the PDF's path in the site), so that a terminal can show it.
	Progress func(n, total int, name string)
	Chromium func() string // finds the Chromium to print with; pdf.Find when nil
	Out      Output        // where a build for serve goes (instead of Publish's folder)
	Dev      bool          // for serve: no minification, no fingerprints in file names
	Workers  int           // goroutines that parse and render; 0 means one per CPU, 1 none
	// Tool names the program that builds, such as a hash of its executable. When set, a
	// published build without PDF stamps the output folder with it and with the inputs, and a
	// later build from the same stamp finds the folder up to date and writes nothing.
	Tool string
	// DefaultTheme stands for the theme embedded in the binary (themes.Default() when nil), so
	// that tests can build with a changed one.
	DefaultTheme fs.FS
	// History is the date of the last change of each content file, from git
	// (translation.GitHistory), for the dates pages show; nil without history.
	History translation.History

	noCache bool // execute every partial for every page (tests compare with the cache)
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
	PDFs     int           // packs printed to PDF
	Printing time.Duration // time spent printing them
	Full     bool          // everything was rendered (not only the pages whose source changed)
	Written  []string      // the files this build wrote, sorted
	UpToDate bool          // the output folder was made from the same inputs: nothing was written
	// Translations is the state of every translation (current, stale, missing...).
	Translations *translation.Report
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
	parts *pack.PartCache // pack parts, kept between builds when only page texts change
	last  *snapshot       // what the last good build saw, or nil
	once  bool            // no build follows: nothing to remember for the next one
}

// snapshot is what decides whether the next build can render less.
type snapshot struct {
	inputs string            // fingerprint of everything but content/
	sigs   map[string]string // page file -> what other pages show of it
}

// NewBuilder returns a builder for o.
func NewBuilder(o Options) *Builder {
	return &Builder{o: o, cache: content.NewCache(), parts: pack.NewPartCache()}
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

// Build builds the site once, stage by stage: each stage hands what it made to the next
// through a pass, and the build stops after the first stage that leaves nothing to go on with.
func (b *Builder) Build() *Result {
	p := &pass{start: time.Now(), b: b, o: b.o, res: &Result{Pages: map[string]int{}}}
	p.l = &p.res.Diags
	if p.o.Config == "" {
		p.o.Config = "site.yaml"
	}
	defer p.cleanup()
	stages := []struct {
		stage diag.Stage
		run   func() bool
	}{
		{diag.Config, p.configure},
		{diag.Load, p.load},
		{diag.Parse, p.parse},
		{diag.Assemble, p.assemble},
		{diag.Render, p.render},
		{diag.Publish, p.publish},
	}
	for _, s := range stages {
		n := p.l.Len()
		goOn := s.run()
		p.l.Tag(n, s.stage)
		if !goOn {
			break
		}
	}
	return p.res
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

// partial returns the pages to render again when only the text of some pages changed since
// the last good build, or nil when everything must be rendered: a first build, a change outside
// content/, a page added or removed, or a change in what other pages show of a page.
func (b *Builder) partial(snap *snapshot, site *content.Site) map[string]bool {
	if b.last == nil {
		return nil
	}
	only := map[string]bool{}
	for _, f := range site.Parsed {
		only[f] = true
	}
	return partial(b.last, snap, site, only)
}

// partial returns changed, the page files to render again, when what other pages show of
// every page is the same as in the last build; else nil (render everything).
func partial(last, snap *snapshot, site *content.Site, changed map[string]bool) map[string]bool {
	if last.inputs != snap.inputs || len(site.Removed) > 0 || len(last.sigs) != len(snap.sigs) {
		return nil
	}
	for file, sig := range snap.sigs {
		if last.sigs[file] != sig {
			return nil
		}
	}
	return changed
}

func addErr(l *diag.List, err error) {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		l.Add(d)
		return
	}
	l.Errorf(diag.Pos{}, "%v", err)
}

// unsafeOut refuses output folders that would replace the site's own files. (An output folder
// holding files that vises did not write is refused by publish.NewStaging.)
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
		for _, keep := range append(slices.Clone(config.Sources), ".git") {
			k := filepath.Join(root, keep)
			if rel, err := filepath.Rel(k, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return fmt.Sprintf("--out %s is inside the site's %s/ folder", out, keep)
			}
		}
	}
	// What the output folder may hold is publish's to say (publish.Owned).
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
