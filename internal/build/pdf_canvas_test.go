package build

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// canvasLabel finds the label of each grid of a canvas (a worksheet section with a table) in a
// pack's HTML.
var canvasLabel = regexp.MustCompile(`(?s)class="ws-section[^"]*\bws-canvas\b.*?<p class="ws-label"[^>]*>([^<]+)</p>`)

// TestPackCanvasesPrintLandscape: in every printed pack, each canvas (the value chain, the
// collection plan...) is on an A4 landscape page, and only canvases are.
func TestPackCanvasesPrintLandscape(t *testing.T) {
	out := kitWithPDFs(t)
	seen := 0
	for _, p := range packs(t, out) {
		html, err := os.ReadFile(p.html)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, m := range canvasLabel.FindAllStringSubmatch(string(html), -1) {
			labels = append(labels, flat(m[1]))
		}
		info, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", p.pdf).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", p.pdf, err)
		}
		landscape := 0
		for _, m := range regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts`).FindAllStringSubmatch(string(info), -1) {
			w, _ := strconv.ParseFloat(m[2], 64)
			h, _ := strconv.ParseFloat(m[3], 64)
			if w <= h {
				continue
			}
			landscape++
			n, _ := strconv.Atoi(m[1])
			text := flat(pdftotext(t, p.pdf, n))
			found := false
			for _, l := range labels {
				found = found || strings.Contains(text, l)
			}
			if !found {
				t.Errorf("%s: page %d is landscape and holds no canvas of %q", p.pdf, n, labels)
			}
		}
		if landscape < len(labels) {
			t.Errorf("%s: %d canvases (%q) on %d landscape pages", p.pdf, len(labels), labels, landscape)
		}
		seen += len(labels)
	}
	if seen == 0 {
		t.Fatal("no pack holds a canvas: the test checks nothing")
	}
}

// flat gives text one plain space between words, whatever spaces it had.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\u202f", " ", "\u00a0", " ", "&nbsp;", " ").Replace(s)), " ")
}
