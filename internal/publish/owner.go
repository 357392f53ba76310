package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Nothing but the site's own output is ever deleted. An output folder is replaced only when it
// is missing, empty, or holds nothing but files that the manifest beside it lists: the files an
// earlier vises build wrote there (a listed file edited since is still the build's, and is
// written again). A folder with any other file, a user's documents or photos, or files added
// into an earlier build's output, is refused with the names of a few of them, never emptied.
// A folder named by a symbolic link is refused too: replacing it would replace the link.
// The proof is the manifest beside the folder, matched file by file, and no marker inside it:
// a marker would be published with the site, and would say nothing of files added since.

// ForeignError says why an output folder is not replaced: it holds files that vises did not
// write there.
type ForeignError struct {
	Out   string   // the output folder, as given
	Files []string // a few of the files (and empty folders, ending in "/") vises did not write
	More  bool     // there are more
	Built bool     // an earlier vises build wrote the folder, and files were added to it since
}

func (e *ForeignError) Error() string {
	advice := "choose an empty or new folder, or the folder of an earlier vises build"
	if e.Built {
		advice = "move them out of it, or choose another folder"
	}
	return fmt.Sprintf("--out %s: the folder holds %s (%s); %s", e.Out, e.What(), e.List(), advice)
}

// What says whose the foreign files are not.
func (e *ForeignError) What() string {
	if e.Built {
		return "files that the vises build that wrote it did not write"
	}
	return "files that vises did not write"
}

// List names a few of the foreign files, and "…" when there are more.
func (e *ForeignError) List() string {
	s := strings.Join(e.Files, ", ")
	if e.More {
		s += ", …"
	}
	return s
}

// shown is how many foreign files an error names.
const shown = 3

// Owned returns nil when the output folder out may be replaced by a build: it does not exist,
// is empty, or holds only files an earlier vises build wrote there (see ForeignError). It
// returns a *ForeignError when the folder holds other files, and another error when out is not
// a folder or cannot be read.
func Owned(out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	fi, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(abs)
		return fmt.Errorf("--out %s is a symbolic link (to %s); give the folder itself, which a build replaces", out, target)
	}
	if !fi.IsDir() {
		return fmt.Errorf("--out %s is a file, not a folder", out)
	}
	known := ownNames(abs)
	dirs := map[string]bool{".": true}
	for name := range known {
		for d := filepath.Dir(name); d != "."; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	foreign := &ForeignError{Out: out, Built: len(known) > 0}
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(abs, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			if dirs[rel] {
				return nil
			}
			// A folder no build made: its files are foreign, or itself when it is empty.
			entries, err := os.ReadDir(p)
			if err != nil {
				return err
			}
			if len(entries) > 0 {
				return nil
			}
			rel += "/"
		case known[rel] && d.Type().IsRegular():
			return nil
		}
		if len(foreign.Files) == shown {
			// Enough to say: the rest of a large folder (a home folder) is not read.
			foreign.More = true
			return fs.SkipAll
		}
		foreign.Files = append(foreign.Files, rel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if len(foreign.Files) > 0 {
		return foreign
	}
	return nil
}

// ownNames returns the files that the manifests beside the output folder out list: the
// manifest of the last build and, when a build was stopped while it swapped folders, the
// manifest of the folder it was putting in place.
func ownNames(out string) map[string]bool {
	names := map[string]bool{}
	for _, m := range []string{manifestPath(out), nextManifestPath(out)} {
		data, err := os.ReadFile(m)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if name := manifestName(line); name != "" {
				names[name] = true
			}
		}
	}
	return names
}

// manifestName returns the file a manifest line names, in the format of today ("SIZE MTIME
// NAME") or of earlier versions of vises ("SHA256 SIZE MTIME NAME"), or "".
func manifestName(line string) string {
	f := strings.SplitN(line, " ", 4)
	if len(f) == 4 && len(f[0]) == 64 && isHex(f[0]) && isInt(f[1]) && isInt(f[2]) {
		return f[3]
	}
	if len(f) >= 3 && isInt(f[0]) && isInt(f[1]) {
		return strings.SplitN(line, " ", 3)[2]
	}
	return ""
}

func isInt(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

// nextManifestPath is where Commit writes the manifest of the folder it is about to put in
// place of the output folder, until the folder is there.
func nextManifestPath(out string) string { return manifestPath(out) + ".next" }

// Remove removes the output folder out and what builds keep beside it: the manifest, the stamp
// and the leftovers of stopped builds. It first checks the folder as a build does (Owned) and
// leaves a folder holding files vises did not write as it is. It reports whether there was an
// output folder to remove.
func Remove(out string) (bool, error) {
	if err := Owned(out); err != nil {
		return false, err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return false, err
	}
	removeLeftovers(abs)
	_, err = os.Lstat(abs)
	existed := err == nil
	if err := os.RemoveAll(abs); err != nil {
		return existed, err
	}
	for _, name := range []string{manifestPath(abs), nextManifestPath(abs), manifestPath(abs) + ".tmp", stampPath(abs), stampPath(abs) + ".tmp"} {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return existed, err
		}
	}
	return existed, nil
}
