package sitefs

import (
	"io/fs"
	"path/filepath"
	"syscall"
)

// ReadFile reads the named file whole, with the result and errors of os.DirFS's ReadFile.
//
// On Linux it calls the system directly: an os.File of a regular file costs five more system
// calls than the four needed here (the runtime sets the file non-blocking, fails to add it to
// its poller, and sets it blocking again), which is a few percent of reading thousands of
// pages. Elsewhere (read_other.go) it is os.DirFS's.
func (f *FS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, err := readFile(filepath.Join(f.root, name))
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name // as os.DirFS: the name asked for, not the path on the machine
	}
	return b, err
}

// readFile reads the file name whole, as os.ReadFile does.
func readFile(name string) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) { return syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size := 512
	if syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && int64(int(st.Size)) == st.Size {
		size = max(int(st.Size)+1, size) // one byte more: the read that finds the end needs room
	}
	data := make([]byte, 0, size)
	for {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since Fstat
		}
	}
}

// ignoringEINTR calls f again while it is interrupted by a signal.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
