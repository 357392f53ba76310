package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMeasurementRemovesOnlyItsOwnFolders runs the folder handling of a measurement with its
// output on a memory folder that holds a user's folder named as the bench names its own:
// finish removes the bench's folders and nothing else.
func TestMeasurementRemovesOnlyItsOwnFolders(t *testing.T) {
	site, memdir := t.TempDir(), t.TempDir()
	for name, data := range map[string]string{
		filepath.Join(site, "content", "fr", "page.md"):            "---\ntitle: Page\n---\n",
		filepath.Join(memdir, "vises-bench-10", "doc.txt"):         "mine",
		filepath.Join(memdir, "vises-bench-10", "public", "a.txt"): "mine too",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := newMeasurement(site, 10, memdir, "vises", "")
	out := m.out("public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	m.out("public") // the same folder again, removed first
	m.finish()
	for _, name := range []string{"doc.txt", "public/a.txt"} {
		if _, err := os.Stat(filepath.Join(memdir, "vises-bench-10", name)); err != nil {
			t.Errorf("the user's %s is gone: %v", name, err)
		}
	}
	if entries, _ := os.ReadDir(memdir); len(entries) != 1 {
		t.Errorf("the bench left %d folders in the memory folder", len(entries)-1)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "fr", "page.md")); err != nil {
		t.Error(err)
	}
}
