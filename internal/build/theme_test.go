package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"vises/internal/benchsite"
	"vises/themes"
)

// TestTemplateEditsShowOnEveryPage edits, one at a time, base.html and each partial that
// every page shows, by inserting a marker in it, and builds a generated site and the kit with
// the edited file in each place a template can come from: the theme embedded in the binary,
// the site's own themes/default folder and a partner theme. Every page that shows the
// template's output (found by an element it writes, in a build without the edit) must hold the
// marker: a layout has no other source than its template.
func TestTemplateEditsShowOnEveryPage(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 60); err != nil {
		t.Fatal(err)
	}
	kit := copyKit(t)
	// The kit's copy of the default theme is the embedded one; without it, the embedded
	// theme is the one in effect.
	if err := os.RemoveAll(filepath.Join(kit, "themes/default")); err != nil {
		t.Fatal(err)
	}
	embedded := fstest.MapFS{}
	if err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		embedded[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// Each template, and an element it writes on the pages that show it.
	templates := []struct{ file, shows string }{
		{"base.html", `class="skip-link"`},
		{"partials/header.html", `class="site-header"`},
		{"partials/alternates.html", `rel="canonical"`},
		{"partials/breadcrumbs.html", `class="breadcrumbs"`},
		{"partials/sidebar.html", `class="section-nav"`},
		{"partials/navlist.html", `class="section-nav"`},
		{"partials/navitem.html", `class="section-nav"`},
		{"partials/toc.html", `class="toc"`},
		{"partials/prevnext.html", `class="prev-next"`},
		{"partials/footer.html", `class="site-footer"`},
	}
	build := func(root string, def fs.FS) map[string][]byte {
		t.Helper()
		out := memory{}
		res := Run(Options{FS: os.DirFS(root), Out: out, DefaultTheme: def})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.String())
		}
		return out
	}
	for _, root := range []string{gen, kit} {
		before := build(root, nil)
		config, err := os.ReadFile(filepath.Join(root, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range templates {
			orig := embedded["layouts/"+tc.file].Data
			marker := "MARKER-" + strings.NewReplacer("/", "-", ".", "-").Replace(tc.file)
			edited := withMarker(string(orig), marker)
			for _, where := range []string{"embedded", "themes/default", "themes/partner"} {
				var def fs.FS
				var file string
				switch where {
				case "embedded":
					def = fstest.MapFS{"layouts/" + tc.file: {Data: []byte(edited)}}
					for p, f := range embedded {
						if _, ok := def.(fstest.MapFS)[p]; !ok {
							def.(fstest.MapFS)[p] = f
						}
					}
				case "themes/default", "themes/partner":
					file = filepath.Join(root, where, "layouts", tc.file)
					if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
						t.Fatal(err)
					}
					if where == "themes/partner" {
						cfg := regexp.MustCompile(`(?m)^theme:.*\n?`).ReplaceAll(config, nil)
						if err := os.WriteFile(filepath.Join(root, "site.yaml"), append(cfg, "\ntheme: partner\n"...), 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
				after := build(root, def)
				if file != "" {
					if err := os.Remove(file); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(root, "site.yaml"), config, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				shown, missing := 0, 0
				for name, data := range before {
					if !strings.HasSuffix(name, ".html") || !strings.Contains(string(data), tc.shows) {
						continue
					}
					shown++
					if !strings.Contains(string(after[name]), marker) {
						if missing++; missing <= 3 {
							t.Errorf("%s, %s edited in %s: %s lacks the marker", filepath.Base(root), tc.file, where, name)
						}
					}
				}
				if missing > 3 {
					t.Errorf("%s, %s edited in %s: %d more pages lack the marker", filepath.Base(root), tc.file, where, missing-3)
				}
				if shown < 10 {
					t.Errorf("%s: only %d pages show %s", filepath.Base(root), shown, tc.file)
				}
			}
		}
	}
}

// withMarker inserts marker at the start of a template's output: after the first line of a
// file that defines a template, such as base.html, else at its start.
func withMarker(tmpl, marker string) string {
	if strings.HasPrefix(tmpl, "{{define") {
		i := strings.Index(tmpl, "\n") + 1
		return tmpl[:i] + marker + "\n" + tmpl[i:]
	}
	return marker + "\n" + tmpl
}
