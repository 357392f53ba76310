// Package check reports what vises check finds in an assembled site beyond build errors:
// pages missing in a language, drafts, and UI strings missing in a locale.
package check

import (
	"fmt"
	"path"
	"strings"

	"vises/internal/content"
	"vises/internal/diag"
	"vises/internal/i18n"
)

// Site adds the findings of vises check to l.
func Site(site *content.Site, ui *i18n.Bundle, l *diag.List) {
	for _, p := range site.Pages {
		if p.Implicit {
			continue
		}
		for _, lang := range site.Langs {
			if lang == p.Lang || p.Translations[lang] != nil || site.FailedFile(lang, p.Path) != "" {
				// A translation that could not be read has its own error.
				continue
			}
			l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "no %s translation (expected content/%s/%s%s)", lang, lang, p.Path, pairingHint(site, p, lang))
		}
	}
	for _, p := range site.Drafts {
		l.Warnf(diag.Pos{File: p.File, Line: 1, Col: 1}, "draft: not published")
	}
	l.Add(ui.Missing()...)
}

// pairingHint says how to pair p with its translation in lang when that may have another file
// name: it names the pages of the same folder in lang that have no translation in p's language.
func pairingHint(site *content.Site, p *content.Page, lang string) string {
	var alone []string
	for _, q := range site.Pages {
		if q.Lang == lang && !q.Implicit && q.Kind == p.Kind && q.Dir() == p.Dir() && q.Translations[p.Lang] == nil {
			alone = append(alone, q.File)
		}
	}
	// The key suggested is the same in both warnings: from the name of the page of the first
	// language.
	named := p
	if len(alone) == 1 && p.Lang != site.Langs[0] {
		named = site.Page(lang, strings.TrimPrefix(alone[0], "content/"+lang+"/"))
	}
	key := strings.TrimSuffix(path.Base(named.Path), ".md")
	if named.Kind != content.KindPage {
		key = path.Base(path.Dir(named.Path))
	}
	if named.FM.TranslationKey != "" {
		key = named.FM.TranslationKey
	}
	switch {
	case len(alone) == 1:
		return fmt.Sprintf("; if %s is its translation, give both pages translationKey: %s", alone[0], key)
	case len(alone) > 1:
		if len(alone) > 3 {
			alone = append(alone[:3], "…")
		}
		return fmt.Sprintf("; if one of %s is its translation, give both pages translationKey: %s", strings.Join(alone, ", "), key)
	}
	return ""
}
