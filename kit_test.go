package vises

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// TestKitIsTheRepositorysKit checks that the embedded kit holds every file of site.yaml,
// content/, data/ and static/ as they are in the repository, and that no other folder that a
// build reads (locales/) exists without being embedded.
func TestKitIsTheRepositorysKit(t *testing.T) {
	repo, kit := os.DirFS("."), Kit()
	n := 0
	for _, top := range append([]string{"site.yaml"}, KitFolders...) {
		err := fs.WalkDir(repo, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			want, _ := fs.ReadFile(repo, p)
			have, err := fs.ReadFile(kit, p)
			if err != nil || !bytes.Equal(have, want) {
				t.Errorf("%s: not embedded as it is in the repository (%v)", p, err)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 100 {
		t.Errorf("only %d files in the kit", n)
	}
	if _, err := os.Stat("locales"); err == nil {
		t.Error("the repository has locales/: embed it in kit.go and list it in KitFolders")
	}
}
