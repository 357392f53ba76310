package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStemsMeet(t *testing.T) {
	tests := []struct{ lang, a, b string }{
		{"fr", "indicateurs", "indicateur"},
		{"fr", "coopératives", "coopérative"},
		{"fr", "Bénévoles", "bénévole"},
		{"fr", "sociaux", "social"},
		{"fr", "évaluatives", "évaluative"},
		{"nl", "vrijwilligers", "vrijwilliger"},
		{"nl", "indicatoren", "indicator"},
		{"nl", "coöperaties", "cooperatie"},
		{"nl", "organisaties", "organisatie"},
	}
	for _, tt := range tests {
		a, b := Stems(tt.lang, tt.a), Stems(tt.lang, tt.b)
		if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
			t.Errorf("%s: %q -> %v, %q -> %v", tt.lang, tt.a, a, tt.b, b)
		}
	}
}

// The reference versions below are the plain ones the package started with: the one-pass
// versions must give the same results.

func refWords(s string) []string {
	return strings.FieldsFunc(Normalize(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

func refStems(lang, text string, max int) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range refWords(text) {
		if len(w) < 2 {
			continue
		}
		s := Stem(lang, w)
		if stopStems[lang][s] {
			continue
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
			if len(out) == max {
				break
			}
		}
	}
	return out
}

func refSnippet(text string) string {
	if len(text) > 800 {
		text = text[:800]
	}
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= 220 {
		return text
	}
	cut := string(r[:220])
	if i := strings.LastIndexByte(cut, ' '); i > 150 {
		cut = cut[:i]
	}
	return cut + " …"
}

// kitTexts returns the Markdown files of the kit, cut in pieces of various lengths.
func kitTexts(t testing.TB) []string {
	var out []string
	_ = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		s := string(data)
		for _, n := range []int{30, 221, 500, 900, len(s)} {
			for i := 0; i+n <= len(s); i += n + 97 {
				if piece := s[i : i+n]; utf8.ValidString(piece) {
					out = append(out, piece)
				}
			}
		}
		return nil
	})
	if len(out) < 1000 {
		t.Fatalf("only %d texts from the kit", len(out))
	}
	return out
}

func checkSame(t *testing.T, s string) {
	t.Helper()
	for _, lang := range []string{"fr", "nl"} {
		for _, max := range []int{-1, 3, 300} {
			if have, want := stems(lang, s, max), refStems(lang, s, max); !slices.Equal(have, want) {
				t.Fatalf("stems(%s, %q, %d) = %q, want %q", lang, s, max, have, want)
			}
			if have, want := joinStems(lang, s, max), strings.Join(refStems(lang, s, max), " "); have != want {
				t.Fatalf("joinStems(%s, %q, %d) = %q, want %q", lang, s, max, have, want)
			}
		}
	}
	if have, want := Words(s), refWords(s); !slices.Equal(have, want) {
		t.Fatalf("Words(%q) = %q, want %q", s, have, want)
	}
	if have, want := Snippet(s), refSnippet(s); have != want {
		t.Fatalf("Snippet(%q) =\n%q, want\n%q", s, have, want)
	}
}

func TestOnePassMatchesReference(t *testing.T) {
	for _, s := range []string{"", " ", "a", "L'Œuvre  ÉCONOMIQUE\u00a0sociale\u202f: 12 %", "x\ty\nz",
		strings.Repeat("mot ", 60), strings.Repeat("é", 300), strings.Repeat("abcdefghij", 30) + " fin",
		strings.Repeat("a ", 109) + "bb cc", strings.Repeat("coopératives ", 40), "Ǆ ǅ ǆ ﬁ Ⅻ ①"} {
		checkSame(t, s)
	}
	for _, s := range kitTexts(t) {
		checkSame(t, s)
	}
}

func FuzzOnePassMatchesReference(f *testing.F) {
	f.Add("Les indicateurs sociaux des coopératives")
	f.Add(strings.Repeat("vrijwilligers  ", 30))
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			checkSame(t, s)
		}
	})
}

// refWhole is how a page's parts were once made whole, from all its parts.
func refWhole(parts []Part) []Part {
	if len(parts) == 0 {
		return parts
	}
	whole := parts[0]
	var heads []string
	for _, part := range parts[1:] {
		heads = append(heads, part.Heads)
	}
	whole.Heads = strings.Join(heads, " ")
	if words := strings.Fields(whole.Body); len(words) > 120 {
		whole.Body = strings.Join(words[:120], " ")
	}
	return []Part{whole}
}

func TestWholePartsMatchesWholeOfParts(t *testing.T) {
	texts := kitTexts(t)
	for i := 0; i+5 <= len(texts); i += 5 {
		anchors := []string{"", "a", "b", "c", "d"}
		heads := []string{"", texts[i+1][:min(40, len(texts[i+1]))], "A", "", "Étapes sociales"}
		body := append([]string(nil), texts[i:i+5]...)
		if i%3 == 0 {
			body[0], heads[0] = "  \n", "" // a page that starts with a heading
		}
		if i%7 == 0 {
			body[3] = ""
		}
		for _, lang := range []string{"fr", "nl"} {
			have, want := WholeParts(lang, anchors, heads, body), refWhole(Parts(lang, anchors, heads, body))
			if !slices.Equal(have, want) {
				t.Fatalf("WholeParts(%s) =\n%+v\nwant\n%+v", lang, have, want)
			}
		}
	}
	if have := WholeParts("fr", []string{""}, []string{""}, []string{" "}); len(have) != 0 {
		t.Errorf("a page without text has parts: %+v", have)
	}
}

// TestStopWordsAreNotIndexed checks that the stop words of both languages are left out of the
// index, whatever the page's language, and that the index hands their list to search.js.
func TestStopWordsAreNotIndexed(t *testing.T) {
	for _, c := range []struct{ lang, text, want string }{
		{"fr", "L'impact vs le résultat : c'est quoi ?", "impact resultat"},
		{"nl", "Wat is een indicator van de impact?", "indicator impact"},
		{"nl", "impact versus résultat de la démarche", "impact resultat demarche"},
	} {
		if have := joinStems(c.lang, c.text, -1); have != c.want {
			t.Errorf("joinStems(%s, %q) = %q, want %q", c.lang, c.text, have, c.want)
		}
	}
	if s := string(Script("fr", nil, nil)); !strings.Contains(s, `"stop":"a au aux `) {
		t.Errorf("the index does not hand the stop words to search.js: %s", s)
	}
}

// TestSplitKeepsEveryField checks that the scripts of Split hold, document by document,
// exactly the fields of the one script of Script: the head the address, kind, title, heading
// and their stems, the text scripts the text stems (sorted) and the snippet scripts the snippets, each
// script about its size (it ends with the document that takes it past TextBytes or
// SnippetBytes), and the head the first document of each script.
func TestSplitKeepsEveryField(t *testing.T) {
	var long strings.Builder // a text of 3,000 distinct words: about 24 KB of stems
	for i := range 3000 {
		fmt.Fprintf(&long, "mot%x ", i*7919)
	}
	docs := []Doc{
		New("fr", "fr/a/", "chapter", `Titre "cité", avec {} et ,"s":"`, "", `Texte ,"x":" et "z" : fin `+long.String()),
		New("fr", "fr/a/#b", "chapter", "Titre", "Section b", "Le texte de la section"),
		New("nl", "nl/c/", "term", "term", "", ""),
	}
	// 150 pages, some without document, some with two.
	var chunks [][]byte
	for i := range 150 {
		switch i % 3 {
		case 0:
			chunks = append(chunks, Encode(docs[:2]))
		case 1:
			chunks = append(chunks, nil)
		default:
			d := docs[2]
			d.URL = fmt.Sprintf("nl/c%d/", i)
			chunks = append(chunks, Encode([]Doc{d}))
		}
	}
	parse := func(script []byte, prefix string) any {
		s := strings.TrimSuffix(strings.TrimPrefix(string(script), prefix), ";\n")
		if len(s) == len(script) {
			t.Fatalf("script does not start with %s: %.80s", prefix, script)
		}
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatalf("%s: %v\n%s", prefix, err, script)
		}
		return v
	}
	whole := parse(Script("fr", chunks, nil), "window.VISES_SEARCH = ").(map[string]any)["docs"].([]any)
	head, texts, snippets := Split("fr", chunks, nil)
	h := parse(head, "window.VISES_SEARCH = ").(map[string]any)
	heads := h["docs"].([]any)
	// gather reads the scripts of one kind into one list, checking that each starts at the
	// document the head says and ends with the document that takes it to size.
	gather := func(kind string, scripts [][]byte, at []any, size int) []any {
		if len(scripts) < 2 || len(at) != len(scripts) {
			t.Fatalf("%d %s scripts, the head places %d; want at least two", len(scripts), kind, len(at))
		}
		var all []any
		for i, s := range scripts {
			if int(at[i].(float64)) != len(all) {
				t.Errorf("%s script %d starts at document %v, the head says %v", kind, i, len(all), at[i])
			}
			items := parse(s, fmt.Sprintf(`(window.VISES_SEARCH_PARTS = window.VISES_SEARCH_PARTS || {})["%s%d"] = `, kind, i)).([]any)
			all = append(all, items...)
			enc, _ := json.Marshal(items)
			last, _ := json.Marshal(items[len(items)-1])
			if n := len(enc) - 2; i < len(scripts)-1 && (n < size || n-len(last)-1 >= size) {
				t.Errorf("%s script %d holds %d bytes, %d without its last document; want it to end past %d", kind, i, n, n-len(last)-1, size)
			}
		}
		return all
	}
	zs := gather("t", texts, h["texts"].([]any), TextBytes)
	ss := gather("s", snippets, h["snippets"].([]any), SnippetBytes)
	if len(heads) != len(whole) || len(zs) != len(whole) || len(ss) != len(whole) {
		t.Fatalf("%d heads, %d texts and %d snippets for %d documents", len(heads), len(zs), len(ss), len(whole))
	}
	for i := range whole {
		merged := map[string]any{}
		for k, v := range heads[i].(map[string]any) {
			merged[k] = v
		}
		if _, ok := merged["z"]; ok {
			t.Errorf("document %d: the head holds the text", i)
		}
		if _, ok := merged["s"]; ok {
			t.Errorf("document %d: the head holds the snippet", i)
		}
		merged["z"], merged["s"] = zs[i], ss[i]
		// The stems of a text part are in alphabetical order.
		z := strings.Fields(whole[i].(map[string]any)["z"].(string))
		slices.Sort(z)
		if zs[i] != strings.Join(z, " ") {
			t.Errorf("document %d: text stems %.80q, want %.80q", i, zs[i], strings.Join(z, " "))
		}
		merged["z"] = whole[i].(map[string]any)["z"]
		if a, b := fmt.Sprint(merged), fmt.Sprint(whole[i]); a != b {
			t.Errorf("document %d:\nsplit %.200s\nwhole %.200s", i, a, b)
		}
	}
}
