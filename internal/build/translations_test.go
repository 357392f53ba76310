package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"vises/internal/config"
	"vises/internal/translation"
)

// TestServeShowsATranslationGoingStale edits the source of a current translation between two
// builds of one Builder (as serve does): the translation, whose file did not change, is
// rendered again with its notice, as a build from scratch renders it.
func TestServeShowsATranslationGoingStale(t *testing.T) {
	fsys := archive(t, "translations.txtar")
	out := memory{}
	b := NewBuilder(Options{FS: fsys, Out: out, Dev: true})
	if res := b.Build(); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	notice := []byte("De Franse versie van deze pagina werd gewijzigd")
	if bytes.Contains(out["nl/index.html"], notice) {
		t.Fatal("the current Dutch home page says it is stale")
	}
	f := fsys["content/fr/_index.md"]
	fsys["content/fr/_index.md"] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte("Bonjour."), []byte("Bonjour à toutes et à tous."), 1)}
	if res := b.Build(); res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	if !bytes.Contains(out["nl/index.html"], notice) {
		t.Error("after its source changed, the Dutch home page does not say it is stale")
	}
	want := memory{}
	NewBuilder(Options{FS: fsys, Out: want, Dev: true}).Build()
	for name, data := range want {
		if !bytes.Equal(out[name], data) {
			t.Errorf("%s differs from a build from scratch", name)
		}
	}
}

// TestNewDatesAreNotUpToDate builds a stamped output, then changes the dates a page shows
// without changing any page (a new dates record, another history): the output is not up to
// date, and the new date is written.
func TestNewDatesAreNotUpToDate(t *testing.T) {
	fsys := archive(t, "translations.txtar")
	out := filepath.Join(t.TempDir(), "public")
	build := func(h translation.History) *Result {
		t.Helper()
		res := Run(Options{FS: fsys, Publish: true, Tool: "v1", History: h, Overrides: config.Overrides{OutDir: out}})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.String())
		}
		return res
	}
	build(nil)
	if !build(nil).UpToDate {
		t.Fatal("same inputs: not up to date")
	}
	rec := fsys["translations/dates.tsv"]
	fsys["translations/dates.tsv"] = &fstest.MapFile{Data: bytes.Replace(rec.Data, []byte("2026-02-01T10:00:00Z"), []byte("2026-04-01T10:00:00Z"), 1)}
	if build(nil).UpToDate {
		t.Error("a new dates record: up to date")
	}
	if page, _ := os.ReadFile(filepath.Join(out, "fr", "index.html")); !bytes.Contains(page, []byte(`datetime="2026-04-01"`)) {
		t.Error("the new recorded date is not shown")
	}
	h := translation.History{"content/fr/_index.md": time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
	if build(h).UpToDate {
		t.Error("a new history: up to date")
	}
	if page, _ := os.ReadFile(filepath.Join(out, "fr", "index.html")); !bytes.Contains(page, []byte(`datetime="2026-05-01"`)) {
		t.Error("the date of the history is not shown")
	}
}
