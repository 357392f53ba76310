package browsertest

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The tests of this file walk the impact report of Mon évaluation / Mijn evaluatie
// (fr/mon-evaluation/rapport/, nl/mijn-evaluatie/rapport/) with a whole dossier seeded in the
// browser's storage: every part shows what the dossier brings, a part the structure has not
// filled in says what to do, the texts are saved, the report prints on A4 with its cover and
// saves as one HTML file with no script.

var reportPages = map[string]string{"fr": "fr/mon-evaluation/rapport/", "nl": "nl/mijn-evaluatie/rapport/"}

// seedDossier is a script that writes a structure's dossier into the storage of the page open
// (answers to four worksheets, two respondents to the practices' self-assessment, two
// indicators chosen, values over two periods for one of them, the report's texts). The
// structure and its figures are made up for the test. The worksheets' signatures come from the
// page's data, as the worksheets' pages save them.
const seedDossier = `(() => {
  const sig = id => window.VISES_EVALUATION.worksheets.find(w => w.id === id).signature;
  const ws = (id, respondents) => localStorage.setItem("vises.worksheet." + id, JSON.stringify({
    format: "vises-worksheet", version: 1, worksheet: id, signature: sig(id), respondents, saved: "2026-11-02T09:00:00Z", exported: null}));
  ws("portrait", [{name: "Awa", answers: {
    "mission-statement": "Remettre au travail des personnes éloignées de l'emploi en réparant des vélos",
    "territory": "Quartier Nord-Exemple",
    "family": "integration",
    "practices-list": ["training", "local-purchasing"],
    "legal-form": "association",
    "map.1.stakeholder": "Travailleurs en parcours", "map.1.relationship": "interne", "map.1.changes": "Un premier contrat",
    "map.2.stakeholder": "Club cycliste du quartier", "map.2.relationship": "territoire"}}]);
  ws("question-evaluative", [{name: "", answers: {
    "question": "Le parcours à l'atelier rapproche-t-il les travailleurs d'un emploi durable ?",
    "main-purpose": "improve"}}]);
  ws("chaine-de-valeur", [{name: "", answers: {
    "activity": "L'atelier de réparation",
    "canvas.1.resources": "Deux encadrants", "canvas.1.activities": "Réparation accompagnée", "canvas.1.outcomes": "Confiance retrouvée"}}]);
  ws("plan-de-collecte", [{name: "", answers: {
    "plan-table.1.indicator": "ECO-01", "plan-table.1.method": "Registre du personnel", "plan-table.1.owner": "Direction"}}]);
  ws("pratiques-ess", [
    {name: "Awa", answers: {"eco-local": "4", "eco-surplus": "3", "soc-training": "2", "gov-democratic": "1", "env-waste": "na", "env-reuse": "3"}},
    {name: "Bram", answers: {"eco-local": "2", "soc-training": "4", "gov-democratic": "3", "env-reuse": "1"}}]);
  localStorage.setItem("vises.basket", JSON.stringify({v: 1, ids: ["ECO-01", "SOC-01"]}));
  localStorage.setItem("vises.values", JSON.stringify({format: "vises-values", version: 1, saved: "2026-11-03T09:00:00Z", indicators: {
    "ECO-01": {definition: {name: "Emplois créés ou maintenus sur le territoire", text: "Nombre d'emplois", unit: "ETP", lang: "fr"}, unit: "ETP",
      baseline: {period: "2024", value: 11}, target: {period: "2026", value: 15},
      periods: [{period: "2025-S1", value: 12.5, source: "Registre", by: "Direction", note: ""},
                {period: "2025-S2", value: 13.75, source: "Registre", by: "Direction", note: "deux départs"}]}}}));
  localStorage.setItem("vises.report", JSON.stringify({format: "vises-report", version: 1, saved: "2026-11-04T09:00:00Z", fields: {
    "structure": "Atelier Vélo-Exemple", "summary": "RÉSUMÉ-TÉMOIN", "changed": "CHANGÉ-TÉMOIN", "for-whom": "POUR-QUI-TÉMOIN",
    "not-said": "NON-DIT-TÉMOIN", "limits": "LIMITES-TÉMOIN", "next-steps": "SUITE-TÉMOIN"}}));
  return true;
})()`

// openSeededReport opens the report page of lang with the dossier seeded.
func openSeededReport(t *testing.T, b *Browser, k *Kit, lang string) {
	t.Helper()
	b.Open(t, k.URL+"/"+reportPages[lang])
	Eval[bool](t, b, `localStorage.clear(), true`)
	Eval[bool](t, b, seedDossier)
	b.Open(t, k.URL+"/"+reportPages[lang])
	Wait(t, b, `document.body.classList.contains("report-ready")`)
}

func partText(t *testing.T, b *Browser, id string) string {
	t.Helper()
	return Eval[string](t, b, `(document.getElementById(`+jsString(id)+`) || {innerText: ""}).innerText`)
}

func TestReportAssemblesTheDossier(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	errs := ConsoleErrors(t, b)
	for _, lang := range []string{"fr", "nl"} {
		openSeededReport(t, b, k, lang)
		// The portrait's answers: a text, a choice by its label, a list of choices, a table.
		ctx := partText(t, b, "context")
		for _, want := range []string{"Remettre au travail", "Quartier Nord-Exemple"} {
			if !strings.Contains(ctx, want) {
				t.Errorf("%s: the context part lacks %q:\n%s", lang, want, ctx)
			}
		}
		if got := Eval[int](t, b, `document.querySelectorAll("#context .report-item-choice, #context .report-list li").length`); got < 3 {
			t.Errorf("%s: the portrait's choices are not shown as their labels (%d)", lang, got)
		}
		if strings.Contains(ctx, "integration") || strings.Contains(ctx, "local-purchasing") {
			t.Errorf("%s: the portrait shows option IDs instead of their labels:\n%s", lang, ctx)
		}
		if !strings.Contains(partText(t, b, "stakeholders"), "Club cycliste du quartier") ||
			Eval[int](t, b, `document.querySelectorAll("#stakeholders table tbody tr").length`) != 2 {
			t.Errorf("%s: the stakeholders' map is not a table of its two rows:\n%s", lang, partText(t, b, "stakeholders"))
		}
		q := partText(t, b, "question")
		for _, want := range []string{"emploi durable", "L'atelier de réparation", "Confiance retrouvée"} {
			if !strings.Contains(q, want) {
				t.Errorf("%s: the question part lacks %q", lang, want)
			}
		}
		// Each worksheet is named once above its answers, however many of its sections show.
		if n := Eval[int](t, b, `document.querySelectorAll("#question .report-from").length`); n != 2 {
			t.Errorf("%s: the question part names its worksheets %d times, want 2", lang, n)
		}
		if !strings.Contains(partText(t, b, "method"), "Registre du personnel") {
			t.Errorf("%s: the method part lacks the collection plan", lang)
		}
		// The indicators: values over two periods with baseline and target, in the page's
		// number format; the indicator without values says where to enter them.
		f := partText(t, b, "findings")
		wantNum := map[string]string{"fr": "13,75", "nl": "13,75"}[lang]
		for _, want := range []string{"ECO-01", "2025-S1", "2025-S2", wantNum, "deux départs", "SOC-01"} {
			if !strings.Contains(f, want) {
				t.Errorf("%s: the findings lack %q:\n%s", lang, want, f)
			}
		}
		if n := Eval[int](t, b, `document.querySelectorAll('[data-indicator="ECO-01"] .report-values tbody tr').length`); n != 4 {
			t.Errorf("%s: ECO-01's table has %d rows, want baseline, two periods and target", lang, n)
		}
		if !Eval[bool](t, b, `!!document.querySelector('[data-indicator="SOC-01"] .report-todo a[href*="/`+map[string]string{"fr": "valeurs", "nl": "waarden"}[lang]+`/"]')`) {
			t.Errorf("%s: SOC-01, without values, does not link to the values page", lang)
		}
		if Eval[bool](t, b, `!!(window.vises.values && window.vises.values.chart)`) &&
			!Eval[bool](t, b, `!!document.querySelector('[data-indicator="ECO-01"] .report-chart svg')`) {
			t.Errorf("%s: values.js draws charts but ECO-01 has none", lang)
		}
		// The practices' radar, both respondents, and its table of scores: Awa's economy is
		// (4+3)/8 = 88 %, Bram's 2/4 = 50 %.
		if n := Eval[int](t, b, `document.querySelectorAll("#findings .report-radar svg .ws-radar-shape").length`); n != 2 {
			t.Errorf("%s: the radar has %d shapes, want 2", lang, n)
		}
		scores := Eval[string](t, b, `document.querySelector("#findings .report-scores").innerText`)
		if !strings.Contains(scores, "88 %") || !strings.Contains(scores, "50 %") || !strings.Contains(scores, "Bram") {
			t.Errorf("%s: the radar's scores:\n%s", lang, scores)
		}
		// Parts without answers point to what to do.
		for _, p := range []struct{ part, link string }{
			{"method", "pret-a-evaluer"}, {"decisions", "valorisation"},
		} {
			if !Eval[bool](t, b, `!!document.querySelector("#`+p.part+` .report-todo a[href*='`+map[string]map[string]string{
				"fr": {"pret-a-evaluer": "pret-a-evaluer", "valorisation": "valorisation"},
				"nl": {"pret-a-evaluer": "klaar-om-te-evalueren", "valorisation": "valorisatie"}}[lang][p.link]+`']")`) {
				t.Errorf("%s: the part %s does not point to the worksheet %s: %s", lang, p.part, p.link, partText(t, b, p.part))
			}
		}
		// The texts, back from the storage, and the cover with the structure's name.
		for part, want := range map[string]string{"summary": "RÉSUMÉ-TÉMOIN", "findings": "POUR-QUI-TÉMOIN", "limits": "LIMITES-TÉMOIN", "decisions": "SUITE-TÉMOIN"} {
			if got := Eval[string](t, b, `[...document.querySelectorAll("#`+part+` textarea")].map(t => t.value).join("|")`); !strings.Contains(got, want) {
				t.Errorf("%s: the part %s's texts are %q, want %q", lang, part, got, want)
			}
		}
		if got := Eval[string](t, b, `document.querySelector('[data-cover="structure"]').textContent`); got != "Atelier Vélo-Exemple" {
			t.Errorf("%s: the cover's name is %q", lang, got)
		}
		for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
			t.Errorf("%s at 1280 px: %s (%s): %s", lang, v.ID, v.Help, strings.Join(v.Nodes, ", "))
		}
		if e := errs(); len(e) > 0 {
			t.Errorf("%s: console errors: %v", lang, e)
		}
	}
}

func TestReportSavesTheTextsAndSaysWhenItCannot(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.Open(t, k.URL+"/"+reportPages["fr"])
	Eval[bool](t, b, `localStorage.clear(), true`)
	b.Open(t, k.URL+"/"+reportPages["fr"])
	// An empty dossier: every part that takes from it says what to do, with a link.
	if n := Eval[int](t, b, `document.querySelectorAll(".report-show").length - document.querySelectorAll(".report-show .report-todo a[href]").length`); n != 0 {
		t.Errorf("%d parts of an empty dossier show no pointer", n)
	}
	Eval[bool](t, b, `(() => { const ta = document.getElementById("report-f-limits"); ta.value = "Peu de réponses"; ta.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	if got := Eval[string](t, b, `JSON.parse(localStorage.getItem("vises.report")).fields.limits`); got != "Peu de réponses" {
		t.Errorf("saved %q", got)
	}
	if got := Eval[string](t, b, `window.vises.report.check(JSON.parse(localStorage.getItem("vises.report")))`); got != "" {
		t.Errorf("the saved record fails its own check: %s", got)
	}
	if Eval[string](t, b, `window.vises.report.check({format: "vises-report", version: 2, fields: {}})`) == "" ||
		Eval[string](t, b, `window.vises.report.check({format: "vises-report", version: 1, fields: {a: 3}})`) == "" {
		t.Error("check accepts a later version or a text that is not a string")
	}
	// A language switch keeps the texts: the same record, read by the Dutch page.
	b.Open(t, k.URL+"/"+reportPages["nl"])
	if got := Eval[string](t, b, `document.getElementById("report-f-limits").value`); got != "Peu de réponses" {
		t.Errorf("the Dutch page shows %q", got)
	}
	// A full storage is reported, never shown as saved.
	Eval[bool](t, b, `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); }, true`)
	Eval[bool](t, b, `(() => { const ta = document.getElementById("report-f-limits"); ta.value += "!"; ta.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	want := Eval[string](t, b, `window.VISES_EVALUATION.ui["report.quota"]`)
	if got := Eval[string](t, b, `document.querySelector(".report-message").textContent`); got != want || want == "" {
		t.Errorf("a refused write says %q", got)
	}
	// An unreadable record is kept aside, not overwritten.
	b2 := NewBrowser(t, 1280, 900)
	b2.Open(t, k.URL+"/"+reportPages["fr"])
	Eval[bool](t, b2, `localStorage.setItem("vises.report", "{broken"), true`)
	b2.Open(t, k.URL+"/"+reportPages["fr"])
	if n := Eval[int](t, b2, `Object.keys(localStorage).filter(k => k.startsWith("vises.report.unreadable.") && localStorage.getItem(k) === "{broken").length`); n != 1 {
		t.Errorf("the unreadable record was not kept aside (%d copies)", n)
	}
}

// externalURL finds an address the saved file would load (src, a stylesheet, url(…)); links
// (a href) are allowed.
var externalURL = regexp.MustCompile(`(?i)(<script|\ssrc=|<link|url\(|@import)`)

func TestReportSavesAsOneSelfContainedFile(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	b.AllowDownloads(t)
	for _, lang := range []string{"fr", "nl"} {
		openSeededReport(t, b, k, lang)
		b.Do(t, chromedp.Click(chromedp.CSS(".report-save")))
		file := b.WaitDownload(t, "*.html")
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(file)
		if dir := os.Getenv("VISES_REPORT_PDF"); dir != "" { // to look at it
			os.WriteFile(filepath.Join(dir, "report-"+lang+".html"), raw, 0o644)
		}
		html := string(raw)
		if m := externalURL.FindString(html); m != "" {
			t.Errorf("%s: the saved file loads something (%s)", lang, m)
		}
		if !strings.Contains(html, `<html lang="`+lang+`">`) || !strings.Contains(html, "<title>") || !strings.Contains(html, "<style>") {
			t.Errorf("%s: the saved file lacks its lang, title or style", lang)
		}
		for _, want := range []string{"Atelier Vélo-Exemple", "Remettre au travail", "Club cycliste du quartier", "2025-S2", "RÉSUMÉ-TÉMOIN", "NON-DIT-TÉMOIN", "<svg", "<polygon"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the saved file lacks %q", lang, want)
			}
		}
		for _, never := range []string{"<textarea", "report-todo", "<button"} {
			if strings.Contains(html, never) {
				t.Errorf("%s: the saved file holds %s", lang, never)
			}
		}
		// The file opens on its own, from disk, and shows the same report.
		b.Open(t, "file://"+filepath.ToSlash(saveCopy(t, raw)))
		text := Eval[string](t, b, `document.body.innerText`)
		for _, want := range []string{"Atelier Vélo-Exemple", "Club cycliste du quartier", "13,75", "LIMITES-TÉMOIN"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the opened file lacks %q", lang, want)
			}
		}
		if n := Eval[int](t, b, `document.scripts.length`); n != 0 {
			t.Errorf("%s: the opened file has %d scripts", lang, n)
		}
	}
}

func saveCopy(t *testing.T, raw []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// printReport prints the report open in b as Chromium's print dialog does, without the
// browser's header and footer, and returns each page's text and size.
func printReport(t *testing.T, b *Browser, keep string) (pages []string, sizes []string) {
	t.Helper()
	Eval[bool](t, b, `document.fonts.ready.then(() => true)`)
	data, err := chromedp.Run(b.Ctx(), func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true)})
		return res.Data, err
	})
	if err != nil {
		t.Fatalf("print: %v", err)
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if keep != "" {
		file = keep
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, m := range pageSize.FindAllStringSubmatch(string(info), -1) {
		sizes = append(sizes, m[2]+"x"+m[3])
		out, err := exec.Command("pdftotext", "-layout", "-f", m[1], "-l", m[1], file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		pages = append(pages, spaces.Replace(string(out)))
	}
	return pages, sizes
}

func TestReportPrintsOnA4WithItsCover(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, lang := range []string{"fr", "nl"} {
		openSeededReport(t, b, k, lang)
		keep := ""
		if dir := os.Getenv("VISES_REPORT_PDF"); dir != "" { // to look at the pages
			keep = filepath.Join(dir, "report-"+lang+".pdf")
		}
		pages, sizes := printReport(t, b, keep)
		if len(pages) < 3 {
			t.Fatalf("%s: %d pages", lang, len(pages))
		}
		for i, s := range sizes {
			var w, h float64
			fmt.Sscanf(s, "%gx%g", &w, &h)
			if math.Abs(w-595.3) > 2 || math.Abs(h-841.9) > 2 {
				t.Errorf("%s: page %d is %s pt, not A4", lang, i+1, s)
			}
		}
		cover := strings.Join(strings.Fields(pages[0]), " ")
		title := map[string]string{"fr": "Rapport d'impact social", "nl": "Rapport maatschappelijke impact"}[lang]
		for _, want := range []string{"Atelier Vélo-Exemple", title, "kit.example"} {
			if !strings.Contains(strings.ReplaceAll(cover, "’", "'"), want) {
				t.Errorf("%s: the cover lacks %q:\n%s", lang, want, cover)
			}
		}
		if strings.Contains(cover, "RÉSUMÉ-TÉMOIN") {
			t.Errorf("%s: the report starts on the cover", lang)
		}
		all := strings.Join(pages, "\f")
		for _, want := range []string{"RÉSUMÉ-TÉMOIN", "Remettre au travail", "cycliste", "2025-S2", "SUITE-TÉMOIN"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: the printed report lacks %q", lang, want)
			}
		}
		// No site around it, and no pointer to the worksheets.
		if strings.Contains(all, "EUPL") {
			t.Errorf("%s: the site's footer is printed", lang)
		}
		if regexp.MustCompile(`\n\s*1\s*$`).MatchString(pages[0]) {
			t.Errorf("%s: the cover has a page number", lang)
		}
		if todo := Eval[string](t, b, `(document.querySelector(".report-todo") || {innerText: ""}).innerText`); todo != "" && strings.Contains(strings.Join(strings.Fields(all), " "), strings.Join(strings.Fields(todo), " ")) {
			t.Errorf("%s: a pointer to a worksheet is printed: %q", lang, todo)
		}
	}
}

func TestReportOnAPhoneAndWithAxe(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 500, 740)
	b.Phone(t, 360, 740)
	for _, lang := range []string{"fr", "nl"} {
		openSeededReport(t, b, k, lang)
		drawAll(t, b)
		if width := Eval[int](t, b, `document.documentElement.scrollWidth`); width > 360 {
			t.Errorf("%s: the report is %d px wide at 360 px: %s", lang, width, strings.Join(culprits(t, b), ", "))
		}
		for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
			t.Errorf("%s at 360 px: %s (%s): %s", lang, v.ID, v.Help, strings.Join(v.Nodes, ", "))
		}
	}
	// The empty report too: its pointers.
	Eval[bool](t, b, `localStorage.clear(), true`)
	b.Open(t, k.URL+"/"+reportPages["fr"])
	for _, v := range Axe(t, b, "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") {
		t.Errorf("empty report: %s (%s): %s", v.ID, v.Help, strings.Join(v.Nodes, ", "))
	}
}

// TestReportPrintsBlankWithoutJavaScript prints the report page with scripts off: the outline
// is on paper all the same, a cover with a line for the name, then each part's title, advice
// and boxes to write in.
func TestReportPrintsBlankWithoutJavaScript(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	if _, err := chromedp.Call(b.Ctx(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "nl"} {
		b.Open(t, k.URL+"/"+reportPages[lang])
		keep := ""
		if dir := os.Getenv("VISES_REPORT_PDF"); dir != "" {
			keep = filepath.Join(dir, "blank-"+lang+".pdf")
		}
		pages, _ := printReport(t, b, keep)
		cover := strings.Join(strings.Fields(pages[0]), " ")
		want := map[string][]string{
			"fr": {"Rapport d'impact social", "Structure :", "Résumé", "Contexte", "Limites", "Ce que nous décidons"},
			"nl": {"Rapport maatschappelijke impact", "Organisatie:", "Samenvatting", "Context", "Beperkingen", "Wat we beslissen"},
		}[lang]
		if !strings.Contains(strings.ReplaceAll(cover, "’", "'"), want[0]) || !strings.Contains(cover, want[1]) {
			t.Errorf("%s: the blank cover:\n%s", lang, cover)
		}
		all := strings.Join(pages[1:], "\n")
		for _, w := range want[2:] {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the blank report lacks the part %q", lang, w)
			}
		}
	}
}

// TestReportFromDisk opens the offline edition's report from disk (file://): the dossier is
// read, and its links lead to the kit's pages on disk.
func TestReportFromDisk(t *testing.T) {
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	url := k.FileURL("fr/mon-evaluation/rapport/index.html")
	b.Open(t, url)
	Eval[bool](t, b, `localStorage.clear(), true`)
	Eval[bool](t, b, seedDossier)
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("report-ready")`)
	if !strings.Contains(partText(t, b, "context"), "Remettre au travail") {
		t.Errorf("the portrait is not shown from disk: %s", partText(t, b, "context"))
	}
	links := Eval[[]string](t, b, `[...document.querySelectorAll("#report .report-show a[href]")].map(a => a.href)`)
	if len(links) == 0 {
		t.Fatal("no link to the kit's pages")
	}
	for _, l := range links {
		p := strings.TrimPrefix(strings.SplitN(l, "#", 2)[0], "file://")
		if !strings.HasPrefix(l, "file://") || !strings.HasSuffix(p, ".html") {
			t.Errorf("link %s does not lead to a page on disk", l)
			continue
		}
		if _, err := os.Stat(filepath.FromSlash(p)); err != nil {
			t.Errorf("link %s: %v", l, err)
		}
	}
}
