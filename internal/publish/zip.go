package publish

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// zipComment marks a ZIP file written by WriteZip: only such a file is ever replaced.
const zipComment = "Written by vises build --zip: the offline edition of the kit. Unpack it and open index.html."

// ZipDate is the date of every file in a ZIP written by WriteZip, so that the same site gives
// the same bytes: 1 January 1980, the earliest date a ZIP holds, unless the SOURCE_DATE_EPOCH
// variable gives another (seconds since 1970, as reproducible builds set it).
func ZipDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var n int64
		if _, err := fmt.Sscan(s, &n); err == nil && n >= 315532800 {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
}

// ZipWritable returns nil when WriteZip may write the file name: it does not exist, or it is
// a ZIP that WriteZip wrote. Any other file (a user's document, another ZIP, a folder, a link)
// is never replaced.
func ZipWritable(name string) error {
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--zip %s is a symbolic link; give the file itself", name)
	case fi.IsDir():
		return fmt.Errorf("--zip %s is a folder; give the name of a ZIP file to write", name)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("--zip %s is not a regular file", name)
	}
	r, err := zip.OpenReader(name)
	if err == nil {
		defer r.Close()
		if r.Comment == zipComment {
			return nil
		}
	}
	return fmt.Errorf("--zip %s exists and was not written by vises build --zip; it is left as it is (choose another name, or move it away)", name)
}

// WriteZip writes every file of the folder dir into the ZIP file name, by their paths below
// dir, sorted, with folders listed before their files, all dated ZipDate. The file is written
// beside name and renamed over it once complete; name must be writable (ZipWritable), which is
// checked again just before.
func WriteZip(dir, name string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			rel += "/"
		} else if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone once renamed
	zw := zip.NewWriter(tmp)
	date := ZipDate()
	for _, f := range files {
		h := &zip.FileHeader{Name: f, Modified: date}
		if strings.HasSuffix(f, "/") {
			h.SetMode(fs.ModeDir | 0o755)
			if _, err := zw.CreateHeader(h); err != nil {
				tmp.Close()
				return err
			}
			continue
		}
		h.Method = zip.Deflate
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err == nil {
			err = copyFile(w, filepath.Join(dir, filepath.FromSlash(f)))
		}
		if err != nil {
			tmp.Close()
			return err
		}
	}
	if err := zw.SetComment(zipComment); err != nil {
		tmp.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := ZipWritable(name); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func copyFile(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
