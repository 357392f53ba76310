package browsertest

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	valuesFR = "/fr/mon-evaluation/valeurs/"
	valuesNL = "/nl/mijn-evaluatie/waarden/"
	// planHeaderFR is the collection plan's header, as the picker exports it.
	planHeaderFR = "Indicateur;Définition;Méthode;Source;Fréquence;Temps à prévoir;Effectif minimum;Ventilation;Responsable;Situation de départ;Cible"
)

// openValues opens the values page with basket as the reader's basket and values (a JSON
// record, or "" for none) as her saved values.
func openValues(t *testing.T, b *Browser, url string, basket []string, values string) {
	t.Helper()
	b.Open(t, url)
	ids, _ := json.Marshal(basket)
	js := `localStorage.clear(), localStorage.setItem("vises.basket", JSON.stringify({v: 1, ids: ` + string(ids) + `}))`
	if values != "" {
		js += `, localStorage.setItem("vises.values", ` + jsString(values) + `)`
	}
	Eval[bool](t, b, js+`, true`)
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("values-ready")`)
}

// typeIn replaces the text of the field sel as a reader typing would (input events).
func typeIn(t *testing.T, b *Browser, sel, text string) {
	t.Helper()
	Eval[bool](t, b, `(f => { f.value = ""; f.focus(); return true; })(document.querySelector(`+jsString(sel)+`))`)
	b.Do(t, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// storedValues returns the saved values record.
func storedValues(t *testing.T, b *Browser) map[string]any {
	t.Helper()
	raw := Eval[string](t, b, `localStorage.getItem("vises.values") || "null"`)
	var rec map[string]any
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func indicatorOf(t *testing.T, rec map[string]any, id string) map[string]any {
	t.Helper()
	inds, _ := rec["indicators"].(map[string]any)
	ind, _ := inds[id].(map[string]any)
	if ind == nil {
		t.Fatalf("no values for %s in %v", id, rec)
	}
	return ind
}

// seeded is a values record of SOC-01 with a baseline, a target and two periods.
const seeded = `{"format":"vises-values","version":1,"saved":"2026-12-01T10:00:00Z","indicators":{"SOC-01":{` +
	`"definition":{"name":"NAME","text":"TEXT","unit":"UNIT","lang":"fr"},"unit":"% des sorties",` +
	`"baseline":{"period":"2023","value":42},"target":{"period":"2026","value":60},` +
	`"periods":[{"period":"2024","value":45.5,"source":"Registre","by":"Anne","note":""},{"period":"2025","value":51,"source":"Registre","by":"Anne","note":"Petit effectif"}]}}}`

// seededWithCatalogue returns seeded with the catalogue's current definition of SOC-01 in
// French, as the page would have locked it.
func seededWithCatalogue(t *testing.T, b *Browser) string {
	t.Helper()
	return Eval[string](t, b, `(() => { const it = VISES_PICKER.items.find(i => i.id === "SOC-01"); const r = JSON.parse(`+jsString(seeded)+`);
		r.indicators["SOC-01"].definition = {name: it.name, text: it.def, unit: it.unit || "", lang: "fr"}; return JSON.stringify(r); })()`)
}

func TestValuesEnteredOverTwoPeriodsSurviveReloadAndLanguage(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, "")
	card := "#values-SOC-01 "
	if s := Eval[string](t, b, `document.querySelector(".values-status").textContent`); s != "Rien n’est encore enregistré dans ce navigateur." {
		t.Errorf("status before any entry: %q", s)
	}
	typeIn(t, b, card+`[data-field="unit"]`, "% des sorties")
	typeIn(t, b, card+`[data-field="baseline.period"]`, "2023")
	typeIn(t, b, card+`[data-field="baseline.value"]`, "40")
	typeIn(t, b, card+`[data-field="target.period"]`, "2026")
	typeIn(t, b, card+`[data-field="target.value"]`, "55,5")
	for i, v := range [][2]string{{"2024", "42,5"}, {"2025", "1 047,25"}} {
		b.Do(t, chromedp.Click(chromedp.CSS(card+".values-add")))
		Wait(t, b, `document.querySelectorAll("#values-SOC-01 tbody tr").length === `+string(rune('1'+i)))
		row := card + `tbody tr:nth-child(` + string(rune('1'+i)) + `) `
		typeIn(t, b, row+`[data-field="period"]`, v[0])
		typeIn(t, b, row+`[data-field="value"]`, v[1])
		typeIn(t, b, row+`[data-field="source"]`, "Registre des sorties")
	}
	if s := Eval[string](t, b, `document.querySelector(".values-status").textContent`); !strings.HasPrefix(s, "Enregistré dans ce navigateur à") {
		t.Errorf("status after entries: %q", s)
	}
	ind := indicatorOf(t, storedValues(t, b), "SOC-01")
	periods, _ := ind["periods"].([]any)
	if len(periods) != 2 || periods[1].(map[string]any)["value"] != 1047.25 || ind["target"].(map[string]any)["value"] != 55.5 {
		t.Errorf("saved %v", ind)
	}
	// The definition is locked with the first entry: the catalogue's, in French.
	def := ind["definition"].(map[string]any)
	if def["lang"] != "fr" || def["name"] != "Taux de sorties dynamiques" || def["text"] == "" {
		t.Errorf("definition %v", def)
	}
	// The chart: two bars, the baseline and the target, and its figures in its description.
	if n := Eval[int](t, b, `document.querySelectorAll("#values-SOC-01 .values-chart-bar").length`); n != 2 {
		t.Errorf("%d bars", n)
	}
	if n := Eval[int](t, b, `document.querySelectorAll("#values-SOC-01 .values-chart-target line, #values-SOC-01 .values-chart-baseline line").length`); n != 4 {
		t.Errorf("%d lines for the baseline and target (line and key sample each)", n)
	}
	desc := Eval[string](t, b, `document.querySelector("#values-SOC-01 svg desc").textContent`)
	for _, want := range []string{"2024 : 42,5", "2025 : 1 047,25", "Cible (2026) : 55,5", "Situation de départ (2023) : 40"} {
		if !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(desc, "\u202f", " "), "\u00a0", " "), want) {
			t.Errorf("chart description %q lacks %q", desc, want)
		}
	}
	if got := Eval[string](t, b, `document.querySelector("#values-SOC-01 svg").getAttribute("role")`); got != "img" {
		t.Errorf("chart role %q", got)
	}

	b.Open(t, k.URL+valuesFR)
	Wait(t, b, `document.body.classList.contains("values-ready")`)
	if v := Eval[string](t, b, `document.querySelector("#values-SOC-01 tbody tr:nth-child(2) [data-field=value]").value`); v != "1047,25" {
		t.Errorf("after reload the second value reads %q", v)
	}

	// The Dutch page shows the same values, under the definition saved in French.
	b.Do(t, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="nl"]`)))
	Wait(t, b, `location.pathname.startsWith("/nl/") && document.body.classList.contains("values-ready")`)
	if v := Eval[string](t, b, `document.querySelector("#values-SOC-01 [data-field='target.value']").value`); v != "55,5" {
		t.Errorf("in Dutch the target reads %q", v)
	}
	if l := Eval[string](t, b, `document.querySelector("#values-SOC-01 .values-def-saved").getAttribute("lang")`); l != "fr" {
		t.Errorf("the saved French definition is marked lang=%q", l)
	}
	// Entered in Dutch, with Dutch thousands: saved as a number, shown in the chart.
	b.Do(t, chromedp.Click(chromedp.CSS("#values-SOC-01 .values-add")))
	typeIn(t, b, `#values-SOC-01 tbody tr:nth-child(3) [data-field="period"]`, "2026")
	typeIn(t, b, `#values-SOC-01 tbody tr:nth-child(3) [data-field="value"]`, "1.100,5")
	if s := Eval[string](t, b, `document.querySelector(".values-status").textContent`); !strings.HasPrefix(s, "Bewaard in deze browser om") {
		t.Errorf("Dutch status %q", s)
	}
	ind = indicatorOf(t, storedValues(t, b), "SOC-01")
	if p := ind["periods"].([]any); len(p) != 3 || p[2].(map[string]any)["value"] != 1100.5 {
		t.Errorf("after the Dutch entry: %v", ind["periods"])
	}
	if n := Eval[int](t, b, `document.querySelectorAll("#values-SOC-01 .values-chart-bar").length`); n != 3 {
		t.Errorf("%d bars in Dutch", n)
	}
	if d := Eval[string](t, b, `document.querySelector("#values-SOC-01 svg desc").textContent`); !strings.Contains(d, "Streefwaarde (2026): 55,5") {
		t.Errorf("Dutch chart description %q", d)
	}
}

func TestValuesRefuseABadNumberWithoutSavingIt(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, seeded)
	before := Eval[string](t, b, `localStorage.getItem("vises.values")`)
	typeIn(t, b, `#values-SOC-01 [data-field="target.value"]`, "douze")
	if inv := Eval[string](t, b, `document.querySelector("#values-SOC-01 [data-field='target.value']").getAttribute("aria-invalid")`); inv != "true" {
		t.Errorf("aria-invalid %q", inv)
	}
	if s := Eval[string](t, b, `document.querySelector(".values-status").textContent`); !strings.Contains(s, "n’est pas enregistrée") {
		t.Errorf("status %q", s)
	}
	if after := Eval[string](t, b, `localStorage.getItem("vises.values")`); after != before {
		t.Errorf("a bad number changed the record:\n%s\n%s", before, after)
	}
}

func TestValuesChartIsReusable(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openValues(t, b, k.URL+valuesFR, nil, "")
	// The report page calls the same function with a record of its own.
	got := Eval[string](t, b, `(() => { const r = JSON.parse(`+jsString(seeded)+`).indicators["SOC-01"];
		const s = vises.values.chart(r, {code: "SOC-01"});
		return [s.tagName, s.querySelectorAll(".values-chart-bar").length, s.querySelectorAll(".values-chart-target").length, s.querySelector("title").textContent].join("|"); })()`)
	if got != "svg|2|1|SOC-01 NAME : valeurs par période" && got != "svg|2|1|SOC-01 NAME\u202f: valeurs par période" {
		t.Errorf("chart %q", got)
	}
	// Beyond eight periods it is a line.
	if n := Eval[int](t, b, `(() => { const r = JSON.parse(`+jsString(seeded)+`).indicators["SOC-01"];
		for (let i = 0; i < 10; i++) r.periods.push({period: "P" + i, value: i, source: "", by: "", note: ""});
		const s = vises.values.chart(r, {}); return s.querySelectorAll("polyline").length * 100 + s.querySelectorAll(".values-chart-bar").length; })()`); n != 100 {
		t.Errorf("twelve periods: %d (want one line, no bars)", n)
	}
	// A damaged record from elsewhere draws what it can.
	if got := Eval[string](t, b, `(s => s.tagName + "|" + s.querySelectorAll(".values-chart-bar").length)(vises.values.chart({periods: [null, {period: "2025", value: 3}], target: "x"}, {}))`); got != "svg|1" {
		t.Errorf("chart of a damaged record: %q", got)
	}
	// check refuses what the dossier must not load.
	if msg := Eval[string](t, b, `vises.values.check({format: "vises-values", version: 1, indicators: {"SOC-01": {unit: 3}}})`); !strings.Contains(msg, "SOC-01") {
		t.Errorf("check of a damaged record: %q", msg)
	}
	if msg := Eval[string](t, b, `vises.values.check(JSON.parse(`+jsString(seeded)+`))`); msg != "" {
		t.Errorf("check of a good record: %q", msg)
	}
}

func TestValuesCSVForExcelAndItsRoundTrip(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01", "ECO-01"}, "")
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01", "ECO-01"}, seededWithCatalogue(t, b))
	text := Eval[string](t, b, `vises.values.page.csv()`)
	if !strings.HasPrefix(text, "\ufeff"+planHeaderFR+";Unité;Période de départ;Période de la cible;Période;Valeur;Source de la valeur;Relevé par;Note\r\n") {
		t.Errorf("header %q", strings.SplitN(text, "\r\n", 2)[0])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// SOC-01: one row per period; ECO-01, with no value yet, one row to fill in.
	if len(rows) != 4 || !strings.HasPrefix(rows[1][0], "SOC-01 ") || !strings.HasPrefix(rows[3][0], "ECO-01 ") {
		t.Fatalf("rows %q", rows)
	}
	if got := strings.Join(rows[2][9:], "|"); got != "42|60|% des sorties|2023|2026|2025|51|Registre|Anne|Petit effectif" {
		t.Errorf("second SOC-01 row %q", got)
	}
	if rows[1][15] != "45,5" || rows[1][5] == "" {
		t.Errorf("first row: value %q (decimal comma), time cost %q (from the card)", rows[1][15], rows[1][5])
	}
	b.AllowDownloads(t)
	b.Do(t, chromedp.Click(chromedp.CSS(".values-export")))
	data, _ := os.ReadFile(b.WaitDownload(t, "valeurs-indicateurs.csv"))
	if string(data) != text {
		t.Error("the downloaded file differs from the export")
	}

	// The same file back: nothing to change.
	if got := Eval[string](t, b, `vises.values.page.importText(`+jsString(text)+`)`); got != "same" {
		t.Errorf("importing the export: %q", got)
	}
	// Edited in Excel: a value changed, a period added to SOC-01, ECO-01 filled in.
	edited := strings.Replace(text, ";2025;51;", ";2025;52,5;", 1)
	extra := csvLine(append(append([]string{}, rows[2][:14]...), `="2026-03"`, "58", "Registre", "Anne", "avec ; point-virgule"))
	eco := rows[3]
	eco[11], eco[14], eco[15] = "ETP", "2025", "12,5"
	lines := strings.Split(edited, "\r\n")
	edited = strings.Join([]string{lines[0], lines[1], lines[2], extra, csvLine(eco), ""}, "\r\n")
	before := Eval[string](t, b, `localStorage.getItem("vises.values")`)
	if got := Eval[string](t, b, `vises.values.page.importText(`+jsString(edited)+`)`); got != "asked" {
		t.Fatalf("import of an edited file: %q (%s)", got, Eval[string](t, b, `document.querySelector(".values-alert").textContent`))
	}
	panel := Eval[string](t, b, `document.querySelector(".values-confirm").textContent`)
	if !strings.Contains(panel, "SOC-01") || !strings.Contains(strings.ReplaceAll(panel, "\u202f", " "), "2025 : 51 devient 52,5 ; une période ajoutée") || strings.Contains(panel, "ECO-01") {
		t.Errorf("confirmation panel %q", panel)
	}
	if Eval[string](t, b, `document.activeElement.id`) != "values-confirm-title" {
		t.Error("the confirmation panel does not take the focus")
	}
	if after := Eval[string](t, b, `localStorage.getItem("vises.values")`); after != before {
		t.Error("the values changed before the reader confirmed")
	}
	// Cancelled (Escape): nothing changes; confirmed with the keyboard: the file's values are saved.
	b.Do(t, chromedp.KeyEvent(kb.Escape))
	if !Eval[bool](t, b, `document.querySelector(".values-confirm").hidden`) {
		t.Error("Escape does not close the confirmation panel")
	}
	if after := Eval[string](t, b, `localStorage.getItem("vises.values")`); after != before {
		t.Error("cancelling changed the values")
	}
	Eval[string](t, b, `vises.values.page.importText(`+jsString(edited)+`)`)
	Eval[bool](t, b, `document.querySelector(".values-confirm-yes").focus(), true`)
	b.Do(t, chromedp.KeyEvent(kb.Enter))
	Wait(t, b, `document.querySelector(".values-confirm").hidden`)
	rec := storedValues(t, b)
	soc := indicatorOf(t, rec, "SOC-01")
	p := soc["periods"].([]any)
	if len(p) != 3 || p[1].(map[string]any)["value"] != 52.5 || p[2].(map[string]any)["note"] != "avec ; point-virgule" || p[2].(map[string]any)["period"] != "2026-03" {
		t.Errorf("SOC-01 after import: %v", p)
	}
	ecoRec := indicatorOf(t, rec, "ECO-01")
	if ecoRec["unit"] != "ETP" || ecoRec["definition"].(map[string]any)["name"] != "Emplois créés ou maintenus sur le territoire" {
		t.Errorf("ECO-01 after import: %v", ecoRec)
	}
	if n := Eval[int](t, b, `document.querySelectorAll("#values-SOC-01 .values-chart-bar").length`); n != 3 {
		t.Errorf("%d bars after the import", n)
	}
	// Round trip: exported again, the file holds what was imported.
	if again := Eval[string](t, b, `vises.values.page.csv()`); !strings.Contains(again, ";2025;52,5;") || !strings.Contains(again, `"avec ; point-virgule"`) {
		t.Errorf("export after import:\n%s", again)
	}
}

// csvLine writes cells as the kit writes a CSV line (quoted when needed).
func csvLine(cells []string) string {
	var out []string
	for _, c := range cells {
		if strings.ContainsAny(c, "\";\r\n") {
			c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
		}
		out = append(out, c)
	}
	return strings.Join(out, ";")
}

func TestValuesRefuseABadCSVNamingTheLine(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, "")
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, seededWithCatalogue(t, b))
	good := Eval[string](t, b, `vises.values.page.csv()`)
	before := Eval[string](t, b, `localStorage.getItem("vises.values")`)
	lines := strings.Split(good, "\r\n")
	for name, c := range map[string]struct{ text, want string }{
		"bad number":   {strings.Replace(good, ";2025;51;", ";2025;cinquante;", 1), "ligne 3, colonne « Valeur », « cinquante » n’est pas un nombre"},
		"unknown code": {good + strings.Replace(lines[1], "SOC-01", "XYZ-99", 1) + "\r\n", "ligne 4, l’indicateur « XYZ-99"},
		"columns":      {strings.Replace(good, "Période de départ", "Départ", 1), "la colonne 13 s’appelle « Départ » au lieu de « Période de départ »"},
		"differs":      {lines[0] + "\r\n" + lines[1] + "\r\n" + strings.Replace(lines[2], "% des sorties", "personnes", 1) + "\r\n", "ligne 3, la colonne « Unité » ne dit pas la même chose qu’à la ligne 2"},
		"quote":        {good + `"SOC-01;` + "\r\n", "ligne 4 n’est jamais fermé"},
	} {
		got := Eval[string](t, b, `vises.values.page.importText(`+jsString(c.text)+`)`)
		msg := strings.ReplaceAll(Eval[string](t, b, `document.querySelector(".values-alert").textContent`), "\u202f", " ")
		if got != "refused" || !strings.Contains(msg, c.want) || !strings.Contains(msg, "Rien n’a été modifié") {
			t.Errorf("%s: %s, message %q, want %q", name, got, msg, c.want)
		}
		if after := Eval[string](t, b, `localStorage.getItem("vises.values")`); after != before {
			t.Errorf("%s: the refused file changed the values", name)
		}
	}
	if role := Eval[string](t, b, `document.querySelector(".values-alert").getAttribute("role")`); role != "alert" {
		t.Errorf("the refusal is in a %q region", role)
	}
}

func TestValuesDefinitionStaysLocked(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	// The saved definition (NAME, TEXT) is not the catalogue's: both are shown, the saved one
	// stays with the values.
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, seeded)
	if s := Eval[string](t, b, `document.querySelector("#values-SOC-01 .values-def-saved").textContent`); s != "NAME. TEXT" {
		t.Errorf("saved definition shown as %q", s)
	}
	if !Eval[bool](t, b, `!!document.querySelector("#values-SOC-01 .values-def-warning") && document.querySelector("#values-SOC-01 .values-def-current").textContent.includes("Taux de sorties dynamiques")`) {
		t.Error("the catalogue's changed definition is not shown beside the saved one")
	}
	typeIn(t, b, `#values-SOC-01 [data-field="unit"]`, "personnes")
	def := indicatorOf(t, storedValues(t, b), "SOC-01")["definition"].(map[string]any)
	if def["text"] != "TEXT" || def["name"] != "NAME" {
		t.Errorf("an entry replaced the locked definition: %v", def)
	}
	// Only the reader replaces it.
	b.Do(t, chromedp.Click(chromedp.CSS("#values-SOC-01 .values-adopt")))
	def = indicatorOf(t, storedValues(t, b), "SOC-01")["definition"].(map[string]any)
	if def["name"] != "Taux de sorties dynamiques" {
		t.Errorf("adopted definition %v", def)
	}
	if Eval[bool](t, b, `!!document.querySelector("#values-SOC-01 .values-def-warning")`) {
		t.Error("the warning stays after adopting the current definition")
	}
}

func TestValuesReportAFullStorage(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesNL, []string{"SOC-01"}, "")
	Eval[bool](t, b, `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }, true`)
	typeIn(t, b, `#values-SOC-01 [data-field="baseline.value"]`, "7")
	s := Eval[string](t, b, `document.querySelector(".values-status").textContent`)
	if !strings.Contains(s, "kon je laatste wijzigingen niet bewaren") || strings.Contains(s, "Bewaard in deze browser") {
		t.Errorf("status with a full storage: %q", s)
	}
	if a := Eval[string](t, b, `document.querySelector(".values-alert").textContent`); !strings.Contains(a, "kon je laatste wijzigingen niet bewaren") {
		t.Errorf("the failure is not announced: %q", a)
	}
}

func TestValuesKeepAnUnreadableRecordAside(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, `{"format":"vises-values","version":1,"indicators":{"SOC-01":{"unit":3}}}`)
	if a := Eval[string](t, b, `document.querySelector(".values-alert").textContent`); !strings.Contains(a, "SOC-01") || !strings.Contains(a, "gardées à part") {
		t.Errorf("alert %q", a)
	}
	aside := Eval[string](t, b, `Object.keys(localStorage).filter(k => k.startsWith("vises.values.unreadable.")).map(k => localStorage.getItem(k)).join()`)
	if aside != `{"format":"vises-values","version":1,"indicators":{"SOC-01":{"unit":3}}}` {
		t.Errorf("kept aside: %q", aside)
	}
	typeIn(t, b, `#values-SOC-01 [data-field="baseline.value"]`, "7")
	if ind := indicatorOf(t, storedValues(t, b), "SOC-01"); ind["baseline"].(map[string]any)["value"] != 7.0 {
		t.Errorf("new entry after the unreadable record: %v", ind)
	}
}

func TestValuesKeepThoseOfIndicatorsLeftOutOfTheBasket(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, nil, seeded)
	if !Eval[bool](t, b, `!!document.querySelector(".values-empty a[href$='/fr/indicateurs/']")`) {
		t.Error("an empty basket does not point to the catalogue")
	}
	if got := Eval[string](t, b, `[...document.querySelectorAll(".values-apart-item")].map(li => li.dataset.id).join()`); got != "SOC-01" {
		t.Fatalf("kept apart: %q", got)
	}
	// Put back in the basket: its card returns with its values.
	b.Do(t, chromedp.Click(chromedp.CSS(".values-restore")))
	if got := Eval[string](t, b, `localStorage.getItem("vises.basket")`); got != `{"v":1,"ids":["SOC-01"]}` {
		t.Errorf("basket %s", got)
	}
	if v := Eval[string](t, b, `document.querySelector("#values-SOC-01 [data-field='target.value']").value`); v != "60" {
		t.Errorf("restored target %q", v)
	}
	// Deleted only after a confirmation in the page.
	openValues(t, b, k.URL+valuesFR, nil, seeded)
	b.Do(t, chromedp.Click(chromedp.CSS(".values-delete")))
	if !strings.Contains(Eval[string](t, b, `document.activeElement.textContent`), "Supprimer pour de bon") {
		t.Error("the confirmation does not take the focus")
	}
	b.Do(t, chromedp.KeyEvent(kb.Escape))
	if !strings.Contains(Eval[string](t, b, `localStorage.getItem("vises.values")`), "SOC-01") {
		t.Fatal("Escape deleted the values")
	}
	b.Do(t, chromedp.Click(chromedp.CSS(".values-delete")), chromedp.Click(chromedp.CSS(".values-delete-yes")))
	if strings.Contains(Eval[string](t, b, `localStorage.getItem("vises.values")`), "SOC-01") {
		t.Error("the values are still kept after their deletion")
	}
}

func TestValuesRowsWithTheKeyboard(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 1000)
	openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, seeded)
	Eval[bool](t, b, `document.querySelector("#values-SOC-01 .values-add").focus(), true`)
	b.Do(t, chromedp.KeyEvent(kb.Enter))
	if f := Eval[string](t, b, `document.activeElement.closest("tr").dataset.row + ":" + document.activeElement.dataset.field`); f != "2:period" {
		t.Errorf("after adding a row the focus is on %q", f)
	}
	b.Do(t, chromedp.KeyEvent("2026"))
	// Remove the first row: the focus goes to the next row's button.
	Eval[bool](t, b, `document.querySelector("#values-SOC-01 tbody tr .values-remove").focus(), true`)
	b.Do(t, chromedp.KeyEvent(kb.Enter))
	if got := Eval[string](t, b, `[...document.querySelectorAll("#values-SOC-01 [data-field=period]")].map(i => i.value).join()`); got != "2025,2026" {
		t.Errorf("periods after removing the first: %q", got)
	}
	if !Eval[bool](t, b, `document.activeElement.classList.contains("values-remove")`) {
		t.Error("the focus is lost after removing a row")
	}
	if p := indicatorOf(t, storedValues(t, b), "SOC-01")["periods"].([]any); len(p) != 2 {
		t.Errorf("%d periods saved", len(p))
	}
}

func TestValuesPageOnPhonesAndWithAxe(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Phone(t, 360, 740)
	for _, page := range []string{valuesFR, valuesNL} {
		openValues(t, b, k.URL+page, []string{"SOC-01", "ECO-01"}, "")
		openValues(t, b, k.URL+page, []string{"SOC-01", "ECO-01"}, seededWithCatalogue(t, b))
		if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s: %d px wide at 360", page, w)
		}
		// The chart fits, and its text stays legible (at least 9 px once scaled).
		if px := Eval[float64](t, b, `(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width * 13)(document.querySelector("#values-SOC-01 svg"))`); px < 9 {
			t.Errorf("%s: chart text %.1f px on a phone", page, px)
		}
		// A bad number and the confirmation panel are part of the audit.
		typeIn(t, b, `#values-SOC-01 [data-field="target.value"]`, "x")
		NoViolations(t, b, page)
		// Without the basket: the pointer to the catalogue, the values kept apart.
		openValues(t, b, k.URL+page, nil, seeded)
		NoViolations(t, b, page+" (empty basket)")
		if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s (empty basket): %d px wide at 360", page, w)
		}
	}
}

func TestValuesFromDisk(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openValues(t, b, k.FileURL("fr/mon-evaluation/valeurs/index.html"), []string{"SOC-01"}, seeded)
	if n := Eval[int](t, b, `document.querySelectorAll("#values-SOC-01 .values-chart-bar").length`); n != 2 {
		t.Errorf("from disk: %d bars", n)
	}
	if href := Eval[string](t, b, `document.querySelector("#values-SOC-01 .values-link a").href`); !strings.HasPrefix(href, "file://") || !strings.HasSuffix(href, "/fr/indicateurs/soc-01/index.html") {
		t.Errorf("indicator link %q", href)
	}
}

func TestValuesWithoutJavaScript(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.Do(t, chromedp.Navigate(k.URL+valuesFR), chromedp.WaitReady(chromedp.CSS("body")))
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	if Eval[bool](t, b, `document.getElementById("values").getClientRects().length > 0`) {
		t.Error("the values' form, which needs JavaScript, is shown")
	}
	if s := Eval[string](t, b, `(p => p.getClientRects().length ? p.textContent : "")(document.getElementById("values-nojs"))`); !strings.Contains(s, "Plan de collecte") {
		t.Errorf("without JavaScript the page says %q", s)
	}
	// With it, the message goes.
	b.Open(t, k.URL+valuesFR)
	Wait(t, b, `document.body.classList.contains("values-ready")`)
	if Eval[bool](t, b, `document.getElementById("values-nojs").getClientRects().length > 0`) {
		t.Error("the message for readers without JavaScript stays")
	}
}

// bboxWord is a word of `pdftotext -bbox`: its page, text, top and height in points.
var bboxWord = regexp.MustCompile(`<page |<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)

// printedWords returns, page by page, the height in points of each word of the PDF file, and
// the height of its page number (printed at 9 pt at the bottom right by print.css).
func printedWords(t *testing.T, file string) (pages []map[string]float64, number []float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		if m[0] == "<page " {
			pages = append(pages, map[string]float64{})
			number = append(number, 0)
			continue
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		y1, _ := strconv.ParseFloat(m[3], 64)
		i := len(pages) - 1
		pages[i][m[4]] = y1 - y0
		if _, err := strconv.Atoi(m[4]); err == nil && y0 > 790 && x > 500 {
			number[i] = y1 - y0
		}
	}
	return pages, number
}

// chartTextPrintsLegibly checks, on the PDF file, that the words of a chart (some of its
// labels) print at 8.5 pt at least: as high as the page number's 9 pt, within 8.5/9.
func chartTextPrintsLegibly(t *testing.T, name, file string, words ...string) {
	t.Helper()
	pages, number := printedWords(t, file)
	for i, p := range pages {
		if _, ok := p[words[0]]; !ok {
			continue
		}
		if number[i] == 0 {
			t.Fatalf("%s: no page number on page %d", name, i+1)
		}
		for _, w := range words {
			h, ok := p[w]
			if !ok {
				t.Errorf("%s: no %q on page %d", name, w, i+1)
			} else if pt := 9 * h / number[i]; pt < 8.5 {
				t.Errorf("%s: the chart's %q prints at %.1f pt, want 8.5 at least", name, w, pt)
			}
		}
		return
	}
	t.Fatalf("%s: no page with %q", name, words[0])
}

// TestValuesChartsPrintLegibly: a chart's text prints at 8.5 pt at least on A4, whether the
// page was drawn on a wide screen or on a phone, on the values page and in the report.
func TestValuesChartsPrintLegibly(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	for _, w := range []int{1280, 360} {
		b := NewBrowser(t, w, 900)
		if w < 600 {
			b.Phone(t, w, 800)
		}
		openValues(t, b, k.URL+valuesFR, []string{"SOC-01"}, seeded)
		file := filepath.Join(t.TempDir(), "values.pdf")
		printReport(t, b, file)
		// "(2023)" is in the chart's key, 40 one of its ticks, neither in the table.
		chartTextPrintsLegibly(t, "values page at "+strconv.Itoa(w)+" px", file, "(2023)", "40")
	}
	b := NewBrowser(t, 1280, 900)
	openSeededReport(t, b, k, "fr")
	file := filepath.Join(t.TempDir(), "report.pdf")
	printReport(t, b, file)
	chartTextPrintsLegibly(t, "report", file, "(2024)", "10")
}
