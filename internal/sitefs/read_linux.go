package sitefs

import (
	"io/fs"
	"path/filepath"

	"vises/internal/osfile"
)

// ReadFile reads the named file whole, with the result and errors of os.DirFS's ReadFile.
//
// On Linux it reads with osfile.ReadFile, which spares the system calls an os.File adds for
// the runtime's poller; elsewhere (read_other.go) it is os.DirFS's.
func (f *FS) ReadFile(name string) ([]byte, error) {
	if f.root == "" {
		return fs.ReadFile(f.dir, name) // os.DirFS refuses an empty root, with its own error
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, err := osfile.ReadFile(filepath.Join(f.root, name))
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name // as os.DirFS: the name asked for, not the path on the machine
	}
	return b, err
}
