// Package kitfs writes a site's sources (such as the kit embedded in the binary) into a new
// folder, for vises new: a partner gets a folder to edit and build with nothing but the
// program. It never writes over anything.
package kitfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// NotEmptyError says that the folder to write into already holds files.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("%s is not empty; give a new or empty folder (nothing was written)", e.Dir)
}

// Tree is a file system to write into a folder of the new site ("" for its top).
type Tree struct {
	Dir string // slash-separated, such as "themes/default"
	FS  fs.FS
}

// Write copies every file of the trees into dir, which must not exist or be empty, and
// returns how many files it wrote. Files are created exclusively: a file that appeared in dir
// meanwhile is never replaced (the copy stops there with an error).
func Write(dir string, trees ...Tree) (int, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return 0, err
	case !fi.IsDir():
		return 0, fmt.Errorf("%s is a file, not a folder (nothing was written)", dir)
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return 0, err
		}
		if len(entries) > 0 {
			return 0, &NotEmptyError{Dir: dir}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for _, t := range trees {
		k, err := write(filepath.Join(dir, filepath.FromSlash(t.Dir)), t.FS)
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func write(dir string, src fs.FS) (int, error) {
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if err1 := f.Close(); err == nil {
			err = err1
		}
		if err == nil {
			n++
		}
		return err
	})
	return n, err
}
