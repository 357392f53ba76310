package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"vises/internal/config"
)

// fingerprint matches the content hash in the names of CSS and JS files. Goldens show it as
// HASH, so that editing the theme's CSS does not change every golden page; the publish tests
// check the fingerprints themselves.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)\b`)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/*.txtar")

// site returns the files of an archive that are not expectations, as a file system.
func site(a *txtar.Archive) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return m
}

// readTree returns every file below dir, by slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestGolden builds each testdata/*.txtar site and compares the output, or the errors, with
// the archive's want/ sections: want/errors holds the diagnostics of a failing build,
// want/files the list of files written, and want/public/NAME the content of a written page, CSV file or host file (_headers, .htaccess).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden sites in testdata/")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			res := Run(Options{FS: site(a), Publish: true,
				Overrides: config.Overrides{OutDir: out}})
			have := map[string][]byte{}
			if msgs := res.Diags.String(); msgs != "" {
				have["want/errors"] = []byte(msgs)
			}
			if !res.Diags.HasErrors() {
				tree := readTree(t, out)
				have["want/files"] = fingerprint.ReplaceAll([]byte(strings.Join(sortedKeys(tree), "\n")+"\n"), []byte(".HASH.$1"))
				for name, data := range tree {
					if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".csv") || name == "sitemap.xml" || name == "robots.txt" || name == "_headers" || name == ".htaccess" {
						have["want/public/"+name] = fingerprint.ReplaceAll(data, []byte(".HASH.$1"))
					}
				}
			} else if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build wrote %s", out)
			}
			if *update {
				var keep []txtar.File
				for _, f := range a.Files {
					if !strings.HasPrefix(f.Name, "want/") {
						keep = append(keep, f)
					}
				}
				for _, name := range sortedKeys(have) {
					keep = append(keep, txtar.File{Name: name, Data: have[name]})
				}
				a.Files = keep
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string][]byte{}
			for _, f := range a.Files {
				if strings.HasPrefix(f.Name, "want/") {
					want[f.Name] = f.Data
				}
			}
			for _, name := range sortedKeys(want) {
				if h, ok := have[name]; !ok {
					t.Errorf("%s: not produced", name)
				} else if !bytes.Equal(h, want[name]) {
					t.Errorf("%s differs:\n%s", name, diffLines(string(want[name]), string(h)))
				}
			}
			for _, name := range sortedKeys(have) {
				if _, ok := want[name]; !ok && (name == "want/errors" || name == "want/files") {
					t.Errorf("%s: produced but not expected:\n%s", name, have[name])
				}
			}
		})
	}
}

// diffLines shows the first lines that differ, for a readable failure.
func diffLines(want, have string) string {
	w, h := strings.Split(want, "\n"), strings.Split(have, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(h); i++ {
		var wl, hl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(h) {
			hl = h[i]
		}
		if wl != hl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  have: " + hl + "\n")
			if shown++; shown == 5 {
				break
			}
		}
	}
	return b.String()
}
