package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"vises/internal/benchsite"
	"vises/internal/config"
	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/markdown"
	"vises/internal/publish"
)

// TestParallelBuildIsByteIdentical builds the kit and a generated site with one worker and
// with several: the outputs must be the same, byte for byte.
func TestParallelBuildIsByteIdentical(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 150); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../..", gen} {
		trees := map[int]map[string][]byte{}
		for _, workers := range []int{1, 4} {
			out := filepath.Join(t.TempDir(), "public")
			res := Run(Options{FS: os.DirFS(root), Publish: true, Workers: workers, Overrides: config.Overrides{OutDir: out}})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.String())
			}
			trees[workers] = readTree(t, out)
		}
		if len(trees[1]) < 100 || len(trees[1]) != len(trees[4]) {
			t.Fatalf("%s: %d and %d files", root, len(trees[1]), len(trees[4]))
		}
		for name, data := range trees[1] {
			if !bytes.Equal(trees[4][name], data) {
				t.Errorf("%s: %s differs between the sequential and the parallel build", root, name)
			}
		}
	}
}

// The benchmarks below measure each stage of a build on the same generated site
// (BENCH_PAGES pages per language, 500 by default), so that a regression shows where it is.

var (
	stageOnce sync.Once
	stageDir  string
)

func stageSite(b *testing.B) string {
	stageOnce.Do(func() {
		stageDir, _ = os.MkdirTemp("", "vises-stages-")
		if err := benchsite.Generate(stageDir, benchPages()); err != nil {
			panic(err)
		}
	})
	return stageDir
}

// benchPages is the number of pages per language of the generated sites of the benchmarks.
func benchPages() int {
	n := 500
	if v := os.Getenv("BENCH_PAGES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	return n
}

func stageMarkdowns() content.Markdowns {
	return content.Markdowns{"fr": markdown.New(markdown.Options{Lang: "fr"}), "nl": markdown.New(markdown.Options{Lang: "nl"})}
}

// BenchmarkStageParse: read, parse and render the Markdown of every page.
func BenchmarkStageParse(b *testing.B) {
	fsys := os.DirFS(stageSite(b))
	mds := stageMarkdowns()
	for i := 0; i < b.N; i++ {
		var l diag.List
		content.Load(fsys, []string{"fr", "nl"}, mds, &l, content.LoadOptions{})
	}
}

// BenchmarkStageAssemble: walk the content and assemble the site from pages already parsed
// (the cache holds them): sections, order, addresses, translations.
func BenchmarkStageAssemble(b *testing.B) {
	fsys := os.DirFS(stageSite(b))
	mds := stageMarkdowns()
	cache := content.NewCache()
	var l diag.List
	content.Load(fsys, []string{"fr", "nl"}, mds, &l, content.LoadOptions{Cache: cache})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		content.Load(fsys, []string{"fr", "nl"}, mds, &l, content.LoadOptions{Cache: cache})
	}
}

// BenchmarkStageRender: a whole build into memory without minification (load, links, pages).
func BenchmarkStageRender(b *testing.B) {
	fsys := os.DirFS(stageSite(b))
	for i := 0; i < b.N; i++ {
		Run(Options{FS: fsys, Out: memory{}, Dev: true})
	}
}

// BenchmarkStageMinify: minify the rendered pages.
func BenchmarkStageMinify(b *testing.B) {
	out := memory{}
	Run(Options{FS: os.DirFS(stageSite(b)), Out: out, Dev: true})
	m := publish.NewMinifier(true)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for name, data := range out {
			if _, err := m.File(name, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStagePublish: write the rendered files into a staging folder and swap it in.
func BenchmarkStagePublish(b *testing.B) {
	out := memory{}
	Run(Options{FS: os.DirFS(stageSite(b)), Out: out})
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := publish.NewStaging(filepath.Join(dir, "public"))
		if err != nil {
			b.Fatal(err)
		}
		for name, data := range out {
			if err := st.Write(name, data); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFastMinifierOnBuiltSites minifies every page of the kit and of a generated site, built
// without minification, both ways: with the minifier's fast path and with the library alone.
// Where the fast path does not give up, the bytes must be the library's; it must not give up
// on the pages of the default theme.
func TestFastMinifierOnBuiltSites(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 200); err != nil {
		t.Fatal(err)
	}
	m := publish.NewMinifier(true)
	for _, root := range []string{copyKit(t), gen} {
		cfg, err := os.ReadFile(filepath.Join(root, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg = regexp.MustCompile(`(?m)^minify:.*\n?`).ReplaceAll(cfg, nil)
		if err := os.WriteFile(filepath.Join(root, "site.yaml"), append(cfg, "\nminify: false\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "public")
		res := Run(Options{FS: os.DirFS(root), Publish: true, Overrides: config.Overrides{OutDir: out}})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.String())
		}
		pages, fast := 0, 0
		var slow []string
		for name, data := range readTree(t, out) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			pages++
			got, want, err := m.CompareHTML(data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got == nil {
				slow = append(slow, name)
				continue
			}
			fast++
			if !bytes.Equal(got, want) {
				t.Errorf("%s: the fast path gives other bytes than the library", name)
			}
		}
		t.Logf("%s: %d of %d pages minified the fast way; not: %v", root, fast, pages, slow)
		if pages < 200 || fast < pages*8/10 || root == gen && fast < pages-2 {
			t.Errorf("%s: the fast path gave up on %d pages of %d: %v", root, len(slow), pages, slow)
		}
	}
}

// BenchmarkStagePages: execute the layouts of every page of an assembled site (no parse, no
// minification, no output): the cost of the templates alone.
func BenchmarkStagePages(b *testing.B) {
	p := &pass{b: NewBuilder(Options{}), o: Options{FS: os.DirFS(stageSite(b)), Config: "site.yaml", Out: memory{}, Dev: true}, res: &Result{Pages: map[string]int{}}}
	p.l = &p.res.Diags
	if !p.configure() || !p.load() || !p.parse() || !p.assemble() {
		b.Fatal(p.l.String())
	}
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, pg := range p.site.Pages {
			if _, err := p.r.Page(&buf, pg); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestCachedPartialsMatchTemplates builds the kit (online, offline, under a sub-path) and a
// generated site with the header and footer executed once per key (render.Ctx.Cached) and the
// navigation entries once per state (render.Link.List), and with both executed for every page:
// every file must be the same, byte for byte.
func TestCachedPartialsMatchTemplates(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 60); err != nil {
		t.Fatal(err)
	}
	awkward := awkwardSite(t)
	cases := []struct {
		name string
		root string
		o    config.Overrides
	}{
		{"kit", "../..", config.Overrides{}},
		{"kit offline", "../..", config.Overrides{Offline: true}},
		{"kit under a sub-path", "../..", config.Overrides{BaseURL: "https://partner.example/kit/"}},
		{"generated", gen, config.Overrides{}},
		{"generated, with texts the escaping changes", awkward, config.Overrides{}},
	}
	for _, c := range cases {
		outs := [2]memory{{}, {}}
		for i, noCache := range []bool{false, true} {
			res := Run(Options{FS: os.DirFS(c.root), Out: outs[i], Overrides: c.o, noCache: noCache})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.String())
			}
		}
		cached, executed := outs[0], outs[1]
		if len(cached) < 100 || len(cached) != len(executed) {
			t.Fatalf("%s: %d and %d files", c.name, len(cached), len(executed))
		}
		for name, data := range executed {
			if !bytes.Equal(cached[name], data) {
				t.Errorf("%s: %s differs with the cached partials:\n%s", c.name, name, firstDiff(cached[name], data))
			}
		}
	}
}

// awkwardSite generates a small site whose titles, headings and descriptions hold characters
// the escaping of the templates changes (quotes, ampersands, angle brackets, plus signs),
// or none at all, on pages next to plain ones: the cached partials must execute those pages'
// partials as they are.
func awkwardSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := benchsite.Generate(root, 40); err != nil {
		t.Fatal(err)
	}
	edits := map[string][2]string{
		"content/fr/methode/page-00001.md":    {"title: Page methode 2", `title: "L'impact & « nous »"`},
		"content/fr/methode/page-00002.md":    {"title: Page methode 3", `title: "Règle <b> + 1"`},
		"content/nl/methode/page-00003.md":    {"title: Pagina methode 4", `title: "Impact \"meten\""`},
		"content/fr/methode/_index.md":        {"title: Page methode fr", "title: Méthode & outils"},
		"content/fr/ressources/page-00001.md": {"\n## ", "\n## L'étape d'après & la suite {#etape/suite}\n\nTexte.\n\n## "},
		"content/nl/ressources/page-00002.md": {"\n## ", "\n## Stap <1> + 2\n\nTekst.\n\n## "},
	}
	for name, e := range edits {
		path := filepath.Join(root, name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(e[0])) {
			t.Fatalf("%s has no %q", name, e[0])
		}
		if err := os.WriteFile(path, bytes.Replace(b, []byte(e[0]), []byte(e[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// firstDiff shows where two files start to differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-80, 0)
	return "cached:   " + string(a[lo:min(i+80, len(a))]) + "\nexecuted: " + string(b[lo:min(i+80, len(b))])
}
