package browsertest

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	deckFR    = "fr/formation/sensibilisation/diapos/"
	notesFR   = "fr/formation/sensibilisation/diapos/notes/"
	moduleNL  = "nl/vorming/traject-vier-modules/presentatie/module-3/"
	currentJS = `((document.querySelector("section.slide.is-current")||{}).id || "")`
)

// shown returns the ids of the slides the reader sees.
func shown(t *testing.T, b *Browser) []string {
	t.Helper()
	return Eval[[]string](t, b, `[...document.querySelectorAll("section.slide")].filter(s => s.offsetHeight > 0).map(s => s.id)`)
}

// TestSlidesKeysAndAddress drives a deck with the keys a keyboard and a clicker send: the
// slide moves, the address names it, a reload keeps the place, Home, End and the overview.
func TestSlidesKeysAndAddress(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 720)
	b.Open(t, k.URL+"/"+deckFR)
	total := Eval[int](t, b, `document.querySelectorAll("section.slide").length`)
	if total < 10 {
		t.Fatalf("%d slides in the French awareness deck", total)
	}
	if got := shown(t, b); len(got) != 1 || got[0] != "1" {
		t.Fatalf("on opening, slides shown %v, want [1]", got)
	}
	steps := []struct {
		key  string
		want string
	}{
		{kb.ArrowRight, "2"},
		{kb.PageDown, "3"}, // a clicker's "next"
		{" ", "4"},
		{kb.ArrowDown, "5"},
		{kb.PageUp, "4"}, // a clicker's "previous"
		{kb.ArrowLeft, "3"},
		{kb.End, itoa(total)},
		{kb.ArrowRight, itoa(total)}, // stays on the last
		{kb.Home, "1"},
	}
	for _, s := range steps {
		b.Do(t, chromedp.KeyEvent(s.key))
		if got := Eval[string](t, b, currentJS); got != s.want {
			t.Fatalf("after %q: slide %s, want %s", s.key, got, s.want)
		}
		if hash := Eval[string](t, b, `location.hash`); hash != "#"+s.want {
			t.Errorf("after %q: address #%s, want #%s", s.key, hash, s.want)
		}
	}
	// A shared or reloaded address keeps the place.
	b.Open(t, k.URL+"/"+deckFR+"#6")
	if got := shown(t, b); len(got) != 1 || got[0] != "6" {
		t.Errorf("opened at #6: slides shown %v", got)
	}
	// The slide fills the window at 16:9, letterboxed.
	w := Eval[float64](t, b, `document.querySelector(".is-current .slide-box").getBoundingClientRect().width`)
	h := Eval[float64](t, b, `document.querySelector(".is-current .slide-box").getBoundingClientRect().height`)
	vw, vh := Eval[float64](t, b, `innerWidth`), Eval[float64](t, b, `innerHeight`)
	if math.Abs(w-min(vw, vh*16/9)) > 1 || math.Abs(h-w*9/16) > 1 {
		t.Errorf("slide of %gx%g in a %gx%g window", w, h, vw, vh)
	}
	// The overview shows every slide; Escape leaves it on the chosen slide.
	b.Do(t, chromedp.KeyEvent("o"))
	if got := shown(t, b); len(got) != total {
		t.Errorf("overview shows %d slides of %d", len(got), total)
	}
	b.Do(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.Escape))
	if got := shown(t, b); len(got) != 1 || got[0] != "7" {
		t.Errorf("after the overview: slides shown %v, want [7]", got)
	}
}

// second opens another window (a tab) of the same browser, as the presenter's view is.
func second(t *testing.T, b *Browser) *Browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	w := &Browser{ctx: ctx, Download: b.Download}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestSlidesPresenterFollows opens a deck and its presenter's view in two windows: a move in
// either window moves the other, the presenter's view shows the notes of the slide and the
// next slide, and the audience's window never shows the notes. Over HTTP and from disk, with
// a BroadcastChannel and, where there is none, with storage events.
func TestSlidesPresenterFollows(t *testing.T) {
	k := BuildKit(t)
	for _, c := range []struct {
		name      string
		deck, pre string
		noChannel bool
	}{
		{"http", k.URL + "/" + deckFR, k.URL + "/" + notesFR, false},
		{"file", k.FileURL(deckFR + "index.html"), k.FileURL(notesFR + "index.html"), false},
		{"http storage events", k.URL + "/" + deckFR, k.URL + "/" + notesFR, true},
		{"file storage events", k.FileURL(deckFR + "index.html"), k.FileURL(notesFR + "index.html"), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			audience := NewBrowser(t, 1280, 720)
			presenter := second(t, audience)
			for _, w := range []*Browser{audience, presenter} {
				src := `window.pageErrors = []; window.addEventListener("error", function (e) { window.pageErrors.push(String(e.message)); });`
				if c.noChannel {
					src += `delete window.BroadcastChannel;`
				}
				if _, err := chromedp.Call(w.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
					t.Fatal(err)
				}
			}
			audience.Open(t, c.deck)
			presenter.Open(t, c.pre)
			if c.noChannel && Eval[bool](t, presenter, `typeof BroadcastChannel !== "undefined"`) {
				t.Fatal("the page still has a BroadcastChannel")
			}
			audience.Do(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
			Wait(t, presenter, currentJS+` === "5"`)
			if hash := Eval[string](t, presenter, `location.hash`); hash != "#5" {
				t.Errorf("presenter's address %s, want #5", hash)
			}
			if next := Eval[string](t, presenter, `(document.querySelector("section.slide.is-next")||{}).id || ""`); next != "6" {
				t.Errorf("presenter's next slide %q, want 6", next)
			}
			notes := Eval[string](t, presenter, `document.querySelector(".is-current .slide-notes").innerText`)
			if !strings.Contains(notes, "glossaire imprimé") {
				t.Errorf("presenter's notes of slide 5: %q", notes)
			}
			if !Eval[bool](t, presenter, `document.querySelector(".is-current .slide-notes").offsetHeight > 0`) {
				t.Error("the presenter's notes are not shown")
			}
			// The presenter's window moves the audience's.
			presenter.Do(t, chromedp.KeyEvent(kb.PageDown))
			Wait(t, audience, currentJS+` === "6"`)
			if n := Eval[int](t, audience, `document.querySelectorAll(".slide-notes, .callout-facilitator").length`); n != 0 {
				t.Errorf("the audience's deck holds %d notes", n)
			}
			for _, w := range []*Browser{audience, presenter} {
				if errs := Eval[[]string](t, w, `window.pageErrors`); len(errs) > 0 {
					t.Errorf("script errors: %q", errs)
				}
			}
		})
	}
}

// TestSlidesWithoutJavaScript: without scripts, a deck is a page of slides one after the other.
func TestSlidesWithoutJavaScript(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.Do(t, chromedp.Navigate(k.URL+"/"+deckFR), chromedp.WaitReady(chromedp.CSS("body")))
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	if Eval[bool](t, b, `document.documentElement.classList.contains("js-deck")`) {
		t.Fatal("the deck's script ran")
	}
	total := Eval[int](t, b, `document.querySelectorAll("section.slide").length`)
	if got := shown(t, b); len(got) != total {
		t.Errorf("without JavaScript %d slides of %d are shown", len(got), total)
	}
	if Eval[bool](t, b, `(() => { const s = [...document.querySelectorAll("section.slide")]; return s.every((x, i) => i === 0 || x.getBoundingClientRect().top >= s[i-1].getBoundingClientRect().bottom); })()`) == false {
		t.Error("the slides are not one after the other")
	}
	if Eval[bool](t, b, `!document.querySelector(".deck-controls").hidden`) {
		t.Error("the controls, which need JavaScript, are shown")
	}
}

// TestSlidesAccessibility runs axe-core on a deck as presented, in its overview, on the
// presenter's view, and on the session page that links to the decks.
func TestSlidesAccessibility(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 720)
	b.Open(t, k.URL+"/"+deckFR+"#3")
	NoViolations(t, b, deckFR)
	b.Do(t, chromedp.KeyEvent("o"))
	NoViolations(t, b, deckFR+" (overview)")
	b.Open(t, k.URL+"/"+notesFR+"#3")
	NoViolations(t, b, notesFR)
	b.Open(t, k.URL+"/"+moduleNL)
	NoViolations(t, b, moduleNL)
	b.Open(t, k.URL+"/fr/formation/sensibilisation/")
	if href := Eval[string](t, b, `(document.querySelector(".slides-links a")||{}).getAttribute("href")`); href != "diapos/" {
		t.Errorf("the session page links to its deck at %q", href)
	}
	// Keyboard only: the controls are reached with Tab and show their focus.
	b.Open(t, k.URL+"/"+deckFR)
	for i := 0; i < 12; i++ {
		b.Do(t, chromedp.KeyEvent(kb.Tab))
		if Eval[bool](t, b, `document.activeElement.classList.contains("deck-next")`) {
			break
		}
	}
	if !Eval[bool](t, b, `document.activeElement.classList.contains("deck-next")`) {
		t.Fatal("the Next button cannot be reached with Tab")
	}
	if style := Eval[string](t, b, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
		t.Error("the focused button shows no outline")
	}
	b.Do(t, chromedp.KeyEvent(kb.Enter))
	if got := Eval[string](t, b, currentJS); got != "2" {
		t.Errorf("Enter on Next: slide %s", got)
	}
}
