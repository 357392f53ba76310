package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chromium returns the browser to print with, or skips (fails in CI) without one.
func chromium(t *testing.T) string {
	t.Helper()
	p := Find()
	if p == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found: .ci/run must install it")
		}
		t.Skip("no Chromium found; install Debian's chromium package")
	}
	return p
}

// printPage writes html into dir, prints it with a new printer (closed when the test ends) and
// parses the PDF; it returns the document, its bytes, the printer and the file printed.
func printPage(t *testing.T, dir, html string) (*Doc, []byte, *Printer, string) {
	t.Helper()
	file := filepath.Join(dir, "t.html")
	if err := os.WriteFile(file, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := NewPrinter(chromium(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	data, err := p.Print("file://" + file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return doc, data, p, file
}

func TestPrintFindsThePageOfEachAnchor(t *testing.T) {
	dir := t.TempDir()
	html := `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proefbundel</title>
<style>@page { size: A4; margin: 20mm } .part { break-before: page }</style></head><body>
<h1>Inhoud</h1><ol><li><a href="#part-1">Een</a></li><li><a href="#part-2">Twee</a></li><li><a href="#part-3">Drie</a></li></ol>
<section class="part" id="part-1"><h2>Een</h2><p>Tekst.</p></section>
<section class="part" id="part-2"><h2>Twee</h2><div style="height: 400mm">lang</div></section>
<section class="part" id="part-3"><h2>Drie</h2><p>Einde.</p></section></body></html>`
	doc, data, p, file := printPage(t, dir, html)
	// Contents on page 1, part 1 on page 2, part 2 on pages 3 and 4 (400 mm of content),
	// part 3 on page 5.
	if doc.Pages() != 5 {
		t.Errorf("%d pages, want 5", doc.Pages())
	}
	dests := doc.Dests()
	for name, want := range map[string]int{"part-1": 2, "part-2": 3, "part-3": 5} {
		if dests[name] != want {
			t.Errorf("%s on page %d, want %d (all: %v)", name, dests[name], want, dests)
		}
	}
	if !strings.Contains(string(data), "/CreationDate (D:20000101000000") {
		t.Error("the creation date is not normalized")
	}
	again, _ := p.Print("file://" + file)
	if string(again) != string(data) {
		t.Error("printing the same page twice gives different bytes")
	}
}

// TestPrinterRemovesOnlyItsOwnProfile starts printers, one that fails and, with a Chromium,
// one that works, in a temporary folder that holds a user's folder named as profiles are:
// each printer removes the profile it made, and nothing else.
func TestPrinterRemovesOnlyItsOwnProfile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mine := filepath.Join(tmp, "vises-chromium-mine", "doc.txt")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(what string) {
		t.Helper()
		entries, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		// (Chromium leaves a folder of its own, org.chromium.Chromium.*: not a profile.)
		var profiles []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "vises-chromium-") {
				profiles = append(profiles, e.Name())
			}
		}
		if len(profiles) != 1 || profiles[0] != "vises-chromium-mine" {
			t.Errorf("%s: the temporary folder holds the profiles %v; want only the user's vises-chromium-mine", what, profiles)
		}
		if data, err := os.ReadFile(mine); err != nil || string(data) != "notes" {
			t.Errorf("%s: the user's file is gone or changed: %q, %v", what, data, err)
		}
	}
	if p, err := NewPrinter("/bin/false"); err == nil {
		p.Close()
		t.Error("a printer started with /bin/false")
	}
	check("a printer that failed to start")
	p, err := NewPrinter(chromium(t))
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	check("a printer closed")
}

// TestLinksReadsChromiumAnnotations prints a page with a link inside the document and a link
// to an address, and reads both back.
func TestLinksReadsChromiumAnnotations(t *testing.T) {
	html := `<!DOCTYPE html><html lang="fr"><title>t</title><body><p><a href="#loin">Plus bas</a> et <a href="https://kit.example/fr/a(b)/">le site</a>.</p><div style="height:2000px"></div><h2 id="loin">Loin</h2></body></html>`
	doc, _, _, _ := printPage(t, t.TempDir(), html)
	var dests, uris []string
	for _, l := range doc.Links() {
		if l.Dest != "" {
			dests = append(dests, l.Dest)
		}
		if l.URI != "" {
			uris = append(uris, l.URI)
		}
	}
	if len(dests) != 1 || dests[0] != "loin" || len(uris) != 1 || uris[0] != "https://kit.example/fr/a(b)/" {
		t.Errorf("links: dests %q, uris %q; want [loin] and [https://kit.example/fr/a(b)/]", dests, uris)
	}
}
