package build

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"vises/internal/config"
)

func archive(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return site(a)
}

func buildInto(t *testing.T, fsys fstest.MapFS, out string, o config.Overrides) *Result {
	t.Helper()
	o.OutDir = out
	return Run(Options{FS: fsys, Publish: true, Overrides: o})
}

func TestFailedBuildLeavesPreviousOutputUntouched(t *testing.T) {
	fsys := archive(t, "basic.txtar")
	out := filepath.Join(t.TempDir(), "public")
	if res := buildInto(t, fsys, out, config.Overrides{}); res.Diags.HasErrors() {
		t.Fatalf("first build failed:\n%s", res.Diags.String())
	}
	before := readTree(t, out)

	broken := fstest.MapFS{}
	for k, v := range fsys {
		broken[k] = v
	}
	broken["content/fr/methode/cadrer.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [unclosed\n---\n")}
	res := buildInto(t, broken, out, config.Overrides{})
	if !res.Diags.HasErrors() {
		t.Fatal("the broken build reported no error")
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after a failed build, %d before", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*")); len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

func TestFilesFromEarlierBuildsDoNotLinger(t *testing.T) {
	fsys := archive(t, "basic.txtar")
	out := filepath.Join(t.TempDir(), "public")
	if res := buildInto(t, fsys, out, config.Overrides{}); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	stale := filepath.Join(out, "fr", "methode", "outils", "grille", "index.html")
	if _, err := os.Stat(stale); err != nil {
		t.Fatal(err)
	}
	delete(fsys, "content/fr/methode/outils/grille.md")
	if res := buildInto(t, fsys, out, config.Overrides{}); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the page of a removed source is still in the output")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	fsys := archive(t, "basic.txtar")
	fsys["site.yaml"].Data = bytes.Replace(fsys["site.yaml"].Data, []byte("minify: false"), []byte("minify: true"), 1)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	buildInto(t, fsys, a, config.Overrides{})
	buildInto(t, fsys, b, config.Overrides{})
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) == 0 || len(ta) != len(tb) {
		t.Fatalf("builds wrote %d and %d files", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(tb[name], data) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestPartnerThemeOverridesOnePartial(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildInto(t, archive(t, "partner.txtar"), out, config.Overrides{})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	page, err := os.ReadFile(filepath.Join(out, "fr", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{
		`<footer class="partner-footer"><p>Sauter au texte · Réseau Exemple</p></footer>`, // the partner's partial and string
		`<header class="site-header">`,                          // the default header, untouched
		`<a class="skip-link" href="#main">Sauter au texte</a>`, // the overridden UI string everywhere
		`aria-label="Langues"`,                                  // other UI strings from the default theme
	} {
		if !strings.Contains(html, want) {
			t.Errorf("fr/index.html lacks %s", want)
		}
	}
	if strings.Contains(html, `class="site-footer"`) {
		t.Error("the default footer is still there")
	}
	nl, _ := os.ReadFile(filepath.Join(out, "nl", "index.html"))
	if !strings.Contains(string(nl), `>Naar de inhoud</a>`) {
		t.Error("the Dutch skip link should keep the default theme's string")
	}
}

var (
	attrRef = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	attrID  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// crawl resolves every internal href and src of every HTML file in dir to an existing file, and
// every fragment to an element ID of the target. basePath is the base URL's path, used by the
// links of 404.html. With offline set, links to folders are refused: they must name index.html.
func crawl(t reporter, tree map[string][]byte, basePath string, offline bool) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(name string) map[string]bool {
		if m, ok := ids[name]; ok {
			return m
		}
		m := map[string]bool{}
		for _, id := range attrID.FindAllStringSubmatch(string(tree[name]), -1) {
			m[id[1]] = true
		}
		ids[name] = m
		return m
	}
	checked := 0
	for name, data := range tree {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range attrRef.FindAllStringSubmatch(string(data), -1) {
			ref := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", name, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			checked++
			target := name
			if u.Path != "" {
				p := u.Path
				if strings.HasPrefix(p, "/") {
					if !strings.HasPrefix(p, basePath) {
						t.Errorf("%s: %q is outside the base path %s", name, ref, basePath)
						continue
					}
					p = strings.TrimPrefix(p, basePath)
				} else {
					p = path.Join(path.Dir(name), p)
					if strings.HasSuffix(u.Path, "/") {
						p += "/"
					}
				}
				if offline && (strings.HasSuffix(u.Path, "/") || u.Path == ".") {
					t.Errorf("%s: offline link %q does not name a file", name, ref)
				}
				if strings.HasSuffix(p, "/") || p == "." || p == "" {
					p = strings.TrimPrefix(path.Join(p, "index.html"), "./")
				}
				target = p
			}
			if _, ok := tree[target]; !ok {
				t.Errorf("%s: link %q leads to missing %s", name, ref, target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: link %q: no id %q in %s", name, ref, u.Fragment, target)
			}
		}
	}
	return checked
}

func TestCrawlGoldenSites(t *testing.T) {
	for _, name := range []string{"basic.txtar", "check.txtar", "partner.txtar", "onelang.txtar"} {
		for _, offline := range []bool{false, true} {
			out := filepath.Join(t.TempDir(), "public")
			res := buildInto(t, archive(t, name), out, config.Overrides{Offline: offline, BaseURL: "https://partner.example/sous/chemin/"})
			if res.Diags.HasErrors() {
				t.Fatalf("%s: %s", name, res.Diags.String())
			}
			if n := crawl(t, readTree(t, out), "/sous/chemin/", offline); n < 10 {
				t.Errorf("%s: only %d links checked", name, n)
			}
		}
	}
}

// reporter is the part of testing.T the crawler uses, so that a test can watch it fail.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

type fakeT struct{ errs []string }

func (f *fakeT) Helper()                           {}
func (f *fakeT) Errorf(format string, args ...any) { f.errs = append(f.errs, format) }

// TestCrawlNoticesBrokenLinks makes sure the crawler itself fails on broken links.
func TestCrawlNoticesBrokenLinks(t *testing.T) {
	tree := map[string][]byte{
		"index.html":    []byte(`<a href="fr/">ok</a> <a href="nl/">missing</a> <a href="#nope">missing id</a>`),
		"fr/index.html": []byte(`<h1 id="top">x</h1><a href="../index.html">ok</a><a href="./#top">ok</a><a href="../x.css">missing</a>`),
		"404.html":      []byte(`<a href="/elsewhere/fr/">outside</a><a href="/kit/fr/#top">ok</a>`),
	}
	ft := &fakeT{}
	crawl(ft, tree, "/kit/", false)
	if len(ft.errs) != 4 {
		t.Errorf("crawler found %d problems, want 4: %v", len(ft.errs), ft.errs)
	}
	ft = &fakeT{}
	crawl(ft, map[string][]byte{"index.html": []byte(`<a href="fr/">x</a>`), "fr/index.html": nil}, "/", true)
	if len(ft.errs) != 1 {
		t.Errorf("offline crawl should refuse a folder link, found %d problems", len(ft.errs))
	}
}
