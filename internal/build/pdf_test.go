package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"vises/internal/config"
	"vises/internal/pdf"
)

// requireTools skips the PDF tests (or fails them in CI) without Chromium and pdftotext.
func requireTools(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("pdftotext")
	if pdf.Find() == "" || err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium and poppler-utils are needed: .ci/run installs them")
		}
		t.Skip("Chromium or pdftotext missing; install chromium and poppler-utils")
	}
}

var (
	pdfOnce sync.Once
	pdfOut  string
	pdfErr  string
)

// kitWithPDFs builds the kit with --pdf once for all the tests of this file.
func kitWithPDFs(t *testing.T) string {
	t.Helper()
	requireTools(t)
	pdfOnce.Do(func() {
		dir, _ := os.MkdirTemp("", "vises-pdf-")
		pdfOut = filepath.Join(dir, "public")
		res := Run(Options{FS: os.DirFS("../.."), Publish: true, PDF: true,
			Overrides: config.Overrides{OutDir: pdfOut, BaseURL: "https://kit.example/"},
			Progress: func(n, total int, name string) {
				pdfProgress = append(pdfProgress, fmt.Sprintf("%d/%d %s", n, total, name))
			}})
		if res.Diags.HasErrors() || res.Diags.Count(1) > 0 {
			pdfErr = res.Diags.String()
		}
		pdfsPrinted = res.PDFs
	})
	if pdfErr != "" {
		t.Fatal(pdfErr)
	}
	return pdfOut
}

// pdfProgress is what the build of kitWithPDFs said as it printed, and pdfsPrinted how many
// PDFs it counted.
var (
	pdfProgress []string
	pdfsPrinted int
)

// TestPDFProgressNamesEveryPack: the build says which pack it prints, in order, each once.
func TestPDFProgressNamesEveryPack(t *testing.T) {
	out := kitWithPDFs(t)
	slides := 0 // the slide decks' PDFs: fr/.../diapos.pdf, diapos/notes.pdf, diapos/module-1.pdf...
	_ = filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(name, ".pdf") && (strings.Contains(name, "/diapos") || strings.Contains(name, "/presentatie")) {
			slides++
		}
		return nil
	})
	all := len(packs(t, out)) + len(materials(t, out)) + slides
	if slides == 0 || len(pdfProgress) != all || pdfsPrinted != all {
		t.Fatalf("%d progress lines and %d PDFs counted for %d packs, materials and slide decks (%d)", len(pdfProgress), pdfsPrinted, all, slides)
	}
	for i, line := range pdfProgress {
		prefix := fmt.Sprintf("%d/%d ", i+1, all)
		name := strings.TrimPrefix(line, prefix)
		if !strings.HasPrefix(line, prefix) || !strings.HasSuffix(name, ".pdf") {
			t.Errorf("progress line %q", line)
			continue
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("progress names %s, which was not written", name)
		}
	}
}

func pdftotext(t *testing.T, file string, page int) string {
	t.Helper()
	args := []string{"-layout"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

var tocEntry = regexp.MustCompile(`<li><a href="#(part-\d+)"><span class="pack-toc-title">([^<]*)</span><span class="pack-toc-page">(\d*)</span>`)

type kitPack struct {
	lang, html, pdf string
	session         string // site path of the session page, such as "fr/formation/cycle-modules/"
	module          bool   // a pack of one module of a cycle
	trainer         bool
}

// packs lists the packs of the kit: two per session and two per module of a cycle.
func packs(t *testing.T, out string) []kitPack {
	var ps []kitPack
	for _, c := range []struct {
		lang, dir, participants, trainer string
	}{{"fr", "fr/formation", "livret", "livret-animateur"}, {"nl", "nl/vorming", "bundel", "bundel-begeleider"}} {
		sessions, _ := filepath.Glob(filepath.Join(out, c.dir, "*", "index.html"))
		for _, s := range sessions {
			dir := filepath.Dir(s)
			if _, err := os.Stat(filepath.Join(dir, c.participants, "index.html")); err != nil {
				continue // a page of the training section that is not a session (the materials)
			}
			session := filepath.ToSlash(strings.TrimPrefix(dir, out+"/")) + "/"
			modules, _ := filepath.Glob(filepath.Join(dir, "module-*"))
			for _, d := range append([]string{dir}, modules...) {
				ps = append(ps,
					kitPack{c.lang, filepath.Join(d, c.participants, "index.html"), filepath.Join(d, c.participants+".pdf"), session, d != dir, false},
					kitPack{c.lang, filepath.Join(d, c.trainer, "index.html"), filepath.Join(d, c.trainer+".pdf"), session, d != dir, true})
			}
		}
	}
	if len(ps) != 28 {
		t.Fatalf("%d packs, want 28 (3 sessions and the 4 modules of the cycle, 2 variants, 2 languages)", len(ps))
	}
	return ps
}

// materials lists the session materials of the kit: a sign-in sheet and a certificate for each
// session and each module of the cycle.
func materials(t *testing.T, out string) []string {
	var ms []string
	for _, pattern := range []string{"fr/formation/*/emargement.pdf", "fr/formation/*/*/emargement.pdf", "fr/formation/*/attestation.pdf", "fr/formation/*/*/attestation.pdf",
		"nl/vorming/*/aanwezigheidslijst.pdf", "nl/vorming/*/*/aanwezigheidslijst.pdf", "nl/vorming/*/deelnameattest.pdf", "nl/vorming/*/*/deelnameattest.pdf"} {
		found, _ := filepath.Glob(filepath.Join(out, pattern))
		ms = append(ms, found...)
	}
	if len(ms) != 28 {
		t.Fatalf("%d session materials, want 28 (2 for each of 3 sessions and 4 modules, 2 languages)", len(ms))
	}
	return ms
}

// body returns the text of a printed page without its running header (its first line).
func body(text string) string {
	text = strings.TrimLeft(text, "\n ")
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return strings.TrimSpace(text[i+1:])
	}
	return ""
}

// TestPacksPrintedToPDF checks every printed pack: A4 pages, title and language, a table of
// contents whose page numbers are the pages where the parts start, facilitator notes in the
// trainer's variant only, and text in the pack's language.
func TestPacksPrintedToPDF(t *testing.T) {
	out := kitWithPDFs(t)
	for _, p := range packs(t, out) {
		t.Run(strings.TrimPrefix(p.pdf, out), func(t *testing.T) {
			data, err := os.ReadFile(p.pdf)
			if err != nil {
				t.Fatal(err)
			}
			info, _ := exec.Command("pdfinfo", p.pdf).Output()
			if !regexp.MustCompile(`Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)`).Match(info) {
				t.Errorf("not A4: %s", info)
			}
			doc, err := pdf.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(info, []byte("Pages:           "+strconv.Itoa(doc.Pages())+"\n")) || doc.Pages() < 10 {
				t.Errorf("page count: pdfinfo says %s, parsed %d", info, doc.Pages())
			}
			if !bytes.Contains(data, []byte("/Lang ("+p.lang+")>>")) {
				t.Error("the document language is not set")
			}
			html, _ := os.ReadFile(p.html)
			entries := tocEntry.FindAllSubmatch(html, -1)
			if len(entries) < 3 {
				t.Fatalf("%d contents entries", len(entries))
			}
			cover := pdftotext(t, p.pdf, 1)
			title := regexp.MustCompile(`Title:\s+(.*)`).FindSubmatch(info)
			if title == nil || !strings.Contains(strings.Join(strings.Fields(cover), " "), strings.Join(strings.Fields(strings.SplitN(string(title[1]), " — ", 2)[0])[:2], " ")) {
				t.Errorf("title %q does not name the session on the cover", title)
			}
			last := 0
			for _, e := range entries {
				n, err := strconv.Atoi(string(e[3]))
				if err != nil || n <= last || n > doc.Pages() {
					t.Errorf("contents: %s on page %q", e[2], e[3])
					continue
				}
				last = n
				text := body(pdftotext(t, p.pdf, n))
				first := strings.Fields(unescape(string(e[2])))
				if len(first) > 3 {
					first = first[:3]
				}
				if !strings.HasPrefix(strings.Join(strings.Fields(text), " "), strings.Join(first, " ")) {
					t.Errorf("contents: %q is on page %d, but the page starts %.60q", e[2], n, text)
				}
			}
			all := pdftotext(t, p.pdf, 0)
			note := map[string]string{"fr": "NOTE POUR L’ANIMATEUR", "nl": "NOOT VOOR DE BEGELEIDER"}[p.lang]
			if got := strings.Contains(all, note); got != p.trainer {
				t.Errorf("facilitator notes present: %v, want %v", got, p.trainer)
			}
			words := map[string][2]string{"fr": {"Sommaire", "Inhoud"}, "nl": {"Inhoud", "Sommaire"}}[p.lang]
			own, other := words[0], words[1]
			if !strings.Contains(all, own) || strings.Contains(all, other) {
				t.Errorf("text is not in %s (contents title %q expected, %q not)", p.lang, own, other)
			}
		})
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(s)
}

// TestSessionPagesLinkTheirPDFs checks that the session pages link both PDFs once they exist.
func TestSessionPagesLinkTheirPDFs(t *testing.T) {
	out := kitWithPDFs(t)
	page, _ := os.ReadFile(filepath.Join(out, "fr", "formation", "journee-plan", "index.html"))
	for _, want := range []string{`href="livret.pdf"`, `href="livret-animateur.pdf"`, `href="livret/"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("session page lacks %s", want)
		}
	}
	if n := crawl(t, readTree(t, out), "/", false); n < 1000 {
		t.Errorf("only %d links checked", n)
	}
}

// TestNoChromiumIsAWarning builds with --pdf where no Chromium can be found: the build
// succeeds, says why there are no PDFs, and session pages do not link to missing files.
func TestNoChromiumIsAWarning(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := Run(Options{FS: archive(t, "pack.txtar"), Publish: true, PDF: true, Chromium: func() string { return "" },
		Overrides: config.Overrides{OutDir: out}})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	if !strings.Contains(res.Diags.String(), "warning: --pdf: no Chromium found") {
		t.Errorf("diagnostics: %s", res.Diags.String())
	}
	page, _ := os.ReadFile(filepath.Join(out, "fr", "formation", "atelier", "index.html"))
	if bytes.Contains(page, []byte(".pdf")) {
		t.Error("the session page links to a PDF that was not made")
	}
}

// TestIndicatorCardsPrintFourPerSheet prints the cards: A6 cards, four per A4 sheet.
func TestIndicatorCardsPrintFourPerSheet(t *testing.T) {
	out := kitWithPDFs(t)
	p, err := pdf.NewPrinter(pdf.Find())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, page := range []string{"fr/indicateurs/cartes/index.html", "nl/indicatoren/kaarten/index.html"} {
		data, err := p.Print("file://" + filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pdf.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		html, _ := os.ReadFile(filepath.Join(out, page))
		cards := bytes.Count(html, []byte(`class="card-a6`))
		if want := (cards + 3) / 4; cards < 60 || doc.Pages() != want {
			t.Errorf("%s: %d cards on %d pages, want %d pages", page, cards, doc.Pages(), want)
		}
		file := filepath.Join(t.TempDir(), "cards.pdf")
		os.WriteFile(file, data, 0o644)
		first := pdftotext(t, file, 1)
		if n := len(regexp.MustCompile(`(SOC|ECO|POL|ENV)-\d\d`).FindAllString(first, -1)); n != 4 {
			t.Errorf("%s: %d indicator ids on the first sheet, want 4", page, n)
		}
	}
}

// bboxWord is a word of `pdftotext -bbox`: its height is the size of its type, as printed.
var bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">`)

// typeSize returns the height of the most common words of a PDF (its body text), in points.
func typeSize(t *testing.T, file string) float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	var heights []float64
	for _, m := range bboxWord.FindAllSubmatch(out, -1) {
		y0, _ := strconv.ParseFloat(string(m[1]), 64)
		y1, _ := strconv.ParseFloat(string(m[2]), 64)
		heights = append(heights, y1-y0)
	}
	if len(heights) < 100 {
		t.Fatalf("%s: only %d words", file, len(heights))
	}
	sort.Float64s(heights)
	return heights[len(heights)/2]
}

// TestPacksPrintAtTheSameTypeSize: no pack is scaled down to fit a wide table or a long word
// on the page (Chromium shrinks the whole document then): the body text of every pack prints
// at the size of the first one.
func TestPacksPrintAtTheSameTypeSize(t *testing.T) {
	out := kitWithPDFs(t)
	all := packs(t, out)
	want := typeSize(t, all[0].pdf)
	for _, p := range all {
		if got := typeSize(t, p.pdf); math.Abs(got-want)/want > 0.01 {
			t.Errorf("%s prints its text at %.2f pt high, %s at %.2f: it was scaled to %.0f %%",
				strings.TrimPrefix(p.pdf, out+"/"), got, strings.TrimPrefix(all[0].pdf, out+"/"), want, 100*got/want)
		}
	}
}

// TestPackLinksWorkInThePDF reads the link annotations of every pack: none points into the
// build's folders (file://); the contents' links stay in the document; every other link goes
// to the public site, the cover's address among them. (pack.txtar pins that a link from one
// part to another goes to that part.)
func TestPackLinksWorkInThePDF(t *testing.T) {
	out := kitWithPDFs(t)
	for _, p := range packs(t, out) {
		name := strings.TrimPrefix(p.pdf, out+"/")
		data, err := os.ReadFile(p.pdf)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pdf.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		session := "https://kit.example/" + p.session
		var inside, outside int
		cover := false
		for _, l := range doc.Links() {
			switch {
			case l.Dest != "":
				inside++
			case strings.HasPrefix(l.URI, "https://") || strings.HasPrefix(l.URI, "http://"):
				outside++
				cover = cover || l.URI == session
			default:
				t.Errorf("%s: a link to %q", name, l.URI)
			}
		}
		if !cover {
			t.Errorf("%s: the cover's address %s is not a link", name, session)
		}
		html, _ := os.ReadFile(p.html)
		if parts := len(tocEntry.FindAllSubmatch(html, -1)); inside < parts || outside == 0 {
			t.Errorf("%s: %d links inside the document for %d parts, %d to the site", name, inside, parts, outside)
		}
		if bytes.Contains(data, []byte("file://")) {
			t.Errorf("%s holds a file:// address", name)
		}
	}
}

// pageTexts returns the text of every page of a PDF.
func pageTexts(t *testing.T, file string) []string {
	t.Helper()
	all := pdftotext(t, file, 0)
	pages := strings.Split(all, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// lines counts the lines of a page that hold text.
func lines(page string) int {
	n := 0
	for l := range strings.SplitSeq(page, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// TestPacksHoldWhatASessionNeeds reads every pack: the participants' pack opens (right after
// its contents) with the session, its agenda with times and lines for the date, place and
// trainer, and ends with notes pages; the trainer's pack opens with the run sheet (times and
// durations) and holds the sign-in sheet and the certificate of attendance; a module's pack
// holds its own handouts only; the glossary holds the terms the pack uses, not all of them;
// no page carries fewer than two lines of text besides its header and footer.
func TestPacksHoldWhatASessionNeeds(t *testing.T) {
	out := kitWithPDFs(t)
	words := map[string]map[string]string{
		"fr": {"opening": "La séance", "agenda": "Horaire", "trainer": "Formateur ou formatrice", "notes": "Mes notes", "runsheet": "Feuille de route", "duration": "Durée",
			"signin": "Feuille d’émargement", "certificate": "Attestation de présence", "glossary": "Glossaire", "portrait": "Portrait de la structure"},
		"nl": {"opening": "De sessie", "agenda": "Tijdstip", "trainer": "Begeleider", "notes": "Notities", "runsheet": "Tijdschema", "duration": "Duur",
			"signin": "Aanwezigheidslijst", "certificate": "Deelnameattest", "glossary": "Woordenlijst", "portrait": "Portret van de organisatie"},
	}
	glossaryTerms := map[string]int{}
	for _, lang := range []string{"fr", "nl"} {
		dir := map[string]string{"fr": "glossaire", "nl": "woordenlijst"}[lang]
		html, _ := os.ReadFile(filepath.Join(out, lang, dir, "index.html"))
		glossaryTerms[lang] = bytes.Count(html, []byte(`class="glossary-entry"`))
	}
	time := regexp.MustCompile(`\b\d{1,2}( h |\.)\d{2}\b`)
	for _, p := range packs(t, out) {
		name := strings.TrimPrefix(p.pdf, out+"/")
		t.Run(name, func(t *testing.T) {
			w := words[p.lang]
			pages := pageTexts(t, p.pdf)
			html, _ := os.ReadFile(p.html)
			entries := tocEntry.FindAllSubmatch(html, -1)
			first, last := string(entries[0][2]), string(entries[len(entries)-1][2])
			third := pages[2]
			if p.trainer {
				if unescape(first) != w["runsheet"] || !strings.Contains(third, w["duration"]) || len(time.FindAllString(third, -1)) < 5 {
					t.Errorf("the trainer's pack does not open with the run sheet: contents start with %q, page 3: %.300q", first, third)
				}
				all := strings.Join(pages, "\f")
				for _, k := range []string{"signin", "certificate"} {
					if !strings.Contains(all, w[k]) || !bytes.Contains(html, []byte(`pack-part-`+k)) {
						t.Errorf("no %s in the trainer's pack", w[k])
					}
				}
			} else {
				if unescape(first) != w["opening"] || !strings.Contains(third, w["trainer"]) {
					t.Errorf("the participants' pack does not open with the session: contents start with %q, page 3: %.300q", first, third)
				}
				// The whole cycle's opening has its calendar, not one day's agenda.
				if !(strings.HasSuffix(p.session, "cycle-modules/") || strings.HasSuffix(p.session, "traject-vier-modules/")) || p.module {
					if !strings.Contains(third, w["agenda"]) || len(time.FindAllString(third, -1)) < 5 {
						t.Errorf("no agenda with times on page 3: %.400q", third)
					}
				}
				if unescape(last) != w["notes"] {
					t.Errorf("the participants' pack ends with %q, not with notes pages", last)
				}
			}
			var titles []string
			for _, e := range entries {
				titles = append(titles, unescape(string(e[2])))
				// A worksheet starts on a right-hand page, to be torn out or copied alone.
				if bytes.Contains(html, []byte(`class="pack-part pack-part-fiches" id="`+string(e[1])+`"`)) {
					if n, _ := strconv.Atoi(string(e[3])); n%2 == 0 {
						t.Errorf("the worksheet %q starts on page %d, a left-hand page", e[2], n)
					}
				}
			}
			if p.module && slices.Contains(titles, w["portrait"]) != strings.Contains(p.pdf, "module-1") {
				t.Errorf("contents of a module's pack: %q (the portrait worksheet is module 1's)", titles)
			}
			if n := bytes.Count(html, []byte(`class="glossary-entry"`)); n == 0 || n > glossaryTerms[p.lang]/2 {
				t.Errorf("the pack's glossary holds %d of the %d terms", n, glossaryTerms[p.lang])
			}
			firstLine := func(page string) string {
				for l := range strings.SplitSeq(page, "\n") {
					if strings.TrimSpace(l) != "" {
						return strings.TrimSpace(l)
					}
				}
				return ""
			}
			kit := map[string]string{"fr": "KIT VISES", "nl": "VISES-KIT"}[p.lang]
			if got := firstLine(pages[0]); got != kit {
				t.Errorf("the cover starts with %q, not with %q: it has a running header", got, kit)
			}
			if got := firstLine(pages[2]); !strings.HasSuffix(got, " · "+unescape(first)) {
				t.Errorf("page 3 starts with %q, not with a running header naming the session and %q", got, unescape(first))
			}
			if foot := map[string]string{"fr": "Contenu sous licence CC BY-SA 4.0", "nl": "Inhoud onder licentie CC BY-SA 4.0"}[p.lang]; !strings.Contains(pages[2], foot) {
				t.Errorf("page 3 has no footer with the licence: %q", pages[2])
			}
			for i, page := range pages {
				// The running header and the footer, and at least two lines of text: no page is
				// left empty by a part that overflows, nor holds a lone line.
				if n := lines(page); n < 4 {
					t.Errorf("page %d holds %d lines: %q", i+1, n, page)
				}
			}
		})
	}
	for _, m := range materials(t, out) {
		if pages := pageTexts(t, m); len(pages) != 1 || lines(pages[0]) < 10 {
			t.Errorf("%s: %d pages, want one A4 with its form", strings.TrimPrefix(m, out+"/"), len(pages))
		}
	}
}
