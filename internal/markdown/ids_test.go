package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// refSlug is Slug as first written: the canonical decomposition of the whole text, read a
// character at a time.
func refSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			dash = false
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			dash = false
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// TestSlugMatchesNFD compares Slug with refSlug on every character below U+0300 alone and
// between letters, and on random texts of letters, accents, combining marks in and out of
// order, ligatures, punctuation, other scripts and invalid bytes.
func TestSlugMatchesNFD(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if have, want := Slug(s), refSlug(s); have != want {
			t.Fatalf("Slug(%q) = %q, want %q", s, have, want)
		}
	}
	for r := rune(0); r < 0x300; r++ {
		check(string(r))
		check("a" + string(r) + "b")
		check("a" + string(r) + "\u0301\u0327" + string(r) + " ")
	}
	pieces := []string{"a", "Z", "9", "é", "É", "e\u0301", "\u0301", "\u0327", "\u0903", "\u0316\u0301", "œ", "Æ", "ß", "ǅ", "ĳ", "ſ", "ø", "Ł",
		"ŉ", "ǰ", " ", "-", "'", "’", "?", "«\u202f", "\u00a0", "日本", "Ω", "ﬁ", "\xff", "\xc3", "İ", "ẞ", "Ǆ", "\u0345"}
	r := rand.New(rand.NewPCG(5, 5))
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Qu'est-ce que l'impact ?", "Économie", "e\u0301\u0327", "日本", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if have, want := Slug(s), refSlug(s); have != want {
			t.Fatalf("Slug(%q) = %q, want %q", s, have, want)
		}
	})
}

func BenchmarkSlug(b *testing.B) {
	titles := []string{"Qu'est-ce que l'impact social ?", "Économie sociale et solidaire", "Wat is maatschappelijke impact?", "Étape 3 : mesurer et démontrer"}
	for b.Loop() {
		for _, s := range titles {
			Slug(s)
		}
	}
}
