package brand

import (
	"math"
	"strings"
	"testing"
)

func TestContrastMatchesWCAG(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48}, // the grey that just fails AA
		{"#767676", "#ffffff", 4.54}, // the grey that just passes
		{"#0b5560", "#ffffff", 8.46},
	} {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		accent string
		ok     bool
		where  string
	}{
		{"#0b5560", true, ""}, // the default theme's own accent
		{"#7a1f5c", true, ""}, // a dark plum
		{"#767676", true, ""}, // just enough for white text
		{"#777777", false, "white text on the accent"},
		{"#f5a623", false, "white text on the accent"}, // an orange
		{"#fc0", false, "white text on the accent"},
		{"#000", true, ""},
	} {
		worst, ratio, ok, err := Check(tt.accent)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.ok || !strings.HasPrefix(worst.Where, tt.where) {
			t.Errorf("Check(%s) = %.2f:1 at %q, ok %v; want ok %v at %q", tt.accent, ratio, worst.Where, ok, tt.ok, tt.where)
		}
	}
	for _, bad := range []string{"red", "#12345", "0b5560", "#0b5560ff", ""} {
		if _, _, _, err := Check(bad); err == nil {
			t.Errorf("Check(%q): no error", bad)
		}
	}
}

func TestColoursOfTheDefaultTheme(t *testing.T) {
	brand, dark, err := Colours("#0B5560")
	if err != nil {
		t.Fatal(err)
	}
	// The default theme's pair, give or take a unit per channel.
	if brand != "#0b5560" || dark != "#073a41" {
		t.Errorf("Colours(#0B5560) = %s, %s; want #0b5560, #073a41", brand, dark)
	}
}

func TestCSSSetsTheThemesColours(t *testing.T) {
	css, err := CSS("#7A1F5C")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--brand: #7a1f5c;", "--brand-dark: #53153f;"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
}
