package kitfs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestWriteCopiesTreesAndRefusesAFolderWithFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "kit")
	kit := fstest.MapFS{"site.yaml": {Data: []byte("a")}, "content/fr/_index.md": {Data: []byte("b")}}
	theme := fstest.MapFS{"layouts/base.html": {Data: []byte("c")}}
	n, err := Write(dir, Tree{"", kit}, Tree{"themes/default", theme})
	if err != nil || n != 3 {
		t.Fatalf("Write: %d files, %v", n, err)
	}
	for name, want := range map[string]string{"site.yaml": "a", "content/fr/_index.md": "b", "themes/default/layouts/base.html": "c"} {
		if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(data) != want {
			t.Errorf("%s: %q, %v", name, data, err)
		}
	}
	var ne *NotEmptyError
	if _, err := Write(dir, Tree{"", fstest.MapFS{"site.yaml": {Data: []byte("other")}}}); !errors.As(err, &ne) {
		t.Errorf("a second Write into the folder: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "site.yaml")); string(data) != "a" {
		t.Error("a file was replaced")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if _, err := Write(empty, Tree{"", kit}); err != nil {
		t.Errorf("into an empty folder: %v", err)
	}
}
