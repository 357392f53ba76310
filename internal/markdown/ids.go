package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// Slug turns a text into an identifier: lowercase ASCII letters and digits, accents removed,
// every run of other characters replaced by one hyphen ("Qu'est-ce que l'impact ?" becomes
// "qu-est-ce-que-l-impact"). Letters such as œ and æ become "oe" and "ae".
//
// It reads the text a character at a time, each Latin one standing for the letters its
// canonical decomposition keeps (slugLatin); a text with another character goes through the
// decomposition whole (slugNFD). Both give the same (TestSlugMatchesNFD): decomposing a text
// is decomposing each character, then reordering the combining marks that follow a letter,
// and those are dropped or count as "other characters" in any order.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	other := func() {
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				b.WriteByte(byte(r))
				dash = false
			} else if 'A' <= r && r <= 'Z' {
				b.WriteByte(byte(r) + 'a' - 'A')
				dash = false
			} else {
				other()
			}
		case int(r) < len(slugLatin):
			for _, c := range []byte(slugLatin[r]) {
				if c == '-' {
					other()
				} else {
					b.WriteByte(c)
					dash = false
				}
			}
		default:
			return slugNFD(s)
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// slugLatin holds, for each character below U+0250 (Latin letters with their accents), what it
// adds to a slug: the letters of its canonical decomposition that are kept, and a hyphen for
// each other character.
var slugLatin = func() (t [0x250]string) {
	for r := range t {
		var b strings.Builder
		for _, c := range norm.NFD.String(string(rune(r))) {
			if kept := slugRune(c); kept != "" {
				b.WriteString(kept)
			} else if !unicode.Is(unicode.Mn, c) {
				b.WriteByte('-')
			}
		}
		t[r] = b.String()
	}
	return t
}()

// slugRune returns the letters r stands for in a slug, or "" for a character dropped or
// replaced by a hyphen.
func slugRune(r rune) string {
	switch {
	case unicode.Is(unicode.Mn, r):
		return ""
	case r == 'œ' || r == 'Œ':
		return "oe"
	case r == 'æ' || r == 'Æ':
		return "ae"
	case r == 'ß':
		return "ss"
	case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return string(unicode.ToLower(r))
	}
	return ""
}

// slugNFD is Slug on the canonical decomposition of the whole text.
func slugNFD(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch kept := slugRune(r); {
		case kept != "":
			b.WriteString(kept)
			dash = false
		case unicode.Is(unicode.Mn, r):
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// ids gives every heading of a document a unique, stable identifier.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
