// Package benchsite writes generated bilingual sites in the kit's layout, for benchmarks: N
// pages per language in sections with _index.md pages, front matter with title, weight and
// description, and Markdown of 5 to 8 KB a page with headings, paragraphs, lists, tables,
// emphasis and links between pages. The same seed gives the same site.
package benchsite

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Sections are section folders of the kit's layout, and the Dutch slug of each. The
// catalogue and the glossary are left out: their pages carry structured data.
var Sections = [][2]string{
	{"methode", "methode"}, {"cas", "praktijkvoorbeelden"}, {"fiches", "werkbladen"},
	{"formation", "vorming"}, {"ressources", "bronnen"}, {"actualites", "nieuws"}, {"a-propos", "over"},
}

var words = map[string][]string{
	"fr": strings.Fields("impact social évaluation structure question évaluative indicateur partie prenante " +
		"bénévoles coopérative insertion accompagnement territoire données collecte analyse valorisation " +
		"résultat réalisation ressource activité utilité sociale gouvernance démocratique emploi formation " +
		"parcours travailleurs usagers financeurs réseau économie solidaire chaîne valeur méthode démarche"),
	"nl": strings.Fields("maatschappelijke impact evaluatie organisatie evaluatievraag indicator stakeholder " +
		"vrijwilligers coöperatie inschakeling begeleiding streek gegevens verzamelen analyse valorisatie " +
		"outcome output middelen activiteiten maatschappelijk nut bestuur democratisch werk opleiding " +
		"traject werknemers gebruikers financiers netwerk sociale economie waardeketen methode aanpak"),
}

// Generate writes site.yaml and content/fr, content/nl with n pages per language into dir.
func Generate(dir string, n int) error {
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(siteYAML), 0o644); err != nil {
		return err
	}
	for _, lang := range []string{"fr", "nl"} {
		r := rand.New(rand.NewPCG(uint64(n), 7))
		perSection := n / len(Sections)
		count := 0
		for si, sec := range Sections {
			pages := perSection
			if si == len(Sections)-1 {
				pages = n - count
			}
			secDir := filepath.Join(dir, "content", lang, sec[0])
			if err := os.MkdirAll(secDir, 0o755); err != nil {
				return err
			}
			index := fmt.Sprintf("---\ntitle: %s %s\nweight: %d\ndescription: %s\n", title(lang, sec[0]), lang, si+1, sentence(r, lang, 12))
			if lang == "nl" {
				index += "slug: " + sec[1] + "\n"
			}
			index += "---\n\n" + paragraph(r, lang, 4) + "\n"
			if err := os.WriteFile(filepath.Join(secDir, "_index.md"), []byte(index), 0o644); err != nil {
				return err
			}
			for i := 0; i < pages; i++ {
				body := page(r, lang, i, pages)
				fm := fmt.Sprintf("---\ntitle: %s %d\nweight: %d\ndescription: %s\n---\n\n", title(lang, sec[0]), i+1, i+1, sentence(r, lang, 14))
				if err := os.WriteFile(filepath.Join(secDir, fmt.Sprintf("page-%05d.md", i)), []byte(fm+body), 0o644); err != nil {
					return err
				}
			}
			count += pages
		}
		home := fmt.Sprintf("---\ntitle: Home %s\n---\n\n%s\n", lang, paragraph(r, lang, 3))
		if err := os.WriteFile(filepath.Join(dir, "content", lang, "_index.md"), []byte(home), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const siteYAML = `baseURL: https://bench.example/
languages: [fr, nl]
title: {fr: Banc d'essai, nl: Testbank}
description: {fr: Un site généré., nl: Een gegenereerde site.}
minify: true
`

func title(lang, section string) string {
	if lang == "nl" {
		return "Pagina " + section
	}
	return "Page " + section
}

func sentence(r *rand.Rand, lang string, n int) string {
	ws := words[lang]
	out := make([]string, n)
	for i := range out {
		out[i] = ws[r.IntN(len(ws))]
	}
	s := []rune(strings.Join(out, " "))
	return strings.ToUpper(string(s[:1])) + string(s[1:]) + "."
}

func paragraph(r *rand.Rand, lang string, sentences int) string {
	var b strings.Builder
	for i := 0; i < sentences; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := sentence(r, lang, 8+r.IntN(12))
		if r.IntN(4) == 0 {
			parts := strings.SplitN(s, " ", 3)
			if len(parts) == 3 {
				s = parts[0] + " *" + parts[1] + "* " + parts[2]
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// page writes about 5 to 8 KB of Markdown with links to other pages of the section.
func page(r *rand.Rand, lang string, i, pages int) string {
	var b strings.Builder
	target := 5000 + r.IntN(3000)
	h := 0
	for b.Len() < target {
		h++
		fmt.Fprintf(&b, "## %s %d\n\n", strings.TrimSuffix(sentence(r, lang, 3), "."), h)
		fmt.Fprintf(&b, "%s\n\n", paragraph(r, lang, 5))
		switch h % 3 {
		case 0:
			for k := 0; k < 4; k++ {
				fmt.Fprintf(&b, "- %s\n", sentence(r, lang, 6))
			}
			b.WriteByte('\n')
		case 1:
			b.WriteString("| a | b | c |\n|---|---|---|\n")
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "| %d | %s | **%d** |\n", k, sentence(r, lang, 3), r.IntN(100))
			}
			b.WriteByte('\n')
		case 2:
			other := r.IntN(pages)
			fmt.Fprintf(&b, "Voir [%s](page-%05d.md) et [la suite](page-%05d.md).\n\n", sentence(r, lang, 2), other, (i+1)%pages)
		}
	}
	return b.String()
}
