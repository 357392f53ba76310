//go:build !linux

package osfile

import "os"

// ReadFile reads the file name whole.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile writes data to the file name, made with mode 0644 (less the umask) or emptied
// first, and returns what the file system records of it.
func WriteFile(name string, data []byte) (Info, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return Info{}, err
	}
	_, err = f.Write(data)
	var info Info
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			info = Info{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
		}
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return info, err
}
