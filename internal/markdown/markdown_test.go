package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the .html sections of testdata/*.txtar")

// TestGolden renders every NAME.md section of testdata/LANG-*.txtar (raw-*.txtar with raw HTML
// allowed) and compares it with the NAME.html section. Links are resolved as "URL(dest)".
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(file)
		lang := base[:2]
		raw := strings.HasPrefix(base, "raw-")
		if raw {
			lang = "fr"
		}
		m := New(Options{Lang: lang, AllowRawHTML: raw, Label: func(k string) string { return "<" + k + ">" }})
		htmls := map[string][]byte{}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".html") {
				htmls[strings.TrimSuffix(f.Name, ".html")] = f.Data
			}
		}
		var rebuilt []txtar.File
		for _, f := range a.Files {
			if !strings.HasSuffix(f.Name, ".md") {
				continue
			}
			name := strings.TrimSuffix(f.Name, ".md")
			var b bytes.Buffer
			d := m.Parse(f.Data)
			if err := m.Render(&b, d, func(s string) string { return "URL(" + s + ")" }); err != nil {
				t.Fatal(err)
			}
			rebuilt = append(rebuilt, f, txtar.File{Name: name + ".html", Data: b.Bytes()})
			t.Run(base+"/"+name, func(t *testing.T) {
				want, ok := htmls[name]
				if *update {
					return
				}
				if !ok {
					t.Fatalf("no %s.html section", name)
				}
				if have := b.String(); have != string(want) {
					t.Errorf("have:\n%s\nwant:\n%s", have, want)
				}
			})
		}
		if *update {
			a.Files = rebuilt
			if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Qu'est-ce que l'impact ?", "qu-est-ce-que-l-impact"},
		{"Économie sociale et solidaire (ESS)", "economie-sociale-et-solidaire-ess"},
		{"chaîne de valeur de l’impact", "chaine-de-valeur-de-l-impact"},
		{"Coöperatie en œuvre", "cooperatie-en-oeuvre"},
		{"  --Étape 1 : cadrer--  ", "etape-1-cadrer"},
		{"?!", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpacing(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"fr", "Pourquoi ? Parce que : « oui » ; non !", "Pourquoi\u202f? Parce que\u202f: «\u202foui\u202f»\u202f; non\u202f!"},
		{"fr", "Vraiment! «mot»", "Vraiment\u202f! «\u202fmot\u202f»"},
		{"fr", "l'eau d'ici", "l’eau d’ici"},
		{"fr", "à 10:30 sur https://example.org", "à 10:30 sur https://example.org"},
		{"nl", "Waarom? Daarom: zo 't is", "Waarom? Daarom: zo 't is"},
		{"nl", "de jongen's fiets", "de jongen’s fiets"},
	}
	for _, tt := range tests {
		if got := Spacing(tt.lang, tt.in); got != tt.want {
			t.Errorf("Spacing(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestSpacingHTMLLeavesCodeAndEntitiesAlone(t *testing.T) {
	in := `<p>R&amp;D : oui</p><pre><code>a : b ?</code></pre><p title="x : y">ok ?</p>`
	want := "<p>R&amp;D\u202f: oui</p><pre><code>a : b ?</code></pre><p title=\"x : y\">ok\u202f?</p>"
	if got := string(SpacingHTML(new(bytes.Buffer), "fr", []byte(in))); got != want {
		t.Errorf("have %q\nwant %q", got, want)
	}
}

// refSpacing is Spacing as first written, on runes: the byte version must give the same text.
func refSpacing(lang, s string) string {
	if !strings.ContainsAny(s, "'") && (lang != "fr" || !strings.ContainsAny(s, ";:!?«»%")) {
		return s
	}
	fr := lang == "fr"
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\'' && i > 0 && unicode.IsLetter(rs[i-1]):
			b.WriteRune('’')
		case fr && isSpace(r):
			j := i
			for j < len(rs) && isSpace(rs[j]) {
				j++
			}
			if j < len(rs) && (strings.ContainsRune(";:!?»", rs[j]) || rs[j] == '%' && i > 0 && unicode.IsDigit(rs[i-1])) && (i == 0 || rs[i-1] != '«') {
				b.WriteRune('\u202f')
			} else if i > 0 && rs[i-1] == '«' {
			} else {
				b.WriteString(string(rs[i:j]))
			}
			i = j - 1
		case fr && r == '«':
			b.WriteString("«\u202f")
		case fr && r == '»' && i > 0 && !isSpace(rs[i-1]):
			b.WriteString("\u202f»")
		case fr && (r == '!' || r == '?') && i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]) || rs[i-1] == ')') &&
			(i+1 == len(rs) || unicode.IsSpace(rs[i+1])):
			b.WriteRune('\u202f')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSpacingMatchesReference(t *testing.T) {
	texts := []string{"", "'", "l'ESS", "« Bonjour »", "«\u00a0x\u00a0»", "Quoi ?!", "Fin !", "(a)?", "x : y", "x  ;  y", " : ", "«  : »",
		"a\xff'b", "\xff!", "l’\u202f:", "Het is 's avonds", "1!2", "tab\t? ok", "58 %", "a %", "58  %", "5\u00a0%"}
	_ = filepath.WalkDir("../../content", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				texts = append(texts, strings.Split(string(data), "\n")...)
			}
		}
		return nil
	})
	if len(texts) < 1000 {
		t.Fatalf("only %d texts", len(texts))
	}
	for _, s := range texts {
		for _, lang := range []string{"fr", "nl"} {
			if have, want := Spacing(lang, s), refSpacing(lang, s); have != want {
				t.Fatalf("Spacing(%s, %q) = %q, want %q", lang, s, have, want)
			}
		}
	}
}

func FuzzSpacingMatchesReference(f *testing.F) {
	f.Add("« L'ESS : oui ! »")
	f.Add("a  ;b\u00a0?c")
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"fr", "nl"} {
			if have, want := Spacing(lang, s), refSpacing(lang, s); have != want {
				t.Fatalf("Spacing(%s, %q) = %q, want %q", lang, s, have, want)
			}
		}
	})
}

func FuzzHasSpacingChar(f *testing.F) {
	for _, s := range []string{"« L'ESS", "plain text", "\xc2", "\xc2\xab", "a\xc2\xbb", "é:", "\xff?"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if have, want := hasSpacingChar(b), bytes.ContainsAny(b, spacingChars); have != want {
			t.Fatalf("hasSpacingChar(%q) = %v, want %v", b, have, want)
		}
	})
}

// TestTablesAndHeadingOffsets: a document keeps its tables as text, with the heading they come
// under and where they stand in the source, and the offset of each heading's line.
func TestTablesAndHeadingOffsets(t *testing.T) {
	m := New(Options{Lang: "fr"})
	src := "# A\n\n## Déroulement {#der}\n\nTexte.\n\n| Horaire | Activité |\n| --- | --- |\n| 9 h 30 | Accueil « x » [l](a.md) |\n| 10 h | Fin |\n\nAprès.\n"
	d := m.Parse([]byte(src))
	if len(d.Headings) != 2 || d.Headings[1].Offset != strings.Index(src, "## Dé") || d.Headings[0].Offset != 0 {
		t.Fatalf("headings: %+v", d.Headings)
	}
	if len(d.Tables) != 1 {
		t.Fatalf("%d tables", len(d.Tables))
	}
	tb := d.Tables[0]
	if tb.Section != "der" || strings.Join(tb.Header, "|") != "Horaire|Activité" || len(tb.Rows) != 2 ||
		tb.Rows[0][1] != "Accueil «\u202fx\u202f» l" || tb.Rows[1][0] != "10 h" {
		t.Errorf("table: %+v", tb)
	}
	if got := src[tb.Start:tb.End]; !strings.HasPrefix(got, "| Horaire") || !strings.HasSuffix(got, "| 10 h | Fin |\n") {
		t.Errorf("table source: %q", got)
	}
}

// TestTablesWithoutCells: without ParseOptions.Cells, a table keeps where it is and the heading
// it comes under, not its cells; the HTML is the same.
func TestTablesWithoutCells(t *testing.T) {
	m := New(Options{Lang: "fr"})
	src := []byte("## Déroulement {#der}\n\n| Horaire | Activité |\n| --- | --- |\n| 9 h 30 | Accueil |\n\nAprès.\n")
	with, without := m.Parse(src), m.ParseWith(src, ParseOptions{})
	if len(without.Tables) != 1 {
		t.Fatalf("%d tables", len(without.Tables))
	}
	w, wo := with.Tables[0], without.Tables[0]
	if wo.Header != nil || wo.Rows != nil || wo.Start != w.Start || wo.End != w.End || wo.Section != w.Section || len(w.Rows) != 1 {
		t.Errorf("with cells %+v, without %+v", w, wo)
	}
	if with.HTML(nil) != without.HTML(nil) {
		t.Errorf("the HTML differs:\n%s\n%s", with.HTML(nil), without.HTML(nil))
	}
}

// TestRenderOptions: callouts of the kinds left out disappear with what they hold, headings get
// the prefix, and without options the HTML is the document's.
func TestRenderOptions(t *testing.T) {
	m := New(Options{Lang: "fr"})
	d := m.Parse([]byte("## Titre\n\n> [!FACILITATOR] Note\n> Secret.\n\n> [!NOTE]\n> Public.\n\nFin.\n"))
	plain := d.HTMLWith(nil, RenderOptions{})
	if plain != d.HTML(nil) || !strings.Contains(plain, "Secret") || !strings.Contains(plain, `id="titre"`) {
		t.Errorf("without options: %s", plain)
	}
	got := d.HTMLWith(nil, RenderOptions{LeaveOut: []string{"facilitator"}, IDPrefix: "p-"})
	if strings.Contains(got, "Secret") || !strings.Contains(got, "Public") || !strings.Contains(got, `id="p-titre"`) || !strings.Contains(got, "Fin.") {
		t.Errorf("with options: %s", got)
	}
}
