package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// memory is an Output that keeps files in a map, as serve does.
type memory map[string][]byte

func (m memory) Write(name string, data []byte) error {
	m[name] = append([]byte(nil), data...)
	return nil
}

func TestBuilderRendersOnlyWhatChanged(t *testing.T) {
	fsys := archive(t, "basic.txtar")
	out := memory{}
	b := NewBuilder(Options{FS: fsys, Out: out, Dev: true})
	res := b.Build()
	if res.Diags.HasErrors() || !res.Full {
		t.Fatalf("first build: full=%v %s", res.Full, res.Diags.String())
	}

	edit := func(name, from, to string) {
		t.Helper()
		f := fsys[name]
		if !bytes.Contains(f.Data, []byte(from)) {
			t.Fatalf("%s has no %q", name, from)
		}
		fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(from), []byte(to), 1)}
	}
	// fresh builds the same files from scratch, to compare with the incremental result.
	fresh := func() memory {
		m := memory{}
		NewBuilder(Options{FS: fsys, Out: m, Dev: true}).Build()
		return m
	}
	same := func(step string) {
		t.Helper()
		want := fresh()
		for name, data := range want {
			if !bytes.Equal(out[name], data) {
				t.Errorf("%s: %s differs from a build from scratch", step, name)
			}
		}
	}

	// The text of a page: that page alone is rendered again.
	edit("content/fr/methode/cadrer.md", "Écrivez-la !", "Écrivez-la, puis relisez-la !")
	res = b.Build()
	if res.Full || strings.Join(res.Written, ",") != "fr/methode/cadrer/index.html,fr/search-index.js,fr/search-snippets-0.js,fr/search-text-0.js" {
		t.Errorf("text edit: full=%v, wrote %v", res.Full, res.Written)
	}
	if !bytes.Contains(out["fr/methode/cadrer/index.html"], []byte("puis relisez-la")) {
		t.Error("the edited page was not updated")
	}
	same("text edit")

	// Nothing changed: nothing is written.
	if res = b.Build(); res.Full || len(res.Written) != 0 {
		t.Errorf("no change: full=%v, wrote %v", res.Full, res.Written)
	}

	// A title shows in other pages (navigation, lists): everything is rendered again.
	edit("content/fr/methode/collecter.md", "title: Collecter", "title: Collecter les données")
	if res = b.Build(); !res.Full {
		t.Error("title edit: not a full build")
	}
	same("title edit")

	// A new heading is a new anchor other pages may link to: full build.
	edit("content/fr/methode/collecter.md", "Un tableau :", "## Nouveau\n\nUn tableau :")
	if res = b.Build(); !res.Full {
		t.Error("new heading: not a full build")
	}

	// A new page, a template, a UI string: full builds.
	fsys["content/fr/methode/nouvelle.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Nouvelle\n---\nTexte.\n")}
	if res = b.Build(); !res.Full || out["fr/methode/nouvelle/index.html"] == nil {
		t.Error("new page: not a full build")
	}
	fsys["themes/default/layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>{{.T "skip"}}</footer>`)}
	if res = b.Build(); !res.Full || !bytes.Contains(out["fr/index.html"], []byte("<footer>Aller au contenu</footer>")) {
		t.Error("template change: not a full build")
	}
	same("template change")

	// A build with errors renders nothing new; the next good build is full.
	edit("content/fr/methode/cadrer.md", "title:", "title: [cassé")
	before := append([]byte(nil), out["fr/methode/cadrer/index.html"]...)
	if res = b.Build(); !res.Diags.HasErrors() {
		t.Fatal("broken front matter: no error")
	}
	if !bytes.Equal(out["fr/methode/cadrer/index.html"], before) || out["fr/methode/nouvelle/index.html"] == nil {
		t.Error("a failed build changed the output")
	}
	edit("content/fr/methode/cadrer.md", "title: [cassé", "title:")
	if res = b.Build(); res.Diags.HasErrors() || !res.Full {
		t.Errorf("after the fix: full=%v %s", res.Full, res.Diags.String())
	}
	same("after a failed build")
}
