package evaluation

import (
	"strings"
	"testing"
	"testing/fstest"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/markdown"
)

// sheet is a worksheet with three scored sections (a radar) and a text question.
const sheet = `---
title: Fiche
worksheet:
  scales:
    s3:
      - {value: 0, label: Non}
      - {value: 1, label: Oui}
  sections:
    - id: a
      title: A
      items:
        - {id: a1, kind: scale, label: Un, scale: s3}
    - id: b
      title: B
      items:
        - {id: b1, kind: scale, label: Deux, scale: s3}
    - id: c
      title: C
      items:
        - {id: c1, kind: scale, label: Trois, scale: s3}
    - id: notes
      title: Notes
      items:
        - {id: n1, kind: text, label: Notes}
---
`

// plain is a worksheet without a radar.
const plain = `---
title: Simple
worksheet:
  sections:
    - id: only
      title: Seule
      items:
        - {id: t1, kind: text, label: Texte}
---
`

func load(t *testing.T, fr, nl string) *diag.List {
	t.Helper()
	fsys := fstest.MapFS{
		"content/fr/fiches/_index.md":      {Data: []byte("---\ntitle: Fiches\n---\n")},
		"content/nl/fiches/_index.md":      {Data: []byte("---\ntitle: Werkbladen\n---\n")},
		"content/fr/fiches/fiche.md":       {Data: []byte(sheet)},
		"content/nl/fiches/fiche.md":       {Data: []byte(sheet)},
		"content/fr/fiches/simple.md":      {Data: []byte(plain)},
		"content/nl/fiches/simple.md":      {Data: []byte(plain)},
		"content/fr/evaluation/rapport.md": {Data: []byte(fr)},
		"content/nl/evaluation/rapport.md": {Data: []byte(nl)},
		"content/fr/evaluation/_index.md":  {Data: []byte("---\ntitle: Mon évaluation\n---\n")},
		"content/nl/evaluation/_index.md":  {Data: []byte("---\ntitle: Mijn evaluatie\n---\n")},
		"content/fr/methode/autre.md":      {Data: []byte("---\ntitle: Autre\nreport:\n  - {id: x, title: X}\n---\n")},
		"content/nl/methode/autre.md":      {Data: []byte("---\ntitle: Ander\n---\n")},
		"content/fr/evaluation/valeurs.md": {Data: []byte("---\ntitle: Valeurs\n---\n")},
		"content/nl/evaluation/valeurs.md": {Data: []byte("---\ntitle: Waarden\n---\n")},
		"content/fr/_index.md":             {Data: []byte("---\ntitle: Accueil\n---\n")},
		"content/nl/_index.md":             {Data: []byte("---\ntitle: Home\n---\n")},
		"content/fr/indicateurs/_index.md": {Data: []byte("---\ntitle: Indicateurs\n---\n")},
		"content/nl/indicateurs/_index.md": {Data: []byte("---\ntitle: Indicatoren\n---\n")},
		"content/fr/a-propos/_index.md":    {Data: []byte("---\ntitle: À propos\n---\n")},
		"content/nl/a-propos/_index.md":    {Data: []byte("---\ntitle: Over\n---\n")},
		"content/fr/glossaire/_index.md":   {Data: []byte("---\ntitle: Glossaire\n---\n")},
		"content/nl/glossaire/_index.md":   {Data: []byte("---\ntitle: Woordenlijst\n---\n")},
	}
	langs := []string{"fr", "nl"}
	mds := content.Markdowns{}
	for _, lang := range langs {
		mds[lang] = markdown.New(markdown.Options{Lang: lang})
	}
	var l diag.List
	site := content.Load(fsys, langs, mds, &l, content.LoadOptions{Workers: 1})
	if l.HasErrors() {
		t.Fatalf("loading the site: %s", l.String())
	}
	var out diag.List
	Check(site, &out)
	return &out
}

// errs returns the messages of l, one per line, as the build prints them.
func errs(l *diag.List) []string {
	var out []string
	for _, d := range l.Items() {
		out = append(out, d.Error())
	}
	return out
}

const good = `---
title: Rapport
report:
  - id: context
    title: Contexte
    show:
      - worksheet:fiche
      - worksheet:fiche#notes
      - radar:fiche
      - indicators
    fields:
      - {id: changed, label: Ce qui a changé}
---
`

func TestCheckAcceptsAGoodOutline(t *testing.T) {
	l := load(t, good, strings.Replace(strings.Replace(good, "Contexte", "Context", 1), "Ce qui a changé", "Wat veranderde", 1))
	for _, e := range errs(l) {
		if !strings.HasPrefix(e, "content/fr/methode/autre.md") {
			t.Errorf("unexpected: %s", e)
		}
	}
}

func TestCheckReportsBadOutlinesAtTheirLine(t *testing.T) {
	fr := `---
title: Rapport
report:
  - id: context
    title: Contexte
    show:
      - worksheet:fiche
      - worksheet:absente
      - radar:simple
      - worksheet:fiche#nulle
      - everything
    fields:
      - {id: changed, label: Ce qui a changé}
      - {id: changed, label: Encore}
  - id: Bad_ID
    title: ""
---
`
	nl := `---
title: Rapport
report:
  - id: context
    title: Context
    fields:
      - {id: other, label: Iets anders}
---
`
	got := errs(load(t, fr, nl))
	want := []string{
		`content/fr/evaluation/rapport.md:8:1: report: show "worksheet:absente": there is no worksheet fiches/absente.md`,
		`content/fr/evaluation/rapport.md:9:1: report: show "radar:simple": the worksheet has no radar (it needs three scored sections)`,
		`content/fr/evaluation/rapport.md:10:1: report: show "worksheet:fiche#nulle": the worksheet has no section "nulle"`,
		`content/fr/evaluation/rapport.md:11:1: report: show "everything": write worksheet:ID, worksheet:ID#SECTION, radar:ID or indicators`,
		`content/fr/evaluation/rapport.md:14:1: report: id "changed" is used twice`,
		`content/fr/evaluation/rapport.md:15:1: report: id "Bad_ID" must be lower-case letters, digits and hyphens`,
		`content/fr/evaluation/rapport.md:15:1: report: part "Bad_ID" has no title`,
		`content/nl/evaluation/rapport.md:3:1: report: the parts and fields differ from content/fr/evaluation/rapport.md`,
		`content/fr/methode/autre.md:3:1: report: only evaluation/rapport.md can declare the report's outline`,
	}
	text := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing %s", w)
		}
	}
	if t.Failed() || len(got) != len(want) {
		t.Errorf("got %d errors, want %d:\n%s", len(got), len(want), text)
	}
}
