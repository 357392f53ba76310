package publish

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Update rewrites some files of an output folder that a build wrote and that is intact
// (Intact), in place, for a build that rendered again only the pages whose text changed: the
// other files stay as they are, neither written nor removed. Files are kept in memory until
// Commit, which writes each beside its place and renames it over the old one, then records
// them in the manifest; a build that fails before Commit leaves the folder untouched.
type Update struct {
	out   string // the output folder, absolute
	mu    sync.Mutex
	files map[string][]byte
}

// NewUpdate returns an update of the output folder out, which must be intact.
func NewUpdate(out string) (*Update, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if !Intact(abs) {
		return nil, fmt.Errorf("publish: %s was changed since it was built", out)
	}
	return &Update{out: abs, files: map[string][]byte{}}, nil
}

// Write keeps a file to write, given its slash-separated path in the output folder.
func (u *Update) Write(name string, data []byte) error {
	name = path.Clean(name)
	if name == "." || name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) || strings.HasPrefix(name, markerName) {
		return fmt.Errorf("publish: bad output path %q", name)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if _, ok := u.files[name]; ok {
		return fmt.Errorf("publish: %s written twice", name)
	}
	u.files[name] = data
	return nil
}

// Files returns the paths written, sorted.
func (u *Update) Files() []string {
	out := make([]string, 0, len(u.files))
	for f := range u.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Commit writes the files into the output folder, each replaced in one step, and records them
// in the manifest. A file whose bytes are those already there is not written again.
func (u *Update) Commit() error {
	m := readManifest(manifestPath(u.out))
	if m == nil {
		return fmt.Errorf("publish: %s has no manifest", u.out)
	}
	// The stamp describes the folder as it was: gone first, so that it never outlives it.
	if err := os.Remove(stampPath(u.out)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("publish: %w", err)
	}
	for _, name := range u.Files() {
		data := u.files[name]
		full := filepath.Join(u.out, filepath.FromSlash(name))
		if old, err := os.ReadFile(full); err == nil && string(old) == string(data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		tmp := filepath.Join(filepath.Dir(full), ".vises-update-"+filepath.Base(full))
		e, err := writeFile(tmp, data)
		if err == nil {
			err = os.Rename(tmp, full)
		}
		if err != nil {
			_ = os.Remove(tmp)
			return fmt.Errorf("publish: %w", err)
		}
		m[name] = e
	}
	if err := writeManifest(manifestPath(u.out), m); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}
