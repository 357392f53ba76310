package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var pageSize = regexp.MustCompile(`(?m)^Page +\d+ size: +([0-9.]+) x ([0-9.]+) pts`)

// pdfPages returns the size of every page of a PDF, in points.
func pdfPages(t *testing.T, file string) [][2]float64 {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", file, err)
	}
	var sizes [][2]float64
	for _, m := range pageSize.FindAllStringSubmatch(string(out), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	return sizes
}

// TestDecksPrintedToPDF: vises build --pdf prints each deck as one landscape 16:9 page per
// slide without the notes, and the trainer's handout with them.
func TestDecksPrintedToPDF(t *testing.T) {
	out := kitWithPDFs(t)
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo missing; install poppler-utils")
	}
	for _, c := range []struct {
		dir, notes, note string // a deck, its presenter's view, and words of a note of it
		figure           string // words of a figure of the deck
	}{
		{"fr/formation/sensibilisation/diapos", "notes", "glossaire imprimé", "Réalisations"},
		{"nl/vorming/sensibilisering/presentatie", "notities", "woordenlijst op papier", "Middelen"},
		{"fr/formation/cycle-modules/diapos/module-4", "notes", "jeu de données comme les autres", ""},
	} {
		t.Run(c.dir, func(t *testing.T) {
			html, err := os.ReadFile(filepath.Join(out, c.dir, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			slides := strings.Count(string(html), `<section class="slide`)
			audience := filepath.Join(out, c.dir+".pdf")
			sizes := pdfPages(t, audience)
			if len(sizes) != slides {
				t.Errorf("%d pages for %d slides", len(sizes), slides)
			}
			for i, s := range sizes {
				if r := s[0] / s[1]; s[0] < s[1] || r < 1.76 || r > 1.79 {
					t.Errorf("page %d is %gx%g pt, not landscape 16:9", i+1, s[0], s[1])
				}
			}
			text := strings.Join(strings.Fields(pdftotext(t, audience, 0)), " ")
			if strings.Contains(text, c.note) {
				t.Errorf("the audience's PDF holds the notes (%q)", c.note)
			}
			if got := strings.Join(strings.Fields(pdftotext(t, audience, 2)), " "); got == "" {
				t.Error("the second page has no text")
			}
			// The figures are printed: their words are in the PDF.
			if c.figure != "" && !strings.Contains(text, c.figure) {
				t.Errorf("the audience's PDF lacks the figure's words %q", c.figure)
			}
			handout := filepath.Join(out, c.dir, c.notes+".pdf")
			text = strings.Join(strings.Fields(pdftotext(t, handout, 0)), " ")
			if !strings.Contains(text, c.note) {
				t.Errorf("the trainer's PDF lacks the notes (%q)", c.note)
			}
			// Two slides and their notes per A4 landscape page.
			if hs := pdfPages(t, handout); len(hs) < (slides+1)/2 || hs[0][0] < hs[0][1] {
				t.Errorf("the trainer's PDF has %d pages (the first %v pt) for %d slides", len(hs), hs[0], slides)
			}
		})
	}
}
