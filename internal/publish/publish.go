// Package publish turns rendered files into the output folder: it minifies by media type,
// fingerprints CSS and JavaScript, and writes everything into a staging folder that replaces
// the output folder in one step, so a failed build never leaves a broken or mixed site.
package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies output by media type; when off it passes everything through.
type Minifier struct {
	m     *minify.M
	on    bool
	pages sync.Pool // *fastMinifier, whose buffers serve page after page
}

// NewMinifier returns a minifier; on says whether HTML, CSS, JS, SVG, JSON and XML are minified.
func NewMinifier(on bool) *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{KeepVarNames: false})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return &Minifier{m: m, on: on}
}

// MediaType returns the media type used to minify a file, from its extension.
func MediaType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".webmanifest":
		return "application/json"
	case ".xml":
		return "application/xml"
	}
	t := mime.TypeByExtension(path.Ext(name))
	if i := strings.IndexByte(t, ';'); i > 0 {
		t = t[:i]
	}
	return t
}

// File minifies data according to the file name's type, when minification is on.
func (m *Minifier) File(name string, data []byte) ([]byte, error) {
	var out bytes.Buffer
	return m.minify(&out, name, data, bytes.NewReader(data))
}

// FileBuffer is File for bytes held in a buffer of the caller's, which the minifier reads in
// place rather than copies (in must not be used by anything else until FileBuffer returns);
// the minified bytes go to out, emptied first. It returns them, or in's bytes when the file
// is not minified.
func (m *Minifier) FileBuffer(out *bytes.Buffer, name string, in *bytes.Buffer) ([]byte, error) {
	return m.minify(out, name, in.Bytes(), in)
}

func (m *Minifier) minify(out *bytes.Buffer, name string, data []byte, r io.Reader) ([]byte, error) {
	if !m.on {
		return data, nil
	}
	mt := MediaType(name)
	switch mt {
	case "text/html", "text/css", "application/javascript", "image/svg+xml", "application/json", "application/xml":
	default:
		return data, nil
	}
	out.Reset()
	out.Grow(len(data))
	if mt == "text/html" {
		if m.fastHTML(out, data) {
			return out.Bytes(), nil
		}
		out.Reset()
	}
	if err := m.m.Minify(mt, out, r); err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out.Bytes(), nil
}

// Asset is a static file ready to publish.
type Asset struct {
	Source string // path below static/, such as "css/site.css"
	Path   string // output path, fingerprinted for CSS and JS: "css/site.3f2a9c1d.css"
	Data   []byte
}

var fingerprinted = regexp.MustCompile(`\.(css|js)$`)

// Assets reads every file of the static folders (highest priority first, the first one to
// have a file wins), minifies them and, with fingerprint, puts a hash of the content of CSS
// and JavaScript files in their names.
func Assets(layers []fs.FS, m *Minifier, fingerprint bool) (map[string]*Asset, error) {
	out := map[string]*Asset{}
	for _, layer := range layers {
		err := fs.WalkDir(layer, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != "." && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || out[p] != nil {
				return nil
			}
			data, err := fs.ReadFile(layer, p)
			if err != nil {
				return err
			}
			a := &Asset{Source: p, Path: p, Data: data}
			if fingerprinted.MatchString(p) {
				if a.Data, err = m.File(p, data); err != nil {
					return err
				}
				if fingerprint {
					sum := sha256.Sum256(a.Data)
					ext := path.Ext(p)
					a.Path = strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
				}
			}
			out[p] = a
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Staging is an output folder being written. Commit swaps it in place of the output folder;
// Abort removes it and leaves the output folder as it was.
type Staging struct {
	given    string           // the output folder as given
	out      string           // the output folder, absolute
	dir      string           // the staging folder
	marker   *os.File         // the staging folder's marker, locked while the build runs
	done     bool             // committed or aborted: the folder is no longer the staging's
	manifest map[string]entry // what this staging folder holds

	mu      sync.Mutex // Write may be called from several goroutines
	written map[string]bool
	dirs    map[string]*sync.Once // folders made, or being made
}

// NewStaging creates an empty staging folder next to out, and removes what stopped builds of
// out left beside it. It refuses at once an output folder that no build wrote (no manifest
// beside it) and that is not empty; a folder a build wrote is checked by Commit, just before it
// is replaced (see Owned), which reads it once, and late enough to see files added meanwhile.
func NewStaging(out string) (*Staging, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(abs); err != nil || !fi.IsDir() || len(ownNames(abs)) == 0 {
		// Cheap: without a manifest, the walk stops at the first files it names.
		if err := Owned(out); err != nil {
			return nil, err
		}
	}
	s, err := newStaging(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return s, nil
}

func newStaging(out string) (*Staging, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(abs)
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".staging-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.Remove(dir)
		return nil, err
	}
	marker, err := mark(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s := &Staging{given: out, out: abs, dir: dir, marker: marker, written: map[string]bool{}, dirs: map[string]*sync.Once{}, manifest: map[string]entry{}}
	return s, nil
}

// entry is what the manifest records of an output file.
type entry struct {
	size  int64
	mtime int64 // nanoseconds
}

// manifestPath is the manifest of an output folder: a hidden file beside it, so that it is
// never published.
func manifestPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".manifest")
}

func readManifest(name string) map[string]entry {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	m := map[string]entry{}
	for _, line := range strings.Split(string(data), "\n") {
		// Lines of an older manifest start with a hash: they do not parse, and their files
		// are written again.
		f := strings.SplitN(line, " ", 3)
		if len(f) != 3 {
			continue
		}
		size, err1 := strconv.ParseInt(f[0], 10, 64)
		mtime, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 == nil && err2 == nil {
			m[f[2]] = entry{size: size, mtime: mtime}
		}
	}
	return m
}

func writeManifest(name string, m map[string]entry) error {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		e := m[n]
		fmt.Fprintf(&b, "%d %d %s\n", e.size, e.mtime, n)
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// Write writes one file, given its slash-separated path in the output folder.
func (s *Staging) Write(name string, data []byte) error {
	name = path.Clean(name)
	if name == "." || name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) || strings.HasPrefix(name, markerName) {
		return fmt.Errorf("publish: bad output path %q", name)
	}
	s.mu.Lock()
	if s.written[name] {
		s.mu.Unlock()
		return fmt.Errorf("publish: %s written twice", name)
	}
	s.written[name] = true
	dir := path.Dir(name)
	made := s.dirs[dir]
	if made == nil {
		made = &sync.Once{}
		s.dirs[dir] = made
	}
	s.mu.Unlock()
	// Folders are made once each, outside the lock: writers of different folders do not wait
	// for each other (MkdirAll tolerates a parent made at the same time by another writer).
	var err error
	made.Do(func() {
		// Most folders are made after their parent: one call instead of MkdirAll's three.
		full := filepath.Join(s.dir, filepath.FromSlash(dir))
		if err = os.Mkdir(full, 0o755); err != nil {
			err = os.MkdirAll(full, 0o755)
		}
	})
	if err != nil {
		return err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(name))
	e, err := writeFile(full, data)
	if err != nil {
		return err
	}
	s.record(name, e)
	return nil
}

// writeFile writes data to the file name and returns what the manifest records of it.
func writeFile(name string, data []byte) (entry, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return entry{}, err
	}
	_, err = f.Write(data)
	var e entry
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			e = entry{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
		}
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return e, err
}

func (s *Staging) record(name string, e entry) {
	s.mu.Lock()
	s.manifest[name] = e
	s.mu.Unlock()
}

// Replace writes a file again, such as a page rewritten once its PDF has been measured.
func (s *Staging) Replace(name string, data []byte) error {
	name = path.Clean(name)
	if !s.written[name] {
		return fmt.Errorf("publish: %s was not written before", name)
	}
	full := filepath.Join(s.dir, filepath.FromSlash(name))
	e, err := writeFile(full, data)
	if err != nil {
		return err
	}
	s.record(name, e)
	return nil
}

// URL returns the file:// address of a file written in the staging folder, for a browser to
// open it before the folder is swapped in.
func (s *Staging) URL(name string) string {
	return "file://" + filepath.ToSlash(filepath.Join(s.dir, filepath.FromSlash(name)))
}

// Files returns the paths written so far, sorted.
func (s *Staging) Files() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.written))
	for f := range s.written {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Commit replaces the output folder with the staging folder. The output folder is checked
// again first (see Owned): files put into it while the build ran are never removed.
func (s *Staging) Commit() error {
	if s.done {
		return fmt.Errorf("publish: the staging folder of %s was committed or aborted", s.given)
	}
	if err := Owned(s.given); err != nil {
		s.Abort()
		return err
	}
	// The stamp describes the folder being replaced: gone first, so that it never outlives it.
	if err := os.Remove(stampPath(s.out)); err != nil && !os.IsNotExist(err) {
		s.Abort()
		return fmt.Errorf("publish: %w", err)
	}
	// Until the new manifest is in place, the one of the folder being put in place says which
	// files are the build's (see Owned), should the build stop in between.
	next := nextManifestPath(s.out)
	if err := writeManifest(next, s.manifest); err != nil {
		s.Abort()
		return fmt.Errorf("publish: %w", err)
	}
	// The marker must not be published: it goes before the swap (a build stopped from here on
	// leaves an unmarked staging folder, which is never removed).
	if err := os.Remove(filepath.Join(s.dir, markerName)); err != nil {
		s.Abort()
		return fmt.Errorf("publish: %w", err)
	}
	old := ""
	if _, err := os.Stat(s.out); err == nil {
		old = s.dir + ".old"
		if err := os.Rename(s.out, old); err != nil {
			s.Abort()
			return fmt.Errorf("publish: %w", err)
		}
		// Marked as a leftover, in case the build stops before it is removed.
		if f, err := mark(old); err == nil {
			defer f.Close()
		}
	}
	if err := os.Rename(s.dir, s.out); err != nil {
		if old != "" {
			_ = os.Remove(filepath.Join(old, markerName))
			_ = os.Rename(old, s.out)
		}
		s.Abort()
		return fmt.Errorf("publish: %w", err)
	}
	s.done = true
	s.marker.Close()
	if err := os.Rename(next, manifestPath(s.out)); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// stampPath is where the build that made an output folder describes what it was made from.
func stampPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".stamp")
}

// ReadStamp returns what WriteStamp recorded beside the output folder out, or nil.
func ReadStamp(out string) []byte {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil
	}
	data, err := os.ReadFile(stampPath(abs))
	if err != nil {
		return nil
	}
	return data
}

// WriteStamp records data beside the output folder out, once it has been committed.
func WriteStamp(out string, data []byte) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	name := stampPath(abs)
	if err := os.WriteFile(name+".tmp", data, 0o644); err != nil {
		return err
	}
	return os.Rename(name+".tmp", name)
}

// Intact reports whether the output folder out holds every file its manifest lists, each with
// the size and modification time it was written with, and nothing else.
func Intact(out string) bool {
	abs, err := filepath.Abs(out)
	if err != nil {
		return false
	}
	m := readManifest(manifestPath(abs))
	if len(m) == 0 {
		return false
	}
	files := 0
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(abs, p)
		e, ok := m[filepath.ToSlash(rel)]
		if !ok || !d.Type().IsRegular() {
			return fs.ErrNotExist
		}
		fi, err := d.Info()
		if err != nil || fi.Size() != e.size || fi.ModTime().UnixNano() != e.mtime {
			return fs.ErrNotExist
		}
		files++
		return nil
	})
	return err == nil && files == len(m)
}

// Abort removes the staging folder, unless it was committed (it is then the output folder).
func (s *Staging) Abort() {
	if s.done {
		return
	}
	s.done = true
	_ = os.RemoveAll(s.dir)
	s.marker.Close()
}
