package browsertest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// evaluationWalk is what a structure does in one language, through the pages as a reader
// uses them: the addresses, and the texts it types.
type evaluationWalk struct {
	lang, journey, values, report, catalogue string
	sheets                                   map[string]string // worksheet ID -> its address
	mission, question, outcome, plan         string
	structure, changed, limits               string
	imported                                 string // how the journey page starts its message after an import
}

var evaluationWalks = []evaluationWalk{
	{lang: "fr", journey: "/fr/mon-evaluation/", values: "/fr/mon-evaluation/valeurs/", report: "/fr/mon-evaluation/rapport/",
		catalogue: "/fr/indicateurs/", sheets: map[string]string{"portrait": "/fr/fiches/portrait/",
			"question-evaluative": "/fr/fiches/question-evaluative/", "chaine-de-valeur": "/fr/fiches/chaine-de-valeur/",
			"pratiques-ess": "/fr/fiches/pratiques-ess/", "plan-de-collecte": "/fr/fiches/plan-de-collecte/"},
		mission: "Ramener vers l’emploi des personnes qui en sont éloignées", question: "Nos parcours rendent-ils les personnes plus autonomes ?",
		outcome: "Des personnes qui retrouvent un emploi durable", plan: "Taux de sorties vers l’emploi",
		structure: "Atelier Exemple (structure fictive)", changed: "Plus de sorties vers un emploi durable que l’an dernier.",
		limits: "Peu de réponses au questionnaire de suivi.", imported: "Dossier importé"},
	{lang: "nl", journey: "/nl/mijn-evaluatie/", values: "/nl/mijn-evaluatie/waarden/", report: "/nl/mijn-evaluatie/rapport/",
		catalogue: "/nl/indicatoren/", sheets: map[string]string{"portrait": "/nl/werkbladen/portret/",
			"question-evaluative": "/nl/werkbladen/evaluatievraag/", "chaine-de-valeur": "/nl/werkbladen/impactwaardeketen/",
			"pratiques-ess": "/nl/werkbladen/praktijken-sociale-economie/", "plan-de-collecte": "/nl/werkbladen/verzamelplan/"},
		mission: "Mensen met een grote afstand tot de arbeidsmarkt aan het werk helpen", question: "Maken onze trajecten mensen zelfstandiger?",
		outcome: "Mensen die duurzaam werk vinden", plan: "Aandeel uitstroom naar werk",
		structure: "Voorbeeldatelier (fictieve organisatie)", changed: "Meer uitstroom naar duurzaam werk dan vorig jaar.",
		limits: "Weinig antwoorden op de opvolgingsvragenlijst.", imported: "Dossier geïmporteerd"},
}

// TestEvaluationWholeJourney walks a structure through its whole evaluation in each language,
// as a reader does it, in a browser that starts empty: worksheets filled in on their pages
// (portrait, question, value chain, practices self-assessment, collection plan), two
// indicators chosen on their pages, their values entered over two periods, the report's texts
// written, the report printed; then the dossier exported from the journey page and imported
// into another, empty browser, where the report reads and prints the same.
func TestEvaluationWholeJourney(t *testing.T) {
	k := BuildKit(t)
	for _, w := range evaluationWalks {
		t.Run(w.lang, func(t *testing.T) {
			a := NewBrowser(t, 1280, 1000)
			a.AllowDownloads(t)

			// The worksheets, on their pages.
			fillWorksheet(t, a, k.URL+w.sheets["portrait"], func() {
				typeIn(t, a, `[name="mission-statement"]`, w.mission)
				a.Do(t, chromedp.Click(chromedp.ID("ws-family-integration")))
			})
			fillWorksheet(t, a, k.URL+w.sheets["question-evaluative"], func() {
				typeIn(t, a, `[name="question"]`, w.question)
			})
			fillWorksheet(t, a, k.URL+w.sheets["chaine-de-valeur"], func() {
				typeIn(t, a, `[name="canvas.1.outcomes"]`, w.outcome)
			})
			fillWorksheet(t, a, k.URL+w.sheets["pratiques-ess"], func() {
				// Every question of the self-assessment answered, from the top of the scale
				// down, so that the radar has a shape.
				n := Eval[int](t, a, `(() => { let i = 0; document.querySelectorAll("fieldset.ws-choices").forEach(f => {
					const r = f.querySelectorAll("input[type=radio]:not([value=na])");
					if (r.length) { r[(i++) % r.length].click(); } }); return i; })()`)
				if n < 3 {
					t.Fatalf("the self-assessment has %d questions with a scale", n)
				}
			})
			fillWorksheet(t, a, k.URL+w.sheets["plan-de-collecte"], func() {
				typeIn(t, a, `[name="plan-table.1.indicator"]`, w.plan)
			})

			// Two indicators chosen on their pages.
			for _, id := range []string{"eco-01", "soc-01"} {
				a.Open(t, k.URL+w.catalogue+id+"/")
				Wait(t, a, `!!document.querySelector(".basket-button")`)
				a.Do(t, chromedp.Click(chromedp.CSS(".basket-button")))
				Wait(t, a, `document.querySelector(".basket-button").getAttribute("aria-pressed") === "true"`)
			}

			// Values over two periods for the first.
			a.Open(t, k.URL+w.values)
			Wait(t, a, `!!document.querySelector("#values-ECO-01")`)
			card := "#values-ECO-01 "
			typeIn(t, a, card+`[data-field="baseline.period"]`, "2024")
			typeIn(t, a, card+`[data-field="baseline.value"]`, "40")
			typeIn(t, a, card+`[data-field="target.period"]`, "2026")
			typeIn(t, a, card+`[data-field="target.value"]`, "60")
			for i, v := range [][2]string{{"2025", "45"}, {"2026", "52,5"}} {
				a.Do(t, chromedp.Click(chromedp.CSS(card+".values-add")))
				row := card + `tbody tr:nth-child(` + string(rune('1'+i)) + `) `
				Wait(t, a, `!!document.querySelector(`+jsString(row+`[data-field="period"]`)+`)`)
				typeIn(t, a, row+`[data-field="period"]`, v[0])
				typeIn(t, a, row+`[data-field="value"]`, v[1])
			}
			if n := Eval[int](t, a, `document.querySelectorAll("#values-ECO-01 .values-chart-bar").length`); n != 2 {
				t.Errorf("the values page draws %d bars for two periods", n)
			}

			// The report's texts, then the report as it reads and prints.
			a.Open(t, k.URL+w.report)
			Wait(t, a, `document.body.classList.contains("report-ready")`)
			typeIn(t, a, "#report-f-structure", w.structure)
			typeIn(t, a, "#report-f-changed", w.changed)
			typeIn(t, a, "#report-f-limits", w.limits)
			a.Open(t, k.URL+w.report)
			Wait(t, a, `document.body.classList.contains("report-ready")`)
			before := reportText(t, a)
			for _, want := range []string{w.mission, w.question, w.outcome, w.plan, "52,5"} {
				if !strings.Contains(before, want) {
					t.Errorf("the report does not show %q", want)
				}
			}
			if n := Eval[int](t, a, `document.querySelectorAll("#findings .report-radar svg .ws-radar-shape").length`); n != 1 {
				t.Errorf("the report draws %d radar shapes for one respondent", n)
			}
			if !Eval[bool](t, a, `!!document.querySelector('[data-indicator="ECO-01"] .report-chart svg')`) {
				t.Error("the report has no chart for the indicator with values")
			}
			// VISES_KEEP_PDF=DIR keeps the printed reports, to look at them.
			keep := ""
			if dir := os.Getenv("VISES_KEEP_PDF"); dir != "" {
				keep = filepath.Join(dir, "report-"+w.lang+".pdf")
			}
			pages, _ := printReport(t, a, keep)
			printed := strings.Join(pages, "\n")
			if !strings.Contains(pages[0], w.structure) {
				t.Errorf("the printed cover does not name the structure:\n%s", pages[0])
			}
			for _, want := range []string{w.mission, w.changed, w.limits, "52,5"} {
				if !strings.Contains(strings.Join(strings.Fields(printed), " "), want) {
					t.Errorf("the printed report does not hold %q", want)
				}
			}

			// The journey page sees the work, and exports it as one file.
			openJourney(t, a, k.URL+w.journey)
			for _, m := range []string{"1a", "1b", "2a", "2b"} {
				if got := journeyText(t, a, "#moment-"+m+" .journey-badge"); got == "" || got == journeyText(t, a, "#moment-3a .journey-badge") {
					t.Errorf("moment %s is %q, like the untouched 3a", m, got)
				}
			}
			want := stored(t, a)
			a.Do(t, chromedp.Click(chromedp.CSS(".journey-export")))
			file := a.WaitDownload(t, "vises-dossier-*.json")

			// Another computer: an empty browser imports the dossier and gets the same report.
			b := NewBrowser(t, 1280, 1000)
			openJourney(t, b, k.URL+w.journey)
			b.Do(t, chromedp.SetUploadFiles(chromedp.ID("journey-import"), []string{file}))
			Wait(t, b, `document.querySelector(".journey-message").textContent !== ""`)
			if msg := journeyText(t, b, ".journey-message"); !strings.HasPrefix(msg, w.imported) {
				t.Fatalf("the import says %q", msg)
			}
			got := stored(t, b)
			for key := range want {
				// The worksheets' records now carry the date of the dossier's export.
				if g, w := got[key], want[key]; !sameRecord(g, w) {
					t.Errorf("%s after import:\n got %v\nwant %v", key, g, w)
				}
			}
			b.Open(t, k.URL+w.report)
			Wait(t, b, `document.body.classList.contains("report-ready")`)
			if after := reportText(t, b); after != before {
				t.Errorf("the report read after import differs:\n%s\n---- before ----\n%s", after, before)
			}
			again, _ := printReport(t, b, "")
			if !reflect.DeepEqual(again, pages) {
				t.Errorf("the report printed after import differs from the one printed before")
			}
			os.Remove(file)
		})
	}
}

// fillWorksheet opens a worksheet page, lets fill answer it, and waits until the answers are
// saved.
func fillWorksheet(t *testing.T, b *Browser, url string, fill func()) {
	t.Helper()
	b.Open(t, url)
	Wait(t, b, `document.body.classList.contains("ws-ready")`)
	fill()
	Wait(t, b, `(() => { const r = JSON.parse(localStorage.getItem(window.visesWorksheet.key) || "null"); return !!r && Object.keys(r.respondents[0].answers).length > 0; })()`)
}

// reportText returns the text of the assembled report, spaces folded.
func reportText(t *testing.T, b *Browser) string {
	t.Helper()
	return Eval[string](t, b, `[...document.querySelectorAll("#report .report-show, #report textarea")].map(e => e.tagName === "TEXTAREA" ? e.value : e.innerText).join("\n").replace(/[ \t]+/g, " ")`)
}

// sameRecord compares two stored records, leaving out the dates of saving and exporting.
func sameRecord(a, b any) bool {
	strip := func(x any) any {
		m, ok := x.(map[string]any)
		if !ok {
			return x
		}
		c := map[string]any{}
		for k, v := range m {
			if k != "saved" && k != "exported" {
				c[k] = v
			}
		}
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}
