package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vises/internal/diag"
	"vises/internal/markdown"
)

func TestValidUTF8(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		ok        bool
		line, col int
		msg       string
	}{
		{"utf-8", "---\ntitle: Été\n---\nÀ bientôt.\n", true, 0, 0, ""},
		{"windows-1252", "---\ntitle: x\n---\nR\xe9sum\xe9\n", false, 4, 2, "Windows-1252"},
		{"utf-16", "\xff\xfe-\x00-\x00", false, 1, 1, "UTF-16"},
		{"stray byte", "ab\ncd\x80e\n", false, 2, 3, "byte 0x80"},
		{"cut sequence", "title: caf\xc3", false, 1, 11, "not valid UTF-8"},
	}
	for _, tt := range tests {
		ok, line, col, msg := validUTF8([]byte(tt.src))
		if ok != tt.ok || line != tt.line || col != tt.col || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: validUTF8 = %v %d:%d %q, want %v %d:%d containing %q", tt.name, ok, line, col, msg, tt.ok, tt.line, tt.col, tt.msg)
		}
	}
}

// failing is a file system where one file cannot be read.
type failing struct {
	fs.FS
	name string
}

func (f failing) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return f.FS.Open(name)
}

// TestLoadSaysWhatItCannotRead loads a content folder with an unreadable page, a link to a
// folder and a page linking to the unreadable one: each is reported, the unreadable page first
// and as a failed page, not a missing one.
func TestLoadSaysWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/fr/_index.md", "---\ntitle: Accueil\n---\nVoir [la page](page.md).\n")
	write("content/fr/page.md", "---\ntitle: Page\n---\n")
	write("elsewhere/autre.md", "---\ntitle: Autre\n---\n")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "content/fr/lien")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var l diag.List
	site := Load(failing{os.DirFS(dir), "content/fr/page.md"}, []string{"fr"},
		Markdowns{"fr": markdown.New(markdown.Options{Lang: "fr"})}, &l, LoadOptions{})
	got := l.String()
	for _, want := range []string{
		"content/fr/lien: a link to a folder, which vises does not follow",
		"content/fr/page.md: cannot be read: permission denied",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if f := site.FailedFile("fr", "page.md"); f != "content/fr/page.md" {
		t.Errorf("FailedFile = %q, want content/fr/page.md", f)
	}
	if _, problem := site.Resolve(site.Home["fr"], "page.md", nil); problem != "" {
		t.Errorf("a link to an unreadable page is reported as %q", problem)
	}
}
