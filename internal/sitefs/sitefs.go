// Package sitefs opens the folder of a site as an fs.FS: os.DirFS, which also tells which
// folder it reads (a build refuses an output folder that would replace the site's own files).
package sitefs

import (
	"io/fs"
	"os"
)

// FS is the tree of files of a folder, as os.DirFS gives it.
type FS struct {
	dir  dirFS
	root string
}

// dirFS is what os.DirFS implements and FS passes on.
type dirFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
}

// Dir returns the tree of files rooted at the folder root.
func Dir(root string) *FS {
	return &FS{dir: os.DirFS(root).(dirFS), root: root}
}

// Dir returns the folder f reads, as given to Dir.
func (f *FS) Dir() string { return f.root }

// Open opens the named file, as os.DirFS does.
func (f *FS) Open(name string) (fs.File, error) { return f.dir.Open(name) }

// ReadDir reads the named folder, as os.DirFS does.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return f.dir.ReadDir(name) }

// Stat describes the named file, as os.DirFS does.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.dir.Stat(name) }

// ReadFile reads the named file whole, as os.DirFS does.
func (f *FS) ReadFile(name string) ([]byte, error) { return f.dir.ReadFile(name) }
