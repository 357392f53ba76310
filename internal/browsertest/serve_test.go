package browsertest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vises/internal/build"
	"vises/internal/serve"
)

// serveSite starts vises serve on a small site in a temporary folder.
func serveSite(t *testing.T) (root, url string) {
	root = t.TempDir()
	files := map[string]string{
		"site.yaml":            "languages: [fr]\ntitle: {fr: Kit}\nminify: false\n",
		"content/fr/_index.md": "---\ntitle: Accueil\n---\n" + longText(),
	}
	for name, data := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	srv := serve.New(build.Options{FS: os.DirFS(root)}, io.Discard)
	ln, err := serve.Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Run(ctx, ln, root); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return root, "http://" + ln.Addr().String()
}

func longText() string {
	s := ""
	for i := 0; i < 80; i++ {
		s += "Un paragraphe pour que la page défile.\n\n"
	}
	return s
}

func TestServeOverlayAndStylesheetSwap(t *testing.T) {
	root, url := serveSite(t)
	b := NewBrowser(t, 1280, 700)
	b.Open(t, url+"/fr/")
	Wait(t, b, `window.visesLive && window.visesLive.source.readyState === 1`)
	Eval[int](t, b, `window.scrollTo(0, 600), window.marker = "same page", 0`)

	// A CSS change swaps the stylesheet: no reload, the scroll position stays.
	css := filepath.Join(root, "themes", "default", "static", "css")
	os.MkdirAll(css, 0o755)
	os.WriteFile(filepath.Join(css, "site.css"), []byte("body { background: rgb(1, 2, 3); }\n"), 0o644)
	Wait(t, b, `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if Eval[string](t, b, `window.marker || ""`) != "same page" {
		t.Error("the page reloaded for a CSS change")
	}
	if y := Eval[int](t, b, `Math.round(window.scrollY)`); y != 600 {
		t.Errorf("scroll position %d after the CSS change", y)
	}

	// Broken front matter: the overlay shows file:line and the message; the fix removes it.
	page := filepath.Join(root, "content", "fr", "_index.md")
	os.WriteFile(page, []byte("---\ntitle: [Accueil\n---\nCassé.\n"), 0o644)
	Wait(t, b, `document.querySelector(".vises-overlay") !== null`)
	text := Eval[string](t, b, `document.querySelector(".vises-overlay").textContent`)
	if want := "content/fr/_index.md:"; !strings.Contains(text, want) || !strings.Contains(text, "front matter: the list opened with [") {
		t.Errorf("overlay %q", text)
	}
	os.WriteFile(page, []byte("---\ntitle: Accueil réparé\n---\n"+longText()), 0o644)
	Wait(t, b, `document.querySelector(".vises-overlay") === null && document.querySelector("h1").textContent === "Accueil réparé"`)
}
