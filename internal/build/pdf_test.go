package build

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	all := packs(t, out)
	if len(pdfProgress) != len(all) || pdfsPrinted != len(all) {
		t.Fatalf("%d progress lines and %d PDFs counted for %d packs", len(pdfProgress), pdfsPrinted, len(all))
	}
	for i, line := range pdfProgress {
		prefix := fmt.Sprintf("%d/%d ", i+1, len(all))
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

type pack struct {
	lang, html, pdf string
	trainer         bool
}

func packs(t *testing.T, out string) []pack {
	var ps []pack
	for _, c := range []struct {
		lang, dir, participants, trainer string
	}{{"fr", "fr/formation", "livret", "livret-animateur"}, {"nl", "nl/vorming", "bundel", "bundel-begeleider"}} {
		sessions, _ := filepath.Glob(filepath.Join(out, c.dir, "*", "index.html"))
		for _, s := range sessions {
			dir := filepath.Dir(s)
			if _, err := os.Stat(filepath.Join(dir, c.participants, "index.html")); err != nil {
				continue // a page of the training section that is not a session (the materials)
			}
			ps = append(ps,
				pack{c.lang, filepath.Join(dir, c.participants, "index.html"), filepath.Join(dir, c.participants+".pdf"), false},
				pack{c.lang, filepath.Join(dir, c.trainer, "index.html"), filepath.Join(dir, c.trainer+".pdf"), true})
		}
	}
	if len(ps) != 12 {
		t.Fatalf("%d packs, want 12 (3 sessions, 2 variants, 2 languages)", len(ps))
	}
	return ps
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
			if title == nil || !strings.Contains(cover, strings.SplitN(string(title[1]), " — ", 2)[0][:12]) {
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
				text := strings.TrimSpace(pdftotext(t, p.pdf, n))
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
		session := "https://kit.example/" + filepath.ToSlash(filepath.Dir(strings.TrimPrefix(filepath.Dir(p.html), out+"/"))) + "/"
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
