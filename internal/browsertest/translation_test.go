package browsertest

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"vises/internal/build"
	"vises/internal/config"
)

// TestTranslationNoticesAreAccessible builds the golden site of the translators' loop and runs
// axe-core's WCAG and best-practice rules on a stale translation, on the stand-in for a page
// missing in Dutch (its French text inside a Dutch page) and on a page with its date and edit
// link; the stand-in's text is French to the browser, its notice Dutch.
func TestTranslationNoticesAreAccessible(t *testing.T) {
	a, err := txtar.ParseFile(filepath.Join(repoRoot(), "internal", "build", "testdata", "translations.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if res := build.Run(build.Options{FS: fsys, Publish: true, Overrides: config.Overrides{OutDir: out}}); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	b := NewBrowser(t, 360, 800)
	for _, p := range []string{"nl/gids/", "nl/seul/", "fr/date/"} {
		b.Open(t, srv.URL+"/"+p)
		for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
			t.Errorf("%s: %s (%s): %s", p, v.ID, v.Help, strings.Join(v.Nodes, ", "))
		}
	}
	b.Open(t, srv.URL+"/nl/seul/")
	if got := Eval[string](t, b, `document.querySelector(".prose").closest("[lang]").lang + " " + document.querySelector(".notice-untranslated").closest("[lang]").lang`); got != "fr nl" {
		t.Errorf("languages of the stand-in's text and notice: %q, want \"fr nl\"", got)
	}
}
