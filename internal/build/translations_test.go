package build

import (
	"bytes"
	"testing"
	"testing/fstest"
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
