package osfile

import (
	"io"
	"io/fs"
	"syscall"
)

// ReadFile reads the file name whole, with the result and errors of os.ReadFile.
func ReadFile(name string) ([]byte, error) {
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

// WriteFile writes data to the file name, made with mode 0644 (less the umask) or emptied
// first, and returns what the file system records of it.
func WriteFile(name string, data []byte) (Info, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return Info{}, &fs.PathError{Op: "open", Path: name, Err: err}
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
		return Info{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return Info{Size: st.Size, ModTime: st.Mtim.Nano()}, nil
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
