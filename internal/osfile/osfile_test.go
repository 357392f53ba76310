package osfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFile checks that WriteFile writes the bytes whole, replacing a longer file, and
// returns the size and modification time the file system reports; and that a failure names
// the file.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	for _, n := range []int{100_000, 0, 1, 4 << 20, 17} {
		data := bytes.Repeat([]byte("vises "), n/6+1)[:n]
		e, err := WriteFile(name, data)
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
		if e.Size != fi.Size() || e.ModTime != fi.ModTime().UnixNano() {
			t.Errorf("WriteFile returned size %d, time %d; the file has %d, %d", e.Size, e.ModTime, fi.Size(), fi.ModTime().UnixNano())
		}
		if fi.Mode().Perm() != 0o644&^umask(t) {
			t.Errorf("mode %v", fi.Mode())
		}
	}
	missing := filepath.Join(dir, "no", "such", "folder", "index.html")
	_, err := WriteFile(missing, []byte("x"))
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

// TestReadFileMatchesOS compares ReadFile with os.ReadFile: bytes and error messages.
func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"empty": nil, "small": []byte("é"), "exact": bytes.Repeat([]byte("x"), 512),
		"large": bytes.Repeat([]byte("maatschappelijke impact "), 20000)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("large", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"empty", "small", "exact", "large", "link", "missing", ".", "no/such/file"} {
		p := filepath.Join(dir, name)
		have, herr := ReadFile(p)
		want, werr := os.ReadFile(p)
		if !bytes.Equal(have, want) {
			t.Errorf("%s: %d bytes, os.ReadFile %d", name, len(have), len(want))
		}
		if (herr == nil) != (werr == nil) || herr != nil && herr.Error() != werr.Error() {
			t.Errorf("%s: error %v, os.ReadFile %v", name, herr, werr)
		}
	}
}
