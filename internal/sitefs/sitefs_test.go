package sitefs

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// tree writes a few files and folders, and returns their root.
func tree(t *testing.T) string {
	root := t.TempDir()
	files := map[string][]byte{
		"site.yaml":               []byte("languages: [fr, nl]\n"),
		"content/fr/_index.md":    []byte("---\ntitle: Accueil\n---\n"),
		"content/fr/empty.md":     nil,
		"content/nl/groot.md":     bytes.Repeat([]byte("maatschappelijke impact "), 20000), // bigger than a read
		"content/nl/precies.md":   bytes.Repeat([]byte("x"), 512),
		"themes/default/base.txt": []byte("é"),
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestFSConforms runs the standard checks of an fs.FS on a folder.
func TestFSConforms(t *testing.T) {
	root := tree(t)
	if err := fstest.TestFS(Dir(root), "site.yaml", "content/fr/_index.md", "content/nl/groot.md", "themes/default/base.txt"); err != nil {
		t.Fatal(err)
	}
	if Dir(root).Dir() != root {
		t.Errorf("Dir() = %q, want %q", Dir(root).Dir(), root)
	}
}

// TestReadFileMatchesDirFS compares ReadFile with os.DirFS's, bytes and errors.
func TestReadFileMatchesDirFS(t *testing.T) {
	root := tree(t)
	if err := os.Symlink("groot.md", filepath.Join(root, "content/nl/link.md")); err != nil {
		t.Fatal(err)
	}
	have, want := Dir(root), os.DirFS(root)
	for _, name := range []string{"site.yaml", "content/fr/_index.md", "content/fr/empty.md", "content/nl/groot.md", "content/nl/precies.md",
		"content/nl/link.md", "themes/default/base.txt", "missing.md", "content/missing/x.md", "content", "../outside", "/abs", "a//b", "."} {
		h, herr := have.ReadFile(name)
		w, werr := fs.ReadFile(want, name)
		if !bytes.Equal(h, w) {
			t.Errorf("%s: %d bytes, os.DirFS %d", name, len(h), len(w))
		}
		if (herr == nil) != (werr == nil) || herr != nil && herr.Error() != werr.Error() {
			t.Errorf("%s: error %v, os.DirFS %v", name, herr, werr)
		}
	}
}

// TestEmptyRootIsRefusedAsByDirFS checks that a tree with no folder reads nothing, with
// os.DirFS's error.
func TestEmptyRootIsRefusedAsByDirFS(t *testing.T) {
	_, herr := Dir("").ReadFile("site.yaml")
	_, werr := fs.ReadFile(os.DirFS(""), "site.yaml")
	if herr == nil || werr == nil || herr.Error() != werr.Error() {
		t.Errorf("empty root: error %v, os.DirFS %v", herr, werr)
	}
}
