package build

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"vises/internal/benchsite"
	"vises/internal/config"
)

// TestUpToDate rebuilds a published site from the same inputs and checks that nothing is
// written and the first build's report is given again; then that each kind of change (a page,
// the command line, the program, a file of the output touched or removed, a failed build in
// between) is noticed, and that a file added to the output makes the build refuse the folder.
func TestUpToDate(t *testing.T) {
	a, err := txtar.ParseFile("testdata/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := site(a)
	out := filepath.Join(t.TempDir(), "public")
	build := func(fsys fstest.MapFS, tool, baseURL string) *Result {
		t.Helper()
		res := Run(Options{FS: fsys, Publish: true, Tool: tool,
			Overrides: config.Overrides{OutDir: out, BaseURL: baseURL}})
		if res.Diags.HasErrors() {
			t.Fatalf("build failed:\n%s", res.Diags.String())
		}
		return res
	}
	mtimes := func() map[string]int64 {
		m := map[string]int64{}
		for name := range readTree(t, out) {
			fi, err := os.Stat(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			m[name] = fi.ModTime().UnixNano()
		}
		return m
	}

	first := build(fsys, "v1", "")
	if first.UpToDate {
		t.Fatal("first build: up to date before anything was built")
	}
	if first.Diags.Count(1) == 0 {
		t.Fatal("the test site should give warnings (a page without translation) to replay")
	}
	before, times := readTree(t, out), mtimes()

	again := build(fsys, "v1", "")
	if !again.UpToDate {
		t.Fatal("same inputs: the output should be up to date")
	}
	if !reflect.DeepEqual(again.Pages, first.Pages) || again.Files != first.Files || again.Diags.String() != first.Diags.String() {
		t.Errorf("up-to-date report differs: pages %v files %d diags\n%s\nwant pages %v files %d diags\n%s",
			again.Pages, again.Files, again.Diags.String(), first.Pages, first.Files, first.Diags.String())
	}
	if !reflect.DeepEqual(mtimes(), times) || !reflect.DeepEqual(readTree(t, out), before) {
		t.Error("an up-to-date build touched the output")
	}

	// Each change is noticed, and the build after it is up to date again.
	steps := []struct {
		name   string
		change func() (tool, baseURL string)
	}{
		{"page edited", func() (string, string) {
			f := fsys["content/fr/methode/cadrer.md"]
			f.Data = append(bytes.Clone(f.Data), []byte("\nUne phrase de plus.\n")...)
			return "v1", ""
		}},
		{"base URL on the command line", func() (string, string) { return "v1", "https://other.example/" }},
		{"another vises", func() (string, string) { return "v2", "https://other.example/" }},
		{"output file edited", func() (string, string) {
			if err := os.WriteFile(filepath.Join(out, "fr", "index.html"), []byte("edited"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "v2", "https://other.example/"
		}},
		{"output file removed", func() (string, string) {
			if err := os.Remove(filepath.Join(out, "404.html")); err != nil {
				t.Fatal(err)
			}
			return "v2", "https://other.example/"
		}},
	}
	for _, s := range steps {
		tool, base := s.change()
		if res := build(fsys, tool, base); res.UpToDate {
			t.Errorf("%s: taken as up to date", s.name)
		}
		if res := build(fsys, tool, base); !res.UpToDate {
			t.Errorf("%s: the build after the rebuild is not up to date", s.name)
		}
	}
	// A file added to the output is not the build's: the build refuses the folder and keeps
	// the file, even when the folder is otherwise up to date.
	stray := filepath.Join(out, "stray.txt")
	if err := os.WriteFile(stray, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := Run(Options{FS: fsys, Publish: true, Tool: "v2",
		Overrides: config.Overrides{OutDir: out, BaseURL: "https://other.example/"}}); !res.Diags.HasErrors() || res.UpToDate {
		t.Errorf("a folder with a file added was built into or taken as up to date:\n%s", res.Diags.String())
	}
	if data, err := os.ReadFile(stray); err != nil || string(data) != "x" {
		t.Errorf("the file added to the output is gone or changed: %q, %v", data, err)
	}
	if err := os.Remove(stray); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, out)
	if _, ok := tree["404.html"]; !ok {
		t.Error("the removed file was not written again")
	}
	if !bytes.Contains(tree["fr/methode/cadrer/index.html"], []byte("Une phrase de plus.")) {
		t.Error("the edited page was not rendered again")
	}

	// A failed build writes nothing, so the output it left is still up to date afterwards.
	good := fsys["content/fr/methode/cadrer.md"].Data
	fsys["content/fr/methode/cadrer.md"].Data = []byte("---\ntitle: [unclosed\n---\n")
	if res := Run(Options{FS: fsys, Publish: true, Tool: "v2",
		Overrides: config.Overrides{OutDir: out, BaseURL: "https://other.example/"}}); !res.Diags.HasErrors() {
		t.Fatal("the broken page should fail the build")
	}
	fsys["content/fr/methode/cadrer.md"].Data = good
	if res := build(fsys, "v2", "https://other.example/"); !res.UpToDate {
		t.Error("after a failed build, the untouched output should still be up to date")
	}

	// Without a tool name, nothing is stamped: every build renders.
	if res := build(fsys, "", "https://other.example/"); res.UpToDate {
		t.Error("a build without Tool was taken as up to date")
	}
}

// TestRebuildAfterEditReplacesOnlyWhatChanged edits the text of one page of a published site
// and builds again: only the page, its language's search index (and packs holding the page)
// are rendered and written, every other file is left as it was (same modification time), and
// the folder is the same, byte for byte, as a fresh build's.
func TestRebuildAfterEditReplacesOnlyWhatChanged(t *testing.T) {
	gen := t.TempDir()
	if err := benchsite.Generate(gen, 40); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build := func(out string) *Result {
		t.Helper()
		res := Run(Options{FS: os.DirFS(gen), Publish: true, Tool: "v1", Overrides: config.Overrides{OutDir: out}})
		if res.Diags.HasErrors() {
			t.Fatalf("build failed:\n%s", res.Diags.String())
		}
		return res
	}
	mtimes := func() map[string]int64 {
		m := map[string]int64{}
		for name := range readTree(t, out) {
			fi, err := os.Stat(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			m[name] = fi.ModTime().UnixNano()
		}
		return m
	}
	first := build(out)
	times := mtimes()
	page := filepath.Join(gen, "content", "fr", "methode", "page-00003.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(src, "\nUne phrase ajoutée.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	again := build(out)
	if again.Full || again.UpToDate {
		t.Fatalf("after editing one page's text: full %v, up to date %v; want only that page rendered", again.Full, again.UpToDate)
	}
	// The page, and the search index of its language: its titles and its parts (texts and
	// snippets), whose bounds move with the texts.
	others := 0
	for _, name := range again.Written {
		if !strings.HasPrefix(name, "fr/search-") {
			others++
		}
	}
	if others > 1 || again.Files != len(again.Written) {
		t.Errorf("after editing one page: wrote %v, reports %d files written", again.Written, again.Files)
	}
	after := mtimes()
	rewritten := 0
	for name, mt := range after {
		if mt != times[name] {
			rewritten++
			if !slices.Contains(again.Written, name) {
				t.Errorf("%s was rewritten, but the build did not render it", name)
			}
		}
	}
	if rewritten == 0 || rewritten > len(again.Written) {
		t.Errorf("%d files rewritten, %d rendered", rewritten, len(again.Written))
	}
	fresh := filepath.Join(t.TempDir(), "public")
	build(fresh)
	want, got := readTree(t, fresh), readTree(t, out)
	if len(want) != len(got) {
		t.Fatalf("%d files after the rebuild, %d in a fresh build", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
	if third := build(out); !third.UpToDate || third.Files != first.Files {
		t.Errorf("built again without changes: up to date %v, %d files (first build %d)", third.UpToDate, third.Files, first.Files)
	}
}
