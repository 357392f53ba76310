//go:build !linux

package sitefs

import "io/fs"

// ReadFile reads the named file whole, as os.DirFS does.
func (f *FS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.dir, name) }
