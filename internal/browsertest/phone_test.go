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

// TestNoPageIsWiderThanAPhone opens every page of the kit, in both languages, in a 360 px wide
// window: the document must be exactly as wide as the screen (nothing scrolls sideways), and
// the elements that stick out are named when it is not.
func TestNoPageIsWiderThanAPhone(t *testing.T) {
	k := BuildKit(t)
	var b *Browser
	for i, p := range kitPages(t, k) {
		if i%50 == 0 {
			// A browser lives 90 seconds: a new one for every 50 pages.
			b = NewBrowser(t, 500, 740)
			b.Phone(t, 360, 740)
		}
		b.Open(t, k.URL+"/"+p)
		width := Eval[int](t, b, `document.documentElement.scrollWidth`)
		if width <= 360 {
			continue
		}
		// The outermost elements that stick out of the screen, leaving out those inside a box
		// that scrolls or clips them (a navigation strip, a table's scrolling region).
		culprits := Eval[[]string](t, b, `(() => {
			const clipped = el => {
				for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
					if (getComputedStyle(p).overflowX !== "visible") return true;
				}
				return false;
			};
			const out = [];
			for (const el of document.querySelectorAll("body *")) {
				if (el.getBoundingClientRect().right <= 361 || clipped(el)) continue;
				if (out.some(o => o.el.contains(el))) continue;
				out.push({el, text: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "") +
					(el.id ? "#" + el.id : "") + " (" + Math.round(el.getBoundingClientRect().right) + " px)"});
			}
			return out.map(o => o.text).filter((t, i, all) => !t.startsWith("header") && !t.startsWith("div.layout") && !t.startsWith("footer") || all.length === 1).slice(0, 6);
		})()`)
		t.Errorf("%s is %d px wide at 360 px: %s", p, width, strings.Join(culprits, ", "))
	}
}
