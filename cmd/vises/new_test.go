package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/sitefs"
)

// TestNewThenBuildGivesTheKit writes the kit with vises new (as a partner with the release
// binary alone would), builds it there, and compares the output with a build of the
// repository's kit: the same files, byte for byte. With --theme, the copy of the default theme
// changes nothing either. Then a partner's edits (title, a new page) build.
func TestNewThenBuildGivesTheKit(t *testing.T) {
	tmp := t.TempDir()
	ref := filepath.Join(tmp, "ref")
	if res := build.Run(build.Options{FS: sitefs.Dir(repoRoot(t)), Publish: true, Overrides: config.Overrides{OutDir: ref}}); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	want := tree(t, ref)
	for _, flags := range [][]string{nil, {"--theme"}} {
		kit := filepath.Join(tmp, "kit"+strings.Join(flags, ""))
		t.Chdir(tmp)
		if code, out, errs := runCLI(append(append([]string{"new"}, flags...), kit)...); code != 0 || !strings.Contains(out, "files written to") {
			t.Fatalf("vises new %v: exit %d: %s%s", flags, code, out, errs)
		}
		if _, err := os.Stat(filepath.Join(kit, "themes", "default", "layouts", "base.html")); (err == nil) != (flags != nil) {
			t.Errorf("vises new %v: themes/default/layouts/base.html written: %v", flags, err == nil)
		}
		t.Chdir(kit)
		if code, out, errs := runCLI("build", "--out", "public"); code != 0 {
			t.Fatalf("vises build in the new folder: exit %d: %s%s", code, out, errs)
		}
		have := tree(t, filepath.Join(kit, "public"))
		for name, data := range want {
			if h, ok := have[name]; !ok {
				t.Errorf("vises new %v: %s missing", flags, name)
			} else if !bytes.Equal(h, data) {
				t.Errorf("vises new %v: %s differs from the repository's build", flags, name)
			}
		}
		for name := range have {
			if _, ok := want[name]; !ok {
				t.Errorf("vises new %v: %s not in the repository's build", flags, name)
			}
		}
	}

	// A partner changes the title and adds a page.
	kit := filepath.Join(tmp, "kit")
	yaml, _ := os.ReadFile("site.yaml")
	yaml = bytes.Replace(yaml, []byte("fr: Kit VISES"), []byte("fr: Kit VISES du Réseau Exemple"), 1)
	if err := os.WriteFile(filepath.Join(kit, "site.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	page := "---\ntitle: Nos formations\n---\nLe réseau organise des sessions.\n"
	if err := os.WriteFile(filepath.Join(kit, "content", "fr", "a-propos", "reseau.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(kit)
	code, out, errs := runCLI("build", "--out", "public")
	if code != 0 {
		t.Fatalf("build after the partner's edits: exit %d: %s%s", code, out, errs)
	}
	html, err := os.ReadFile(filepath.Join(kit, "public", "fr", "a-propos", "reseau", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("Nos formations")) || !bytes.Contains(html, []byte("Kit VISES du Réseau Exemple")) {
		t.Error("the partner's page or title is not in the built page")
	}
}

// TestNewRefusesAFolderWithFiles checks that vises new writes nothing into a folder that holds
// anything, and leaves it as it was.
func TestNewRefusesAFolderWithFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("notes.txt", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI("new", ".")
	if code != 1 || !strings.Contains(errs, "not empty") {
		t.Errorf("vises new on a folder with a file: exit %d, %q", code, errs)
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after the refusal", len(entries))
	}
	if err := os.WriteFile("file", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI("new", "file"); code != 1 {
		t.Errorf("vises new on a file: exit %d", code)
	}
	for _, args := range [][]string{{"new"}, {"new", "a", "b"}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("vises %v: exit %d, want 2", args, code)
		}
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExamplePartnerTheme builds the kit, as vises new writes it, with the example partner
// theme of examples/partner-theme: no error nor warning, and its footer and strings are used.
func TestExamplePartnerTheme(t *testing.T) {
	kit := filepath.Join(t.TempDir(), "kit")
	if code, out, errs := runCLI("new", kit); code != 0 {
		t.Fatalf("vises new: exit %d: %s%s", code, out, errs)
	}
	src := filepath.Join(repoRoot(t), "examples", "partner-theme", "themes")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(kit, "themes", rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(kit, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yaml = bytes.Replace(yaml, []byte(`theme: ""`), []byte(`theme: reseau`), 1)
	yaml = bytes.Replace(yaml, []byte(`  name: ""`), []byte(`  name: Réseau Exemple`), 1)
	if err := os.WriteFile(filepath.Join(kit, "site.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(kit)
	code, out, errs := runCLI("build", "--out", "public")
	if code != 0 || errs != "" || !strings.Contains(out, "0 warnings") {
		t.Fatalf("build with the example theme: exit %d: %s%s", code, out, errs)
	}
	for page, want := range map[string]string{
		"public/fr/index.html": "rue de l’Exemple 1",
		"public/nl/index.html": "Voorbeeldstraat 1",
	} {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) || !strings.Contains(string(data), "CC BY-SA 4.0") {
			t.Errorf("%s: the example theme's footer is not used", page)
		}
	}
}

// TestDutchKitAlone builds the kit, as vises new writes it, in Dutch alone by changing
// languages and defaultLanguage only: no error nor warning, no French file, and no page, pack,
// slide, sitemap or search index that links to a French address of the kit.
func TestDutchKitAlone(t *testing.T) {
	kit := filepath.Join(t.TempDir(), "kit")
	if code, out, errs := runCLI("new", kit); code != 0 {
		t.Fatalf("vises new: exit %d: %s%s", code, out, errs)
	}
	name := filepath.Join(kit, "site.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(strings.Replace(string(data), "languages: [fr, nl]", "languages: [nl]", 1), "defaultLanguage: fr", "defaultLanguage: nl", 1)
	if yaml == string(data) || !strings.Contains(yaml, "languages: [nl]\ndefaultLanguage: nl") {
		t.Fatal("site.yaml's languages are not the ones this test changes")
	}
	if err := os.WriteFile(name, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(kit)
	code, out, errs := runCLI("build", "--out", "public", "--base-url", "https://reseau.example/kit/")
	if code != 0 || errs != "" || !strings.Contains(out, "(nl ") || !strings.Contains(out, "0 warnings") {
		t.Fatalf("Dutch-only build: exit %d: %s%s", code, out, errs)
	}
	// A link to a French address: fr/ as a path segment of a relative or root-relative link,
	// or the site's own address followed by fr/.
	french := regexp.MustCompile(`(?:href|src|action|data-[a-z-]+)="(?:[./]*|/kit/|https://reseau\.example/kit/)fr/|<loc>https://reseau\.example/kit/fr/|hreflang="fr"`)
	pages := 0
	for name, data := range tree(t, "public") {
		if strings.HasPrefix(name, "fr/") {
			t.Errorf("French file %s", name)
		}
		if m := french.Find(data); m != nil {
			t.Errorf("%s links to the French kit: %s", name, m)
		}
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	if pages < 100 {
		t.Errorf("only %d pages in the Dutch kit", pages)
	}
}
