package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The tests of this file print pages as a reader does from the browser (Ctrl+P with the
// browser's headers and footers ticked, which is Chromium's default) and read the PDF with
// poppler's pdftotext and pdfinfo.

// requirePoppler skips the test without pdftotext and pdfinfo (or fails it in CI).
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed: .ci/run installs poppler-utils", tool)
			}
			t.Skipf("%s missing; install poppler-utils", tool)
		}
	}
}

// printed is a page printed to PDF: its file and, per page, its text and whether it is
// landscape.
type printed struct {
	file      string
	texts     []string
	landscape []bool
}

// printOpenPage prints the page open in b as the browser's print dialog does by default:
// the page's own page size and margins, and the browser's header and footer (date, title,
// address, page count), which a page can keep out only by drawing its own.
func printOpenPage(t *testing.T, b *Browser) printed {
	t.Helper()
	Eval[bool](t, b, `document.fonts.ready.then(() => true)`)
	data, err := chromedp.Run(b.Ctx(), func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
			PreferCSSPageSize:   new(true),
			DisplayHeaderFooter: new(true),
		})
		return res.Data, err
	})
	if err != nil {
		t.Fatalf("print: %v", err)
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p := printed{file: file}
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, m := range pageSize.FindAllStringSubmatch(string(info), -1) {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		p.landscape = append(p.landscape, w > h)
		out, err := exec.Command("pdftotext", "-layout", "-f", m[1], "-l", m[1], file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		p.texts = append(p.texts, spaces.Replace(string(out)))
	}
	if len(p.texts) == 0 {
		t.Fatalf("pdfinfo lists no page:\n%s", info)
	}
	return p
}

var (
	pageSize = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts`)
	pageNum  = regexp.MustCompile(`\b\d+\s*/\s*\d+\b`)
	// spaces makes the no-break spaces of French typography plain spaces.
	spaces = strings.NewReplacer("\u202f", " ", "\u00a0", " ")
)

// contentLines counts the lines of text that are not the page's header and footer (furniture
// is each string to take out of the lines, and the page count).
func contentLines(text string, furniture []string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		for _, f := range furniture {
			if f != "" {
				line = strings.ReplaceAll(line, f, "")
			}
		}
		if strings.TrimSpace(pageNum.ReplaceAllString(line, "")) != "" {
			n++
		}
	}
	return n
}

// worksheetPages lists the site paths of the worksheets of the built kit, in both languages.
func worksheetPages(t *testing.T, k *Kit) []string {
	t.Helper()
	var out []string
	files, _ := filepath.Glob(filepath.Join(k.Dir, "*", "*", "*", "index.html"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), `class="page worksheet-page"`) && strings.Contains(string(data), `id="worksheet"`) {
			rel, _ := filepath.Rel(k.Dir, filepath.Dir(f))
			out = append(out, "/"+filepath.ToSlash(rel)+"/")
		}
	}
	if len(out) < 10 {
		t.Fatalf("%d worksheets found in the kit", len(out))
	}
	return out
}

// TestWorksheetPrintsOnItsOwn prints every worksheet from the browser, in both languages:
// no page is left holding only the address or the footer (every page has some of the
// worksheet on it), the browser adds no header or footer of its own (no date, no local
// address) because the page draws its own on every page (kit and title, address, licence),
// and every canvas (a section with a grid to fill in) is on a landscape page, other pages
// portrait.
func TestWorksheetPrintsOnItsOwn(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, path := range worksheetPages(t, k) {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			openWorksheet(t, b, k.URL+path)
			head := spaces.Replace(Eval[string](t, b, `document.documentElement.getAttribute("data-ws-head")`))
			url := Eval[string](t, b, `document.documentElement.getAttribute("data-ws-url")`)
			licence := spaces.Replace(Eval[string](t, b, `document.documentElement.getAttribute("data-ws-licence")`))
			canvases := Eval[[]string](t, b, `Array.from(document.querySelectorAll(".ws-canvas .ws-table th:first-child")).map(th => th.textContent.trim())`)
			if head == "" || url != "https://kit.example"+path || licence == "" {
				t.Fatalf("print lines: head %q, address %q, licence %q", head, url, licence)
			}
			p := printOpenPage(t, b)
			for i, text := range p.texts {
				n := i + 1
				if strings.Contains(text, k.URL) || strings.Contains(text, "127.0.0.1") {
					t.Errorf("page %d carries the browser's footer (the local address):\n%s", n, text)
				}
				for _, want := range []string{head, url, licence} {
					if !strings.Contains(text, want) {
						t.Errorf("page %d lacks %q in its header or footer", n, want)
					}
				}
				if !regexp.MustCompile(fmt.Sprintf(`\b%d\s*/\s*%d\b`, n, len(p.texts))).MatchString(text) {
					t.Errorf("page %d lacks its number \"%d / %d\"", n, n, len(p.texts))
				}
				if c := contentLines(text, []string{head, url, licence}); c < 2 {
					t.Errorf("page %d of %d holds %d line(s) of the worksheet:\n%s", n, len(p.texts), c, text)
				}
			}
			// Each canvas's grid is on a landscape page; a page without a grid is portrait.
			for i, text := range p.texts {
				grid := false
				for _, c := range canvases {
					grid = grid || strings.Contains(text, c)
				}
				if grid && !p.landscape[i] {
					t.Errorf("page %d holds a canvas (%q) but is portrait", i+1, canvases)
				}
				if !grid && p.landscape[i] {
					t.Errorf("page %d is landscape without a canvas:\n%s", i+1, text)
				}
			}
			if len(canvases) > 0 && !contains(p.landscape, true) {
				t.Errorf("canvases %q but no landscape page", canvases)
			}
		})
	}
}

func contains(bs []bool, v bool) bool {
	for _, b := range bs {
		if b == v {
			return true
		}
	}
	return false
}

// TestWorksheetPrintNamesRespondent: the name of the respondent whose answers are shown is
// printed at the top of every page and on the form's "filled in by" line; without a name,
// answers print under "Respondent B"; a blank worksheet prints with the line to fill in.
func TestWorksheetPrintNamesRespondent(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	openWorksheet(t, b, k.URL+"/fr/fiches/chaine-de-valeur/")
	blank := printOpenPage(t, b)
	for i, text := range blank.texts {
		if strings.Contains(text, "Rempli par : R") || strings.Contains(text, "Répondant") {
			t.Errorf("blank worksheet, page %d names a respondent:\n%s", i+1, text)
		}
	}
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-name"), "Aminata Diallo"))
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-activity"), "Atelier vélo"))
	p := printOpenPage(t, b)
	for i, text := range p.texts {
		if !strings.Contains(text, "Rempli par : Aminata Diallo") {
			t.Errorf("page %d does not say whose answers it holds:\n%s", i+1, text)
		}
	}
	if n := strings.Count(p.texts[0]+p.texts[1]+p.texts[2], "Aminata Diallo"); n < 3 {
		t.Errorf("the name is printed %d times on the first three pages, want the header and the form's line", n)
	}
	if all := strings.Join(p.texts, ""); !strings.Contains(all, "Atelier vélo") {
		t.Error("the answer is not printed")
	}

	// Respondent B, with an answer and no name.
	b.Do(t, chromedp.Click(chromedp.CSS(`.ws-respondent[data-respondent="1"]`)))
	b.Do(t, chromedp.SendKeys(chromedp.ID("ws-activity"), "Repair café"))
	p = printOpenPage(t, b)
	if !strings.Contains(p.texts[0], "Rempli par : Répondant B") || strings.Contains(strings.Join(p.texts, ""), "Aminata") {
		t.Errorf("respondent B without a name, page 1:\n%s", p.texts[0])
	}
}

// TestCardsPrintWithFormulaAndEffort prints the indicator cards in both languages: four A6
// cards per A4 sheet, each with its why, calculation and unit in its lower half, its effort
// as a scale of 1 to 3 (drawn, and said in words to screen readers), nothing cut off, and
// codes such as POL-02 never broken at their hyphen.
func TestCardsPrintWithFormulaAndEffort(t *testing.T) {
	requirePoppler(t)
	k := BuildKit(t)
	b := NewBrowser(t, 1280, 900)
	for _, c := range []struct{ path, calc, unit, scale string }{
		{"/fr/indicateurs/cartes/", "Calcul", "Unité", "sur 3"},
		{"/nl/indicatoren/kaarten/", "Berekening", "Eenheid", "op 3"},
	} {
		t.Run(c.path, func(t *testing.T) {
			b.Open(t, k.URL+c.path)
			n := Eval[int](t, b, `document.querySelectorAll(".card-a6").length`)
			formulas := Eval[int](t, b, `document.querySelectorAll(".card-a6 .card-formula").length`)
			units := Eval[int](t, b, `document.querySelectorAll(".card-a6 .card-unit").length`)
			if n < 40 || formulas != n || units != n {
				t.Fatalf("%d cards, %d with a calculation, %d with a unit", n, formulas, units)
			}
			// The effort scale: three squares, as many filled as the effort, and its words.
			bad := Eval[[]string](t, b, `Array.from(document.querySelectorAll(".card-a6")).filter(card => {
				const s = card.querySelector(".effort-scale"), e = s && +s.dataset.effort;
				const said = card.querySelector(".card-meta .visually-hidden");
				const filled = s ? Array.from(s.children).filter(x => getComputedStyle(x).backgroundColor !== "rgba(0, 0, 0, 0)").length : -1;
				return !s || s.children.length !== 3 || !(e >= 1 && e <= 3) || filled !== e || !said || !said.textContent.includes(e + " `+c.scale+`");
			}).map(card => card.dataset.id)`)
			if len(bad) > 0 {
				t.Errorf("cards without a right effort scale: %v", bad)
			}
			// As printed, no card's text runs past its edge.
			if _, err := chromedp.Run(b.Ctx(), func(ctx context.Context, _ *chromedp.Target) (struct{}, error) {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
				return struct{}{}, err
			}); err != nil {
				t.Fatal(err)
			}
			cut := Eval[[]string](t, b, `Array.from(document.querySelectorAll(".card-a6")).filter(c => c.scrollHeight > c.clientHeight + 1 || c.querySelector(".card-bottom").getBoundingClientRect().bottom > c.getBoundingClientRect().bottom).map(c => c.dataset.id)`)
			if len(cut) > 0 {
				t.Errorf("cards cut off in print: %v", cut)
			}
			p := printOpenPage(t, b)
			if want := (n + 3) / 4; len(p.texts) != want {
				t.Errorf("%d sheets for %d cards, want %d", len(p.texts), n, want)
			}
			all := strings.Join(p.texts, "\n")
			if got := strings.Count(all, c.calc); got < n {
				t.Errorf("%q printed %d times for %d cards", c.calc, got, n)
			}
			if got := strings.Count(all, c.unit); got < n {
				t.Errorf("%q printed %d times for %d cards", c.unit, got, n)
			}
			if !strings.Contains(all, "POL-02") || regexp.MustCompile(`[A-Z]{3}-\s*\n`).MatchString(all) {
				t.Error("an indicator code is broken at its hyphen")
			}
		})
	}
}
