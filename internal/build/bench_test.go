package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vises/internal/benchsite"
	"vises/internal/config"
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

// BenchmarkPublishCold and BenchmarkPublishRebuildOnePage compare, on the generated site of
// the stage benchmarks, a published build into an empty folder with vises build run again
// after the text of one page changed (the stamp of the first build says what to render again).
func BenchmarkPublishCold(b *testing.B) {
	fsys := os.DirFS(stageSite(b))
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "public")
		if res := Run(Options{FS: fsys, Publish: true, Tool: "bench", Overrides: config.Overrides{OutDir: out}}); res.Diags.HasErrors() {
			b.Fatal(res.Diags.String())
		}
	}
}

func BenchmarkPublishRebuildOnePage(b *testing.B) {
	root := b.TempDir()
	if err := benchsite.Generate(root, benchPages()); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	o := Options{FS: os.DirFS(root), Publish: true, Tool: "bench", Overrides: config.Overrides{OutDir: out}}
	Run(o)
	file := filepath.Join(root, "content", "fr", "methode", "page-00003.md")
	orig, _ := os.ReadFile(file)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.WriteFile(file, append(append([]byte(nil), orig...), []byte("\nAjout "+strings.Repeat("x", i%40+1)+".\n")...), 0o644)
		if res := Run(o); res.Full || res.Diags.HasErrors() {
			b.Fatalf("full=%v %s", res.Full, res.Diags.String())
		}
	}
}
