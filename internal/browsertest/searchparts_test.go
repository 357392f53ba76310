package browsertest

import (
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hold pauses the browser's requests whose address matches one of patterns (wildcards as
// in Fetch.enable) until release is called. paused returns the addresses paused so far.
func hold(t *testing.T, b *Browser, patterns ...string) (paused func() []string, release func()) {
	t.Helper()
	var mu sync.Mutex
	var ids []fetch.RequestID
	var urls []string
	if err := chromedp.Listen(b.Ctx(), func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			mu.Lock()
			ids, urls = append(ids, e.RequestID), append(urls, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	var ps []*fetch.RequestPattern
	for _, p := range patterns {
		ps = append(ps, &fetch.RequestPattern{URLPattern: p})
	}
	if _, err := chromedp.Call(b.Ctx(), fetch.Enable, fetch.EnableParams{Patterns: ps}); err != nil {
		t.Fatal(err)
	}
	paused = func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), urls...)
	}
	release = func() {
		mu.Lock()
		held := ids
		ids = nil
		mu.Unlock()
		for _, id := range held {
			if _, err := chromedp.Call(b.Ctx(), fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := chromedp.Call(b.Ctx(), fetch.Disable, struct{}{}); err != nil {
			t.Fatal(err)
		}
	}
	return paused, release
}

// sameAsQuery is a JavaScript expression: whether the results drawn on the results page are,
// in order, the first results of visesSearch.query for q (the ranking of the whole index).
func sameAsQuery(q string) string {
	return `new Promise(done => visesSearch.query(` + jsString(q) + `, urls => {
		const drawn = [...document.querySelectorAll(".search-results-list > li > a")].map(a => new URL(a.getAttribute("href"), location.href));
		done(drawn.length > 0 && drawn.every((u, i) => (u.pathname + u.hash).endsWith("/" + urls[i].replace(/\/(#|$)/, "/index.html$1").replace(/index\.html/, location.protocol === "file:" ? "index.html" : ""))));
	}))`
}

// TestSearchPageShowsFirstResultsBeforeTheTexts holds back the text parts of the index
// (search-text-N.js): the results page draws its first results from the titles, with their
// snippets, having loaded only the snippet parts of those results; it asked for every text
// part with the titles. Once the texts arrive, the list is drawn again, in the order of the
// whole index.
func TestSearchPageShowsFirstResultsBeforeTheTexts(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	paused, release := hold(t, b, "*/search-text-*")
	// The parts held back hold back the page's load event, which Open waits for.
	b.Do(t, chromedp.Navigate("about:blank"))
	if _, err := chromedp.Call(b.Ctx(), page.Navigate, page.NavigateParams{URL: k.URL + "/fr/recherche/?q=ressourcerie"}); err != nil {
		t.Fatal(err)
	}
	Wait(t, b, `document.getElementById("search-results").dataset.drawn === "titles"`)
	if n := Eval[int](t, b, `document.querySelectorAll(".search-results-list li").length`); n == 0 {
		t.Fatal("no result drawn from the titles")
	}
	if first := Eval[string](t, b, `document.querySelector(".search-results-list a").getAttribute("href")`); !strings.Contains(first, "cas/ressourcerie/") {
		t.Errorf("first result %q", first)
	}
	// The first results come with their snippets.
	if n := Eval[int](t, b, `[...document.querySelectorAll(".search-results-list li")].filter(li => li.querySelector(".search-snippet")).length`); n == 0 {
		t.Error("the first results have no snippet")
	}
	parts := Eval[[]string](t, b, `Object.keys(window.VISES_SEARCH_PARTS).sort()`)
	all := Eval[int](t, b, `VISES_SEARCH.snippets.length`)
	snippetParts := 0
	for _, p := range parts {
		if strings.HasPrefix(p, "t") {
			t.Errorf("text part %s was read while held back", p)
		}
		if strings.HasPrefix(p, "s") {
			snippetParts++
		}
	}
	if snippetParts == 0 || snippetParts >= all {
		t.Errorf("%d of %d snippet parts loaded (%v); want those of the results shown only", snippetParts, all, parts)
	}
	texts := Eval[int](t, b, `+document.getElementById("search-results").dataset.texts`)
	if asked := paused(); texts < 2 || len(asked) != texts {
		t.Errorf("%d text parts asked for (%v), the page names %d", len(asked), asked, texts)
	}

	release()
	Wait(t, b, `document.getElementById("search-results").dataset.drawn === "full"`)
	if n := Eval[int](t, b, `Object.keys(window.VISES_SEARCH_PARTS).filter(k => k[0] === "t").length`); n != texts {
		t.Errorf("%d text parts read, want %d", n, texts)
	}
	if Eval[bool](t, b, sameAsQuery("benevoles")) {
		t.Error("the results of ressourcerie are said to be those of benevoles")
	}
	if !Eval[bool](t, b, sameAsQuery("ressourcerie")) {
		t.Error("the results drawn once the texts are read are not those of the whole index, in its order")
	}
}

// TestSearchResultsGrowAsTheReaderScrolls opens a query with many results on a phone: a few
// groups of results are drawn, with their snippets; more are drawn as the reader scrolls,
// until every result is, in the order of the whole index.
func TestSearchResultsGrowAsTheReaderScrolls(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Phone(t, 360, 740)
	b.Open(t, k.URL+"/fr/recherche/?q=indicateurs")
	Wait(t, b, `document.getElementById("search-results").dataset.drawn === "full"`)
	total := Eval[int](t, b, `new Promise(done => visesSearch.query("indicateurs", urls => done(urls.length)))`)
	first := Eval[int](t, b, `document.querySelectorAll(".search-results-list li").length`)
	if first == 0 || first >= total || total < 50 {
		t.Fatalf("%d of %d results drawn at first; want a few screens of a long list", first, total)
	}
	for i := 0; i < 100 && !Eval[bool](t, b, `document.querySelector(".search-results-list").hasAttribute("data-complete")`); i++ {
		Eval[int](t, b, `window.scrollTo(0, document.documentElement.scrollHeight), 0`)
		Eval[bool](t, b, `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`)
	}
	if n := Eval[int](t, b, `document.querySelectorAll(".search-results-list li").length`); n != total {
		t.Errorf("%d results drawn after scrolling to the end, want %d", n, total)
	}
	if !Eval[bool](t, b, sameAsQuery("indicateurs")) {
		t.Error("the results are not those of the whole index, in its order")
	}
	// Snippets come with every group (a few documents have none: a term without definition).
	if n := Eval[int](t, b, `document.querySelectorAll(".search-results-list li .search-snippet").length`); n*10 < total*9 {
		t.Errorf("%d of %d results have a snippet", n, total)
	}
}

// TestSearchPartsLoadFromDisk opens the offline edition from disk, where scripts load but
// fetch() is refused: the results page reads every part of the index, and the search box
// shows snippets under its results.
func TestSearchPartsLoadFromDisk(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	errs := ConsoleErrors(t, b)
	b.Open(t, k.FileURL("nl/zoeken/index.html")+"?q=vrijwilligers")
	Wait(t, b, `document.getElementById("search-results").dataset.drawn === "full"`)
	if !Eval[bool](t, b, sameAsQuery("vrijwilligers")) {
		t.Error("from disk, the results are not those of the whole index, in its order")
	}
	if Eval[int](t, b, `document.querySelectorAll(".search-results-list li .search-snippet").length`) == 0 {
		t.Error("from disk, no result has a snippet")
	}
	b.Open(t, k.FileURL("fr/methode/index.html"))
	b.Do(t, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent("benevoles"))
	Wait(t, b, `document.querySelectorAll("#search-list [role=option] .search-snippet").length > 0`)
	b.Do(t, chromedp.KeyEvent(kb.Escape))
	for _, e := range errs() {
		t.Errorf("console: %s", e)
	}
}
