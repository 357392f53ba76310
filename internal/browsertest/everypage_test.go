package browsertest

import (
	"strings"
	"testing"
	"time"
)

// pageTypes is one page of each type of the kit, in both languages: what the axe audit at
// 1280 px, Lighthouse (docs/quality.md) and the screenshot reviews look at.
var pageTypes = []string{
	"index.html", "404.html",
	"fr/index.html", "nl/index.html",
	"fr/methode/index.html", "nl/methode/index.html",
	"fr/methode/dimensions/index.html", "nl/methode/dimensies/index.html",
	"fr/cas/index.html", "nl/praktijkvoorbeelden/index.html",
	"fr/cas/aide-a-domicile/index.html", "nl/praktijkvoorbeelden/thuiszorg/index.html",
	"fr/fiches/index.html", "nl/werkbladen/index.html",
	"fr/fiches/portrait/index.html", "nl/werkbladen/portret/index.html",
	"fr/indicateurs/index.html", "nl/indicatoren/index.html",
	"fr/indicateurs/soc-01/index.html", "nl/indicatoren/soc-01/index.html",
	"fr/indicateurs/cartes/index.html", "nl/indicatoren/kaarten/index.html",
	"fr/formation/index.html", "nl/vorming/index.html",
	"fr/formation/sensibilisation/index.html", "nl/vorming/sensibilisering/index.html",
	"fr/formation/sensibilisation/livret-animateur/index.html", "nl/vorming/sensibilisering/bundel-begeleider/index.html",
	"fr/glossaire/index.html", "nl/woordenlijst/index.html",
	"fr/recherche/index.html?q=indicateurs", "nl/zoeken/index.html?q=indicatoren",
	"fr/a-propos/index.html", "nl/over/index.html",
}

// TestEveryPageOnAPhone opens every page of the kit, in both languages, in one loop on a 360 px
// phone (a new browser every 60 pages) and checks two things on each: the document is exactly
// as wide as the screen (nothing scrolls sideways; the elements that stick out are named when
// it is not), and axe-core finds no violation of the WCAG 2.1 A/AA rules nor of its best
// practices (empty table headers, landmarks, headings...).
func TestEveryPageOnAPhone(t *testing.T) {
	k := BuildKit(t)
	var b *Browser
	for i, p := range kitPages(t, k) {
		if i%60 == 0 {
			if b != nil {
				b.Close()
			}
			// One browser for 60 pages: on a loaded machine a page with its audit can take
			// several seconds, and a browser lives 10 minutes at most.
			b = NewBrowserFor(t, 500, 740, 10*time.Minute)
			b.Phone(t, 360, 740)
		}
		b.Open(t, k.URL+"/"+p)
		drawAll(t, b)
		if width := Eval[int](t, b, `document.documentElement.scrollWidth`); width > 360 {
			t.Errorf("%s is %d px wide at 360 px: %s", p, width, strings.Join(culprits(t, b), ", "))
		}
		for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
			t.Errorf("%s at 360 px: %s (%s): %s", p, v.ID, v.Help, strings.Join(v.Nodes, ", "))
		}
	}
}

// TestEveryPageTypePassesAxeOnWideScreens runs the same audit on one page of each type in
// both languages at 1280 px, where the layouts differ (navigation row, contents beside the
// text, picker in three columns).
func TestEveryPageTypePassesAxeOnWideScreens(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowserFor(t, 1280, 900, 10*time.Minute)
	for _, p := range pageTypes {
		b.Open(t, k.URL+"/"+p)
		drawAll(t, b)
		if strings.Contains(p, "?q=") {
			Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
		}
		for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
			t.Errorf("%s at 1280 px: %s (%s): %s", p, v.ID, v.Help, strings.Join(v.Nodes, ", "))
		}
	}
}

// drawAll makes the browser lay out the whole page: the theme lets it skip the parts of long
// pages far from the screen (content-visibility), where an element too wide or a contrast
// fault would go unseen.
func drawAll(t *testing.T, b *Browser) {
	Eval[int](t, b, `document.head.insertAdjacentHTML("beforeend", "<style>* { content-visibility: visible !important; }</style>"), 0`)
}

// culprits names the outermost elements that stick out of a 360 px screen, leaving out those
// inside a box that scrolls or clips them (a navigation strip, a table's scrolling region).
func culprits(t *testing.T, b *Browser) []string {
	return Eval[[]string](t, b, `(() => {
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
}
