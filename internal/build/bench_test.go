package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyKit copies the repository's kit into a temporary folder.
func copyKit(tb testing.TB) string {
	tb.Helper()
	dst := tb.TempDir()
	for _, dir := range []string{"content", "themes", "locales", "static", "data"} {
		filepath.Walk(filepath.Join("../..", dir), func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel("../..", p)
			if fi.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, _ := os.ReadFile(p)
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
	}
	data, _ := os.ReadFile("../../site.yaml")
	os.WriteFile(filepath.Join(dst, "site.yaml"), data, 0o644)
	return dst
}

// BenchmarkKitRebuildOnePage measures a serve rebuild after the text of one page changed.
func BenchmarkKitRebuildOnePage(b *testing.B) {
	root := copyKit(b)
	bld := NewBuilder(Options{FS: os.DirFS(root), Out: memory{}, Dev: true})
	bld.Build()
	file := filepath.Join(root, "content", "fr", "methode", "analyser.md")
	orig, _ := os.ReadFile(file)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.WriteFile(file, append(append([]byte(nil), orig...), []byte("\nAjout "+strings.Repeat("x", i%40+1)+".\n")...), 0o644)
		if res := bld.Build(); res.Full || res.Diags.HasErrors() {
			b.Fatalf("full=%v %s", res.Full, res.Diags.String())
		}
	}
}

// BenchmarkKitFullBuild measures a build of the kit from scratch, without writing.
func BenchmarkKitFullBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Run(Options{FS: os.DirFS("../.."), Out: memory{}})
	}
}
