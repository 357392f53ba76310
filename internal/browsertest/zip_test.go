package browsertest

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vises/internal/build"
	"vises/internal/config"
	"vises/internal/publish"
)

// unzip unpacks the ZIP file name into dir, as a trainer does on a USB stick.
func unzip(t *testing.T, name, dir string) []string {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// TestOfflineZipOpensFromDisk writes the offline edition as one ZIP (what vises build
// --offline --zip does), unpacks it as a trainer would on a USB stick, opens the start page at
// its top from file:// and goes from there to the French kit, searches, filters the picker
// and opens the Dutch kit, without any error in the console.
func TestOfflineZipOpensFromDisk(t *testing.T) {
	Chromium(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "offline")
	res := build.Run(build.Options{FS: os.DirFS(repoRoot()), Publish: true,
		Overrides: config.Overrides{OutDir: out, Offline: true, BaseURL: "https://kit.example/"}})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	file := filepath.Join(tmp, "vises-kit.zip")
	if err := publish.WriteZip(out, file); err != nil {
		t.Fatal(err)
	}
	stick := filepath.Join(tmp, "USB STICK", "vises-kit")
	names := unzip(t, file, stick)
	top := map[string]bool{}
	for _, n := range names {
		top[strings.SplitN(n, "/", 2)[0]] = true
	}
	if !top["index.html"] {
		t.Fatalf("no start page (index.html) at the top of the ZIP: %v", top)
	}
	for _, n := range []string{"_headers", ".htaccess"} {
		if top[n] {
			t.Errorf("the offline ZIP holds %s", n)
		}
	}

	b := NewBrowser(t, 1280, 900)
	errs := ConsoleErrors(t, b)
	start := "file://" + filepath.ToSlash(filepath.Join(stick, "index.html"))
	b.Open(t, start)
	// The start page leads to each language's home page, as files.
	href := Eval[string](t, b, `document.querySelector('[data-lang-choice="fr"]').href`)
	if !strings.HasPrefix(href, "file://") || !strings.HasSuffix(href, "/fr/index.html") {
		t.Fatalf("the start page's French link is %q", href)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(`[data-lang-choice="fr"]`)))
	Wait(t, b, `location.pathname.endsWith("/fr/index.html") && document.readyState === "complete"`)
	if n := Eval[int](t, b, `document.styleSheets.length`); n == 0 {
		t.Error("the French home page has no stylesheet from disk")
	}

	// Search from the box.
	b.Do(t, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent("benevoles"))
	Wait(t, b, `document.querySelectorAll("#search-list [role=option]").length > 0`)

	// The picker.
	openCatalogue(t, b, "file://"+filepath.ToSlash(filepath.Join(stick, "fr", "indicateurs", "index.html")))
	all := count(t, b)
	b.Do(t, chromedp.Click(chromedp.ID("f-dimension-environmental")))
	if n, want := count(t, b), expected(t, b, "dimension", "environmental"); n != want || n == 0 || n == all {
		t.Errorf("picker from the ZIP: %d results of %d, want %d", n, all, want)
	}

	// The Dutch kit.
	b.Open(t, "file://"+filepath.ToSlash(filepath.Join(stick, "nl", "index.html")))
	if n := Eval[int](t, b, `document.querySelectorAll("a[href$='index.html']").length`); n < 10 {
		t.Errorf("the Dutch home page has %d links to files", n)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}
