package browsertest

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"vises/internal/search"
)

// TestSearchRelevance runs the queries of testdata/relevance.txt in the browser, through the
// same code readers use, and checks that the expected page is among the first three results.
func TestSearchRelevance(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	f, err := os.Open("testdata/relevance.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	perLang := map[string]int{}
	opened := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("bad line %q", line)
		}
		lang, q, want := parts[0], parts[1], parts[2]
		if opened != lang {
			b.Open(t, k.URL+"/"+lang+"/")
			opened = lang
		}
		qs, _ := json.Marshal(q)
		urls := Eval[[]string](t, b, `new Promise(done => visesSearch.query(`+string(qs)+`, done))`)
		top := urls
		if len(top) > 3 {
			top = top[:3]
		}
		found := false
		for _, u := range top {
			found = found || strings.SplitN(u, "#", 2)[0] == want
		}
		if !found {
			t.Errorf("%s %q: %s not in the top 3 %v", lang, q, want, top)
		}
		perLang[lang]++
	}
	for _, lang := range []string{"fr", "nl"} {
		if perLang[lang] < 25 {
			t.Errorf("%s: %d queries in the relevance set, want at least 25", lang, perLang[lang])
		}
	}
}

func TestSearchBoxWithTheKeyboard(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/methode/")
	// "/" puts the focus in the box; the index loads only now.
	if Eval[bool](t, b, `"VISES_SEARCH" in window`) {
		t.Error("the index was loaded before the search box was used")
	}
	b.Do(t, chromedp.KeyEvent("/"))
	Wait(t, b, `document.activeElement.id === "search-q"`)
	b.Do(t, chromedp.KeyEvent("benevoles"))
	// The list is drawn for what the box holds once typing is over.
	Wait(t, b, `document.querySelector(".search-status").dataset.q === document.getElementById("search-q").value && document.querySelectorAll("#search-list [role=option]").length > 0`)
	if e := Eval[string](t, b, `document.getElementById("search-q").getAttribute("aria-expanded")`); e != "true" {
		t.Errorf("aria-expanded %s", e)
	}
	if s := Eval[string](t, b, `document.querySelector(".search-status").textContent`); !strings.HasSuffix(s, "résultats") {
		t.Errorf("announced %q", s)
	}
	if Eval[int](t, b, `document.querySelectorAll("#search-list mark").length`) == 0 {
		t.Error("no highlighted word")
	}
	b.Do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	if a := Eval[string](t, b, `document.getElementById("search-q").getAttribute("aria-activedescendant")`); a != "search-opt-1" {
		t.Errorf("active option %q", a)
	}
	want := Eval[string](t, b, `new URL(document.getElementById("search-opt-1").dataset.href, location.href).href`)
	b.Do(t, chromedp.KeyEvent(kb.Enter))
	Wait(t, b, `location.href === `+jsString(want))

	// Escape closes the list.
	b.Open(t, k.URL+"/nl/")
	b.Do(t, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent("coöperatie"))
	Wait(t, b, `!document.querySelector(".search-popup").hidden`)
	b.Do(t, chromedp.KeyEvent(kb.Escape))
	if !Eval[bool](t, b, `document.querySelector(".search-popup").hidden`) {
		t.Error("Escape did not close the list")
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestSearchFromDiskAndWithoutJavaScriptIndex(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	// The results page, opened from disk, with a query without accents.
	b.Open(t, k.FileURL("fr/recherche/index.html")+"?q=cooperatives")
	Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
	first := Eval[string](t, b, `document.querySelector(".search-results-list a").getAttribute("href")`)
	if !strings.HasSuffix(strings.SplitN(first, "#", 2)[0], "index.html") {
		t.Errorf("offline result link %q does not name a file", first)
	}
	// Without JavaScript the page is a plain index of terms.
	if n := Eval[int](t, b, `document.querySelectorAll(".search-index-list a").length`); n < 100 {
		t.Errorf("index of terms has %d links", n)
	}
}

func TestSearchAccessibility(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/")
	b.Do(t, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent("indicateur"))
	Wait(t, b, `document.querySelectorAll("#search-list [role=option]").length > 0`)
	b.Do(t, chromedp.KeyEvent(kb.ArrowDown))
	NoViolations(t, b, "search box with results")
	b.Open(t, k.URL+"/nl/zoeken/?q=vrijwilligers")
	Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
	NoViolations(t, b, "search page")
}

// TestSearchStemsAgreeWithGo checks that search.js stems words as internal/search does: the
// index is made in Go, the queries are stemmed in the browser.
func TestSearchStemsAgreeWithGo(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	words := map[string][]string{
		"fr": {"indicateurs", "coopératives", "bénévoles", "sociaux", "évaluative", "prix", "impacts", "œuvre", "données"},
		"nl": {"vrijwilligers", "indicatoren", "coöperaties", "organisaties", "gegevens", "gemeenschappen", "werkbladen", "doorstroom"},
	}
	for lang, ws := range words {
		b.Open(t, k.URL+"/"+lang+"/")
		for _, w := range ws {
			got := Eval[string](t, b, `visesSearch.stem(visesSearch.normalize(`+jsString(w)+`))`)
			if want := search.Stem(lang, search.Normalize(w)); got != want {
				t.Errorf("%s %q: search.js stems %q, Go %q", lang, w, got, want)
			}
		}
	}
}
