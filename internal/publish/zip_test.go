package publish

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func zipNames(t *testing.T, name string) ([]string, map[string]string, *zip.ReadCloser) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { zr.Close() })
	var names []string
	data := map[string]string{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.FileInfo().IsDir() {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			data[f.Name] = string(b)
		}
		if !f.Modified.Equal(ZipDate()) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	return names, data, zr
}

// TestWriteZipHoldsTheFolder checks the ZIP of a folder: every file by its path (PDFs too),
// folders before their files, sorted, one date, the same bytes twice, and vises's comment.
func TestWriteZipHoldsTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for name, data := range map[string]string{
		"index.html":                "start",
		"fr/index.html":             "fr",
		"fr/formation/pack/kit.pdf": "%PDF",
		"css/site.0123456789.css":   "css",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "kit.zip")
	if err := WriteZip(dir, file); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(file)
	names, data, zr := zipNames(t, file)
	want := []string{"css/", "css/site.0123456789.css", "fr/", "fr/formation/", "fr/formation/pack/", "fr/formation/pack/kit.pdf", "fr/index.html", "index.html"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}
	if data["index.html"] != "start" || data["fr/formation/pack/kit.pdf"] != "%PDF" {
		t.Errorf("contents %q", data)
	}
	if zr.Comment != zipComment {
		t.Errorf("comment %q", zr.Comment)
	}
	// Its own ZIP is replaced, with the same bytes.
	if err := WriteZip(dir, file); err != nil {
		t.Fatalf("writing over an earlier ZIP of vises: %v", err)
	}
	if again, _ := os.ReadFile(file); string(again) != string(first) {
		t.Error("the same folder gave another ZIP")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".kit.zip.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestZipNeverReplacesAnotherFile checks that only a ZIP written by WriteZip is replaced: a
// user's file, another ZIP, a folder or a link are refused and left as they were.
func TestZipNeverReplacesAnotherFile(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "photos.zip")
	f, _ := os.Create(other)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("photo.jpg")
	w.Write([]byte("jpeg"))
	zw.Close()
	f.Close()
	before, _ := os.ReadFile(other)
	notes := filepath.Join(dir, "notes.zip")
	os.WriteFile(notes, []byte("my notes"), 0o644)
	folder := filepath.Join(dir, "folder.zip")
	os.Mkdir(folder, 0o755)
	link := filepath.Join(dir, "link.zip")
	os.Symlink(other, link)
	for _, name := range []string{other, notes, folder, link} {
		if err := ZipWritable(name); err == nil {
			t.Errorf("%s: writable", filepath.Base(name))
		}
		if err := WriteZip(site, name); err == nil {
			t.Errorf("%s: written over", filepath.Base(name))
		}
	}
	if after, _ := os.ReadFile(other); string(after) != string(before) {
		t.Error("another ZIP was changed")
	}
	if after, _ := os.ReadFile(notes); string(after) != "my notes" {
		t.Error("a user's file was changed")
	}
	if err := ZipWritable(filepath.Join(dir, "new.zip")); err != nil {
		t.Errorf("a new file: %v", err)
	}
	if err := ZipWritable(other); err == nil || !strings.Contains(err.Error(), "not written by vises") {
		t.Errorf("error for another ZIP: %v", err)
	}
}
