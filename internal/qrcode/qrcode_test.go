package qrcode

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rsc.io/qr"
)

// TestSVGDrawsEveryModule redraws the SVG's rectangles onto a grid and compares it with the
// encoder's modules: the picture must be the code.
func TestSVGDrawsEveryModule(t *testing.T) {
	const url = "https://partner.example/kit/fr/formation/sensibilisation/"
	s, err := SVG(url, "QR")
	if err != nil {
		t.Fatal(err)
	}
	code, _ := qr.Encode(url, qr.M)
	grid := map[[2]int]bool{}
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-\d+z`).FindAllStringSubmatch(s, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		for i := 0; i < n; i++ {
			grid[[2]int{x + i - 4, y - 4}] = true
		}
	}
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; x++ {
			if grid[[2]int{x, y}] != code.Black(x, y) {
				t.Fatalf("module %d,%d differs", x, y)
			}
		}
	}
	if !strings.Contains(s, `viewBox="0 0 `+strconv.Itoa(code.Size+8)) || !strings.Contains(s, `aria-label="QR"`) {
		t.Errorf("svg header: %.120s", s)
	}
}
