package build

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"vises/internal/config"
	"vises/internal/diag"
)

// The tests in this file run on the repository's own kit (../../).

func TestKitChecksClean(t *testing.T) {
	res := Run(Options{FS: os.DirFS("../..")})
	if n := res.Diags.Count(diag.Error) + res.Diags.Count(diag.Warning); n > 0 {
		t.Fatalf("vises check on the kit: %d problems:\n%s", n, res.Diags.String())
	}
	for _, lang := range []string{"fr", "nl"} {
		if res.Pages[lang] < 60 {
			t.Errorf("check rendered only %d %s pages", res.Pages[lang], lang)
		}
	}
}

// TestKitCrawl builds the kit at a domain root, under a sub-path and for offline use, and
// resolves every internal link of the output.
func TestKitCrawl(t *testing.T) {
	modes := []struct {
		name     string
		o        config.Overrides
		basePath string
	}{
		{"root", config.Overrides{BaseURL: "https://kit.example/"}, "/"},
		{"sub-path", config.Overrides{BaseURL: "https://partner.example/outils/vises/"}, "/outils/vises/"},
		{"offline", config.Overrides{BaseURL: "https://kit.example/", Offline: true}, "/"},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			m.o.OutDir = out
			res := Run(Options{FS: os.DirFS("../.."), Publish: true, Overrides: m.o})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.String())
			}
			tree := readTree(t, out)
			if n := crawl(t, tree, m.basePath, m.o.Offline); n < 1000 {
				t.Errorf("only %d links checked", n)
			}
			for _, want := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "fr/index.html", "nl/index.html"} {
				if _, ok := tree[want]; !ok {
					t.Errorf("no %s", want)
				}
			}
			if !strings.Contains(string(tree["robots.txt"]), "Sitemap: https://") {
				t.Error("robots.txt does not point at the sitemap")
			}
		})
	}
}

var (
	mdLinkTarget = regexp.MustCompile(`\]\([^)]*\)`)
	mdMarkup     = regexp.MustCompile("[#>*_`|~\\[\\]{}-]+")
)

// words counts the words a reader sees in a Markdown body: link targets, heading IDs and
// markup do not count.
func words(body []byte) int {
	s := mdLinkTarget.ReplaceAllString(string(body), "]")
	s = regexp.MustCompile(`\{#[^}]*\}`).ReplaceAllString(s, "")
	s = mdMarkup.ReplaceAllString(s, " ")
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

func TestWordsCountsWhatReadersSee(t *testing.T) {
	body := []byte("## Titre {#id}\n\nVoir [la page](../a/b.md#c) et **trois** mots | — |\n")
	if n := words(body); n != 7 {
		t.Errorf("words = %d, want 7", n)
	}
}

// TestKitHasTheWholeMethod checks the minimum size of the kit, per page and per language:
// at least 10 method chapters of 700 words, 5 cases of 900 words, 3 training sessions, 60
// glossary terms paired across the languages, and the about pages.
func TestKitHasTheWholeMethod(t *testing.T) {
	res := Run(Options{FS: os.DirFS("../..")})
	if res.Site == nil {
		t.Fatal(res.Diags.String())
	}
	total := map[string]int{}
	for _, lang := range []string{"fr", "nl"} {
		count := map[string]int{}
		for _, p := range res.Site.Lang(lang) {
			if p.Doc == nil || p.Implicit {
				continue
			}
			src, err := os.ReadFile(filepath.Join("../..", p.File))
			if err != nil {
				t.Fatal(err)
			}
			n := words(bodyOf(src))
			total[lang] += n
			if p.Kind != "page" {
				continue
			}
			switch p.Section {
			case "methode":
				count["methode"]++
				if n < 700 {
					t.Errorf("%s: %d words, want at least 700", p.File, n)
				}
			case "cas":
				count["cas"]++
				if n < 900 {
					t.Errorf("%s: %d words, want at least 900", p.File, n)
				}
			case "formation", "a-propos":
				count[p.Section]++
			}
		}
		for section, min := range map[string]int{"methode": 10, "cas": 5, "formation": 3, "a-propos": 3} {
			if count[section] < min {
				t.Errorf("%s: %d pages in %s, want at least %d", lang, count[section], section, min)
			}
		}
		g := res.Site.Page(lang, "glossaire/_index.md")
		if g == nil || len(g.FM.Terms) < 60 {
			t.Errorf("%s: the glossary needs at least 60 terms", lang)
		}
	}
	gfr, gnl := res.Site.Page("fr", "glossaire/_index.md"), res.Site.Page("nl", "glossaire/_index.md")
	if gfr != nil && gnl != nil {
		ids := map[string]bool{}
		for _, term := range gnl.FM.Terms {
			ids[term.ID] = true
		}
		for _, term := range gfr.FM.Terms {
			if !ids[term.ID] {
				t.Errorf("glossary term %q has no Dutch entry", term.ID)
			}
		}
		if len(gfr.FM.Terms) != len(gnl.FM.Terms) {
			t.Errorf("glossary: %d French terms, %d Dutch terms", len(gfr.FM.Terms), len(gnl.FM.Terms))
		}
	}
	t.Logf("words: fr %d, nl %d", total["fr"], total["nl"])
}

// bodyOf returns the Markdown after the front matter.
func bodyOf(src []byte) []byte {
	s := string(src)
	if !strings.HasPrefix(s, "---") {
		return src
	}
	if i := strings.Index(s[3:], "\n---"); i >= 0 {
		rest := s[3+i+4:]
		return []byte(rest)
	}
	return src
}

// TestKitCatalogueDownloads reads the catalogue's CSV and JSON back as a spreadsheet and a
// program would, and checks the picker's size budget: its script and data for 100 indicators
// stay under 60 KB once gzipped.
func TestKitCatalogueDownloads(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := Run(Options{FS: os.DirFS("../.."), Publish: true, Overrides: config.Overrides{OutDir: out}})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	frCount := 0 // French indicators, for the size budget below
	for _, c := range []struct{ dir, header string }{
		{"fr/indicateurs", "Identifiant;Nom;Dimension"},
		{"nl/indicatoren", "Code;Naam;Dimensie"},
	} {
		data, err := os.ReadFile(filepath.Join(out, c.dir, "catalogue.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\ufeff"+c.header)) || !bytes.Contains(data, []byte("\r\n")) {
			t.Errorf("%s/catalogue.csv: no byte order mark, header or CRLF: %q", c.dir, data[:40])
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s/catalogue.csv: %v", c.dir, err)
		}
		var doc struct {
			Indicators []struct{ ID, Name, Definition string }
			Facets     []struct{ Name string }
		}
		js, _ := os.ReadFile(filepath.Join(out, c.dir, "catalogue.json"))
		if err := json.Unmarshal(js, &doc); err != nil {
			t.Fatalf("%s/catalogue.json: %v", c.dir, err)
		}
		if c.dir == "fr/indicateurs" {
			frCount = len(doc.Indicators)
		}
		if len(doc.Indicators) < 60 || len(rows) != len(doc.Indicators)+1 || len(doc.Facets) != 8 {
			t.Errorf("%s: %d CSV rows, %d JSON indicators, %d facets", c.dir, len(rows), len(doc.Indicators), len(doc.Facets))
		}
		for i, in := range doc.Indicators {
			if in.Definition == "" || rows[i+1][0] != in.ID || rows[i+1][1] != in.Name {
				t.Errorf("%s: row %d (%s) does not match the JSON", c.dir, i+1, in.ID)
			}
		}
	}

	// Budget: scale the French data to 100 indicators, gzip it with the script.
	script, _ := filepath.Glob(filepath.Join(out, "js", "picker.*.js"))
	data, _ := os.ReadFile(filepath.Join(out, "fr", "indicateurs", "picker-data.js"))
	js, _ := os.ReadFile(script[0])
	perIndicator := float64(gz(data)) / float64(frCount)
	total := gz(js) + int(perIndicator*100)
	if total > 60*1024 {
		t.Errorf("picker script and data for 100 indicators: %d bytes gzipped, budget 60 KB", total)
	}
	for _, lang := range []string{"fr", "nl"} {
		// The index is its titles (search-index.js) and its parts (search-text-N.js,
		// search-snippets-N.js), each gzipped on its own as a host sends them.
		files, _ := filepath.Glob(filepath.Join(out, lang, "search-*.js"))
		if len(files) < 3 {
			t.Fatalf("%s search index: %v", lang, files)
		}
		n := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n += gz(data)
		}
		// The budget grows with the kit: 150 KB for 218 pages, 175 KB since the second edition
		// (274 pages: step 3, rigour of collection, session materials, sixteen cards, case F).
		if n > 175*1024 {
			t.Errorf("%s search index: %d bytes gzipped, budget 175 KB", lang, n)
		} else {
			t.Logf("%s search index: %d bytes gzipped", lang, n)
		}
	}
	t.Logf("picker budget: script %d B + data %.0f B/indicator -> %d B for 100 indicators (gzip)", gz(js), perIndicator, total)
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestKitWorksheetsAndChaptersLinkEachOther checks that each worksheet links to a method
// chapter and is linked from one, in both languages.
func TestKitWorksheetsAndChaptersLinkEachOther(t *testing.T) {
	for _, lang := range []string{"fr", "nl"} {
		sheets, _ := filepath.Glob(filepath.Join("../../content", lang, "fiches", "*.md"))
		chapters, _ := filepath.Glob(filepath.Join("../../content", lang, "methode", "*.md"))
		var method []byte
		for _, c := range chapters {
			data, _ := os.ReadFile(c)
			method = append(method, data...)
		}
		n := 0
		for _, s := range sheets {
			name := filepath.Base(s)
			if name == "_index.md" {
				continue
			}
			n++
			data, _ := os.ReadFile(s)
			if !bytes.Contains(data, []byte("../methode/")) {
				t.Errorf("%s links to no method chapter", s)
			}
			if !bytes.Contains(method, []byte("fiches/"+name)) {
				t.Errorf("%s is linked from no method chapter", s)
			}
		}
		if n < 6 {
			t.Errorf("%s: %d worksheets, want 6", lang, n)
		}
	}
}

// TestKitDecksShowCards: in the planning day's decks, the example indicators are drawn as
// their cards side by side (code, title, definition), and the collection plan worksheet as a
// card with a QR code to it, in both languages.
func TestKitDecksShowCards(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := Run(Options{FS: os.DirFS("../.."), Publish: true, Overrides: config.Overrides{OutDir: out}})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.String())
	}
	for deck, plan := range map[string]string{"fr/formation/journee-plan/diapos/index.html": "fiches/plan-de-collecte/",
		"nl/vorming/dagworkshop-evaluatieplan/presentatie/index.html": "werkbladen/verzamelplan/"} {
		html, err := os.ReadFile(filepath.Join(out, deck))
		if err != nil {
			t.Fatal(err)
		}
		row := regexp.MustCompile(`<div class="?slide-cards"?>(.*?)</div></div></div>`).FindSubmatch(html)
		for _, code := range []string{"SOC-01", "SOC-07", "SOC-09"} {
			if row == nil || !bytes.Contains(row[1], []byte(`slide-card-code">`+code+"<")) {
				t.Errorf("%s: no card of %s in a row of indicator cards", deck, code)
			}
		}
		if !regexp.MustCompile(`slide-card-qr"?><svg[^>]*>.*?</svg>.*?` + regexp.QuoteMeta(plan)).Match(html) {
			t.Errorf("%s: no card with a QR code to the collection plan worksheet", deck)
		}
	}
}
