package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"vises/internal/config"
)

// watched are the folders of a site whose changes trigger a build, with site.yaml at the root.
var watched = config.Sources

// quiet is how long the watcher waits after the last event before it builds: editors save in
// several steps (write a temporary file, rename it over the old one, change its mode).
const quiet = 15 * time.Millisecond

type watcher struct {
	root string
	fs   *fsnotify.Watcher
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw}
	// The root itself, for site.yaml (and for watched folders created later).
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, dir := range watched {
		w.addTree(filepath.Join(root, dir))
	}
	return w, nil
}

// addTree watches a folder and every folder below it.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			_ = w.fs.Add(p)
		}
		return nil
	})
}

// relevant reports whether a change of the file p (absolute) matters to the site.
func (w *watcher) relevant(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(p)
	// Editors' own files: swap files, backups, lock files, vim's write test.
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || strings.HasPrefix(base, "#") || base == "4913" {
		return false
	}
	if !strings.Contains(rel, "/") {
		return strings.HasSuffix(rel, ".yaml") || isWatchedDir(rel)
	}
	return isWatchedDir(strings.SplitN(rel, "/", 2)[0])
}

func isWatchedDir(name string) bool {
	for _, d := range watched {
		if d == name {
			return true
		}
	}
	return false
}

// run collects events until the sources have been quiet for a moment, then calls build with
// the paths that changed (relative to the root), until ctx ends.
func (w *watcher) run(ctx context.Context, build func(changed []string)) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.relevant(ev.Name) {
				continue
			}
			// A folder created (or renamed into place) later is watched too, with what it holds.
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name)
				}
			}
			rel, _ := filepath.Rel(w.root, ev.Name)
			pending[filepath.ToSlash(rel)] = true
			timer.Reset(quiet)
		case <-w.fs.Errors:
			// An overflow loses events: build anyway, the builder finds what changed.
			pending["*"] = true
			timer.Reset(quiet)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			sort.Strings(changed)
			pending = map[string]bool{}
			build(changed)
		}
	}
}

func (w *watcher) close() { w.fs.Close() }
