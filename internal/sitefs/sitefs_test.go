package sitefs

import (
	"bytes"
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
