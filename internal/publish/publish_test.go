package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// writeFiles writes files (slash-separated path -> content) below dir; a path ending in "/"
// is an empty folder.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree returns every file and folder below dir, hidden ones included: files with their
// content, folders as "/".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = "/"
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// publishFiles builds files into out as a build does, and fails the test on an error.
func publishFiles(t *testing.T, out string, files map[string]string) {
	t.Helper()
	if err := tryPublish(out, files); err != nil {
		t.Fatal(err)
	}
}

func tryPublish(out string, files map[string]string) error {
	s, err := NewStaging(out)
	if err != nil {
		return err
	}
	defer s.Abort()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.Write(name, []byte(files[name])); err != nil {
			return err
		}
	}
	return s.Commit()
}

var site = map[string]string{
	"index.html":       "<p>accueil",
	"fr/index.html":    "<p>fr",
	"css/site.abc.css": "body{}",
}

// TestOwned checks which output folders a build may replace, and what it says of the others.
func TestOwned(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string // "" when the folder may be replaced, else (part of) the error
		built bool   // the error is a *ForeignError of a folder an earlier build wrote
	}{
		{"missing folder", func(t *testing.T, out string) {}, "", false},
		{"empty folder", func(t *testing.T, out string) { writeFiles(t, out, map[string]string{"/": ""}) }, "", false},
		{"earlier build", func(t *testing.T, out string) { publishFiles(t, out, site) }, "", false},
		{"earlier build, a file edited and one removed", func(t *testing.T, out string) {
			publishFiles(t, out, site)
			writeFiles(t, out, map[string]string{"fr/index.html": "edited by hand"})
			os.Remove(filepath.Join(out, "index.html"))
		}, "", false},
		{"earlier build stopped while it swapped folders", func(t *testing.T, out string) {
			publishFiles(t, out, site)
			writeFiles(t, filepath.Dir(out), map[string]string{".out.manifest.next": "3 1 nl/index.html\n"})
			writeFiles(t, out, map[string]string{"nl/index.html": "<p>nl"})
		}, "", false},
		{"earlier version's manifest", func(t *testing.T, out string) {
			writeFiles(t, out, map[string]string{"a b.html": "x", "fr/index.html": "y"})
			writeFiles(t, filepath.Dir(out), map[string]string{".out.manifest": strings.Repeat("0", 64) + " 1 17 a b.html\n" +
				strings.Repeat("ab", 32) + " 1 17 fr/index.html\n"})
		}, "", false},
		{"a user's folder", func(t *testing.T, out string) {
			writeFiles(t, out, map[string]string{"photo.jpg": "jpeg", "notes/doc.txt": "notes"})
		}, "--out OUT: the folder holds files that vises did not write (notes/doc.txt, photo.jpg); choose an empty or new folder, or the folder of an earlier vises build", false},
		{"a user's folder of many files", func(t *testing.T, out string) {
			writeFiles(t, out, map[string]string{"a.jpg": "", "b.jpg": "", "c.jpg": "", "d.jpg": "", "e/": ""})
		}, "(a.jpg, b.jpg, c.jpg, …)", false},
		{"a user's empty folder in it", func(t *testing.T, out string) {
			writeFiles(t, out, map[string]string{"sub/": ""})
		}, "(sub/)", false},
		{"earlier build with a user's files added", func(t *testing.T, out string) {
			publishFiles(t, out, site)
			writeFiles(t, out, map[string]string{"fr/photo.jpg": "jpeg", "mine/": ""})
		}, "--out OUT: the folder holds files that the vises build that wrote it did not write (fr/photo.jpg, mine/); move them out of it, or choose another folder", true},
		{"earlier build's file replaced by a link", func(t *testing.T, out string) {
			publishFiles(t, out, site)
			os.Remove(filepath.Join(out, "index.html"))
			if err := os.Symlink("/etc/hostname", filepath.Join(out, "index.html")); err != nil {
				t.Fatal(err)
			}
		}, "(index.html)", true},
		{"a manifest but the user's own folder", func(t *testing.T, out string) {
			publishFiles(t, out, site)
			os.RemoveAll(out)
			writeFiles(t, out, map[string]string{"photo.jpg": "jpeg"})
		}, "(photo.jpg)", true},
		{"a file", func(t *testing.T, out string) { writeFiles(t, filepath.Dir(out), map[string]string{"out": "text"}) },
			"--out OUT is a file, not a folder", false},
		{"a symbolic link", func(t *testing.T, out string) {
			target := filepath.Join(filepath.Dir(out), "target")
			writeFiles(t, target, map[string]string{"index.html": "x"})
			if err := os.Symlink(target, out); err != nil {
				t.Fatal(err)
			}
		}, "--out OUT is a symbolic link (to ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			tt.setup(t, out)
			err := Owned(out)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Owned: %v", err)
				}
				return
			}
			want := strings.ReplaceAll(tt.want, "OUT", out)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("Owned: %v\nwant %q", err, want)
			}
			var fe *ForeignError
			if errors.As(err, &fe) && fe.Built != tt.built {
				t.Errorf("Built = %v, want %v", fe.Built, tt.built)
			}
		})
	}
}

// TestBuildKeepsAUsersFolder publishes onto folders that hold files vises did not write: the
// build fails and every file is still there, with nothing left beside the folder.
func TestBuildKeepsAUsersFolder(t *testing.T) {
	users := map[string]map[string]string{
		"a user's folder": {"photo.jpg": "jpeg", "notes/doc.txt": "notes", "empty/": ""},
		"a file":          nil,
	}
	for name, files := range users {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			if files == nil {
				writeFiles(t, parent, map[string]string{"out": "a user's text"})
			} else {
				writeFiles(t, out, files)
			}
			before := tree(t, parent)
			// Refused before the build's work, not only when it is put in place.
			if s, err := NewStaging(out); err == nil {
				s.Abort()
				t.Error("NewStaging accepted the folder")
			}
			if err := tryPublish(out, site); err == nil {
				t.Error("publishing replaced the folder")
			}
			if after := tree(t, parent); !reflect.DeepEqual(after, before) {
				t.Errorf("the folder and what is beside it changed:\n%v\nwant\n%v", after, before)
			}
		})
	}
}

// TestCommitKeepsFilesAddedDuringTheBuild adds a file to the output while a build runs: the
// build fails at its end, and the output, the added file included, stays as it was.
func TestCommitKeepsFilesAddedDuringTheBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	publishFiles(t, out, site)
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.Write("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, out, map[string]string{"photo.jpg": "jpeg"})
	before := tree(t, out)
	var fe *ForeignError
	if err := s.Commit(); !errors.As(err, &fe) {
		t.Errorf("Commit: %v, want a *ForeignError", err)
	}
	if after := tree(t, out); !reflect.DeepEqual(after, before) {
		t.Errorf("the output changed:\n%v\nwant\n%v", after, before)
	}
	if _, err := os.Stat(s.dir); err == nil {
		t.Error("the staging folder is left behind")
	}
}

// TestStagingFoldersOfStoppedBuilds checks that a build removes what stopped builds of the same
// output folder left beside it (marked, unlocked folders named as builds name them) and
// nothing else.
func TestStagingFoldersOfStoppedBuilds(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	publishFiles(t, out, site)

	// A build stopped while it wrote: its staging folder, marked, and nobody holds the lock.
	stopped, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := stopped.Write("fr/index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	stopped.marker.Close()
	// A build stopped while it swapped folders: the previous output, marked.
	oldOut := filepath.Join(parent, ".out.staging-12.old")
	writeFiles(t, oldOut, site)
	f, err := mark(oldOut)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A build still running: its marker is locked.
	running, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	// Folders that are not leftovers of builds of out.
	marked := func(dir string) {
		writeFiles(t, filepath.Join(parent, dir), map[string]string{"doc.txt": "mine", markerName: markerText})
	}
	writeFiles(t, parent, map[string]string{
		".out.staging-34/doc.txt":                  "no marker",
		".out.staging-56/doc.txt":                  "a marker file of other content",
		".out.staging-56/" + markerName:            "mine",
		".out.staging-78/" + markerName + "/x.txt": "a marker that is a folder",
	})
	marked(".out.staging-x")       // not a name a build gives
	marked(".out.staging-9.older") // nor this
	marked(".other.staging-90")    // the leftover of another output folder
	marked("out.staging-91")       // not hidden: not a build's
	if err := os.Symlink(filepath.Join(parent, ".other.staging-90"), filepath.Join(parent, ".out.staging-92")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, parent)

	publishFiles(t, out, map[string]string{"index.html": "again"})

	after := tree(t, parent)
	var gone []string
	for name := range before {
		if _, ok := after[name]; !ok && !strings.HasPrefix(name, "out/") && !strings.HasPrefix(name, ".out.manifest") {
			gone = append(gone, name)
		} else if ok && after[name] != before[name] && !strings.HasPrefix(name, "out/") && !strings.HasPrefix(name, ".out.manifest") {
			t.Errorf("%s changed", name)
		}
	}
	sort.Strings(gone)
	stoppedName, _ := filepath.Rel(parent, stopped.dir)
	var want []string
	for name := range before {
		if strings.HasPrefix(name, stoppedName+"/") || strings.HasPrefix(name, ".out.staging-12.old/") {
			want = append(want, name)
		}
	}
	sort.Strings(want)
	if !reflect.DeepEqual(gone, want) {
		t.Errorf("removed %v\nwant %v", gone, want)
	}
	if _, err := os.Stat(running.dir); err != nil {
		t.Errorf("the running build's staging folder is gone: %v", err)
	}
}

// TestMarkerIsNotPublished checks that the staging folder's marker is not left in the output,
// and that no file of the output can take its name.
func TestMarkerIsNotPublished(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	publishFiles(t, out, site)
	publishFiles(t, out, site) // over a previous output: the swap marks it
	want := map[string]string{"./": "/", "fr/": "/", "css/": "/"}
	for name, data := range site {
		want[name] = data
	}
	if got := tree(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("output: %v\nwant %v", got, want)
	}
	for _, name := range []string{markerName, markerName + ".tmp", "..", "../x", "/abs"} {
		s, err := NewStaging(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Write(name, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", name)
		}
		s.Abort()
	}
}

// TestAbortAfterCommitKeepsTheOutput: a build defers Abort, which runs after Commit.
func TestAbortAfterCommitKeepsTheOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	// Something else now at the staging folder's path (its name is free again) is not ours.
	writeFiles(t, s.dir, map[string]string{"doc.txt": "mine"})
	s.Abort()
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(s.dir, "doc.txt")); err != nil {
		t.Errorf("Abort after Commit removed a folder it no longer owns: %v", err)
	}
}

// TestReplaceKeepsThePreviousOutput: a file written with the previous output's bytes and then
// replaced is written anew; the previous output keeps its bytes until the swap.
func TestReplaceKeepsThePreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	publishFiles(t, out, site)
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.Write("index.html", []byte(site["index.html"])); err != nil {
		t.Fatal(err)
	}
	if err := s.Replace("index.html", []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	if err := s.Replace("../out/index.html", []byte("x")); err == nil {
		t.Error("Replace of a file not written succeeded")
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != site["index.html"] {
		t.Errorf("the previous output's file holds %q", data)
	}
}
