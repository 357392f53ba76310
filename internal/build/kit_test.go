package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vises/internal/config"
	"vises/internal/diag"
)

// The tests in this file run on the repository's own kit (../../).

func TestKitChecksClean(t *testing.T) {
	res := Run(Options{FS: os.DirFS("../.."), Check: true})
	if n := res.Diags.Count(diag.Error) + res.Diags.Count(diag.Warning); n > 0 {
		t.Fatalf("vises check on the kit: %d problems:\n%s", n, res.Diags.String())
	}
	for _, lang := range []string{"fr", "nl"} {
		if res.Pages[lang] != 0 {
			t.Errorf("check published %d pages", res.Pages[lang])
		}
	}
}

// TestKitCrawl builds the kit at a domain root, under a sub-path and for offline use, and
// resolves every internal link of the output.
func TestKitCrawl(t *testing.T) {
	modes := []struct {
		name     string
		o        config.Overrides
		basePath string
	}{
		{"root", config.Overrides{BaseURL: "https://kit.example/"}, "/"},
		{"sub-path", config.Overrides{BaseURL: "https://partner.example/outils/vises/"}, "/outils/vises/"},
		{"offline", config.Overrides{BaseURL: "https://kit.example/", Offline: true}, "/"},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			m.o.OutDir = out
			res := Run(Options{FS: os.DirFS("../.."), Publish: true, Overrides: m.o})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.String())
			}
			tree := readTree(t, out)
			if n := crawl(t, tree, m.basePath, m.o.Offline); n < 1000 {
				t.Errorf("only %d links checked", n)
			}
			for _, want := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "fr/index.html", "nl/index.html"} {
				if _, ok := tree[want]; !ok {
					t.Errorf("no %s", want)
				}
			}
			if !strings.Contains(string(tree["robots.txt"]), "Sitemap: https://") {
				t.Error("robots.txt does not point at the sitemap")
			}
		})
	}
}
