package browsertest

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// count returns the number of indicators the picker lists.
func count(t *testing.T, b *Browser) int {
	return Eval[int](t, b, `document.querySelectorAll(".picker-results .picker-result").length`)
}

// expected computes, from the picker's own data, how many indicators have a facet value.
func expected(t *testing.T, b *Browser, facet, code string) int {
	return Eval[int](t, b, `VISES_PICKER.items.filter(it => (it.f["`+facet+`"]||[]).includes("`+code+`")).length`)
}

func openCatalogue(t *testing.T, b *Browser, url string) {
	t.Helper()
	b.Open(t, url)
	Wait(t, b, `document.getElementById("picker") && !document.getElementById("picker").hidden`)
}

func TestPickerFiltersWithCountsAndChips(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1400, 1000)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/")
	total := Eval[int](t, b, `VISES_PICKER.items.length`)
	if total < 60 || count(t, b) != total {
		t.Fatalf("picker lists %d of %d indicators", count(t, b), total)
	}
	if !Eval[bool](t, b, `document.getElementById("catalogue-static").hidden`) {
		t.Error("the static list should give way to the picker")
	}

	// One value of a facet: the count announced next to it is the number of results.
	social := expected(t, b, "dimension", "social")
	label := Eval[string](t, b, `document.querySelector('label[for="f-dimension-social"]').textContent`)
	if !strings.Contains(label, "("+itoa(social)+")") {
		t.Errorf("label %q does not announce %d", label, social)
	}
	b.Do(t, chromedp.Click(chromedp.ID("f-dimension-social")))
	if n := count(t, b); n != social {
		t.Errorf("social: %d results, want %d", n, social)
	}
	status := Eval[string](t, b, `document.getElementById("picker-count").textContent`)
	if status != itoa(social)+" indicateurs" {
		t.Errorf("result count says %q", status)
	}

	// Values of one facet are OR'ed; facets are AND'ed.
	economic := expected(t, b, "dimension", "economic")
	b.Do(t, chromedp.Click(chromedp.ID("f-dimension-economic")))
	if n := count(t, b); n != social+economic {
		t.Errorf("social or economic: %d results, want %d", n, social+economic)
	}
	both := Eval[int](t, b, `VISES_PICKER.items.filter(it => ["social","economic"].includes(it.f.dimension[0]) && it.f.effort[0] === "1").length`)
	b.Do(t, chromedp.Click(chromedp.ID("f-effort-1")))
	if n := count(t, b); n != both {
		t.Errorf("(social or economic) and effort 1: %d results, want %d", n, both)
	}

	// No checkbox leads to an empty result without saying so: values with no result are disabled.
	bad := Eval[int](t, b, `[...document.querySelectorAll(".picker-options input")].filter(i => !i.checked && !i.disabled && /\(0\)/.test(i.nextElementSibling.textContent)).length`)
	if bad != 0 {
		t.Errorf("%d enabled options would give no result", bad)
	}

	// Chips: one per active filter, removable, and a button to clear everything.
	if n := Eval[int](t, b, `document.querySelectorAll(".picker-chip").length`); n != 3 {
		t.Errorf("%d chips, want 3", n)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-chip")))
	if n := Eval[int](t, b, `document.querySelectorAll(".picker-chip").length`); n != 2 {
		t.Errorf("after removing a chip: %d chips, want 2", n)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-clear-filters")))
	if n := count(t, b); n != total {
		t.Errorf("after clearing: %d results, want %d", n, total)
	}

	// A search with no result says so.
	b.Do(t, chromedp.SendKeys(chromedp.ID("picker-q"), "zzzzqqq"))
	if n := count(t, b); n != 0 {
		t.Errorf("nonsense search found %d", n)
	}
	if s := Eval[string](t, b, `document.getElementById("picker-count").textContent`); !strings.HasPrefix(s, "Aucun indicateur") {
		t.Errorf("empty result is announced as %q", s)
	}
}

func TestPickerSearchIgnoresAccentsAndCase(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	cases := []struct {
		page, query, want string
	}{
		{"/fr/indicateurs/", "benevol", "POL-06"}, // bénévoles
		{"/fr/indicateurs/", "BÉNÉVOLAT", "POL-06"},
		{"/nl/indicatoren/", "cooperanten", "POL-04"}, // coöperanten
		{"/nl/indicatoren/", "Coöperanten", "POL-04"},
	}
	for _, c := range cases {
		openCatalogue(t, b, k.URL+c.page)
		b.Do(t, chromedp.SendKeys(chromedp.ID("picker-q"), c.query))
		ids := Eval[[]string](t, b, `[...document.querySelectorAll(".picker-result .indicator-code")].map(e => e.textContent)`)
		found := false
		for _, id := range ids {
			found = found || id == c.want
		}
		if !found {
			t.Errorf("%s %q: %s not among %v", c.page, c.query, c.want, ids)
		}
		if len(ids) == Eval[int](t, b, `VISES_PICKER.items.length`) {
			t.Errorf("%s %q filtered nothing", c.page, c.query)
		}
	}
}

func TestPickerSelectionPersistsSharesAndCrossesLanguages(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/")
	b.Do(t, chromedp.Click(chromedp.ID("f-dimension-social")))
	for _, id := range []string{"SOC-01", "SOC-07"} {
		b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="`+id+`"]`)))
	}
	basket := func(b *Browser) []string {
		return Eval[[]string](t, b, `[...document.querySelectorAll(".picker-basket-list a")].map(a => a.textContent.split(" ")[0])`)
	}
	if got := strings.Join(basket(b), ","); got != "SOC-01,SOC-07" {
		t.Fatalf("basket %s", got)
	}

	// Reload: kept in localStorage and in the address.
	link := Eval[string](t, b, `location.href`)
	if !strings.Contains(link, "sel=SOC-01,SOC-07") || !strings.Contains(link, "dimension=social") {
		t.Errorf("the address does not hold the view: %s", link)
	}
	b.Open(t, k.URL+"/fr/indicateurs/")
	Wait(t, b, `!document.getElementById("picker").hidden`)
	if got := strings.Join(basket(b), ","); got != "SOC-01,SOC-07" {
		t.Errorf("after reload, basket %s", got)
	}

	// The shared link in a fresh profile restores the filters and the selection.
	other := NewBrowser(t, 1280, 900)
	openCatalogue(t, other, link)
	if got := strings.Join(basket(other), ","); got != "SOC-01,SOC-07" {
		t.Errorf("shared link: basket %s", got)
	}
	if !Eval[bool](t, other, `document.getElementById("f-dimension-social").checked`) {
		t.Error("shared link: the dimension filter is not restored")
	}

	// The language switch keeps the selection and the view.
	openCatalogue(t, b, link)
	b.Do(t, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="nl"]`)))
	Wait(t, b, `location.pathname.startsWith("/nl/indicatoren/") && !document.getElementById("picker").hidden`)
	if got := strings.Join(basket(b), ","); got != "SOC-01,SOC-07" {
		t.Errorf("in Dutch, basket %s", got)
	}
	if !Eval[bool](t, b, `document.getElementById("f-dimension-social").checked`) {
		t.Error("in Dutch, the filter is lost")
	}

	// A shared link does not silently replace the reader's own basket: it can be restored.
	b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="SOC-09"]`)))
	openCatalogue(t, b, k.URL+"/nl/indicatoren/#sel=ENV-01")
	if got := strings.Join(basket(b), ","); got != "ENV-01" {
		t.Errorf("shared link shows %s", got)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-shared-back")))
	if got := strings.Join(basket(b), ","); got != "SOC-01,SOC-07,SOC-09" {
		t.Errorf("restored basket %s", got)
	}
}

func TestPickerIndicatorPageAddsToTheBasket(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/indicateurs/pol-06/")
	Wait(t, b, `document.querySelector(".basket-button") !== null`)
	b.Do(t, chromedp.Click(chromedp.CSS(".basket-button")))
	if p := Eval[string](t, b, `document.querySelector(".basket-button").getAttribute("aria-pressed")`); p != "true" {
		t.Errorf("aria-pressed %s after adding", p)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".basket-status a")))
	Wait(t, b, `document.querySelector(".picker-basket-list a") !== null`)
	if got := Eval[string](t, b, `document.querySelector(".picker-basket-list a").textContent`); !strings.HasPrefix(got, "POL-06") {
		t.Errorf("catalogue basket starts with %q", got)
	}
}

func TestPickerExportsAnExcelReadyPlan(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/#sel=SOC-01,ENV-02")
	plan := Eval[string](t, b, `visesPicker.csv()`)
	lines := strings.Split(plan, "\r\n")
	if !strings.HasPrefix(plan, "\ufeff") {
		t.Error("no byte order mark")
	}
	if h := strings.TrimPrefix(lines[0], "\ufeff"); h != "Indicateur;Définition;Méthode;Source;Fréquence;Temps à prévoir;Effectif minimum;Ventilation;Responsable;Situation de départ;Cible" {
		t.Errorf("header %q", h)
	}
	if len(lines) != 4 || lines[3] != "" {
		t.Fatalf("%d lines: %q", len(lines), plan)
	}
	if !strings.HasPrefix(lines[1], "SOC-01 ") || !strings.HasPrefix(lines[2], "ENV-02 ") {
		t.Errorf("rows %q / %q", lines[1], lines[2])
	}
	// The card's follow-up texts fill time cost, minimum numbers, breakdown and owner;
	// baseline and target are left for the structure.
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(plan, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	for _, row := range rows[1:] {
		if len(row) != 11 || row[5] == "" || row[6] == "" || row[7] == "" || row[8] == "" || row[9] != "" || row[10] != "" {
			t.Errorf("plan row %q: want time cost, minimum numbers, breakdown and owner filled, baseline and target empty", row)
		}
	}

	// The export button downloads the same file.
	b.AllowDownloads(t)
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-export")))
	data, _ := os.ReadFile(b.WaitDownload(t, "plan-de-collecte.csv"))
	if string(data) != plan {
		t.Errorf("downloaded file differs from the plan:\n%q\n%q", data, plan)
	}

	// The printable plan lists the selection.
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-plan-button")))
	if n := Eval[int](t, b, `document.querySelectorAll("#picker-plan tbody tr").length`); n != 2 {
		t.Errorf("plan has %d rows", n)
	}
	if !strings.Contains(Eval[string](t, b, `location.hash`), "view=plan") {
		t.Error("the plan view is not in the address")
	}
}

func TestPickerWarnsPastTwelveIndicators(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/nl/indicatoren/")
	if Eval[bool](t, b, `!document.querySelector(".picker-warning").hidden`) {
		t.Error("warning shown with an empty basket")
	}
	Eval[int](t, b, `[...document.querySelectorAll(".picker-toggle")].slice(0, 12).forEach(b => b.click()), 0`)
	if Eval[bool](t, b, `!document.querySelector(".picker-warning").hidden`) {
		t.Error("warning shown at 12")
	}
	Eval[int](t, b, `document.querySelectorAll(".picker-toggle")[12].click(), 0`)
	if w := Eval[string](t, b, `document.querySelector(".picker-warning").hidden ? "" : document.querySelector(".picker-warning").textContent`); !strings.Contains(w, "13") {
		t.Errorf("warning at 13: %q", w)
	}
}

// TestPickerReportsAFullStorage checks that a basket the browser refuses to keep is said so in
// the basket, and that a search typed as a chip shows as typed.
func TestPickerReportsAFullStorage(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/")
	Eval[int](t, b, `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }, 0`)
	b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="SOC-01"]`)))
	status := Eval[string](t, b, `document.querySelector(".picker-basket-status").textContent`)
	if !strings.HasPrefix(status, "1 indicateur sélectionné.") || !strings.Contains(status, "pas pu enregistrer la sélection") {
		t.Errorf("basket status %q", status)
	}
	// A query with "$&" in it is shown as typed (it is no pattern of String.replace).
	Eval[int](t, b, `(q => { q.value = "a$&b"; q.dispatchEvent(new Event("input")); })(document.getElementById("picker-q")), 0`)
	if chip := Eval[string](t, b, `document.querySelector(".picker-chip").textContent`); !strings.Contains(chip, "a$&b") {
		t.Errorf("chip %q", chip)
	}
}

func TestPickerWithTheKeyboardOnly(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/")
	Eval[int](t, b, `document.getElementById("picker-q").focus(), 0`)
	b.Do(t, chromedp.KeyEvent("benevol"))
	// Tab until the first "add" button of the results has the focus, then press Enter.
	for i := 0; i < 80; i++ {
		if Eval[bool](t, b, `document.activeElement.classList.contains("picker-toggle")`) {
			break
		}
		b.Do(t, chromedp.KeyEvent("\t"))
	}
	id := Eval[string](t, b, `document.activeElement.getAttribute("data-id") || ""`)
	if id == "" {
		t.Fatal("the keyboard never reached an add button")
	}
	b.Do(t, chromedp.KeyEvent("\r"))
	if got := Eval[string](t, b, `document.activeElement.getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("after Enter the focused button says aria-pressed=%s", got)
	}
	if got := Eval[string](t, b, `document.querySelector(".picker-basket-list a").textContent`); !strings.HasPrefix(got, id) {
		t.Errorf("basket %q, want %s", got, id)
	}
}

func TestPickerFromDisk(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.FileURL("fr/indicateurs/index.html"))
	b.Do(t, chromedp.Click(chromedp.ID("f-dimension-environmental")))
	if n, want := count(t, b), expected(t, b, "dimension", "environmental"); n != want {
		t.Errorf("from disk: %d results, want %d", n, want)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="ENV-01"]`)))
	b.Open(t, k.FileURL("fr/indicateurs/index.html"))
	Wait(t, b, `!document.getElementById("picker").hidden`)
	if got := Eval[string](t, b, `(document.querySelector(".picker-basket-list a")||{}).textContent || ""`); !strings.HasPrefix(got, "ENV-01") {
		t.Errorf("from disk, after reload: basket %q", got)
	}
	// Links of the offline build name their files.
	href := Eval[string](t, b, `document.querySelector(".picker-result a").getAttribute("href")`)
	if !strings.HasSuffix(href, "index.html") {
		t.Errorf("offline result link %q", href)
	}
}

func TestCatalogueAccessibility(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, page := range []string{"/fr/indicateurs/", "/nl/indicatoren/", "/fr/indicateurs/soc-01/", "/nl/indicatoren/env-05/", "/fr/indicateurs/cartes/"} {
		b.Open(t, k.URL+page)
		time.Sleep(100 * time.Millisecond)
		NoViolations(t, b, page)
	}
	// With filters on and a selection, too.
	openCatalogue(t, b, k.URL+"/fr/indicateurs/#dimension=social&sel=SOC-01&q=sortie")
	NoViolations(t, b, "catalogue with filters")
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestAxeReportsViolations makes sure the audit can fail: a page with an unlabelled field and
// an image without text must give violations.
func TestAxeReportsViolations(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/fr/")
	Eval[int](t, b, `document.querySelector("main").insertAdjacentHTML("beforeend", '<input type="text"><img src="x.png">'), 0`)
	ids := map[string]bool{}
	for _, v := range Axe(t, b) {
		ids[v.ID] = true
	}
	if !ids["label"] || !ids["image-alt"] {
		t.Errorf("axe found %v, want label and image-alt", ids)
	}
}

func TestPickerPrintsTheCardsOfTheSelection(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/nl/indicatoren/#sel=ENV-01,SOC-21,POL-04")
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-cards")))
	Wait(t, b, `location.pathname === "/nl/indicatoren/kaarten/" && document.readyState === "complete"`)
	ids := Eval[[]string](t, b, `[...document.querySelectorAll(".card-a6")].map(c => c.dataset.id)`)
	if strings.Join(ids, ",") != "SOC-21,POL-04,ENV-01" {
		t.Errorf("cards %v, want the three selected", ids)
	}
	if s := Eval[string](t, b, `document.querySelector(".cards-selection").textContent`); s != "De 3 kaarten uit je selectie, klaar om af te drukken." {
		t.Errorf("status %q", s)
	}
}

// storedBasket returns the ids of the reader's own basket as the storage holds them.
func storedBasket(t *testing.T, b *Browser) string {
	return Eval[string](t, b, `(JSON.parse(localStorage.getItem("vises.basket") || '{"ids":[]}').ids || []).join(",")`)
}

func shownBasket(t *testing.T, b *Browser) string {
	return Eval[string](t, b, `[...document.querySelectorAll(".picker-basket-list a")].map(a => a.textContent.split(" ")[0]).join(",")`)
}

// TestPickerSharedLinksNeverLoseTheOwnBasket opens several shared links in a row, changes a
// shared selection, and fills the storage: the reader's own basket stays stored as it was
// until she adds the shared indicators to it or goes back to it.
func TestPickerSharedLinksNeverLoseTheOwnBasket(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openCatalogue(t, b, k.URL+"/fr/indicateurs/")
	for _, id := range []string{"SOC-01", "SOC-07"} {
		b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="`+id+`"]`)))
	}
	const own = "SOC-01,SOC-07"
	for i, link := range []string{"#sel=ENV-01", "#sel=POL-06,ECO-02", "#dimension=social&sel=SOC-03"} {
		openCatalogue(t, b, k.URL+"/fr/indicateurs/"+link)
		if got := Eval[string](t, b, `document.getElementById("picker-basket-title").textContent`); got != "Sélection partagée avec vous" {
			t.Errorf("link %d: basket titled %q", i, got)
		}
		if i == 1 { // changing the shared selection does not touch the own basket
			b.Do(t, chromedp.Click(chromedp.CSS(`.picker-toggle[data-id="ENV-02"]`)))
			if got := shownBasket(t, b); got != "POL-06,ECO-02,ENV-02" {
				t.Errorf("shared selection after a change: %s", got)
			}
		}
		if got := storedBasket(t, b); got != own {
			t.Fatalf("after shared link %d the stored basket is %q, want %s", i, got, own)
		}
	}
	// A shared link followed within the page (hashchange) too.
	Eval[int](t, b, `location.hash = "#sel=ENV-05", 0`)
	Wait(t, b, `document.querySelector(".picker-basket-list a") && document.querySelector(".picker-basket-list a").textContent.startsWith("ENV-05")`)
	if got := storedBasket(t, b); got != own {
		t.Fatalf("after a hash change the stored basket is %q", got)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-shared-back")))
	if got := shownBasket(t, b); got != own {
		t.Errorf("back to my basket shows %s", got)
	}
	if got := Eval[string](t, b, `document.getElementById("picker-basket-title").textContent`); got != "Ma sélection" {
		t.Errorf("own basket titled %q", got)
	}
	if !Eval[bool](t, b, `document.querySelector(".picker-notice").hidden`) {
		t.Error("the shared notice stays")
	}

	// "Add to my basket" merges the shared selection into the own basket.
	openCatalogue(t, b, k.URL+"/fr/indicateurs/#sel=ENV-01,SOC-01")
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-shared-add")))
	if got := shownBasket(t, b) + " / " + storedBasket(t, b); got != "SOC-01,SOC-07,ENV-01 / SOC-01,SOC-07,ENV-01" {
		t.Errorf("after adding the shared selection: shown / stored %s", got)
	}

	// With a full storage, adding is refused with a message, and nothing is lost.
	openCatalogue(t, b, k.URL+"/fr/indicateurs/#sel=ENV-08")
	fillStorage(t, b)
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-shared-add")))
	if msg := Eval[string](t, b, `document.querySelector(".picker-notice").textContent`); !strings.Contains(msg, "pas pu enregistrer la sélection") {
		t.Errorf("full storage: notice %q", msg)
	}
	if got := shownBasket(t, b) + " / " + storedBasket(t, b); got != "ENV-08 / SOC-01,SOC-07,ENV-01" {
		t.Errorf("full storage: shown / stored %s", got)
	}
	// Going back needs no write: it works with a full storage.
	b.Do(t, chromedp.Click(chromedp.CSS(".picker-shared-back")))
	if got := shownBasket(t, b); got != "SOC-01,SOC-07,ENV-01" {
		t.Errorf("full storage: back shows %s", got)
	}

	// An indicator page says when its button could not be saved.
	b.Open(t, k.URL+"/fr/indicateurs/pol-06/")
	Wait(t, b, `document.querySelector(".basket-button") !== null`)
	fillStorage(t, b)
	b.Do(t, chromedp.Click(chromedp.CSS(".basket-button")))
	if s := Eval[string](t, b, `document.querySelector(".basket-status").textContent`); !strings.Contains(s, "pas pu enregistrer la sélection") {
		t.Errorf("indicator page, full storage: status %q", s)
	}
	if p := Eval[string](t, b, `document.querySelector(".basket-button").getAttribute("aria-pressed")`); p != "false" {
		t.Errorf("indicator page, full storage: aria-pressed %s", p)
	}
}

// TestPickerFindsIndicatorsByRelatedWords searches the picker with words its indicators'
// texts do not hold: keywords, glossary synonyms and words of the other language.
func TestPickerFindsIndicatorsByRelatedWords(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, c := range []struct{ lang, q, want string }{
		{"fr", "employabilité", "SOC-06"},
		{"fr", "employabilite", "SOC-11"},
		{"fr", "inzetbaarheid", "SOC-06"},
		{"fr", "bien-être", "SOC-16"},
		{"fr", "well-being", "SOC-16"},
		{"fr", "welzijn", "SOC-16"},
		{"fr", "bénévolat", "POL-06"},
		{"fr", "vrijwilligerswerk", "POL-06"},
		{"fr", "volunteering", "POL-06"},
		{"nl", "inzetbaarheid", "SOC-06"},
		{"nl", "employabilité", "SOC-11"},
		{"nl", "welzijn", "SOC-16"},
		{"nl", "bien-etre", "SOC-16"},
		{"nl", "vrijwilligerswerk", "POL-06"},
		{"nl", "benevolat", "POL-06"},
		{"nl", "volunteering", "POL-06"},
	} {
		page := map[string]string{"fr": "/fr/indicateurs/", "nl": "/nl/indicatoren/"}[c.lang]
		openCatalogue(t, b, k.URL+page)
		b.Do(t, chromedp.SendKeys(chromedp.ID("picker-q"), c.q))
		ids := Eval[[]string](t, b, `[...document.querySelectorAll(".picker-result .indicator-code")].map(e => e.textContent)`)
		found := false
		for _, id := range ids {
			found = found || id == c.want
		}
		if !found || len(ids) > 10 {
			t.Errorf("%s %q: %s not among %v", c.lang, c.q, c.want, ids)
		}
	}
}
