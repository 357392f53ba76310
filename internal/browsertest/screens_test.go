package browsertest

import (
	"testing"
)

// TestPickerLeadsWithResults measures where the picker's first result starts: on a 360 x 740
// phone within the second screen (filters folded behind a button that says how many are on),
// and at 1280 x 900 in the first screen, beside the filters, in both languages.
func TestPickerLeadsWithResults(t *testing.T) {
	k := BuildKit(t)
	phone := NewBrowser(t, 500, 740)
	phone.Phone(t, 360, 740)
	wide := NewBrowser(t, 1280, 900)
	top := `document.querySelector(".picker-result").getBoundingClientRect().top + scrollY`
	for _, page := range []string{"/fr/indicateurs/", "/nl/indicatoren/"} {
		openCatalogue(t, phone, k.URL+page)
		if y := Eval[float64](t, phone, top); y >= 2*740 {
			t.Errorf("%s at 360 x 740: the first result starts at %.0f px, after the second screen", page, y)
		}
		// The filters are folded on a phone; the button opens them and counts those on.
		if n := Eval[int](t, phone, `[...document.querySelectorAll(".picker-facets input")].filter(i => i.checkVisibility()).length`); n != 0 {
			t.Errorf("%s at 360 px: %d filters shown before the filters button is pressed", page, n)
		}
		button := `document.querySelector(".picker-filters-button")`
		if got := Eval[string](t, phone, button+`.getAttribute("aria-expanded")`); got != "false" {
			t.Errorf("%s at 360 px: the filters button says aria-expanded=%q", page, got)
		}
		Eval[int](t, phone, button+`.click(), 0`)
		if got := Eval[string](t, phone, button+`.getAttribute("aria-expanded")`); got != "true" {
			t.Errorf("%s at 360 px: once pressed, the filters button says aria-expanded=%q", page, got)
		}
		if n := Eval[int](t, phone, `[...document.querySelectorAll(".picker-facets input")].filter(i => i.checkVisibility()).length`); n < 4 {
			t.Errorf("%s at 360 px: %d filters shown once the button is pressed", page, n)
		}
		before := Eval[string](t, phone, button+`.textContent`)
		Eval[int](t, phone, `document.querySelector(".picker-facets input:not(:disabled)").click(), 0`)
		if after := Eval[string](t, phone, button+`.textContent`); after == before || !containsDigit(after) {
			t.Errorf("%s: the filters button says %q before a filter is on and %q after", page, before, after)
		}
		if w := Eval[int](t, phone, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s at 360 px: the open filters make the page %d px wide", page, w)
		}

		openCatalogue(t, wide, k.URL+page)
		if y := Eval[float64](t, wide, top); y+100 > 900 {
			t.Errorf("%s at 1280 x 900: the first result starts at %.0f px, not within the first screen", page, y)
		}
		if y := Eval[float64](t, wide, `document.querySelector(".picker-facets input").getBoundingClientRect().top`); y > 900 {
			t.Errorf("%s at 1280 x 900: the first filter is at %.0f px, below the first screen", page, y)
		}
		if Eval[bool](t, wide, button+`.checkVisibility()`) {
			t.Errorf("%s at 1280 px: the filters are folded behind a button", page)
		}
	}
}

func containsDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// TestSearchMarksWordsNotPunctuation: on the results page the words found are marked, without
// the comma or the bracket next to them.
func TestSearchMarksWordsNotPunctuation(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, page := range []string{"/fr/recherche/?q=indicateurs", "/nl/zoeken/?q=indicatoren"} {
		b.Open(t, k.URL+page)
		Wait(t, b, `document.querySelectorAll(".search-results-list mark").length > 20`)
		bad := Eval[[]string](t, b, `[...document.querySelectorAll(".search-results-list mark")].map(m => m.textContent).filter(s => !/^[\p{L}\p{M}\p{N}]+$/u.test(s))`)
		if len(bad) > 0 {
			t.Errorf("%s: marks with more than a word: %q", page, bad)
		}
	}
}

// TestLanguageIsKeptWhenLeavingAPage: a page does not touch the storage while it loads (its
// first use can block a slow phone); its language is kept when the reader leaves it, so that
// the bilingual entry page offers it first.
func TestLanguageIsKeptWhenLeavingAPage(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/nl/methode/")
	if got := Eval[string](t, b, `String(localStorage.getItem("vises.lang"))`); got != "null" {
		t.Errorf("while the page is open the storage holds %q, want nothing yet", got)
	}
	b.Open(t, k.URL+"/")
	if got := Eval[string](t, b, `(document.querySelector(".bilingual-part.chosen") || {dataset: {}}).dataset.lang || ""`); got != "nl" {
		t.Errorf("after a Dutch page the entry page offers %q first, want nl", got)
	}
}
