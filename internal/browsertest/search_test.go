package browsertest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"vises/internal/search"
)

// TestSearchRelevance runs the queries of testdata/relevance.txt in the browser, through the
// same code readers use, and checks that the expected page is among the first three results
// for at least 90 % of the queries of each language (at least 40 per language), listing the
// misses.
func TestSearchRelevance(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	f, err := os.Open("testdata/relevance.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	perLang, hits := map[string]int{}, map[string]int{}
	var misses []string
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
		perLang[lang]++
		if found {
			hits[lang]++
		} else {
			misses = append(misses, fmt.Sprintf("%s %q: %s not in the top 3 %v", lang, q, want, top))
		}
	}
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	for _, lang := range []string{"fr", "nl"} {
		n := perLang[lang]
		if n < 40 {
			t.Errorf("%s: %d queries in the relevance set, want at least 40", lang, n)
			continue
		}
		t.Logf("%s: %d of %d queries (%.0f %%) have the expected page in the top 3", lang, hits[lang], n, 100*float64(hits[lang])/float64(n))
		if hits[lang]*10 < n*9 {
			t.Errorf("%s: %d of %d queries have the expected page in the top 3, want at least 90 %%", lang, hits[lang], n)
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
		"fr": {"indicateurs", "coopératives", "bénévoles", "sociaux", "évaluative", "prix", "impacts", "œuvre", "données", "CO₂"},
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

// TestSearchPageWithoutResultOrWithSomeWords opens the results page with a query that
// matches nothing (two typos), then with one that matches only in part: the first says so
// and offers the pages whose titles are closest, with the index of terms; the second lists
// the pages holding some of the words, saying that none holds them all.
func TestSearchPageWithoutResultOrWithSomeWords(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/recherche/?q=ressoursrie")
	Wait(t, b, `document.querySelector("#search-results h2") !== null`)
	if h := Eval[string](t, b, `document.querySelector("#search-results h2").textContent`); h != "Aucun résultat pour cette recherche." {
		t.Errorf("heading %q", h)
	}
	near := Eval[[]string](t, b, `[...document.querySelectorAll(".search-suggestions a")].map(a => a.getAttribute("href"))`)
	if len(near) == 0 || !strings.HasSuffix(near[0], "fr/cas/ressourcerie/") {
		t.Errorf("suggestions %v, want the ressourcerie case first", near)
	}
	if Eval[bool](t, b, `document.querySelector(".search-index").hidden`) {
		t.Error("without result the index of terms stays hidden")
	}
	if n := Eval[int](t, b, `document.querySelectorAll(".search-results-list li").length`); n != 0 {
		t.Errorf("%d unrelated results", n)
	}

	b.Open(t, k.URL+"/nl/zoeken/?q=kringwinkel+zzyzx")
	Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
	if p := Eval[string](t, b, `(document.querySelector(".search-partial") || {textContent: ""}).textContent`); !strings.HasPrefix(p, "Geen enkele pagina bevat al deze woorden") {
		t.Errorf("partial match note %q", p)
	}
	if !Eval[bool](t, b, `document.querySelector(".search-index").hidden`) {
		t.Error("the index of terms shows below the results")
	}
}

// TestSearchPageDoesNotShift measures the layout shifts of the results page while its
// results arrive: the index of terms below must not be pushed down.
func TestSearchPageDoesNotShift(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, page := range []string{"/fr/recherche/?q=indicateurs", "/nl/zoeken/?q=vrijwilligers"} {
		b.Open(t, k.URL+page)
		Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
		shifts := Eval[float64](t, b, `new Promise(done => { let s = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) s += e.value; })).observe({type: "layout-shift", buffered: true}); setTimeout(() => done(s), 200); })`)
		if shifts > 0.02 {
			t.Errorf("%s: layout shift %.3f, want none", page, shifts)
		}
	}
}

// TestSearchShowsTitlesBeforeTexts blocks the texts and snippets of the index
// (search-text-N.js, search-snippets-N.js): the results page still lists the pages whose
// titles match, read from the small first file alone, which holds no text.
func TestSearchShowsTitlesBeforeTexts(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	if _, err := chromedp.Call(b.Ctx(), network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.Ctx(), network.SetBlockedURLs, network.SetBlockedURLsParams{
		URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*/search-text-*.js", Block: true},
			{URLPattern: "*://*:*/*/search-snippets-*.js", Block: true}}}); err != nil {
		t.Fatal(err)
	}
	b.Open(t, k.URL+"/fr/recherche/?q=ressourcerie")
	Wait(t, b, `document.querySelector(".search-results-list li") !== null`)
	if first := Eval[string](t, b, `document.querySelector(".search-results-list a").getAttribute("href")`); !strings.Contains(first, "cas/ressourcerie/") {
		t.Errorf("first result %q", first)
	}
	if n := Eval[int](t, b, `Object.keys(window.VISES_SEARCH_PARTS || {}).length`); n != 0 {
		t.Errorf("%d parts of the texts were not blocked", n)
	}
	if Eval[bool](t, b, `"z" in VISES_SEARCH.docs[0] || "s" in VISES_SEARCH.docs[0]`) {
		t.Error("the first file of the index holds the texts")
	}
}
