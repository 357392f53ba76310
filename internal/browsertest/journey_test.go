package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// journeySeedJS defines, on the journey page, window.__rec(id, n): a worksheet record of the
// worksheet id with its first n questions answered (every question when n is 0), built from
// the worksheet as evaluation-data.js gives it; and window.__seed(): a structure's saved work.
const journeySeedJS = `(() => {
  const E = window.VISES_EVALUATION;
  window.__rec = (id, n, name) => {
    const w = E.worksheets.find(w => w.id === id);
    const a = {};
    let i = 0;
    for (const s of w.sections) for (const it of s.items) {
      if (n && i >= n) break;
      i++;
      switch (it.kind) {
        case "scale": a[it.id] = it.points[0].value; break;
        case "choice": a[it.id] = it.options[0].value; break;
        case "multi": case "checklist": a[it.id] = [it.options[0].value]; break;
        case "table": a[it.id + ".1." + it.columns[0].id] = "1"; break;
        default: a[it.id] = "Notre réponse";
      }
    }
    return {format: "vises-worksheet", version: 1, worksheet: id, signature: w.signature,
      respondents: [{name: name || "", answers: a}], saved: "2026-12-01T10:00:00.000Z", exported: null};
  };
  window.__seed = () => {
    localStorage.setItem("vises.worksheet.pret-a-evaluer", JSON.stringify(__rec("pret-a-evaluer", 0)));
    localStorage.setItem("vises.worksheet.portrait", JSON.stringify(__rec("portrait", 1)));
    localStorage.setItem("vises.basket", JSON.stringify({v: 1, ids: ["ECO-01", "ECO-02"]}));
    localStorage.setItem("vises.values", JSON.stringify({format: "vises-values", version: 1, indicators: {
      "ECO-01": {definition: {name: "Exemple", text: "Une définition d'exemple.", unit: "%", lang: "fr"}, unit: "%",
        baseline: {period: "2024", value: 40}, target: {period: "2026", value: 60},
        periods: [{period: "2025", value: 48, source: "Exemple", by: "Exemple", note: ""}]}}, saved: "2026-12-01T10:00:00.000Z"}));
    const fields = {};
    E.report.forEach(p => (p.fields || []).forEach(f => { fields[f.id] = "Un exemple de texte."; }));
    localStorage.setItem("vises.report", JSON.stringify({format: "vises-report", version: 1, fields: fields, saved: "2026-12-01T10:00:00.000Z"}));
    localStorage.setItem("vises.search.other", "kept");
    return 0;
  };
  return 0;
})()`

// storedJS returns the evaluation's records of the storage, by key, as a JSON text.
const storedJS = `JSON.stringify(Object.fromEntries(Object.keys(localStorage).filter(k => /^vises\.(worksheet|basket|values|report)/.test(k)).sort().map(k => [k, localStorage.getItem(k)])))`

func openJourney(t *testing.T, b *Browser, url string) {
	t.Helper()
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("journey-ready")`)
	Eval[int](t, b, journeySeedJS)
}

// seededJourney opens the journey page at url with a structure's saved work (__seed) in the
// browser.
func seededJourney(t *testing.T, b *Browser, url string) {
	t.Helper()
	openJourney(t, b, url)
	Eval[int](t, b, `__seed()`)
	openJourney(t, b, url)
}

func journeyText(t *testing.T, b *Browser, sel string) string {
	t.Helper()
	return Eval[string](t, b, `(document.querySelector(`+jsString(sel)+`) || {textContent: "(none)"}).textContent.replace(/\s+/g, " ").trim()`)
}

// stored returns the evaluation's records of the browser's storage, each decoded.
func stored(t *testing.T, b *Browser) map[string]any {
	t.Helper()
	var raw map[string]string
	if err := json.Unmarshal([]byte(Eval[string](t, b, storedJS)), &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for k, v := range raw {
		var x any
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			x = v
		}
		out[k] = x
	}
	return out
}

func TestJourneyShowsSavedWorkAndTheNextStep(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	for _, c := range []struct {
		page, first, portrait, plan, started, done, planNext, started1a, basket string
	}{
		{"/fr/mon-evaluation/", "/fr/fiches/pret-a-evaluer/", "/fr/fiches/portrait/", "/fr/fiches/plan-de-collecte/", "commencée : 1 sur 20 questions", "complète",
			"remplir la fiche « Plan de collecte »", "en cours", "2 indicateurs choisis"},
		{"/nl/mijn-evaluatie/", "/nl/werkbladen/klaar-om-te-evalueren/", "/nl/werkbladen/portret/", "/nl/werkbladen/verzamelplan/", "begonnen: 1 van 20 vragen", "volledig",
			"het werkblad ‘Verzamelplan’ invullen", "bezig", "2 indicatoren gekozen"},
	} {
		openJourney(t, b, k.URL+c.page)
		Eval[int](t, b, `localStorage.clear(), 0`)
		openJourney(t, b, k.URL+c.page)
		// Nothing saved: the next thing is the first worksheet of the path.
		if href := Eval[string](t, b, `document.querySelector(".journey-next-link").pathname`); href != c.first {
			t.Errorf("%s: empty browser, next step goes to %q, want %q", c.page, href, c.first)
		}
		// Worksheets of 1a and the basket of 2a saved, nothing after.
		Eval[int](t, b, `__seed(), localStorage.removeItem("vises.values"), localStorage.removeItem("vises.report"), 0`)
		openJourney(t, b, k.URL+c.page)
		li := func(href string) string {
			return Eval[string](t, b, `[...document.querySelectorAll(".journey-path li")].filter(li => li.querySelector("a").pathname === `+jsString(href)+`).map(li => li.querySelector(".journey-mark").textContent.replace(/\s+/g, " ")).join("|")`)
		}
		if got := li(c.first); !strings.Contains(got, c.done) {
			t.Errorf("%s: the complete worksheet is marked %q, want %q", c.page, got, c.done)
		}
		if got := li(c.portrait); !strings.Contains(got, c.started) {
			t.Errorf("%s: the started worksheet is marked %q, want %q", c.page, got, c.started)
		}
		if got := journeyText(t, b, "#moment-1a .journey-badge"); got != c.started1a {
			t.Errorf("%s: moment 1a is %q, want %q", c.page, got, c.started1a)
		}
		if got := journeyText(t, b, ".journey-summary"); !strings.Contains(got, c.started1a) {
			t.Errorf("%s: the summary %q does not give the states", c.page, got)
		}
		if got := Eval[string](t, b, `[...document.querySelectorAll("#moment-2a ~ ul li")].map(li => li.textContent).join("|")`); !strings.Contains(got, c.basket) {
			t.Errorf("%s: moment 2a does not count the basket: %q", c.page, got)
		}
		// The last work done is the basket (2a): the next thing is the plan, after it.
		if href := Eval[string](t, b, `document.querySelector(".journey-next-link").pathname`); href != c.plan {
			t.Errorf("%s: next step goes to %q, want %q", c.page, href, c.plan)
		}
		if got := journeyText(t, b, ".journey-next-link"); got != c.planNext {
			t.Errorf("%s: next step reads %q, want %q", c.page, got, c.planNext)
		}
		// With the report written (every text), the last tool on the path is done: the next thing is the
		// first unfinished one, the portrait.
		Eval[int](t, b, `__seed()`)
		openJourney(t, b, k.URL+c.page)
		if href := Eval[string](t, b, `document.querySelector(".journey-next-link").pathname`); href != c.portrait {
			t.Errorf("%s: with everything after 1a done, next step goes to %q, want %q", c.page, href, c.portrait)
		}
	}

	// From the disk, the offline edition reads the same storage rules.
	f := NewBrowser(t, 1280, 1000)
	f.Open(t, k.FileURL("fr/mon-evaluation/index.html"))
	Wait(t, f, `document.body.classList.contains("journey-ready")`)
	if href := Eval[string](t, f, `document.querySelector(".journey-next-link").href`); !strings.HasSuffix(href, "fr/fiches/pret-a-evaluer/index.html") {
		t.Errorf("file://: next step goes to %q", href)
	}
}

func TestJourneyDossierRoundTrip(t *testing.T) {
	k := BuildKit(t)
	a := NewBrowser(t, 1280, 1000)
	a.AllowDownloads(t)
	seededJourney(t, a, k.URL+"/fr/mon-evaluation/")
	if n := len(stored(t, a)); n != 5 {
		t.Fatalf("seeded %d records, want 5", n)
	}
	a.Do(t, chromedp.Click(chromedp.CSS(".journey-export")))
	file := a.WaitDownload(t, "vises-dossier-*.json")
	// The export marks the worksheets exported: the records to find again are those after it.
	want := stored(t, a)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("the dossier is not JSON: %v", err)
	}
	if d["format"] != "vises-dossier" || d["version"] != float64(1) || d["lang"] != "fr" {
		t.Errorf("dossier head: format %v, version %v, lang %v", d["format"], d["version"], d["lang"])
	}

	// A fresh browser, in the other language: the same records.
	b := NewBrowser(t, 1280, 1000)
	openJourney(t, b, k.URL+"/nl/mijn-evaluatie/")
	b.Do(t, chromedp.SetUploadFiles(chromedp.ID("journey-import"), []string{file}))
	Wait(t, b, `document.querySelector(".journey-message").textContent !== ""`)
	if msg := journeyText(t, b, ".journey-message"); !strings.HasPrefix(msg, "Dossier geïmporteerd") {
		t.Fatalf("import into an empty browser says %q", msg)
	}
	if got := stored(t, b); !reflect.DeepEqual(got, want) {
		t.Errorf("after import the records differ:\n got %v\nwant %v", got, want)
	}
	if got := journeyText(t, b, "#moment-1a .journey-badge"); got != "bezig" {
		t.Errorf("after import moment 1a is %q", got)
	}
}

func TestJourneyRefusesBrokenDossiers(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	seededJourney(t, b, k.URL+"/fr/mon-evaluation/")
	before := stored(t, b)
	// good is a dossier of this browser's records, which each case breaks in one place.
	const good = `(() => { const d = window.vises.dossier.dossier(); d.worksheets["portrait"] = __rec("portrait", 3); return d; })()`
	for _, c := range []struct{ name, js, want string }{
		{"damaged JSON", `'{"format": "vises-dossier", "version": 1,'`, "endommagé ou n’est pas un fichier JSON"},
		{"other kind", `JSON.stringify({format: "vises-basket", version: 1})`, "n’est pas un dossier VISES"},
		{"a worksheet's file", `JSON.stringify(__rec("portrait", 2))`, "les réponses d’une seule fiche"},
		{"later version", `JSON.stringify(Object.assign(` + good + `, {version: 2}))`, "version plus récente du kit"},
		{"other signature", `(() => { const d = ` + good + `; d.worksheets.portrait.signature = "0000"; return JSON.stringify(d); })()`, "Fiche « Portrait de la structure » : ces réponses ont été données à une autre version"},
		{"answer off the scale", `(() => { const d = ` + good + `; const w = VISES_EVALUATION.worksheets.find(w => w.id === "pret-a-evaluer"); const it = w.sections[0].items.find(i => i.kind === "scale"); d.worksheets["pret-a-evaluer"].respondents[0].answers[it.id] = "9"; return JSON.stringify(d); })()`, "Fiche « Sommes-nous prêts à évaluer ? » : la réponse « 9 »"},
		{"unknown worksheet", `(() => { const d = ` + good + `; d.worksheets["inconnue"] = __rec("portrait", 1); return JSON.stringify(d); })()`, "Fiche « inconnue » : le kit n’a pas de fiche"},
		{"record under another worksheet", `(() => { const d = ` + good + `; d.worksheets["chaine-de-valeur"] = __rec("portrait", 1); return JSON.stringify(d); })()`, "celles d’une autre fiche (portrait)"},
		{"damaged basket", `(() => { const d = ` + good + `; d.basket = {v: 1, ids: "ECO-01"}; return JSON.stringify(d); })()`, "Indicateurs choisis : cette partie est endommagée"},
		// values.js checks the values part, in the dossier's words (not those of the values page,
		// which speak of what the browser keeps).
		{"damaged values", `(() => { const d = ` + good + `; d.values = {format: "vises-values"}; return JSON.stringify(d); })()`, "Valeurs des indicateurs : cette partie est endommagée. Rien"},
		{"damaged indicator values", `(() => { const d = ` + good + `; d.values.indicators["ECO-01"].periods = [{period: "2025"}]; return JSON.stringify(d); })()`, "Valeurs des indicateurs : les valeurs de ECO-01 sont endommagées. Rien"},
		{"later values", `(() => { const d = ` + good + `; d.values.version = 9; return JSON.stringify(d); })()`, "Valeurs des indicateurs : cette partie vient d’une version plus récente du kit. Rien"},
		{"damaged report", `(() => { const d = ` + good + `; d.report = {format: "vises-report", version: 1, fields: {summary: 3}}; return JSON.stringify(d); })()`, "Textes du rapport : cette partie est endommagée. Rien"},
	} {
		got := Eval[string](t, b, `window.vises.dossier.importText(`+c.js+`)`)
		if got != "refused" {
			t.Errorf("%s: import %s, want refused", c.name, got)
		}
		if msg := journeyText(t, b, ".journey-message"); !strings.Contains(msg, c.want) || strings.Count(msg, "Rien n’a changé") != 1 || strings.Count(msg, "navigateur") != 1 {
			t.Errorf("%s: message %q, want %q and once that nothing changed in this browser", c.name, msg, c.want)
		}
		if Eval[bool](t, b, `!document.querySelector(".journey-panel").hidden`) {
			t.Errorf("%s: the confirmation panel is open", c.name)
		}
		if after := stored(t, b); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the records changed:\n got %v\nwant %v", c.name, after, before)
		}
	}
}

// TestJourneyRefusesBrokenDossiersInDutch: the values and report parts are refused in the
// dossier's own Dutch sentence, saying once that nothing changed.
func TestJourneyRefusesBrokenDossiersInDutch(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	seededJourney(t, b, k.URL+"/nl/mijn-evaluatie/")
	for _, c := range []struct{ name, js, want string }{
		{"damaged indicator values", `(() => { const d = window.vises.dossier.dossier(); d.values.indicators["ECO-01"].unit = 3; return JSON.stringify(d); })()`, "Waarden van de indicatoren: de waarden van ECO-01 zijn beschadigd. Er is niets veranderd in deze browser."},
		{"damaged report", `(() => { const d = window.vises.dossier.dossier(); d.report.fields = []; return JSON.stringify(d); })()`, "Teksten van het rapport: dit deel is beschadigd. Er is niets veranderd in deze browser."},
	} {
		if got := Eval[string](t, b, `window.vises.dossier.importText(`+c.js+`)`); got != "refused" {
			t.Errorf("%s: import %s, want refused", c.name, got)
		}
		if msg := journeyText(t, b, ".journey-message"); !strings.HasSuffix(msg, c.want) || strings.Count(msg, "niets veranderd") != 1 {
			t.Errorf("%s: message %q, want it to end with %q", c.name, msg, c.want)
		}
	}
}

// TestJourneyDossierExportCountsAsWorksheetExport: after the dossier's export, each worksheet
// it holds is exported on that date, in the file and in this browser, and its page says so; a
// write the storage refuses does not stop the export.
func TestJourneyDossierExportCountsAsWorksheetExport(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	b.AllowDownloads(t)
	seededJourney(t, b, k.URL+"/fr/mon-evaluation/")
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-export")))
	raw, err := os.ReadFile(b.WaitDownload(t, "vises-dossier-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Exported   string                    `json:"exported"`
		Worksheets map[string]map[string]any `json:"worksheets"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Worksheets) != 2 || d.Exported == "" {
		t.Fatalf("dossier: exported %q, %d worksheets", d.Exported, len(d.Worksheets))
	}
	recs := stored(t, b)
	for id, w := range d.Worksheets {
		if w["exported"] != d.Exported {
			t.Errorf("%s in the file: exported %v, want %s", id, w["exported"], d.Exported)
		}
		rec, _ := recs["vises.worksheet."+id].(map[string]any)
		if rec["exported"] != d.Exported || rec["saved"] != "2026-12-01T10:00:00.000Z" {
			t.Errorf("%s in the browser: exported %v, saved %v; want exported %s, saved as before", id, rec["exported"], rec["saved"], d.Exported)
		}
	}
	url := Eval[string](t, b, `new URL(VISES_EVALUATION.worksheets.find(w => w.id === "portrait").url, VISES_EVALUATION.base || location.href).href`)
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("ws-ready")`)
	if got := journeyText(t, b, ".ws-status"); !strings.Contains(got, "dernier export le") || strings.Contains(got, "jamais exporté") {
		t.Errorf("the worksheet's status after the dossier's export: %q", got)
	}

	// The storage refuses the worksheets' records: the dossier is exported all the same, and the
	// records are as they were.
	c := NewBrowser(t, 1280, 1000)
	c.AllowDownloads(t)
	seededJourney(t, c, k.URL+"/fr/mon-evaluation/")
	before := stored(t, c)
	Eval[int](t, c, `(() => { const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { if (k.startsWith("vises.worksheet.")) { throw new DOMException("full", "QuotaExceededError"); } return set.call(this, k, v); }; return 0; })()`)
	c.Do(t, chromedp.Click(chromedp.CSS(".journey-export")))
	c.WaitDownload(t, "vises-dossier-*.json")
	if msg := journeyText(t, c, ".journey-message"); !strings.HasPrefix(msg, "Dossier exporté") {
		t.Errorf("export with the worksheets' writes refused says %q", msg)
	}
	if after := stored(t, c); !reflect.DeepEqual(after, before) {
		t.Errorf("the records changed:\n got %v\nwant %v", after, before)
	}
}

func TestJourneyImportAsksBeforeReplacingAndRollsBack(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	seededJourney(t, b, k.URL+"/fr/mon-evaluation/")
	before := stored(t, b)
	const file = `JSON.stringify((() => { const d = window.vises.dossier.dossier(); d.worksheets.portrait = __rec("portrait", 3); d.worksheets["chaine-de-valeur"] = __rec("chaine-de-valeur", 2); d.basket = {v: 1, ids: ["ECO-03"]}; delete d.report; return d; })())`
	if got := Eval[string](t, b, `window.__file = `+file+`, window.vises.dossier.importText(__file)`); got != "asked" {
		t.Fatalf("import over existing work: %s, want asked", got)
	}
	list := journeyText(t, b, ".journey-panel")
	for _, want := range []string{
		"Ce dossier remplace du travail enregistré ici",
		"Fiche « Portrait de la structure » : 1 réponse ici, 3 réponses dans le fichier",
		"Fiche « Canevas de la chaîne de valeur » : aucune réponse ici, 2 réponses dans le fichier",
		"Indicateurs choisis : 2 indicateurs choisis ici, 1 indicateur choisi dans le fichier",
		"Ce que le fichier ne contient pas reste tel quel",
	} {
		if !strings.Contains(list, want) {
			t.Errorf("the confirmation %q lacks %q", list, want)
		}
	}
	if strings.Contains(list, "Textes du rapport") || strings.Contains(list, "Valeurs :") {
		t.Errorf("the confirmation lists parts that do not change: %q", list)
	}
	if id := Eval[string](t, b, `document.activeElement.id`); id != "journey-panel-title" {
		t.Errorf("the focus is on %q, not on the confirmation", id)
	}
	if after := stored(t, b); !reflect.DeepEqual(after, before) {
		t.Error("the records changed before the reader answered")
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-panel .button-secondary")))
	if msg := journeyText(t, b, ".journey-message"); !strings.Contains(msg, "Import annulé") {
		t.Errorf("after cancel: %q", msg)
	}
	if after := stored(t, b); !reflect.DeepEqual(after, before) {
		t.Error("the records changed after cancel")
	}

	// The storage refuses the basket, written after the worksheets: everything is put back.
	Eval[string](t, b, `window.vises.dossier.importText(__file)`)
	Eval[int](t, b, `(() => { const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { if (k === "vises.basket") { throw new DOMException("full", "QuotaExceededError"); } return set.call(this, k, v); }; window.__unpatch = () => { Storage.prototype.setItem = set; }; return 0; })()`)
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-panel .button:not(.button-secondary)")))
	if msg := journeyText(t, b, ".journey-message"); !strings.Contains(msg, "stockage plein") || !strings.Contains(msg, "rien n’a changé") {
		t.Errorf("storage full: %q", msg)
	}
	if after := stored(t, b); !reflect.DeepEqual(after, before) {
		t.Errorf("the records changed after a refused write:\n got %v\nwant %v", after, before)
	}

	// Accepted: the file's parts replace those of the browser; the report, absent, stays.
	Eval[int](t, b, `__unpatch(), 0`)
	Eval[string](t, b, `window.vises.dossier.importText(__file)`)
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-panel .button:not(.button-secondary)")))
	after := stored(t, b)
	basket, _ := json.Marshal(after["vises.basket"])
	if string(basket) != `{"ids":["ECO-03"],"v":1}` {
		t.Errorf("after import the basket is %s", basket)
	}
	if !reflect.DeepEqual(after["vises.report"], before["vises.report"]) {
		t.Error("the report, absent from the file, changed")
	}
	if _, ok := after["vises.worksheet.chaine-de-valeur"]; !ok {
		t.Error("the new worksheet was not written")
	}
}

func TestJourneyStartAgainOffersToExportFirst(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	b.AllowDownloads(t)
	seededJourney(t, b, k.URL+"/nl/mijn-evaluatie/")
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-clear")))
	panel := journeyText(t, b, ".journey-panel")
	for _, want := range []string{"Alles wissen in deze browser?", "Werkblad ‘Portret van de organisatie’: 1 antwoord", "2 gekozen indicatoren", "3 waarden", "van het rapport", "Exporteren en dan alles wissen"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the panel %q lacks %q", panel, want)
		}
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".journey-panel .button:not(.button-secondary)")))
	file := b.WaitDownload(t, "vises-dossier-*.json")
	if fi, err := os.Stat(file); err != nil || fi.Size() < 500 {
		t.Errorf("the export before clearing: %v", err)
	}
	if got := stored(t, b); len(got) != 0 {
		t.Errorf("after clearing, records remain: %v", got)
	}
	if v := Eval[string](t, b, `localStorage.getItem("vises.search.other") || ""`); v != "kept" {
		t.Error("clearing removed a key that is not the evaluation's")
	}
	if msg := journeyText(t, b, ".journey-message"); !strings.HasPrefix(msg, "Alles is gewist") {
		t.Errorf("after clearing: %q", msg)
	}
	if href := Eval[string](t, b, `document.querySelector(".journey-next-link").pathname`); href != "/nl/werkbladen/klaar-om-te-evalueren/" {
		t.Errorf("after clearing the next step is %q", href)
	}
}

func TestJourneyAccessibleOnPhones(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	b.Phone(t, 360, 740)
	for _, page := range []string{"/fr/mon-evaluation/", "/nl/mijn-evaluatie/"} {
		openJourney(t, b, k.URL+page)
		Eval[int](t, b, `localStorage.clear(), __seed()`)
		openJourney(t, b, k.URL+page)
		Eval[string](t, b, `window.vises.dossier.importText(JSON.stringify((() => { const d = window.vises.dossier.dossier(); d.worksheets.portrait = __rec("portrait", 3); return d; })()))`)
		if Eval[bool](t, b, `document.querySelector(".journey-panel").hidden`) {
			t.Fatalf("%s: no confirmation panel", page)
		}
		if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s: the page is %d px wide at 360 px", page, w)
		}
		NoViolations(t, b, page)
		if dir := os.Getenv("VISES_SHOTS"); dir != "" {
			png, err := chromedp.Run(b.Ctx(), chromedp.FullScreenshot(80))
			if err != nil {
				t.Logf("screenshot: %v", err)
			} else {
				os.WriteFile(filepath.Join(dir, strings.Trim(strings.ReplaceAll(page, "/", "-"), "-")+"-360.jpg"), png, 0o644)
			}
		}
	}
}

// TestWorksheetSpecsAgree checks that the rules of a worksheet's record read from its form
// (worksheet.js, on the worksheet's page) and from its view (common.js, for the dossier on the
// journey page) accept the same answer keys, kinds and values, for every worksheet.
func TestWorksheetSpecsAgree(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	for _, lang := range []string{"fr", "nl"} {
		page := map[string]string{"fr": "/fr/mon-evaluation/", "nl": "/nl/mijn-evaluatie/"}[lang]
		openJourney(t, b, k.URL+page)
		const strip = `Object.fromEntries(Object.entries(s.items).map(([k, v]) => [k, v.kind + " " + Object.keys(v.values).sort().join(",")]))`
		var sheets []struct{ ID, URL, Spec string }
		raw := Eval[string](t, b, `JSON.stringify(VISES_EVALUATION.worksheets.map(w => { const s = window.vises.worksheets.spec(w); return {ID: w.id, URL: new URL(w.url, VISES_EVALUATION.base).href, Spec: JSON.stringify([s.id, s.signature, `+strip+`])}; }))`)
		if err := json.Unmarshal([]byte(raw), &sheets); err != nil {
			t.Fatal(err)
		}
		if len(sheets) < 8 {
			t.Fatalf("%s: %d worksheets in the data", lang, len(sheets))
		}
		for _, w := range sheets {
			openWorksheet(t, b, w.URL)
			got := Eval[string](t, b, `(s => JSON.stringify([s.id, s.signature, `+strip+`]))(window.visesWorksheet.spec)`)
			var a, e []any
			json.Unmarshal([]byte(got), &a)
			json.Unmarshal([]byte(w.Spec), &e)
			if !reflect.DeepEqual(a, e) {
				t.Errorf("%s %s: the form accepts\n%s\nthe view\n%s", lang, w.ID, got, w.Spec)
			}
		}
	}
}

func TestJourneyKeepsUnreadableRecordsAside(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	seededJourney(t, b, k.URL+"/fr/mon-evaluation/")
	file := Eval[string](t, b, `JSON.stringify(window.vises.dossier.dossier())`)
	Eval[int](t, b, `localStorage.setItem("vises.worksheet.portrait", "{abîmé"), 0`)
	openJourney(t, b, k.URL+"/fr/mon-evaluation/")
	Eval[int](t, b, `window.__file = `+jsString(file)+`, 0`)
	if got := journeyText(t, b, ".journey-notes"); !strings.Contains(got, "illisible (Fiche « Portrait de la structure »)") {
		t.Errorf("the page does not say the record is unreadable: %q", got)
	}
	if got := Eval[string](t, b, `window.vises.dossier.importText(__file)`); got != "imported" {
		t.Fatalf("import over an unreadable record: %s", got)
	}
	aside := Eval[string](t, b, `Object.keys(localStorage).filter(k => k.startsWith("vises.worksheet.portrait.unreadable.")).map(k => localStorage.getItem(k)).join("|")`)
	if aside != "{abîmé" {
		t.Errorf("the unreadable record was not kept aside: %q", aside)
	}
	if got := Eval[string](t, b, `JSON.parse(localStorage.getItem("vises.worksheet.portrait")).worksheet`); got != "portrait" {
		t.Errorf("the portrait record is %q after import", got)
	}
	// Escape closes a confirmation as Cancel does.
	Eval[int](t, b, `localStorage.setItem("vises.basket", JSON.stringify({v: 1, ids: ["ECO-09"]})), 0`)
	if got := Eval[string](t, b, `window.vises.dossier.importText(__file)`); got != "asked" {
		t.Fatalf("import over another basket: %s", got)
	}
	b.Do(t, chromedp.KeyEvent("\x1b"))
	if msg := journeyText(t, b, ".journey-message"); !strings.Contains(msg, "Import annulé") || !Eval[bool](t, b, `document.querySelector(".journey-panel").hidden`) {
		t.Errorf("Escape: panel hidden %v, message %q", Eval[bool](t, b, `document.querySelector(".journey-panel").hidden`), msg)
	}
}

// TestJourneyWithoutJavaScript: without scripts, the page is the path, with every moment and
// its links, and the tools that need a script are not shown.
func TestJourneyWithoutJavaScript(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.Do(t, chromedp.Navigate(k.URL+"/nl/mijn-evaluatie/"), chromedp.WaitReady(chromedp.CSS("body")))
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	if Eval[bool](t, b, `document.body.classList.contains("journey-ready")`) {
		t.Fatal("the journey's script ran")
	}
	if Eval[bool](t, b, `document.getElementById("journey").getClientRects().length > 0`) {
		t.Error("the status and the dossier's tools, which need JavaScript, are shown")
	}
	moments := Eval[string](t, b, `[...document.querySelectorAll(".journey-path h3[id^=moment-]")].filter(h => h.getClientRects().length).map(h => h.id).join(" ")`)
	if moments != "moment-1a moment-1b moment-2a moment-2b moment-3a moment-3b" {
		t.Errorf("the path shows the moments %q", moments)
	}
	if n := Eval[int](t, b, `document.querySelectorAll(".journey-path li a[href]").length`); n < 17 {
		t.Errorf("the path has %d links", n)
	}
}

// TestJourneyCommonRecordHelpers: the helpers of common.js that the worksheet, values, report
// and journey pages share: a saved record read, or kept aside when it cannot be read (and left
// where it is when the storage refuses the copy); a chosen file read as text.
func TestJourneyCommonRecordHelpers(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, "")
	const check = `r => r && r.ok ? "" : "refused"`
	for _, c := range []struct{ name, setup, want string }{
		{"none", ``, `{}`},
		{"a good record", `localStorage.setItem("t.rec", '{"ok":1}')`, `{"rec":{"ok":1}}`},
		{"not JSON", `localStorage.setItem("t.rec", "{abîmé")`, `{"problem":"","aside":"ASIDE"} t.rec=null ASIDE={abîmé`},
		{"refused by check", `localStorage.setItem("t.rec", '{"ok":0}')`, `{"problem":"refused","aside":"ASIDE"} t.rec=null ASIDE={"ok":0}`},
		{"the copy refused", `localStorage.setItem("t.rec", "{abîmé"), window.__set = Storage.prototype.setItem, Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }`, `{"problem":"","aside":""} t.rec={abîmé`},
		{"the storage unreadable", `Storage.prototype.getItem = function () { throw new DOMException("no", "SecurityError"); }`, `{"blocked":true}`},
	} {
		got := Eval[string](t, b, `(() => {
			const get = Storage.prototype.getItem, set = Storage.prototype.setItem;
			Object.keys(localStorage).filter(k => k.startsWith("t.")).forEach(k => localStorage.removeItem(k));
			`+c.setup+`;
			let out;
			try { out = JSON.stringify(vises.loadRecord("t.rec", `+check+`)); } finally { Storage.prototype.getItem = get; Storage.prototype.setItem = set; }
			const aside = Object.keys(localStorage).filter(k => /^t\.rec\.unreadable\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/.test(k));
			if (aside.length === 1) { out = out.replace(aside[0], "ASIDE") + " t.rec=" + localStorage.getItem("t.rec") + " ASIDE=" + localStorage.getItem(aside[0]); }
			else if (out.includes('"aside":""')) { out += " t.rec=" + localStorage.getItem("t.rec"); }
			return out;
		})()`)
		if got != c.want {
			t.Errorf("%s: loadRecord gives %s, want %s", c.name, got, c.want)
		}
	}

	// A file chosen in the values page's import: read as text (UTF-8), then imported.
	csvText := Eval[string](t, b, `vises.values.page.csv()`)
	file := filepath.Join(t.TempDir(), "valeurs.csv")
	if err := os.WriteFile(file, []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Do(t, chromedp.SetUploadFiles(chromedp.ID("values-import"), []string{file}))
	Wait(t, b, `document.querySelector(".values-message").textContent !== ""`)
	if got := journeyText(t, b, ".values-message"); !strings.Contains(got, "exactement les valeurs déjà enregistrées") {
		t.Errorf("the chosen file: %q", got)
	}
	if got := Eval[string](t, b, `document.getElementById("values-import").value`); got != "" {
		t.Errorf("the file input still holds %q", got)
	}
}

// TestJourneyPathDoesNotMove: the status and the dossier's tools that dossier.js fills take the
// room kept for them, so that the path below does not move when they appear (layout shift, as
// Lighthouse counts it, on a phone and on a wide screen, on a first visit).
func TestJourneyPathDoesNotMove(t *testing.T) {
	k := BuildKit(t)
	for _, phone := range []bool{true, false} {
		b := NewBrowser(t, 1280, 900)
		if phone {
			b.Phone(t, 412, 823)
		}
		for _, p := range []string{"/fr/mon-evaluation/", "/nl/mijn-evaluatie/"} {
			b.Open(t, k.URL+p)
			Wait(t, b, `document.body.classList.contains("journey-ready")`)
			shift := Eval[float64](t, b, `new Promise(done => {
				let sum = 0;
				new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
					.observe({type: "layout-shift", buffered: true});
				setTimeout(() => done(sum), 300);
			})`)
			if shift > 0.02 {
				t.Errorf("%s (phone %v): the page moved by %.3f as the status appeared", p, phone, shift)
			}
		}
	}
}
