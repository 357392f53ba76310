package benchsite

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGenerateIsDeterministicAndSized(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 70); err != nil {
		t.Fatal(err)
	}
	Generate(b, 70)
	n, total := 0, 0
	filepath.Walk(filepath.Join(a, "content"), func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		da, _ := os.ReadFile(p)
		db, _ := os.ReadFile(filepath.Join(b, rel))
		if string(da) != string(db) {
			t.Errorf("%s differs between two runs", rel)
		}
		if filepath.Base(p) != "_index.md" {
			n++
			total += len(da)
			if len(da) < 5000 || len(da) > 9000 {
				t.Errorf("%s: %d bytes", rel, len(da))
			}
		}
		return nil
	})
	if n != 140 {
		t.Errorf("%d pages, want 140", n)
	}
}
