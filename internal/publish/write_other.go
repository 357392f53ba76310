//go:build !linux

package publish

import "os"

// writeFile writes data to a new file name and returns what the file system records of it.
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
