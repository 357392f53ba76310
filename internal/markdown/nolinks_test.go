package markdown

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// noLinksFragments are the pieces random documents are made of: text, every inline and block
// syntax the kit's Markdown knows, and the near misses of linkify's prefixes.
var noLinksFragments = []string{
	"mot", "l'impact", "sociale", "économie", " ", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "  \n", "\\\n", " \r\n", "\u00a0",
	"*", "**", "_", "__", "~", "~~", "(", ")", "[", "]", "![", "](", "[lien](page.md)", "[a](b.md \"t\")", "![img](i.png)",
	"`", "``", "`code`", "\\", "\\*", "\\_", "\\ ", "\\(", "&amp;", "&#39;", "&", "<", ">", "<b>", "</b>", "<!-- c -->",
	"<ftp://x.y>", "ftp://x.y", "www", "wwwx", "ww.", "htt", "htp:", "mailto", "mail:", "tel:0", "x.y", "a.b.c", "-", "--", "---",
	"...", ".", ",", ":", ";", "!", "?", "\"", "'", "«", "»", "« ", " »", "#", "# Titre", "## Partie {#id}", "### T",
	"- ", "* ", "1. ", "- [ ] ", "- [x] ", "> ", "| a | b |\n| --- | --- |\n| c | d |\n", "```\ncode\n```\n", "    indent",
	"::: note\n", ":::\n", "   ", "\t\t", " \t", "\r", "    \n", "\t  \n", " \\\n", "| a   |  b  |\n| --- | :-: |\n|  c  |   d |\n",
	"## T  ##  \n", "T  \n===  \n", "T  {#id}\n===\n", "## T \t{#id}\n", "T  {.c}  \n---\n", "  {", "\t}", "|  ", "  |", "=", "+", "|", "{.c}", "é", "ä", "\u202f", "x_y_z", "a*b*c", "(*x*)", "_(", ")_", "~(", "(~",
}

// randomNoLinks returns a random document of n fragments in which linkify can find nothing.
func randomNoLinks(r *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for range n {
		b.WriteString(noLinksFragments[r.IntN(len(noLinksFragments))])
	}
	return b.Bytes()
}

// withoutLinkPrefixes breaks, in src, every start of a link linkify could find.
func withoutLinkPrefixes(src []byte) []byte {
	src = bytes.ReplaceAll(src, []byte("@"), []byte("(a)"))
	for _, p := range append([]string{"www."}, linkProtocols...) {
		src = bytes.ReplaceAll(src, []byte(p), []byte(p[:len(p)-1]+"_"))
	}
	return src
}

// checkNoLinks parses src with and without linkify and fails when the documents differ.
func checkNoLinks(t *testing.T, m *Markdown, src []byte) {
	t.Helper()
	if mayLinkify(src) {
		t.Fatalf("mayLinkify(%q) = true", src)
	}
	for _, allTexts := range []bool{true, false} {
		want := m.parseWith(m.md.Parser(), src, allTexts)
		have := m.parseWith(m.nolinks, src, allTexts)
		if !bytes.Equal(have.html, want.html) {
			t.Fatalf("Markdown %q\nwithout linkify: %q\nwith linkify:    %q", src, have.html, want.html)
		}
		if len(have.Callouts) != len(want.Callouts) {
			t.Fatalf("Markdown %q: %d callouts without linkify, %d with", src, len(have.Callouts), len(want.Callouts))
		}
		have.Callouts, want.Callouts = nil, nil
		if !reflect.DeepEqual(have, want) {
			t.Fatalf("Markdown %q\nwithout linkify: %+v\nwith linkify:    %+v", src, have, want)
		}
	}
}

// TestNoLinksParserMatches checks that parsing a text where linkify cannot find a link gives
// the same document, byte for byte, with linkify and without it: on random documents, on every
// page of the kit (with their addresses broken) and on chosen near misses.
func TestNoLinksParserMatches(t *testing.T) {
	ms := []*Markdown{New(Options{Lang: "fr"}), New(Options{Lang: "nl"}), New(Options{Lang: "fr", AllowRawHTML: true})}
	var pages [][]byte
	_ = filepath.WalkDir("../../content", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				pages = append(pages, withoutLinkPrefixes(data))
			}
		}
		return nil
	})
	if len(pages) < 100 {
		t.Fatalf("only %d pages of the kit", len(pages))
	}
	for _, m := range ms {
		for _, src := range pages {
			checkNoLinks(t, m, src)
		}
		for _, s := range []string{"", "a", " x ", "ftp://a.b c", "www x", "x@", "@", "mailto x", "http x", "(www) *www*"} {
			if !strings.ContainsAny(s, "@") && !strings.Contains(s, "www.") && !strings.Contains(s, "http") {
				checkNoLinks(t, m, []byte(s))
			}
		}
	}
	r := rand.New(rand.NewPCG(8, 8))
	checked := 0
	for i := 0; i < 200000 && checked < 15000; i++ {
		// Fragments can join into a prefix ("mailto" and ":::") or blanks at a line's end:
		// those documents go to linkify, and are left out.
		if src := randomNoLinks(r, 1+r.IntN(60)); !mayLinkify(src) {
			checkNoLinks(t, ms[checked%len(ms)], src)
			checked++
		}
	}
	if checked < 15000 {
		t.Fatalf("only %d random documents without a link prefix", checked)
	}
}

// TestMayLinkify checks that the texts where linkify finds a link are parsed with it.
func TestMayLinkify(t *testing.T) {
	m := New(Options{Lang: "fr"})
	for _, s := range []string{"voir https://vises.example/", "voir http://a.b", "www.vises.example", "écrire à info@vises.example", "mailto:x",
		"http:", "::https:", "a : b mailto:", "x  \ny", "x\t\t"} {
		if !mayLinkify([]byte(s)) {
			t.Errorf("mayLinkify(%q) = false", s)
		}
	}
	for _, s := range []string{"", ":", "http", "a : b", "mail:to", "https :", "Note : voir plus bas.", "x \ny", "ww.x"} {
		if mayLinkify([]byte(s)) {
			t.Errorf("mayLinkify(%q) = true", s)
		}
	}
	// Through Parse, the address is a link.
	for _, s := range []string{"voir https://vises.example/ ici", "voir www.vises.example ici", "info@vises.example"} {
		if d := m.Parse([]byte(s)); !bytes.Contains(d.html, []byte("<a href=")) {
			t.Errorf("Parse(%q) = %s, want a link", s, d.html)
		}
	}
}

func FuzzNoLinksParser(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		f.Add(randomNoLinks(r, 20))
	}
	m := New(Options{Lang: "fr"})
	f.Fuzz(func(t *testing.T, src []byte) {
		if !mayLinkify(src) {
			checkNoLinks(t, m, src)
		}
	})
}
