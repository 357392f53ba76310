// Package brand turns a partner's accent colour into the default theme's colours, and measures
// whether it is readable: the contrast ratios of WCAG 2 on the backgrounds the theme puts it on.
package brand

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// MinContrast is the WCAG AA contrast ratio for normal text.
const MinContrast = 4.5

// darken is how much of the accent the darker shade keeps (the default theme's
// --brand-dark, #073a41, is #0b5560 times about 0.68).
const darken = 0.68

// Use is a place where the theme puts the accent or its darker shade, with the colour it must
// stand out against.
type Use struct {
	Dark       bool   // the darker shade (--brand-dark) rather than the accent (--brand)
	Background bool   // the accent is the background and Other the text, not the reverse
	Other      string // the other colour, #rrggbb
	Where      string // what a reader sees there, for the error message
}

// Uses are the pairs of themes/default/static/css/site.css where the accent meets text: white
// text on the accent (header, buttons, chosen toggles, step numbers), white text on the darker
// shade (the menu), and the darker shade as text on the light backgrounds (headings, the
// current language, codes, chips, the tint of the footer and of the section menu).
var Uses = []Use{
	{false, true, "#ffffff", "white text on the accent (header, buttons, selected toggles)"},
	{true, true, "#ffffff", "white text on the darker shade (menu)"},
	{true, false, "#ffffff", "headings in the darker shade on white"},
	{true, false, "#f3f6f6", "darker shade on the tint (codes, current section)"},
	{true, false, "#eef6f7", "darker shade on the chips' background"},
	{true, false, "#e7f2f3", "darker shade on the selected search result"},
}

var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// Parse reads a colour written #rgb or #rrggbb into its channels.
func Parse(s string) (r, g, b uint8, err error) {
	if !hexColor.MatchString(s) {
		return 0, 0, 0, fmt.Errorf("%q is not a colour written #rrggbb (such as #0b5560)", s)
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, _ := strconv.ParseUint(h, 16, 32)
	return uint8(n >> 16), uint8(n >> 8), uint8(n), nil
}

func hex(r, g, b uint8) string { return fmt.Sprintf("#%02x%02x%02x", r, g, b) }

// Colours returns the accent, normalised to #rrggbb, and its darker shade.
func Colours(accent string) (brand, dark string, err error) {
	r, g, b, err := Parse(accent)
	if err != nil {
		return "", "", err
	}
	d := func(c uint8) uint8 { return uint8(math.Round(float64(c) * darken)) }
	return hex(r, g, b), hex(d(r), d(g), d(b)), nil
}

// luminance is the relative luminance of WCAG 2.
func luminance(c string) float64 {
	r, g, b, _ := Parse(c)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is the contrast ratio of WCAG 2 between two colours, from 1 to 21.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Check returns the use where the accent is least readable and its contrast ratio, and whether
// every use reaches MinContrast.
func Check(accent string) (worst Use, ratio float64, ok bool, err error) {
	brand, dark, err := Colours(accent)
	if err != nil {
		return Use{}, 0, false, err
	}
	ratio = math.Inf(1)
	for _, u := range Uses {
		c := brand
		if u.Dark {
			c = dark
		}
		if r := Contrast(c, u.Other); r < ratio {
			worst, ratio = u, r
		}
	}
	// Rounded down, so that a colour shown as 4.5:1 is never refused.
	return worst, ratio, math.Floor(ratio*100)/100 >= MinContrast, nil
}

// Stylesheet is the path, among the static files, of the style sheet CSS writes.
const Stylesheet = "css/partner.css"

// CSS returns the style sheet that sets the default theme's colours to the accent's.
func CSS(accent string) ([]byte, error) {
	brand, dark, err := Colours(accent)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("/* The partner's accent colour (partner.color in site.yaml), written by vises build. */\n")
	fmt.Fprintf(&b, ":root {\n  --brand: %s;\n  --brand-dark: %s;\n  --goals: %s;\n  --remember: %s;\n}\n", brand, dark, brand, brand)
	return []byte(b.String()), nil
}
