package translation

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vises/internal/content"
	"vises/internal/diag"
)

// Select returns the entries of r that args name: a translation's file, a source's file (its
// translations), or a folder (every translation in it, or whose source is in it). An argument
// that names no page is returned in unknown.
func (r *Report) Select(site *content.Site, args []string) (out []*Entry, unknown []string) {
	picked := map[*Entry]bool{}
	for _, arg := range args {
		a := strings.TrimSuffix(path.Clean(filepath.ToSlash(arg)), "/")
		in := func(file string) bool { return a == "." || file == a || strings.HasPrefix(file, a+"/") }
		found := false
		for _, e := range r.Entries {
			if e.Page == nil || e.Source == nil {
				continue
			}
			if in(e.Page.File) || in(e.Source.File) {
				picked[e], found = true, true
			}
		}
		if !found {
			for _, p := range site.Pages {
				found = found || in(p.File)
			}
			if !found {
				unknown = append(unknown, arg)
			}
		}
	}
	for _, e := range r.Entries {
		if picked[e] {
			out = append(out, e)
		}
	}
	return out, unknown
}

// Marked is a translation marked by Mark.
type Marked struct {
	File, Source, Hash string
	Changed            bool // the file's translationOf was written (it was missing or different)
}

// Mark records, for each entry, that its translation matches its source as it is now: it
// writes translationOf in the translation's front matter (only that line changes) and the
// source's normalised text in translations/. root is the site's folder on disk.
func Mark(root string, entries []*Entry) ([]Marked, error) {
	var out []Marked
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(e.Source.File)))
		if err != nil {
			return out, err
		}
		norm := Normalize(src)
		hash := Hash(norm)
		name := filepath.Join(root, filepath.FromSlash(e.Page.File))
		data, err := os.ReadFile(name)
		if err != nil {
			return out, err
		}
		marked, ok := SetMark(data, e.Source.Lang, hash)
		if !ok {
			return out, fmt.Errorf("%s: no front matter to write translationOf in", e.Page.File)
		}
		m := Marked{File: e.Page.File, Source: e.Source.File, Hash: hash, Changed: string(marked) != string(data)}
		if m.Changed {
			if err := writeFile(name, marked); err != nil {
				return out, err
			}
		}
		store := filepath.Join(root, filepath.FromSlash(StoreFile(e.Page)))
		if err := os.MkdirAll(filepath.Dir(store), 0o755); err != nil {
			return out, err
		}
		if err := writeFile(store, []byte(norm)); err != nil {
			return out, err
		}
		out = append(out, m)
	}
	return out, nil
}

// writeFile replaces a file's bytes, keeping its mode.
func writeFile(name string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp := name + ".vises-tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// WriteDates writes DatesFile under root: for every page of the site, the hash of its file
// and the date of its last change in h. A file changed since its last commit is recorded with
// now (its bytes exist since, at the latest); a file h does not know keeps the date recorded
// before if its bytes did not change. It returns how many files have a date.
func WriteDates(root string, fsys fs.FS, site *content.Site, h History, now time.Time) (int, error) {
	var ignored diag.List // a build reports them
	old := readRecords(fsys, &ignored)
	dirty := gitDirty(root)
	var lines []string
	for _, p := range site.Pages {
		if p.Implicit || p.Fallback != nil {
			continue
		}
		data, err := fs.ReadFile(fsys, p.File)
		if err != nil {
			continue
		}
		hash := FileHash(data)
		var date time.Time
		switch t, ok := h[p.File]; {
		case h != nil && (dirty[p.File] || !ok):
			date = now.UTC().Truncate(time.Second)
			if rec, ok := old[p.File]; ok && rec.hash == hash {
				date = rec.date
			}
		case ok:
			date = t
		default:
			rec, ok := old[p.File]
			if !ok || rec.hash != hash {
				continue
			}
			date = rec.date
		}
		lines = append(lines, p.File+"\t"+hash+"\t"+date.Format(time.RFC3339))
	}
	sort.Strings(lines)
	text := "# The date each content file last changed, for builds without git history: file, hash of its bytes, date.\n" +
		"# Written by vises translations mark; do not edit by hand.\n" + strings.Join(lines, "\n") + "\n"
	name := filepath.Join(root, filepath.FromSlash(DatesFile))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return 0, err
	}
	return len(lines), writeFile(name, []byte(text))
}

// gitDirty returns the files of content/ that differ from their last commit (nil without git).
func gitDirty(root string) map[string]bool {
	out, err := exec.Command("git", "-C", root, "-c", "core.quotePath=false", "diff", "--name-only", "--relative", "HEAD", "--", "content").Output()
	if err != nil {
		return nil
	}
	m := map[string]bool{}
	for _, f := range strings.Split(string(out), "\n") {
		if f = strings.TrimSpace(f); f != "" {
			m[f] = true
		}
	}
	return m
}
