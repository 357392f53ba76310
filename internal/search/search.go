// Package search builds the search index of each language at build time: every page (methods
// chapters section by section), every glossary term (with its terms in the other languages)
// and every indicator, as light-stemmed words that the browser matches as the reader types.
// The same normalization and stemming are written in Go here and in the theme's JavaScript
// (fold in common.js, stem in search.js).
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold maps the letters of Latin-1 and Latin Extended-A to their lowercase letters without
// accents (é to e, Œ to oe): made once from Unicode's decompositions.
var fold = func() map[rune]string {
	m := map[rune]string{'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss"}
	for r := rune(0xC0); r <= 0x24F; r++ {
		if _, ok := m[r]; ok {
			continue
		}
		var b strings.Builder
		for _, c := range norm.NFD.String(string(unicode.ToLower(r))) {
			if !unicode.Is(unicode.Mn, c) {
				b.WriteRune(c)
			}
		}
		m[r] = b.String()
	}
	return m
}()

// foldRune returns the lowercase letters of a rune that is not ASCII, without accents; a
// subscript digit is the digit ("CO₂" is "co2").
func foldRune(r rune) string {
	if f := fold[r]; f != "" {
		return f
	}
	if '₀' <= r && r <= '₉' {
		return string('0' + (r - '₀'))
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(unicode.ToLower(r))) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Normalize lowercases a text and removes its accents (œ and æ become oe and ae, ₂ becomes 2).
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// Words splits a text into normalized words of letters and digits.
func Words(s string) []string {
	var out []string
	eachWord(s, func(w []byte) bool { out = append(out, string(w)); return true })
	return out
}

// eachWord calls f with each normalized word of s (the words of Words, in a buffer that f must
// not keep), until f returns false. It folds the text as it goes, without making a copy of it.
func eachWord(s string, f func(w []byte) bool) {
	var buf [64]byte
	w := buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				w = append(w, c)
			case 'A' <= c && c <= 'Z':
				w = append(w, c+'a'-'A')
			default:
				if len(w) > 0 && !f(w) {
					return
				}
				w = w[:0]
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		for _, c := range foldRune(r) {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				w = append(w, byte(c))
				continue
			}
			if len(w) > 0 && !f(w) {
				return
			}
			w = w[:0]
		}
	}
	if len(w) > 0 {
		f(w)
	}
}

// Stem reduces a normalized word to a light stem, so that common French and Dutch word forms
// meet: plurals ("indicateurs", "vrijwilligers", "indicatoren"), feminines ("coopératives"),
// and the like. It is deliberately light: it never merges words of different meanings that a
// reader would want apart, at the price of missing rarer forms.
func Stem(lang, w string) string { return string(stemBytes(lang, []byte(w))) }

// Stems returns the distinct stems of a text, in order of first appearance.
func Stems(lang, text string) []string { return stems(lang, text, -1) }

// stems returns at most max distinct stems (all when max < 0).
func stems(lang, text string, max int) []string {
	var out []string
	joinStemsFunc(lang, text, max, func(s []byte) { out = append(out, string(s)) })
	return out
}

// joinStems returns the distinct stems of stems(lang, text, max), separated by spaces.
func joinStems(lang, text string, max int) string {
	var buf [512]byte
	b := buf[:0]
	joinStemsFunc(lang, text, max, func(s []byte) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, s...)
	})
	return string(b) // exactly as long as it needs: a page keeps it
}

// joinStemsFunc calls f with each distinct stem of text that is not the stem of a stop word,
// in order of first appearance, at most max times (without limit when max < 0). The stem passed to f is valid during the call only.
// Stems are told apart by a 64-bit hash of their bytes (FNV-1a), which spares a string per
// stem: two stems of a text would have to share it for one to be left out.
func joinStemsFunc(lang, text string, max int, f func([]byte)) {
	var few [16]uint64 // the stems of a short text (a heading) are looked up in a list
	seen, many := few[:0], map[uint64]struct{}(nil)
	n := 0
	eachWord(text, func(w []byte) bool {
		if len(w) < 2 {
			return true
		}
		st := stemBytes(lang, w)
		h := uint64(14695981039346656037)
		for _, c := range st {
			h = (h ^ uint64(c)) * 1099511628211
		}
		if many != nil {
			if _, ok := many[h]; ok {
				return true
			}
			many[h] = struct{}{}
		} else {
			if slices.Contains(seen, h) {
				return true
			}
			if seen = append(seen, h); len(seen) == len(few) {
				many = make(map[uint64]struct{}, 4*len(few))
				for _, x := range seen {
					many[x] = struct{}{}
				}
			}
		}
		if isStop(lang, st) {
			return true // seen once, skipped at once after
		}
		f(st)
		n++
		return n != max
	})
}

// stemBytes is Stem on a word in a buffer; the result shares the buffer.
func stemBytes(lang string, w []byte) []byte {
	n := len(w)
	switch lang {
	case "fr":
		if n > 4 && w[n-3] == 'a' && w[n-2] == 'u' && w[n-1] == 'x' {
			return append(w[:n-3], 'a', 'l') // sociaux -> social
		}
		if n > 3 && (w[n-1] == 's' || w[n-1] == 'x') {
			w = w[:n-1]
			n--
		}
		if n > 4 && w[n-1] == 'e' {
			w = w[:n-1] // cooperative -> cooperativ, benevole -> benevol
		}
	case "nl":
		switch {
		case n > 5 && w[n-2] == 'e' && w[n-1] == 'n':
			w = w[:n-2] // indicatoren -> indicator, gegevens stays
		case n > 4 && w[n-1] == 's':
			w = w[:n-1] // vrijwilligers -> vrijwilliger
		}
		n = len(w)
		if n > 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiou", rune(w[n-1])) {
			w = w[:n-1] // (gemeenschapp)en -> gemeenschap
		}
	}
	return w
}

// StopWords are the words of both languages that say nothing about what is searched
// ("impact vs résultat", "wat is een indicator"): the index leaves their stems out, and
// search.js, which reads this list from the index, leaves them out of queries. Both lists
// apply to both languages, since readers of one often type words of the other.
const StopWords = "a au aux avec c ce ces comment d dans de des du elle en entre est et il je l la le les leur leurs" +
	" ma mes mon ne nos notre on ou par pas pour pourquoi qu quand que quel quelle quelles quels qui quoi sa se ses son" +
	" sur un une vs versus contre y aan als bij dat deze die dit een er het hoe ik in is je met mijn naar of om onze op" +
	" te tegenover tot van voor wat waarom we welke wie zijn"

// stopStems holds, per language, the stems of the stop words.
var stopStems = func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, lang := range []string{"fr", "nl", ""} {
		m[lang] = map[string]bool{}
		for _, w := range strings.Fields(StopWords) {
			m[lang][Stem(lang, w)] = true
		}
	}
	return m
}()

// isStop says whether st is the stem of a stop word in lang.
func isStop(lang string, st []byte) bool {
	set := stopStems[lang]
	if set == nil {
		set = stopStems[""]
	}
	return len(st) <= 9 && set[string(st)]
}

// Doc is one searchable unit: a page, a section of a page, a glossary term, an indicator.
type Doc struct {
	URL     string // address, relative to the site root, with the anchor of the section
	Kind    string // label of the kind of page (chapter, case, worksheet, indicator, term...)
	Title   string // the page's title (or the term)
	Heading string // the section's heading, or ""
	Snippet string // the start of the text, shown under the result
	X, Y, Z string // stems of the title, the heading and the text, separated by spaces
}

// Part is the searchable text of a section of a page, made when the page is parsed: stems
// and a snippet, not the whole text.
type Part struct {
	Anchor, Heading, Snippet string
	Heads, Body              string // stems separated by spaces
}

// maxStems bounds the distinct words indexed for one section: enough for any section of the
// kit, and it keeps the index of a very long page in proportion.
const maxStems = 300

// Parts makes the parts of a page from its sections (see markdown.Doc.Sections).
func Parts(lang string, anchors, headings, texts []string) []Part {
	out := make([]Part, 0, len(texts))
	for i := range texts {
		if strings.TrimSpace(texts[i]) == "" && headings[i] == "" {
			continue
		}
		out = append(out, Part{Anchor: anchors[i], Heading: headings[i], Snippet: Snippet(texts[i]),
			Heads: joinStems(lang, headings[i], -1), Body: joinStems(lang, texts[i], maxStems)})
	}
	return out
}

// BigSite is the number of Markdown pages of a language past which its pages are indexed
// whole rather than section by section (see WholeParts): the index of a big site must stay
// small enough for a browser to load.
const BigSite = 1000

// wholeStems bounds the words indexed for the start of a page indexed whole.
const wholeStems = 120

// WholeParts makes the one part of a page indexed whole: the first section that has text or a
// heading, with its snippet and the first words of its text, and the headings of the others.
// It is what Parts gives for that section, with Heads the stems of the other sections'
// headings and Body cut to its first 120 words, made without the work for the other sections.
func WholeParts(lang string, anchors, headings, texts []string) []Part {
	first := -1
	var heads []string
	for i := range texts {
		if strings.TrimSpace(texts[i]) == "" && headings[i] == "" {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		heads = append(heads, joinStems(lang, headings[i], -1))
	}
	if first < 0 {
		return []Part{}
	}
	return []Part{{Anchor: anchors[first], Heading: headings[first], Snippet: Snippet(texts[first]),
		Heads: strings.Join(heads, " "), Body: joinStems(lang, texts[first], wholeStems)}}
}

// New makes a document from its texts.
func New(lang, url, kind, title, heading, text string, extra ...string) Doc {
	d := Doc{URL: url, Kind: kind, Title: title, Heading: heading, Snippet: Snippet(text)}
	d.X = joinStems(lang, title+" "+strings.Join(extra, " "), -1)
	d.Y = joinStems(lang, heading, -1)
	d.Z = joinStems(lang, text, -1)
	return d
}

// Snippet returns the start of a text, about 220 characters cut at a word: its first 800
// bytes with runs of white space made one space, cut at the last space after the 150th
// character when longer than 220 characters.
func Snippet(text string) string {
	if len(text) > 800 {
		text = text[:800] // the snippet needs the start only
	}
	// One pass: runs of white space become one space, runes are counted up to the 221st.
	b := make([]byte, 0, 256)
	runes, at220 := 0, 0 // at220: length of b when it held 220 runes
	space := false
	for i := 0; i < len(text) && runes <= 220; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			space = len(b) > 0
			i += size
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
			if runes++; runes == 220 {
				at220 = len(b)
			}
			if runes > 220 {
				break
			}
		}
		b = append(b, text[i:i+size]...)
		i += size
		if runes++; runes == 220 {
			at220 = len(b)
		}
	}
	if runes <= 220 {
		return string(b)
	}
	cut := b[:at220]
	if i := bytes.LastIndexByte(cut, ' '); i > 150 {
		cut = cut[:i]
	}
	return string(cut) + " …"
}

// jdoc is a document as the index file holds it.
type jdoc struct {
	U string `json:"u"`
	K string `json:"k"`
	T string `json:"t"`
	H string `json:"h,omitempty"`
	S string `json:"s"`
	X string `json:"x"` // title stems
	Y string `json:"y,omitempty"`
	Z string `json:"z"`
}

// Encode returns documents as the index holds them: JSON objects separated by commas. A page
// keeps its encoded documents between builds, so that serve does not encode them again.
func Encode(docs []Doc) []byte {
	var b []byte
	for i, d := range docs {
		data, _ := json.Marshal(jdoc{U: d.URL, K: d.Kind, T: d.Title, H: d.Heading, S: d.Snippet,
			X: d.X, Y: d.Y, Z: d.Z})
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, data...)
	}
	return b
}

// Script returns the index of a language, from encoded documents (see Encode), as a script
// that sets window.VISES_SEARCH, so that it also loads from file://. Addresses are relative
// to the site root; search.js makes them relative to the page.
func Script(lang string, chunks [][]byte, kinds map[string]string) []byte {
	head, _ := json.Marshal(struct {
		Lang  string            `json:"lang"`
		Kinds map[string]string `json:"kinds"`
	}{lang, kinds})
	size := len(head) + len(StopWords) + 80
	for _, c := range chunks {
		size += len(c) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, "window.VISES_SEARCH = "...)
	b = append(b, head[:len(head)-1]...)
	b = append(b, `,"stop":"`+StopWords+`"`...)
	b = append(b, `,"docs":[`...)
	first := true
	for _, c := range chunks {
		if len(c) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, c...)
	}
	return append(b, "]};\n"...)
}

// TextBytes and SnippetBytes are about the size of one script of text stems, and of one
// script of snippets, of the split index (see Split): a text script is read by a phone's
// browser in one short task; a snippet script is small, since it is loaded for the results it
// shows. A script ends after the document that takes it to that size.
const (
	TextBytes    = 48 << 10
	SnippetBytes = 12 << 10
)

// Split returns the index of a language, from encoded documents (see Encode), cut so that a
// browser can show first results before it has read every text, and read the texts in short
// tasks:
//
//   - head sets window.VISES_SEARCH as Script does, with each document's address, kind, title,
//     heading and the stems of its title and heading only, and, in "texts" and "snippets", the
//     index of the first document of each text script and of each snippet script;
//   - texts[i] holds the text stems ("z") of the next documents, in order, about TextBytes,
//     as window.VISES_SEARCH_PARTS["t"+i] (each document's stems in alphabetical order);
//   - snippets[i] holds the snippets ("s") of the next documents, in order, about
//     SnippetBytes, as window.VISES_SEARCH_PARTS["s"+i].
//
// search.js loads head, then every text script, and the snippet scripts of the results it
// shows. Each is a script, not JSON, so that it also loads from file://.
func Split(lang string, chunks [][]byte, kinds map[string]string) (head []byte, texts, snippets [][]byte) {
	var heads [][]byte
	textAt, snippetAt := []int{}, []int{}
	var t, s []byte // the script being filled of each kind
	docs := 0
	for _, c := range chunks {
		var h []byte
		eachDoc(c, func(dh, ds, dz []byte) {
			h = appendItem(h, dh)
			if len(t) == 0 {
				textAt = append(textAt, docs)
			}
			if len(s) == 0 {
				snippetAt = append(snippetAt, docs)
			}
			if t = appendItem(t, sortStems(dz)); len(t) >= TextBytes {
				texts, t = append(texts, t), nil
			}
			if s = appendItem(s, ds); len(s) >= SnippetBytes {
				snippets, s = append(snippets, s), nil
			}
			docs++
		})
		heads = append(heads, h)
	}
	if len(t) > 0 {
		texts = append(texts, t)
	}
	if len(s) > 0 {
		snippets = append(snippets, s)
	}
	head = Script(lang, heads, kinds)
	at, _ := json.Marshal(struct {
		Texts    []int `json:"texts"`
		Snippets []int `json:"snippets"`
	}{textAt, snippetAt})
	// Script ends with "]};\n": the places of the scripts go before the closing brace.
	head = append(append(head[:len(head)-len("};\n")], ','), at[1:len(at)-1]...)
	head = append(head, "};\n"...)
	for i := range texts {
		texts[i] = part("t", i, texts[i])
	}
	for i := range snippets {
		snippets[i] = part("s", i, snippets[i])
	}
	return head, texts, snippets
}

// sortStems returns the JSON string of stems z (see Encode) with its stems in alphabetical
// order: search.js looks stems up wherever they are, and neighbours that share their first
// letters make a text part a tenth smaller once gzipped.
func sortStems(z []byte) []byte {
	if len(z) < 2 {
		return z
	}
	words := bytes.Fields(z[1 : len(z)-1])
	slices.SortFunc(words, bytes.Compare)
	out := make([]byte, 0, len(z))
	out = append(out, '"')
	out = append(out, bytes.Join(words, []byte(" "))...)
	return append(out, '"')
}

// appendItem appends a JSON value to a list of values separated by commas.
func appendItem(list, v []byte) []byte {
	if len(list) > 0 {
		list = append(list, ',')
	}
	return append(list, v...)
}

// part returns the script of the part kind+i of the index, which holds the JSON values items.
func part(kind string, i int, items []byte) []byte {
	b := make([]byte, 0, len(items)+96)
	b = append(b, `(window.VISES_SEARCH_PARTS = window.VISES_SEARCH_PARTS || {})["`...)
	b = append(b, kind...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"] = [`...)
	b = append(b, items...)
	return append(b, "];\n"...)
}

// eachDoc calls f with each of the encoded documents enc (see Encode): its head (the document
// without "s" and "z"), and the JSON strings of its snippet and of its text stems. It reads
// the fields by their names: within a JSON string a quote is always escaped, so `,"s":"` and
// the like only occur between fields, and the stems of "z" hold no quote.
func eachDoc(enc []byte, f func(head, s, z []byte)) {
	var head []byte
	for len(enc) > 0 {
		s := bytes.Index(enc, []byte(`,"s":"`))
		x := bytes.Index(enc, []byte(`,"x":"`))
		z := bytes.Index(enc, []byte(`,"z":"`))
		if s < 0 || x < s || z < x {
			break // not a document as Encode writes it
		}
		end := z + len(`,"z":"`) + bytes.IndexByte(enc[z+len(`,"z":"`):], '"') + 2 // after `"}`
		head = append(append(append(head[:0], enc[:s]...), enc[x:z]...), '}')
		f(head, enc[s+len(`,"s":`):x], enc[z+len(`,"z":`):end-1])
		enc = enc[end:]
		if len(enc) > 0 && enc[0] == ',' {
			enc = enc[1:]
		}
	}
}
