package browsertest

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// kitPages returns the site path of every HTML page of the built kit, sorted.
func kitPages(t *testing.T, k *Kit) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(k.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(k.Dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	if len(pages) < 200 {
		t.Fatalf("only %d pages in the kit", len(pages))
	}
	return pages
}

// TestNavigationFitsEveryScreen: at 1280 px the sections are one row under the header, in
// both languages; on a 360 px phone they are behind a menu button that opens without
// JavaScript, and the header takes at most a sixth of the screen.
func TestNavigationFitsEveryScreen(t *testing.T) {
	k := BuildKit(t)
	wide := NewBrowser(t, 1280, 900)
	phone := NewBrowser(t, 500, 740)
	phone.Phone(t, 360, 740)
	for _, page := range []string{"fr/methode/dimensions/index.html", "nl/methode/dimensies/index.html"} {
		wide.Open(t, k.URL+"/"+page)
		rows := Eval[int](t, wide, `new Set([...document.querySelectorAll(".main-nav li")].map(li => li.offsetTop)).size`)
		items := Eval[int](t, wide, `document.querySelectorAll(".main-nav li").length`)
		fits := Eval[bool](t, wide, `(() => { const u = document.querySelector(".main-nav ul"); return u.scrollWidth <= u.clientWidth; })()`)
		if rows != 1 || items < 7 || !fits {
			t.Errorf("%s at 1280 px: %d sections on %d rows (fits: %v)", page, items, rows, fits)
		}

		phone.Open(t, k.URL+"/"+page)
		if Eval[bool](t, phone, `getComputedStyle(document.querySelector(".main-nav")).display !== "none"`) {
			t.Errorf("%s at 360 px: the row of sections is shown", page)
		}
		if h := Eval[float64](t, phone, `document.querySelector(".site-header").getBoundingClientRect().height`); h > 740/6 {
			t.Errorf("%s at 360 px: the header is %.0f px high, more than a sixth of the screen", page, h)
		}
		if n := Eval[int](t, phone, `document.querySelectorAll(".nav-menu-panel a").length`); n < 7 {
			t.Errorf("%s: the menu holds %d sections", page, n)
		}
		visible := `[...document.querySelectorAll(".nav-menu-panel a")].filter(a => a.checkVisibility()).length`
		if n := Eval[int](t, phone, visible); n != 0 {
			t.Errorf("%s: %d sections shown before the menu is opened", page, n)
		}
		// A details element opens with a click and no script.
		Eval[int](t, phone, `document.querySelector(".nav-menu-button").click(), 0`)
		if n := Eval[int](t, phone, visible); n < 7 {
			t.Errorf("%s: %d sections shown once the menu is opened", page, n)
		}
		if w := Eval[int](t, phone, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s: the open menu makes the page %d px wide", page, w)
		}
	}
}

// TestContentsListNumbersSections: "on this page" numbers the level 2 headings 1, 2, 3... and
// lists the level 3 headings under theirs, unnumbered.
func TestContentsListNumbersSections(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/methode/dimensions/")
	top := Eval[[]string](t, b, `[...document.querySelectorAll(".toc > ol > li > a")].map(a => a.getAttribute("href"))`)
	h2 := Eval[[]string](t, b, `[...document.querySelectorAll(".prose h2[id]")].map(h => "#" + h.id)`)
	if strings.Join(top, " ") != strings.Join(h2, " ") {
		t.Errorf("numbered entries %q, want the level 2 headings %q", top, h2)
	}
	nested := Eval[int](t, b, `document.querySelectorAll(".toc > ol > li > ul > li").length`)
	h3 := Eval[int](t, b, `document.querySelectorAll(".prose h3[id]").length`)
	if nested == 0 || nested != h3 {
		t.Errorf("%d nested entries for %d level 3 headings", nested, h3)
	}
	if pos := Eval[string](t, b, `getComputedStyle(document.querySelector(".toc")).position`); pos != "sticky" {
		t.Errorf("at 1280 px the contents list is %s, not beside the text and following the reader", pos)
	}
}

// TestOfflineNotFoundPageIsStyled opens the offline edition's 404 page from disk: its
// stylesheet and links resolve from the top of the folder (a USB stick has no server root).
func TestOfflineNotFoundPageIsStyled(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.FileURL("404.html"))
	if bg := Eval[string](t, b, `getComputedStyle(document.querySelector(".site-header")).backgroundColor`); bg != "rgb(11, 85, 96)" {
		t.Errorf("the offline 404 page is not styled: header background %s", bg)
	}
	broken := Eval[[]string](t, b, `[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href")).filter(h => h.startsWith("/"))`)
	if len(broken) > 0 {
		t.Errorf("links from the site root, which a file:// page cannot follow: %q", broken)
	}
}
