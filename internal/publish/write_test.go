package publish

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFile checks that writeFile writes the bytes whole, replacing a longer file, and
// returns the size and modification time the file system reports; and that a failure names
// the file.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	for _, n := range []int{100_000, 0, 1, 4 << 20, 17} {
		data := bytes.Repeat([]byte("vises "), n/6+1)[:n]
		e, err := writeFile(name, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%d bytes written, %d read back, or different bytes", n, len(got))
		}
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if e.size != fi.Size() || e.mtime != fi.ModTime().UnixNano() {
			t.Errorf("writeFile recorded size %d, time %d; the file has %d, %d", e.size, e.mtime, fi.Size(), fi.ModTime().UnixNano())
		}
		if fi.Mode().Perm() != 0o644&^umask(t) {
			t.Errorf("mode %v", fi.Mode())
		}
	}
	missing := filepath.Join(dir, "no", "such", "folder", "index.html")
	_, err := writeFile(missing, []byte("x"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// umask returns the bits the process's umask clears, as seen on a file os.WriteFile makes.
func umask(t *testing.T) fs.FileMode {
	name := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(name, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ fi.Mode().Perm()
}
