package publish

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile writes data to a new file name and returns what the file system records of it.
//
// On Linux it calls the system directly: an os.File of a regular file costs five more system
// calls than the four needed here (the runtime sets the file non-blocking, fails to add it to
// its poller, and sets it blocking again), which is a few percent of a build that writes
// thousands of pages. write_other.go is the same through the os package.
func writeFile(name string, data []byte) (entry, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return entry{}, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, werr := ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) })
		if werr == nil && n <= 0 {
			werr = io.ErrShortWrite
		}
		if werr != nil {
			err = werr
			break
		}
		data = data[n:]
	}
	op := "write"
	var st syscall.Stat_t
	if err == nil {
		op, err = "stat", syscall.Fstat(fd, &st)
	}
	if err1 := syscall.Close(fd); err == nil && err1 != nil {
		op, err = "close", err1
	}
	if err != nil {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return entry{size: st.Size, mtime: st.Mtim.Nano()}, nil
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
