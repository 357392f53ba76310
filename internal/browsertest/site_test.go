package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestRootOffersTheStoredLanguageFirst checks site.js on the bilingual entry page: the language
// the reader chose last comes first, and a stored value that is not one of the page's languages
// (a quote in it, or a piece of a CSS selector) is ignored without an error.
func TestRootOffersTheStoredLanguageFirst(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	// Errors thrown by the page's scripts are collected from the start of every document.
	if _, err := chromedp.Call(b.Ctx(), page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.pageErrors = []; window.addEventListener("error", function (e) { window.pageErrors.push(String(e.message)); });`,
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		stored string
		want   string // the data-lang of the chosen part, "" for none
	}{
		{"nl", "nl"},
		{"fr", "fr"},
		{`nl"]`, ""},
		{`x"],[data-lang="nl`, ""},
		{"de", ""},
	}
	for _, tt := range tests {
		b.Open(t, k.URL+"/")
		Eval[int](t, b, `localStorage.setItem("vises.lang", `+jsString(tt.stored)+`), 0`)
		b.Open(t, k.URL+"/")
		if errs := Eval[[]string](t, b, `window.pageErrors`); len(errs) > 0 {
			t.Errorf("stored %q: script errors %q", tt.stored, errs)
		}
		chosen := Eval[[]string](t, b, `[...document.querySelectorAll(".bilingual-part.chosen")].map(p => p.getAttribute("data-lang"))`)
		first := Eval[string](t, b, `document.querySelector(".bilingual-part").getAttribute("data-lang")`)
		switch {
		case tt.want == "" && len(chosen) > 0:
			t.Errorf("stored %q: chose %q, want none", tt.stored, chosen)
		case tt.want != "" && (len(chosen) != 1 || chosen[0] != tt.want || first != tt.want):
			t.Errorf("stored %q: chose %q, first %q; want %q chosen and first", tt.stored, chosen, first, tt.want)
		}
	}
}
