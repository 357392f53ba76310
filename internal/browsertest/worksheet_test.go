package browsertest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func openWorksheet(t *testing.T, b *Browser, url string) {
	t.Helper()
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("ws-ready")`)
}

// answer clicks the radio or checkbox of item with value.
func answer(t *testing.T, b *Browser, item, value string) {
	t.Helper()
	b.Do(t, chromedp.Click(chromedp.CSS(`input[name="`+item+`"][value="`+value+`"]`)))
}

func checked(t *testing.T, b *Browser, item string) string {
	return Eval[string](t, b, `(document.querySelector('input[name="`+item+`"]:checked') || {value: ""}).value`)
}

// acceptDialogs makes confirm() answer yes, as a reader clicking OK would.
func acceptDialogs(t *testing.T, b *Browser) {
	Eval[int](t, b, `window.confirm = () => true, 0`)
}

func TestWorksheetAutosavesAndScoresWithNotApplicable(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openWorksheet(t, b, k.URL+"/fr/fiches/pret-a-evaluer/")
	if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); !strings.HasPrefix(s, "Rien n’est encore enregistré") {
		t.Errorf("status before any answer: %q", s)
	}
	answer(t, b, "sup-board", "na")
	answer(t, b, "sup-lead", "2")
	answer(t, b, "sup-pilot", "3")
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-notes"), "Notre note"))

	// (2 + 3) out of 2 × 3: "not applicable" leaves the denominator.
	score := Eval[string](t, b, `document.querySelector('[data-score="support"] .ws-score-live').textContent`)
	for _, want := range []string{"83,3 %", "(2 + 3) ÷ (2 × 3)", "1 sans objet"} {
		if !strings.Contains(score, want) {
			t.Errorf("support score %q lacks %q", score, want)
		}
	}
	if s := Eval[string](t, b, `document.querySelector('[data-score="motivations"] .ws-score-live').textContent`); s != "Pas encore de réponse notée." {
		t.Errorf("unanswered section says %q", s)
	}
	if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); !strings.HasPrefix(s, "Enregistré dans ce navigateur le") || !strings.Contains(s, "jamais exporté") {
		t.Errorf("status after answers: %q", s)
	}

	b.Open(t, k.URL+"/fr/fiches/pret-a-evaluer/")
	Wait(t, b, `document.body.classList.contains("ws-ready")`)
	for item, want := range map[string]string{"sup-board": "na", "sup-lead": "2", "sup-pilot": "3"} {
		if got := checked(t, b, item); got != want {
			t.Errorf("after reload %s = %q, want %q", item, got, want)
		}
	}
	if v := Eval[string](t, b, `document.getElementById("ws-notes").value`); v != "Notre note" {
		t.Errorf("after reload the notes are %q", v)
	}

	// The record is language-neutral: the Dutch worksheet shows the same answers.
	b.Do(t, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="nl"]`)))
	Wait(t, b, `location.pathname.startsWith("/nl/") && document.body.classList.contains("ws-ready")`)
	if got := checked(t, b, "sup-pilot"); got != "3" {
		t.Errorf("in Dutch, sup-pilot = %q", got)
	}
	if s := Eval[string](t, b, `document.querySelector('[data-score="support"] .ws-score-live').textContent`); !strings.Contains(s, "83,3 %") || !strings.Contains(s, "niet van toepassing") {
		t.Errorf("Dutch score %q", s)
	}
}

// radarPoints computes by hand where the polygon of fractions fs must pass.
func radarPoints(fs []float64) string {
	var pts []string
	for i, f := range fs {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(fs))
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", 200+140*f*math.Cos(a), 200+140*f*math.Sin(a)))
	}
	return strings.Join(pts, " ")
}

func TestWorksheetRadarWithTwoRespondents(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openWorksheet(t, b, k.URL+"/fr/fiches/pratiques-ess/")
	if n := Eval[int](t, b, `document.querySelectorAll("fieldset.ws-scored").length`); n != 4 {
		t.Fatalf("%d scored sections, want 4", n)
	}
	// first(i, v) answers the first item of the i-th scored section with value v.
	first := func(i int, v string) {
		Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll("fieldset.ws-scored")[%d].querySelector('input[type=radio][value="%s"]').click(), 0`, i, v))
	}
	first(0, "4")
	first(1, "2")
	first(2, "1")
	first(3, "0")
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-name"), "Équipe"))
	b.Do(t, chromedp.Click(chromedp.CSS(`.ws-respondent[data-respondent="1"]`)))
	if got := Eval[int](t, b, `document.querySelectorAll("fieldset.ws-scored input:checked").length`); got != 0 {
		t.Errorf("respondent B starts with %d answers", got)
	}
	first(0, "2")
	first(1, "4")
	first(2, "4")
	first(3, "2")
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-name"), "Accompagnateur"))

	a := Eval[string](t, b, `document.querySelector(".ws-radar-shape.ws-radar-a").getAttribute("points")`)
	if want := radarPoints([]float64{1, 0.5, 0.25, 0}); a != want {
		t.Errorf("respondent A: points %q, want %q", a, want)
	}
	bb := Eval[string](t, b, `document.querySelector(".ws-radar-shape.ws-radar-b").getAttribute("points")`)
	if want := radarPoints([]float64{0.5, 1, 1, 0.5}); bb != want {
		t.Errorf("respondent B: points %q, want %q", bb, want)
	}
	keys := Eval[string](t, b, `[...document.querySelectorAll(".ws-radar-key")].map(k => k.textContent).join("|")`)
	if keys != "● Équipe|■ Accompagnateur" {
		t.Errorf("radar legend %q", keys)
	}
	// Back to A: its answers come back.
	b.Do(t, chromedp.Click(chromedp.CSS(`.ws-respondent[data-respondent="0"]`)))
	if s := Eval[string](t, b, `document.querySelector('[data-score="economic"] .ws-score-live').textContent`); !strings.HasPrefix(s, "100 %") {
		t.Errorf("respondent A economic score %q", s)
	}
}

func TestWorksheetExportImportAndRefusals(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openWorksheet(t, b, k.URL+"/fr/fiches/pret-a-evaluer/")
	acceptDialogs(t, b)
	answer(t, b, "mot-why", "3")
	answer(t, b, "mot-own", "1")

	b.AllowDownloads(t)
	b.Do(t, chromedp.Click(chromedp.CSS(".ws-export")))
	file := b.WaitDownload(t, "pret-a-evaluer-*.json")
	data, _ := os.ReadFile(file)
	var rec struct {
		Format, Worksheet, Signature string
		Version                      int
		Respondents                  []struct {
			Answers map[string]any
		}
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if rec.Format != "vises-worksheet" || rec.Worksheet != "pret-a-evaluer" || rec.Version != 1 || len(rec.Respondents) != 2 || rec.Respondents[0].Answers["mot-why"] != "3" {
		t.Errorf("export %s", data)
	}
	if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); !strings.Contains(s, "dernier export le") {
		t.Errorf("status after export: %q", s)
	}

	// Reset, then import the file back through the file field.
	b.Do(t, chromedp.Click(chromedp.CSS(".ws-reset")))
	if got := checked(t, b, "mot-why"); got != "" {
		t.Fatalf("reset left mot-why = %q", got)
	}
	b.Do(t, chromedp.SetUploadFiles(chromedp.ID("ws-import"), []string{file}))
	Wait(t, b, `document.querySelector(".ws-message").textContent === "Réponses importées."`)
	if got := checked(t, b, "mot-why"); got != "3" {
		t.Errorf("after import mot-why = %q", got)
	}

	// Refusals: another worksheet, an older version, garbage. Answers and storage stay.
	stored := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`)
	other := strings.Replace(string(data), `"worksheet": "pret-a-evaluer"`, `"worksheet": "portrait"`, 1)
	older := strings.Replace(string(data), rec.Signature, "000000000000", 1)
	dir := t.TempDir()
	for _, c := range []struct{ name, content, want string }{
		{"portrait.json", other, "Ce fichier contient les réponses d’une autre fiche (portrait)."},
		{"ancienne.json", older, "Ce fichier a été enregistré avec une autre version de cette fiche"},
		{"n-importe-quoi.json", "%PDF-1.4 pas du JSON", "Ce fichier n’est pas un export de fiche VISES lisible."},
		{"autre-format.json", `{"format":"autre","version":1}`, "Ce fichier n’est pas un export de fiche VISES lisible."},
	} {
		p := filepath.Join(dir, c.name)
		os.WriteFile(p, []byte(c.content), 0o644)
		Eval[int](t, b, `document.querySelector(".ws-message").textContent = "", 0`)
		b.Do(t, chromedp.SetUploadFiles(chromedp.ID("ws-import"), []string{p}))
		Wait(t, b, `document.querySelector(".ws-message").textContent !== ""`)
		if msg := Eval[string](t, b, `document.querySelector(".ws-message").textContent`); !strings.HasPrefix(msg, c.want) {
			t.Errorf("%s: message %q, want %q", c.name, msg, c.want)
		}
		if got := checked(t, b, "mot-why"); got != "3" {
			t.Errorf("%s changed the answers: mot-why = %q", c.name, got)
		}
		if s := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`); s != stored {
			t.Errorf("%s changed the saved record", c.name)
		}
	}
}

func TestWorksheetKeepsAnUnreadableRecordAndReportsAFullStorage(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openWorksheet(t, b, k.URL+"/nl/werkbladen/klaar-om-te-evalueren/")
	const garbage = `{"format":"vises-worksheet","version":1,"worksheet":"pret-a-evaluer","respondents":"kapot`
	Eval[int](t, b, "localStorage.setItem(visesWorksheet.key, `"+garbage+"`), 0")
	openWorksheet(t, b, k.URL+"/nl/werkbladen/klaar-om-te-evalueren/")
	if msg := Eval[string](t, b, `document.querySelector(".ws-message").textContent`); !strings.HasPrefix(msg, "De antwoorden die in deze browser bewaard waren, konden niet gelezen worden.") {
		t.Errorf("message %q", msg)
	}
	kept := Eval[[]string](t, b, `Object.keys(localStorage).filter(k => k.startsWith(visesWorksheet.key + ".unreadable.")).map(k => localStorage.getItem(k))`)
	if len(kept) != 1 || kept[0] != garbage {
		t.Errorf("the unreadable record was not kept aside: %q", kept)
	}

	// A full storage is reported, not ignored.
	Eval[int](t, b, `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }, 0`)
	answer(t, b, "mot-why", "2")
	if msg := Eval[string](t, b, `document.querySelector(".ws-message").textContent`); !strings.HasPrefix(msg, "De browser kon je antwoorden niet bewaren") {
		t.Errorf("full storage: message %q", msg)
	}
}

func TestWorksheetFromDiskAndWithTheKeyboard(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 390, 900) // a phone
	openWorksheet(t, b, k.FileURL("fr/fiches/pret-a-evaluer/index.html"))
	b.Do(t, chromedp.Focus(chromedp.CSS(`input[name="mot-why"][value="0"]`)))
	// Arrow keys move within a radio group and select: 0 -> 1 -> 2.
	b.Do(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if got := checked(t, b, "mot-why"); got != "2" {
		t.Fatalf("keyboard answer %q, want 2", got)
	}
	b.Do(t, chromedp.KeyEvent("\t"))
	if got := Eval[string](t, b, `document.activeElement.name`); got != "mot-own" {
		t.Errorf("Tab leads to %q, want the next question", got)
	}
	openWorksheet(t, b, k.FileURL("fr/fiches/pret-a-evaluer/index.html"))
	if got := checked(t, b, "mot-why"); got != "2" {
		t.Errorf("from disk, after reload: %q", got)
	}
}

func TestWorksheetAccessibility(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	for _, page := range []string{"/fr/fiches/pratiques-ess/", "/nl/werkbladen/verzamelplan/", "/fr/fiches/question-evaluative/"} {
		openWorksheet(t, b, k.URL+page)
		NoViolations(t, b, page)
	}
	// The printable packs, which hold worksheets and the glossary.
	for _, page := range []string{"/fr/formation/journee-plan/livret-animateur/", "/nl/vorming/sensibilisering/bundel/"} {
		b.Open(t, k.URL+page)
		NoViolations(t, b, page)
	}
	// Every field has a label.
	unlabelled := Eval[int](t, b, `[...document.querySelectorAll("#worksheet input, #worksheet textarea")].filter(i => !i.labels.length && !i.getAttribute("aria-label")).length`)
	if unlabelled != 0 {
		t.Errorf("%d fields without a label", unlabelled)
	}
}

// importRecord imports rec (a JSON text) through the worksheet's file field, as a reader
// choosing a file would, and returns the message shown.
func importRecord(t *testing.T, b *Browser, name, rec string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	Eval[int](t, b, `document.querySelector(".ws-message").textContent = "", 0`)
	b.Do(t, chromedp.SetUploadFiles(chromedp.ID("ws-import"), []string{p}))
	Wait(t, b, `document.querySelector(".ws-message").textContent !== ""`)
	return Eval[string](t, b, `document.querySelector(".ws-message").textContent`)
}

// TestWorksheetRefusesAnswersItCannotShow imports files whose answers are outside the scale,
// of the wrong kind, not among an item's options or to a question the worksheet does not
// have: each is refused with a message naming the question, and nothing current changes.
func TestWorksheetRefusesAnswersItCannotShow(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	for _, c := range []struct {
		page, item string
		value      any
		want       []string // in the message
	}{
		{"pret-a-evaluer", "mot-own", "153", []string{"«\u202f153\u202f»", "La démarche répond d’abord à une question"}},
		{"pret-a-evaluer", "mot-own", 2, []string{"«\u202f2\u202f»", "La démarche répond d’abord à une question"}},
		{"pret-a-evaluer", "mot-own", "deux", []string{"«\u202fdeux\u202f»", "La démarche répond d’abord"}},
		{"pret-a-evaluer", "mot-own", []string{"2"}, []string{"La démarche répond d’abord"}},
		{"pret-a-evaluer", "notes", 12, []string{"«\u202f12\u202f»"}},
		{"pret-a-evaluer", "mot-inconnu", "2", []string{"(mot-inconnu)"}},
		{"portrait", "practices-list", []string{"training", "yoga"}, []string{"«\u202fyoga\u202f»"}},
		{"portrait", "practices-list", "training", []string{"«\u202ftraining\u202f»"}},
	} {
		openWorksheet(t, b, k.URL+"/fr/fiches/"+c.page+"/")
		acceptDialogs(t, b)
		first := "mot-why"
		if c.page == "portrait" {
			first = "practices-list"
			Eval[int](t, b, `(b => b.checked || b.click())(document.querySelector('input[name="practices-list"][value="pay-gap"]')), 0`)
		} else {
			answer(t, b, first, "3")
		}
		stored := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`)
		score := Eval[string](t, b, `(document.querySelector(".ws-overall") || {textContent: ""}).textContent`)
		var rec map[string]any
		json.Unmarshal([]byte(Eval[string](t, b, `JSON.stringify(visesWorksheet.record())`)), &rec)
		rec["respondents"] = []any{map[string]any{"name": "Fichier", "answers": map[string]any{c.item: c.value}}}
		data, _ := json.Marshal(rec)
		msg := importRecord(t, b, c.page+".json", string(data))
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s %s=%v: message %q lacks %q", c.page, c.item, c.value, msg, w)
			}
		}
		if !strings.HasSuffix(msg, "Vos réponses actuelles n’ont pas changé.") {
			t.Errorf("%s %s=%v: message %q", c.page, c.item, c.value, msg)
		}
		if s := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`); s != stored {
			t.Errorf("%s %s=%v changed the saved record", c.page, c.item, c.value)
		}
		if got := Eval[string](t, b, `[...document.querySelectorAll('input[name="`+first+`"]:checked')].map(i => i.value).join()`); got != map[bool]string{true: "pay-gap", false: "3"}[c.page == "portrait"] {
			t.Errorf("%s %s=%v changed the answers: %s = %q", c.page, c.item, c.value, first, got)
		}
		if s := Eval[string](t, b, `(document.querySelector(".ws-overall") || {textContent: ""}).textContent`); s != score || strings.Contains(s, "NaN") {
			t.Errorf("%s %s=%v: overall score %q, was %q", c.page, c.item, c.value, s, score)
		}
	}
}

// fillStorage makes every write to the page's storage fail, as a full storage does.
func fillStorage(t *testing.T, b *Browser) {
	Eval[int](t, b, `window.visesTestSetItem = window.visesTestSetItem || Storage.prototype.setItem, Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }, 0`)
}

// emptyStorage undoes fillStorage.
func emptyStorage(t *testing.T, b *Browser) {
	Eval[int](t, b, `Storage.prototype.setItem = window.visesTestSetItem, 0`)
}

// TestWorksheetNeverClaimsAFailedWriteSaved fills the storage, then types answers, a name,
// switches respondent and imports a file: each failed write is reported, none is shown as
// saved, and a refused import leaves the answers as they were.
func TestWorksheetNeverClaimsAFailedWriteSaved(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openWorksheet(t, b, k.URL+"/fr/fiches/pret-a-evaluer/")
	acceptDialogs(t, b)
	answer(t, b, "mot-why", "3")
	exported := Eval[string](t, b, `JSON.stringify(visesWorksheet.record())`)
	stored := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`)
	fillStorage(t, b)

	const quota = "Le navigateur n’a pas pu enregistrer vos réponses"
	const unsaved = "Vos dernières modifications ne sont PAS enregistrées dans ce navigateur."
	expectUnsaved := func(what string) {
		t.Helper()
		if msg := Eval[string](t, b, `document.querySelector(".ws-message").textContent`); !strings.HasPrefix(msg, quota) {
			t.Errorf("%s: message %q", what, msg)
		}
		if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); !strings.HasPrefix(s, unsaved) {
			t.Errorf("%s: status %q", what, s)
		}
	}
	answer(t, b, "mot-own", "2")
	expectUnsaved("an answer")
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-name"), "Équipe"))
	expectUnsaved("the name")
	b.Do(t, chromedp.Click(chromedp.CSS(`.ws-respondent[data-respondent="1"]`)))
	expectUnsaved("respondent B")
	answer(t, b, "mot-why", "1")
	expectUnsaved("an answer of respondent B")
	b.Do(t, chromedp.Click(chromedp.CSS(`.ws-respondent[data-respondent="0"]`)))

	// An import that cannot be saved says so, and the answers on screen stay.
	var rec map[string]any
	json.Unmarshal([]byte(exported), &rec)
	rec["respondents"] = []any{map[string]any{"name": "Fichier", "answers": map[string]any{"mot-why": "0", "mot-use": "1"}}}
	data, _ := json.Marshal(rec)
	msg := importRecord(t, b, "reponses.json", string(data))
	if !strings.HasPrefix(msg, "Le fichier n’a pas été importé\u202f: le navigateur n’a pas pu enregistrer") {
		t.Errorf("import into a full storage: message %q", msg)
	}
	if got := checked(t, b, "mot-why") + checked(t, b, "mot-own") + checked(t, b, "mot-use"); got != "32" {
		t.Errorf("import into a full storage changed the answers on screen: %q", got)
	}
	if s := Eval[string](t, b, `localStorage.getItem(visesWorksheet.key)`); s != stored {
		t.Error("the saved record changed")
	}
	if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); strings.HasPrefix(s, "Enregistré") {
		t.Errorf("status %q claims the answers are saved", s)
	}
	// Once the storage takes writes again, the next change is saved and the warning goes.
	emptyStorage(t, b)
	answer(t, b, "mot-use", "1")
	if s := Eval[string](t, b, `document.querySelector(".ws-status").textContent`); !strings.HasPrefix(s, "Enregistré dans ce navigateur le") {
		t.Errorf("status once saved again: %q", s)
	}
	if msg := Eval[string](t, b, `document.querySelector(".ws-message").textContent`); strings.HasPrefix(msg, quota) {
		t.Errorf("message once saved again: %q", msg)
	}
}
